"""OWL reasoning over the store: HermiT (through owlready2), owlrl as the fallback, SPARQL rules at scale.

:func:`reason` decides how far it can go and says which way it went:

1. **HermiT** (OWL 2 DL, complete) when the data has at most ``max_triples`` triples
   and Java is found.  Ontology and data are written to a temporary N-Triples file and
   loaded into a fresh owlready2 ``World`` in a *child process*, which runs
   ``sync_reasoner`` (HermiT).  The child runs in its own process group and is killed,
   Java and all, when ``timeout`` seconds pass, so a hard ontology never hangs ``check``.
2. **owlrl** (OWL 2 RL closure, in a child process under the same time limit) when Java
   is missing or HermiT fails, and the data has at most ``owlrl_max_triples`` triples.
3. **rules** otherwise: the OWL 2 RL rules that can make *this* ontology inconsistent
   (disjoint classes reached through asserted types, domains and ranges; functional
   properties), and the definition of its one defined class (td:Official), evaluated
   as SPARQL over the store.  Sound, fast on any size, not complete; the result says so.

Whatever the engine, an inconsistency is explained by the same rules, which name the
node, the two facts that clash and the article graphs they come from.  The inferred
types worth keeping (those a reader cannot see from the asserted types and the class
hierarchy, e.g. td:Official) are returned; :func:`write_inferred` stores them in the
named graph :data:`INFERRED_GRAPH`.

Run as a module (``python -m thidua.graph.reasoning worker ENGINE IN.nt OUT.json``) this
file is the child process; nothing else uses that entry point.
"""
from __future__ import annotations

from .store import INFERRED_GRAPH as _STORE_INFERRED_GRAPH

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..ontology import BASE, ONTOLOGY_TTL, TD
from .store import META_GRAPH, PREFIXES, GraphStore

INFERRED_GRAPH = _STORE_INFERRED_GRAPH.value
"""Named graph holding the inferred types written back by :func:`write_inferred`."""

ID_BASE = BASE + "id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# Datatypes of the OWL 2 datatype map (HermiT rejects any other, e.g. xsd:date or xsd:gYear).
OWL2_DATATYPES = frozenset(
    [XSD + t for t in ("string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
                       "boolean", "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger",
                       "positiveInteger", "negativeInteger", "long", "int", "short", "byte",
                       "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "double", "float",
                       "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")]
    + [RDF + "PlainLiteral", RDF + "XMLLiteral", RDF + "langString", RDFS + "Literal",
       OWL + "real", OWL + "rational"])


# --------------------------------------------------------------------------------------------
# Policy and results
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReasoningPolicy:
    """How far to go: time limit and size limits, and which Java to use."""

    timeout: float = 120.0  # seconds for HermiT, then for owlrl (each is killed when it runs over)
    max_triples: int = 300_000  # HermiT (and owlrl) only on data up to this size
    owlrl_max_triples: int = 60_000  # owlrl is pure Python and much slower than HermiT
    java: str | None = None  # java executable; None = `java` on PATH
    java_memory_mb: int = 2000

    def to_json(self) -> dict:
        return {"timeout_seconds": self.timeout, "max_triples": self.max_triples,
                "owlrl_max_triples": self.owlrl_max_triples}


@dataclass(frozen=True)
class Attempt:
    """One engine tried (or passed over), and what came of it."""

    engine: str  # hermit | owlrl | rules
    outcome: str  # ok | unavailable | skipped | timeout | failed
    reason: str = ""


@dataclass(frozen=True)
class Justification:
    """Why a node belongs to a class: an asserted type, or the domain/range of a property it is used with."""

    cls: str  # the class reached
    how: str  # "type" | "domain" | "range"
    term: str  # the asserted class, or the property
    graph: str  # the named graph (article) of the triple
    other: str | None = None  # the triple's other end (object for domain, subject for range)


@dataclass(frozen=True)
class Contradiction:
    """One reason the data is inconsistent with the ontology, with where it comes from."""

    kind: str  # disjoint-types | functional-property | unsatisfiable-class | unexplained
    node: str
    message: str
    graphs: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # other nodes the explanation names (to find sentences)
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReasoningResult:
    engine: str  # hermit | owlrl | rules | none
    status: str  # consistent | inconsistent | skipped
    complete: bool  # True only for HermiT: no OWL 2 DL entailment was left out
    triples: int
    attempts: tuple[Attempt, ...] = ()
    inferred: tuple[tuple[str, str], ...] = ()  # (node, class), sorted
    contradictions: tuple[Contradiction, ...] = ()
    seconds: float = 0.0
    policy: ReasoningPolicy = field(default_factory=ReasoningPolicy)

    def to_json(self) -> dict:
        """The stable JSON form (no timings): see docs/check.md."""
        return {
            "engine": self.engine,
            "status": self.status,
            "complete": self.complete,
            "triples": self.triples,
            "attempts": [{"engine": a.engine, "outcome": a.outcome, "reason": a.reason} for a in self.attempts],
            "inferred_types": len(self.inferred),
            "policy": self.policy.to_json(),
        }


