"""Domain rules no generic tool knows: dates, the 2025 reform, renamed units, people in two provinces.

Each rule is a function from the store to a list of :class:`Issue`, registered in
:data:`RULES` under its stable id.  They read the union of the data graphs by SPARQL
(the inferred-types graph left out) and compare dates in Python, at the precision each
date has: an ``xsd:gYear`` "2025" stands for its whole year, so it is *after* a day only
when its first day is.

The rules are documented, with their severities, in docs/check.md.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..ontology import BASE
from .reasoning import data_graphs, data_query
from .store import GraphStore

DISTRICT_LEVEL_ABOLISHED = "2025-07-01"
"""Vietnam's two-tier local government took effect on this day: no district-level units after it."""

ID = BASE + "id/"
SH = "https://w3id.org/thidua/shapes#"


@dataclass(frozen=True)
class Issue:
    """One problem a domain rule found; :mod:`graph.check` turns it into a finding with its sources."""

    rule: str  # stable id, "domain.…"
    severity: str  # error | warning | info
    node: str  # the focus node
    message: str
    evidence: tuple[str, ...] = ()  # nodes whose mentions (article, sentence) document the problem
    details: tuple[tuple[str, str], ...] = ()
    supersedes: tuple[str, ...] = ()  # SHACL shapes whose result on the same node this issue replaces


def earliest_day(value: str) -> str:
    """The first day a (partial) ISO date can mean: "2025" -> "2025-01-01", "2025-07" -> "2025-07-01"."""
    value = value[:10]
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def _text(term) -> str:
    return term.value if term is not None else ""


def _rows(store: GraphStore, sparql: str, graphs) -> list[dict[str, str]]:
    result = data_query(store, sparql, graphs)
    names = [v.value for v in result.variables] if hasattr(result, "variables") else []
    return [{n: _text(r[n]) for n in names} for r in result]


def _quote(label: str) -> str:
    return f"“{label}”"


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------

def anniversary_ordinal(store: GraphStore, graphs) -> list[Issue]:
    """An anniversary whose ordinal is not the number of years between its two dates."""
    rows = _rows(store, """
        SELECT DISTINCT ?a ?n ?base ?date (SAMPLE(?l) AS ?label) WHERE {
          ?a a td:Anniversary ; td:ordinal ?n ; td:baseDate ?base ; td:anniversaryDate ?date .
          OPTIONAL { ?a rdfs:label ?l }
        } GROUP BY ?a ?n ?base ?date ORDER BY ?a""", graphs)
    out = []
    for r in rows:
        try:
            ordinal, years = int(r["n"]), int(r["date"][:4]) - int(r["base"][:4])
        except ValueError:
            continue  # malformed values are the SHACL shapes' business
        if ordinal == years:
            continue
        out.append(Issue(
            "domain.anniversary-ordinal", "warning", r["a"],
            f"{_quote(r['label'] or r['a'])} counts {ordinal} years, but from {r['base']} to {r['date']} is "
            f"{years} years. Check the article: the number or one of the two dates is wrong.",
            (r["a"],), (("ordinal", str(ordinal)), ("base_date", r["base"]), ("date", r["date"]),
                        ("years_between", str(years))),
            (SH + "Anniversary-ordinalMismatch-true",)))
    return out


def event_after_publication(store: GraphStore, graphs) -> list[Issue]:
    """An event dated after the article that reports it as held was published."""
    rows = _rows(store, """
        SELECT DISTINCT ?e ?date ?art ?id ?pub (SAMPLE(?l) AS ?label) WHERE {
          ?e a td:Event ; td:date ?date ; td:reportedIn ?art .
          ?art td:published ?pub . OPTIONAL { ?art td:articleId ?id }
          OPTIONAL { ?e rdfs:label ?l }
        } GROUP BY ?e ?date ?art ?id ?pub ORDER BY ?e""", graphs)
    out = []
    for r in rows:
        published = r["pub"][:10]
        if earliest_day(r["date"]) <= published:
            continue
        out.append(Issue(
            "domain.event-after-publication", "error", r["e"],
            f"{_quote(r['label'] or r['e'])} is dated {r['date']}, after its article {r['id'] or r['art']} was "
            f"published ({published}); an event reported as held cannot be later than the report. The date "
            "probably got the wrong year, or the article only announces the event.",
            (r["e"],), (("date", r["date"]), ("published", published), ("article", r["id"] or r["art"]))))
    return out


