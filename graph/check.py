"""`thidua check`: SHACL validation, OWL reasoning and the domain rules, as one report of typed findings.

:func:`check_store` reads the store and returns a :class:`CheckReport`; it writes nothing
(the CLI writes the inferred types back with :func:`graph.reasoning.write_inferred`).
Every finding names its rule (a stable id), its severity, the node it is about (IRI and
label) and where the problem comes from: the article and, where the graph records it,
the sentence (through ``td:evidence``/``td:mentionOf`` → ``td:Mention`` → ``td:sentence``,
``td:inArticle``, or ``td:reportedIn``/``td:attestedBy``).

The JSON form (:meth:`CheckReport.to_json`) is stable: sorted, without timings, versioned
by its ``format`` field.  docs/check.md documents it and every rule.
"""
from __future__ import annotations

import json
import multiprocessing
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pyoxigraph as ox

from ..ontology import BASE, ONTOLOGY_TTL, SHAPES_TTL
from .domain_checks import RULES as DOMAIN_RULES
from .domain_checks import Issue, run_domain_checks
from .reasoning import (
    INFERRED_GRAPH,
    Contradiction,
    ReasoningPolicy,
    ReasoningResult,
    data_graphs,
    data_query,
    reason,
    skipped,
)
from .store import PREFIXES, SHARED_GRAPH, GraphStore

REPORT_FORMAT = "thidua-check/1"
SEVERITIES = ("error", "warning", "info")
STORE_NODE = BASE + "id/store"  # focus of findings about the run itself (fallbacks, limits)
ARTICLE_PREFIX = BASE + "id/article/"
SH = "http://www.w3.org/ns/shacl#"


# --------------------------------------------------------------------------------------------
# Findings and the report
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Source:
    """Where a finding comes from: an article, and the sentence when the graph records one."""

    article: str
    sentence: str | None = None

    def to_json(self) -> dict:
        return {"article": self.article, "sentence": self.sentence}


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning | info
    rule: str  # stable id: "shacl.min-count", "owl.disjoint-types", "domain.anniversary-ordinal", …
    message: str  # plain English: what is wrong and what to do
    focus: str  # IRI of the node the finding is about
    label: str | None = None
    sources: tuple[Source, ...] = ()
    sources_total: int = 0  # all sources found (``sources`` keeps the first few)
    details: tuple[tuple[str, str], ...] = ()

    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.rule, self.focus, self.message)

    def to_json(self) -> dict:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "focus": {"iri": self.focus, "label": self.label},
            "sources": [s.to_json() for s in self.sources],
            "sources_total": self.sources_total,
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class CheckOptions:
    shacl: bool = True
    domain: bool = True
    reason: bool = True
    policy: ReasoningPolicy = field(default_factory=ReasoningPolicy)
    shacl_batch_triples: int = 60_000  # articles are validated in batches of about this many triples
    shacl_timeout: float | None = 600.0  # no new SHACL batch is started after this many seconds
    shacl_workers: int | None = None  # processes for SHACL batches; None = up to 4, one per CPU
    max_sources: int = 5  # sources listed per finding


