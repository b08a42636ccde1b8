"""The progress report as a document (Word, HTML, PDF): composed from the data layer and the ui's
words and figures, like a page, but without streamlit, so the CLI and the Report page make the
same bytes. See ``report.document`` for the one entry point."""
