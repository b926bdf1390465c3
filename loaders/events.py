"""Dated events, anniversaries and awards, read sentence by sentence from the expanded text."""
from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from .lexicon import AWARD_KINDS, EVENT_KINDS, NATIONAL_DATES
from .places import VIETNAM, UnitMention
from .text import Caseless

_DAY_MONTH = Caseless(
    r"(?<![\d/.\w])(?:ngày\s+)?(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?(?![\d/])|"
    r"(?<![\w])ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
_KIND_RE = Caseless(r"(?<![\w])(" + "|".join(re.escape(k) for k, _ in EVENT_KINDS) + r")(?![\w])")
_KIND = dict(EVENT_KINDS)
_HELD = Caseless(r"(tổ chức|diễn ra|khai mạc|long trọng|tiến hành|được tổ chức|đã tổ chức|tổ chức thành công)")
_NOT_HELD_BEFORE = Caseless(r"(nghị quyết|văn kiện|chuẩn bị|tiến tới|hướng tới|kết luận|chỉ thị|theo|quyết định|"
                              r"kế hoạch|thực hiện|triển khai|sau)\s*$")
_HELD_SUCCESS = Caseless(r"tổ chức( thành công)?\s+(cuộc\s+)?$")
_REVIEW_YEAR = Caseless(r"(?:tổng kết|sơ kết|đánh giá|nhìn lại)[^.;]{0,80}?năm\s+(\d{4})")
_PERIOD = Caseless(r"giai đoạn\s+(\d{4})\s*[–-]\s*(\d{4})")
_NATIONWIDE = Caseless(r"toàn quốc|của Đảng|Quốc hội khóa|toàn dân")
_PLACE_AT = Caseless(r"(?<![\w])tại\s+$")

# "70 năm", also written in words: "bảy mươi năm", "một trăm hai mươi lăm năm".
_NUMBER_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|linh|lẻ)"
# Also "kỷ niệm lần thứ 83 Ngày thành lập Hội Nông dân Việt Nam" (the ordinal in the second group).
_ANNIV = Caseless(rf"(?<![\d\w.,/])(?:(\d{{1,4}}|{_NUMBER_WORD}(?:\s+{_NUMBER_WORD}){{0,5}})\s+năm\s+"
                  rf"|(?<=kỷ niệm )lần thứ\s+(\d{{1,4}})\s+)")
_UNIT_VALUES = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
                "tám": 8, "chín": 9}


def number_value(written: str) -> int:
    """ "70" -> 70, "bảy mươi lăm" -> 75, "một trăm linh năm" -> 105 (Vietnamese number words)."""
    if written.isdigit():
        return int(written)
    hundreds, current = 0, 0
    for word in written.lower().split():
        if word in _UNIT_VALUES:
            current += _UNIT_VALUES[word]
        elif word == "mười":
            current += 10
        elif word == "mươi":
            current = (current or 1) * 10
        elif word == "trăm":
            hundreds, current = hundreds + (current or 1) * 100, 0
    return hundreds + current
_ANNIV_CONTEXT = Caseless(r"(kỷ niệm|chào mừng|hướng tới|dịp|nhân dịp|tròn)\b")
_ANNIV_SUBJECT_START = Caseless(
    r"(ngày|thành lập|giải phóng|tái lập|truyền thống|cách mạng|quốc khánh|chiến thắng|sinh|hy sinh|"
    r"thống nhất|toàn quốc kháng chiến|khởi nghĩa|chủ tịch hồ chí minh|bác hồ|lời kêu gọi|đổi mới|"
    r"xây dựng và phát triển|nhà giáo|thương binh)")
_SUBJECT_END = Caseless(r"\s*(\(|;|\.(?!\d)|:|“|\"|,(?! thống nhất)| gắn với| với | đạt | đã | được | và \d+ năm| - \d| – \d|"
                          r" và các| cùng | là |\bnhằm\b|\bđể\b|\bsẽ\b|\btừ nay\b|\bdiễn ra\b|"
                          # "… và đón nhận Huân chương", "… và hướng tới kỷ niệm …": the commemoration ends there
                          r" và (?:đón nhận|đón|trao|hướng tới|tuyên dương|biểu dương|tôn vinh|khánh thành|phát động|"
                          r"tổng kết|kỷ niệm|gặp mặt|công bố|ra mắt)\b|$)")
_PAREN_RANGE = re.compile(
    r"\s*\(\s*(\d{1,2}/\d{1,2}/?\d{4}|\d{4})\s*[–-]\s*(\d{1,2}/\d{1,2}/?\d{4}|\d{4})\s*\)")