# --------------------------------------------------------------------------------------------
# The ontology as the rules need it
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tbox:
    """The parts of the ontology the rules use, with named classes and properties only."""

    superclasses: dict[str, frozenset[str]]  # class -> itself and all its named superclasses
    subproperties: dict[str, frozenset[str]]  # property -> itself and all its named subproperties
    domains: dict[str, frozenset[str]]  # property -> named domain classes (incl. inherited)
    ranges: dict[str, frozenset[str]]  # object property -> named range classes (incl. inherited)
    disjoint: frozenset[frozenset[str]]  # pairs of disjoint named classes
    functional_data: frozenset[str]
    functional_object: frozenset[str]
    object_properties: frozenset[str]
    definitions: tuple[tuple[str, str, str, str], ...]  # (defined, base class, property, filler)
    chains: dict[str, tuple[tuple[str, bool], ...]]  # property -> ((step, inverse?), …) of its chain
    labels: dict[str, str]  # English labels of classes and properties

    def supers(self, cls: str) -> frozenset[str]:
        return self.superclasses.get(cls, frozenset([cls]))

    def clash(self, a: str, b: str) -> tuple[str, str] | None:
        """A pair of disjoint classes reached from ``a`` and ``b`` (through their superclasses), if any."""
        for x in sorted(self.supers(a)):
            for y in sorted(self.supers(b)):
                if frozenset((x, y)) in self.disjoint:
                    return x, y
        return None

    def name(self, term: str) -> str:
        """``td:Person`` style short name for messages."""
        for prefix, iri in PREFIXES.items():
            if term.startswith(iri) and prefix != "id":
                return f"{prefix}:{term[len(iri):]}"
        return f"<{term}>"

    def label(self, cls: str) -> str:
        text = self.labels.get(cls)
        return f"{text} ({self.name(cls)})" if text else self.name(cls)


def _rdf_list(graph, node) -> list:
    from rdflib import RDF as R

    items = []
    while node is not None and node != R.nil:
        first = graph.value(node, R.first)
        if first is not None:
            items.append(first)
        node = graph.value(node, R.rest)
    return items


