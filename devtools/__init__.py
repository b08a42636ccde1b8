"""Helpers the tests and the benchmarks share to drive the real app: a ``streamlit run`` server
on a free port, waited on until healthy, and the system Chromium's launch arguments. Never
imported by the app, data/, metrics/ or ui/."""