_LIST_CONTINUES = Caseless(r"^[\s,;]*(và)?\s*$")
_NOT_ANNIVERSARY = Caseless(r"(qua|trước|sau|tới|nay|liền|liên tiếp|học|gần|đầu|cuối|rồi|nữa|một)\b")

_AWARD_RE = Caseless(r"(?<![\w])(" + "|".join(re.escape(k) for k, _ in AWARD_KINDS) + r")(?![\w])")
_AWARD = dict(AWARD_KINDS)
_CONFERRER = re.compile(r"^[^.;]{0,30}?\bcủa\s+((?:Thủ tướng Chính phủ|Chủ tịch nước|Chính phủ|Bộ [^,.;]{2,30}?|"
                        r"Chủ tịch Ủy ban nhân dân (?:tỉnh|huyện|thành phố|thị xã|xã)|Ủy ban nhân dân (?:tỉnh|huyện|thành phố|thị xã|xã)|"
                        r"Ban Thường vụ (?:Tỉnh|Huyện) ủy|Tỉnh ủy|Huyện ủy|Hội đồng Thi đua - Khen thưởng [^,.;]{2,20}?|"
                        r"Liên đoàn Lao động [^,.;]{2,20}?))(?=[\s,.;]|$)")
_COUNT = re.compile(r"(\d[\d.]*)\s+(tập thể|cá nhân)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the (expanded) text: split at line breaks and at . ! ? before a capital."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in re.finditer(r"(?<=[.!?;])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])", line.group(0)):
            out.append(Sentence(start, line.start() + m.start()))
            start = line.start() + m.end()
        out.append(Sentence(start, line.end()))
    return out


def iso(day: int, month: int, year: int | None) -> str | None:
    """A real calendar date or None (31/02 is no date)."""
    if year is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class YearContext:
    """What the article says about which year it speaks of."""

    published: str | None
    anniversary_years: tuple[int, ...]
    frequent_year: int | None

    def year_for(self, day: int, month: int, sentence: str) -> int | None:
        """The year of a day written without one ("Ngày 29/12")."""
        if self.published:
            y, m, d = int(self.published[:4]), int(self.published[5:7]), int(self.published[8:10])
            return y - 1 if (month, day) > (m, d) else y
        review = _REVIEW_YEAR.search(sentence)
        if review:
            y = int(review.group(1))
            return y if month >= 7 else y + 1
        period = _PERIOD.search(sentence)
        if period:
            # A congress opens its period ("Đại hội Thi đua yêu nước … giai đoạn 2020 - 2025" sits in 2020);
            # other gatherings review the period as it ends ("hội nghị điển hình tiên tiến giai đoạn 2015-2020").
            congress = _CONGRESS.search(sentence, 0, period.start())
            return int(period.group(1) if congress else period.group(2))
        if self.anniversary_years:
            return max(Counter(self.anniversary_years).items(), key=lambda kv: (kv[1], kv[0]))[0]
        return self.frequent_year


def year_context(text: str, published: str | None, anniversary_dates: list[str | None]) -> YearContext:
    years = [int(y) for y in _YEAR.findall(text) if 1990 <= int(y) <= 2100]
    frequent = max(Counter(years).items(), key=lambda kv: (kv[1], kv[0]))[0] if years else None
    anniv = tuple(int(d[:4]) for d in anniversary_dates if d and int(d[:4]) >= 1990)
    return YearContext(published, anniv, frequent)


_MONTH_YEAR = Caseless(r"(?<![\w/])tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})(?![\d/])")
_MONTH_ONLY = Caseless(r"(?<![\w/])(?:cuối |đầu |giữa )?tháng\s+(\d{1,2})(?![\d/\w])")


def _inside_parentheses(sentence: str, pos: int) -> bool:
    return sentence.count("(", 0, pos) > sentence.count(")", 0, pos)


# A gathering over several days: "(05 - 06/8/2025)", "từ ngày 1 đến ngày 3/9/2023"; it takes its first day.
_DAY_RANGE = Caseless(r"(?<![\d/.\w])(?:từ\s+)?(?:ngày\s+)?(\d{1,2})\s*(?:[–-]|và|đến(?:\s+ngày)?)\s*(\d{1,2})\s*/\s*(\d{1,2})"
                        r"(?:\s*/\s*(\d{4}))?(?![\d/])")
# Parentheses holding one day or one range of days date an event ("… làm việc với xã (ngày 9/10)");
# other parentheses hold an anniversary's two dates.
_EVENT_PARENTHESIS = Caseless(r"\(\s*(?:ngày\s+|từ\s+ngày\s+)?\d{1,2}(?:\s*(?:[–-]|và|đến(?:\s+ngày)?)\s*\d{1,2})?\s*/\s*\d{1,2}"
                                r"(?:\s*/\s*\d{4})?\s*\)")
# A date that names a day of the calendar, not the day of the gathering: "Nhân Ngày Nhà giáo Việt Nam 20/11, …".
_NAMED_DAY_BEFORE = re.compile(r"(?:Quốc khánh|khánh|Ngày [A-ZĐ][^,;.()\d]{2,50}?)\s*$")


def _date_matches(sentence: str):
    """Day matches in order, a range of days standing as one match (its first day)."""
    ranges = [(m.start(), m.end(), (m.group(1), m.group(3), m.group(4))) for m in _DAY_RANGE.finditer(sentence)
              if int(m.group(1)) < int(m.group(2))]
    found = list(ranges)
    for m in _DAY_MONTH.finditer(sentence):
        if any(start <= m.start() < end for start, end, _ in ranges):
            continue
        groups = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        found.append((m.start(), m.end(), groups))
    return sorted(found)


_RANGE_END = re.compile(r"\s*(?:[–-]|đến(?:\s+ngày)?)\s*\d{1,2}\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)")


def _first_date(sentence: str, ctx: YearContext) -> str | None:
    """The first day (or month) the sentence gives, outside an anniversary's parentheses; the year
    inferred when missing."""
    event_parentheses = [(m.start(), m.end()) for m in _EVENT_PARENTHESIS.finditer(sentence)]
    for start, end, (day, month, year) in _date_matches(sentence):
        if _NAMED_DAY_BEFORE.search(sentence[:start]):
            continue
        # Dates in parentheses belong to anniversaries, except the journalist's "sáng nay (15/3)"
        # and a parenthesis that holds nothing but the day of the gathering.
        if _inside_parentheses(sentence, start) and not re.search(r"\bnay\s*\(\s*$", sentence[:start]) \
                and not any(a <= start < b for a, b in event_parentheses):
            continue
        day_i, month_i = int(day), int(month)
        if not (1 <= month_i <= 12 and 1 <= day_i <= 31):
            continue
        if not year:
            # "từ ngày 25/1 đến 1/2/2021": the first day of a range takes the year written at its end.
            ends = _RANGE_END.match(sentence, end)
            if ends:
                year = str(int(ends.group(2)) - (1 if month_i > int(ends.group(1)) else 0))
        year_i = int(year) if year else ctx.year_for(day_i, month_i, sentence)
        date = iso(day_i, month_i, year_i)
        if date:
            return date
    relative = _RELATIVE_DAY.search(sentence)
    if relative and ctx.published and len(ctx.published) >= 10:
        # "Sáng nay, …", "Hôm qua, …": the journalist's day, counted from the dateline.
        day = datetime.date.fromisoformat(ctx.published[:10])
        return (day - datetime.timedelta(days=0 if relative.group(1) == "nay" else 1)).isoformat()
    m = _MONTH_YEAR.search(sentence)
    if m and 1 <= int(m.group(1)) <= 12 and (not _inside_parentheses(sentence, m.start()) or (
            _OPENS_PARENTHESIS.search(sentence, max(0, m.start() - 8), m.start()) and sentence[m.end():m.end() + 1] == ")")):
        return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    m = _HELD_IN_YEAR.search(sentence)
    if m:
        return m.group(1)
    m = _MONTH_ONLY.search(sentence)
    if m and 1 <= int(m.group(1)) <= 12 and not _inside_parentheses(sentence, m.start()):
        # "diễn ra vào cuối tháng 7 vừa qua": the month, in the year the article gives it
        year = ctx.year_for(1, int(m.group(1)), sentence)
        if year:
            return f"{year:04d}-{int(m.group(1)):02d}"
    return None


# A parenthesis holding just the month of the gathering: "Hội nghị Trung ương 8 (tháng 5/1941)".
_OPENS_PARENTHESIS = re.compile(r"\(\s*(?:vào\s+)?$")
_CONGRESS = Caseless(r"(?<![\w])đại hội(?![\w])")
_RELATIVE_DAY = Caseless(r"(?<![\w])(?:sáng|chiều|tối|trưa|hôm)\s+(nay|qua)(?![\w])")
# "… lần thứ II được tổ chức năm 2020": a gathering known to the year only.
_HELD_IN_YEAR = Caseless(r"(?:được |đã )?tổ chức (?:vào )?năm (\d{4})(?!\d)")


@dataclass(frozen=True)
class EventFound:
    kind: str
    date: str | None
    place: object  # Place | None
    label: str
    start: int
    end: int
    organizer: str | None
    reviews_period: str | None


def _label(text: str, start: int) -> str:
    m = re.match(r"[^,;.()]{3,160}", text[start:])
    words = (m.group(0) if m else text[start:start + 80]).split()[:22]
    label = " ".join(words)
    return label[:1].upper() + label[1:]


# A verb saying a gathering was held, right before its head noun ("đã tổ chức Hội nghị").
_PURPOSE_BEFORE = Caseless(r"\b(?:để|nhằm|sao cho|bảo đảm|đảm bảo)\s+(?:cho\s+)?(?:cuộc|buổi|các|kỳ)?\s*$")
_HELD_BEFORE = Caseless(r"(?:tổ chức|tiến hành|khai mạc|diễn ra|long trọng tổ chức|trọng thể tổ chức|nô nức đi|đã đi|đã chủ trì|"
                        r"bỏ phiếu để)"
                          r"(?: thành công)?(?: các| cuộc| buổi)?\s+$")
# Or after it, in the same clause ("Đại hội … đã được tổ chức thành công", "Buổi lễ diễn ra").
_HELD_AFTER = Caseless(r"^[^;:]{0,160}?(?:đã được tổ chức|thành công tốt đẹp|được tổ chức (?:vào |từ )?(?:năm|ngày|sáng|chiều|tối|tháng|tại)|\bdo [^,;.]{2,60}? tổ chức|được tổ chức thành công|đã diễn ra|đã thành công|"
                         r"diễn ra thành công|diễn ra (?:vào )?(?:sáng |chiều |tối )?ngày|diễn ra từ ngày|diễn ra (?:vào |hồi )?(?:cuối |đầu |giữa )?(?:tháng|năm \d{4})|đã khai mạc|(?:đã|và) bế mạc|"
                         r"đã hoàn thành (?:toàn bộ |các )?(?:nội dung|chương trình)|diễn ra trang trọng|diễn ra an toàn|diễn ra sôi nổi)")
_REFERENCE_BEFORE = Caseless(r"(ủy ban|ban chỉ đạo|tổ|tiểu ban|tại|dự|về dự|tham dự|chào mừng|tiến tới|hướng tới|chuẩn bị|nghị quyết|văn kiện|"
                               r"kết luận|trung tâm|hội trường|nhà|cung|sau|trước|của|theo|thực hiện|triển khai|"
                               r"kế hoạch|báo cáo|sẽ|dự kiến|phục vụ|cho)\s+(?:cuộc\s+|buổi\s+)?$")
_FUTURE = Caseless(r"\b(sẽ|dự kiến|chuẩn bị|sắp|góp phần|phấn đấu|quyết tâm|đề nghị|yêu cầu|nhằm|để)\b")
# A speaker's directive governs the rest of the sentence: "đề nghị Huyện ủy … lãnh đạo tổ chức thành công cuộc bầu cử".
# "… góp phần để đặc khu tổ chức thành công cuộc bầu cử … ngày 15/3 vừa qua": held, whatever the clause before says.
_SAID_PAST = Caseless(r"[^;.]{0,120}?\b(?:vừa qua|vừa diễn ra)\b")
_DIRECTIVE = Caseless(r"\b(?:đề nghị|yêu cầu)\b(?! của)")
_STARTS_WITH_DATE = Caseless(r"^[\s\W]*(?:\(?[a-zđ][a-zđ.]{0,11}\)?\s*[–-]\s*)?(?:(?:trước đó|sau đó|tiếp đó),?\s+)?(?:từ\s+)?(?:\d{1,2}\s*giờ(?:\s*\d{1,2})?\s+)?(?:(?:sáng|chiều|tối|trưa)(?:\s+sớm)?\s+)?"
                               r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ nhật),?\s+)?"
                               r"(?:(?:ngày|hôm|nay)\s+)?\(?(?:\d{1,2}\s*[/-]\s*\d{1,2}|\d{1,2}\s+tháng|trong tháng|tháng\s+\d)")
