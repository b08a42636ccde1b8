"""What several pages share: filters, translations, formatting, plotly figure builders.

Imports ``metrics``, and ``data`` only for typing (tests/test_layers.py checks); pages pass
frames in.
"""