_PLACED = """
    SELECT DISTINCT ?x ?kind ?date ?u ?until ?district (SAMPLE(?xl) AS ?xlabel) (SAMPLE(?ul) AS ?ulabel)
                    (SAMPLE(?pl) AS ?province) WHERE {
      { ?x a td:Event ; td:date ?date ; td:place ?u . BIND("event" AS ?kind) }
      UNION
      { ?x a td:PostHolding ; td:attestedOn ?date ; td:post/td:jurisdiction ?u . BIND("post" AS ?kind) }
      OPTIONAL { ?u td:validUntil ?until }
      BIND(EXISTS { ?u a td:DistrictLevelUnit } AS ?district)
      OPTIONAL { ?x rdfs:label ?xl }
      OPTIONAL { ?u rdfs:label ?ul }
      OPTIONAL { ?u td:partOf+ ?prov . ?prov a td:Province ; rdfs:label ?pl }
    } GROUP BY ?x ?kind ?date ?u ?until ?district ORDER BY ?x ?u"""


def _placed(store: GraphStore, graphs) -> list[dict[str, str]]:
    return _rows(store, _PLACED, graphs)


def _what(r: dict[str, str], store: GraphStore, graphs) -> str:
    if r["kind"] == "event":
        return f"The event {_quote(r['xlabel'] or r['x'])}"
    post = _rows(store, f"""SELECT (SAMPLE(?n) AS ?name) (SAMPLE(?l) AS ?post) WHERE {{
        <{r['x']}> td:holder ?p ; td:post ?q . OPTIONAL {{ ?p td:name ?n }} OPTIONAL {{ ?q rdfs:label ?l }} }}""",
                 graphs)
    name, label = (post[0]["name"], post[0]["post"]) if post else ("", "")
    return f"{name or 'A person'}'s post {_quote(label or r['x'])}"


def district_after_reform(store: GraphStore, graphs) -> list[Issue]:
    """A district-level unit used for an event (or a post) dated on or after 2025-07-01."""
    out = []
    for r in _placed(store, graphs):
        if r["district"] != "true" or earliest_day(r["date"]) < DISTRICT_LEVEL_ABOLISHED:
            continue
        where = f" Its territory now belongs to communes of {r['province']}." if r["province"] else ""
        out.append(Issue(
            "domain.district-after-reform", "error", r["x"],
            f"{_what(r, store, graphs)} is dated {r['date']} but placed in {r['ulabel'] or r['u']}, a district-level "
            f"unit; district-level units were abolished on {DISTRICT_LEVEL_ABOLISHED}.{where} Place it in the "
            "commune or the province the article means.",
            (r["x"],), (("date", r["date"]), ("unit", r["u"]), ("unit_label", r["ulabel"]),
                        ("province", r["province"]))))
    return out


def unit_outdated_name(store: GraphStore, graphs) -> list[Issue]:
    """A unit referred to, for an event (or a post), at a date when it no longer existed under that name."""
    out = []
    for r in _placed(store, graphs):
        if not r["until"]:
            continue
        day = earliest_day(r["date"])
        if day < r["until"]:
            continue
        if r["district"] == "true" and day >= DISTRICT_LEVEL_ABOLISHED:
            continue  # domain.district-after-reform says it
        successors = successor_labels(r["u"], day)
        hint = (f" By then its successor was {' or '.join(successors)}; refer to "
                f"{'it' if len(successors) == 1 else 'the right one'} instead, or check the date."
                if successors else " Refer to the unit that took it over, or check the date.")
        out.append(Issue(
            "domain.unit-outdated-name", "warning", r["x"],
            f"{_what(r, store, graphs)} is dated {r['date']} and refers to {r['ulabel'] or r['u']}, which ceased "
            f"to exist on {r['until']}.{hint}",
            (r["x"],), (("date", r["date"]), ("unit", r["u"]), ("unit_label", r["ulabel"]),
                        ("valid_until", r["until"]), ("successors", " | ".join(successors)))))
    return out


def successor_labels(unit_iri: str, on_day: str, depth: int = 4) -> list[str]:
    """Labels of the units that took over ``unit_iri`` and still existed on ``on_day`` (from the gazetteer)."""
    from ..loaders.gazetteer import default_gazetteer

    prefix = ID + "unit/"
    if not unit_iri.startswith(prefix):
        return []
    gazetteer = default_gazetteer()
    place = gazetteer.by_code(unit_iri[len(prefix):])
    if place is None:
        return []
    found: list[str] = []
    frontier = gazetteer.successors(place)
    for _ in range(depth):
        later = []
        for p in frontier:
            if p.valid_until and p.valid_until <= on_day:
                later.extend(gazetteer.successors(p))
            elif p.label not in found:
                found.append(p.label)
        if not later:
            break
        frontier = later
    return found


