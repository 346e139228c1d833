"""How ``data/conflict_pack.csv.gz`` was made: once, from the shared GeoNames-via-Who's-On-First files.

    uv run python -m wirelens.geo.build_pack /work/shared/data/gazetteer

The folder holds, for 14 conflict countries, ``<CC>_geonames_via_wof.txt.gz`` (GeoNames'
19-column ``geoname`` rows, villages included) and ``<CC>_wof_all_records.csv.gz`` (every Who's
On First record, admin units included, with each record's parent region and district). The pack
(:mod:`wirelens.geo.packs` reads it) keeps, per place, only what resolution uses:

- ``id``: the GeoNames id, or ``wof:<id>`` for a Who's On First admin unit that has none;
- ``name`` and ``alternates`` (``|``-separated): Latin-script names only (the ones
  :func:`wirelens.geo.names.usable_alias` accepts; English news never write Arabic or Cyrillic
  script), transliteration variants kept, exact repeats dropped;
- ``lat``, ``lon`` rounded to 5 decimals (about a metre);
- ``cc``; ``type``: ``city`` for every GeoNames populated place (class P), ``region`` for a
  Who's On First ``region`` (governorate, province, oblast), ``district`` for a ``county`` or
  ``localadmin`` (district, subdistrict);
- ``population``: GeoNames', or the packaged gazetteer's for the same id where that is larger
  (the pack's copy of a town is often 0 where ``cities1000`` knows its size); 0 for most villages;
- ``admin1``: the first-level region's key, the same as the packaged gazetteer's regions carry
  (an ISO 3166-2 subdivision code without the country: ``ID`` for Idlib). Who's On First names
  each place's region; the name is matched to a packaged region by GeoNames id, then by name,
  then by :data:`REGION_OVERRIDES`, then by the closest name or the nearest point (logged). A
  GeoNames row with no Who's On First region takes the region most rows with its GeoNames
  ``admin1`` code have; failing that, the one most of its 5 nearest placed neighbours (within
  10 km) share. What stays unmapped is printed and listed in ``data/README.md``;
- ``admin2``: the district's name where Who's On First gives one.

A governorate or district named after its seat ("Idlib", "Jisr ash-Shughur") also gets the seat
town's Latin names ("Idleb", "Jisr al-Shughur"), since the news spell both the same way; the
seat is the town of the same region (an admin seat, or of 1,000 inhabitants or more) whose name is
closest to the unit's (difflib ratio of the name keys at least 0.8; the larger town on a tie).

Rows are sorted by country, then type (regions, districts, cities), then id; gzip carries no time
stamp, so the same inputs give the same bytes. The gazetteer cache's name carries the file's
hash, so a rebuilt file rebuilds the pack's cache.
"""

from __future__ import annotations

import argparse
import collections
import csv
import difflib
import functools
import gzip
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from wirelens.geo.distance import distance_km
from wirelens.geo.names import fold, name_key, usable_alias
from wirelens.geo.place import CITY, DISTRICT, REGION, Place

if TYPE_CHECKING:
    from wirelens.geo.gazetteer import Gazetteer

PACK_PATH = Path(__file__).with_name("data") / "conflict_pack.csv.gz"
COLUMNS = ("id", "name", "alternates", "lat", "lon", "cc", "type", "population", "admin1", "admin2")
COUNTRIES = ("SY", "IQ", "YE", "AF", "LY", "SO", "NG", "ML", "SD", "UA", "LB", "PS", "IL", "TR")
_TYPE_ORDER = {REGION: 0, DISTRICT: 1, CITY: 2}
# Who's On First region names that neither GeoNames id nor name ties to a packaged region:
# (country, WOF region name) -> the packaged region's admin1 key. Checked against the regions'
# points and names when the pack was built.
# "" means: no packaged region is this one (a coarser unit: its places take their district's key).
REGION_OVERRIDES: dict[tuple[str, str], str] = {
    ("LB", "North Lebanon"): "AS",  # the packaged gazetteer calls it "North"
    ("LB", "South Lebanon"): "JA",  # "South"
    ("PS", "Gaza Strip"): "",  # the territories; their districts are the packaged governorates
    ("PS", "West Bank"): "",
}
_PARENS = re.compile(r"^(.*?)\s*\((.*)\)\s*$")  # "Hasaka (Al Haksa)", "Homs (Hims)"
_SEAT_RATIO = 0.8
_NAME_RATIO = 0.75  # how close a Who's On First region's name must be to a packaged region's
_NEAREST_REGION_KM = 150.0
_NEIGHBOURS, _NEIGHBOUR_KM = (
    5,
    10.0,
)  # a place with no region: its nearest placed neighbours, within this  # how close a seat town's name must be to its unit's (difflib ratio of the name keys)


