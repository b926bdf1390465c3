"""One article in, its facts out: :func:`extract_facts` is a pure function of the article.

The stages: expand abbreviations -> find units -> choose the unit the article
is about -> people and titles (jurisdictions resolved against that unit) ->
events, anniversaries, awards.  Every fact keeps the sentence and the span it
was read from (offsets into ``Document.text``: the headline, a newline, the body).
"""
from __future__ import annotations

import bisect
import re

from .events import (find_anniversaries, find_awards, find_events, split_sentences, year_context)
from .expand import Expanded, expand
from .gazetteer import Gazetteer, default_gazetteer, normalize_name
from .lexicon import FIXED_BODIES, SURNAMES
from .model import (Anniversary, ArticleFacts, Author, Award, Event, Participation, PersonMention, Place,
                    PlaceMention, PostHolding, Span)
from .people import PersonFound, Title, below_commune, find_people
from .places import (TYPE_LEVEL, VIETNAM, Subject, UnitMention, choose_subject, disambiguate, find_units,
                     unit_named)
from .reading import ReadArticle
from .text import Caseless

_PARTY_COMMITTEE_BY_TYPE = {"tỉnh": "Tỉnh ủy", "huyện": "Huyện ủy", "thành phố": "Thành ủy", "thị xã": "Thị ủy",
                            "quận": "Quận ủy", "xã": "Đảng ủy", "phường": "Đảng ủy", "thị trấn": "Đảng ủy",
                            "đặc khu": "Đảng ủy"}
_BODY_RE = re.compile("|".join(re.escape(b[0]) for b in sorted(FIXED_BODIES, key=lambda b: len(b[0]), reverse=True)))
_BODY_CANONICAL = {b[0]: b[1] for b in FIXED_BODIES}
_PARTS = (("chaired", Caseless(r"chủ trì")),
          ("spoke", Caseless(r"phát biểu|nhấn mạnh|khẳng định|phát động|kêu gọi|báo cáo|đề nghị")),
          ("attended", Caseless(r"(?<!\w)(dự|tham dự|tới dự|đến dự)(?!\w)")))
_CAP_PAIR = re.compile(r"(?<![\w])([A-ZĐÀ-Ỹ][\wà-ỹ]*\s[A-ZĐÀ-Ỹ][\wà-ỹ]*)")


class _Spans:
    """Expanded offsets -> Span objects of the original text."""

    def __init__(self, text: str, ex: Expanded, sentences):
        self.text = text
        self.ex = ex
        self.sentences = [(ex.original(s.start), ex.original(s.end)) for s in sentences]
        self.starts = [s for s, _ in self.sentences]

    def span(self, start: int, end: int) -> Span:
        o_start, o_end = self.ex.original(start), self.ex.original(end)
        i = max(0, bisect.bisect_right(self.starts, o_start) - 1)
        s_start, s_end = self.sentences[i] if self.sentences else (0, len(self.text))
        return Span(self.text[s_start:s_end].strip(), o_start, o_end)


def _subject(ex_text: str, title_len: int, units: list[UnitMention], site_units: list[UnitMention],
             bare_title_units: list[Place], gaz: Gazetteer, on_date: str | None) -> Subject:
    first_paragraph_end = ex_text.find("\n", title_len + 1)
    first_paragraph_end = len(ex_text) if first_paragraph_end < 0 else first_paragraph_end
    # "huyện Châu Thành" names a district in several provinces: take the one in a province the
    # article names ("tỉnh Sóc Trăng"), before the district decides what the article is about.
    named = [u.place for u in units + site_units if u.place.level == "province"] + \
            [p for p in bare_title_units if p.level == "province"]
    for province in dict.fromkeys(named):
        units = disambiguate(units, province)
        site_units = disambiguate(site_units, province)
    weighted: list[tuple[Place, float]] = []
    for u in units:
        if u.place.level == "country":
            continue
        weight = 3.0 if u.start < title_len else 2.0 if u.start < first_paragraph_end else 1.0
        weighted.append((u.place, weight))
    weighted += [(u.place, 2.0) for u in site_units if u.place.level != "country"]
    weighted += [(p, 2.5) for p in bare_title_units]
    return choose_subject(weighted, gaz, on_date)


def _bare_units(line: str, gaz: Gazetteer, on_date: str | None) -> list[Place]:
    """Well-known district/province names written without a type word ("Hải Hà sôi nổi …")."""
    index = gaz.names_index()
    out = []
    for m in _CAP_PAIR.finditer(line):
        candidates = [p for p in index.get(normalize_name(m.group(1)), [])
                      if p.level in ("district", "province") and (on_date is None or not p.valid_until or p.valid_until > on_date)]
        if len({p.level for p in candidates}) == 1 and len(candidates) == 1:
            out.append(candidates[0])
    return out