# The same day as the gathering just reported.
_SAME_DAY = Caseless(r"^[\s\W]*(?:(?:trước đó|sau đó|cũng)\s*,?\s*)?(?:(?:sáng|chiều|tối|trưa)\s+)?cùng ngày\b")
_SAME_DAY_ANYWHERE = Caseless(r",\s*(?:(?:sáng|chiều|tối|trưa)\s+)?cùng ngày\s*[.)]?\s*$")  # "…, chiều cùng ngày."


def _on_same_day(sentence: str) -> bool:
    return bool(_SAME_DAY.match(sentence) or _SAME_DAY_ANYWHERE.search(sentence))


def _after(date: str, published: str | None) -> bool:
    """Is ``date`` (at any precision) later than the publication day: not (yet) held?"""
    return bool(published and date and date[:len(published)] > published[:len(date)])


# The gathering's own day in brackets after its name: "tại Hội nghị sơ kết … của UBND huyện (ngày 12/7)".
_OWN_DAY = Caseless(r"^[^,;.()]{0,90}\(\s*ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*\)")
_ATTENDED_BEFORE = Caseless(r"(?:\bđã\s+(?:đến\s+)?(?:tham\s+)?|[^,\s]\s+)dự\s+$|\bchủ trì\s+$")
# Ceremonies that open or close another gathering.
_CEREMONY_OF = ("Lễ khai mạc", "Lễ bế mạc")
# A working visit: "đoàn công tác … đã đến thăm, làm việc với …", "… đã có buổi làm việc với …".
_WORKING_VISIT = Caseless(r"(?<![\w])(?:(?:đến\s+)?thăm,?\s+(?:và\s+)?làm việc|(?:có|đã có)\s+buổi làm việc|"
                            r"đến làm việc)\s+(?:với|tại)\b")
