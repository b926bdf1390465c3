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

Re-run (from the repository root)::

    pip download --no-deps -d /tmp/vp vietnam-provinces==0.6.0
    pip download --no-deps -d /tmp/vp vietnam-provinces==2025.10.1
    .venv/bin/python scripts/build_gazetteer.py \\
        /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl \\
        /tmp/vp/vietnam_provinces-2025.10.1-py3-none-any.whl

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
    if unit_type not in _LEVEL_TYPES[level]:
        raise ValueError(f"{full!r}: type {unit_type!r} is not a {level} type")
    return unit_type, name


def read_wheel(path: Path) -> tuple[list[dict], str, str]:
    with zipfile.ZipFile(path) as z:
        data = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
        init = z.read("vietnam_provinces/__init__.py").decode()
    version = re.search(r"__version__\s*=\s*'([^']+)'", init).group(1)
    data_version = re.search(r"__data_version__\s*=\s*'([^']+)'", init).group(1)
    return data, version, data_version


def build(old_wheel: Path, new_wheel: Path) -> tuple[list[str], list[dict]]:
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
    old_prov: dict[str, dict] = {}
    old_dist: dict[str, dict] = {}
    old_comm: dict[str, dict] = {}
    for p in old:
        pc = f"{p['code']:02d}"
        t, n = split_type(p["name"], "province")
        old_prov[pc] = {"code": pc, "unit_type": t, "name": n, "level": "province", "parent": "VN"}
        for d in p["districts"]:
            dc = f"{d['code']:03d}"
            t, n = split_type(d["name"], "district")
            old_dist[dc] = {"code": dc, "unit_type": t, "name": n, "level": "district", "parent": pc}
            for w in d["wards"]:
                wc = f"{w['code']:05d}"
                t, n = split_type(w["name"], "commune")
                old_comm[wc] = {"code": wc, "unit_type": t, "name": n, "level": "commune", "parent": dc}

    if not set(PROVINCE_MERGERS) <= set(old_prov) or not set(PROVINCE_MERGERS.values()) <= set(new_prov):
        sys.exit("PROVINCE_MERGERS does not fit the data")
    prov_succ = {c: PROVINCE_MERGERS.get(c, c) for c in old_prov}
    if set(prov_succ.values()) != set(new_prov):
        sys.exit("some new province has no predecessor")

    def same(a: dict, b: dict) -> bool:
        return a["unit_type"] == b["unit_type"] and normalize_name(a["name"]) == normalize_name(b["name"])

    rows: dict[str, dict] = {}
    rows["VN"] = {"code": "VN", "unit_type": "quốc gia", "name": "Việt Nam", "level": "country"}

    # provinces
    renamed: dict[str, str] = {}  # old code -> code used in the gazetteer
    for pc, o in old_prov.items():
        n = new_prov.get(pc)
        if n is not None and same(o, n):
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
        if n is not None and same(o, n):
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
    if bad_succ:
        print(f"warning: {bad_succ} reused commune codes cross province lines; no successor given",
              file=sys.stderr)

    order = {"country": 0, "province": 1, "district": 2, "commune": 3}
    out = sorted(rows.values(), key=lambda r: (order[r["level"]], r["code"]))
    header = [
        "# thidua-kg gazetteer of Vietnamese administrative units; generated by scripts/build_gazetteer.py",
        f"# three-level source: vietnam-provinces {old_v} (data {old_dv}); "
        f"two-level source: vietnam-provinces {new_v} (data {new_dv})",
        f"# reform date {REFORM}; codes ending -pre2025 were reassigned to a different unit on that date",
        "\t".join(COLUMNS),
    ]
    return header, out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("three_level_wheel", type=Path, help="vietnam_provinces-0.6.0-py3-none-any.whl")
    ap.add_argument("two_level_wheel", type=Path, help="vietnam_provinces-2025.10.1-py3-none-any.whl")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "loaders" / "data" / "units.tsv")
    args = ap.parse_args(argv)
    header, rows = build(args.three_level_wheel, args.two_level_wheel)
    lines = header + ["\t".join(r.get(c, "") for c in COLUMNS) for r in rows]
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        era = "ended" if r.get("valid_until") else ("new" if r.get("valid_from") else "continuing")
        counts[(r["level"], era)] = counts.get((r["level"], era), 0) + 1
    print(f"wrote {args.out} ({len(rows)} units, {len(text.encode())} bytes)")
    for k in sorted(counts):
        print(f"  {k[0]:9} {k[1]:10} {counts[k]}")


if __name__ == "__main__":
    main()