_ELECTED_TO = re.compile(r"(?:\bbầu(?: lại)?(?: giữ chức| làm| vào chức)?|\bgiữ chức|\btái cử)\s*$")


def _nearest_commune(units: list[UnitMention], pos: int) -> Place | None:
    """The commune named last before ``pos``, close by (the same or the previous sentence)."""
    before = [u for u in units if u.place.level == "commune" and u.end <= pos and pos - u.end < 300]
    return before[-1].place if before else None


def _jurisdictions(titles: list[Title], subject: Subject, units: list[UnitMention]) -> list[Place | None]:
    """Resolve each title's unit: explicit, bare type word, the body's level, else a neighbour's."""
    resolved: list[Place | None] = []
    for t in titles:
        if t.unit is not None:
            resolved.append(t.unit.place)
        elif t.unit_type is not None and TYPE_LEVEL.get(t.unit_type) == "commune" and subject.commune is None \
                and _nearest_commune(units, t.start) is not None:
            # A story about a district: "… với Nhân dân xã Sủng Là. … đồng chí X, Bí thư Đảng ủy xã".
            resolved.append(_nearest_commune(units, t.start))
        elif t.unit_type is not None:
            level = TYPE_LEVEL.get(t.unit_type)
            # "thành phố": the city the article is about, at whichever level.
            resolved.append(subject.at_level(level or "city"))
        elif t.level is not None:
            resolved.append(subject.at_level(t.level))
        else:
            resolved.append(None)
    for i, t in enumerate(titles):
        if resolved[i] is None and t.body is not None and t.level is None:
            following = next((r for r in resolved[i + 1:] if r is not None), None)
            preceding = next((r for r in reversed(resolved[:i]) if r is not None), None)
            resolved[i] = following or preceding or subject.home
    return resolved


def _post_body(t: Title) -> str | None:
    if t.body is not None:
        return t.body
    if t.unit_type is None:
        return None
    if t.role in ("Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực"):
        return "Ủy ban nhân dân"
    if t.role in ("Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực"):
        return _PARTY_COMMITTEE_BY_TYPE.get(t.unit_type)
    return None


def _affiliation(text: str | None, subject: Subject) -> str | None:
    if not text:
        return None
    expanded = expand(text).text
    home = subject.district or subject.commune or subject.province
    if home and not re.search(r"(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn)\s", expanded, re.I):
        expanded = f"{expanded} {home.label}"
    return expanded


