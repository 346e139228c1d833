"""Gazetteer packs: place sets shipped with wirelens, on by default, kept apart from the main index.

A pack holds many more names than the packaged gazetteer (the ``conflict`` pack: some 280,000
places of 14 conflict countries, most of them villages of population 0), so many namesakes. Its
places are therefore never returned by :meth:`~wirelens.geo.gazetteer.Gazetteer.lookup` (nor
counted by ``in`` or ``len``): callers that can weigh them against the text's admin context ask
for them with :meth:`~wirelens.geo.gazetteer.Gazetteer.pack_candidates`, and every pack place
says where it came from (``Place.pack``) and carries its country, first-level region
(``admin1``, the key the packaged gazetteer's regions carry), district name (``admin2``),
feature type and population.

The pack file (``data/conflict_pack.csv.gz``, made by :mod:`wirelens.geo.build_pack`) is read
once into a compact cache in the user cache dir: columns in typed arrays, names in one string,
and the name index as a sorted array of 64-bit hashes of :func:`~wirelens.geo.names.name_key`
with the places of each key. Loading it takes milliseconds and some 30 MB, and the cache's name
carries the pack file's hash and ``names.py``'s, so a rebuilt pack or a new key rebuilds it.

Whether a pack is on is kept in ``packs.json`` in the gazetteer's user folder (next to the
dumps ``wirelens gazetteer add`` converts, :func:`wirelens.geo.gazetteer.user_dir`); the same
file can turn an added dump off.
"""

from __future__ import annotations

import bisect
import csv
import gc
import gzip
import hashlib
import io
import json
import os
import pickle
import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wirelens.geo.names import name_key, usable_alias
from wirelens.geo.place import CITY, Place
from wirelens.geo.skeleton import skeleton

__all__ = [
    "PACKS",
    "STATE_FILE",
    "Pack",
    "PackInfo",
    "UnknownGazetteer",
    "disabled",
    "load_pack",
    "pack_digest",
    "set_enabled",
]

DATA = Path(__file__).with_name("data")
_NAMES_PY = Path(__file__).with_name("names.py")
_SKELETON_PY = Path(__file__).with_name("skeleton.py")
PACK_FORMAT = 4  # bump whenever what a pack's cache holds changes (3: the skeleton index, 4: the id index)


@dataclass(frozen=True)
class PackInfo:
    name: str
    path: Path
    description: str


PACKS: dict[str, PackInfo] = {
    "conflict": PackInfo(
        "conflict",
        DATA / "conflict_pack.csv.gz",
        "villages, districts and governorates of 14 conflict countries "
        "(GeoNames via Who's On First: SY IQ YE AF LY SO NG ML SD UA LB PS IL TR)",
    ),
}
STATE_FILE = "packs.json"


