"""Domain rules no generic tool knows: dates, the 2025 reform, renamed units, people in two provinces.

Each rule is a function from the store to a list of :class:`Issue`, registered in
:data:`RULES` under its stable id.  They read the union of the store's graphs by SPARQL
(the inferred-types graph holds only types, which the rules may use) and compare dates
in Python, at the precision each date has: an ``xsd:gYear`` "2025" stands for its whole
year, so it is *after* a day only when its first day is.

The rules are documented, with their severities, in docs/check.md.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..ontology import BASE
from .reasoning import data_query
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


def _rows(store: GraphStore, sparql: str) -> list[dict[str, str]]:
    result = data_query(store, sparql)
    names = [v.value for v in result.variables] if hasattr(result, "variables") else []
    return [{n: _text(r[n]) for n in names} for r in result]


def _quote(label: str) -> str:
    return f"“{label}”"


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------

def anniversary_ordinal(store: GraphStore, units: _Units | None = None) -> list[Issue]:
    """An anniversary whose ordinal is not the number of years between its two dates."""
    rows = _rows(store, """
        SELECT DISTINCT ?a ?n ?base ?date (SAMPLE(?l) AS ?label) WHERE {
          ?a a td:Anniversary ; td:ordinal ?n ; td:baseDate ?base ; td:anniversaryDate ?date .
          OPTIONAL { ?a rdfs:label ?l }
        } GROUP BY ?a ?n ?base ?date ORDER BY ?a""")
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


def event_after_publication(store: GraphStore, units: _Units | None = None) -> list[Issue]:
    """An event dated after the article that reports it as held was published."""
    rows = _rows(store, """
        SELECT DISTINCT ?e ?date ?art ?id ?pub (SAMPLE(?l) AS ?label) WHERE {
          ?e a td:Event ; td:date ?date ; td:reportedIn ?art .
          ?art td:published ?pub . OPTIONAL { ?art td:articleId ?id }
          OPTIONAL { ?e rdfs:label ?l }
        } GROUP BY ?e ?date ?art ?id ?pub ORDER BY ?e""")
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


# A node described by many articles (a unit, a post, a person) has its triples once per article
# graph in the union default graph, so joining on it multiplies rows.  The rules below ask
# single-pattern DISTINCT questions about shared nodes and join them in Python (:class:`_Units`).

class _Units:
    """What the rules need to know about units and posts, each fetched once with DISTINCT."""

    def __init__(self, store: GraphStore):
        self.store = store
        q = lambda sparql: _rows(store, sparql)
        self.until = {r["u"]: r["d"] for r in q("SELECT DISTINCT ?u ?d WHERE { ?u td:validUntil ?d }")}
        self.district = {r["u"] for r in q("SELECT DISTINCT ?u WHERE { ?u a td:DistrictLevelUnit }")}
        self.province = {r["u"] for r in q("SELECT DISTINCT ?u WHERE { ?u a td:Province }")}
        self.parents: dict[str, set[str]] = defaultdict(set)
        for r in q("SELECT DISTINCT ?u ?p WHERE { ?u td:partOf ?p }"):
            self.parents[r["u"]].add(r["p"])
        self.jurisdiction: dict[str, set[str]] = defaultdict(set)
        for r in q(f"SELECT DISTINCT ?q ?u WHERE {{ ?q td:jurisdiction ?u FILTER(STRSTARTS(STR(?q), '{ID}post/')) }}"):
            self.jurisdiction[r["q"]].add(r["u"])
        self._labels: dict[str, str] = {}

    def provinces_of(self, unit: str) -> set[str]:
        """The provinces a unit is (in), through td:partOf; a unit that changed province has both."""
        seen, todo, out = {unit}, [unit], set()
        while todo:
            u = todo.pop()
            if u in self.province:
                out.add(u)
            for p in self.parents.get(u, ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return out

    def label(self, node: str) -> str:
        if node not in self._labels:
            rows = _rows(self.store, f"""SELECT ?l WHERE {{ {{ <{node}> rdfs:label ?l BIND(0 AS ?k) }}
                UNION {{ <{node}> td:name ?l BIND(1 AS ?k) }} }} ORDER BY ?k DESC(LANG(?l) = "vi") ?l LIMIT 1""")
            self._labels[node] = rows[0]["l"] if rows else node
        return self._labels[node]


def _placed(store: GraphStore, units: _Units) -> list[dict[str, str]]:
    """Events with their place, post holdings with their post's jurisdiction: (node, kind, date, unit)."""
    rows = [dict(r, kind="event") for r in _rows(store, """
        SELECT DISTINCT ?x ?date ?u WHERE { ?x a td:Event ; td:date ?date ; td:place ?u }""")]
    for r in _rows(store, "SELECT DISTINCT ?x ?date ?q WHERE { ?x td:attestedOn ?date ; td:post ?q }"):
        rows.extend({"x": r["x"], "date": r["date"], "u": u, "kind": "post", "q": r["q"]}
                    for u in sorted(units.jurisdiction.get(r["q"], ())))
    return sorted(rows, key=lambda r: (r["x"], r["u"]))


def _what(r: dict[str, str], store: GraphStore, units: _Units) -> str:
    if r["kind"] == "event":
        return f"The event {_quote(units.label(r['x']))}"
    holder = _rows(store, f"SELECT ?p WHERE {{ <{r['x']}> td:holder ?p }} LIMIT 1")
    name = units.label(holder[0]["p"]) if holder else "A person"
    return f"{name}'s post {_quote(units.label(r['q']))}"


