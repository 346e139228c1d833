"""Which version of the extraction code produced a stored article.

A store outlives the code that filled it: after an upgrade, articles extracted before it lack
what the new code finds (a store made before the places layer has no places at all). Each
stored article records the fingerprint of the extraction code, so the dashboard can say how
many are out of date and ``wirelens ingest --refresh`` (and the seed corpus, by itself) can
extract them again.

The fingerprint is a digest of the package's own files, read as bytes, not imported: taking
it costs no spaCy import on a dashboard's cold start. It covers every file but the dashboard
and the modules that only move records around, so it errs on the side of "out of date": a
change that alters no output still asks for a refresh, never the reverse.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Code that never changes what is extracted: the dashboard, storage, the command line, exports.
_NOT_EXTRACTION = frozenset({
    "dashboard", "__init__.py", "__main__.py", "cli.py", "config.py", "corrections.py", "distributed.py",
    "exports.py", "ingest.py", "parallel.py", "provenance.py", "store.py", "columns.toml",
})


def _extraction_files() -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix in (".py", ".toml", ".txt", ".json")
        and "__pycache__" not in path.parts and path.relative_to(PACKAGE).parts[0] not in _NOT_EXTRACTION
    )


@functools.cache
def extraction_fingerprint() -> str:
    """A short digest of the extraction code and its data files (lexicons, cue lists)."""
    digest = hashlib.sha256()
    for path in _extraction_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
