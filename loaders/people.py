"""People and the offices they hold, read from the expanded article text.

Patterns of the genre, each a small parser over the text from a position:

- a trigger and a name, then titles: "đồng chí Trần Việt Dũng – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện";
- a plural trigger and a list: "các đồng chí: A, Tỉnh ủy viên…; B, Phó Chủ tịch UBND huyện";
- titles, then a name: "Chủ tịch UBND tỉnh Cao Tường Huy";
- a name that starts with a family name, then titles: "Nguyễn Văn A, Chủ tịch UBND xã, …";
- historical persons ("phong cách Hồ Chí Minh", "Bác Hồ").

A title is role + body + unit ("Chủ tịch" "Ủy ban nhân dân" "huyện"); a bare
or missing unit is resolved by :mod:`.extract` against the article's subject.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .lexicon import (BODY_HEADS, BODY_LEVEL_BY_HEAD, CHIEF_ROLE_BY_HEAD, FIXED_BODIES, HAMLET_HEAD_BY_ROLE,
                      HISTORICAL_PERSONS, LONG_FAMILY_NAME_STARTS, MEMBER_SUFFIX_BODIES, NAME_STOPWORDS, ROLES, SURNAMES, COMPOUND_STARTS)
from .model import Place
from .places import LO, UP, UNIT_TYPES, UnitMention
from .text import Caseless, starts_word, title_case_name

_SYL = rf"[{UP}][{LO}{UP}'’]*"
_ANY_SYL = rf"[{UP}{LO}][{LO}{UP}'’]*"
_WORD = re.compile(rf"\s*({_ANY_SYL})")
_CAP_WORD = re.compile(rf" ({_SYL})")
_LOWER_WORD = re.compile(rf" ([{LO}]+)(?![\w])")

_TRIGGER = Caseless(
    r"(?<!\w)(các đồng chí|các ông, bà|các ông|các bà|đồng chí|ông|bà|"
    # An honorary title before "anh", which it starts: "Anh hùng Lực lượng vũ trang nhân dân Điểu Lứt".
    r"Anh hùng Lực lượng vũ trang nhân dân|Anh hùng LLVTND|Anh hùng Lao động|Anh hùng|anh|chị|em|cụ|"
    r"Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|Thiếu tá|Đại úy|"
    r"Giáo sư|Phó Giáo sư|PGS\.?\s?TS\.?|GS\.?\s?TS\.?|TS\.|ThS\.|Tiến sĩ|Thạc sĩ|bác sĩ|"
    r"nghệ nhân|Nghệ nhân|Nhà giáo|nhà giáo|Đại tướng|Mẹ Việt Nam Anh hùng|cô giáo|thầy giáo|"
    r"Bà mẹ Việt Nam Anh hùng|Mẹ|già làng|Già làng|người có uy tín|nghệ sĩ|Nghệ sĩ|vua|danh y)(?!\w)")
_COLON = re.compile(r"\s*:")
_STANDING = re.compile(r" Thường trực(?= )")
_CHIEF = re.compile(r"(Phó )?Trưởng (ban|phòng|đoàn)", re.I)
_HEAD_AGAIN = re.compile(r" (ban|phòng|đoàn)(?![\w])", re.I)
_COMMITTEE_SUFFIX = re.compile(r" ?ủy")
_CENTRAL = re.compile(r" Trung ương(?![\w])")
_PHOTO_CREDIT = re.compile(r"Ảnh\s*:")  # at a word start (checked by hand: faster)
_NOT_A_PHOTOGRAPHER = frozenset("Báo Cổng Trang Đài Sở Ban Phòng Trung Tư Internet Nguồn Theo Tạp Thông Văn Hội Ủy".split())


# A credit ends its line: only spaces, a full stop or a bracket may follow it.
_CREDIT_END = re.compile(r"[ .)\]]*(?=\n|$)")
_AND = re.compile(r" và(?= )")
_NOT_IN_LOWER_NAME = frozenset("""và của là có đã được tại với cho các những tỉnh huyện quận xã phường đồng chí ông bà
nguyên đảng ủy ban""".split())
_LOWER_MIDDLES = frozenset({"thị", "văn", "đức", "hữu", "công", "đình", "ngọc", "minh", "quang", "xuân", "thanh"})
_SPACES = re.compile(r"\s*")
_TITLE_COMMA = re.compile(r"\s*[,–-]\s*[A-ZĐ]")
_AGAIN = re.compile(r"(đồng chí|ông|bà)\s+", re.I)
_PLURAL_TRIGGERS = {"các đồng chí", "các ông, bà", "các ông", "các bà", "các"}
_ROLE_BY_LOWER = {r.lower(): r for r in ROLES}
_ROLE_RE = re.compile(
    r"((?:nguyên|trước đây là|trước đó là|từng là)\s+)?(" + "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + r")(?![\w])", re.I)
_MEMBER_RE = re.compile(r"((?:nguyên|trước đây là|trước đó là|từng là)\s+)?(tỉnh ủy viên|huyện ủy viên|thành ủy viên|thị ủy viên|quận ủy viên|"
                        r"đảng ủy viên)(?![\w])", re.I)
_FIXED_RE = re.compile(
    r"\s*(" + "|".join(re.escape(b[0]) for b in sorted(FIXED_BODIES, key=lambda b: len(b[0]), reverse=True)) + r")(?![\w])",
    re.I)
_FIXED = {b[0].lower(): (b[1], b[2]) for b in FIXED_BODIES}
_HEAD_RE = re.compile(r"\s*(" + "|".join(re.escape(h) for h in sorted(BODY_HEADS, key=len, reverse=True)) + r")(?![\w])",
                      re.I)
_TYPE_AT = re.compile(r" (" + "|".join(UNIT_TYPES) + r")(?![\w])", re.I)
_SEPARATOR = re.compile(r"\s*(?:,\s*)?(?:(?:tiếp tục|tái cử) (?:giữ chức|làm)|(?:(?:tiếp tục|tái cử|vinh dự) )?(?:đã )?(?:được )?(?:bầu|bầu lại|bổ nhiệm|chỉ định|phân công|giới thiệu|điều động)"
                        r"(?: (?:giữ chức|làm|là|vào chức))?|\bgiữ chức\b|\b(?:hiện nay|hiện|nay|hiện đang)\s+(?:là|giữ chức)\b|\blà(?= [A-ZĐ])|\bđảm nhận\b|(?:tái )?đắc cử|(?:tiếp tục )?giữ cương vị)\s*|"
                        r"\s*(?:,|–|-|:|\bkiêm\b|\bđồng thời là\b|\bvà\b)\s*")
_LIST_SEPARATOR = re.compile(r"\s*(?:;|,|và|–|-)\s*")
_ROLE_WORDS = {r.split()[0].lower() for r in ROLES} | {"nguyên", "tỉnh", "huyện", "thành", "thị", "quận", "đảng"}
# Lower-case words that may continue a body's name after a capitalised word ("Ban Tuyên giáo").
_BODY_STOP_LOWER = frozenset("""
phát chủ dự tham trao tặng nhấn khẳng cho đã đang sẽ đến tới tại với về được là có và của trong theo lên
xuống thăm chúc đề kêu ghi điều chỉ quán báo cùng làm nêu nói cảm trân gửi mong yêu
tỉnh huyện quận xã phường thị thành đặc
""".split())
_HISTORICAL_RE = re.compile(r"(" + "|".join(re.escape(k) for k in sorted(HISTORICAL_PERSONS, key=len, reverse=True))
                            + r")(?![\w])")
_NOT_PERSON_BEFORE = re.compile(
    r"(thành phố|Thành phố|TP\.?|"
    r"Học viện Chính trị quốc gia|Bảo tàng|bảo tàng|Lăng|lăng|đường|Đường|phố|Phố|trường|Trường|"
    r"THPT|THCS|Tiểu học|Mầm non|cầu|Cầu|giải|Giải|quảng trường|Quảng trường|Quỹ|quỹ|huyện|xã|phường|"
    r"thị trấn|tỉnh|quận|Khu di tích|khu di tích|Nhà văn hóa|công viên|Công viên|vùng|miền|khu vực|"
    r"(?:xã|huyện|phường|thị trấn) (?:miền núi|vùng cao|biên giới|vùng sâu|ven biển|đảo|bãi ngang))\s*$", re.I)


# Cheap scans that find where patterns 2 and 3 can start, so the full parsers run only there.
_ROLE_START = re.compile(r"(?:" + "|".join(sorted({r.split()[0] for r in ROLES} | {"Tỉnh", "Huyện", "Thành", "Thị",
                                                                                           "Quận", "Đảng"}, key=len, reverse=True))
                         + r")(?= )")
_CAPITAL_PAIR = re.compile(rf"([{UP}][{LO}]*)(?= [{UP}])")  # at a word start (checked by hand: faster)


@dataclass(frozen=True)
class Title:
    role: str
    body: str | None
    level: str | None  # level of unit the body implies ("province" for Tỉnh ủy)
    unit_type: str | None  # a type word written after the body ("huyện"), maybe bare
    unit: UnitMention | None  # an explicit unit written after the body
    former: bool
    start: int
    end: int


@dataclass
class PersonFound:
    name: str
    start: int
    end: int
    titles: list[Title] = field(default_factory=list)
    historical: bool = False


def _name_at(text: str, pos: int, *, lower_first: bool, need_surname: bool) -> tuple[str, int] | None:
    """A person's name (2–5 syllables) starting at ``pos`` (after spaces)."""
    m = _WORD.match(text, pos)
    if not m:
        return None
    first = m.group(1)
    first_cased = first[:1].upper() + first[1:].lower()
    if first[0].islower():
        if not (lower_first and first_cased in SURNAMES):
            return None
    elif first in NAME_STOPWORDS or first.isupper() and len(first) > 1 and not lower_first:
        return None
    if need_surname and first_cased not in SURNAMES:
        return None
    words = [first]
    end = m.end()
    if first[0].islower():  # "nguyễn thị Lan Phương": a miscased name may keep its middle syllable low too
        middle = _LOWER_WORD.match(text, end)
        if middle and middle.group(1) in _LOWER_MIDDLES:
            if not _CAP_WORD.match(text, middle.end()):
                return None  # all in lower case: only a title after it can tell (_lower_case_name_at)
            words.append(middle.group(1))
            end = middle.end()
    longest = 5
    while len(words) < longest:
        nxt = _CAP_WORD.match(text, end)
        if not nxt and first[0].islower() and len(words) >= 2:
            # "đồng chí đặng Quang hưng, Tỉnh ủy viên": a miscased name may end in lower case before its title.
            low = _LOWER_WORD.match(text, end)
            if low and low.group(1) not in _NOT_IN_LOWER_NAME and _TITLE_COMMA.match(text, low.end()):
                words.append(low.group(1))
                end = low.end()
            break
        if not nxt or (nxt.group(1).isupper() and len(nxt.group(1)) > 1):
            break
        if nxt.group(1) in NAME_STOPWORDS and not (
                nxt.group(1) == "Nguyên" and not _ROLE_RE.match(text, nxt.end() + 1) and not _MEMBER_RE.match(text, nxt.end() + 1)
                or nxt.group(1) == "Chánh" and not _ROLE_RE.match(text, nxt.start(1))
                or nxt.group(1) in _VERB_GIVEN_NAMES and not _CAP_WORD.match(text, nxt.end())
                or nxt.group(1) == "Tỉnh" and not _CAP_WORD.match(text, nxt.end())
                and not _COMMITTEE_WORD.match(text, nxt.end())):
            # "Nguyên", "Chánh" are given names unless a title follows ("… Nguyên Bí thư …", "… Chánh Văn phòng");
            # "Được", "Tới", "Đến", capitalised after a name, are its last syllable ("ông Huỳnh Văn Tới trao …"),
            # unless a headline capitalises every word ("Ông Nguyễn Văn A Được Tặng Bằng Khen")
            break
        words.append(nxt.group(1))
        end = nxt.end()
        if len(words) == 2 and " ".join(words) in LONG_FAMILY_NAME_STARTS:
            longest = 7  # "Công Tằng Tôn Nữ Thị Hạnh": a four-syllable family name
    following = _LOWER_WORD.match(text, end)
    if len(words) > 2 and following and following.group(1) in COMPOUND_STARTS.get(words[-1], ()) \
            and not (following.group(1) == "cùng" and not text.startswith(" ngày", following.end())):
        end -= len(words.pop()) + 1  # "… Thị xã": the syllable starts the next word, not the name
    if len(words) + sum(w.count("'") + w.count("’") for w in words) < 2:
        return None
    return title_case_name(" ".join(words)), end