def district_after_reform(store: GraphStore, units: _Units | None = None) -> list[Issue]:
    """A district-level unit used for an event (or a post) dated on or after 2025-07-01."""
    units = units or _Units(store)
    out = []
    for r in _placed(store, units):
        if r["u"] not in units.district or earliest_day(r["date"]) < DISTRICT_LEVEL_ABOLISHED:
            continue
        provinces = sorted(units.label(p) for p in units.provinces_of(r["u"]))
        where = f" Its territory now belongs to communes of {' or '.join(provinces)}." if provinces else ""
        unit_label = units.label(r["u"])
        out.append(Issue(
            "domain.district-after-reform", "error", r["x"],
            f"{_what(r, store, units)} is dated {r['date']} but placed in {unit_label}, a district-level "
            f"unit; district-level units were abolished on {DISTRICT_LEVEL_ABOLISHED}.{where} Place it in the "
            "commune or the province the article means.",
            (r["x"],), (("date", r["date"]), ("unit", r["u"]), ("unit_label", unit_label),
                        ("province", " | ".join(provinces)))))
    return out


def unit_outdated_name(store: GraphStore, units: _Units | None = None) -> list[Issue]:
    """A unit referred to, for an event (or a post), at a date when it no longer existed under that name."""
    units = units or _Units(store)
    out = []
    for r in _placed(store, units):
        until = units.until.get(r["u"])
        day = earliest_day(r["date"])
        if not until or day < until:
            continue
        if r["u"] in units.district and day >= DISTRICT_LEVEL_ABOLISHED:
            continue  # domain.district-after-reform says it
        successors = successor_labels(r["u"], day)
        hint = (f" By then its successor was {' or '.join(successors)}; refer to "
                f"{'it' if len(successors) == 1 else 'the right one'} instead, or check the date."
                if successors else " Refer to the unit that took it over, or check the date.")
        unit_label = units.label(r["u"])
        out.append(Issue(
            "domain.unit-outdated-name", "warning", r["x"],
            f"{_what(r, store, units)} is dated {r['date']} and refers to {unit_label}, which ceased "
            f"to exist on {until}.{hint}",
            (r["x"],), (("date", r["date"]), ("unit", r["u"]), ("unit_label", unit_label),
                        ("valid_until", until), ("successors", " | ".join(successors)))))
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


def person_two_provinces(store: GraphStore, units: _Units | None = None) -> list[Issue]:
    """One person holding posts in two provinces on the same day: probably two people under one IRI."""
    units = units or _Units(store)
    rows = _rows(store, """
        SELECT DISTINCT ?h ?person ?day ?q WHERE {
          ?h td:holder ?person ; td:attestedOn ?day ; td:post ?q . FILTER(DATATYPE(?day) = xsd:date) }""")
    holdings: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    post_of: dict[str, str] = {}
    for r in rows:
        provinces = set().union(*(units.provinces_of(u) for u in units.jurisdiction.get(r["q"], ())))
        if provinces:
            holdings[(r["person"], r["day"])][r["h"]] |= provinces
            post_of[r["h"]] = r["q"]
    out = []
    for (person, day), by_holding in sorted(holdings.items()):
        items = sorted(by_holding.items())
        clash = [(a, b) for i, (a, pa) in enumerate(items) for b, pb in items[i + 1:] if not pa & pb]
        if not clash:
            continue
        involved = sorted({h for pair in clash for h in pair})
        provinces = sorted({units.label(p) for h in involved for p in by_holding[h]})
        posts = "; ".join(f"{_quote(units.label(post_of[h]))} "
                          f"({', '.join(sorted(units.label(p) for p in by_holding[h]))})" for h in involved)
        out.append(Issue(
            "domain.person-two-provinces", "warning", person,
            f"{units.label(person)} holds posts in {len(provinces)} provinces on {day}: {posts}. These are "
            "probably different people with the same name, merged into one IRI; check the articles and keep "
            "them apart.",
            tuple(involved), (("date", day), ("provinces", " | ".join(provinces)))))
    return out


def post_without_jurisdiction(store: GraphStore, units: _Units | None = None) -> list[Issue]:
    """A post attested by some article with no unit it is for."""
    units = units or _Units(store)
    holdings: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT DISTINCT ?h ?q WHERE { ?h a td:PostHolding ; td:post ?q }"):
        if r["q"] not in units.jurisdiction:
            holdings[r["q"]].add(r["h"])
    out = []
    for post, held in sorted(holdings.items()):
        people = sorted({units.label(r["p"]) for h in held
                         for r in _rows(store, f"SELECT DISTINCT ?p WHERE {{ <{h}> td:holder ?p }}")})
        out.append(Issue(
            "domain.post-without-jurisdiction", "warning", post,
            f"The post {_quote(units.label(post))} (held by {', '.join(people) or 'someone'}) has no jurisdiction: "
            "the article does not say which unit's body it is, so it merges with the same post of every other "
            "unit. Resolve the unit from the article (its own unit, or a place in the sentence).",
            tuple(sorted(held)), (("holders", " | ".join(people)),), (SH + "Post-jurisdiction-missing",)))
    return out


RULES: dict[str, Callable[..., list[Issue]]] = {
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
    units = _Units(store)
    issues: list[Issue] = []
    for rule in (rules or RULES).values():
        issues.extend(rule(store, units))
    return sorted(issues, key=lambda i: (i.rule, i.node, i.message))
