"""Open a dashboard page the way a visitor does: through app.py's router, optionally by deep link."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

# Not app.py itself: AppTest would treat the pages/ folder beside it as old-style pages.
MAIN = str(Path(__file__).resolve().parent / "apptest" / "main.py")


def open_page(page: str | None = None, **query: str) -> AppTest:
    """Run the app with ``query`` as the URL's parameters, switch to ``pages/<page>``, and
    check that nothing raised. ``page`` None stays on the default page (the overview)."""
    at = AppTest.from_file(MAIN, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"../../pages/{page}").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