_LOWER_NAME = re.compile(rf"\s*([{LO}]+(?: [{LO}]+){{1,3}})(?=\s*[–,-]\s*\S)")


def _lower_case_name_at(text: str, pos: int, units_at: dict) -> tuple[str, int] | None:
    """A name typed all in lower case, which only a title right after it can confirm:
    "các đồng chí: …; trần thanh tâm - Chủ tịch Ủy ban MTTQ phường"."""
    m = _LOWER_NAME.match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    if words[0].capitalize() not in SURNAMES or any(w in _NOT_IN_LOWER_NAME for w in words[1:]):
        return None
    titles, _ = titles_at(text, m.end(), units_at)
    if not titles:
        return None
    return title_case_name(m.group(1)), m.end()


def _body_at(text: str, pos: int, units_at: dict[int, UnitMention] | None = None) -> tuple[str, str | None, int] | None:
    """A body's name at ``pos``: (canonical name, implied level, end); it ends before a province
    named without its type word ("Sở Y tế | Thanh Hóa", found by find_units)."""
    m = _FIXED_RE.match(text, pos)
    if m:
        name, level = _FIXED[m.group(1).lower()]
        joined = _AND.match(text, m.end())
        other = _FIXED_RE.match(text, joined.end()) if joined else None
        if other and other.group(1)[0].isupper():
            # "Văn phòng HĐND và UBND huyện": one office serving two bodies.
            return f"{name} và {_FIXED[other.group(1).lower()][0]}", level, other.end()
        central = _CENTRAL.match(text, m.end(), m.end() + 12)
        if central and "Trung ương" not in name:
            return f"{name} Trung ương", "country", central.end()
        return name, level, m.end()
    m = _HEAD_RE.match(text, pos)
    if not m:
        return None
    head = next(h for h in BODY_HEADS if h.lower() == m.group(1).lower())
    if m.group(1)[0].islower() and not _CAP_WORD.match(text, m.end()):
        if head in _BARE_HEAD_REFERS and not _LOWER_WORD.match(text, m.end()):
            earlier = _named_before(text, m.start(1), head)  # "Phó giám đốc sở:", the department named before
            if earlier:
                return earlier[0], earlier[1], m.end()
        return None  # "trưởng đoàn công tác": a lower-case head names a body only before a capital ("phòng Nội vụ")
    words = [head]
    end = m.end()
    prev_cap = True
    while len(words) < 9:
        hamlet = _HAMLET_IN_BODY.match(text, end)
        if hamlet:
            named = _hamlet_name(text, hamlet.end())
            if named:  # "Chi bộ thôn Nà Lử", "Chi bộ Tổ dân phố 9": a hamlet ends the body, its commune follows
                words += [hamlet.group(1), named[0]]
                end = named[1]
                break
        fixed = _FIXED_RE.match(text, end)
        if fixed and (fixed.group(1)[0].isupper() or fixed.group(1).lower().endswith(" ủy")):  # "Ban Tuyên giáo huyện ủy"
            name, fixed_level = _FIXED[fixed.group(1).lower()]
            words.append(name)
            end = fixed.end()
            if name.endswith("ủy") or fixed_level == "country":
                break  # "Ban Dân vận Tỉnh ủy | Lào Cai": the place after a committee is the unit
            prev_cap = False
            continue
        cap = _CAP_WORD.match(text, end)
        if cap and units_at and (named := units_at.get(cap.start(1))) and named.place.level == "province":
            break
        if cap and not _is_name_start(text, end) and cap.group(1) not in NAME_STOPWORDS_IN_BODY \
                and not _TYPE_AT.match(text, end):
            words.append(cap.group(1))
            end = cap.end()
            prev_cap = True
            continue
        run = _lower_run(text, end, prev_cap) if not (words == [head] and head in _BARE_HEAD_REFERS) else None
        if run:  # (a department's name opens with a capital: "Sở trình bày" is a bare "Sở" and a verb)
            words.extend(run[0])
            end = run[1]
            prev_cap = False
            continue
        listed = re.match(rf", ((?:{_SYL}(?: [{LO}]+)?)(?:, {_SYL}(?: [{LO}]+)?)*) và ({_SYL}(?: [{LO}]+)?)", text[end:end + 80])
        if listed and not _is_name_start(text, end + 2) and not any(
                w.lower() in _ROLE_WORDS for w in re.findall(rf"{_SYL}", listed.group(1))):
            words.append(listed.group(0)[0:])  # keeps "Văn hóa, Thể thao và Du lịch" as written
            end += listed.end()
            prev_cap = False
            continue
        joint = re.match(rf"( và | - | – )({_SYL})", text[end:end + 40])
        if joint and not _is_name_start(text, end + len(joint.group(1)) - 1) \
                and joint.group(2).lower() not in _ROLE_WORDS and joint.group(2) not in _ACADEMIC_TITLES:
            words.append(joint.group(1).strip().replace("–", "-"))
            words.append(joint.group(2))
            end += joint.end()
            prev_cap = True
            continue
        break
    if words[:3] == ["Ban", "Chỉ", "đạo"] and text[m.start(1):m.start(1) + 11].lower() == "ban chỉ đạo":
        # "Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh": a steering committee is named by its task.
        task = _STEERING_TASK.match(text, m.start(1) + len("Ban Chỉ đạo"))
        if task and task.end(1) >= end:
            words, end = ["Ban", "Chỉ", "đạo", task.group(1).strip()], task.end(1)
    if len(words) == 1:
        if head in _NAMED_BY_UNIT and _TYPE_AT.match(text, end):
            return head, None, end  # "Phó Giám đốc Công an thành phố": the unit is the rest of its name
        if head in _BARE_HEAD_REFERS and (not _CAP_WORD.match(text, end) or _is_name_start(text, end)):
            earlier = _named_before(text, m.start(1), head)
            if earlier:
                return earlier[0], earlier[1], end
        return None
    name = " ".join(words).replace(" ,", ",")
    if _HAMLET_NAMED.search(name):
        return name, "commune", end
    level = BODY_LEVEL_BY_HEAD.get(head)
    for fixed_name, (canonical, fixed_level) in _FIXED.items():
        if name.lower().endswith(fixed_name) and fixed_level:
            level = fixed_level
            break
    return name, level, end


