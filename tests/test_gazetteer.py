"""The gazetteer of administrative units, on the real packaged data."""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.loaders.gazetteer import DATA_DIR, Gazetteer, default_gazetteer, normalize_name
from thidua.loaders.model import Place
from thidua.loaders.text import canonical_tones

ROOT = Path(__file__).resolve().parent.parent
BEFORE, AFTER = "2025-06-30", "2025-07-01"


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return default_gazetteer()


def codes(places: list[Place]) -> list[str]:
    return [p.code for p in places]


def chain(place: Place) -> list[str]:
    out = []
    p = place.parent
    while p is not None:
        out.append(p.code)
        p = p.parent
    return out


# ---------------------------------------------------------------- data sanity
def test_counts_before_and_after_the_reform(g):
    assert len(g.units("province", on_date=BEFORE)) == 63
    assert len(g.units("province", on_date="2024-06-01")) == 63  # Thừa Thiên Huế, not thành phố Huế
    assert len(g.units("province", on_date=AFTER)) == 34
    assert 600 <= len(g.units("district", on_date=BEFORE)) <= 750
    assert g.units("district", on_date=AFTER) == []
    assert len(g.units("commune", on_date=BEFORE)) > 10_000
    assert 3_250 <= len(g.units("commune", on_date=AFTER)) <= 3_350
    assert [p.label for p in g.units("country")] == ["Việt Nam"]


@pytest.mark.parametrize("day, n", [("1992-06-01", 53), ("2000-06-01", 61), ("2005-06-01", 64),
                                    ("2010-06-01", 63)])
def test_province_counts_in_history(g, day, n):
    assert len(g.units("province", on_date=day)) == n


def test_rows_are_consistent(g):
    rank = {"country": 0, "province": 1, "district": 2, "commune": 3}
    types = {"province": {"tỉnh", "thành phố"}, "district": {"huyện", "quận", "thị xã", "thành phố"},
             "commune": {"xã", "phường", "thị trấn", "đặc khu"}, "country": {"quốc gia"}}
    units = g.units()
    assert len({p.code for p in units}) == len(units) > 13_000
    # the type word was split off every name (phường "Phường Đúc" in Huế is really called so)
    assert [p.name for p in units if p.name.lower().startswith(p.unit_type + " ")] == ["Phường Đúc"]
    for p in units:
        assert p.unit_type in types[p.level], p
        assert p.name and p.name == p.name.strip() and "  " not in p.name, p
        if p.level != "country":
            assert p.parent is not None and rank[p.parent.level] < rank[p.level], p
            assert chain(p)[-1] == "VN"
        for s in g.successors(p):
            assert s.code != p.code
        if p.valid_until and g.valid_from(p):
            assert g.valid_from(p) < p.valid_until, p


def test_data_files_are_small_and_tab_separated():
    units = DATA_DIR / "units.tsv"
    assert units.stat().st_size < 1_000_000
    header = next(l for l in units.read_text(encoding="utf-8").splitlines() if not l.startswith("#"))
    assert header.split("\t")[:4] == ["code", "unit_type", "name", "level"]
    hist = (DATA_DIR / "historical_units.tsv").read_text(encoding="utf-8").splitlines()
    rows = [l.split("\t") for l in hist if l and not l.startswith("#")][1:]
    assert all(len(r) == 11 and r[10].strip() for r in rows)  # every curated row cites a source


