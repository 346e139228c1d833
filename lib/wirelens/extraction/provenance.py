"""Which version of the extraction code produced a stored article.

A store outlives the code that filled it: after an upgrade, articles extracted before it lack
what the new code finds (a store made before the places layer has no places at all). Each
stored article records the fingerprint of the extraction code, so the dashboard can say how
many are out of date and ``wirelens ingest --refresh`` (and the seed corpus, by itself) can
extract them again.

The fingerprint covers exactly what decides what is extracted: the ``extraction`` and ``geo``
packages and their data files (cue lists, lexicons, the gazetteer's tables). Storage, exports,
the dashboard and the runners are outside it by where they live, not by a deny-list. It digests
meaning, not bytes: Python files as their syntax tree without docstrings, TOML files as their
parsed values, so a comment or docstring edit marks nothing out of date. Files are read, not
imported: taking it costs no spaCy import on a dashboard's cold start.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
COVERED = ("extraction", "geo")  # the packages whose files decide what is extracted
_SUFFIXES = (".py", ".toml", ".txt", ".json", ".csv", ".tsv", ".gz", ".parquet")


def _extraction_files() -> list[Path]:
    return sorted(
        path
        for folder in COVERED
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and path.suffix in _SUFFIXES and "__pycache__" not in path.parts
    )


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                node.body = node.body[1:] or [ast.Pass()]
    return tree


def _meaning(path: Path) -> bytes:
    """What of a file can change output: its code without comments and docstrings, its data without comments."""
    if path.suffix == ".py":
        return ast.dump(_without_docstrings(ast.parse(path.read_bytes()))).encode()
    if path.suffix == ".toml":
        try:
            return json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), sort_keys=True, default=str).encode()
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            pass  # a broken table is read as bytes; the layer reading it reports the error
    return path.read_bytes()


@functools.cache
def extraction_fingerprint() -> str:
    """A short digest of the extraction code and its data files (lexicons, cue lists, gazetteer tables)."""
    digest = hashlib.sha256()
    for path in _extraction_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(_meaning(path))
    return digest.hexdigest()[:12]