class UnknownGazetteer(ValueError):
    """A name that is neither a pack nor an added dump."""


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class Pack:
    """One pack's places, as columns; :class:`Place` objects are made for the candidates asked for."""

    def __init__(self, name: str, columns: dict[str, object]):
        self.name = name
        c = columns
        self._codes: list[str] = c["codes"]  # type: ignore[assignment]
        self._names: str = c["names"]  # type: ignore[assignment]
        self._name_ends: array[int] = c["name_ends"]  # type: ignore[assignment]
        self._alternates: str = c["alternates"]  # type: ignore[assignment]
        self._alternate_ends: array[int] = c["alternate_ends"]  # type: ignore[assignment]
        self._gid: array[int] = c["geonameid"]  # type: ignore[assignment]
        self._lat: array[float] = c["lat"]  # type: ignore[assignment]
        self._lon: array[float] = c["lon"]  # type: ignore[assignment]
        self._cc: array[int] = c["cc"]  # type: ignore[assignment]
        self._type: array[int] = c["type"]  # type: ignore[assignment]
        self._pop: array[int] = c["population"]  # type: ignore[assignment]
        self._admin1: array[int] = c["admin1"]  # type: ignore[assignment]
        self._admin2: array[int] = c["admin2"]  # type: ignore[assignment]
        self._hashes: array[int] = c["hashes"]  # type: ignore[assignment]
        self._starts: array[int] = c["starts"]  # type: ignore[assignment]
        self._postings: array[int] = c["postings"]  # type: ignore[assignment]
        self._sk_hashes: array[int] = c["sk_hashes"]  # type: ignore[assignment]
        self._sk_starts: array[int] = c["sk_starts"]  # type: ignore[assignment]
        self._sk_postings: array[int] = c["sk_postings"]  # type: ignore[assignment]
        self._gid_sorted: array[int] = c["gid_sorted"]  # type: ignore[assignment]
        self._gid_rows: array[int] = c["gid_rows"]  # type: ignore[assignment]
        self._largest: dict[tuple[str, str], Place] | None = None  # see largest_towns, made on first use

    def __len__(self) -> int:
        return len(self._gid)

    def _ids(self, text: str) -> array[int]:
        h = _key_hash(name_key(text))
        i = bisect.bisect_left(self._hashes, h)
        if i == len(self._hashes) or self._hashes[i] != h:
            return array("I")
        return self._postings[self._starts[i] : self._starts[i + 1]]

    def __contains__(self, text: str) -> bool:
        return bool(self._ids(text))

    def place(self, i: int) -> Place:
        codes = self._codes
        gid = self._gid[i]
        return Place(
            gid if gid > 0 else None,
            self._slice(self._names, self._name_ends, i),
            self._lat[i],
            self._lon[i],
            codes[self._cc[i]],
            codes[self._type[i]],
            self._pop[i],
            False,
            codes[self._admin1[i]],
            codes[self._admin2[i]],
            self.name,
        )

    def alternates(self, i: int) -> tuple[str, ...]:
        text = self._slice(self._alternates, self._alternate_ends, i)
        return tuple(text.split("|")) if text else ()

    @staticmethod
    def _slice(blob: str, ends: array[int], i: int) -> str:
        return blob[ends[i - 1] if i else 0 : ends[i]]

    def skeleton_candidates(self, text: str) -> list[Place]:
        """The pack's places whose Latin-script names share ``text``'s skeleton (:mod:`wirelens.geo.skeleton`):
        "Ein Issa" finds "‘Ayn ‘Īsá", "Tal Madeeq" "Tall Maḑīq". Many namesakes share a skeleton: callers take
        only those inside an admin unit the text names."""
        h = _key_hash(skeleton(text))
        i = bisect.bisect_left(self._sk_hashes, h)
        if i == len(self._sk_hashes) or self._sk_hashes[i] != h:
            return []
        return [self.place(j) for j in self._sk_postings[self._sk_starts[i] : self._sk_starts[i + 1]]]

    def candidates(self, text: str) -> list[Place]:
        """The pack's places called ``text`` (any spelling with the same :func:`name_key`), most populous first."""
        return sorted((self.place(i) for i in self._ids(text)), key=lambda p: -p.population)

    def by_geonameid(self, geonameid: int) -> Place | None:
        """The pack's place with this GeoNames id, if it holds one: the packaged gazetteer's record of a town
        gains the pack's admin codes whatever name the text used ("Menbij" for the pack's "Manbij")."""
        i = bisect.bisect_left(self._gid_sorted, geonameid)
        if i == len(self._gid_sorted) or self._gid_sorted[i] != geonameid:
            return None
        return self.place(self._gid_rows[i])

    def largest_towns(self) -> dict[tuple[str, str], Place]:
        """(country, admin1) -> the most populous town of that first-level region (its seat, nearly always:
        Lashkar Gah for Helmand, Nasiriyah for Dhi Qar); regions whose towns all have population 0 are absent.
        A pass over the population column, making places only for the towns that count."""
        if self._largest is None:
            city = self._codes.index(CITY) if CITY in self._codes else -1
            best: dict[tuple[int, int], int] = {}
            for i, pop in enumerate(self._pop):
                if pop > 0 and self._type[i] == city and self._admin1[i]:
                    k = (self._cc[i], self._admin1[i])
                    j = best.get(k)
                    if j is None or pop > self._pop[j]:
                        best[k] = i
            self._largest = {(self._codes[cc], self._codes[a1]): self.place(i) for (cc, a1), i in best.items()}
        return self._largest

    def of_type(self, feature_type: str) -> Iterator[tuple[Place, tuple[str, ...]]]:
        """The places of one feature type (``region``: the governorates) with their alternate names."""
        if feature_type not in self._codes:
            return
        code = self._codes.index(feature_type)
        for i, kind in enumerate(self._type):
            if kind == code:
                yield self.place(i), self.alternates(i)

    def entries(self) -> Iterator[tuple[Place, tuple[str, ...]]]:
        """Every place with its alternate names: for building a matcher over the pack's names."""
        for i in range(len(self)):
            yield self.place(i), self.alternates(i)


# --- reading the pack file and caching it -----------------------------------------------------


def pack_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"gazetteer pack missing: {path}. It ships with wirelens (lib/wirelens/geo/data/); "
            "reinstall wirelens, or rebuild it with `python -m wirelens.geo.build_pack`"
        ) from None


def _cache_path(info: PackInfo, cache_dir: Path) -> Path:
    # a changed name_key or skeleton changes every key
    names = hashlib.sha256(_NAMES_PY.read_bytes() + _SKELETON_PY.read_bytes()).hexdigest()[:8]
    return cache_dir / f"pack-{info.name}-v{PACK_FORMAT}-{pack_digest(info.path)[:12]}-n{names}.pickle"