def extract_facts(article: ReadArticle, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    """All facts of one article."""
    gaz = gazetteer or default_gazetteer()
    doc = article.document
    text = doc.text
    ex = expand(text)
    etext = ex.text
    on_date = doc.published[:10] if doc.published else None
    title_len = len(expand(doc.title).text)

    units = find_units(etext, gaz, on_date=on_date, surnames=SURNAMES)
    site_units = [u for line in doc.site_lines for u in find_units(expand(line).text, gaz, surnames=SURNAMES)]
    bare = _bare_units(doc.title, gaz, on_date) + [p for line in doc.site_lines for p in _bare_units(line, gaz, on_date)]
    subject = _subject(etext, title_len, units, site_units, bare, gaz, on_date)
    units = disambiguate(units, subject.province)

    sentences = split_sentences(etext)
    spans = _Spans(text, ex, sentences)
    scope = subject.province.code if subject.province is not None and subject.province.code else ""
    facts = ArticleFacts(document=doc, subject_unit=subject.home, person_scope=scope.removesuffix("-pre2025"))

    seen_places: set[str] = set()
    for u in units:
        if u.place.label not in seen_places:
            seen_places.add(u.place.label)
            facts.places.append(PlaceMention(u.place, spans.span(u.start, u.end), u.written))

    people = find_people(etext, units, lambda unit_type, name: unit_named(gaz, unit_type, name, subject.province, on_date))
    author_names = {a.name for a in article.authors}
    seen_people: set[str] = set()
    seen_posts: set[tuple] = set()
    last_body: tuple[str, Place | None, int] | None = None  # the latest title's body, its unit, where it starts
    for person in people:
        if person.name not in seen_people and person.name not in author_names:
            seen_people.add(person.name)
            written = " ".join(etext[person.start:person.end].split())
            facts.people.append(PersonMention(person.name, spans.span(person.start, person.end), person.historical,
                                              written if written != person.name and not person.historical else None))
        if person.historical:
            continue
        bodies = [_post_body(t) for t in person.titles]
        places = _jurisdictions(person.titles, subject, units)
        for i in range(len(person.titles) - 2, -1, -1):
            title, after = person.titles[i], person.titles[i + 1]
            if bodies[i] is None and title.unit is None and title.unit_type is None and bodies[i + 1] is not None \
                    and etext[title.end:after.start].strip() in ("-", "–"):
                # "Phó Chỉ huy trưởng - Tham mưu trưởng Bộ CHQS tỉnh": two roles in the one body named after them.
                bodies[i], places[i] = bodies[i + 1], places[i + 1]
        for i, title in enumerate(person.titles):
            if bodies[i] is None and title.unit_type is None and last_body is not None \
                    and 0 <= title.start - last_body[2] < 400 and _ELECTED_TO.search(etext, max(0, title.start - 30), title.start):
                # "A được bầu giữ chức Chủ tịch Hội CCB huyện; B được bầu làm Phó Chủ tịch": the same body.
                bodies[i], places[i] = last_body[0], last_body[1]
        for title, place, body in zip(person.titles, places, bodies):
            if body is not None and below_commune(body):
                continue  # a hamlet's head or party cell: an office, but of no administrative unit, so no post
            if body is not None and not title.former:
                last_body = (body, place, title.start)
            if body == "Ban Thường vụ":
                # "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Quận ủy": the committee named next to it.
                committee = next((" ".join(b.split()[-2:]) for b in bodies
                                  if b and b != body and b.endswith((" ủy", " đoàn")) and len(b.split()) >= 2), None)
                body = f"Ban Thường vụ {committee}" if committee else body
            if title.former or body is None:
                continue
            key = (person.name, title.role, body, place.label if place else None)
            if key in seen_posts:
                continue
            seen_posts.add(key)
            facts.posts.append(PostHolding(person.name, title.role, body, place,
                                           spans.span(min(person.start, title.start), max(person.end, title.end))))

    facts.authors = [Author(a.name, _affiliation(a.affiliation, subject)) for a in article.authors]

    anniversaries = find_anniversaries(etext, sentences)
    ctx = year_context(etext, doc.published, [a.date for a in anniversaries])

    def bodies_before(start: int, end: int) -> str | None:
        found = list(_BODY_RE.finditer(etext, start, end))
        return _BODY_CANONICAL[found[-1].group(0)] if found else None

    for e in find_events(etext, sentences, units, ctx, subject.home, bodies_before):
        facts.events.append(Event(e.kind, e.date, e.place, e.label, spans.span(e.start, e.end),
                                  organizer=e.organizer, reviews_period=e.reviews_period))
    if facts.events:
        facts.events[0] = _with_participants(facts.events[0], people, sentences, etext)
    for a in anniversaries:
        facts.anniversaries.append(Anniversary(a.ordinal, a.subject, a.base_date, a.date, spans.span(a.start, a.end),
                                               a.mismatch))
    for a in find_awards(etext, sentences):
        facts.awards.append(Award(a.kind, spans.span(a.start, a.end), conferred_by=a.conferred_by,
                                  collectives=a.collectives, individuals=a.individuals,
                                  at_event=_award_event(a.start, facts.events, etext, sentences)))
    return facts


_AT_GATHERING = Caseless(r"dịp này|tại (hội nghị|lễ|buổi lễ|đại hội|hội thảo|kỳ họp)|nhân dịp|trong chương trình|"
                           r"trao (tặng )?(cờ|bằng|giấy|huân)")


def _award_event(start: int, events: list[Event], etext: str, sentences) -> int | None:
    """The article's gathering where an award was handed over: its only one, when the sentence says so."""
    if len(events) != 1:
        return None
    s = sentences[max(0, bisect.bisect_right([x.start for x in sentences], start) - 1)]
    return 0 if _AT_GATHERING.search(etext[s.start:s.end]) else None


def _with_participants(event: Event, people: list[PersonFound], sentences, etext: str) -> Event:
    """Who chaired, spoke at or attended the article's main event, from the sentence naming them."""
    starts = [s.start for s in sentences]
    parts: dict[str, str] = {}
    rank = {"chaired": 0, "spoke": 1, "attended": 2}
    for person in people:
        if person.historical:
            continue
        s = sentences[max(0, bisect.bisect_right(starts, person.start) - 1)]
        sentence = etext[s.start:s.end]
        for part, pattern in _PARTS:
            if pattern.search(sentence):
                if person.name not in parts or rank[part] < rank[parts[person.name]]:
                    parts[person.name] = part
                break
    participants = tuple(Participation(name, part) for name, part in sorted(parts.items()))
    return Event(event.kind, event.date, event.place, event.label, event.span, event.organizer, participants,
                 event.reviews_period)


__all__ = ["extract_facts", "Author", "VIETNAM"]