@lru_cache(maxsize=4)
def load_tbox(path: str = str(ONTOLOGY_TTL)) -> Tbox:
    """Read the ontology once; compute the closures the rules need."""
    import rdflib
    from rdflib import OWL as O
    from rdflib import RDF as R
    from rdflib import RDFS as S
    from rdflib import URIRef

    g = rdflib.Graph()
    g.parse(path, format="turtle")
    named = lambda n: isinstance(n, URIRef)

    direct_sup: dict[str, set[str]] = defaultdict(set)
    classes: set[str] = {str(c) for c in g.subjects(R.type, O.Class) if named(c)}
    for c, d in g.subject_objects(S.subClassOf):
        if named(c) and named(d):
            direct_sup[str(c)].add(str(d))
            classes |= {str(c), str(d)}
    for c, d in g.subject_objects(O.equivalentClass):
        if named(c) and named(d):
            direct_sup[str(c)].add(str(d))
            direct_sup[str(d)].add(str(c))
        elif named(c):  # C ≡ (A ⊓ …): C ⊑ A
            for member in _rdf_list(g, g.value(d, O.intersectionOf)):
                if named(member):
                    direct_sup[str(c)].add(str(member))

    def closure(start: str, edges: dict[str, set[str]]) -> frozenset[str]:
        seen, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)

    superclasses = {c: closure(c, direct_sup) for c in classes}

    props = {str(p) for t in (O.ObjectProperty, O.DatatypeProperty) for p in g.subjects(R.type, t) if named(p)}
    object_properties = frozenset(str(p) for p in g.subjects(R.type, O.ObjectProperty) if named(p))
    direct_sub: dict[str, set[str]] = defaultdict(set)
    direct_superprop: dict[str, set[str]] = defaultdict(set)
    for p, q in g.subject_objects(S.subPropertyOf):
        if named(p) and named(q):
            direct_sub[str(q)].add(str(p))
            direct_superprop[str(p)].add(str(q))
    subproperties = {p: closure(p, direct_sub) for p in props}

    def named_classes(pred) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for p, c in g.subject_objects(pred):
            if named(p) and named(c):
                out[str(p)].add(str(c))
        return out

    own_domains, own_ranges = named_classes(S.domain), named_classes(S.range)
    domains, ranges = {}, {}
    for p in props:
        ups = closure(p, direct_superprop)
        dom = set().union(*(own_domains.get(q, set()) for q in ups))
        rng = set().union(*(own_ranges.get(q, set()) for q in ups)) if p in object_properties else set()
        if dom:
            domains[p] = frozenset(dom)
        if rng:
            ranges[p] = frozenset(rng)

    disjoint: set[frozenset[str]] = set()
    for a, b in g.subject_objects(O.disjointWith):
        if named(a) and named(b):
            disjoint.add(frozenset((str(a), str(b))))
    for node in g.subjects(R.type, O.AllDisjointClasses):
        members = [str(m) for m in _rdf_list(g, g.value(node, O.members)) if named(m)]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                disjoint.add(frozenset((a, b)))

    functional = {str(p) for p in g.subjects(R.type, O.FunctionalProperty) if named(p)}

    definitions = []
    for c, d in g.subject_objects(O.equivalentClass):
        if not named(c) or named(d):
            continue
        members = _rdf_list(g, g.value(d, O.intersectionOf))
        bases = [str(m) for m in members if named(m)]
        for m in members:
            prop, filler = g.value(m, O.onProperty), g.value(m, O.someValuesFrom)
            if named(prop) and named(filler) and len(bases) == 1:
                definitions.append((str(c), bases[0], str(prop), str(filler)))

    chains = {}
    for p, lst in g.subject_objects(O.propertyChainAxiom):
        steps = []
        for step in _rdf_list(g, lst):
            if named(step):
                steps.append((str(step), False))
            elif named(g.value(step, O.inverseOf)):
                steps.append((str(g.value(step, O.inverseOf)), True))
        if named(p) and steps:
            chains[str(p)] = tuple(steps)

    labels = {}
    for s, o in g.subject_objects(S.label):
        if named(s) and getattr(o, "language", None) == "en":
            labels[str(s)] = str(o)

    return Tbox(superclasses, subproperties, domains, ranges, frozenset(disjoint),
                frozenset(functional - object_properties), frozenset(functional & object_properties),
                object_properties, tuple(sorted(definitions)), chains, labels)


# --------------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------------

def data_graphs(store: GraphStore) -> list[ox.NamedNode]:
    """The named graphs that hold data: every graph but the store's bookkeeping and the inferences."""
    return [g for g in store.oxigraph.named_graphs()
            if isinstance(g, ox.NamedNode) and g != META_GRAPH and g.value != INFERRED_GRAPH]


DATA_GRAPHS_ONLY = f"FILTER(?g NOT IN (<{META_GRAPH.value}>, <{INFERRED_GRAPH}>))"
"""Append to ``GRAPH ?g { … }`` to keep to the data graphs."""


def data_query(store: GraphStore, sparql: str):
    """SPARQL whose default graph is the union of the store's named graphs.

    Oxigraph answers this natively and fast.  The union also holds the bookkeeping graph (one
    triple about the store) and the inferred types (``rdf:type`` only); a query that must not
    see inferred types uses ``GRAPH ?g { … }`` with :data:`DATA_GRAPHS_ONLY`.
    """
    return store.oxigraph.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)


def count_data_triples(store: GraphStore) -> int:
    """Distinct triples over the data graphs."""
    rows = list(data_query(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                                  f"GRAPH ?g {{ ?s ?p ?o }} {DATA_GRAPHS_ONLY} }} }}"))
    return int(rows[0]["n"].value) if rows else 0


def data_triples(store: GraphStore) -> set[ox.Triple]:
    graphs = {g.value for g in data_graphs(store)}
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.oxigraph.quads_for_pattern(None, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs}