# A bare "Sở" or "Phòng" ("các Phó Giám đốc Sở") is the department the text has named in full before:
# the one named most often (the story's subject, not one it merged from), else the latest.
_BARE_HEAD_REFERS = frozenset({"Sở", "Phòng"})
# Bodies whose whole name is the head and the unit: "Công an tỉnh", "Thanh tra huyện", "Kho bạc xã".
_NAMED_BY_UNIT = frozenset({"Công an", "Thanh tra", "Kho bạc", "Đảng bộ"})


def _named_before(text: str, pos: int, head: str) -> tuple[str, str | None] | None:
    named: dict[tuple[str, str | None], tuple[int, int]] = {}  # body -> (times named, last position)
    start = text.find(head + " ")
    while 0 <= start < pos:
        body = _body_at(text, start) if starts_word(text, start) else None
        if body and body[0] != head:
            count, _ = named.get(body[:2], (0, 0))
            named[body[:2]] = (count + 1, start)
        start = text.find(head + " ", start + 1)
    return max(named, key=named.__getitem__) if named else None


# Hamlets and street groups inside a commune: they have heads and party cells, but are no administrative units.
_HAMLET_WORDS = "thôn|bản|buôn|ấp|xóm|làng|khóm|khu phố|tổ dân phố|tiểu khu"
_HAMLET_ALT = f"{_HAMLET_WORDS}|{'|'.join(w.capitalize() for w in _HAMLET_WORDS.split('|'))}"
_HAMLET_IN_BODY = re.compile(rf" ({_HAMLET_ALT})(?= )")
_HAMLET_NAMED = re.compile(rf" (?:{_HAMLET_ALT}) [{UP}\d]")  # a body's name that ends in a hamlet's
_HAMLET_PART = re.compile(rf" ({_SYL}|\d+[A-Za-z]?|[IVX]+)(?![\w])")
_COMMA_UNIT = re.compile(r",\s")