@dataclass(frozen=True)
class ShaclSummary:
    ran: bool
    conforms: bool = True
    results: int = 0  # validation results, before the domain rules replace some
    batches: int = 0
    articles_checked: int = 0
    articles_total: int = 0
    complete: bool = True
    note: str = ""
    replaced: int = 0  # results left out because a domain rule reports the same problem with more context

    def to_json(self) -> dict:
        return {"ran": self.ran, "conforms": self.conforms, "results": self.results, "replaced": self.replaced,
                "batches": self.batches,
                "articles_checked": self.articles_checked, "articles_total": self.articles_total,
                "complete": self.complete, "note": self.note,
                "shapes": "ontology/shapes.ttl"}


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    articles: int
    triples: int
    shacl: ShaclSummary
    domain_rules: tuple[str, ...]  # ids of the rules that ran (empty when skipped)
    reasoning: ReasoningResult
    timings: dict[str, float] = field(default_factory=dict, compare=False)  # seconds; not in the JSON

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def ok(self) -> bool:
        """No errors (warnings and notes do not fail a check)."""
        return self.count("error") == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def to_json(self) -> dict:
        inferred = Counter(cls for _node, cls in self.reasoning.inferred)
        reasoning = self.reasoning.to_json() | {
            "inferred_graph": INFERRED_GRAPH,
            "inferred_by_class": {_short(c): n for c, n in sorted(inferred.items())},
        }
        return {
            "format": REPORT_FORMAT,
            "ok": self.ok,
            "summary": {"articles": self.articles, "triples": self.triples, "errors": self.count("error"),
                        "warnings": self.count("warning"), "info": self.count("info")},
            "shacl": self.shacl.to_json(),
            "domain": {"ran": bool(self.domain_rules), "rules": list(self.domain_rules)},
            "reasoning": reasoning,
            "findings": [f.to_json() for f in self.findings],
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def to_text(self) -> str:
        return render_text(self)


_SHORT = {**PREFIXES, "tdsh": "https://w3id.org/thidua/shapes#", "sh": SH}


def _short(iri: str) -> str:
    for prefix, base in _SHORT.items():
        if iri.startswith(base) and iri != base:
            return f"{prefix}:{iri[len(base):]}"
    return iri


# --------------------------------------------------------------------------------------------
# Sources and labels
# --------------------------------------------------------------------------------------------

class _Sources:
    """Finds (and caches) the articles and sentences behind nodes, many nodes per query."""

    _STEPS = (  # tried in order; a node keeps the sources of the first step that finds any
        # the node's own mentions (a fact's evidence, a person's or unit's mentions, a mention itself)
        """SELECT DISTINCT ?x ?id ?s WHERE {{ VALUES ?x {{ {values} }}
             {{ ?x td:evidence ?m }} UNION {{ ?m td:mentionOf ?x }} UNION {{ ?x a td:Mention BIND(?x AS ?m) }}
             ?m td:inArticle ?a ; td:sentence ?s . ?a td:articleId ?id }}""",
        # a post: the sentences of the holdings that attest it
        """SELECT DISTINCT ?x ?id ?s WHERE {{ VALUES ?x {{ {values} }}
             ?h td:post ?x ; td:evidence ?m . ?m td:inArticle ?a ; td:sentence ?s . ?a td:articleId ?id }}""",
        # the article that reports it, or the article itself
        """SELECT DISTINCT ?x ?id WHERE {{ VALUES ?x {{ {values} }}
             {{ ?x td:reportedIn|td:attestedBy|td:inArticle ?a }} UNION {{ ?x a td:Article BIND(?x AS ?a) }}
             ?a td:articleId ?id }}""",
        # the graphs that describe it
        ("""SELECT DISTINCT ?x (?g AS ?id) WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x ?p ?o }} """
         f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}}}'),
    )

    def __init__(self, store: GraphStore):
        self.store = store
        self._cache: dict[str, list[Source]] = {}

    def prefetch(self, nodes) -> None:
        """Look up the sources of all ``nodes`` not yet known, a few hundred per query."""
        todo = sorted({n for n in nodes if n not in self._cache})
        for n in todo:
            self._cache[n] = []
        todo = [n for n in todo if _is_iri(n)]
        for step in self._STEPS:
            if not todo:
                break
            found: dict[str, set[Source]] = {}
            for i in range(0, len(todo), 300):
                values = " ".join(f"<{n}>" for n in todo[i:i + 300])
                result = data_query(self.store, step.format(values=values))
                with_sentence = any(v.value == "s" for v in result.variables)
                for r in result:
                    source = Source(_article_id(r["id"].value), r["s"].value if with_sentence else None)
                    found.setdefault(r["x"].value, set()).add(source)
            for node, sources in found.items():
                self._cache[node] = sorted(sources)
            todo = [n for n in todo if n not in found]

    def of(self, node: str) -> list[Source]:
        if node not in self._cache:
            self.prefetch([node])
        return self._cache[node]

    def in_graphs(self, nodes: list[str], graphs: tuple[str, ...]) -> list[Source]:
        """The sources of ``nodes`` that lie in ``graphs``; a graph none of them cites is listed bare.
        An entity described in the shared graph stands for the articles that refer to it."""
        wanted = {_article_id(g) for g in graphs if g != SHARED_GRAPH.value}
        any_article = SHARED_GRAPH.value in graphs
        found = sorted({s for node in nodes for s in self.of(node) if any_article or s.article in wanted})
        cited = {s.article for s in found}
        return sorted(set(found) | {Source(a) for a in wanted - cited})


def _is_iri(node: str) -> bool:
    return node.startswith(("http://", "https://")) and not any(c in node for c in '<>" {}|\\^`')


def _article_id(graph: str) -> str:
    return graph.removeprefix(ARTICLE_PREFIX)


