"""Administrative units named in an article, and the unit the article is about.

A unit is written as its type word and a capitalised name ("huyện Đầm Hà",
"Thành phố Cẩm Phả"), inside a party committee's name ("Huyện ủy Tiên Yên"),
or as "Việt Nam".  Names are checked against the gazetteer, which also gives
the unit's code, level and parents.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Gazetteer, normalize_name
from .text import Caseless, fold_key, starts_word
from .model import Place

UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LO = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
SYLLABLE = rf"[{UP}][{LO}{UP}'’ʼ]*"
NAME_WORD = rf"(?:{SYLLABLE}|\d{{1,3}})"

VIETNAM = Place("quốc gia", "Việt Nam", code="VN", level="country")

# Type words, longest first; each maps to the canonical lower-case type.
UNIT_TYPES = {
    "thành phố": "thành phố", "thị trấn": "thị trấn", "thị xã": "thị xã", "đặc khu": "đặc khu",
    "tỉnh": "tỉnh", "huyện": "huyện", "quận": "quận", "xã": "xã", "phường": "phường",
}
TYPE_LEVEL = {"tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district",
              "thị trấn": "commune", "xã": "commune", "phường": "commune", "đặc khu": "commune",
              "thành phố": None}
_TYPE_ALT = "|".join(t for t in UNIT_TYPES)
TYPE_RE = Caseless(rf"(?<!\w)({_TYPE_ALT})(?: đảo)?(?=\s|:)")  # "huyện đảo Cô Tô", "xã đảo …"
# A unit named inside a party committee's name: "Huyện ủy Tiên Yên" is huyện Tiên Yên.
COMMITTEE_TYPE = {"tỉnh ủy": "tỉnh", "huyện ủy": "huyện", "thành ủy": "thành phố", "thị ủy": "thị xã",
                  "quận ủy": "quận", "tỉnh đoàn": "tỉnh", "huyện đoàn": "huyện", "thành đoàn": "thành phố",
                  "thị đoàn": "thị xã", "quận đoàn": "quận",
                  # the military commands of a unit, named like its committee: "Huyện đội Đồng Phú"
                  "tỉnh đội": "tỉnh", "huyện đội": "huyện", "thị đội": "thị xã", "thành đội": "thành phố"}
# (followed by a space and a capital: checked where it is used, on the original text)
COMMITTEE_RE = Caseless(rf"(?<!\w)({'|'.join(COMMITTEE_TYPE)})(?= )")
VIETNAM_RE = re.compile(r"(?:Việt Nam|VIỆT NAM)(?!\w)")  # at a word start: checked where it is used
_NAME_RUN = re.compile(rf" ({NAME_WORD}(?:(?: | ?[-–] ?){NAME_WORD}){{0,4}})")  # up to five words: "Văn Miếu - Quốc Tử Giám"


@dataclass(frozen=True)
class UnitMention:
    place: Place
    start: int  # offsets in the text searched
    end: int
    alternatives: tuple[Place, ...] = ()  # other units the same words name, resolved by context
    written: str | None = None  # the name as the text spells it, where it differs from the gazetteer's


def _candidates_for(gaz: Gazetteer, unit_type: str, words: list[str], seps: list[str],
                    on_date: str | None) -> tuple[list[Place], int]:
    """Longest prefix of ``words`` that names a unit of that type: (candidates, words used)."""
    for n in range(len(words), 0, -1):
        name = words[0] + "".join(seps[i] + words[i + 1] for i in range(n - 1))
        found = gaz.lookup(unit_type, name, on_date=on_date)
        if found:
            return found, n
    return [], 0


# First words of what follows a type word without naming a unit the gazetteer does not know: a region
# ("Bắc Trung Bộ", "Tây Nguyên") or an emulation cluster or block ("Cụm", "Khối").
_NOT_A_UNIT_NAME = frozenset({"Cụm", "Khối", "Bắc", "Nam", "Trung", "Tây", "Đông", "Duyên", "Miền", "Đồng"})

_SAME_LEVEL_TYPES = {"district": ("thành phố", "thị xã", "huyện", "quận"), "commune": ("phường", "thị trấn", "xã")}


def _under_another_type(gaz: Gazetteer, unit_type: str, words: list[str], seps: list[str],
                        on_date: str | None) -> tuple[list[Place], int]:
    """A unit the gazetteer knows only under its later (or earlier) type of the same level, the name
    kept ("thị xã Thủ Dầu Một" in 2007, a thành phố from 2012): the unit as written, without a code
    (the gazetteer's code is the other type's), in the same parent."""
    level = TYPE_LEVEL.get(unit_type)
    others = [t for t in _SAME_LEVEL_TYPES.get(level or "", ()) if t != unit_type]
    for n in range(len(words), 1, -1):  # two words at least: one word is kept as written anyway
        name = words[0] + "".join(seps[i] + words[i + 1] for i in range(n - 1))
        for other in others:
            found = [p for p in gaz.lookup(other, name, on_date=on_date) if p.level == level]
            if found:
                return [Place(unit_type, found[0].name, parent=found[0].parent, level=level)], n
    return [], 0


# Middle names: after a type word, "X Văn Y" is a person ("Chủ tịch LĐLĐ huyện Ngân Văn Hiền"), not a unit.
_MIDDLE_NAMES = frozenset({"Văn", "Thị", "Đức", "Hữu", "Công", "Đình"})


# A role shortly before the type word: "Chủ tịch UBND xã Lò Pọm" names a person after a bare "xã";
# without one, "Nhân dân xã Bế Triều" names a commune (Bế is also a family name).
_TITLE_BEFORE = re.compile(r"(?:Chủ tịch|Bí thư|Giám đốc|Trưởng|Phó|Ủy viên|Chánh|Hiệu trưởng)[^,;.:()]{0,50}$")


def _run_end(run: re.Match, words: list[str], seps: list[str], used: int) -> int:
    """Where the first ``used`` words of a name run end in the text."""
    return run.start(1) + len(words[0]) + sum(len(seps[i]) + len(words[i + 1]) for i in range(used - 1))


def _split_run(run: str) -> tuple[list[str], list[str]]:
    parts = re.split(r"( ?[-–] ?| )", run)
    words = parts[0::2]
    seps = [" - " if s.strip() in "-–" and s.strip() else " " for s in parts[1::2]]
    return words, seps


# A province named without its type word at the end of one of its departments' names:
# "Sở Y tế Thanh Hóa", "Sở Văn hóa, Thể thao và Du lịch Bà Rịa - Vũng Tàu".
_DEPARTMENT_OF_PROVINCE = re.compile(rf"\bSở [^;.()]{{2,50}}? ({NAME_WORD}(?: ?[-–]? {NAME_WORD}){{1,3}})(?=[\s,;.)]|$)")


def _department_provinces(text: str, gaz: Gazetteer, on_date: str | None) -> list[UnitMention]:
    out = []
    index = gaz.names_index()
    for m in _DEPARTMENT_OF_PROVINCE.finditer(text):
        parts = re.split(r"( ?[-–] ?| )", m.group(1))  # words and the separators as written
        for n in range(len(parts) // 2 + 1, 1, -1):  # the longest run of words that names one province
            written = "".join(parts[:2 * n - 1])
            provinces = [p for p in index.get(normalize_name(written), ()) if p.level == "province"
                         and (on_date is None or (not p.valid_until or p.valid_until > on_date)
                              and (not p.valid_from or p.valid_from <= on_date))]
            if len(provinces) == 1:
                out.append(UnitMention(provinces[0], m.start(1), m.start(1) + len(written)))
                break
    return out


def find_units(text: str, gaz: Gazetteer, *, on_date: str | None = None,
               surnames: frozenset[str] = frozenset()) -> list[UnitMention]:
    """Every unit written with its type word, inside a committee's name, or "Việt Nam"."""
    found: list[UnitMention] = []
    for m in TYPE_RE.finditer(text):
        unit_type = UNIT_TYPES[m.group(1).lower()]
        run = _NAME_RUN.match(text, m.end())
        if not run:
            found.extend(_qualified_list(text, m, unit_type, gaz, on_date))
            continue
        words, seps = _split_run(run.group(1))
        if words[0].isupper() and len(words[0]) > 1 and not text[m.start():m.end()].isupper():
            continue  # "huyện UBND": an abbreviation, not a name
        places, used = _candidates_for(gaz, unit_type, words, seps, on_date)
        if places and used == 1 and len(words) >= 3 and words[0] in surnames and words[1] in _MIDDLE_NAMES:
            continue  # "Bí thư ĐTN xã Phan Văn Đức": a person, though a commune Phan exists elsewhere
        if not places:
            if unit_type == "thành phố" and words[0] in ("Hồ", "HỒ") and len(words) >= 3:
                places, used = gaz.lookup("thành phố", "Hồ Chí Minh"), 3
            elif words[0] in surnames and (len(words) >= 3 or _TITLE_BEFORE.search(text, max(0, m.start() - 60), m.start())) \
                    or words[0].isdigit() and unit_type not in ("phường", "quận") \
                    or len(words) >= 3 and words[1] in _MIDDLE_NAMES:
                continue  # a title's bare type word followed by a person's name ("huyện Ngân Văn Hiền")
            elif words[0] in ("Đoàn", "Đội", "ĐOÀN", "ĐỘI"):
                continue  # "Huyện Đoàn", "Tỉnh Đội": the unit's Youth Union or military command, no unit's name
            elif text[m.start():m.end()].isupper():
                continue  # all in capitals, any word can follow the type: "… UBND HUYỆN PHÁT BIỂU TẠI …"
            else:
                places, used = _under_another_type(gaz, unit_type, words, seps, on_date)
            if not places and words[0] in _NOT_A_UNIT_NAME:
                continue  # "các tỉnh Bắc Trung Bộ" (a region), "các tỉnh Cụm thi đua" (an emulation cluster)
            if not places:
                # Not in the gazetteer: keep it as written (up to two words), without a code.
                used = min(len(words), 2)
                name = words[0] + "".join(seps[i] + words[i + 1] for i in range(used - 1))
                if name.isupper():
                    name = name.title()
                places = [Place(unit_type, name, level=TYPE_LEVEL.get(unit_type))]
        end = _run_end(run, words, seps, used)
        found.append(UnitMention(places[0], m.start(), end, tuple(places[1:]),
                                 _written(text[run.start(1):end], places[0])))
        found.extend(_parent_in_brackets(text, end, places[0]))
        found.extend(_listed_after(text, end, unit_type, gaz, on_date,
                                   plural=text[max(0, m.start() - 4):m.start()].lower() == "các "))
    for m in COMMITTEE_RE.finditer(text):
        if not text[m.end() + 1:m.end() + 2].isupper():
            continue
        unit_type = COMMITTEE_TYPE[m.group(1).lower()]
        run = _NAME_RUN.match(text, m.end())
        if not run:
            continue
        words, seps = _split_run(run.group(1))
        places, used = _candidates_for(gaz, unit_type, words, seps, on_date)
        if places:
            end = _run_end(run, words, seps, used)
            found.append(UnitMention(places[0], m.start(), end, tuple(places[1:])))
    found.extend(_department_provinces(text, gaz, on_date))
    for m in VIETNAM_RE.finditer(text):
        if starts_word(text, m.start()):
            found.append(UnitMention(VIETNAM, m.start(), m.end()))
    found.sort(key=lambda u: (u.start, u.end))
    return found