def below_commune(body: str) -> bool:
    """A body of a hamlet or street group ("Thôn Bản Lìm", "Chi bộ thôn 9", "Chi bộ Tổ dân phố 9")."""
    return bool(_HAMLET_NAMED.search(" " + body))


def _hamlet_name(text: str, pos: int) -> tuple[str, int] | None:
    """A hamlet's name at ``pos`` (capitalised words or a number: "Nà Lử", "9", "Tân Lập"); a person's
    name after it ("Trưởng thôn Nà Pàn Hoàng Văn A") is not part of it."""
    parts: list[str] = []
    end = pos
    while len(parts) < 4:
        m = _HAMLET_PART.match(text, end)
        if not m or (parts and _is_name_start(text, end)) or m.group(1) in NAME_STOPWORDS:
            break
        parts.append(m.group(1))
        end = m.end()
    return (" ".join(parts), end) if parts else None


NAME_STOPWORDS_IN_BODY = frozenset({"Đồng", "Dự", "Tại", "Về", "Với", "Cùng", "Theo"})
_STEERING_TASK = re.compile(rf"((?: (?!(?:{'|'.join(UNIT_TYPES)})(?![\w]))[{LO}]+(?:,(?= [{LO}]))?){{1,12}})"
                            rf"(?= (?:{'|'.join(UNIT_TYPES)})(?![\w])|[\s]*[;.:–)(-]|,? (?:[{UP}]|và )|$)")
