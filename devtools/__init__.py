"""Helpers the tests and the benchmarks share to drive the real app: a ``streamlit run`` server
on a free port, waited on until healthy, and the system Chromium's launch arguments; and the
generator of the example catalogue workbook (``example_workbook``). Never imported by the app,
data/, metrics/ or ui/."""