def _written(name: str, place: Place) -> str | None:
    """The unit's label as the text spells its name ("xã Đắk Long" for the gazetteer's "Đăk Long"), or None
    when it is the gazetteer's spelling (case and tone placement aside)."""
    if fold_key(name) == fold_key(place.name) or name.isupper() or not place.code:
        return None
    return Place(place.unit_type, name).label


_LIST_JOIN = re.compile(r"(\s*,\s*|\s+và\s+)")


# "các xã vùng cao như Xuân Lương, Canh Nậu", "các xã lân cận Quảng Tân, Quảng Hà": a plural type word,
# a few lower-case words, then names; only names the gazetteer knows count.
_PLURAL_BEFORE = re.compile(r"(?:các|những|\d+)\s+$", re.I)
_NOT_QUALIFIER = r"(?:của|thuộc|tại|ở|trên|trong|và|với|" + "|".join(t.split()[0] for t in UNIT_TYPES) + r")"
_QUALIFIER = re.compile(rf"((?: (?!{_NOT_QUALIFIER}(?![\w]))[{LO}]+){{0,4}}?)(?:(?:,? (?:như|là|gồm|gồm có))?:|,? (?:như|là|gồm|gồm có))(?= [{UP}])|"
                        rf"((?: (?!{_NOT_QUALIFIER}(?![\w]))[{LO}]+){{1,4}}?)(?= [{UP}])")


