"""The store as a networkx graph, and analytics over it: pure functions, derived on demand.

:func:`project` reads the store once and returns a ``networkx.MultiDiGraph``
whose nodes are the entities people look at (people, posts, organizations,
units, events, anniversaries, awards, articles) and whose edges are the
relations between them, one edge per (source, target, label). Reified
records (post holdings, mentions) and roles are folded into attributes.

Node attributes:

- ``kind``: one of :data:`KINDS`
- ``cls``: the most specific ontology class (``"Conference"``, ``"Province"`` …)
- ``label``: the display name (``rdfs:label``, else the end of the IRI)
- ``official``: for people, whether the store says they hold a post
- ``dates``: ``((name, ISO value), …)``, e.g. ``(("date", "2023-01-05"),)``
- ``details``: ``((name, value), …)``: kind, unit type, award kind, the evidence sentence …
- ``articles``: IRIs of the articles (named graphs) the entity is read from

Edge attributes: ``label`` (also the edge key), ``dates`` (for "holds post":
the days it was attested) and ``articles``.

Edges point the way the RDF does (event → person for "chaired by"); the
analytics read the graph undirected.
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..loaders.text import fold_key
from ..ontology import ID, TD
from .store import SHARED_GRAPH, SHARED_LINKS, GraphStore

KINDS = ("person", "post", "organization", "unit", "event", "anniversary", "award", "article")

_TD = str(TD)

# Class (local name) -> kind. The contract is docs/vocabulary.md; generic classes
# are listed so an entity typed only with them still lands in its kind.
_KIND_OF_CLASS = {
    "Person": "person", "HistoricalPerson": "person", "Official": "person",
    "Post": "post",
    "Organization": "organization", "PartyCommittee": "organization", "PeoplesCommittee": "organization",
    "PeoplesCouncil": "organization", "EmulationCouncil": "organization", "EmulationBoard": "organization",
    "FatherlandFront": "organization", "Centre": "organization", "MassOrganization": "organization",
    "GovernmentAgency": "organization",
    "AdministrativeUnit": "unit", "Country": "unit", "Province": "unit", "DistrictLevelUnit": "unit",
    "CommuneLevelUnit": "unit",
    "Event": "event", "Conference": "event", "LaunchCeremony": "event", "Commemoration": "event",
    "Congress": "event", "Election": "event", "AwardCeremony": "event", "Ceremony": "event", "Meeting": "event",
    "Anniversary": "anniversary",
    "Award": "award",
    "Article": "article",
}
_GENERIC = {"Person", "Official", "Organization", "AdministrativeUnit", "Event"}

# Predicate (local name) -> (edge label, subject kinds the edge is drawn for; None = any).
# Post jurisdiction is left out: it repeats the jurisdiction of the post's organization.
EDGE_LABELS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "holdsPost": ("holds post", None),
    "postIn": ("post in", None),
    "jurisdiction": ("jurisdiction", ("organization",)),
    "partOf": ("part of", None),
    "place": ("held in", None),
    "organizer": ("organized by", None),
    "chairedBy": ("chaired by", None),
    "speaker": ("speaker", None),
    "attendee": ("attendee", None),
    "recipient": ("recipient", None),
    "reportedIn": ("reported in", None),
    "about": ("about", None),
    "author": ("author", None),
    "mentions": ("mentions", None),
}
PARTICIPATION = ("chaired by", "speaker", "attendee")

_DATES = ("date", "published", "anniversaryDate", "baseDate", "validUntil")
_DETAILS = ("eventKind", "reviewsPeriod", "unitType", "officialCode", "bodyName", "ordinal", "subject",
            "ordinalMismatch", "awardKind", "conferredBy", "recipientName", "collectiveCount",
            "individualCount", "articleId", "sourceFile", "title", "bylineAffiliation")
_DETAIL_NAMES = {"eventKind": "kind", "reviewsPeriod": "reviews period", "unitType": "unit type",
                 "officialCode": "official code", "bodyName": "body", "ordinalMismatch": "ordinal mismatch",
                 "awardKind": "award", "conferredBy": "conferred by", "recipientName": "recipient",
                 "collectiveCount": "collectives", "individualCount": "individuals", "articleId": "article id",
                 "sourceFile": "file", "bylineAffiliation": "byline affiliation", "anniversaryDate": "anniversary",
                 "baseDate": "base date", "validUntil": "valid until"}


class NetworkLookupError(LookupError):
    """A name that matches no entity or several, or two entities with no chain between them."""


def _short(iri: str) -> str:
    base = str(ID)
    return "id:" + iri[len(base):] if iri.startswith(base) else iri


def _values(names: Iterable[str]) -> str:
    return " ".join(f"td:{name}" for name in names)


# --- projection -----------------------------------------------------------------------------------
# A few SPARQL queries, each answered in one pass by Oxigraph (faster than walking quads from Python).

_TYPES = "SELECT ?s ?c ?g WHERE { VALUES ?c { %s } GRAPH ?g { ?s a ?c } FILTER(isIRI(?s)) }"
_LABELS = "SELECT DISTINCT ?s ?label WHERE { ?s rdfs:label ?label }"
_ATTRIBUTES = "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }"
_ROLES = "SELECT DISTINCT ?post ?role WHERE { ?post td:role ?role }"
_SENTENCES = "SELECT DISTINCT ?s ?sentence WHERE { ?s td:evidence ?m . ?m td:sentence ?sentence }"
_OFFICIALS = "SELECT DISTINCT ?s WHERE { ?s td:holdsPost ?post }"
_HOLDINGS = ("SELECT DISTINCT ?person ?post ?on WHERE "
             "{ ?h td:holder ?person ; td:post ?post ; td:attestedOn ?on }")
_EDGES = "SELECT ?s ?p ?o ?g WHERE { VALUES ?p { %s } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o)) }"
# An entity described in the shared graph comes from the articles that refer to it, or to a shared
# entity that leads to it (a post to its organization, a unit to its province).
_SHARED_ARTICLES = f"""SELECT DISTINCT ?u ?g WHERE {{
  GRAPH {SHARED_GRAPH} {{ ?d ({SHARED_LINKS})* ?u }} GRAPH ?g {{ ?x ?p ?d }} FILTER(?g != {SHARED_GRAPH}) }}"""


def _shared_articles(store: GraphStore) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for u, g in store.query(_SHARED_ARTICLES, union=False):
        found[u.value].add(g.value)
    return found


def _articles_of(graph: str, node: str, shared: dict[str, set[str]]) -> set[str]:
    return shared.get(node, set()) if graph == SHARED_GRAPH.value else {graph}


def _collect_nodes(store: GraphStore, shared: dict[str, set[str]]) -> dict[str, dict]:
    """Entities of the projected kinds, with their kind, most specific class and source articles."""
    classes: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    cut = len(_TD)
    for s, c, g in store.query(_TYPES % _values(_KIND_OF_CLASS), union=False):
        classes[s.value].add(c.value[cut:])
        articles[s.value] |= _articles_of(g.value, s.value, shared)
    nodes = {}
    for iri, found in classes.items():
        kinds = sorted({_KIND_OF_CLASS[c] for c in found}, key=KINDS.index)
        specific = sorted(found - _GENERIC) or sorted(found)
        nodes[iri] = {"kind": kinds[0], "cls": specific[0], "label": "", "official": False,
                      "dates": [], "details": [], "articles": articles[iri]}
    return nodes


def _fill_attributes(store: GraphStore, nodes: dict[str, dict]) -> None:
    """Labels, dates, details, the role of each post and the evidence sentence of each fact."""
    labels: dict[str, list[str]] = defaultdict(list)
    for s, label in store.query(_LABELS):
        labels[s.value].append(label.value)
    for iri, attrs in nodes.items():
        attrs["label"] = min(labels[iri]) if iri in labels else iri.rstrip("/").rsplit("/", 1)[-1]
    cut = len(_TD)
    date_names = set(_DATES)
    for s, p, o in store.query(_ATTRIBUTES % _values(_DATES + _DETAILS)):
        attrs = nodes.get(s.value)
        if attrs is not None:
            name = p.value[cut:]
            attrs["dates" if name in date_names else "details"].append((_DETAIL_NAMES.get(name, name), o.value))
    for post, role in store.query(_ROLES):
        if post.value in nodes and role.value in labels:
            nodes[post.value]["details"].append(("role", min(labels[role.value])))
    for s, sentence in store.query(_SENTENCES):
        attrs = nodes.get(s.value)
        if attrs is not None and attrs["kind"] != "person":
            attrs["details"].append(("sentence", sentence.value))
    for (s,) in store.query(_OFFICIALS):
        if s.value in nodes:
            nodes[s.value]["official"] = True


def _holding_dates(store: GraphStore) -> dict[tuple[str, str], set[str]]:
    """(person, post) -> the days post holdings attest it."""
    dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person, post, on in store.query(_HOLDINGS):
        dates[(person.value, post.value)].add(on.value)
    return dates


def _collect_edges(store: GraphStore, nodes: dict[str, dict],
                   shared: dict[str, set[str]]) -> dict[tuple[str, str, str], set[str]]:
    """(source, target, label) -> the articles that state it."""
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    cut = len(_TD)
    for s, p, o, g in store.query(_EDGES % _values(EDGE_LABELS), union=False):
        s, o = s.value, o.value
        if s == o or s not in nodes or o not in nodes:
            continue
        label, subject_kinds = EDGE_LABELS[p.value[cut:]]
        if subject_kinds is not None and nodes[s]["kind"] not in subject_kinds:
            continue
        edges[(s, o, label)] |= _articles_of(g.value, s, shared)
    return edges


def project(store: GraphStore) -> nx.MultiDiGraph:
    """The store as a labelled multigraph: nodes and edges inserted in sorted order (deterministic)."""
    shared = _shared_articles(store)
    nodes = _collect_nodes(store, shared)
    _fill_attributes(store, nodes)
    edges = _collect_edges(store, nodes, shared)
    holding_dates = _holding_dates(store)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(
        (iri, {"kind": attrs["kind"], "cls": attrs["cls"], "label": attrs["label"], "official": attrs["official"],
               "dates": tuple(sorted(set(attrs["dates"]))), "details": tuple(sorted(set(attrs["details"]))),
               "articles": tuple(sorted(attrs["articles"]))})
        for iri, attrs in sorted(nodes.items()))
    graph.add_edges_from(
        (s, o, label, {"label": label, "articles": tuple(sorted(edges[(s, o, label)])),
                       "dates": tuple(sorted(holding_dates.get((s, o), ()))) if label == "holds post" else ()})
        for (s, o, label) in sorted(edges))
    return graph


# --- lookups --------------------------------------------------------------------------------------


def describe(graph: nx.MultiDiGraph, node: str) -> str:
    """The display form of a node: ``Trần Việt Dũng (person)``."""
    attrs = graph.nodes[node]
    return f"{attrs['label']} ({attrs['kind']})"


def resolve(graph: nx.MultiDiGraph, name: str) -> str:
    """The node a user means: an IRI, an ``id:…`` short IRI, or a label (case- and tone-mark-insensitive)."""
    text = name.strip()
    if text.startswith("id:"):
        text = str(ID) + text[3:]
    if text in graph:
        return text
    key = fold_key(text)
    found = sorted(n for n, label in graph.nodes(data="label") if fold_key(label) == key)
    if len(found) == 1:
        return found[0]
    if found:
        choices = "; ".join(f"{describe(graph, n)} {_short(n)}" for n in found[:6])
        raise NetworkLookupError(f"{name!r} matches {len(found)} entities: {choices}; pass one of the IRIs")
    labels = {fold_key(label): label for _, label in graph.nodes(data="label")}
    close = [labels[k] for k in difflib.get_close_matches(key, sorted(labels), n=3, cutoff=0.75)]
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    raise NetworkLookupError(f"no entity named {name!r} in the store{hint}")


def undirected(graph: nx.MultiDiGraph, *, exclude_kinds: Iterable[str] = ()) -> nx.Graph:
    """A simple undirected graph over the same nodes (edges merged), optionally without some kinds."""
    skip = set(exclude_kinds)
    simple = nx.Graph()
    simple.add_nodes_from(n for n, kind in graph.nodes(data="kind") if kind not in skip)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u in simple and v in simple and u != v)
    return simple


# --- analytics ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    """An official and how central they are."""

    node: str
    label: str
    degree: int
    betweenness: float


@dataclass(frozen=True)
class Community:
    """A densely linked group; ``label`` is its best-connected member's."""

    label: str
    members: tuple[str, ...]
    officials: tuple[str, ...]


