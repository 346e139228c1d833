"""Read articles from .txt, .html, .jsonl and .csv files (or folders of them).

Reading yields :class:`Article` records, and :class:`InputProblem` records for anything
that could not be read, so a caller can report each bad file and carry on with the batch.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import zipfile
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from wirelens.extraction.articles import Article, InputProblem, make_article, parse_date

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv", ".zip")
# Limits on what a .zip may unpack to: a zip bomb is refused, not expanded.
ZIP_MAX_MEMBERS = 20_000
ZIP_MAX_MEMBER_BYTES = 64 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 512 * 1024 * 1024
ZIP_MAX_RATIO = 200  # uncompressed / compressed; text compresses ~3-10x
SIDECAR_SUFFIX = ".meta.json"  # ``story.meta.json`` carries title/date/source/url for ``story.txt``
_TEXT_FIELDS = ("text", "body", "content")
_BINARY_SNIFF = 8192


def read_paths(
    paths: Iterable[str | Path],
    *,
    encoding: str = "utf-8",
    default_date: dt.date | None = None,
) -> Iterator[Article | InputProblem]:
    """Every article in the given files and folders, and a problem record for each failure."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _ignored_in_folder(child.relative_to(path)):
                    yield from _read_file(child, encoding, default_date)
        elif path.is_file():
            yield from _read_file(path, encoding, default_date)
        else:
            yield InputProblem(str(path), "no such file or folder")


def _ignored_in_folder(relative: Path) -> bool:
    """Hidden files and folders (.git, .ipynb_checkpoints) and metadata sidecars."""
    return any(part.startswith(".") for part in relative.parts) or relative.name.endswith(SIDECAR_SUFFIX)


def _read_file(path: Path, encoding: str, default_date: dt.date | None) -> Iterator[Article | InputProblem]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputProblem(str(path), f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}")
        return
    if suffix == ".zip":
        yield from _from_zip(path, encoding, default_date)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(str(path), f"cannot be read ({exc.strerror or exc})")
        return
    yield from _read_bytes(str(path), path, suffix, data, encoding, default_date)


def _read_bytes(
    where: str, sidecar_of: Path | None, suffix: str, data: bytes, encoding: str, default_date: dt.date | None
) -> Iterator[Article | InputProblem]:
    """Articles in one file's bytes; ``where`` names it in messages, ``sidecar_of`` is where its
    metadata sidecar would be (None inside archives)."""
    try:
        text, note = decode_bytes(data, encoding)
    except ValueError as exc:
        yield InputProblem(where, str(exc))
        return
    if note:
        yield InputProblem(where, note, skipped=False)
    if suffix == ".txt":
        items = _from_txt(where, text, sidecar_of)
    else:
        items = {".html": _from_html, ".htm": _from_html, ".jsonl": _from_jsonl, ".csv": _from_csv}[suffix](where, text)
    for item in items:
        if isinstance(item, Article) and item.date is None and default_date is not None:
            item = replace(item, date=default_date)
        yield item


def _from_zip(path: Path, encoding: str, default_date: dt.date | None) -> Iterator[Article | InputProblem]:
    """Articles in a .zip of supported files, refusing anything that unpacks suspiciously large."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield InputProblem(str(path), f"not a readable zip archive ({exc})")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > ZIP_MAX_MEMBERS:
            yield InputProblem(str(path), f"zip holds {len(members):,} files; the limit is {ZIP_MAX_MEMBERS:,}")
            return
        total = 0
        for member in sorted(members, key=lambda m: m.filename):
            where = f"{path}!{member.filename}"
            name = PurePosixPath(member.filename)
            if any(part.startswith(".") or part == "__MACOSX" for part in name.parts) or name.name.endswith(SIDECAR_SUFFIX):
                continue
            suffix = name.suffix.lower()
            if suffix not in SUPPORTED_SUFFIXES or suffix == ".zip":
                yield InputProblem(where, f"unsupported file type {suffix or '(none)'} inside the zip")
                continue
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > ZIP_MAX_MEMBER_BYTES or ratio > ZIP_MAX_RATIO:
                yield InputProblem(where, f"refused: unpacks to {member.file_size:,} bytes "
                                          f"({ratio:.0f}x its compressed size; a zip bomb?)")
                continue
            total += member.file_size
            if total > ZIP_MAX_TOTAL_BYTES:
                yield InputProblem(str(path), f"refused the rest: the zip unpacks to more than {ZIP_MAX_TOTAL_BYTES:,} bytes")
                return
            try:
                with archive.open(member) as fh:
                    data = fh.read(ZIP_MAX_MEMBER_BYTES + 1)  # never trust the declared size alone
            except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
                yield InputProblem(where, f"cannot be unpacked ({exc})")
                continue
            if len(data) > ZIP_MAX_MEMBER_BYTES:
                yield InputProblem(where, "refused: unpacks to more than its declared size (a zip bomb?)")
                continue
            yield from _read_bytes(where, None, suffix, data, encoding, default_date)


def decode_file(path: Path, encoding: str = "utf-8") -> str:
    """The file's text; ValueError with a one-line reason for empty, binary or mis-encoded files."""
    return decode_bytes(path.read_bytes(), encoding)[0]


