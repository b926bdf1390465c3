"""The `facts` report (../shared/ANNOTATION.md shape), computed by SPARQL over the store.

Each article's facts come from its own graph; the people, posts and units it points to are
described in the shared graph, so their names are read there; a unit's label is the article's
spelling where it differs from the gazetteer's (its skos:altLabel in the article's graph: "xã Đắk
Long" for the gazetteer's "xã Đăk Long"), as the annotation guidelines write places as written."""
from __future__ import annotations

from collections import defaultdict

from .store import SHARED_GRAPH, GraphStore

KINDS = ("people", "posts", "places", "events", "anniversaries", "authors")

_ARTICLES = """
SELECT ?id ?title ?published WHERE { GRAPH ?g {
  ?a a td:Article ; td:articleId ?id ; td:title ?title . OPTIONAL { ?a td:published ?published } } }"""
_PEOPLE = """
SELECT DISTINCT ?id ?name WHERE {
  GRAPH ?g { ?a a td:Article ; td:articleId ?id ; td:mentions ?p }
  GRAPH <%(shared)s> { ?p a td:Person ; td:name ?name } }"""
_POSTS = """
SELECT DISTINCT ?g ?id ?person ?role ?body ?unit WHERE {
  GRAPH ?g { ?h a td:PostHolding ; td:attestedBy ?a ; td:holder ?p ; td:post ?post . ?a td:articleId ?id }
  GRAPH <%(shared)s> { ?p td:name ?person . ?post td:role/rdfs:label ?role ; td:postIn/td:bodyName ?body .
                       OPTIONAL { ?post td:jurisdiction ?unit } } }"""
_PLACES = """
SELECT DISTINCT ?g ?id ?unit WHERE {
  GRAPH ?g { ?a a td:Article ; td:articleId ?id ; td:mentions ?unit }
  { GRAPH <%(shared)s> { ?unit a td:AdministrativeUnit } } UNION { GRAPH ?g { ?unit a td:AdministrativeUnit } } }"""
_EVENTS = """
SELECT ?g ?id ?kind ?date ?unit ?label WHERE { GRAPH ?g {
  ?e a td:Event ; td:reportedIn/td:articleId ?id ; td:eventKind ?kind ; rdfs:label ?label .
  OPTIONAL { ?e td:date ?date } OPTIONAL { ?e td:place ?unit } } }"""
_ANNIVERSARIES = """
SELECT ?id ?ordinal ?subject ?base ?date WHERE { GRAPH ?g {
  ?n a td:Anniversary ; td:reportedIn/td:articleId ?id ; td:ordinal ?ordinal ; td:subject ?subject .
  OPTIONAL { ?n td:baseDate ?base } OPTIONAL { ?n td:anniversaryDate ?date } } }"""
_AUTHORS = """
SELECT DISTINCT ?id ?name ?affiliation WHERE {
  GRAPH ?g { ?a td:author ?author ; td:articleId ?id OPTIONAL { ?a td:bylineAffiliation ?affiliation } }
  GRAPH <%(shared)s> { ?author td:name ?name } }"""
# Unit labels: the shared graph's (gazetteer units), an article's own (units the gazetteer does
# not know), and an article's spelling of a gazetteer unit (skos:altLabel there).
_SHARED_UNIT_LABELS = """
SELECT ?unit ?label WHERE { GRAPH <%(shared)s> { ?unit a td:AdministrativeUnit ; rdfs:label ?label } }"""
_ARTICLE_UNIT_LABELS = """
SELECT ?g ?unit ?label ?written WHERE { GRAPH ?g {
  { ?unit a td:AdministrativeUnit ; rdfs:label ?label } UNION { ?unit skos:altLabel ?written } } }"""
_PEOPLE, _POSTS, _PLACES, _AUTHORS, _SHARED_UNIT_LABELS = (
    q % {"shared": SHARED_GRAPH.value} for q in (_PEOPLE, _POSTS, _PLACES, _AUTHORS, _SHARED_UNIT_LABELS))


class _UnitLabels:
    """A unit's label as one article writes it: its own spelling, else the gazetteer's, else the
    article's description of a unit the gazetteer does not know."""

    def __init__(self, store: GraphStore):
        self.shared = {s["unit"].value: s["label"].value for s in store.query(_SHARED_UNIT_LABELS)}
        self.own: dict[tuple[str, str], str] = {}
        self.written: dict[tuple[str, str], str] = {}
        for s in store.query(_ARTICLE_UNIT_LABELS):
            key = (s["g"].value, s["unit"].value)
            if s["written"] is not None:
                self.written[key] = s["written"].value
            else:
                self.own[key] = s["label"].value

    def of(self, graph: str, unit) -> str | None:
        if unit is None:
            return None
        key = (graph, unit.value)
        return self.written.get(key) or self.shared.get(unit.value) or self.own.get(key)


def _value(solution, name: str):
    term = solution[name]
    return None if term is None else term.value


def _date(value: str | None) -> str | None:
    """Typed literal text back to the ANNOTATION form ("2021-12-09T16:30")."""
    if value and "T" in value:
        return value[:16]
    return value


def article_facts(store: GraphStore) -> dict[str, dict]:
    """Article id -> facts, every list sorted, so the report is deterministic."""
    report: dict[str, dict] = {}
    for s in store.query(_ARTICLES):
        aid = _value(s, "id")
        report[aid] = {"article": aid, "title": _value(s, "title"), "published": _date(_value(s, "published")),
                       **{kind: [] for kind in KINDS}}
    rows: dict[str, list] = defaultdict(list)
    labels = _UnitLabels(store)
    for s in store.query(_PEOPLE):
        rows["people"].append((_value(s, "id"), {"name": _value(s, "name")}))
    for s in store.query(_POSTS):
        rows["posts"].append((_value(s, "id"), {
            "person": _value(s, "person"), "role": _value(s, "role"),
            "organization": _value(s, "body"), "jurisdiction": labels.of(s["g"].value, s["unit"])}))
    places = {(_value(s, "id"), labels.of(s["g"].value, s["unit"])) for s in store.query(_PLACES)}
    rows["places"].extend((aid, {"name": name}) for aid, name in sorted(places) if name)
    for s in store.query(_EVENTS):
        rows["events"].append((_value(s, "id"), {
            "kind": _value(s, "kind"), "date": _date(_value(s, "date")),
            "place": labels.of(s["g"].value, s["unit"]), "label": _value(s, "label")}))
    for s in store.query(_ANNIVERSARIES):
        rows["anniversaries"].append((_value(s, "id"), {
            "ordinal": int(_value(s, "ordinal")), "subject": _value(s, "subject"),
            "base_date": _value(s, "base"), "date": _value(s, "date")}))
    for s in store.query(_AUTHORS):
        rows["authors"].append((_value(s, "id"), {"name": _value(s, "name"),
                                                  "affiliation": _value(s, "affiliation")}))
    for kind, items in rows.items():
        for aid, fact in items:
            if aid in report:
                report[aid][kind].append(fact)
    for facts in report.values():
        for kind in KINDS:
            facts[kind].sort(key=lambda f: tuple(str(v) for v in f.values()))
    return dict(sorted(report.items()))
