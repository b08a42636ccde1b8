"""Streamlit's secrets read from one file of the test's, in this process: what ``streamlit run
--secrets.files=PATH`` does for a server, for AppTest and for direct calls.

``st.secrets`` is a process-wide singleton that parses its files once; ``secrets_from(path)``
points it at ``path`` only (a path with no file: no secrets at all, whatever a developer keeps
in ``.streamlit/``) and forgets what it read before and after. Both our configuration check
and Streamlit's own ``st.login`` read it, so a test sees them agree or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from streamlit.runtime.secrets import secrets_singleton
from streamlit.testing.v1.util import patch_config_options

__all__ = ["secrets_from"]


@contextmanager
def secrets_from(path: Path) -> Iterator[None]:
    secrets_singleton._reset()
    # No file watcher: the file is the test's and gone after it.
    with (
        patch_config_options({"secrets.files": [str(path)]}),
        patch.object(secrets_singleton, "_file_watchers_installed", True),
    ):
        try:
            yield
        finally:
            secrets_singleton._reset()