def _open_text(path: Path) -> io.TextIOWrapper:
    return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")


def _latin_names(names: Iterable[str], own: str) -> list[str]:
    """Latin-script names other than ``own``, in order; one per spelling that differs beyond case, accents and apostrophes."""
    out: list[str] = []
    seen = {fold(own)}
    for name in names:
        name = name.strip()
        if name and fold(name) not in seen and usable_alias(name):
            seen.add(fold(name))
            out.append(name)
    return out


def _name_parts(name: str) -> list[str]:
    """ "Hasaka (Al Haksa)" is "Hasaka" and "Al Haksa"."""
    match = _PARENS.match(name)
    return [match.group(1), match.group(2)] if match else [name]


@functools.cache
def _base() -> Gazetteer:
    from wirelens.geo.gazetteer import load_base

    return load_base()


class _Regions:
    """The packaged gazetteer's first-level regions of one country, matched to Who's On First's region names.

    By GeoNames id, then by name key; then by the closest name ("Donetsk" is "Donetska", "Dihok"
    is "Dohuk") where one region is clearly closest; then by the nearest point, within
    :data:`_NEAREST_REGION_KM`, for a region no other name took. Every match that is not exact is
    logged, for review.
    """

    def __init__(self, cc: str, log: list[str]):
        base = _base()
        self.cc, self.log = cc, log
        self.regions = [p for p in base.places if p.feature_type == REGION and p.country_code == cc and p.admin1]
        self.by_id = {p.geonameid: p for p in self.regions if p.geonameid is not None}
        self.keys: dict[Place, set[str]] = collections.defaultdict(set)
        self.by_key: dict[str, Place] = {}
        for key, ids in base.index.items():
            found = {base.places[i] for i in ids} & set(self.regions)
            for region in found:
                self.keys[region].add(key)
            if len(found) == 1:
                self.by_key[key] = found.pop()
        self.taken: set[Place] = set()

    def exact(self, name: str, geonameid: int | None) -> Place | None:
        region = self.by_id.get(geonameid) if geonameid is not None else None
        for part in _name_parts(name):
            region = region or self.by_key.get(name_key(part))
        if region is not None:
            self.taken.add(region)
        return region

    def close(self, name: str, lat: float, lon: float) -> Place | None:
        """A region by its closest name, else by its nearest point (after every exact match was taken)."""
        keys = [name_key(part) for part in _name_parts(name)]
        free = [r for r in self.regions if r not in self.taken]
        scored = sorted(
            (
                (max(difflib.SequenceMatcher(None, k, rk).ratio() for k in keys for rk in self.keys[r]), r.admin1, r)
                for r in free
            ),
            key=lambda x: (-x[0], x[1]),
        )
        if scored and scored[0][0] >= _NAME_RATIO and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.05):
            ratio, _, region = scored[0]
            self.log.append(f"{self.cc}: region {name!r} -> {region.name} ({region.admin1}) by name ({ratio:.2f})")
            self.taken.add(region)
            return region
        nearest = min(free, key=lambda r: distance_km(lat, lon, r.lat, r.lon), default=None)
        if nearest is not None and (km := distance_km(lat, lon, nearest.lat, nearest.lon)) <= _NEAREST_REGION_KM:
            self.log.append(f"{self.cc}: region {name!r} -> {nearest.name} ({nearest.admin1}) by point ({km:.0f} km)")
            self.taken.add(nearest)
            return nearest
        return None


def _base_populations() -> dict[int, int]:
    return {p.geonameid: p.population for p in _base().places if p.geonameid is not None and p.population}


