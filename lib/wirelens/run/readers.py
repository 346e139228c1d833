"""Read articles from .txt, .html, .json, .jsonl and .csv files (or folders or zips of them).

Reading yields :class:`Article` records, and :class:`InputProblem` records for anything
that could not be read, so a caller can report each bad file and carry on with the batch.
Every failure is one file's or one line's: whatever a file holds, the next file is read.
JSON-lines and CSV files are read a line at a time, so their size never has to fit in memory.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import stat
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from wirelens.config import load_settings
from wirelens.extraction.articles import Article, InputProblem, check_date, make_article, parse_date
from wirelens.run.outlets import article_outlet

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".zip")
# Limits on what a .zip may unpack to: a zip bomb is refused, not expanded.
ZIP_MAX_MEMBERS = 20_000
ZIP_MAX_MEMBER_BYTES = 64 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 512 * 1024 * 1024
ZIP_MAX_RATIO = 200  # uncompressed / compressed; text compresses ~3-10x
SIDECAR_SUFFIX = ".meta.json"  # ``story.meta.json`` carries title/date/source/url for ``story.txt``
SIDECAR_MAX_BYTES = 1024 * 1024
_TEXT_FIELDS = ("text", "body", "content")
_META_FIELDS = ("title", "date", "source", "url")
_BINARY_SNIFF = 8192
Bounds = tuple[dt.date, dt.date]
MetaLoader = Callable[[], Mapping[str, object]]


def read_paths(
    paths: Iterable[str | Path],
    *,
    encoding: str = "utf-8",
    default_date: dt.date | None = None,
    date_bounds: Bounds | None = None,
) -> Iterator[Article | InputProblem]:
    """Every article in the given files and folders, and a problem record for each failure.

    Dates outside ``date_bounds`` (default: the settings' plausible range, see
    :class:`wirelens.config.Settings`) are read as undated, with a warning. Inside a folder,
    symbolic links are followed only to files in that folder; the others, and broken ones,
    get a problem record each.
    """
    bounds = date_bounds or load_settings().date_bounds()
    if default_date is not None:
        check_date(default_date, bounds)  # a bad --date is the whole batch's mistake: raise at once
    for path in paths:
        path = Path(path)
        if path.is_dir():
            root = path.resolve()
            for child in _folder_entries(path):
                yield from _guarded(str(child), _read_folder_entry(child, root, encoding, default_date, bounds))
        elif path.is_file():
            yield from _guarded(str(path), _read_file(path, encoding, default_date, bounds))
        elif path.is_symlink():
            yield InputProblem(str(path), f"broken symbolic link (to {os.readlink(path)})")
        else:
            yield InputProblem(str(path), "no such file or folder")


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``, ``\\u202e``), for report lines:
    a file named "a\\n999 added.txt" cannot forge a line of output, nor an ANSI escape recolour it."""
    return _UNPRINTABLE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


