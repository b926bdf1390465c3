"""Facts of one article to the quads of its named graph (docs/vocabulary.md is the contract).

A pure function: :func:`article_graph` turns an :class:`ArticleFacts` into
N-Quads text: what the article says, in its own named graph (re-loading the
article replaces exactly that), and the descriptions of the entities it points
to that do not depend on the article (a gazetteer unit, a person's name, a role,
an organization, a post), for the shared graph, where the writer keeps one copy.

The terms are written as N-Quads strings rather than pyoxigraph objects: building
~400 Python term objects per article cost more than extracting its facts, and the
store's bulk loader and the worker pipes want the text anyway.  :func:`article_quads`
parses that text for callers that want pyoxigraph quads.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from ..loaders.model import (Anniversary, ArticleFacts, Award, Event, Place, PostHolding, Span)
from ..loaders.gazetteer import default_gazetteer
from ..ontology import BASE, TD
from . import iri

XSD = "http://www.w3.org/2001/XMLSchema#"
# N-Quads terms are plain strings: "<iri>", "\"text\"@vi", "\"1\"^^<…#integer>".
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')


def NamedNode(iri_text: str) -> str:  # noqa: N802 - reads like the pyoxigraph term it replaces
    return f"<{iri_text}>"


def Literal(text: str, *, datatype: str | None = None, language: str | None = None) -> str:  # noqa: N802
    quoted = '"' + (text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text) + '"'
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != NamedNode(XSD + "string"):
        return f"{quoted}^^{datatype}"
    return quoted


RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


def _td(name: str) -> str:
    return NamedNode(str(TD[name]))


T = {name: _td(name) for name in (
    "Article", "Person", "HistoricalPerson", "Organization", "Role", "Post", "PostHolding",
    "AdministrativeUnit", "Country", "Province", "DistrictLevelUnit", "CommuneLevelUnit",
    "Event", "Anniversary", "Award", "Mention",
    "articleId", "title", "published", "sourceFile", "author", "bylineAffiliation", "about", "mentions",
    "name", "holdsPost", "holder", "post", "attestedBy", "attestedOn", "role", "postIn", "jurisdiction",
    "bodyName", "unitType", "officialCode", "partOf", "validUntil", "eventKind", "date", "place",
    "organizer", "chairedBy", "speaker", "attendee", "reviewsPeriod", "reportedIn", "ordinal", "subject",
    "baseDate", "anniversaryDate", "ordinalMismatch", "awardKind", "conferredBy", "recipient",
    "recipientName", "collectiveCount", "individualCount", "evidence", "mentionOf", "inArticle",
    "sentence", "startChar", "endChar", "atEvent",
)}

LEVEL_CLASS = {"country": "Country", "province": "Province", "district": "DistrictLevelUnit",
               "commune": "CommuneLevelUnit"}

# Body name (expanded, as the extractor writes it) -> organization class.
ORG_CLASS_BY_PREFIX = (
    ("Ban Chấp hành", "PartyCommittee"), ("Ban Thường vụ", "PartyCommittee"), ("Tỉnh ủy", "PartyCommittee"),
    ("Huyện ủy", "PartyCommittee"), ("Thành ủy", "PartyCommittee"), ("Thị ủy", "PartyCommittee"),
    ("Đảng ủy", "PartyCommittee"), ("Quận ủy", "PartyCommittee"),
    ("Ủy ban nhân dân", "PeoplesCommittee"), ("Hội đồng nhân dân", "PeoplesCouncil"),
    ("Hội đồng Thi đua", "EmulationCouncil"), ("Ban Thi đua", "EmulationBoard"),
    ("Ủy ban Mặt trận", "FatherlandFront"), ("Mặt trận", "FatherlandFront"), ("Trung tâm", "Centre"),
    ("Hội ", "MassOrganization"), ("Liên đoàn Lao động", "MassOrganization"), ("Đoàn ", "MassOrganization"),
    ("Huyện đoàn", "MassOrganization"), ("Tỉnh đoàn", "MassOrganization"),
    ("Sở ", "GovernmentAgency"), ("Phòng ", "GovernmentAgency"), ("Văn phòng", "GovernmentAgency"),
    ("Công an", "GovernmentAgency"), ("Bộ ", "GovernmentAgency"),
)

EVENT_CLASS_BY_KIND = (
    ("Lễ phát động", "LaunchCeremony"), ("Lễ kỷ niệm", "Commemoration"), ("Lễ tuyên dương", "AwardCeremony"),
    ("Lễ trao", "AwardCeremony"), ("Lễ khen thưởng", "AwardCeremony"), ("Lễ", "Ceremony"),
    ("Hội nghị", "Conference"), ("Đại hội", "Congress"), ("Bầu cử", "Election"),
)


def org_class(body: str) -> str:
    for prefix, name in ORG_CLASS_BY_PREFIX:
        if body.startswith(prefix):
            return _td(name)
    return T["Organization"]


def event_class(kind: str) -> str:
    for prefix, name in EVENT_CLASS_BY_KIND:
        if kind.startswith(prefix):
            return _td(name)
    return _td("Meeting")


def date_literal(value: str) -> str:
    """ISO text at any precision to a typed literal (date, gYearMonth, gYear, dateTime)."""
    if "T" in value:
        if len(value) == 16:
            value += ":00"
        return Literal(value, datatype=NamedNode(XSD + "dateTime"))
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "string")
    return Literal(value, datatype=NamedNode(XSD + kind))


@lru_cache(maxsize=65536)  # names and labels recur across articles
def _vi(text: str) -> str:
    return Literal(text, language="vi")


def _int(value: int) -> str:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


class _Writer:
    """Collects the N-Quads lines of one graph, without duplicates, in insertion order."""

    def __init__(self, graph: str):
        self.tail = f" {graph} .\n"
        self.lines: dict[str, None] = {}
        self.described: dict[tuple, str] = {}  # nodes whose description is already written
        self.shared: dict[str, str] = {}  # entities referred to -> their lines in the shared graph
        self.person_scope = ""

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o}{self.tail}"] = None


# Descriptions that depend on an entity alone, not on the article that names it (a gazetteer unit,
# a person's name, a role, an organization, a post) are written once, in this shared graph, and
# article graphs point to them: a third fewer quads per article to store, export and push.
SHARED_GRAPH = NamedNode(BASE + "id/graph/entities")
_SHARED_TAIL = f" {SHARED_GRAPH} .\n"


def _shared_lines(node: str, triples: list[tuple[str, str]]) -> str:
    return "".join(f"{node} {p} {o}{_SHARED_TAIL}" for p, o in triples)


def _share(w: _Writer, node: str, triples: list[tuple[str, str]]) -> None:
    """Describe ``node`` in the shared graph (once per article; the writer keeps one copy per store)."""
    if node not in w.shared:
        w.shared[node] = _shared_lines(node, triples)


def unit_node(w: _Writer, place: Place) -> str:
    """The unit's IRI; a gazetteer unit is described once, in the shared graph
    (:func:`unit_descriptions`), any other unit in the article's own graph."""
    if place.code and default_gazetteer().by_code(place.code) is not None:
        node = NamedNode(iri.unit_iri(place.unit_type, place.name, place.code))
        if node not in w.shared:
            w.shared.update(unit_descriptions(place.code))
        return node
    key = ("unit", place.unit_type, place.name, place.code, place.parent.code if place.parent else None)
    if key in w.described:
        return w.described[key]
    node = NamedNode(iri.unit_iri(place.unit_type, place.name, place.code))
    w.described[key] = node
    for p, o in _unit_triples(place, [unit_node(w, place.parent)] if place.parent is not None else []):
        w.add(node, p, o)
    return node


