"""Build ``loaders/data/units.tsv``, the gazetteer of Vietnamese administrative units.

The data come from two releases of the PyPI package ``vietnam-provinces``
(https://github.com/sunshine-tech/VietnamProvinces, data from the General
Statistics Office), read straight from the downloaded wheels: the package is
*not* a dependency of thidua-kg.

* ``0.6.0`` (data retrieved 2025-01-04): the last three-level release
  (63 provinces, 696 districts, 10,051 communes), i.e. the units in force
  before the reform of 2025-07-01.
* ``2025.10.1`` (data retrieved 2025-10-18): the current two-level release
  (34 provinces, 3,321 communes: xã, phường, đặc khu), in force from 2025-07-01.

* ``0.2``, ``0.3.0`` and ``0.5.0`` (data of 2020-02-25, 2021-02-03 and 2023-05-07),
  optional (``--earlier``): districts and communes that these earlier lists
  hold and the 2025-01-04 list no longer does (merged away, or changed type:
  ``thị xã Phổ Yên`` became a ``thành phố``), so that articles of those years
  still resolve them.  Such a unit ended at some time after the last list that
  holds it; ``valid_until`` is the date of the next list (an upper bound: the
  day it ended is not in the data), and its code is ``{code}-gso{year of the last list holding it}``.
  Its successor is the unit that kept its code, where one did (a change of
  type); a commune merged into a neighbour has none.

Re-run (from the repository root)::

    for v in 0.2 0.3.0 0.5.0 0.6.0 2025.10.1; do
        pip download --no-deps -d /tmp/vp vietnam-provinces==$v; done
    .venv/bin/python scripts/build_gazetteer.py \\
        /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl \\
        /tmp/vp/vietnam_provinces-2025.10.1-py3-none-any.whl \\
        --earlier /tmp/vp/vietnam_provinces-0.2-py3-none-any.whl \\
        --earlier /tmp/vp/vietnam_provinces-0.3.0-py3-none-any.whl \\
        --earlier /tmp/vp/vietnam_provinces-0.5.0-py3-none-any.whl

The output is deterministic (same wheels, same bytes).  Hand-curated units
that disappeared before the package's data live in
``loaders/data/historical_units.tsv`` and are *not* touched by this script.

How the two releases are joined (the reform date is 2025-07-01):

* Names are NFC with the project's canonical (old-style) tone placement
  (``loaders/text.canonical_tones``: "Hoà Bình" -> "Hòa Bình"), as ANNOTATION.md writes them.
* Codes are the official ones, zero-padded: provinces 2 digits, districts 3,
  communes 5; the country is ``VN``.
* A unit present in both releases with the same code, the same type and the
  same name is *one* unit (one row, no end date): the 11 unchanged provinces,
  the 16 provinces that absorbed others and kept their name and code (e.g.
  Thái Nguyên 19), and communes that kept their code, type and name (usually
  because they absorbed their neighbours).  A commune's parent was its
  district before the reform and is its province after: the row carries the
  province in ``parent`` and the district in ``former_parent``, with
  ``parent_since`` = 2025-07-01.
* Every other three-level unit ends on 2025-07-01 (``valid_until``), every
  other two-level unit starts then (``valid_from``).
* After the reform, codes of units that ended were reused for different new
  units (new Lào Cai has code 15, which was Yên Bái's; new phường Ba Đình has
  00004, which was phường Trúc Bạch's).  The code belongs to the current unit;
  the unit that ended gets ``{code}-pre2025`` so that every row has a unique
  code (the graph mints ``id:unit/{code}``).
* ``successor``: for provinces, from the merger list of Nghị quyết
  202/2025/QH15 (12/6/2025) below; for communes, the new commune that took
  over the old one's code (in the new code list, Quyết định 19/2025/QĐ-TTg, a
  merged commune takes the code of one of the communes merged into it; all
  3,310 reused codes are checked here to lie in the merged province).  Only
  partial: an old commune whose code was not reused has no successor, and a
  split commune lists only one.  Districts have none.  Several successors are separated
  by a space.

Columns (tab-separated, UTF-8, NFC; ``#`` lines are comments)::

    code unit_type name level parent valid_from valid_until successor former_parent parent_since
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

from thidua.loaders.gazetteer import normalize_name
from thidua.loaders.text import canonical_tones

REFORM = "2025-07-01"
HISTORICAL = Path(__file__).resolve().parent.parent / "loaders" / "data" / "historical_units.tsv"
COLUMNS = ("code", "unit_type", "name", "level", "parent", "valid_from", "valid_until",
           "successor", "former_parent", "parent_since")

# Nghị quyết 202/2025/QH15 (12/6/2025), in force 2025-07-01: old province code -> new code.
# Provinces not listed here were not merged and keep their code.
PROVINCE_MERGERS = {
    "02": "08", "08": "08",              # Hà Giang + Tuyên Quang -> Tuyên Quang
    "10": "15", "15": "15",              # Lào Cai + Yên Bái -> Lào Cai (code of Yên Bái)
    "06": "19", "19": "19",              # Bắc Kạn + Thái Nguyên -> Thái Nguyên
    "17": "25", "26": "25", "25": "25",  # Hoà Bình + Vĩnh Phúc + Phú Thọ -> Phú Thọ
    "24": "24", "27": "24",              # Bắc Giang + Bắc Ninh -> Bắc Ninh (code of Bắc Giang)
    "34": "33", "33": "33",              # Thái Bình + Hưng Yên -> Hưng Yên
    "30": "31", "31": "31",              # Hải Dương + Hải Phòng -> Hải Phòng
    "35": "37", "36": "37", "37": "37",  # Hà Nam + Nam Định + Ninh Bình -> Ninh Bình
    "44": "44", "45": "44",              # Quảng Bình + Quảng Trị -> Quảng Trị (code of Quảng Bình)
    "49": "48", "48": "48",              # Quảng Nam + Đà Nẵng -> Đà Nẵng
    "62": "51", "51": "51",              # Kon Tum + Quảng Ngãi -> Quảng Ngãi
    "52": "52", "64": "52",              # Bình Định + Gia Lai -> Gia Lai (code of Bình Định)
    "58": "56", "56": "56",              # Ninh Thuận + Khánh Hòa -> Khánh Hòa
    "67": "68", "60": "68", "68": "68",  # Đắk Nông + Bình Thuận + Lâm Đồng -> Lâm Đồng
    "54": "66", "66": "66",              # Phú Yên + Đắk Lắk -> Đắk Lắk
    "74": "79", "77": "79", "79": "79",  # Bình Dương + Bà Rịa - Vũng Tàu + TP HCM -> TP HCM
    "70": "75", "75": "75",              # Bình Phước + Đồng Nai -> Đồng Nai
    "80": "80", "72": "80",              # Long An + Tây Ninh -> Tây Ninh (code of Long An)
    "94": "92", "93": "92", "92": "92",  # Sóc Trăng + Hậu Giang + Cần Thơ -> Cần Thơ
    "83": "86", "84": "86", "86": "86",  # Bến Tre + Trà Vinh + Vĩnh Long -> Vĩnh Long
    "82": "82", "87": "82",              # Tiền Giang + Đồng Tháp -> Đồng Tháp (code of Tiền Giang)
    "95": "96", "96": "96",              # Bạc Liêu + Cà Mau -> Cà Mau
    "91": "91", "89": "91",              # Kiên Giang + An Giang -> An Giang (code of Kiên Giang)
}

# Type words as the package spells them at the start of names, longest first.
_PREFIXES = ("thành phố", "thị trấn", "đặc khu", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")
_LEVEL_TYPES = {
    "province": {"tỉnh", "thành phố"},
    "district": {"huyện", "quận", "thị xã", "thành phố"},
    "commune": {"xã", "phường", "thị trấn", "đặc khu"},
}
def split_type(full: str, level: str, default: str | None = None) -> tuple[str, str]:
    """'Phường 1' -> ('phường', '1'); 'Cao Bằng' (no prefix) -> (default, 'Cao Bằng')."""
    full = canonical_tones(" ".join(unicodedata.normalize("NFC", full).split()))
    low = full.casefold()
    for p in _PREFIXES:
        if low.startswith(p + " "):
            unit_type, name = p, full[len(p) + 1:].strip()
            break
    else:
        if default is None:
            raise ValueError(f"no type word in {full!r}")
        unit_type, name = default, full
    name = re.sub(r"(?<!\d)0+(?=\d)", "", name)  # "Phường 01" (lists of 2020-2023) is "Phường 1"
    if unit_type not in _LEVEL_TYPES[level]:
        raise ValueError(f"{full!r}: type {unit_type!r} is not a {level} type")
    return unit_type, name


# Data dates of releases whose __init__ does not state one (from the GSO file named in their README).
_DATA_DATES = {"0.2": "2020-02-25", "0.3.0": "2021-02-03", "0.4.0": "2021-02-03"}


def read_wheel(path: Path) -> tuple[list[dict], str, str]:
    with zipfile.ZipFile(path) as z:
        data = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
        init = z.read("vietnam_provinces/__init__.py").decode()
        metadata = next(z.read(n).decode() for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    version = re.search(r"^Version:\s*(\S+)", metadata, re.M).group(1)
    stated = re.search(r"__data_version__\s*=\s*'([^']+)'", init)
    data_version = stated.group(1) if stated else _DATA_DATES[version]
    return data, version, data_version


def three_level_units(data: list[dict]) -> tuple[dict[str, dict], dict[str, dict], dict[str, dict]]:
    """Provinces, districts and communes of a three-level release, by official code."""
    provinces: dict[str, dict] = {}
    districts: dict[str, dict] = {}
    communes: dict[str, dict] = {}
    for p in data:
        pc = f"{p['code']:02d}"
        t, n = split_type(p["name"], "province")
        provinces[pc] = {"code": pc, "unit_type": t, "name": n, "level": "province", "parent": "VN"}
        for d in p["districts"]:
            dc = f"{d['code']:03d}"
            t, n = split_type(d["name"], "district")
            districts[dc] = {"code": dc, "unit_type": t, "name": n, "level": "district", "parent": pc}
            for w in d["wards"]:
                wc = f"{w['code']:05d}"
                t, n = split_type(w["name"], "commune")
                communes[wc] = {"code": wc, "unit_type": t, "name": n, "level": "commune", "parent": dc}
    return provinces, districts, communes


def _same(a: dict, b: dict | None) -> bool:
    return b is not None and a["unit_type"] == b["unit_type"] and normalize_name(a["name"]) == normalize_name(b["name"])


def curated_units() -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """The hand-curated historical units: (level, type, name key) -> their (parent, code)s."""
    out: dict[tuple[str, str, str], list[str]] = {}
    lines = (HISTORICAL.read_text(encoding="utf-8").splitlines())
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]
    for code, unit_type, name, level, parent, *_ in rows[1:]:
        out.setdefault((level, unit_type, normalize_name(name)), []).append((parent, code))
    return out


def earlier_rows(releases: list[tuple[str, dict[str, dict], dict[str, dict]]], last: tuple[str, dict, dict],
                 province_codes: dict[str, str], curated: dict[tuple[str, str, str], list[tuple[str, str]]]
                 ) -> list[dict]:
    """Rows for the districts and communes of earlier three-level releases that the last one no longer
    holds. ``releases``: (data date, districts, communes), oldest first; ``last``: the same for the
    2025-01-04 release; ``province_codes``: official province code -> gazetteer code; ``curated``: the
    hand-curated units (:func:`curated_units`), which are not written again (they know the day they ended)."""
    snapshots = sorted(releases) + [last]
    gazetteer_code: dict[tuple[int, str], str] = {}  # (snapshot, official code) -> code in the gazetteer
    rows: list[dict] = []
    for level, index in (("district", 1), ("commune", 2)):
        for i, snapshot in enumerate(snapshots[:-1]):
            for code, unit in sorted(snapshot[index].items()):
                later = next((j for j in range(len(snapshots) - 1, i, -1) if _same(unit, snapshots[j][index].get(code))), None)
                if later == len(snapshots) - 1 or any(_same(unit, snapshots[j][index].get(code)) for j in range(i)):
                    continue  # still held by the last release, or already written for an earlier one
                last_listed = later if later is not None else i
                ended = snapshots[last_listed + 1][0]
                row_code = f"{code}-gso{snapshots[last_listed][0][:4]}"
                parent = unit["parent"]
                if level == "district":
                    parent = province_codes[parent]
                else:
                    parent = gazetteer_code.get((i, parent), parent)
                described = next((c for p, c in curated.get((level, unit["unit_type"], normalize_name(unit["name"])), ())
                                  if p == parent or p.startswith("H-")), None)
                for j in range(i, last_listed + 1):
                    gazetteer_code[(j, code)] = described or row_code
                if described:
                    continue
                successor = code if code in snapshots[-1][index] else ""
                rows.append(dict(unit, code=row_code, parent=parent, valid_until=ended, successor=successor))
    return rows


def build(old_wheel: Path, new_wheel: Path, earlier: list[Path] = ()) -> tuple[list[str], list[dict]]:
    old, old_v, old_dv = read_wheel(old_wheel)
    new, new_v, new_dv = read_wheel(new_wheel)
    if not all("districts" in p for p in old):
        sys.exit(f"{old_wheel}: not a three-level release")
    if any("districts" in p for p in new):
        sys.exit(f"{new_wheel}: not a two-level release")

    # ---- current (two-level) units
    new_prov: dict[str, dict] = {}
    new_comm: dict[str, dict] = {}
    for p in new:
        pc = f"{p['code']:02d}"
        default = "thành phố" if p["division_type"] == "thành phố trung ương" else "tỉnh"
        t, n = split_type(p["name"], "province", default)
        new_prov[pc] = {"code": pc, "unit_type": t, "name": n, "level": "province", "parent": "VN"}
        for w in p["wards"]:
            wc = f"{w['code']:05d}"
            t, n = split_type(w["name"], "commune")
            if t != w["division_type"]:
                raise ValueError(f"{w['name']}: prefix {t!r} but division_type {w['division_type']!r}")
            new_comm[wc] = {"code": wc, "unit_type": t, "name": n, "level": "commune", "parent": pc}

    # ---- three-level units
    old_prov, old_dist, old_comm = three_level_units(old)

    if not set(PROVINCE_MERGERS) <= set(old_prov) or not set(PROVINCE_MERGERS.values()) <= set(new_prov):
        sys.exit("PROVINCE_MERGERS does not fit the data")
    prov_succ = {c: PROVINCE_MERGERS.get(c, c) for c in old_prov}
    if set(prov_succ.values()) != set(new_prov):
        sys.exit("some new province has no predecessor")

    rows: dict[str, dict] = {}
    rows["VN"] = {"code": "VN", "unit_type": "quốc gia", "name": "Việt Nam", "level": "country"}

    # provinces
    renamed: dict[str, str] = {}  # old code -> code used in the gazetteer
    for pc, o in old_prov.items():
        n = new_prov.get(pc)
        if n is not None and _same(o, n):
            rows[pc] = dict(n)          # continuing: one row, no end (name as now spelled)
            renamed[pc] = pc
            continue
        code = f"{pc}-pre2025" if n is not None else pc
        renamed[pc] = code
        rows[code] = dict(o, code=code, valid_until=REFORM, successor=prov_succ[pc])
    for pc, n in new_prov.items():
        if pc not in rows:
            rows[pc] = dict(n, valid_from=REFORM)

    # districts: all ended with the district level
    for dc, d in old_dist.items():
        rows[dc] = dict(d, parent=renamed[d["parent"]], valid_until=REFORM)

    # communes
    bad_succ = 0
    continuing: set[str] = set()
    for wc, o in old_comm.items():
        n = new_comm.get(wc)
        if n is not None and _same(o, n):
            rows[wc] = dict(n, former_parent=o["parent"], parent_since=REFORM)
            continuing.add(wc)
            continue
        code = f"{wc}-pre2025" if n is not None else wc
        row = dict(o, code=code, valid_until=REFORM)
        if n is not None:
            old_pc = old_dist[o["parent"]]["parent"]
            if prov_succ[old_pc] == n["parent"]:
                row["successor"] = wc
            else:
                bad_succ += 1
        rows[code] = row
    for wc, n in new_comm.items():
        if wc not in continuing:
            rows[wc] = dict(n, valid_from=REFORM)
    # districts and communes of earlier releases, gone by the three-level one
    sources = []
    releases = []
    for wheel in earlier:
        data, version, data_version = read_wheel(wheel)
        _, districts, communes = three_level_units(data)
        releases.append((data_version, districts, communes))
        sources.append(f"{version} (data {data_version})")
    for row in earlier_rows(releases, (old_dv, old_dist, old_comm), renamed, curated_units()):
        if row["code"] in rows:
            sys.exit(f"code {row['code']} twice")
        if f"{row['successor']}-pre2025" in rows:  # the code's unit of 2025-01-04 ended with the reform
            row["successor"] += "-pre2025"
        rows[row["code"]] = row
    if bad_succ:
        print(f"warning: {bad_succ} reused commune codes cross province lines; no successor given",
              file=sys.stderr)

    order = {"country": 0, "province": 1, "district": 2, "commune": 3}
    out = sorted(rows.values(), key=lambda r: (order[r["level"]], r["code"]))
    header = [
        "# thidua-kg gazetteer of Vietnamese administrative units; generated by scripts/build_gazetteer.py",
        f"# three-level source: vietnam-provinces {old_v} (data {old_dv}); "
        f"two-level source: vietnam-provinces {new_v} (data {new_dv})",
        *([f"# earlier three-level sources (units they hold that the three-level source does not): "
           f"vietnam-provinces {', '.join(sources)}"] if sources else []),
        f"# reform date {REFORM}; codes ending -pre2025 were reassigned to a different unit on that date; "
        "-gsoYYYY: a unit as last listed in that year's list, gone from the next",
        "\t".join(COLUMNS),
    ]
    return header, out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("three_level_wheel", type=Path, help="vietnam_provinces-0.6.0-py3-none-any.whl")
    ap.add_argument("two_level_wheel", type=Path, help="vietnam_provinces-2025.10.1-py3-none-any.whl")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "loaders" / "data" / "units.tsv")
    ap.add_argument("--earlier", type=Path, action="append", default=[],
                    help="an earlier three-level release (vietnam_provinces-0.2, 0.3.0, 0.5.0 wheels)")
    args = ap.parse_args(argv)
    header, rows = build(args.three_level_wheel, args.two_level_wheel, args.earlier)
    lines = header + ["\t".join(r.get(c, "") for c in COLUMNS) for r in rows]
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        era = ("ended" if r.get("valid_until") == REFORM else "ended earlier") if r.get("valid_until") else ("new" if r.get("valid_from") else "continuing")
        counts[(r["level"], era)] = counts.get((r["level"], era), 0) + 1
    print(f"wrote {args.out} ({len(rows)} units, {len(text.encode())} bytes)")
    for k in sorted(counts):
        print(f"  {k[0]:9} {k[1]:10} {counts[k]}")


if __name__ == "__main__":
    main()