def test_successor_codes_exist(g):
    for path in (DATA_DIR / "units.tsv", DATA_DIR / "historical_units.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if line.startswith("#") or cells[0] == "code":
                continue
            for code in cells[7].split() + [cells[4], cells[8]]:
                assert not code or g.by_code(code) is not None, (path.name, line)


# ---------------------------------------------------------------- lookups
def test_damha_district_and_town(g):
    [huyen] = g.lookup("huyện", "Đầm Hà")
    assert (huyen.code, huyen.level, huyen.parent.label) == ("200", "district", "tỉnh Quảng Ninh")
    assert huyen.label == "huyện Đầm Hà"
    assert huyen.valid_until == "2025-07-01"
    [tt] = g.lookup("thị trấn", "Đầm Hà", on_date="2022-01-01")
    assert tt.level == "commune" and tt.parent.code == "200" and tt.valid_until == "2025-07-01"
    # its code went to the new xã Đầm Hà, so the old thị trấn is marked
    assert tt.code == "06895-pre2025" and codes(g.successors(tt)) == ["06895"]
    [xa] = g.lookup("xã", "Đầm Hà", on_date="2025-09-01")[:1]
    assert xa.code == "06895" and xa.parent.label == "tỉnh Quảng Ninh" and xa.valid_until is None


def test_historical_quang_ha(g):
    [qh] = g.lookup("huyện", "Quảng Hà")
    assert qh.code == "H-QUANGHA" and qh.valid_until.startswith("2001-")
    assert qh.parent.code == "22"
    assert sorted(codes(g.successors(qh))) == ["200", "201"]
    assert g.lookup("huyện", "Quảng Hà", on_date="1995-05-01") == [qh]
    # huyện Đầm Hà was re-established by the same decree
    assert g.valid_from(g.lookup("huyện", "Đầm Hà")[0]) == "2001-08-29"
    assert g.lookup("thị trấn", "Quảng Hà")[0].parent.label == "huyện Hải Hà"


def test_historical_provinces(g):
    [ht] = g.lookup("tỉnh", "Hà Tây")
    assert ht.valid_until == "2008-08-01" and codes(g.successors(ht)) == ["01"]
    assert g.lookup("tỉnh", "Hà Tây", on_date="2005") == [ht]
    for name in ("Hà Sơn Bình", "Nghệ Tĩnh", "Bình Trị Thiên", "Hải Hưng", "Minh Hải", "Sông Bé",
                 "Cửu Long", "Hà Nam Ninh", "Vĩnh Phú", "Bắc Thái", "Hà Bắc", "Quảng Nam - Đà Nẵng",
                 "Gia Lai – Kon Tum", "Nghĩa Bình", "Phú Khánh", "Thuận Hải", "Hoàng Liên Sơn",
                 "Cao Lạng", "Hà Tuyên"):
        found = g.lookup("tỉnh", name)
        assert found and found[0].code.startswith("H-") and found[0].valid_until < "2009", name
        assert g.successors(found[0]), name
    # the old Hậu Giang (to 1991) and the later one (2004-2025) are told apart by date
    assert codes(g.lookup("tỉnh", "Hậu Giang", on_date="1985"))[0] == "H-HAUGIANG-CU"
    assert codes(g.lookup("tỉnh", "Hậu Giang", on_date="2010"))[0] == "93"


def test_cities_at_two_levels(g):
    [cp] = g.lookup("thành phố", "Cẩm Phả")
    assert cp.level == "district" and g.province_of(cp).name == "Quảng Ninh"
    [hn] = g.lookup("thành phố", "Hà Nội")
    assert hn.level == "province" and hn.parent.label == "Việt Nam"
    assert g.lookup("TP.", "Cẩm Phả") == [cp]
    assert g.lookup("tỉnh", "Hà Nội") == []
    hcm = g.lookup("thành phố", "Hồ Chí Minh")
    assert codes(hcm) == ["79"]


def test_tone_placement_variants(g):
    assert g.lookup("tỉnh", "Thanh Hoá") == g.lookup("tỉnh", "Thanh Hóa") != []
    assert codes(g.lookup("tỉnh", "Khánh Hoà")) == codes(g.lookup("tỉnh", "Khánh Hòa")) == ["56"]
    # names are stored with the project's canonical old-style tone placement
    assert g.lookup("tỉnh", "Hoà Bình", on_date="2024")[0].name == "Hòa Bình"
    assert g.lookup("thành phố", "THUỶ NGUYÊN") == g.lookup("thành phố", "thủy  nguyên") != []


def test_normalize_name():
    assert normalize_name("Hòa") == normalize_name("Hoà") == normalize_name("HOÀ")
    assert normalize_name("Thủy") == normalize_name("Thuỷ")
    assert normalize_name("Phường 01") == normalize_name("phường 1")
    assert normalize_name(" Bà Rịa-Vũng  Tàu ") == normalize_name("Bà Rịa – Vũng Tàu")
    assert normalize_name("Cư M’gar") == normalize_name("Cư Mgar") == normalize_name("Cư M'gar")
    assert normalize_name("Đắk Lắk") == normalize_name("Đăk Lăk")
    assert normalize_name("Hà") != normalize_name("Hạ")
    assert normalize_name("Hà") != normalize_name("Ha")
    assert normalize_name("Đầm Hà") != normalize_name("Dầm Hà")


def test_numbered_wards(g):
    found = g.lookup("phường", "01", on_date="2024-01-01")
    assert len(found) > 20 and all(p.name == "1" and p.label == "phường 1" for p in found)
    [q1] = g.lookup("quận", "1")
    assert q1.parent.name == "Hồ Chí Minh"


def test_within(g):
    tan_lap = g.lookup("xã", "Tân Lập")
    assert len(tan_lap) > 10
    damha = g.lookup("huyện", "Đầm Hà")[0]
    [one] = g.lookup("xã", "Tân Lập", within=damha)
    assert one.code == "06917" and one.parent == damha
    qn = g.lookup("tỉnh", "Quảng Ninh")[0]
    assert codes(g.lookup("xã", "Tân Lập", within=qn)) == ["06917"]
    assert g.lookup("xã", "Tân Lập", within=g.lookup("tỉnh", "Cà Mau")[0]) == []
    # a commune that went on after the reform is within its old district before it
    assert codes(g.lookup("phường", "Đông Mai", within=g.lookup("thị xã", "Quảng Yên")[0])) == ["07135"]
    # historical commune, disambiguated from a namesake in Huế
    assert len(g.lookup("xã", "Quảng Lợi")) >= 2
    assert codes(g.lookup("xã", "Quảng Lợi", within=damha)) == ["H-QUANGLOI"]


def test_on_date_around_the_reform(g):
    [hg] = g.lookup("tỉnh", "Hà Giang", on_date="2024-05-01")
    assert hg.valid_until == "2025-07-01" and codes(g.successors(hg)) == ["08"]
    # after the reform nothing is valid: falls back to all, still the ended unit
    assert g.lookup("tỉnh", "Hà Giang", on_date="2025-08-01") == [hg]
    # same name, two units: Lào Cai 10 (to 2025-07-01) and the merged Lào Cai 15
    assert codes(g.lookup("tỉnh", "Lào Cai", on_date="2024-01-01")) == ["10"]
    assert codes(g.lookup("tỉnh", "Lào Cai", on_date="2025-07")) == ["15"]
    assert codes(g.lookup("tỉnh", "Lào Cai", on_date="2025")) == ["10", "15"]  # a year spans both
    assert codes(g.lookup("tỉnh", "Lào Cai")) == ["15", "10"]  # no date: existing ones first
    assert codes(g.lookup("tỉnh", "Yên Bái")) == ["15-pre2025"]
    # new two-level communes start on the reform date
    [bd] = g.lookup("phường", "Ba Đình", on_date="2025-10-01")
    assert bd.code == "00004" and bd.parent.label == "thành phố Hà Nội"
    assert g.valid_from(bd) == "2025-07-01" and bd.valid_from == "2025-07-01"
    [dk] = g.lookup("đặc khu", "Vân Đồn")
    assert dk.level == "commune" and g.valid_from(dk) == "2025-07-01"
    assert g.lookup("huyện", "Vân Đồn", on_date="2023")[0].level == "district"


def test_commune_continuing_through_the_reform(g):
    [before] = g.lookup("phường", "Đông Mai", on_date="2020-06-01")
    [after] = g.lookup("phường", "Đông Mai", on_date="2025-08-01")
    assert before.code == after.code == "07135"
    assert before.valid_until is after.valid_until is None
    assert before.parent.label == "thị xã Quảng Yên" and after.parent.label == "tỉnh Quảng Ninh"
    assert g.province_of(before) == g.province_of(after)


def test_hue_and_thua_thien_hue(g):
    assert codes(g.lookup("tỉnh", "Thừa Thiên Huế", on_date="2020")) == ["H-THUATHIENHUE"]
    assert codes(g.lookup("thành phố", "Huế", on_date="2020"))[0] == "H-TPHUE"
    assert codes(g.lookup("thành phố", "Huế", on_date="2025-03-01")) == ["46"]


def test_province_of(g):
    xa = g.lookup("xã", "Tân Lập", within=g.lookup("huyện", "Đầm Hà")[0])[0]
    assert g.province_of(xa).code == "22"
    qn = g.lookup("tỉnh", "Quảng Ninh")[0]
    assert g.province_of(qn) == qn
    assert g.province_of(g.lookup("quốc gia", "Việt Nam")[0]) is None
    assert g.province_of(g.lookup("huyện", "Quảng Hà")[0]).label == "tỉnh Quảng Ninh"


def test_type_word_in_name_and_unknown_type(g):
    assert g.lookup(None, "Xã Tân Lập") == g.lookup("xã", "Tân Lập")
    assert g.lookup(None, "Thành phố Cẩm Phả") == g.lookup("thành phố", "Cẩm Phả")
    assert g.lookup("khu phố", "Đầm Hà") == []
    assert g.lookup(None, "Không Có Nơi Này") == []


def test_names_index(g):
    idx = g.names_index()
    damha = idx[normalize_name("Đầm Hà")]
    assert {p.unit_type for p in damha} == {"huyện", "thị trấn", "xã"}
    assert len(idx[normalize_name("Tân Lập")]) > 10
    assert [p.code for p in idx[normalize_name("Quảng Ninh")]][0] == "22"  # and some xã Quảng Ninh
    assert [p.code for p in idx[normalize_name("Hà Tây")]][0] == "H-HATAY"  # province before xã
    assert all(isinstance(k, str) and k == normalize_name(k) for k in list(idx)[:500])


def test_unit_types(g):
    types = g.unit_types()
    assert types[0] == "thành phố" and types[-1] == "xã"
    assert [len(t) for t in types] == sorted((len(t) for t in types), reverse=True)
    assert {"tỉnh", "huyện", "quận", "thị xã", "phường", "thị trấn", "đặc khu"} <= set(types)
    assert types.index("thị xã") < types.index("xã") and types.index("thị trấn") < types.index("xã")


def test_places_are_shared_and_hashable(g):
    a = g.lookup("huyện", "Đầm Hà")[0]
    b = g.lookup("huyện", "Đầm Hà")[0]
    assert a is b and hash(a) == hash(b)
    assert default_gazetteer() is default_gazetteer()
    assert g.by_code("22").label == "tỉnh Quảng Ninh" and g.by_code("nope") is None


def test_first_load_is_fast():
    code = ("import time; t = time.perf_counter();"
            "from thidua.loaders.gazetteer import default_gazetteer;"
            "default_gazetteer().lookup('huyện', 'Đầm Hà');"
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 0.5


WHEELS = [Path("/tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl"),
          Path("/tmp/vp/vietnam_provinces-2025.10.1-py3-none-any.whl")]
EARLIER = [Path(f"/tmp/vp/vietnam_provinces-{v}-py3-none-any.whl") for v in ("0.2", "0.3.0", "0.5.0")]


@pytest.mark.skipif(not all(w.exists() for w in WHEELS + EARLIER), reason="package wheels not downloaded")
def test_build_is_reproducible(tmp_path):
    out = tmp_path / "units.tsv"
    earlier = [arg for wheel in EARLIER for arg in ("--earlier", str(wheel))]
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), *map(str, WHEELS), *earlier,
                    "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (DATA_DIR / "units.tsv").read_bytes()


# ---------------------------------------------------------------- properties of the key
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_names = st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=7), min_size=1, max_size=4).map(" ".join)