def _unit_triples(place: Place, parents: list[str]) -> list[tuple[str, str]]:
    """(predicate, object) pairs describing a unit, ``parents`` being the IRIs of the units it is part of."""
    triples = [(RDF_TYPE, T["AdministrativeUnit"])]
    if place.level in LEVEL_CLASS:
        triples.append((RDF_TYPE, T[LEVEL_CLASS[place.level]]))
    triples += [(RDFS_LABEL, _vi(place.label)), (T["name"], _vi(place.name)), (T["unitType"], Literal(place.unit_type))]
    official = official_code(place.code)
    if official:
        triples.append((T["officialCode"], Literal(official)))
    if place.valid_until:
        triples.append((T["validUntil"], date_literal(place.valid_until)))
    triples += [(T["partOf"], parent) for parent in parents]
    return triples


@lru_cache(maxsize=None)
def unit_descriptions(code: str) -> dict[str, str]:
    """Unit IRI -> its N-Quads lines in the shared graph, for the gazetteer unit ``code`` and every unit
    above it.  A pure function of the gazetteer: a commune that changed parent in 2025 is part of
    both, whichever article names it, so the shared description never depends on the build order."""
    gazetteer = default_gazetteer()
    place = gazetteer.by_code(code)
    node = NamedNode(iri.unit_iri(place.unit_type, place.name, place.code))
    parents = gazetteer.parents(code)
    out = {node: _shared_lines(node, _unit_triples(
        place, [NamedNode(iri.unit_iri(p.unit_type, p.name, p.code)) for p in parents]))}
    for parent in parents:
        out.update(unit_descriptions(parent.code))
    return out