def _qualified_list(text: str, m: re.Match, unit_type: str, gaz: Gazetteer, on_date: str | None) -> list[UnitMention]:
    if not _PLURAL_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return []
    qualifier = _QUALIFIER.match(text, m.end())
    if not qualifier:
        return []
    run = _NAME_RUN.match(text, qualifier.end())
    if not run:
        return []
    words, seps = _split_run(run.group(1))
    places, used = _candidates_for(gaz, unit_type, words, seps, on_date)
    if not places:
        return []
    end = _run_end(run, words, seps, used)
    first = UnitMention(places[0], run.start(1), end, tuple(places[1:]), _written(text[run.start(1):end], places[0]))
    return [first] + _listed_after(text, end, unit_type, gaz, on_date)


_BRACKETED_NAME = re.compile(rf"\s*\(((?:{SYLLABLE})(?:(?: | ?- ?){SYLLABLE}){{0,3}})\)")


def _parent_in_brackets(text: str, pos: int, place: Place) -> list[UnitMention]:
    """ "huyện Mèo Vạc (Hà Giang)": the bracket names a unit the first one is part of."""
    m = _BRACKETED_NAME.match(text, pos)
    if not m or place.code is None:
        return []
    wanted = normalize_name(m.group(1))
    parent = next((p for p in _ancestors(place)[1:] if p.level != "country" and normalize_name(p.name) == wanted), None)
    return [UnitMention(parent, m.start(1), m.end(1))] if parent is not None else []