@given(_names)
def test_key_ignores_case_tone_placement_and_unicode_form(s):
    key = normalize_name(s)
    assert normalize_name(canonical_tones(s)) == key
    assert normalize_name(s.upper()) == key
    assert normalize_name(unicodedata.normalize("NFD", s)) == key
    assert normalize_name("  " + s.replace(" ", "   ") + " ") == key
    assert normalize_name(key) == key  # keys are fixed points


def test_a_spelling_variant_may_differ_in_vowel_shape_not_in_tone():
    gaz = default_gazetteer()
    assert [p.name for p in gaz.lookup("huyện", "Mù Cang Chải")] == ["Mù Căng Chải"]
    assert gaz.lookup("xã", "Tràng") == []  # not "xã Trang": a tone makes another name


def test_units_of_earlier_lists_resolve_in_their_years():
    gaz = default_gazetteer()
    # thị xã Phổ Yên became a thành phố in 2022; the earlier unit hands over to the one with its code.
    (town,) = gaz.lookup("thị xã", "Phổ Yên", on_date="2019-05-01")
    assert town.code == "172-gso2021" and town.parent.label == "tỉnh Thái Nguyên"
    assert [p.code for p in gaz.successors(town)] == ["172"]
    # phường Xương Huân (Nha Trang), merged away by 2025: known, with its city, and ended.
    (ward,) = gaz.lookup("phường", "Xương Huân")
    assert ward.parent.label == "thành phố Nha Trang" and ward.valid_until == "2025-01-04"
    # A curated unit is not written twice: the list's quận 2 is the curated one, with its day.
    assert [p.code for p in gaz.lookup("quận", "2", on_date="2020-06-01") if p.parent.code == "79"] == ["H-HCM-QUAN2"]