def official_code(code: str | None) -> str | None:
    """The government's code: the gazetteer's own codes (``H-…`` for curated units, ``…-pre2025`` for
    a code reassigned at the 2025 reform, ``…-gso2021`` for a unit of an earlier list whose code
    went on with another unit) keep IRIs unique but are not published as official."""
    if not code or code.startswith("H-") or code == "VN":
        return None
    return code.split("-", 1)[0]


def person_node(w: _Writer, name: str, historical: bool = False) -> str:
    key = ("person", name, historical)
    if key in w.described:
        return w.described[key]
    node = NamedNode(iri.person_iri(name, "" if historical else w.person_scope))
    w.described[key] = node
    _share(w, node, [(RDF_TYPE, T["Person"]), (T["name"], _vi(name)), (RDFS_LABEL, _vi(name))])
    if historical:  # the article's reading of the name, so it stays with the article
        w.add(node, RDF_TYPE, T["HistoricalPerson"])
    return node


def mention_node(w: _Writer, article: NamedNode, article_id: str, of: NamedNode, span: Span) -> str:
    node = NamedNode(iri.fact_iri("mention", article_id, of[1:-1], str(span.start), str(span.end)))
    w.add(node, RDF_TYPE, T["Mention"])
    w.add(node, T["mentionOf"], of)
    w.add(node, T["inArticle"], article)
    w.add(node, T["sentence"], _vi(span.sentence))
    w.add(node, T["startChar"], _int(span.start))
    w.add(node, T["endChar"], _int(span.end))
    return node


def _jurisdiction_key(place: Place | None) -> str:
    return "" if place is None else (place.code or place.label)


def org_node(w: _Writer, body: str, place: Place | None) -> str:
    """An organization: a body for a unit (described in the shared graph)."""
    node = NamedNode(iri.org_iri(body, _jurisdiction_key(place)))
    if node not in w.shared:
        where = f" {place.label}" if place is not None else ""
        triples = [(RDF_TYPE, org_class(body)), (T["bodyName"], _vi(body)), (RDFS_LABEL, _vi(body + where))]
        if place is not None:
            triples.append((T["jurisdiction"], unit_node(w, place)))
        _share(w, node, triples)
    return node


