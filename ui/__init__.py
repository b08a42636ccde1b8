"""What several pages share: filters, translations, formatting, plotly figure builders.

Imports ``metrics`` (never ``data`` or ``pages``); pages pass frames in.
"""