def person_two_provinces(store: GraphStore, graphs) -> list[Issue]:
    """One person holding posts in two provinces on the same day: probably two people under one IRI."""
    rows = _rows(store, """
        SELECT DISTINCT ?person ?day ?h ?prov ?provl (SAMPLE(?n) AS ?name) (SAMPLE(?pl) AS ?post) WHERE {
          ?h a td:PostHolding ; td:holder ?person ; td:attestedOn ?day ; td:post ?q .
          FILTER(DATATYPE(?day) = xsd:date)
          ?q td:jurisdiction ?u . ?u td:partOf* ?prov . ?prov a td:Province .
          OPTIONAL { ?prov rdfs:label ?provl }
          OPTIONAL { ?person td:name ?n } OPTIONAL { ?q rdfs:label ?pl }
        } GROUP BY ?person ?day ?h ?prov ?provl ORDER BY ?person ?day ?h""", graphs)
    holdings: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    info: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    for r in rows:
        holdings[(r["person"], r["day"])][r["h"]].add(r["provl"] or r["prov"])
        info[r["h"]] = (r["post"], r["provl"] or r["prov"])
        names[r["person"]] = r["name"]
    out = []
    for (person, day), by_holding in sorted(holdings.items()):
        items = sorted(by_holding.items())
        clash = [(a, b) for i, (a, pa) in enumerate(items) for b, pb in items[i + 1:] if not pa & pb]
        if not clash:
            continue
        involved = sorted({h for pair in clash for h in pair})
        provinces = sorted({p for h in involved for p in by_holding[h]})
        posts = "; ".join(f"{_quote(info[h][0])} ({info[h][1]})" for h in involved)
        out.append(Issue(
            "domain.person-two-provinces", "warning", person,
            f"{names[person] or person} holds posts in {len(provinces)} provinces on {day}: {posts}. These are "
            "probably different people with the same name, merged into one IRI; check the articles and keep "
            "them apart.",
            tuple(involved), (("date", day), ("provinces", " | ".join(provinces)))))
    return out


def post_without_jurisdiction(store: GraphStore, graphs) -> list[Issue]:
    """A post attested by some article with no unit it is for."""
    rows = _rows(store, """
        SELECT ?q (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?h); separator=" ") AS ?holdings)
               (GROUP_CONCAT(DISTINCT ?n; separator=" | ") AS ?people) WHERE {
          ?h a td:PostHolding ; td:post ?q .
          FILTER NOT EXISTS { ?q td:jurisdiction ?j }
          OPTIONAL { ?q rdfs:label ?l }
          OPTIONAL { ?h td:holder/td:name ?n }
        } GROUP BY ?q ORDER BY ?q""", graphs)
    out = []
    for r in rows:
        holders = sorted(r["holdings"].split())
        out.append(Issue(
            "domain.post-without-jurisdiction", "warning", r["q"],
            f"The post {_quote(r['label'] or r['q'])} (held by {r['people'] or 'someone'}) has no jurisdiction: "
            "the article does not say which unit's body it is, so it merges with the same post of every other "
            "unit. Resolve the unit from the article (its own unit, or a place in the sentence).",
            tuple(holders), (("holders", r["people"]),), (SH + "Post-jurisdiction-missing",)))
    return out


RULES: dict[str, Callable[[GraphStore, list], list[Issue]]] = {
    "domain.anniversary-ordinal": anniversary_ordinal,
    "domain.event-after-publication": event_after_publication,
    "domain.district-after-reform": district_after_reform,
    "domain.unit-outdated-name": unit_outdated_name,
    "domain.person-two-provinces": person_two_provinces,
    "domain.post-without-jurisdiction": post_without_jurisdiction,
}
"""Rule id -> rule; the ids are stable (scripts filter on them)."""


def run_domain_checks(store: GraphStore, rules: dict[str, Callable] | None = None) -> list[Issue]:
    """Every rule over the data graphs, issues in a stable order."""
    graphs = data_graphs(store)
    issues: list[Issue] = []
    for rule in (rules or RULES).values():
        issues.extend(rule(store, graphs))
    return sorted(issues, key=lambda i: (i.rule, i.node, i.message))