def post_node(w: _Writer, holding: PostHolding) -> str:
    """A post: a role in an organization (role, organization and post described in the shared graph)."""
    key = _jurisdiction_key(holding.jurisdiction)
    post = NamedNode(iri.post_iri(holding.role, holding.organization, key))
    if post in w.shared:
        return post
    role = NamedNode(iri.role_iri(holding.role))
    _share(w, role, [(RDF_TYPE, T["Role"]), (RDFS_LABEL, _vi(holding.role))])
    org = org_node(w, holding.organization, holding.jurisdiction)
    where = f" {holding.jurisdiction.label}" if holding.jurisdiction else ""
    triples = [(RDF_TYPE, T["Post"]), (T["role"], role), (T["postIn"], org),
               (RDFS_LABEL, _vi(f"{holding.role} {holding.organization}{where}"))]
    if holding.jurisdiction is not None:
        triples.append((T["jurisdiction"], unit_node(w, holding.jurisdiction)))
    _share(w, post, triples)
    return post


def reference_date(facts: ArticleFacts) -> str | None:
    """The date an article's statements speak of: its main event's day, else its publication day."""
    dated = [e.date for e in facts.events if e.date and len(e.date) == 10]
    if dated:
        return dated[0]
    return facts.document.published[:10] if facts.document.published else None


def article_quads(facts: ArticleFacts) -> list[ox.Quad]:
    """The quads of the article's named graph and of the shared-graph descriptions it relies on."""
    graph, shared = article_graph(facts)
    return list(ox.parse(graph + "".join(shared.values()), format=ox.RdfFormat.N_QUADS))


def article_graph(facts: ArticleFacts) -> tuple[str, dict[str, str]]:
    """The article's named graph as N-Quads text, and the entities it refers to that the shared
    graph describes: IRI -> the entity's N-Quads lines there."""
    doc = facts.document
    art = NamedNode(iri.article_iri(doc.article_id))
    w = _Writer(art)
    w.person_scope = facts.person_scope
    w.add(art, RDF_TYPE, T["Article"])
    w.add(art, T["articleId"], Literal(doc.article_id))
    w.add(art, T["title"], _vi(doc.title))
    w.add(art, RDFS_LABEL, _vi(doc.title))
    if doc.published:
        w.add(art, T["published"], date_literal(doc.published))
    w.add(art, T["sourceFile"], Literal(doc.source.replace("\\", "/").rsplit("/", 1)[-1]))
    if facts.subject_unit is not None:
        w.add(art, T["about"], unit_node(w, facts.subject_unit))

    for mention in facts.people:
        person = person_node(w, mention.name, mention.historical)
        w.add(art, T["mentions"], person)
        if mention.written:
            w.add(person, SKOS_ALT, _vi(mention.written))
        mention_node(w, art, doc.article_id, person, mention.span)
    for author in facts.authors:
        person = person_node(w, author.name)
        w.add(art, T["author"], person)
        w.add(art, T["mentions"], person)
        if author.affiliation:
            w.add(art, T["bylineAffiliation"], _vi(author.affiliation))
    for mention in facts.places:
        unit = unit_node(w, mention.place)
        w.add(art, T["mentions"], unit)
        if mention.written:  # this article's spelling; the shared graph keeps the gazetteer's
            w.add(unit, SKOS_ALT, _vi(mention.written))
        mention_node(w, art, doc.article_id, unit, mention.span)

    on = reference_date(facts)
    for holding in facts.posts:
        _holding(w, art, doc.article_id, holding, on)
    for event in facts.events:
        _event(w, art, doc.article_id, event)
    for anniversary in facts.anniversaries:
        _anniversary(w, art, doc.article_id, anniversary)
    event_nodes = [_event_iri(doc.article_id, e) for e in facts.events]
    for award in facts.awards:
        node = _award(w, art, doc.article_id, award)
        if award.at_event is not None and award.at_event < len(event_nodes):
            w.add(node, T["atEvent"], event_nodes[award.at_event])
    return "".join(w.lines), w.shared