def _wof_records(path: Path) -> list[dict[str, str]]:
    with _open_text(path) as fh:
        return [
            row for row in csv.DictReader(fh) if row["deprecated_or_superseded"] == "0" and row["mz_is_current"] != "0"
        ]


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def build_country(folder: Path, cc: str, populations: dict[int, int], log: list[str]) -> list[dict[str, object]]:
    """The pack's rows for one country (unsorted)."""
    records = _wof_records(folder / f"{cc}_wof_all_records.csv.gz")
    regions = _Regions(cc, log)
    # Who's On First region name -> the packaged region, from the region records themselves.
    region_of: dict[str, Place] = {}
    region_records = [row for row in records if row["placetype"] == "region" and row["name"]]
    for row in region_records:
        if (region := regions.exact(row["name"], _int(row["geonameid"]))) is not None:
            region_of[row["name"]] = region
    for row in region_records:
        if row["name"] in region_of:
            continue
        override = REGION_OVERRIDES.get((cc, row["name"]))
        if override is not None:
            region = next((r for r in regions.regions if r.admin1 == override), None) if override else None
            if region is None:
                log.append(f"{cc}: region {row['name']!r} maps to no packaged region (REGION_OVERRIDES)")
                continue
        else:
            region = regions.close(row["name"], float(row["lat"]), float(row["lon"]))
        if region is None:
            log.append(f"{cc}: region {row['name']!r} ({row['lat']}, {row['lon']}) matches no packaged region")
        else:
            region_of[row["name"]] = region
    for row in records:  # a region or district named only as a parent, with no region record of its own
        for name in (row["region"], row["county"]):
            if name and name not in region_of and (region := regions.exact(name, None)) is not None:
                region_of[name] = region
    admin1_of = {name: region.admin1 for name, region in region_of.items()}

    def admin1_for(row: dict[str, str] | None) -> str:
        """The region's key; else the district's, where the district is itself a packaged region (PS)."""
        if row is None:
            return ""
        return admin1_of.get(row["region"], "") or admin1_of.get(row["county"], "")

    by_gid = {gid: row for row in records if row["placetype"] == "locality" and (gid := _int(row["geonameid"]))}

    rows: list[dict[str, object]] = []
    votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    pending: list[tuple[dict[str, object], str]] = []
    with _open_text(folder / f"{cc}_geonames_via_wof.txt.gz") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 19 or cols[6] != "P":
                continue
            gid = int(cols[0])
            wof = by_gid.get(gid)
            admin1 = admin1_for(wof)
            if admin1 and cols[10]:
                votes[cols[10]][admin1] += 1
            row = {
                "id": str(gid),
                "name": cols[1],
                "alternates": _latin_names([cols[2], *cols[3].split(",")], cols[1]),
                "lat": float(cols[4]),
                "lon": float(cols[5]),
                "cc": cols[8] or cc,
                "type": CITY,
                "population": max(int(cols[14] or 0), populations.get(gid, 0)),
                "admin1": admin1,
                "admin2": (wof["county"] if wof else ""),
                "fcode": cols[7],
            }
            rows.append(row)
            if not admin1:
                pending.append((row, cols[10]))
    by_code = {code: counts.most_common(1)[0][0] for code, counts in votes.items()}
    for row, code in pending:
        row["admin1"] = by_code.get(code, "")
    _admin1_from_neighbours([row for row, _ in pending if not row["admin1"]], rows, cc, log)

    town_ids = {int(str(row["id"])) for row in rows}
    units: list[dict[str, object]] = []
    for rec in records:
        kind = (
            REGION
            if rec["placetype"] == "region"
            else DISTRICT
            if rec["placetype"] in ("county", "localadmin")
            else None
        )
        if kind is None or not rec["name"] or not rec["lat"]:
            continue
        base_region = region_of.get(rec["name"]) if kind == REGION else None
        names = [*_name_parts(rec["name"])]
        display = base_region.name if base_region is not None else names[0]
        admin1 = (admin1_of.get(rec["name"], "") if kind == REGION else "") or admin1_for(rec)
        gid = _int(rec["geonameid"])
        if gid in town_ids:  # Who's On First gives some units their seat town's id: the town keeps it
            gid = None
        units.append(
            {
                "id": str(gid) if gid else f"wof:{rec['wof_id']}",
                "name": display,
                "alternates": _latin_names([rec["name"], *names], display),
                "lat": float(rec["lat"]),
                "lon": float(rec["lon"]),
                "cc": cc,
                "type": kind,
                "population": 0,
                "admin1": admin1,
                "admin2": rec["name"] if kind == DISTRICT else "",
                "fcode": "",
            }
        )
    _add_seat_names(units, rows, cc, log)
    return units + rows


def _admin1_from_neighbours(
    missing: list[dict[str, object]], rows: list[dict[str, object]], cc: str, log: list[str]
) -> None:
    """A place with no region takes the one most of its nearest placed neighbours share, if they are near."""
    cells: dict[tuple[int, int], list[dict[str, object]]] = collections.defaultdict(list)
    for row in rows:
        if row["admin1"]:
            cells[_cell(row)].append(row)
    filled = 0
    for row in missing:
        cy, cx = _cell(row)
        near = sorted(
            (distance_km(row["lat"], row["lon"], other["lat"], other["lon"]), str(other["admin1"]))  # type: ignore[arg-type]
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for other in cells.get((cy + dy, cx + dx), ())
        )
        near = [item for item in near if item[0] <= _NEIGHBOUR_KM][:_NEIGHBOURS]
        counts = collections.Counter(admin1 for _, admin1 in near)
        if near and counts.most_common(1)[0][1] * 2 > len(near):
            row["admin1"] = counts.most_common(1)[0][0]
            filled += 1
    if missing:
        log.append(f"{cc}: {filled:,} of {len(missing):,} places with no region took their neighbours'")