# Recency without a day: the gathering was held, its date is not given.
_RECENTLY = Caseless(r"\b(?:vừa qua|mới đây|vừa tổ chức|vừa diễn ra)\b")
# A closing session is part of the gathering already reported.
_CLOSING = Caseless(r"\b(?:bế mạc|kết thúc)\b")


# "Trước đó, …": an aside about an earlier day; once the story moves on, "Cùng ngày" means its main day again.
_ASIDE = Caseless(r"^[\s\W]*(?:Trước đó|Trước đấy|Hôm trước)\b")


def _same_day(events: list[EventFound], asides: list[bool], text: str, at: int, in_aside: bool) -> str | None:
    """The day "Cùng ngày" at ``at`` refers to: the latest gathering's, unless that one was told in an
    aside and a paragraph has come between (the story went back to its main day), or this sentence
    is an aside itself ("Trước đó, sáng cùng ngày"): then the latest gathering told outside asides."""
    for event, aside in zip(reversed(events), reversed(asides)):
        if event.date and (not aside or not in_aside and text.count("\n", event.start, at) <= 1):
            return event.date
    return None


def find_events(text: str, sentences: list[Sentence], units: list[UnitMention], ctx: YearContext,
                home, bodies_before) -> list[EventFound]:
    """Gatherings the article reports as held: a head noun governed by a verb of holding, with a date."""
    events: list[EventFound] = []
    published = ctx.published[:10] if ctx.published else None
    asides: list[bool] = []  # per event: told in a "Trước đó, …" aside
    for s in sentences:
        sentence = text[s.start:s.end]
        chosen = []
        aside = bool(_ASIDE.match(sentence))
        visit = _WORKING_VISIT.search(sentence)
        if visit and not _KIND_RE.search(sentence, 0, visit.start()) and not _FUTURE.search(sentence[:visit.start()]):
            if _on_same_day(sentence) and _same_day(events, asides, text, s.start, aside):
                date = _same_day(events, asides, text, s.start, aside)  # "Chiều cùng ngày, đoàn … đã có buổi làm việc với …"
            else:
                date = _first_date(sentence, ctx)
            if date and not _after(date, published):
                place = _event_place(sentence, s.start, len(sentence), units, home)
                asides.append(aside)
                events.append(EventFound("Buổi làm việc", date, place, _label(sentence, 0),
                                         s.start + visit.start(), s.start + visit.end(),
                                         bodies_before(s.start, s.start + visit.start()), None))
                continue
        for m in _KIND_RE.finditer(sentence):
            before = sentence[:m.start()]
            if _inside_parentheses(sentence, m.start()):
                continue
            held_before = _HELD_BEFORE.search(before[-45:])
            if held_before and (_FUTURE.search(before[-45:][:held_before.start() + 1] or "")
                                or _DIRECTIVE.search(before)) and not _SAID_PAST.match(sentence, m.end()):
                continue
            after = sentence[m.end():]
            held_after = _HELD_AFTER.match(after) if not held_before else None
            if held_after and (_FUTURE.search(held_after.group(0)) or _PURPOSE_BEFORE.search(before[-20:])
                               or _KIND_RE.search(held_after.group(0))):
                # "để cuộc bầu cử diễn ra an toàn": what it is for, not that it was held; "Lễ kỷ niệm … diễn ra
                # ngay sau Đại hội …, được tổ chức từ ngày 12/1": the verb is the nearer gathering's.
                held_after = None
            reference = _REFERENCE_BEFORE.search(before[-25:])
            dated_here = _STARTS_WITH_DATE.match(sentence) and not chosen
            # "Chiều cùng ngày, … đã dự Lễ bàn giao …": a gathering reported as attended, on a day given.
            attended = not chosen and not _FUTURE.search(before) and bool(
                _ATTENDED_BEFORE.search(before[-30:])
                and (_on_same_day(sentence) or _STARTS_WITH_DATE.match(sentence))
                or re.search(r"\bdự\s+$", before) and _SAME_DAY_ANYWHERE.search(sentence))  # a caption: "…, chiều cùng ngày."
            own_day = not chosen and _OWN_DAY.match(after)
            if not held_before and not held_after and not attended and not own_day and reference and not (
                    dated_here and reference.group(1).lower() == "tại"):
                continue  # "tại hội nghị" refers back, unless the sentence opens with its date or gives its day
            if held_before or held_after or attended or own_day or (_STARTS_WITH_DATE.match(sentence) and not chosen
                                                         and not _FUTURE.search(sentence)):
                year_said = re.search(r"năm (\d{4})$", held_after.group(0)) if held_after else None
                chosen.append((m, bool(held_before and "thành công" in held_before.group(0))
                               or bool(held_after and re.search(r"thành công|đã được tổ chức", held_after.group(0))),
                               year_said.group(1) if year_said else None))
                if not (held_before and "thành công" in held_before.group(0)):
                    break  # one gathering per sentence, except "tổ chức thành công A và B"
        for m, by_success, year_said in chosen:
            kind = _KIND[m.group(1).lower()]
            if kind in _CEREMONY_OF:
                # "Lễ khai mạc Liên hoan Cồng chiêng": the opening is part of the festival, which is the event.
                inner = _KIND_RE.match(sentence, m.end() + 1)
                if inner and _KIND[inner.group(1).lower()] not in _CEREMONY_OF:
                    m, kind = inner, _KIND[inner.group(1).lower()]
                elif kind == "Lễ bế mạc":
                    continue  # closing a gathering reported on its own
            if _CLOSING.search(sentence[m.end():m.end() + 40]) and any(e.kind == kind for e in events):
                continue  # "Kỳ họp … đã bế mạc": the session already reported, on its first day
            if _on_same_day(sentence) and _same_day(events, asides, text, s.start, aside):
                date = _same_day(events, asides, text, s.start, aside)  # "Cùng ngày, …": whatever other day the sentence names
            else:
                date = _first_date(sentence, ctx)
            if date is None and by_success:
                # "Năm 2020, … đã tổ chức thành công Đại hội …": the year the sentence opens with, else the article's.
                year = _YEAR.search(sentence, 0, m.start())
                date = (year.group(1) if year else None) or (published or "")[:4] or (
                    str(ctx.frequent_year) if ctx.frequent_year else None)
            if date is None and year_said:
                date = year_said  # "… Đại hội diễn ra đầu năm 2026"
            if date is None and _RECENTLY.search(sentence[:m.start()]) and not _FUTURE.search(sentence[:m.start()]):
                # Held recently, on a day the article does not give: in the year it was written, as far as is known.
                date = (published or "")[:4] or (str(ctx.frequent_year) if ctx.frequent_year else "")
            if date is None or _after(date, published):
                continue  # no date, or after the article was written: not (yet) held
            place = _event_place(sentence, s.start, m.start(), units, home)
            if _NATIONWIDE.search(sentence[m.start():m.start() + 80]) and kind == "Đại hội":
                place = VIETNAM
            label = _label(sentence, m.start())
            period = _PERIOD.search(label)
            review = re.search(r"năm\s+(\d{4})", label)
            asides.append(aside)
            events.append(EventFound(kind, date or None, place, label, s.start + m.start(), s.start + m.end(),
                                     bodies_before(s.start, s.start + m.start()),
                                     f"{period.group(1)}-{period.group(2)}" if period else (review.group(1) if review else None)))
    unique: dict[tuple[str, str | None], EventFound] = {}
    for e in events:
        unique.setdefault((e.kind, e.date), e)
    # A gathering known to the day is not repeated at year or month precision, nor without a date.
    return [e for e in unique.values()
            if not any(o.kind == e.kind and o.date != e.date and o.date and (e.date is None or o.date.startswith(e.date))
                       for o in unique.values())]