def owl_ready_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Literals of datatypes outside the OWL 2 datatype map (xsd:date, xsd:gYear …) become plain strings.

    HermiT refuses such literals outright; as strings they keep their lexical form, so two
    different dates of a functional property still clash.
    """
    out = []
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and o.language is None and o.datatype.value not in OWL2_DATATYPES:
            t = ox.Triple(t.subject, t.predicate, ox.Literal(o.value))
        out.append(t)
    return out


def write_reasoner_input(store: GraphStore, path: Path, triples: Iterable[ox.Triple] | None = None) -> int:
    """Ontology + data as one N-Triples file, ready for owlready2/HermiT or owlrl; return the data size."""
    data = owl_ready_triples(data_triples(store) if triples is None else triples)
    ontology = list(ox.parse(path=str(ONTOLOGY_TTL), format=ox.RdfFormat.TURTLE))
    with open(path, "wb") as handle:
        handle.write(ox.serialize(ontology, format=ox.RdfFormat.N_TRIPLES))
        handle.write(ox.serialize(sorted(data, key=str), format=ox.RdfFormat.N_TRIPLES))
    return len(data)


# --------------------------------------------------------------------------------------------
# The child process: one engine over one file
# --------------------------------------------------------------------------------------------

def _worker_hermit(source: Path, java: str, memory: int) -> dict:
    import owlready2
    from owlready2 import reasoning as owl_reasoning

    owlready2.JAVA_EXE = java
    owl_reasoning.JAVA_MEMORY = memory
    world = owlready2.World()
    world.get_ontology(source.resolve().as_uri()).load(format="ntriples")
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return {"status": "inconsistent", "types": [], "unsatisfiable": [], "messages": []}
    except owlready2.OwlReadyJavaError as exc:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        return {"status": "error", "message": " ".join(lines[1:3])[:500] or "Java error"}
    inferred = world.get_ontology("http://inferrences/")
    rdf_type = world._abbreviate(RDF_TYPE)
    types = sorted({(world._unabbreviate(s), world._unabbreviate(o))
                    for s, p, o in inferred.get_triples(None, rdf_type, None)
                    if isinstance(s, int) and s > 0 and isinstance(o, int) and o > 0})
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if getattr(c, "iri", None))
    return {"status": "consistent", "types": [list(t) for t in types], "unsatisfiable": unsatisfiable,
            "messages": []}


def _worker_owlrl(source: Path) -> dict:
    import owlrl
    import rdflib
    from rdflib import RDF as R
    from rdflib import URIRef

    graph = rdflib.Graph()
    graph.parse(str(source), format="nt")
    before = set(graph.subject_objects(R.type))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(graph)
    errors = sorted(str(o) for o in graph.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")))
    types = sorted((str(s), str(o)) for s, o in graph.subject_objects(R.type)
                   if (s, o) not in before and isinstance(s, URIRef) and isinstance(o, URIRef))
    nothing = URIRef(OWL + "Nothing")
    unsatisfiable = sorted(str(c) for c in graph.subjects(rdflib.RDFS.subClassOf, nothing)
                           if isinstance(c, URIRef) and c != nothing)
    status = "inconsistent" if errors else "consistent"
    return {"status": status, "types": [list(t) for t in types] if not errors else [],
            "unsatisfiable": unsatisfiable, "messages": errors}


def _worker_main(argv: list[str]) -> int:
    engine, source, target = argv[0], Path(argv[1]), Path(argv[2])
    java = argv[3] if len(argv) > 3 else "java"
    memory = int(argv[4]) if len(argv) > 4 else 2000
    try:
        result = _worker_hermit(source, java, memory) if engine == "hermit" else _worker_owlrl(source)
    except FileNotFoundError as exc:  # java vanished between the check and the run
        result = {"status": "error", "message": f"cannot run {exc.filename or java}"}
    target.write_text(json.dumps(result), encoding="utf-8")
    return 0


@dataclass(frozen=True)
class _Outcome:
    outcome: str  # ok | timeout | failed
    data: dict
    reason: str = ""


def _run_worker(engine: str, source: Path, workdir: Path, timeout: float, java: str = "java",
                memory: int = 2000) -> _Outcome:
    """Run one engine in a child process group; kill the whole group (Java included) on timeout."""
    target = workdir / f"{engine}.json"
    target.unlink(missing_ok=True)
    env = dict(os.environ, TMPDIR=str(workdir))  # owlready2's own temp files land in our folder
    command = [sys.executable, "-m", "thidua.graph.reasoning", "worker", engine, str(source), str(target),
               java, str(memory)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return _Outcome("timeout", {}, f"exceeded the time limit of {timeout:g} s and was stopped")
    if proc.returncode != 0 or not target.exists():
        tail = " ".join(err.decode("utf-8", "replace").strip().splitlines()[-1:])[:300]
        return _Outcome("failed", {}, f"the {engine} process failed (exit status {proc.returncode}): {tail}")
    data = json.loads(target.read_text(encoding="utf-8"))
    if data.get("status") == "error":
        return _Outcome("failed", data, data.get("message", "error"))
    return _Outcome("ok", data)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def find_java(java: str | None = None) -> str | None:
    """The java executable to use, or None when there is none (an explicit path must exist)."""
    candidate = java or "java"
    if os.sep in candidate:
        return candidate if os.access(candidate, os.X_OK) else None
    return shutil.which(candidate)


# --------------------------------------------------------------------------------------------
# Rules over the store (scale, and the explanation of any inconsistency)
# --------------------------------------------------------------------------------------------

def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


# A note on cost: the default graph is the union of the article graphs, and a node described
# by many articles (a unit, a post, a person) has its triples once *per graph*.  A join on such
# a node multiplies those copies, so the rules below only ask single-pattern DISTINCT questions
# of the store and join in Python.

def node_types(store: GraphStore) -> dict[str, frozenset[str]]:
    """Every IRI node with its asserted named classes (equal sets shared, to keep memory down)."""
    found: dict[str, set[str]] = defaultdict(set)
    q = f"SELECT DISTINCT ?x ?c WHERE {{ GRAPH ?g {{ ?x a ?c }} {DATA_GRAPHS_ONLY} FILTER(isIRI(?x) && isIRI(?c)) }}"
    for r in data_query(store, q):
        found[r["x"].value].add(r["c"].value)
    interned: dict[frozenset[str], frozenset[str]] = {}
    return {x: interned.setdefault(frozenset(cs), frozenset(cs)) for x, cs in found.items()}


def _justify(store: GraphStore, tbox: Tbox, node: str) -> list[Justification]:
    """Ways the data puts ``node`` in a class (asserted type, domain, range); one per (class, way, term)."""
    out: dict[tuple[str, str, str], Justification] = {}

    def add(j: Justification) -> None:
        key = (j.cls, j.how, j.term)
        if key not in out or (j.graph, j.other or "") < (out[key].graph, out[key].other or ""):
            out[key] = j

    for r in data_query(store, f"SELECT DISTINCT ?c ?g WHERE {{ GRAPH ?g {{ <{node}> a ?c }} {DATA_GRAPHS_ONLY} }}"):
        if isinstance(r["c"], ox.NamedNode):
            add(Justification(r["c"].value, "type", r["c"].value, r["g"].value))
    props = sorted(tbox.domains)
    if props:
        q = f"SELECT DISTINCT ?p ?o ?g WHERE {{ {_values('p', props)} GRAPH ?g {{ <{node}> ?p ?o }} }}"
        for r in data_query(store, q):
            for cls in tbox.domains[r["p"].value]:
                add(Justification(cls, "domain", r["p"].value, r["g"].value, _term(r["o"])))
    props = sorted(tbox.ranges)
    if props:
        q = f"SELECT DISTINCT ?p ?s ?g WHERE {{ {_values('p', props)} GRAPH ?g {{ ?s ?p <{node}> }} }}"
        for r in data_query(store, q):
            for cls in tbox.ranges[r["p"].value]:
                add(Justification(cls, "range", r["p"].value, r["g"].value, _term(r["s"])))
    return sorted(out.values(), key=lambda j: (j.how != "type", j.term, j.cls, j.graph))


def _term(term) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _short(iri: str) -> str:
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and iri != base:
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _describe(tbox: Tbox, j: Justification) -> str:
    if j.how == "type":
        return f"it is typed {tbox.name(j.term)}"
    if j.how == "domain":
        return f"it has a {tbox.name(j.term)} (whose domain is {tbox.name(j.cls)})"
    return f"it is the {tbox.name(j.term)} of {_short(j.other or '')} (whose range is {tbox.name(j.cls)})"


def _disjoint_contradiction(store: GraphStore, tbox: Tbox, node: str) -> Contradiction | None:
    """Explain why ``node`` falls in two disjoint classes, naming the facts and their graphs."""
    just = _justify(store, tbox, node)
    for i, a in enumerate(just):
        for b in just[i + 1:]:
            pair = tbox.clash(a.cls, b.cls)
            if pair is None:
                continue
            x, y = pair
            message = (f"{_display(store, node)} cannot be both {tbox.label(x)} and {tbox.label(y)}, which the ontology "
                       f"declares disjoint: {_describe(tbox, a)} in {_graph_name(a.graph)}, and {_describe(tbox, b)} "
                       f"in {_graph_name(b.graph)}. Two different things probably share this IRI, or a fact "
                       f"points at the wrong node; correct the extraction of those articles.")
            related = tuple(sorted({j.other for j in (a, b) if j.other and j.other.startswith(ID_BASE)}))
            return Contradiction("disjoint-types", node, message, tuple(sorted({a.graph, b.graph})), related,
                                 (("classes", f"{tbox.name(x)} {tbox.name(y)}"),
                                  ("facts", f"{_describe(tbox, a)}; {_describe(tbox, b)}")))
    return None


def _display(store: GraphStore, node: str) -> str:
    """``id:unit/198 “huyện Bình Liêu”``: the short IRI and, when it has one, the label."""
    rows = data_query(store, f"""SELECT ?l WHERE {{ {{ <{node}> rdfs:label ?l BIND(0 AS ?k) }}
                                                  UNION {{ <{node}> td:name ?l BIND(1 AS ?k) }} }}
                                 ORDER BY ?k DESC(LANG(?l) = "vi") ?l LIMIT 1""")
    labels = [r["l"].value for r in rows]
    return f"{_short(node)} “{labels[0]}”" if labels else _short(node)


def _graph_name(graph: str) -> str:
    prefix = ID_BASE + "article/"
    return f"article {graph[len(prefix):]}" if graph.startswith(prefix) else f"graph <{graph}>"


def rule_contradictions(store: GraphStore, tbox: Tbox | None = None, limit: int = 50,
                        types: dict[str, frozenset[str]] | None = None) -> list[Contradiction]:
    """The OWL 2 RL consistency rules this ontology can break, evaluated by SPARQL over the data graphs.

    - disjoint classes reached from asserted types, from the domain of a property the node
      has, or from the range of a property pointing at it (cax-dw with cax-sco, prp-dom, prp-rng);
    - a functional datatype property with two different values (prp-fp on literals);
    - a functional object property whose two values fall in disjoint classes (prp-fp, then cax-dw).

    Untyped nodes whose clash comes from two properties alone are not searched for.
    At most ``limit`` nodes are explained per kind of clash.
    """
    tbox = tbox or load_tbox()
    types = node_types(store) if types is None else types
    clashing_sets: dict[frozenset[str], bool] = {}
    suspects: set[str] = set()
    for node, classes in types.items():  # asserted types that clash
        bad = clashing_sets.get(classes)
        if bad is None:
            ordered = sorted(classes)
            bad = clashing_sets[classes] = any(tbox.clash(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
        if bad:
            suspects.add(node)
    # Asserted types against the domains and ranges of the properties used.
    for how, props in (("domain", tbox.domains), ("range", tbox.ranges)):
        for p in sorted(props):
            clash_with: dict[frozenset[str], bool] = {}
            var, pattern = ("x", f"?x <{p}> ?o") if how == "domain" else ("x", f"?s <{p}> ?x")
            for r in data_query(store, f"SELECT DISTINCT ?{var} WHERE {{ {pattern} FILTER(isIRI(?x)) }}"):
                classes = types.get(r["x"].value)
                if not classes:
                    continue
                bad = clash_with.get(classes)
                if bad is None:
                    bad = clash_with[classes] = any(tbox.clash(c, d) for c in classes for d in props[p])
                if bad:
                    suspects.add(r["x"].value)
                    if len(suspects) > limit * 4:
                        break
    out = []
    for node in sorted(suspects)[:limit]:
        found = _disjoint_contradiction(store, tbox, node)
        if found:
            out.append(found)
    out.extend(_functional_contradictions(store, tbox, limit, types))
    return out


def _functional_contradictions(store: GraphStore, tbox: Tbox, limit: int,
                               types: dict[str, frozenset[str]]) -> list[Contradiction]:
    out = []
    for p in sorted(tbox.functional_data | tbox.functional_object):
        props = tbox.subproperties.get(p, frozenset([p]))
        q = (f"SELECT ?x WHERE {{ {_values('p', props)} ?x ?p ?v }} "
             f"GROUP BY ?x HAVING (COUNT(DISTINCT ?v) > 1) ORDER BY ?x LIMIT {limit * 20}")
        for r in list(data_query(store, q)):
            node = r["x"].value
            q2 = f"SELECT DISTINCT ?v ?g WHERE {{ {_values('p', props)} GRAPH ?g {{ <{node}> ?p ?v }} }} ORDER BY ?v ?g"
            found = [(r2["v"], r2["g"].value) for r2 in data_query(store, q2)]
            where = "; ".join(f"{_literal_text(v)} in {_graph_name(g)}" for v, g in found[:6])
            if len(found) > 6:
                where += f"; … ({len(found)} statements)"
            graphs_of = tuple(sorted({g for _, g in found}))
            if p in tbox.functional_data:
                values = sorted({_literal_text(v) for v, _ in found})
                out.append(Contradiction(
                    "functional-property", node,
                    f"{_display(store, node)} has {len(values)} different values for {tbox.name(p)}, which the ontology "
                    f"declares functional (at most one value): {where}. Keep the value the article states and "
                    "drop the others.", graphs_of, (), (("property", tbox.name(p)), ("values", " | ".join(values)))))
            else:
                values = sorted({v.value for v, _ in found if isinstance(v, ox.NamedNode)})
                pair = next((tbox.clash(a, b) for i, u in enumerate(values) for w in values[i + 1:]
                             for a in types.get(u, ()) for b in types.get(w, ()) if tbox.clash(a, b)), None)
                if pair is None:
                    continue  # two names for one thing: the reasoner merges them (SHACL's max-count reports it)
                out.append(Contradiction(
                    "functional-property", node,
                    f"{_display(store, node)} has several values for {tbox.name(p)}, which the ontology declares "
                    f"functional, so they would have to be one and the same; but one is {tbox.label(pair[0])} "
                    f"and another {tbox.label(pair[1])}, which are disjoint: {where}.",
                    graphs_of, tuple(values), (("property", tbox.name(p)), ("values", " | ".join(values)))))
            if len(out) >= limit:
                return out
    return out


def _literal_text(term) -> str:
    if isinstance(term, ox.Literal):
        if term.language:
            return f'"{term.value}"@{term.language}'
        return f'"{term.value}"'
    return _short(_term(term))


def rule_inferences(store: GraphStore, tbox: Tbox | None = None,
                    types: dict[str, frozenset[str]] | None = None) -> set[tuple[str, str]]:
    """Members of the ontology's defined classes (C ≡ B ⊓ ∃p.F, e.g. td:Official), by SPARQL."""
    tbox = tbox or load_tbox()
    types = node_types(store) if types is None else types
    out: set[tuple[str, str]] = set()
    for defined, base, prop, filler in tbox.definitions:
        paths = [f"<{p}>" for p in sorted(tbox.subproperties.get(prop, frozenset([prop])))]
        chain = tbox.chains.get(prop)
        if chain:
            paths.append("/".join(f"^<{s}>" if inverse else f"<{s}>" for s, inverse in chain))
        ranged = any(filler in tbox.supers(r) for r in tbox.ranges.get(prop, ()))
        for path in paths:
            for r in data_query(store, f"SELECT DISTINCT ?x ?y WHERE {{ ?x {path} ?y }}"):
                x, y = r["x"].value, r["y"].value
                if _in_class(tbox, types, x, base) and (ranged or _in_class(tbox, types, y, filler)):
                    out.add((x, defined))
    return out