def _listed_after(text: str, pos: int, unit_type: str, gaz: Gazetteer, on_date: str | None,
                  plural: bool = False) -> list[UnitMention]:
    """Units of the same type listed after one: "các xã Quảng Lợi, Tân Bình và Đầm Hà". After a
    plural ("các xã …") a name the gazetteer does not know (a commune merged away before its lists)
    is a unit too, kept as written, as long as it is a short run of names ending the list's item."""
    out = []
    while True:
        join = _LIST_JOIN.match(text, pos)
        if not join:
            return out
        run = _NAME_RUN.match(text, join.end() - 1)
        if not run:
            return out
        words, seps = _split_run(run.group(1))
        places, used = _candidates_for(gaz, unit_type, words, seps, on_date)
        if not places and plural and len(words) <= 2 and not words[0].isupper() \
                and not text[run.end(1):run.end(1) + 1].isalnum():
            places, used = [Place(unit_type, " ".join(words), level=TYPE_LEVEL.get(unit_type))], len(words)
        if not places:
            return out
        end = _run_end(run, words, seps, used)
        out.append(UnitMention(places[0], run.start(1), end, tuple(places[1:]), _written(text[run.start(1):end], places[0])))
        pos = end


def _ancestors(place: Place) -> list[Place]:
    chain = []
    while place is not None:
        chain.append(place)
        place = place.parent
    return chain