# C0/C1 controls, line and paragraph separators, and the bidirectional overrides that reorder a line.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _guarded(where: str, items: Iterator[Article | InputProblem]) -> Iterator[Article | InputProblem]:
    """``items``, with anything unforeseen that a file raises reported as that file's problem."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one file's failure must not cost the batch
        yield InputProblem(where, f"could not be read ({_describe(exc)})")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return f"{type(exc).__name__}: {exc}"[:300]


def _folder_entries(root: Path) -> list[Path]:
    """Every file under ``root``, sorted, without entering hidden folders or linked folders."""
    entries: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):  # followlinks=False: a linked folder is listed, not entered
        folder = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        entries += (folder / name for name in filenames)
        entries += (folder / name for name in dirnames if (folder / name).is_symlink())
    return sorted(e for e in entries if not _ignored_in_folder(e.relative_to(root)))


def _read_folder_entry(
    child: Path, root: Path, encoding: str, default_date: dt.date | None, bounds: Bounds
) -> Iterator[Article | InputProblem]:
    if child.is_symlink():
        target = child.resolve()
        if not target.exists():
            yield InputProblem(str(child), f"broken symbolic link (to {os.readlink(child)})")
            return
        if not target.is_relative_to(root):
            yield InputProblem(str(child), "symbolic link to outside the folder; not followed")
            return
        if target.is_dir():
            yield InputProblem(
                str(child), "symbolic link to a folder; not followed (its files are read where they are)", skipped=False
            )
            return
    if not child.is_file():
        yield InputProblem(str(child), "not a regular file")
        return
    yield from _read_file(child, encoding, default_date, bounds)


def _ignored_in_folder(relative: Path) -> bool:
    """Hidden files and folders (.git, .ipynb_checkpoints) and metadata sidecars."""
    return any(part.startswith(".") for part in relative.parts) or relative.name.endswith(SIDECAR_SUFFIX)


def _read_file(
    path: Path, encoding: str, default_date: dt.date | None, bounds: Bounds
) -> Iterator[Article | InputProblem]:
    suffix = path.suffix.lower()
    if path.name.endswith(SIDECAR_SUFFIX):
        article = path.name[: -len(SIDECAR_SUFFIX)]
        yield InputProblem(
            str(path), f"a metadata file: give its article ({article}.txt) instead, with this file beside it"
        )
        return
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputProblem(
            str(path), f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}"
        )
        return
    if suffix == ".zip":
        yield from _from_zip(path, encoding, default_date, bounds)
        return
    try:
        if suffix in _STREAMED:  # read a line at a time: a file of a million lines is never held whole
            with path.open("rb") as fh:
                yield from _with_default_date(_STREAMED[suffix](str(path), fh, encoding, bounds), default_date)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(str(path), f"cannot be read ({exc.strerror or exc})")
        return
    yield from _read_bytes(str(path), lambda: _sidecar(path), suffix, data, encoding, default_date, bounds)


def _read_bytes(
    where: str,
    meta: MetaLoader | None,
    suffix: str,
    data: bytes,
    encoding: str,
    default_date: dt.date | None,
    bounds: Bounds,
) -> Iterator[Article | InputProblem]:
    """Articles in one file's bytes; ``where`` names it in messages, ``meta`` loads its metadata
    sidecar (.txt files)."""
    if suffix in _STREAMED:
        yield from _with_default_date(_STREAMED[suffix](where, io.BytesIO(data), encoding, bounds), default_date)
        return
    try:
        text, note = decode_bytes(data, encoding)
    except ValueError as exc:
        yield InputProblem(where, str(exc))
        return
    if note:
        yield InputProblem(where, note, skipped=False)
    if suffix == ".txt":
        items = _from_txt(where, text, meta, bounds)
    elif suffix == ".json":
        items = _from_json(where, text, bounds)
    else:
        items = _from_html(where, text, bounds)
    yield from _with_default_date(items, default_date)


def _with_default_date(
    items: Iterable[Article | InputProblem], default_date: dt.date | None
) -> Iterator[Article | InputProblem]:
    for item in items:
        if isinstance(item, Article) and item.date is None and default_date is not None:
            item = replace(item, date=default_date)
        yield item


def _from_zip(
    path: Path, encoding: str, default_date: dt.date | None, bounds: Bounds
) -> Iterator[Article | InputProblem]:
    """Articles in a .zip of supported files, refusing anything that unpacks suspiciously large.

    Every member gets an article or a problem, except hidden files and macOS resource forks;
    members are read in memory, never written out, so a ``../`` name cannot escape, but it is
    refused all the same, with a row that says so.
    """
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
        names = {m.filename for m in members}
        total = 0
        for member in sorted(members, key=lambda m: m.filename):
            where = f"{path}!{member.filename}"
            name = PurePosixPath(member.filename.replace("\\", "/"))
            if ".." in name.parts or name.is_absolute() or re.match(r"^[A-Za-z]:", member.filename):
                yield InputProblem(where, "refused: its path leaves the archive (.. or absolute)")
                continue
            if any(part.startswith(".") or part == "__MACOSX" for part in name.parts) or name.name.endswith(
                SIDECAR_SUFFIX
            ):
                continue
            if stat.S_ISLNK(member.external_attr >> 16):
                yield InputProblem(where, "refused: a symbolic link inside the zip; not followed")
                continue
            suffix = name.suffix.lower()
            if suffix not in SUPPORTED_SUFFIXES or suffix == ".zip":
                yield InputProblem(where, f"unsupported file type {suffix or '(none)'} inside the zip")
                continue
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > ZIP_MAX_MEMBER_BYTES or ratio > ZIP_MAX_RATIO:
                yield InputProblem(
                    where,
                    f"refused: unpacks to {member.file_size:,} bytes ({ratio:.0f}x its compressed size; a zip bomb?)",
                )
                continue
            total += member.file_size
            if total > ZIP_MAX_TOTAL_BYTES:
                yield InputProblem(
                    str(path), f"refused the rest: the zip unpacks to more than {ZIP_MAX_TOTAL_BYTES:,} bytes"
                )
                return
            try:
                data = _unzip(archive, member, ZIP_MAX_MEMBER_BYTES)
            except (OSError, zipfile.BadZipFile, RuntimeError, ValueError) as exc:
                yield InputProblem(where, f"cannot be unpacked ({exc})")
                continue
            sidecar = str(name.with_name(name.stem + SIDECAR_SUFFIX))
            meta = (lambda s=sidecar: _zip_sidecar(archive, s)) if sidecar in names else None
            yield from _guarded(where, _read_bytes(where, meta, suffix, data, encoding, default_date, bounds))


def _unzip(archive: zipfile.ZipFile, member: zipfile.ZipInfo | str, limit: int) -> bytes:
    with archive.open(member) as fh:
        data = fh.read(limit + 1)  # never trust the declared size alone
    if len(data) > limit:
        raise ValueError("refused: unpacks to more than its declared size (a zip bomb?)")
    return data


def _zip_sidecar(archive: zipfile.ZipFile, name: str) -> Mapping[str, object]:
    return _meta_object(_unzip(archive, name, SIDECAR_MAX_BYTES))


def decode_file(path: Path, encoding: str = "utf-8") -> str:
    """The file's text; ValueError with a one-line reason for empty, binary or mis-encoded files."""
    return decode_bytes(path.read_bytes(), encoding)[0]