def _in_class(tbox: Tbox, types: dict[str, frozenset[str]], node: str, cls: str) -> bool:
    return any(cls in tbox.supers(c) for c in types.get(node, ()))


# --------------------------------------------------------------------------------------------
# Inferred types worth writing back
# --------------------------------------------------------------------------------------------

def worth_keeping(store: GraphStore, candidates: Iterable[tuple[str, str]], tbox: Tbox | None = None,
                  types: dict[str, frozenset[str]] | None = None) -> tuple[tuple[str, str], ...]:
    """Inferred (node, class) pairs in the td: namespace that the asserted types do not already imply."""
    tbox = tbox or load_tbox()
    by_node: dict[str, set[str]] = defaultdict(set)
    for node, cls in candidates:
        if node.startswith(ID_BASE) and cls.startswith(str(TD)):
            by_node[node].add(cls)
    if not by_node:
        return ()
    asserted: dict[str, frozenset[str]] | dict[str, set[str]]
    if types is not None:
        asserted = types
    else:
        asserted = defaultdict(set)
        nodes = sorted(by_node)
        for i in range(0, len(nodes), 500):
            q = (f"SELECT DISTINCT ?x ?c WHERE {{ {_values('x', nodes[i:i + 500])} GRAPH ?g {{ ?x a ?c }} "
                 f"{DATA_GRAPHS_ONLY} FILTER(isIRI(?c)) }}")
            for r in data_query(store, q):
                asserted[r["x"].value].add(r["c"].value)
    out = set()
    for node, classes in by_node.items():
        mine = asserted.get(node, ())
        told = set().union(*(tbox.supers(c) for c in mine)) if mine else set()
        for cls in classes - told:
            # keep the most specific: drop a class implied by another inferred one
            if not any(other != cls and cls in tbox.supers(other) for other in classes - told):
                out.add((node, cls))
    return tuple(sorted(out))