def _within(place: Place, area: Place | None) -> bool:
    if area is None:
        return False
    key = area.code or area.label
    return any((p.code or p.label) == key for p in _ancestors(place))


def unit_named(gaz: Gazetteer, unit_type: str, name: str, area: Place | None, on_date: str | None) -> Place | None:
    """The unit of that type and name, inside ``area`` where several fit; None where none does."""
    found = gaz.lookup(unit_type, name, on_date=on_date)
    inside = [p for p in found if _within(p, area)] if area is not None else found
    return (inside or found or [None])[0]


def disambiguate(mentions: list[UnitMention], area: Place | None) -> list[UnitMention]:
    """Pick, for a name that fits several units, the one inside the article's province."""
    out = []
    for m in mentions:
        if m.alternatives and area is not None and not _within(m.place, area):
            inside = [p for p in m.alternatives if _within(p, area)]
            if inside:
                m = UnitMention(inside[0], m.start, m.end, written=m.written)
        out.append(m)
    return out


@dataclass(frozen=True)
class Subject:
    """The units an article is about, per level; bare "huyện", "tỉnh", "xã" resolve to these."""

    province: Place | None
    district: Place | None
    commune: Place | None
    # A story about a district that names one of its communes most: what a bare "xã" there means.
    nearby_commune: Place | None = None

    def at_level(self, level: str | None) -> Place | None:
        if level == "country":
            return VIETNAM
        if level == "city":
            return next((p for p in (self.district, self.province) if p and p.unit_type == "thành phố"), None)
        return {"province": self.province, "district": self.district,
                "commune": self.commune or self.nearby_commune}.get(level or "")

    @property
    def home(self) -> Place | None:
        """The most specific unit the article is about."""
        return self.commune or self.district or self.province


def province_of(place: Place | None, gaz: Gazetteer) -> Place | None:
    if place is None or place.level == "country":
        return None
    return gaz.province_of(place) if place.code else (place if place.level == "province" else None)


def current_unit(place: Place | None, gaz: Gazetteer, on_date: str | None) -> Place | None:
    """The unit that stood for ``place`` on ``on_date``: its successor if it had ended by then."""
    seen = set()
    while place is not None and on_date and place.valid_until and place.valid_until <= on_date and place.code not in seen:
        seen.add(place.code)
        successors = gaz.successors(place)
        if not successors:
            break
        place = successors[0]
    return place


def choose_subject(weighted: list[tuple[Place, float]], gaz: Gazetteer, on_date: str | None = None) -> Subject:
    """The best-supported unit of each level; a district's province wins over other provinces."""
    score: Counter = Counter()
    by_key: dict[str, Place] = {}
    for place, weight in weighted:
        key = place.code or place.label
        score[key] += weight
        by_key[key] = place

    def best(level: str) -> Place | None:
        ranked = sorted((k for k in score if by_key[k].level == level), key=lambda k: (-score[k], k))
        return by_key[ranked[0]] if ranked else None

    district = best("district")
    commune = best("commune")
    province = province_of(district, gaz) if district else None
    if province is None and commune is not None:
        province = province_of(commune, gaz)
    if province is None:
        province = best("province")
    if province is None:
        provinces = Counter(p.code for p, _ in weighted if province_of(p, gaz) for p in [province_of(p, gaz)])
        if provinces:
            province = next(province_of(p, gaz) for p, _ in weighted
                            if province_of(p, gaz) and province_of(p, gaz).code == provinces.most_common(1)[0][0])
    if district is not None and commune is not None and not _within(commune, district):
        commune = commune if score[commune.code or commune.label] > score[district.code or district.label] else None
    nearby = None
    if commune is not None and district is not None and score[commune.code or commune.label] < score[district.code or district.label]:
        commune, nearby = None, commune
    # After the 2025 reform there is no district level, and bare "tỉnh" means the merged province.
    if district is not None and on_date and district.valid_until and district.valid_until <= on_date:
        district = None
    return Subject(current_unit(province, gaz, on_date), district, commune, nearby)