_LOWER_RUN = re.compile(rf"((?: [{LO}]+){{1,2}})(?=(?: [{UP}]| (?:{'|'.join(UNIT_TYPES)})(?![\w])|[\s]*[,;.:–)-]|$))")


def _lower_run(text: str, pos: int, prev_cap: bool) -> tuple[list[str], int] | None:
    """Lower-case words inside a body's name: after a capitalised word ("Ban Tuyên giáo"), or a short run
    before a capitalised word, a unit type or punctuation ("Đoàn đại biểu Quốc hội", "Ủy ban bầu cử huyện")."""
    m = _LOWER_RUN.match(text, pos)
    if m:
        words = m.group(1).split()
        if not any(w in _BODY_STOP_LOWER for w in words):
            return words, m.end()
    low = _LOWER_WORD.match(text, pos)
    if low and prev_cap and low.group(1) not in _BODY_STOP_LOWER:
        return [low.group(1)], low.end()
    return None


def _is_name_start(text: str, pos: int) -> bool:
    """Does a person's name (family name + given names) start at ``pos``?"""
    found = _name_at(text, pos, lower_first=False, need_surname=True)
    return bool(found) and len(found[0].split()) >= 2


_TITLE_MEMO: tuple = (None, None, {})  # (text, units_at, pos -> Title | None) of the article being read


def title_at(text: str, pos: int, units_at: dict[int, UnitMention]) -> Title | None:
    """One title at ``pos``: [nguyên] role [body] [unit]. Memoised per article: the name-first,
    title-first and list readings parse the same titles again (half the calls)."""
    global _TITLE_MEMO
    memo_text, memo_units, memo = _TITLE_MEMO
    if memo_text is not text or memo_units is not units_at:
        memo = {}
        _TITLE_MEMO = (text, units_at, memo)
    if pos not in memo:
        memo[pos] = _parse_title(text, pos, units_at)
    return memo[pos]


# "… Sở GD&ĐT và TS.BS Mai Văn Lực": an academic title after "và" starts the next person, not the body's name.
_ACADEMIC_TITLES = frozenset({"TS", "ThS", "BS", "PGS", "GS", "KS", "CN", "BSCKI", "BSCKII", "Ths"})
_COMMITTEE_WORD = re.compile(r" (?:ủy|uỷ|đoàn|đội|trưởng)\b")  # "… Tỉnh ủy viên": "Tỉnh" opens a title
_VERB_GIVEN_NAMES = frozenset({"Được", "Tới", "Đến"})  # verbs and given names (the South's "Huỳnh Văn Tới")
_ACTING = re.compile(r"quyền ", re.I)


def _parse_title(text: str, pos: int, units_at: dict[int, UnitMention]) -> Title | None:
    start = pos
    while start < len(text) and text[start] == " ":
        start += 1
    acting = _ACTING.match(text, start)
    if acting:  # "Quyền Chủ tịch UBND huyện": an acting head holds the post as "Quyền Chủ tịch"
        title = _parse_title(text, acting.end(), units_at)
        return replace(title, role=f"Quyền {title.role}", start=start) if title and not title.former else None
    m = _MEMBER_RE.match(text, start)
    if m:
        body = MEMBER_SUFFIX_BODIES[m.group(2).lower()]
        level = _FIXED[body.lower()][1]
        return _with_unit(text, "Ủy viên", body, level, bool(m.group(1)), start, m.end(), units_at)
    m = _ROLE_RE.match(text, start)
    if not m:
        return None
    former = bool(m.group(1))
    role_written = m.group(2)
    role = _ROLE_BY_LOWER[role_written.lower()]
    end = m.end()
    standing = _STANDING.match(text, end, end + 13)
    if standing and role.lower().endswith(("ban", "phòng")) and _body_at(text, standing.end()):
        role, end = f"{role} Thường trực", standing.end()
    chief = _CHIEF.fullmatch(role)
    again = _HEAD_AGAIN.match(text, end, end + 8) if chief else None
    if again and again.group(1).lower() == chief.group(2).lower():
        chief = None  # "Phó Trưởng ban Ban Thi đua …": the role is whole, the body follows it
    if chief:
        # "Trưởng Ban TĐKT": the head noun belongs to the body, the role is "Trưởng ban".
        end = m.start(2) + len(role_written) - len(chief.group(2))
        role = ("Phó " if chief.group(1) else "") + "Trưởng"
    if role in HAMLET_HEAD_BY_ROLE:
        named = _hamlet_name(text, end)
        if named is None:
            return None  # "các trưởng thôn": no post without the hamlet
        return _with_unit(text, role, f"{HAMLET_HEAD_BY_ROLE[role]} {named[0]}", "commune", former, start, named[1],
                          units_at)
    body = _body_at(text, end, units_at)
    if body is None:
        return _with_unit(text, role, None, None, former, start, end, units_at)
    name, level, end = body
    if role.endswith("Chánh Văn phòng") and not name.startswith("Văn phòng"):
        name = f"Văn phòng {name}"  # the office the chief runs: "Văn phòng Huyện ủy", "Văn phòng HĐND và UBND"
    if role in ("Trưởng", "Phó Trưởng"):
        head = next((h for h in CHIEF_ROLE_BY_HEAD if name == h or name.startswith(h + " ")), None)
        if head:
            role = f"{role} {CHIEF_ROLE_BY_HEAD[head]}"
    if name.endswith(" Việt Nam") and "Mặt trận" in name:
        name = name[: -len(" Việt Nam")]
    return _with_unit(text, role, name, level, former, start, end, units_at)