def _labels(store: GraphStore, nodes: set[str]) -> dict[str, str]:
    """A display label per node: rdfs:label, else td:name (Vietnamese first, then the least in order)."""
    out: dict[str, str] = {}
    iris = sorted(n for n in nodes if _is_iri(n))
    for i in range(0, len(iris), 400):
        values = " ".join(f"<{n}>" for n in iris[i:i + 400])
        rows = data_query(store, f"""
            SELECT ?x ?l ?lang ?kind WHERE {{ VALUES ?x {{ {values} }}
              {{ ?x rdfs:label ?l BIND(0 AS ?kind) }} UNION {{ ?x td:name ?l BIND(1 AS ?kind) }}
              BIND(LANG(?l) AS ?lang) }}""")
        best: dict[str, tuple[int, int, str]] = {}
        for r in rows:
            key = (int(r["kind"].value), 0 if r["lang"].value == "vi" else 1, r["l"].value)
            if r["x"].value not in best or key < best[r["x"].value]:
                best[r["x"].value] = key
        out.update({x: key[-1] for x, key in best.items()})
    return out


# --------------------------------------------------------------------------------------------
# SHACL
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShaclResult:
    focus: str
    shape: str
    component: str
    severity: str
    message: str
    path: str | None
    value: str | None


@lru_cache(maxsize=1)
def _shacl_graphs():
    import rdflib

    shapes = rdflib.Graph()
    shapes.parse(str(SHAPES_TTL), format="turtle")
    ontology = rdflib.Graph()
    ontology.parse(str(ONTOLOGY_TTL), format="turtle")
    return shapes, ontology


def _term_text(term) -> str:
    from rdflib import Literal

    if isinstance(term, Literal):
        datatype = f"^^{_short(str(term.datatype))}" if term.datatype else ""
        lang = f"@{term.language}" if term.language else ""
        return f'"{term}"{lang}{datatype}'
    return str(term)


def validate_ntriples(data: bytes) -> list[tuple]:
    """pyshacl over one batch (N-Triples), the ontology mixed in; results as plain tuples (picklable)."""
    import pyshacl
    import rdflib
    from rdflib import RDF, Namespace

    shapes, ontology = _shacl_graphs()
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    _conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                                 inference="none", allow_warnings=True)
    sh = Namespace(SH)
    severity = {sh.Violation: "error", sh.Warning: "warning", sh.Info: "info"}
    out = []
    for r in results.subjects(RDF.type, sh.ValidationResult):
        shape = results.value(r, sh.sourceShape)
        out.append((
            str(results.value(r, sh.focusNode)),
            str(shape) if isinstance(shape, rdflib.URIRef) else "",
            str(results.value(r, sh.sourceConstraintComponent)),
            severity.get(results.value(r, sh.resultSeverity), "error"),
            " ".join(sorted(str(m) for m in results.objects(r, sh.resultMessage))),
            str(results.value(r, sh.resultPath)) if results.value(r, sh.resultPath) is not None else None,
            _term_text(results.value(r, sh.value)) if results.value(r, sh.value) is not None else None,
        ))
    return out


def _batches(store: GraphStore, graphs: list[ox.NamedNode], size: int) -> list[list[ox.NamedNode]]:
    counts = {r["g"].value: int(r["n"].value) for r in store.oxigraph.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    batches: list[list[ox.NamedNode]] = [[]]
    filled = 0
    for g in sorted(graphs, key=lambda g: g.value):
        n = counts.get(g.value, 0)
        if batches[-1] and filled + n > size:
            batches.append([])
            filled = 0
        batches[-1].append(g)
        filled += n
    return [b for b in batches if b]


def _batch_bytes(store: GraphStore, batch: list[ox.NamedNode]) -> bytes:
    """The batch's triples, with the shared-graph descriptions of the entities they point to (and of
    those these point to), so a class or count constraint is judged on the whole entity."""
    triples = {ox.Triple(q.subject, q.predicate, q.object)
               for g in batch for q in store.oxigraph.quads_for_pattern(None, None, None, g)}
    pending = [t.object for t in triples if isinstance(t.object, ox.NamedNode)]
    seen: set[ox.NamedNode] = set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in store.oxigraph.quads_for_pattern(node, None, None, SHARED_GRAPH):
            triples.add(ox.Triple(q.subject, q.predicate, q.object))
            if isinstance(q.object, ox.NamedNode):
                pending.append(q.object)
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)