def read_pack_file(path: Path) -> dict[str, object]:
    """The pack file as cache columns (see the module docstring)."""
    codes: dict[str, int] = {}

    def code(text: str) -> int:
        return codes.setdefault(text, len(codes))

    code("")
    names, alternates = io.StringIO(), io.StringIO()
    name_ends, alternate_ends = array("I"), array("I")
    gid, pop = array("q"), array("q")
    lat, lon = array("d"), array("d")
    cc, kind, admin1, admin2 = array("H"), array("H"), array("H"), array("H")
    by_key: dict[int, list[int]] = {}
    by_skeleton: dict[int, list[int]] = {}
    n_names = n_alternates = 0
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            name, alts = row["name"], row["alternates"]
            names.write(name)
            n_names += len(name)
            name_ends.append(n_names)
            alternates.write(alts)
            n_alternates += len(alts)
            alternate_ends.append(n_alternates)
            ident = row["id"]
            gid.append(-1 if ident.startswith("wof:") else int(ident))
            lat.append(float(row["lat"]))
            lon.append(float(row["lon"]))
            pop.append(int(row["population"] or 0))
            cc.append(code(row["cc"]))
            kind.append(code(row["type"]))
            admin1.append(code(row["admin1"]))
            admin2.append(code(row["admin2"]))
            keys = {name_key(name)} | {name_key(a) for a in alts.split("|") if a and usable_alias(a)}
            for key in keys:
                if key:
                    by_key.setdefault(_key_hash(key), []).append(i)
            latin = [name] + [a for a in alts.split("|") if a and usable_alias(a)]
            for bones in {skeleton(n) for n in latin if n.isascii() or _mostly_latin(n)}:
                if len(bones.replace(" ", "").replace("_", "")) >= 2:  # "Ain" alone: too many namesakes
                    by_skeleton.setdefault(_key_hash(bones), []).append(i)
    hashes, starts, postings = _postings(by_key)
    sk_hashes, sk_starts, sk_postings = _postings(by_skeleton)
    by_gid = sorted((g, i) for i, g in enumerate(gid) if g > 0)
    return {
        "codes": list(codes),
        "names": names.getvalue(),
        "name_ends": name_ends,
        "alternates": alternates.getvalue(),
        "alternate_ends": alternate_ends,
        "geonameid": gid,
        "lat": lat,
        "lon": lon,
        "cc": cc,
        "type": kind,
        "population": pop,
        "admin1": admin1,
        "admin2": admin2,
        "hashes": hashes,
        "starts": starts,
        "postings": postings,
        "sk_hashes": sk_hashes,
        "sk_starts": sk_starts,
        "sk_postings": sk_postings,
        "gid_sorted": array("q", (g for g, _ in by_gid)),
        "gid_rows": array("I", (i for _, i in by_gid)),
    }


def _postings(by_hash: dict[int, list[int]]) -> tuple[array[int], array[int], array[int]]:
    """A hash -> rows index as three arrays: sorted hashes, where each one's rows start, the rows."""
    hashes, starts, postings = array("q"), array("I"), array("I")
    for h in sorted(by_hash):
        hashes.append(h)
        starts.append(len(postings))
        postings.extend(by_hash[h])
    starts.append(len(postings))
    return hashes, starts, postings


def _mostly_latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


_lock = threading.Lock()
_loaded: dict[tuple[str, str], Pack] = {}


def load_pack(name: str, cache_dir: Path) -> Pack:
    """The pack called ``name``, from its cache in ``cache_dir`` (built on first use, atomically); once per process."""
    info = _info(name)
    path = _cache_path(info, cache_dir)
    with _lock:
        if (name, str(path)) in _loaded:
            return _loaded[name, str(path)]
        try:
            gc.disable()
            with path.open("rb") as fh:
                columns = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, KeyError):
            columns = None
        finally:
            gc.enable()
        if columns is None:
            columns = read_pack_file(info.path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(columns, fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
                for stale in path.parent.glob(f"pack-{name}-v*.pickle"):
                    if stale != path:
                        stale.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only cache dir only costs the rebuild next time
        pack = _loaded[name, str(path)] = Pack(name, columns)
        return pack


def _info(name: str) -> PackInfo:
    try:
        return PACKS[name]
    except KeyError:
        raise UnknownGazetteer(f"no gazetteer pack called {name!r} (packs: {', '.join(sorted(PACKS))})") from None


# --- on and off -------------------------------------------------------------------------------


def disabled(directory: Path) -> frozenset[str]:
    """The packs and added dumps turned off in ``directory`` (the gazetteer's user folder)."""
    try:
        state = json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
        return frozenset(str(name) for name in state.get("off", []))
    except (OSError, ValueError, AttributeError, TypeError):
        return frozenset()


def set_enabled(name: str, on: bool, directory: Path, dumps: list[str]) -> Path:
    """Turn the pack or added dump ``name`` on or off in ``directory``; returns the state file.

    ``dumps`` are the names of the dumps added there: an unknown name raises :class:`UnknownGazetteer`.
    """
    if name not in PACKS and name not in dumps:
        known = ", ".join([*sorted(PACKS), *sorted(dumps)])
        raise UnknownGazetteer(f"no gazetteer pack or added dump called {name!r} (known: {known})")
    off = set(disabled(directory))
    off.discard(name) if on else off.add(name)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / STATE_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"off": sorted(off)}, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
