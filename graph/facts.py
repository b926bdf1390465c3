"""The `facts` report (../shared/ANNOTATION.md shape), computed by SPARQL over the store.

Each article's facts come from its own graph; the people, posts and units it points to are
described in the shared graph, so their names are read from the union of the graphs, unless the article
spells the unit's name otherwise (its skos:altLabel there: "xã Đắk Long" for the gazetteer's
"xã Đăk Long"), which the report keeps, as the annotation guidelines write places as written."""
from __future__ import annotations

from collections import defaultdict

from .store import GraphStore

KINDS = ("people", "posts", "places", "events", "anniversaries", "authors")

_ARTICLES = """
SELECT ?id ?title ?published WHERE { GRAPH ?g {
  ?a a td:Article ; td:articleId ?id ; td:title ?title . OPTIONAL { ?a td:published ?published } } }"""
_PEOPLE = """
SELECT DISTINCT ?id ?name WHERE {
  GRAPH ?g { ?a a td:Article ; td:articleId ?id ; td:mentions ?p }
  ?p a td:Person ; td:name ?name }"""
_POSTS = """
SELECT DISTINCT ?id ?person ?role ?body ?jurisdiction WHERE {
  GRAPH ?g { ?h a td:PostHolding ; td:attestedBy ?a ; td:holder ?p ; td:post ?post . ?a td:articleId ?id }
  ?p td:name ?person . ?post td:role/rdfs:label ?role ; td:postIn/td:bodyName ?body .
  OPTIONAL { ?post td:jurisdiction ?unit OPTIONAL { GRAPH ?g { ?unit skos:altLabel ?written } }
             OPTIONAL { ?unit rdfs:label ?label } }
  BIND(COALESCE(?written, ?label) AS ?jurisdiction) }"""
_PLACES = """
SELECT DISTINCT ?id ?name WHERE {
  GRAPH ?g { ?a a td:Article ; td:articleId ?id ; td:mentions ?u OPTIONAL { ?u skos:altLabel ?written } }
  ?u a td:AdministrativeUnit ; rdfs:label ?label BIND(COALESCE(?written, ?label) AS ?name) }"""
_EVENTS = """
SELECT ?id ?kind ?date ?place ?label WHERE { GRAPH ?g {
  ?e a td:Event ; td:reportedIn/td:articleId ?id ; td:eventKind ?kind ; rdfs:label ?label .
  OPTIONAL { ?e td:date ?date } OPTIONAL { ?e td:place ?unit OPTIONAL { ?unit skos:altLabel ?written } } }
  OPTIONAL { ?unit rdfs:label ?unitLabel } BIND(COALESCE(?written, ?unitLabel) AS ?place) }"""
_ANNIVERSARIES = """
SELECT ?id ?ordinal ?subject ?base ?date WHERE { GRAPH ?g {
  ?n a td:Anniversary ; td:reportedIn/td:articleId ?id ; td:ordinal ?ordinal ; td:subject ?subject .
  OPTIONAL { ?n td:baseDate ?base } OPTIONAL { ?n td:anniversaryDate ?date } } }"""
_AUTHORS = """
SELECT DISTINCT ?id ?name ?affiliation WHERE {
  GRAPH ?g { ?a td:articleId ?id ; td:author ?author OPTIONAL { ?a td:bylineAffiliation ?affiliation } }
  ?author td:name ?name }"""


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
    for s in store.query(_PEOPLE):
        rows["people"].append((_value(s, "id"), {"name": _value(s, "name")}))
    for s in store.query(_POSTS):
        rows["posts"].append((_value(s, "id"), {
            "person": _value(s, "person"), "role": _value(s, "role"),
            "organization": _value(s, "body"), "jurisdiction": _value(s, "jurisdiction")}))
    for s in store.query(_PLACES):
        rows["places"].append((_value(s, "id"), {"name": _value(s, "name")}))
    for s in store.query(_EVENTS):
        rows["events"].append((_value(s, "id"), {
            "kind": _value(s, "kind"), "date": _date(_value(s, "date")),
            "place": _value(s, "place"), "label": _value(s, "label")}))
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