def run_shacl(store: GraphStore, options: CheckOptions, graphs: list[ox.NamedNode]
              ) -> tuple[list[ShaclResult], ShaclSummary]:
    """Validate the data graphs against ontology/shapes.ttl, in batches of whole articles, within the budget."""
    batches = _batches(store, graphs, options.shacl_batch_triples)
    articles_total = sum(1 for g in graphs if g.value.startswith(ARTICLE_PREFIX))
    if not batches:
        return [], ShaclSummary(True, articles_total=articles_total)
    started = time.perf_counter()
    done: dict[int, list[tuple]] = {}
    over_budget = lambda: (options.shacl_timeout is not None
                           and time.perf_counter() - started > options.shacl_timeout)
    workers = options.shacl_workers or min(4, multiprocessing.cpu_count() or 1)
    if len(batches) == 1 or workers <= 1:
        for i, batch in enumerate(batches):
            if i and over_budget():
                break
            done[i] = validate_ntriples(_batch_bytes(store, batch))
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            pending: dict[Future, int] = {}
            next_batch = 0
            while next_batch < len(batches) or pending:
                while next_batch < len(batches) and len(pending) < workers and not (next_batch and over_budget()):
                    pending[pool.submit(validate_ntriples, _batch_bytes(store, batches[next_batch]))] = next_batch
                    next_batch += 1
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done[pending.pop(future)] = future.result()
    checked = [g for i in done for g in batches[i]]
    results = sorted({ShaclResult(*row) for rows in done.values() for row in rows},
                     key=lambda r: (r.focus, r.shape, r.component, r.path or "", r.value or ""))
    complete = len(done) == len(batches)
    note = "" if complete else (
        f"time budget of {options.shacl_timeout:g} s reached: {len(done)} of {len(batches)} batches validated; "
        "the other articles were not checked against the shapes")
    if complete and len(batches) > 1:
        note = (f"validated in {len(batches)} batches of whole articles; a count over values that come from "
                "different batches is not checked")
    summary = ShaclSummary(True, not results, len(results),
                           len(batches), sum(1 for g in checked if g.value.startswith(ARTICLE_PREFIX)),
                           articles_total, complete, note)
    return results, summary