def _with_unit(text: str, role: str, body: str | None, level: str | None, former: bool, start: int, end: int,
               units_at: dict[int, UnitMention]) -> Title:
    """Attach the unit written after the body: an explicit unit, a bare type word, or nothing.
    A hamlet's body takes the commune after a comma too ("Bí thư Chi bộ thôn Nà Lử, xã Yên Phúc")."""
    unit = units_at.get(end + 1) or units_at.get(end) or _covering(units_at, end)
    if unit is None and level == "commune" and body and _COMMA_UNIT.match(text, end):
        unit = units_at.get(end + 2)
        if unit is not None and unit.place.level != "commune":
            unit = None
    if unit is not None and (body is None or not body.endswith("ủy") or unit.place.unit_type != "quốc gia"):
        return Title(role, body, level, unit.place.unit_type, unit, former, start, unit.end)
    m = _TYPE_AT.match(text, end)
    if m and not _COMMITTEE_SUFFIX.match(text, m.end(), m.end() + 4):
        unit_type = UNIT_TYPES[m.group(1).lower()]
        named = units_at.get(m.end() + 2) if text.startswith(", ", m.end()) else None
        if named is not None and named.place.unit_type == unit_type and (named.end >= len(text) or text[named.end] in "\n;.,"):
            # A table's row, "Chủ tịch UBND phường, Phường Thanh Sơn": the unit in the next column.
            return Title(role, body, level, unit_type, named, former, start, named.end)
        return Title(role, body, level, unit_type, None, former, start, m.end())
    if body and body.endswith("ủy") and text.startswith(" Việt Nam", end):
        return Title(role, body, level, None, None, former, start, end)
    return Title(role, body, level, None, None, former, start, end)


def _covering(units_at: dict[int, UnitMention], pos: int) -> UnitMention | None:
    """A unit written as a committee's name ("Huyện ủy Tiên Yên") whose name runs past ``pos``."""
    return next((u for u in units_at.values() if u.start < pos < u.end), None)


_OPEN_BRACKET = re.compile(r" ?\( ?")
_CLOSE_BRACKET = re.compile(r" ?\)")


def titles_at(text: str, pos: int, units_at: dict[int, UnitMention]) -> tuple[list[Title], int]:
    """Titles separated by commas, dashes, "kiêm": as many as follow one another; or all the
    titles in brackets ("ông A (Tỉnh ủy viên, Bí thư Thị ủy Vĩnh Châu)")."""
    opened = _OPEN_BRACKET.match(text, pos)
    if opened:
        titles, end = _titles_in_row(text, opened.end(), units_at)
        closed = _CLOSE_BRACKET.match(text, end)
        return (titles, closed.end()) if titles and closed else ([], pos)
    return _titles_in_row(text, pos, units_at)


def _titles_in_row(text: str, pos: int, units_at: dict[int, UnitMention]) -> tuple[list[Title], int]:
    titles: list[Title] = []
    end = pos
    while True:
        sep = _SEPARATOR.match(text, end)
        at = sep.end() if sep else end
        if titles and not sep:
            break
        if not titles and sep is None:
            at = end
        title = title_at(text, at, units_at)
        if title is None:
            break
        titles.append(title)
        end = title.end
    return titles, end


def _shared_titles(text: str, pos: int, units_at: dict[int, UnitMention]
                   ) -> tuple[list[Title], int, str | None, bool]:
    """Titles shared by a list after a plural trigger: (titles, where the list starts, the unit type of
    "… UBND các huyện:" whose names follow each person in brackets, whether names follow without a
    colon). No titles where no list follows: a colon, or straight away a family name ("các đồng chí
    Phó Chủ tịch UBND tỉnh Nguyễn A, Trần B")."""
    shared, after = titles_at(text, pos, units_at)
    if not shared:
        return [], pos, None, False
    plural = _PLURAL_UNIT.match(text, after)
    if plural:
        after = plural.end()
    colon = _COLON.match(text, after)
    if colon:
        # "các Phó Chủ tịch UBND huyện: A (Lục Nam), B (Yên Thế)": a bare type word is per person, too.
        bare = shared[-1].unit_type if shared[-1].unit is None else None
        return shared, colon.end(), UNIT_TYPES[plural.group(1).lower()] if plural else bare, False
    if not plural and _is_name_start(text, after):
        return shared, after, None, True
    return [], pos, None, False