def _holding(w: _Writer, art: NamedNode, article_id: str, holding: PostHolding, on: str | None) -> None:
    person = person_node(w, holding.person)
    post = post_node(w, holding)
    node = NamedNode(iri.fact_iri("holding", article_id, person[1:-1], post[1:-1]))
    w.add(node, RDF_TYPE, T["PostHolding"])
    w.add(node, T["holder"], person)
    w.add(node, T["post"], post)
    w.add(node, T["attestedBy"], art)
    if on:
        w.add(node, T["attestedOn"], date_literal(on))
    w.add(person, T["holdsPost"], post)
    w.add(node, T["evidence"], mention_node(w, art, article_id, node, holding.span))


def _event_iri(article_id: str, event: Event) -> str:
    return NamedNode(iri.fact_iri("event", article_id, event.kind, event.date or "", event.label))


def _event(w: _Writer, art: NamedNode, article_id: str, event: Event) -> None:
    node = _event_iri(article_id, event)
    w.add(node, RDF_TYPE, T["Event"])
    w.add(node, RDF_TYPE, event_class(event.kind))
    w.add(node, T["eventKind"], _vi(event.kind))
    w.add(node, RDFS_LABEL, _vi(event.label))
    w.add(node, T["reportedIn"], art)
    if event.date:
        w.add(node, T["date"], date_literal(event.date))
    if event.place is not None:
        w.add(node, T["place"], unit_node(w, event.place))
    if event.organizer:
        w.add(node, T["organizer"], org_node(w, event.organizer, event.place))
    for part in event.participants:
        prop = {"chaired": "chairedBy", "spoke": "speaker"}.get(part.part, "attendee")
        w.add(node, T[prop], person_node(w, part.person))
    if event.reviews_period:
        w.add(node, T["reviewsPeriod"], Literal(event.reviews_period))
    w.add(node, T["evidence"], mention_node(w, art, article_id, node, event.span))


def _anniversary(w: _Writer, art: NamedNode, article_id: str, anniversary: Anniversary) -> None:
    node = NamedNode(iri.fact_iri("anniversary", article_id, str(anniversary.ordinal), anniversary.subject))
    w.add(node, RDF_TYPE, T["Anniversary"])
    w.add(node, T["ordinal"], _int(anniversary.ordinal))
    w.add(node, T["subject"], _vi(anniversary.subject))
    w.add(node, RDFS_LABEL, _vi(f"{anniversary.ordinal} năm {anniversary.subject}"))
    w.add(node, T["reportedIn"], art)
    if anniversary.base_date:
        w.add(node, T["baseDate"], date_literal(anniversary.base_date))
    if anniversary.date:
        w.add(node, T["anniversaryDate"], date_literal(anniversary.date))
    if anniversary.ordinal_mismatch:
        w.add(node, T["ordinalMismatch"], Literal("true", datatype=NamedNode(XSD + "boolean")))
    w.add(node, T["evidence"], mention_node(w, art, article_id, node, anniversary.span))


def _award(w: _Writer, art: NamedNode, article_id: str, award: Award) -> str:
    node = NamedNode(iri.fact_iri("award", article_id, award.kind, award.conferred_by or "",
                                  award.recipient or "", str(award.span.start)))
    w.add(node, RDF_TYPE, T["Award"])
    w.add(node, T["awardKind"], _vi(award.kind))
    w.add(node, RDFS_LABEL, _vi(award.kind))
    w.add(node, T["reportedIn"], art)
    if award.conferred_by:
        w.add(node, T["conferredBy"], _vi(award.conferred_by))
    if award.recipient:
        w.add(node, T["recipientName"], _vi(award.recipient))
    if award.collectives is not None:
        w.add(node, T["collectiveCount"], _int(award.collectives))
    if award.individuals is not None:
        w.add(node, T["individualCount"], _int(award.individuals))
    w.add(node, T["evidence"], mention_node(w, art, article_id, node, award.span))
    return node