def _component_rule(component: str) -> str:
    """sh:MinCountConstraintComponent -> "shacl.min-count"."""
    name = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    kebab = "".join(f"-{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))
    return f"shacl.{kebab}"


def _shacl_finding(r: ShaclResult) -> Finding:
    message = r.message or f"Violates {_short(r.shape) or 'a shape'}."
    if r.value is not None and r.value != r.focus:
        message = f"{message} Found: {r.value}."
    details = [("shape", _short(r.shape)), ("component", _short(r.component))]
    if r.path:
        details.append(("path", _short(r.path)))
    if r.value is not None:
        details.append(("value", r.value))
    return Finding(r.severity, _component_rule(r.component), message, r.focus, details=tuple(details))


# --------------------------------------------------------------------------------------------
# Reasoning and domain findings
# --------------------------------------------------------------------------------------------

_ENGINE_NAMES = {"hermit": "HermiT", "owlrl": "owlrl (OWL 2 RL)", "rules": "the SPARQL consistency rules"}


def _reasoning_findings(result: ReasoningResult) -> list[Finding]:
    out = [Finding("error", f"owl.{c.kind}", c.message, c.node, details=c.details) for c in result.contradictions]
    if result.engine in ("owlrl", "rules"):
        why = "; ".join(f"{_ENGINE_NAMES.get(a.engine, a.engine)}: {a.outcome}" + (f" ({a.reason})" if a.reason else "")
                        for a in result.attempts if a.engine != result.engine)
        if result.engine == "owlrl":
            out.append(Finding("warning", "reasoning.fallback",
                               f"Reasoned with owlrl (OWL 2 RL) instead of HermiT (OWL 2 DL) — {why}. OWL 2 RL "
                               "draws fewer conclusions; install Java 17 for the complete check.", STORE_NODE))
        else:
            out.append(Finding("warning", "reasoning.degraded",
                               f"No OWL reasoner ran over the whole data — {why}. Checked instead: the OWL 2 RL "
                               "rules that can make this ontology inconsistent (disjoint classes via types, "
                               "domains and ranges; functional properties) and the td:Official definition, "
                               "by SPARQL over the store. Raise --reason-max-triples / --reason-timeout "
                               "for a complete check.", STORE_NODE))
    return out


def _contradiction_sources(sources: _Sources, c: Contradiction) -> list[Source]:
    if not c.graphs:
        return []
    return sources.in_graphs([c.node, *c.related], c.graphs)


def _domain_finding(issue: Issue) -> Finding:
    return Finding(issue.severity, issue.rule, issue.message, issue.node, details=issue.details)


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------

def check_store(store: GraphStore, options: CheckOptions | None = None) -> CheckReport:
    """SHACL, domain rules and reasoning over the store's data graphs; one report, nothing written."""
    options = options or CheckOptions()
    timings: dict[str, float] = {}
    graphs = data_graphs(store)
    articles = sum(1 for g in graphs if g.value.startswith(ARTICLE_PREFIX))
    sources = _Sources(store)

    t0 = time.perf_counter()
    issues = run_domain_checks(store) if options.domain else []
    timings["domain"] = time.perf_counter() - t0
    superseded = {(i.node, shape) for i in issues for shape in i.supersedes}

    t0 = time.perf_counter()
    if options.shacl:
        shacl_results, shacl = run_shacl(store, options, graphs)
    else:
        shacl_results, shacl = [], ShaclSummary(False, note="skipped")
    timings["shacl"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = reason(store, options.policy) if options.reason else skipped("--no-reason", options.policy)
    timings["reasoning"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    findings: list[tuple[Finding, list[Source]]] = []
    kept = [r for r in shacl_results if (r.focus, r.shape) not in superseded]
    shacl = replace(shacl, replaced=len(shacl_results) - len(kept))
    sources.prefetch([r.focus for r in kept] + [n for i in issues for n in i.evidence or (i.node,)]
                     + [n for c in result.contradictions for n in (c.node, *c.related)])
    for r in kept:
        findings.append((_shacl_finding(r), sources.of(r.focus)))
    for issue in issues:
        cited = sorted({s for node in issue.evidence or (issue.node,) for s in sources.of(node)})
        findings.append((_domain_finding(issue), cited))
    by_node = {c.node: c for c in result.contradictions}
    for f in _reasoning_findings(result):
        c = by_node.get(f.focus)
        findings.append((f, _contradiction_sources(sources, c) if c else []))
    labels = _labels(store, {f.focus for f, _ in findings})
    complete = []
    for f, cited in findings:
        complete.append(Finding(f.severity, f.rule, f.message, f.focus,
                                labels.get(f.focus, "the store" if f.focus == STORE_NODE else None),
                                tuple(cited[: options.max_sources]), len(cited), f.details))
    timings["sources"] = time.perf_counter() - t0
    triples = result.triples if result.triples else _count(store, graphs)
    return CheckReport(tuple(sorted(complete, key=Finding.sort_key)), articles, triples, shacl,
                       tuple(DOMAIN_RULES) if options.domain else (), result, timings)


def _count(store: GraphStore, graphs) -> int:
    from .reasoning import count_data_triples

    return count_data_triples(store) if graphs else 0


# --------------------------------------------------------------------------------------------
# Text form
# --------------------------------------------------------------------------------------------

def _reasoning_line(r: ReasoningResult) -> str:
    if r.engine == "none":
        return "skipped (--no-reason)"
    name = _ENGINE_NAMES.get(r.engine, r.engine)
    inferred = Counter(cls for _n, cls in r.inferred)
    kinds = ", ".join(f"{_short(c)}: {n}" for c, n in sorted(inferred.items()))
    line = f"{name}: {r.status}" + (f"; {len(r.inferred)} inferred types ({kinds})" if r.inferred else "")
    fallback = [a for a in r.attempts if a.outcome != "ok"]
    for a in fallback:
        line += f"\n           {_ENGINE_NAMES.get(a.engine, a.engine)} {a.outcome}" + (f": {a.reason}" if a.reason else "")
    return line


def render_text(report: CheckReport) -> str:
    """The report for a person: a header of what ran, then each finding with its sources."""
    lines = [f"thidua check: {report.articles} articles, {report.triples:,} triples"]
    s = report.shacl
    if s.ran:
        shacl_line = f"{s.results} results" if s.results else "conforms"
        if s.replaced:
            shacl_line += f", {s.replaced} of them reported below by the domain rules"
        lines.append(f"SHACL      {shacl_line} (ontology/shapes.ttl)" + (f"; {s.note}" if s.note else ""))
    else:
        lines.append("SHACL      skipped")
    domain = Counter(f.rule for f in report.findings if f.rule.startswith("domain."))
    lines.append(f"domain     {len(report.domain_rules)} rules, {sum(domain.values())} problems" if report.domain_rules
                 else "domain     skipped")
    lines.append(f"reasoning  {_reasoning_line(report.reasoning)}")
    for f in report.findings:
        focus = _short(f.focus) + (f"  “{f.label}”" if f.label else "")
        lines += ["", f"{f.severity:<8}{f.rule}  {focus}", f"        {f.message}"]
        for src in f.sources:
            lines.append(f"        - {src.article}" + (f": {src.sentence}" if src.sentence else ""))
        if f.sources_total > len(f.sources):
            lines.append(f"        - … and {f.sources_total - len(f.sources)} more")
    counts = ", ".join(_plural(report.count(s), name) for s, name in
                       (("error", "error"), ("warning", "warning"), ("info", "note")))
    lines += ["", f"{counts}: {'OK' if report.ok else 'FAILED'}"]
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