_VERB_BEFORE_TITLE = re.compile(r",?\s+(?:(?:tiếp tục|tái cử) (?:giữ chức|làm)|(?:tiếp tục |tái cử |vinh dự )?(?:được )?(?:bầu|bầu lại|bổ nhiệm|chỉ định)(?: giữ chức| làm| vào chức)?|"
                                r"(?:tái )?đắc cử|cùng (?:là|giữ chức)|đều là|giữ chức)\s")
_AND_AGAIN = re.compile(r"\s+và\s+(?:(?:đồng chí|ông|bà|anh|chị)\s+)?")
_ON_BEHALF_OF = re.compile(r"(?:ủy quyền|thừa lệnh|thay mặt)(?: của)?\s+$", re.I)
_LOWER_ROLE_START = re.compile(r"(?:phó )?(?:chủ tịch|bí thư|giám đốc)(?= [A-ZĐỦ])")
_DASH_BEFORE_TITLE = re.compile(r"\s+[–-]\s+")
_PLURAL_TITLE = re.compile(r"[Cc]ác(?= (?:Phó |Ủy viên|Thường trực|Chủ tịch|Bí thư|Giám đốc|Trưởng|Chánh|Tỉnh ủy viên|Huyện ủy viên))")
_PLURAL_UNIT = re.compile(r" các (" + "|".join(UNIT_TYPES) + r")(?![\w])", re.I)
_PAREN_PLACE = re.compile(rf"\s*\(((?:{_SYL})(?: (?:{_SYL}|\d+)){{0,3}})\)")


def _share_trailing_titles(text: str, members: list[PersonFound]) -> None:
    """Titles written once after several names of a list are each one's:
    "các đồng chí: A, B - Phó Chủ tịch HĐND huyện", "các đồng chí A và B, Phó Chủ tịch UBND tỉnh",
    "các đồng chí A và B được bầu giữ chức Phó Bí thư", and, after a verb only, those of a name joined
    by "và" that has titles of its own ("A, Chủ tịch HĐND xã và B, Chủ tịch UBND xã được bầu giữ chức …")."""
    waiting: list[PersonFound] = []  # names of the list since the last one with (current) titles
    previous: PersonFound | None = None
    for person in members:
        if all(t.former for t in person.titles):
            waiting.append(person)
            previous = person
            continue
        starts = [person.end] + [t.end for t in person.titles[:-1]]
        elected = next((i for i, at in enumerate(starts) if _VERB_BEFORE_TITLE.match(text, at)), None)
        joined = previous is not None and _AND.match(text, previous.titles[-1].end if previous.titles else previous.end)
        if elected is None and waiting and not any(p.titles for p in waiting):
            elected = 0  # "các đồng chí A, B, Phó Bí thư Huyện ủy": names with no title of their own share it
        if elected == 0:
            for other in waiting:
                other.titles = other.titles + person.titles
        elif elected is not None and joined and previous.titles:
            previous.titles = previous.titles + person.titles[elected:]
        waiting = []
        previous = person