@dataclass(frozen=True)
class CoAttendance:
    """Two people seen at the same events."""

    a: str
    b: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One link of a chain: from ``source`` to ``target`` over ``label``; ``forward`` is the RDF direction."""

    source: str
    target: str
    label: str
    forward: bool


BETWEENNESS_SAMPLE = 400  # above this many nodes, betweenness is estimated from this many sources (seeded)


def most_connected(graph: nx.MultiDiGraph, top: int = 10, *, exclude_kinds: Iterable[str] = ()) -> list[Ranked]:
    """Officials (people holding a post) by degree, then betweenness, over the undirected projection."""
    simple = undirected(graph, exclude_kinds=exclude_kinds)
    k = BETWEENNESS_SAMPLE if simple.number_of_nodes() > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(simple, k=k, seed=0 if k else None)
    officials = [n for n, attrs in graph.nodes(data=True) if attrs["kind"] == "person" and attrs["official"]
                 and n in simple]
    ranked = [Ranked(n, graph.nodes[n]["label"], simple.degree(n), round(betweenness[n], 6)) for n in officials]
    ranked.sort(key=lambda r: (-r.degree, -r.betweenness, r.label, r.node))
    return ranked[:top]


def communities(graph: nx.MultiDiGraph, *, exclude_kinds: Iterable[str] = ("article",),
                min_size: int = 2) -> list[Community]:
    """Louvain communities (seeded) of the undirected projection, largest first; articles left out by default.

    Entities left without links once ``exclude_kinds`` are removed form no community.
    """
    simple = undirected(graph, exclude_kinds=exclude_kinds)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(simple, seed=0)
    out = []
    for members in found:
        if len(members) < min_size:
            continue
        ordered = sorted(members, key=lambda n: (-simple.degree(n), graph.nodes[n]["label"], n))
        officials = tuple(n for n in ordered if graph.nodes[n]["official"])
        out.append(Community(graph.nodes[ordered[0]]["label"], tuple(sorted(members)), officials))
    out.sort(key=lambda c: (-len(c.members), c.label, c.members[0]))
    return out


def co_attendance(graph: nx.MultiDiGraph, *, officials_only: bool = True) -> list[CoAttendance]:
    """Pairs of people who chaired, spoke at or attended the same events, most shared events first."""
    people_at: dict[str, set[str]] = defaultdict(set)
    for event, person, label in graph.edges(keys=True):
        if label in PARTICIPATION and graph.nodes[event]["kind"] == "event":
            if graph.nodes[person]["official"] or not officials_only:
                people_at[event].add(person)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event, people in people_at.items():
        ordered = sorted(people)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[(a, b)].add(event)
    pairs = [CoAttendance(a, b, tuple(sorted(events))) for (a, b), events in shared.items()]
    pairs.sort(key=lambda p: (-len(p.events), graph.nodes[p.a]["label"], graph.nodes[p.b]["label"], p.a, p.b))
    return pairs


def co_attendance_graph(graph: nx.MultiDiGraph, *, officials_only: bool = True) -> nx.Graph:
    """People as nodes, an edge weighted by the number of events they shared."""
    out = nx.Graph()
    for pair in co_attendance(graph, officials_only=officials_only):
        out.add_edge(pair.a, pair.b, weight=len(pair.events), events=pair.events)
    return out


def shortest_chain(graph: nx.MultiDiGraph, source: str, target: str, *,
                   exclude_kinds: Iterable[str] = ()) -> list[Step]:
    """The fewest links from ``source`` to ``target`` (nodes), direction ignored; raises if none.

    Among chains of the same length, one of facts (posts, events, places …) is preferred to one
    through an article ("both are mentioned in article X"). ``exclude_kinds`` leaves kinds out
    entirely (the two ends excepted).
    """
    skip = set(exclude_kinds) - {graph.nodes[source]["kind"], graph.nodes[target]["kind"]}
    simple = undirected(graph, exclude_kinds=skip)
    kind = graph.nodes
    penalty = 1.0 / (simple.number_of_nodes() + 1)  # never outweighs a whole link
    for u, v, data in simple.edges(data=True):
        data["weight"] = 1.0 + (penalty if "article" in (kind[u]["kind"], kind[v]["kind"]) else 0.0)
    try:
        nodes = nx.dijkstra_path(simple, source, target)
    except nx.NetworkXNoPath:
        without = f" without going through {', '.join(sorted(skip))}" if skip else ""
        raise NetworkLookupError(f"no chain links {describe(graph, source)} and {describe(graph, target)}"
                                 f"{without}") from None
    steps = []
    for u, v in zip(nodes, nodes[1:]):
        forward = sorted(graph.get_edge_data(u, v, default={}))
        backward = sorted(graph.get_edge_data(v, u, default={}))
        steps.append(Step(u, v, forward[0], True) if forward else Step(u, v, backward[0], False))
    return steps


def chain_between(graph: nx.MultiDiGraph, source: str, target: str, *,
                  exclude_kinds: Iterable[str] = ()) -> list[Step]:
    """:func:`shortest_chain` between two names or IRIs (see :func:`resolve`)."""
    a, b = resolve(graph, source), resolve(graph, target)
    if a == b:
        raise NetworkLookupError(f"{source!r} and {target!r} are the same entity, {describe(graph, a)}")
    return shortest_chain(graph, a, b, exclude_kinds=exclude_kinds)


def format_chain(graph: nx.MultiDiGraph, steps: list[Step]) -> str:
    """A chain as text, one link per line: ``  --holds post--> Chủ tịch … (post)``."""
    if not steps:
        return ""
    lines = [describe(graph, steps[0].source)]
    for step in steps:
        arrow = f"--{step.label}-->" if step.forward else f"<--{step.label}--"
        lines.append(f"  {arrow} {describe(graph, step.target)}")
    return "\n".join(lines)


def ego(graph: nx.MultiDiGraph, center: str, depth: int = 2) -> nx.MultiDiGraph:
    """The subgraph within ``depth`` links of ``center`` (direction ignored)."""
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=depth)
    return graph.subgraph(sorted(near)).copy()


@dataclass(frozen=True)
class TimelineItem:
    """A dated thing in a person's record: a post attested, an event, an award, an article."""

    date: str  # ISO at the precision known ("" if undated)
    lane: str  # "post" | "event" | "award" | "article"
    node: str
    label: str  # what happened ("holds post", "speaker" …)
    articles: tuple[str, ...]


