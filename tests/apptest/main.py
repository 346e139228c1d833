"""AppTest entry point: runs the real app.py from a folder with no ``pages/`` beside it.

AppTest registers a ``pages/`` folder next to its main script as old-style pages and then
runs page files on their own; from here only ``st.navigation`` registers pages, as in a
real session, so the shared sidebar runs on every page.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[2] / "app.py"), run_name="__main__")