def decode_bytes(data: bytes, encoding: str = "utf-8") -> tuple[str, str | None]:
    """(text, caveat or None); ValueError with a one-line reason for empty, binary or mis-encoded bytes."""
    if not data.strip():
        raise ValueError("empty file")
    codec, note = _sniff(data[:_BINARY_SNIFF], encoding)
    if codec != encoding:  # a byte-order mark, or UTF-16 recognised without one
        return data.decode(codec, errors="replace"), note
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode(encoding), "file ends in the middle of a character (truncated?)"
        raise ValueError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "re-save it as UTF-8 or pass --encoding"
        ) from None


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when mostly-Latin text has a NUL in every other byte."""
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
    if meta.stat().st_size > SIDECAR_MAX_BYTES:
        raise ValueError(f"larger than {SIDECAR_MAX_BYTES:,} bytes")
    return _meta_object(meta.read_bytes())


def _meta_object(data: bytes) -> Mapping[str, object]:
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(meta, dict):
        raise ValueError("expected a JSON object")
    return meta


def _from_txt(
    where: str, text: str, meta_loader: MetaLoader | None, bounds: Bounds
) -> Iterator[Article | InputProblem]:
    try:
        meta = meta_loader() if meta_loader is not None else {}
    except ValueError as exc:  # json.JSONDecodeError is one
        yield InputProblem(where, f"metadata file is not valid JSON ({exc}); read without it", skipped=False)
        meta = {}
    fields = {key: meta.get(key) for key in _META_FIELDS}
    yield from _article_or_problem(where, text, fields, bounds, headline_first=True)


def _from_html(where: str, html: str, bounds: Bounds) -> Iterator[Article | InputProblem]:
    import trafilatura  # heavy; only HTML input needs it

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    doc = result.as_dict() if result is not None else {}
    if not (doc.get("text") or "").strip():
        yield InputProblem(where, "no article text found in the HTML")
        return
    fields = {"title": doc.get("title"), "date": doc.get("date"), "source": doc.get("sitename"), "url": doc.get("url")}
    yield from _article_or_problem(where, _drop_repeated_title(doc["text"], doc.get("title")), fields, bounds)


def _drop_repeated_title(text: str, title: str | None) -> str:
    """Pages repeat the headline as the first line of the body; keep it once, as the title."""
    first, _, rest = text.lstrip().partition("\n")
    return rest if title and rest.strip() and first.strip() == title.strip() else text


def _from_json(where: str, text: str, bounds: Bounds) -> Iterator[Article | InputProblem]:
    """A .json file: one article object, or an array of them (JSON lines under a .json name are read as such)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one object per line, named .json
            yield from _from_jsonl(where, io.BytesIO(text.encode("utf-8")), "utf-8", bounds)
            return
        yield InputProblem(where, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    except (RecursionError, ValueError) as exc:
        yield InputProblem(where, f"not valid JSON ({_describe(exc) if isinstance(exc, RecursionError) else exc})")
        return
    if isinstance(data, dict):
        yield from _record_article(where, data, bounds)
        return
    if not isinstance(data, list):
        yield InputProblem(where, "expected an article object, or an array of them")
        return
    for index, record in enumerate(data):
        item_at = f"{where}[{index}]"
        if isinstance(record, dict):
            yield from _guarded(item_at, _record_article(item_at, record, bounds))
        else:
            yield InputProblem(item_at, "expected an article object")


def _lines(
    where: str, fh: BinaryIO, encoding: str, *, split_cr: bool = False
) -> Iterator[tuple[int, str | InputProblem]]:
    """(line number, the line with its ending, or the problem that line has), one line in memory at a time.

    Lines end at \\n only (JSON strings may hold U+2028 and friends unescaped); ``split_cr`` also
    ends them at a lone \\r (old Mac CSV). A line that does not decode is that line's problem.
    Raises ValueError, before any line, for a binary file, an unknown encoding or an empty file.
    """
    head = fh.read(_BINARY_SNIFF)
    codec, note = _sniff(head, encoding)
    fh.seek(0)
    if note:
        yield 0, InputProblem(where, note, skipped=False)
    seen_text = False
    if codec in ("utf-16", "utf-32", "utf-16-le", "utf-16-be"):  # not ASCII-compatible: decode as a stream
        stream: Iterable[tuple[int, bytes | str]] = enumerate(
            io.TextIOWrapper(fh, encoding=codec, errors="replace", newline="\n"), start=1
        )
    else:
        if codec == "utf-8-sig":
            fh.read(len(codecs.BOM_UTF8))
            codec = "utf-8"
        stream = enumerate(fh, start=1)
    for lineno, raw in stream:
        if isinstance(raw, str):
            line = raw
        else:
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError as exc:
                if exc.reason == "unexpected end of data" and not raw.endswith(b"\n"):
                    line = raw[: exc.start].decode(codec, errors="replace")
                    yield (
                        lineno,
                        InputProblem(where, "file ends in the middle of a character (truncated?)", skipped=False),
                    )
                else:
                    seen_text = True
                    yield (
                        lineno,
                        InputProblem(
                            f"{where}:{lineno}",
                            f"not valid {encoding} (byte 0x{raw[exc.start]:02x} "
                            f"at position {exc.start} of the line); re-save it as UTF-8 or pass --encoding",
                        ),
                    )
                    continue
        seen_text = seen_text or bool(line.strip())
        if split_cr and "\r" in line.rstrip("\r\n"):
            for piece in _LONE_CR.split(line):
                if piece:
                    yield lineno, piece
        else:
            yield lineno, line
    if not seen_text:
        raise ValueError("empty file")


_LONE_CR = re.compile(r"(?<=\r)(?!\n)")


def _sniff(head: bytes, encoding: str) -> tuple[str, str | None]:
    """(codec, caveat or None) for a file that starts with ``head``; ValueError for a binary file."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return codec, None
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16, f"read as {utf16.upper()} (no byte-order mark)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) * 0.1:
        raise ValueError("binary file, not text")
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    if "\n".encode(info.name) != b"\n":
        return info.name, None  # UTF-16/32 by name: decoded as a stream
    return encoding, None


def _from_jsonl(where: str, fh: BinaryIO, encoding: str, bounds: Bounds) -> Iterator[Article | InputProblem]:
    try:
        for lineno, line in _lines(where, fh, encoding):
            if isinstance(line, InputProblem):
                yield line
                continue
            if not line.strip():
                continue
            line_at = f"{where}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputProblem(line_at, f"not valid JSON ({exc.msg})")
                continue
            except RecursionError:  # 100,000 nested "[": the line, not the batch
                yield InputProblem(line_at, "not valid JSON (nested too deeply)")
                continue
            except ValueError as exc:  # e.g. an integer of more digits than Python converts
                yield InputProblem(line_at, f"not valid JSON ({exc})")
                continue
            if not isinstance(record, dict):
                yield InputProblem(line_at, "expected a JSON object per line")
                continue
            yield from _guarded(line_at, _record_article(line_at, record, bounds))
    except ValueError as exc:  # binary, empty, unknown encoding: the whole file's problem
        yield InputProblem(where, str(exc))


def _from_csv(where: str, fh: BinaryIO, encoding: str, bounds: Bounds) -> Iterator[Article | InputProblem]:
    csv.field_size_limit(sys.maxsize)
    pending: list[InputProblem] = []  # lines that did not decode, reported between rows
    current = [0]

    def text_lines() -> Iterator[str]:
        for lineno, line in _lines(where, fh, encoding, split_cr=True):
            current[0] = lineno
            if isinstance(line, InputProblem):
                pending.append(line)
            else:
                yield line

    try:
        reader = csv.DictReader(text_lines())  # quoted fields keep their line breaks
        columns = {c.strip().lower() for c in (reader.fieldnames or []) if c}
    except csv.Error as exc:
        yield from pending
        yield InputProblem(where, f"malformed CSV header ({exc})")
        return
    except ValueError as exc:  # binary, empty, unknown encoding
        yield from pending
        yield InputProblem(where, str(exc))
        return
    yield from pending
    pending.clear()
    if not columns & set(_TEXT_FIELDS):
        yield InputProblem(where, f"no text column (found: {', '.join(sorted(columns)) or 'none'}; need 'text')")
        return
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # one malformed row; the reader carries on at the next line
            yield from pending
            pending.clear()
            yield InputProblem(f"{where}:{current[0]}", f"malformed CSV ({exc})")
            continue
        except ValueError as exc:  # "empty file" cannot happen after a header; anything else is the file's
            yield InputProblem(where, str(exc))
            return
        yield from pending
        pending.clear()
        rows += 1
        record = {(k or "").strip().lower(): v for k, v in row.items()}
        row_at = f"{where}:{reader.line_num}"
        yield from _guarded(row_at, _record_article(row_at, record, bounds))
    yield from pending
    if rows == 0:
        yield InputProblem(where, "CSV has a header but no rows")


_STREAMED: dict[str, Callable[[str, BinaryIO, str, Bounds], Iterator[Article | InputProblem]]] = {
    ".jsonl": _from_jsonl,
    ".csv": _from_csv,
}


def _record_article(where: str, record: Mapping[str, object], bounds: Bounds) -> Iterator[Article | InputProblem]:
    raw = next((record[f] for f in _TEXT_FIELDS if record.get(f)), None)
    if not isinstance(raw, str) or not raw.strip():
        yield InputProblem(where, "no text")
        return
    fields = {key: record.get(key) for key in _META_FIELDS}
    fields["title"] = fields["title"] or record.get("headline")
    yield from _article_or_problem(where, raw, fields, bounds)


def _article_or_problem(
    where: str, text: str, fields: Mapping[str, object], bounds: Bounds, *, headline_first: bool = False
) -> Iterator[Article | InputProblem]:
    kwargs = {key: _str_or_none(fields.get(key)) for key in ("title", "source", "url")}
    kwargs["source"] = article_outlet(kwargs["source"], kwargs["url"], text)  # normalised: see run/outlets.py
    try:
        date = parse_date(fields.get("date"), bounds=bounds)
    except ValueError as exc:
        yield InputProblem(where, f"{exc}; read as undated", skipped=False)
        date = None
    try:
        yield make_article(text, date=date, path=where, headline_first=headline_first, **kwargs)
    except ValueError as exc:
        yield InputProblem(where, str(exc))


def _str_or_none(value: object) -> str | None:
    """A metadata field as text; objects and arrays (a title of nested lists) are not text."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)