def write_inferred(store: GraphStore, result: ReasoningResult) -> int:
    """Store the inferred types in :data:`INFERRED_GRAPH` (replacing what was there); return how many.

    After an inconsistent result the graph is emptied: an inconsistent ontology entails
    anything, so earlier inferences can no longer be trusted.  A skipped run leaves it alone.
    """
    if result.status == "skipped":
        return 0
    graph = ox.NamedNode(INFERRED_GRAPH)
    rdf_type = ox.NamedNode(RDF_TYPE)
    quads = [] if result.status == "inconsistent" else [
        ox.Quad(ox.NamedNode(node), rdf_type, ox.NamedNode(cls), graph) for node, cls in result.inferred]
    if quads:
        store.replace_graph(INFERRED_GRAPH, quads)
    else:
        store.remove_graph(INFERRED_GRAPH)
    store.flush()
    return len(quads)


# --------------------------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------------------------

def reason(store: GraphStore, policy: ReasoningPolicy | None = None) -> ReasoningResult:
    """Check the data against the ontology and infer types, as far as the policy allows (module docstring)."""
    policy = policy or ReasoningPolicy()
    tbox = load_tbox()
    t0 = time.perf_counter()
    size = count_data_triples(store)
    attempts: list[Attempt] = []
    outcome: _Outcome | None = None
    engine = "rules"
    if size > policy.max_triples:
        attempts.append(Attempt("hermit", "skipped",
                                f"{size:,} data triples exceed the limit of {policy.max_triples:,} for HermiT"))
        limit = min(policy.max_triples, policy.owlrl_max_triples)
        attempts.append(Attempt("owlrl", "skipped", f"{size:,} data triples exceed the limit of {limit:,} for owlrl"))
    else:
        with tempfile.TemporaryDirectory(prefix="thidua-reason-") as tmp:
            workdir = Path(tmp)
            source = workdir / "input.nt"
            write_reasoner_input(store, source)
            java = find_java(policy.java)
            hermit_timed_out = False
            if java is None:
                where = policy.java or "`java` on PATH"
                attempts.append(Attempt("hermit", "unavailable", f"no Java runtime found ({where})"))
            else:
                run = _run_worker("hermit", source, workdir, policy.timeout, java, policy.java_memory_mb)
                attempts.append(Attempt("hermit", run.outcome, run.reason))
                if run.outcome == "ok":
                    outcome, engine = run, "hermit"
                hermit_timed_out = run.outcome == "timeout"
            if outcome is None:
                if hermit_timed_out:
                    attempts.append(Attempt("owlrl", "skipped", "HermiT ran out of time, and owlrl is slower"))
                elif size > policy.owlrl_max_triples:
                    attempts.append(Attempt("owlrl", "skipped", f"{size:,} data triples exceed the limit of "
                                                                f"{policy.owlrl_max_triples:,} for owlrl"))
                else:
                    run = _run_worker("owlrl", source, workdir, policy.timeout)
                    attempts.append(Attempt("owlrl", run.outcome, run.reason))
                    if run.outcome == "ok":
                        outcome, engine = run, "owlrl"

    contradictions: list[Contradiction] = []
    inferred: tuple[tuple[str, str], ...] = ()
    if outcome is not None:
        data = outcome.data
        for cls in data.get("unsatisfiable", []):
            if cls.startswith(str(TD)):
                contradictions.append(Contradiction(
                    "unsatisfiable-class", cls,
                    f"The class {tbox.label(cls)} can have no members: its axioms contradict each other. "
                    "This is a fault in ontology/thidua.ttl, not in the data.", ()))
        if data["status"] == "inconsistent":
            found = rule_contradictions(store, tbox)
            if not found:
                messages = "; ".join(data.get("messages", [])[:3])
                found = [Contradiction(
                    "unexplained", BASE + "id/store",
                    f"{'HermiT' if engine == 'hermit' else 'owlrl'} found the data inconsistent with the ontology, "
                    "and the OWL 2 RL rules could not single out the facts responsible"
                    + (f" ({messages})" if messages else "")
                    + ". Export the data (`thidua export --format ntriples`) and the ontology "
                      "(`thidua ontology export --format owl`), open both in Protégé and use "
                      "Reasoner > Explain inconsistency.", ())]
            contradictions.extend(found)
        else:
            inferred = worth_keeping(store, (tuple(t) for t in data.get("types", [])), tbox)
        status = "inconsistent" if data["status"] == "inconsistent" else "consistent"
    else:
        attempts.append(Attempt("rules", "ok", "OWL 2 RL consistency rules and the td:Official definition, "
                                               "evaluated by SPARQL over the store"))
        types = node_types(store)
        contradictions = rule_contradictions(store, tbox, types=types)
        status = "inconsistent" if contradictions else "consistent"
        if not contradictions:
            inferred = worth_keeping(store, rule_inferences(store, tbox, types), tbox, types)
    return ReasoningResult(engine, status, engine == "hermit", size, tuple(attempts), inferred,
                           tuple(contradictions), time.perf_counter() - t0, policy)


def skipped(reason_text: str, policy: ReasoningPolicy | None = None) -> ReasoningResult:
    """The result of a check run without reasoning."""
    return ReasoningResult("none", "skipped", False, 0, (Attempt("hermit", "skipped", reason_text),),
                           policy=policy or ReasoningPolicy())


if __name__ == "__main__":  # the child process of _run_worker
    if len(sys.argv) >= 4 and sys.argv[1] == "worker":
        sys.exit(_worker_main(sys.argv[2:]))
    sys.exit("usage: python -m thidua.graph.reasoning worker hermit|owlrl IN.nt OUT.json [JAVA] [MEMORY_MB]")