def decode_bytes(data: bytes, encoding: str = "utf-8") -> tuple[str, str | None]:
    """(text, caveat or None); ValueError with a one-line reason for empty, binary or mis-encoded bytes."""
    if not data.strip():
        raise ValueError("empty file")
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), None
    head = data[:_BINARY_SNIFF]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return data.decode(utf16, errors="replace"), f"read as {utf16.upper()} (no byte-order mark)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) * 0.1:
        raise ValueError("binary file, not text")
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode(encoding), "file ends in the middle of a character (truncated?)"
        raise ValueError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "re-save it as UTF-8 or pass --encoding"
        ) from None
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when mostly-Latin text has a NUL in every other byte."""
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _sidecar(path: Path) -> Mapping[str, object]:
    meta = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not meta.is_file():
        return {}
    data = json.loads(meta.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return data


def _from_txt(where: str, text: str, sidecar_of: Path | None) -> Iterator[Article | InputProblem]:
    try:
        meta = _sidecar(sidecar_of) if sidecar_of is not None else {}
    except ValueError as exc:
        yield InputProblem(where, f"metadata file is not valid JSON ({exc}); read without it", skipped=False)
        meta = {}
    fields = {key: meta.get(key) for key in ("title", "date", "source", "url")}
    yield from _article_or_problem(where, text, fields, headline_first=True)


def _from_html(where: str, html: str) -> Iterator[Article | InputProblem]:
    import trafilatura  # heavy; only HTML input needs it

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    doc = result.as_dict() if result is not None else {}
    if not (doc.get("text") or "").strip():
        yield InputProblem(where, "no article text found in the HTML")
        return
    fields = {"title": doc.get("title"), "date": doc.get("date"), "source": doc.get("sitename"), "url": doc.get("url")}
    yield from _article_or_problem(where, _drop_repeated_title(doc["text"], doc.get("title")), fields)


def _drop_repeated_title(text: str, title: str | None) -> str:
    """Pages repeat the headline as the first line of the body; keep it once, as the title."""
    first, _, rest = text.lstrip().partition("\n")
    return rest if title and rest.strip() and first.strip() == title.strip() else text


def _from_jsonl(where: str, text: str) -> Iterator[Article | InputProblem]:
    # Split on \n only: JSON strings may hold U+2028 and friends unescaped.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_at = f"{where}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(line_at, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield InputProblem(line_at, "expected a JSON object per line")
            continue
        yield from _record_article(line_at, record)


def _from_csv(where: str, text: str) -> Iterator[Article | InputProblem]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""))  # quoted fields keep their line breaks
    columns = {c.strip().lower() for c in (reader.fieldnames or []) if c}
    if not columns & set(_TEXT_FIELDS):
        yield InputProblem(where, f"no text column (found: {', '.join(sorted(columns)) or 'none'}; need 'text')")
        return
    rows = 0
    try:
        for row in reader:
            rows += 1
            record = {(k or "").strip().lower(): v for k, v in row.items()}
            yield from _record_article(f"{where}:{reader.line_num}", record)
        if rows == 0:
            yield InputProblem(where, "CSV has a header but no rows")
    except csv.Error as exc:
        yield InputProblem(f"{where}:{reader.line_num}", f"malformed CSV ({exc})")


def _record_article(where: str, record: Mapping[str, object]) -> Iterator[Article | InputProblem]:
    raw = next((record[f] for f in _TEXT_FIELDS if record.get(f)), None)
    if not isinstance(raw, str) or not raw.strip():
        yield InputProblem(where, "no text")
        return
    fields = {key: record.get(key) for key in ("title", "date", "source", "url")}
    fields["title"] = fields["title"] or record.get("headline")
    yield from _article_or_problem(where, raw, fields)


def _article_or_problem(
    where: str, text: str, fields: Mapping[str, object], *, headline_first: bool = False
) -> Iterator[Article | InputProblem]:
    kwargs = {key: _str_or_none(fields.get(key)) for key in ("title", "source", "url")}
    try:
        date = parse_date(fields.get("date"))
    except ValueError as exc:
        yield InputProblem(where, f"{exc}; read as undated", skipped=False)
        date = None
    try:
        yield make_article(text, date=date, path=where, headline_first=headline_first, **kwargs)
    except ValueError as exc:
        yield InputProblem(where, str(exc))


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)