def find_people(text: str, units: list[UnitMention],
                unit_named: Callable[[str, str], Place | None] | None = None) -> list[PersonFound]:
    """Every person the text names, with the titles written beside the name; ``unit_named(type, name)``
    finds the unit a bracket after a name means in a list under "… các huyện:"."""
    units_at = {u.start: u for u in units}
    found: dict[int, PersonFound] = {}

    def add(person: PersonFound) -> None:
        if person.start not in found or len(person.titles) > len(found[person.start].titles):
            found[person.start] = person

    # 1. Triggered names, and lists after a plural trigger.
    triggers = [(m.group(1).lower(), m.end()) for m in _TRIGGER.finditer(text)]
    # "Các Phó Giám đốc Sở: A, B": a plural before a title is a list trigger too.
    triggers += [("các", m.end()) for m in _PLURAL_TITLE.finditer(text) if starts_word(text, m.start())]
    for trigger, pos in triggers:
        shared: list[Title] = []
        plural_type = None
        names_only = False  # "các đồng chí Chủ tịch X Đinh Thị Hà, Chủ tịch Y Lê Văn Khoa": titles come first
        if trigger in _PLURAL_TRIGGERS:
            shared, pos, plural_type, names_only = _shared_titles(text, pos, units_at)
            if trigger == "các" and not shared:
                continue
        colon = _COLON.match(text, pos)
        if colon:
            pos = colon.end()
        first = True
        members: list[PersonFound] = []
        while True:
            name = _name_at(text, pos, lower_first=(first or trigger in _PLURAL_TRIGGERS)
                            and trigger in ("đồng chí", "các đồng chí"),
                            need_surname=not first and (trigger not in _PLURAL_TRIGGERS or names_only))
            if (not name or len(name[0].split()) < 2) and trigger in ("đồng chí", "các đồng chí"):
                name = _lower_case_name_at(text, pos, units_at) or name
            elif not name and trigger not in ("đồng chí", "các đồng chí"):
                # "ông lê Thành Đông, Bí thư Huyện ủy": a miscased family name, confirmed by the title after it.
                miscased = _name_at(text, pos, lower_first=True, need_surname=True)
                if miscased and miscased[0] != text[pos:miscased[1]].strip() and titles_at(text, miscased[1], units_at)[0]:
                    name = miscased
            if not name:
                break
            name_start = _SPACES.match(text, pos).end()
            own = shared
            after_name = name[1]
            where = _PAREN_PLACE.match(text, after_name) if plural_type else None
            if where and unit_named is not None:
                # "Phó Chủ tịch UBND các huyện: A (Mường Lát), B (Quan Hóa)": each their own unit.
                place = unit_named(plural_type, where.group(1))
                if place is not None:
                    mention = UnitMention(place, where.start(1), where.end(1))
                    own = [replace(t, unit=mention, unit_type=plural_type) if t.unit is None else t for t in shared]
                    after_name = where.end()
            titles, end = ([], after_name) if names_only else titles_at(text, after_name, units_at)
            person = PersonFound(name[0], name_start, name[1], own + titles)
            add(person)
            members.append(person)
            if trigger not in _PLURAL_TRIGGERS:
                break
            sep = _LIST_SEPARATOR.match(text, end)
            if not sep:
                break
            pos = sep.end()
            again = _AGAIN.match(text, pos)
            if again:
                if shared and ";" in sep.group(0):
                    break  # "…: A, B; đồng chí C, Chủ tịch LĐLĐ": the shared titles end with their list
                pos = again.end()
            first = False
        if len(members) > 1 and not shared:
            _share_trailing_titles(text, members)

    # 2. Titles first, then a name: "Chủ tịch UBND tỉnh Cao Tường Huy".
    starts = []
    for candidate in _ROLE_START.finditer(text):
        if not starts_word(text, candidate.start()):
            continue
        m = _ROLE_RE.match(text, candidate.start()) or _MEMBER_RE.match(text, candidate.start())
        if m and m.group(2)[0].isupper():
            starts.append(m)
    # "… chủ tịch UBND xã Y Khuê Byă": a lower-case role, trusted only with the body it heads.
    starts += [_ROLE_RE.match(text, c.start()) for c in _LOWER_ROLE_START.finditer(text) if starts_word(text, c.start())]
    for m in sorted(starts, key=lambda m: m.start()):
        if m.start() in found:
            continue
        titles, end = titles_at(text, m.start(), units_at)
        if not titles or m.group(2)[0].islower() and titles[0].body is None:
            continue
        if _ON_BEHALF_OF.search(text, max(0, m.start() - 30), m.start()):
            titles = titles[1:]  # "thừa ủy quyền của Thủ tướng Chính phủ, Bộ trưởng X": not X's title
            if not titles:
                continue
        name = _name_at(text, end, lower_first=False, need_surname=True)
        if name:
            name_start = _SPACES.match(text, end).end()
            if name_start not in found and "\n" not in text[end:name_start]:  # a title ends its line: not the next line's name's
                add(PersonFound(name[0], name_start, name[1], titles))

    # 3. A family name, a given name, then titles: "Nguyễn Văn A, Chủ tịch UBND xã".
    covered = sorted((p.start, p.end) for p in found.values())
    for m in _CAPITAL_PAIR.finditer(text):
        if m.group(1) not in SURNAMES or not starts_word(text, m.start()) or text[m.start() - 1:m.start()] == "'":
            continue
        pos = m.start()
        i = bisect.bisect_right(covered, (pos, len(text) + 1)) - 1
        if pos in found or i >= 0 and covered[i][0] <= pos < covered[i][1]:
            continue
        name = _name_at(text, pos, lower_first=False, need_surname=True)
        if not name or len(name[0].split()) < 3 and not text.startswith(",", name[1]):
            continue
        titles, end = titles_at(text, name[1], units_at)
        if titles or len(name[0].split()) >= 3 and not _NOT_PERSON_BEFORE.search(text[max(0, pos - 40):pos]):
            if titles or _plausible_bare_name(name[0], text, pos, units_at):
                add(PersonFound(name[0], pos, name[1], titles))
                bisect.insort(covered, (pos, name[1]))

    # 4. A photographer credited at the end of a caption: "… phát biểu tại hội nghị. Ảnh: Y Phôn".
    for m in _PHOTO_CREDIT.finditer(text):
        if not starts_word(text, m.start()):
            continue
        name = _name_at(text, m.end(), lower_first=False, need_surname=False)
        if name and _CREDIT_END.match(text, name[1]) and m.end() not in found \
                and name[0].split()[0] not in _NOT_A_PHOTOGRAPHER and 2 <= len(name[0].split()) <= 4:
            add(PersonFound(name[0], _SPACES.match(text, m.end()).end(), name[1], []))

    # 5. Historical persons.
    for m in _HISTORICAL_RE.finditer(text):
        if not starts_word(text, m.start()):
            continue
        if _NOT_PERSON_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            continue
        canonical = HISTORICAL_PERSONS[m.group(1)]
        found[m.start()] = PersonFound(canonical, m.start(), m.end(), [], historical=True)
    # "bà A và bà B được bầu giữ chức Phó Chủ tịch …": two singular triggers sharing what follows.
    ordered = [found[k] for k in sorted(found)]
    for first, second in zip(ordered, ordered[1:]):
        if not first.titles and second.titles and not first.historical \
                and _AND_AGAIN.fullmatch(text, first.end, second.start) and _VERB_BEFORE_TITLE.match(text, second.end):
            first.titles = list(second.titles)
    inside_units = [(u.start, u.end) for u in units]
    return [p for p in ordered if not any(s <= p.start < e for s, e in inside_units)]


def _plausible_bare_name(name: str, text: str, pos: int, units_at: dict[int, UnitMention]) -> bool:
    """A name found without a trigger or title: 3–4 syllables, not inside a unit's name."""
    words = name.split()
    if not 3 <= len(words) <= 4 or any(pos <= u.start < pos + len(name) for u in units_at.values()):
        return False
    return True