def _cell(row: dict[str, object]) -> tuple[int, int]:
    return int(float(row["lat"]) * 10 // 1), int(float(row["lon"]) * 10 // 1)  # type: ignore[arg-type]


def _add_seat_names(units: list[dict[str, object]], towns: list[dict[str, object]], cc: str, log: list[str]) -> None:
    """A unit named after its seat town gets the town's names ("Idlib" governorate: "Idleb")."""
    seats: dict[str, list[dict[str, object]]] = collections.defaultdict(list)
    for town in towns:
        if town["admin1"] and (str(town["fcode"]).startswith(("PPLA", "PPLC")) or int(town["population"]) >= 1000):  # type: ignore[call-overload]
            seats[str(town["admin1"])].append(town)
    for unit in units:
        unit_keys = {name_key(n) for n in [unit["name"], *unit["alternates"]]}  # type: ignore[misc]
        best, best_rank = None, (_SEAT_RATIO, -1)
        for town in seats.get(str(unit["admin1"]), ()):
            ratio = max(
                difflib.SequenceMatcher(None, key, name_key(town_name)).ratio()
                for town_name in [town["name"], *town["alternates"]]
                for key in unit_keys
            )  # type: ignore[misc]
            rank = (ratio, int(town["population"]))  # type: ignore[call-overload]
            if ratio >= _SEAT_RATIO and rank > best_rank:
                best, best_rank = town, rank
        if best is not None:
            unit["alternates"] = _latin_names(
                [*unit["alternates"], best["name"], *best["alternates"]],  # type: ignore[misc]
                str(unit["name"]),
            )


def build(folder: Path, countries: Iterable[str] = COUNTRIES) -> tuple[list[dict[str, object]], list[str]]:
    """Every row of the pack, sorted, and the build's notes (unmapped regions, duplicate ids)."""
    populations = _base_populations()
    log: list[str] = []
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for cc in countries:
        for row in build_country(folder, cc, populations, log):
            if row["id"] in seen:
                log.append(f"{cc}: id {row['id']} ({row['name']}) already packed: skipped")
                continue
            seen.add(str(row["id"]))
            rows.append(row)
    unmapped = collections.Counter(str(r["cc"]) for r in rows if not r["admin1"])
    for cc, count in sorted(unmapped.items()):
        log.append(f"{cc}: {count:,} places with no admin1")
    rows.sort(key=lambda r: (r["cc"], _TYPE_ORDER[str(r["type"])], _sort_id(str(r["id"]))))
    return rows, log


def _sort_id(text: str) -> tuple[int, int]:
    return (1, int(text[4:])) if text.startswith("wof:") else (0, int(text))


def _lines(rows: Iterable[dict[str, object]]) -> Iterator[list[object]]:
    for r in rows:
        for field in ("name", "alternates", "admin2"):
            value = r[field]
            text = "|".join(value) if isinstance(value, list) else str(value)
            if "\n" in text or "\r" in text or (field != "alternates" and "|" in text):
                raise ValueError(f"{r['cc']} {r['id']}: a line break or '|' in {field}")
        yield [
            r["id"],
            r["name"],
            "|".join(r["alternates"]),
            f"{r['lat']:.5f}".rstrip("0").rstrip("."),  # type: ignore[arg-type]
            f"{r['lon']:.5f}".rstrip("0").rstrip("."),
            r["cc"],
            r["type"],
            r["population"],
            r["admin1"],
            r["admin2"],
        ]


def write_pack(rows: Iterable[dict[str, object]], path: Path) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_lines(rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as fh:
        fh.write(text.getvalue().encode("utf-8"))
    tmp.replace(path)


def main(argv: list[str] | None = None) -> None:
    """Build the conflict-countries pack from FOLDER (the shared gazetteer files) and print its counts."""
    parser = argparse.ArgumentParser(prog="python -m wirelens.geo.build_pack", description=__doc__.split("\n")[0])
    parser.add_argument(
        "folder", type=Path, help="folder of <CC>_geonames_via_wof.txt.gz and <CC>_wof_all_records.csv.gz"
    )
    parser.add_argument("--out", type=Path, default=PACK_PATH, help=f"where to write it (default {PACK_PATH})")
    args = parser.parse_args(argv)
    rows, log = build(args.folder)
    write_pack(rows, args.out)
    for note in log:
        print(note)
    counts = collections.Counter((str(r["cc"]), str(r["type"])) for r in rows)
    for cc in sorted({cc for cc, _ in counts}):
        print(f"{cc}: " + ", ".join(f"{counts[cc, t]:,} {t}" for t in (REGION, DISTRICT, CITY)))
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"{args.out}: {len(rows):,} places, {args.out.stat().st_size:,} bytes, sha256 {digest}")


if __name__ == "__main__":
    main()