def _first_date(attrs: dict, names: tuple[str, ...]) -> str:
    for name in names:
        for key, value in attrs["dates"]:
            if key == name:
                return value
    return ""


def timeline(graph: nx.MultiDiGraph, person: str) -> list[TimelineItem]:
    """A person's posts (one item per attested day), events, awards and articles, in date order."""
    items: list[TimelineItem] = []
    in_articles: dict[str, set[str]] = {}
    for _, post, label, data in graph.out_edges(person, keys=True, data=True):
        if label == "holds post":
            for day in data["dates"] or ("",):
                items.append(TimelineItem(day, "post", post, label, data["articles"]))
    for other, _, label, data in graph.in_edges(person, keys=True, data=True):
        attrs = graph.nodes[other]
        if attrs["kind"] == "event":
            items.append(TimelineItem(_first_date(attrs, ("date",)), "event", other, label, data["articles"]))
        elif attrs["kind"] == "award":
            days = [_first_date(graph.nodes[a], ("published",)) for a in attrs["articles"] if a in graph]
            items.append(TimelineItem(min([d for d in days if d], default=""), "award", other, label,
                                      data["articles"]))
        elif attrs["kind"] == "article":
            in_articles.setdefault(other, set()).add(label)
    for article, labels in in_articles.items():
        label = "author" if "author" in labels else sorted(labels)[0]
        items.append(TimelineItem(_first_date(graph.nodes[article], ("published",)), "article", article, label,
                                  (article,)))
    items.sort(key=lambda i: (i.date == "", i.date, ("post", "event", "award", "article").index(i.lane),
                              graph.nodes[i.node]["label"], i.node, i.label))
    return items