def _event_place(sentence: str, offset: int, head: int, units: list[UnitMention], home):
    """Where: "tại <unit>", else the unit of the body that held it (before the head noun), else home."""
    inside = [u for u in units if offset <= u.start < offset + len(sentence)]
    for u in inside:
        if _PLACE_AT.search(sentence[: u.start - offset]):
            return u.place
    before = [u for u in inside if u.start - offset < head and u.place.level != "country"]
    if before:
        return before[-1].place
    return home


@dataclass(frozen=True)
class AnniversaryFound:
    ordinal: int
    subject: str
    base_date: str | None
    date: str | None
    start: int
    end: int
    mismatch: bool


def _parse_date(text: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/?(\d{4})", text)
    if m:
        return iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return text if re.fullmatch(r"\d{4}", text) else None


def _plus_years(base: str, years: int) -> str:
    if len(base) == 4:
        return f"{int(base) + years:04d}"
    y = int(base[:4]) + years
    month_day = base[4:]
    if month_day == "-02-29" and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        month_day = "-02-28"
    return f"{y:04d}{month_day}"


def _national(subject: str) -> tuple[str, str] | None:
    # Whole words only, and "Đảng" is the Party, not a local "Đảng bộ"/"Đảng ủy" ("thành lập Đảng bộ xã").
    low = _LOCAL_PARTY_BODY.sub(" ", f" {subject.lower()} ")
    for keywords, base, canonical in NATIONAL_DATES:
        if all(f" {k} " in low for k in keywords):
            return base, canonical
    return None


_LOCAL_PARTY_BODY = re.compile(r"\bđảng (?:bộ|ủy|viên)\b|[^\w/]+")


def find_anniversaries(text: str, sentences: list[Sentence]) -> list[AnniversaryFound]:
    """ "N năm (Ngày) …" commemorations, with dates from parentheses or the national calendar."""
    found: list[AnniversaryFound] = []
    for s in sentences:
        sentence = text[s.start:s.end]
        last_end = None
        for m in _ANNIV.finditer(sentence):
            ordinal = number_value(m.group(1) or m.group(2))
            if not 1 <= ordinal <= 1000:
                continue
            rest = sentence[m.end():]
            before = sentence[:m.start()]
            in_list = last_end is not None and _LIST_CONTINUES.match(sentence[last_end:m.start()])
            right_after_commemoration = re.search(r"kỷ niệm\s*$", before, re.I)
            if not _ANNIV_SUBJECT_START.match(rest) and not (
                    (right_after_commemoration or in_list) and not _NOT_ANNIVERSARY.match(rest)):
                continue
            if not (in_list or _ANNIV_CONTEXT.search(before[-60:]) or re.match(r"ngày|thành lập|tái lập", rest, re.I)):
                continue
            end_m = _SUBJECT_END.search(rest)
            subject = rest[: end_m.start()].strip() if end_m else rest.strip()
            subject = " ".join(subject.split()[:14]).rstrip(" ,;–-")
            if not subject:
                continue
            subject_end = m.end() + len(rest[: end_m.start()]) if end_m else len(sentence)
            paren = _PAREN_RANGE.match(sentence, subject_end)
            if paren is None:
                # The dates may follow an apposition: "Chi bộ Đảng đầu tiên, tiền thân của … (28/10/1948 – 28/10/2023)".
                clause = re.match(r"[^;()]{0,120}", sentence[subject_end:])
                nxt = _ANNIV.search(sentence, subject_end)
                limit = subject_end + (clause.end() if clause else 0)
                if nxt and nxt.start() < limit:
                    limit = nxt.start()
                paren = _PAREN_RANGE.match(sentence, limit) if limit > subject_end else None
            parts = [subject]
            halves = re.split(r"\s+và\s+", subject)
            if len(halves) == 2 and all(_national(h) for h in halves) and _national(halves[0]) != _national(halves[1]):
                parts = halves
            for part in parts:
                base = date = None
                mismatch = False
                if paren and len(parts) == 1:
                    base, date = _parse_date(paren.group(1)), _parse_date(paren.group(2))
                    if base and date:
                        mismatch = int(date[:4]) - int(base[:4]) != ordinal
                if base is None:
                    national = _national(part)
                    if national:
                        base = national[0]
                        date = _plus_years(base, ordinal)
                elif date is None:
                    date = _plus_years(base, ordinal)
                subject_text = part[:1].upper() + part[1:]
                found.append(AnniversaryFound(ordinal, subject_text, base, date, s.start + m.start(),
                                              s.start + subject_end, mismatch))
            last_end = (paren.end() if paren else subject_end)
            # "77 năm Cách mạng tháng Tám (…) và Quốc khánh 2/9", "70 năm Cách mạng tháng Tám, Quốc khánh 2/9 và
            # 70 năm …": further commemorations of the same age, as long as the calendar knows them.
            while also := _ALSO.match(sentence, last_end):
                if not _national(also.group(1)) or _OWN_ORDINAL.search(also.group(1)):
                    break
                base = _national(also.group(1))[0]
                found.append(AnniversaryFound(ordinal, also.group(1)[:1].upper() + also.group(1)[1:], base,
                                              _plus_years(base, ordinal), s.start + also.start(1),
                                              s.start + also.end(), False))
                last_end = also.end()
    return _merge_anniversaries(found)


_SUBJECT_KEYS = ("thành lập", "giải phóng", "tái lập", "truyền thống", "sinh", "chiến thắng", "quốc khánh",
                 "cách mạng", "thống nhất", "kháng chiến")


_ALSO = re.compile(r"(?:\s*,\s*|\s+và\s+)(?!\d)((?:Ngày\s+)?[^,;.()]{4,60}?)(?=\s*[,;.(]|\s+(?:gắn|với|và)\b|$)")
_TRAILING_DAY = re.compile(r"\s*\(?\d{1,2}/\d{1,2}(?:/\d{4})?\)?\s*$")
# "… và hướng tới kỷ niệm 135 năm Ngày sinh …": a commemoration with an age of its own, not a second one of this age.
_OWN_ORDINAL = re.compile(r"\d+\s+năm|kỷ niệm", re.I)


def _anniversary_key(a: AnniversaryFound) -> tuple:
    national = _national(a.subject)
    if national:
        return (a.ordinal, national[0])
    low = _TRAILING_DAY.sub("", a.subject.lower()).replace(" của ", " ")  # "Ngày Quốc tế Phụ nữ 8/3" is "Ngày Quốc tế Phụ nữ"
    # From its key word on: "Ngày thành lập huyện" is "thành lập huyện", which "thành lập huyện Đầm Hà" extends.
    at = min((i for i in (low.find(k) for k in _SUBJECT_KEYS) if i >= 0), default=0)
    return (a.ordinal, low[at:])


def _merge_anniversaries(found: list[AnniversaryFound]) -> list[AnniversaryFound]:
    """One anniversary per ordinal and subject; the mention with full dates and the longest subject wins.

    Subjects of one kind ("thành lập …") with different base years are different anniversaries (a
    school's 60 years and the province's); a mention without dates goes with the first that has them."""
    groups: list[tuple[list[tuple], list[AnniversaryFound]]] = []  # (the keys of its mentions, the mentions)
    for a in found:
        key = _anniversary_key(a)
        # "1000 năm Thăng Long – Hà Nội" again, with more words after it: the same one.
        group = next((g for g in groups if any(k == key or k[0] == key[0] and isinstance(k[1], str) and isinstance(key[1], str)
                                               and (key[1].startswith(k[1]) or k[1].startswith(key[1])) for k in g[0])), None)
        if group is None:
            groups.append(([key], [a]))
        else:
            group[0].append(key)
            group[1].append(a)
    # A subject cut short to its key word ("76 năm Ngày thành lập"): the commemoration of that age told in full.
    for group in [g for g in groups if all(k[1] in _SUBJECT_KEYS for k in g[0])]:
        other = next((g for g in groups if g is not group and g[0][0][0] == group[0][0][0]), None)
        if other is not None:
            other[1].extend(group[1])
            groups.remove(group)
    merged = []
    for _, items in groups:
        by_year: dict[str, list[AnniversaryFound]] = {}
        for a in items:
            if a.base_date:
                by_year.setdefault(a.base_date[:4], []).append(a)
        clusters = list(by_year.values()) or [[]]
        clusters[0] += [a for a in items if not a.base_date]
        for cluster in clusters:
            merged.append(max(cluster, key=lambda a: (len(a.base_date or ""), len(a.subject), -a.start)))
    return sorted(merged, key=lambda a: a.start)


@dataclass(frozen=True)
class AwardFound:
    kind: str
    conferred_by: str | None
    collectives: int | None
    individuals: int | None
    start: int
    end: int


def find_awards(text: str, sentences: list[Sentence]) -> list[AwardFound]:
    """Commendations: the kind, who conferred it, to how many collectives and individuals."""
    found: list[AwardFound] = []
    for s in sentences:
        sentence = text[s.start:s.end]
        matches = list(_AWARD_RE.finditer(sentence))
        for i, m in enumerate(matches):
            kind = _AWARD[m.group(1).lower()]
            # Its own clause: up to the next award named in the sentence ("Bằng khen cho 3 tập thể; Giấy khen …").
            tail = sentence[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(sentence)]
            if kind == "Huân chương":
                cls = re.match(r"\s+((?:Lao động|Độc lập|Bảo vệ Tổ quốc|Chiến công|Quân công|Hồ Chí Minh|Sao vàng)"
                               r"(?:\s+hạng\s+(?:Nhất|Nhì|Ba))?)", tail)
                if cls:
                    kind = f"Huân chương {cls.group(1)}"
            conferrer = _CONFERRER.match(tail)
            clause = re.split(r"[;]", tail)[0][:120]
            counts = {what: int(n.replace(".", "")) for n, what in _COUNT.findall(clause)}
            found.append(AwardFound(kind, conferrer.group(1) if conferrer else None,
                                    counts.get("tập thể"), counts.get("cá nhân"), s.start + m.start(), s.start + m.end()))
    return found