def test_a_unit_is_part_of_its_parent_as_it_was_then(g):
    """A district of today's thành phố Huế was part of tỉnh Thừa Thiên Huế before 2025 (the city took the
    province's code over); without a date, or after 2025, the parent is the city."""
    then = g.lookup("huyện", "Phong Điền", on_date="2015-07-10")[0]
    assert then.parent.label == "tỉnh Thừa Thiên Huế"
    assert g.by_code(then.code).parent.label == "thành phố Huế"
    # A merged province (code 15 went to the new tỉnh Lào Cai, with two predecessors) is left as it is.
    assert g.by_code("04750", on_date="2020").parent.code == "15"


def test_a_district_that_moved_province_keeps_its_former_parent(g):
    """The districts of tỉnh Hà Tây went to thành phố Hà Nội on 1/8/2008, keeping their codes."""
    assert g.lookup("huyện", "Chương Mỹ", on_date="2006-10-13")[0].parent.label == "tỉnh Hà Tây"
    assert g.lookup("xã", "Thụy Hương", on_date="2006")[0].parent.parent.label == "tỉnh Hà Tây"
    assert g.lookup("huyện", "Chương Mỹ", on_date="2015")[0].parent.label == "thành phố Hà Nội"
    assert g.lookup("huyện", "Mê Linh", on_date="2005")[0].parent.label == "tỉnh Vĩnh Phúc"
    assert {p.label for p in g.parents(g.lookup("huyện", "Chương Mỹ")[0].code)} == {"thành phố Hà Nội", "tỉnh Hà Tây"}