def report(graph: nx.MultiDiGraph, top: int = 10) -> dict:
    """The analytics in one JSON-ready dict: most connected officials, communities, co-attendance."""
    def name(node: str) -> str:
        return graph.nodes[node]["label"]

    found = communities(graph)
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "most_connected_officials": [
            {"name": r.label, "iri": r.node, "degree": r.degree, "betweenness": r.betweenness}
            for r in most_connected(graph, top)],
        "communities": [
            {"label": c.label, "size": len(c.members), "officials": [name(o) for o in c.officials[:top]]}
            for c in found[:top]],
        "community_count": len(found),
        "co_attendance": [
            {"a": name(p.a), "b": name(p.b), "events": [name(e) for e in p.events]}
            for p in co_attendance(graph)[:top]],
    }


def format_report(data: dict) -> str:
    """:func:`report` as text for a terminal."""
    lines = [f"graph: {data['nodes']:,} entities, {data['edges']:,} links", "",
             "most connected officials (links, betweenness):"]
    for i, row in enumerate(data["most_connected_officials"], 1):
        lines.append(f"  {i:>2}. {row['name']}  {row['degree']}  {row['betweenness']:.4f}")
    if not data["most_connected_officials"]:
        lines.append("  (no officials in the store)")
    lines += ["", f"communities (Louvain, articles left out): {data['community_count']}"]
    for row in data["communities"]:
        officials = f"; officials: {', '.join(row['officials'])}" if row["officials"] else ""
        lines.append(f"  {row['label']}: {row['size']} entities{officials}")
    lines += ["", "officials at the same events:"]
    for row in data["co_attendance"]:
        events = len(row["events"])
        lines.append(f"  {row['a']} & {row['b']}: {events} event{'' if events == 1 else 's'} "
                     f"({'; '.join(row['events'][:3])}{'; …' if events > 3 else ''})")
    if not data["co_attendance"]:
        lines.append("  (none recorded)")
    return "\n".join(lines) + "\n"
