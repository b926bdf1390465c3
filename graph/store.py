"""The persistent store: Oxigraph (RocksDB) on disk, one named graph per article.

pyoxigraph does the heavy lifting (bulk writes, SPARQL, serialisation);
:meth:`GraphStore.rdflib` gives the same data as an rdflib ``Dataset``
through oxrdflib for code that wants rdflib's API.
"""
from __future__ import annotations

import re

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..ontology import BASE, TD

DEFAULT_STORE = "thidua.store"
STORE_FORMAT = "1"  # bump when the vocabulary or the graph layout changes incompatibly
META_GRAPH = ox.NamedNode(BASE + "id/graph/meta")
# Types a reasoner inferred (`thidua check`): queryable, but not article data, so not exported.
INFERRED_GRAPH = ox.NamedNode(BASE + "id/graph/inferred")
# Entities the articles refer to whose description does not depend on the article (gazetteer
# units, people's names, roles, organizations, posts), each described once; articles point to them.
SHARED_GRAPH = ox.NamedNode(BASE + "id/graph/entities")
NOT_DATA = (META_GRAPH, INFERRED_GRAPH)
NOT_ARTICLES = (*NOT_DATA, SHARED_GRAPH)
_STORE_NODE = ox.NamedNode(BASE + "id/store")
_FORMAT = ox.NamedNode(str(TD["storeFormat"]))

# A build writes new articles in atomic bulk loads of about this many quads. Each load adds files
# RocksDB must later merge, so small batches cost dearly as the store grows (5,000 articles, one
# core: 104 s with 100k-quad batches written every second, 65 s with 250k-quad ones; 500k saved
# nothing more and doubled the memory, ~1 GB). A killed build loses the batch in flight, never
# part of an article.
DEFAULT_BATCH_QUADS = 250_000

PREFIXES = {
    "td": str(TD),
    "id": BASE + "id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
}
# Readable prefixes for the data IRIs, used by the serialisers (Turtle, TriG).
DATA_PREFIXES = {kind: BASE + f"id/{kind}/" for kind in ("article", "person", "unit", "post", "role", "org")}
DATA_PREFIXES["body"] = DATA_PREFIXES.pop("org")  # "org:" is W3C ORG's
SERIALIZATION_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"} | DATA_PREFIXES
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _ntriples(triples: list[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _folder_entries(path: Path) -> set[str]:
    """Names in the folder at ``path`` (none if it is missing; an unreadable folder is left to Oxigraph)."""
    try:
        return {entry.name for entry in path.iterdir()} if path.is_dir() else set()
    except OSError:
        return set()


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# The links between shared entities (a post's role and organization, a body's unit, a unit's parent).
SHARED_LINKS = "|".join(f"<{TD[name]}>" for name in ("partOf", "role", "postIn", "jurisdiction"))
_PRUNE_SHARED = f"""
DELETE {{ GRAPH {SHARED_GRAPH} {{ ?entity ?p ?o }} }}
WHERE {{
  GRAPH {SHARED_GRAPH} {{ ?entity a ?class ; ?p ?o }}
  FILTER NOT EXISTS {{
    GRAPH {SHARED_GRAPH} {{ ?referred ({SHARED_LINKS})* ?entity }}
    GRAPH ?article {{ ?x ?y ?referred }}
    FILTER(?article NOT IN ({", ".join(str(g) for g in NOT_ARTICLES)}))
  }}
}}"""
_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?<", re.I)


class StoreError(RuntimeError):
    """The store cannot be used; the message says why and what to do."""


class GraphStore:
    """An on-disk Oxigraph store holding one named graph per article."""

    def __init__(self, path: str | Path = DEFAULT_STORE, *, read_only: bool = False, create: bool = True):
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: a file, not a store folder; give --store a folder")
        entries = _folder_entries(self.path)
        if not entries and (read_only or not create):
            raise StoreError(f"{self.path}: no store here (run `thidua build ARTICLES --store {self.path}` first)")
        if entries and "CURRENT" not in entries:
            raise StoreError(f"{self.path}: a folder of other files, not a thidua store; "
                             "give --store a new or empty folder")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(f"{self.path}: the store is in use by another thidua process; "
                                 "wait for it to finish and try again") from None
            raise StoreError(f"{self.path}: not a readable thidua store ({message.splitlines()[0]})") from None
        self.read_only = read_only
        self._check_format(read_only)

    def _check_format(self, read_only: bool) -> None:
        found = [q.object.value for q in self._store.quads_for_pattern(_STORE_NODE, _FORMAT, None, META_GRAPH)]
        if not found:
            if any(True for _ in self._store.named_graphs()):
                raise StoreError(f"{self.path}: a store without a thidua format marker "
                                 "(written by another tool or an older version); build into a new --store")
            if not read_only:
                self._store.add(ox.Quad(_STORE_NODE, _FORMAT, ox.Literal(STORE_FORMAT), META_GRAPH))
        elif found[0] != STORE_FORMAT:
            raise StoreError(f"{self.path}: store format {found[0]}, this thidua reads format {STORE_FORMAT}; "
                             "rebuild it from the articles into a new --store")

    # --- writing ---------------------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Make the named graph hold exactly ``quads`` (re-loading an article leaves nothing stale).

        One SPARQL update, so one transaction: a process killed mid-build leaves each
        article's graph either as it was or as it is now, never half written.  The data
        goes into the update as N-Triples written by Oxigraph's serialiser.
        """
        graph = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(graph):
            # A new article: one `extend` is one transaction too, and cheaper than parsing an update.
            self._store.extend(quads)
            return
        by_graph: dict[ox.NamedNode, list[ox.Triple]] = {graph: []}
        for quad in quads:
            by_graph.setdefault(quad.graph_name, []).append(quad.triple)
        blocks = "\n".join(
            (f"GRAPH {name} {{\n{_ntriples(triples)}}}" if isinstance(name, ox.NamedNode) else _ntriples(triples))
            for name, triples in by_graph.items() if triples)
        self._store.update(f"DROP SILENT GRAPH {graph} ;\nCREATE SILENT GRAPH {graph} ;\nINSERT DATA {{\n{blocks}\n}}")

    def add_new_graphs(self, nquads: str) -> None:
        """Add named graphs that are not in the store yet, given as N-Quads text.

        Oxigraph's bulk loader writes the indexes as files and ingests them in one atomic step,
        so a killed build leaves each batch either absent or whole; it is ~3x cheaper per quad
        than a transaction, but it cannot replace a graph, hence "new" (see ``replace_graph``).
        """
        self._store.bulk_load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)

    def has_graph(self, graph_iri: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph_iri))

    def described_shared(self) -> set[str]:
        """IRIs (as N-Quads terms, ``<…>``) of the entities the shared graph describes."""
        return {f"<{q.subject.value}>" for q in self._store.quads_for_pattern(None, _RDF_TYPE, None, SHARED_GRAPH)}

    def prune_shared(self) -> None:
        """Drop from the shared graph the entities no article refers to any more, directly or through
        another shared entity (a post's organization, a unit's parent)."""
        self._store.update(_PRUNE_SHARED)

    def remove_graph(self, graph_iri: str) -> None:
        graph = ox.NamedNode(graph_iri)
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)

    def flush(self) -> None:
        self._store.flush()

    # --- reading ---------------------------------------------------------------------------------

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def article_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if g not in NOT_ARTICLES)

    def query(self, sparql: str, *, union: bool = True):
        """Run SPARQL with the project prefixes declared; the default graph is the union of articles,
        unless the query names its own with FROM (pyoxigraph's union flag would override it)."""
        if union and _FROM.search(sparql):
            union = False
        return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union)

    def data_graphs(self) -> list[str]:
        """The graphs that hold data: the articles' and the shared graph."""
        shared = [SHARED_GRAPH.value] if self._store.contains_named_graph(SHARED_GRAPH) else []
        return self.article_graphs() + shared

    def data_quads(self) -> Iterable[ox.Quad]:
        """Every quad of the articles and the shared entities (bookkeeping and inferences left out)."""
        return (q for q in self._store.quads_for_pattern(None, None, None, None) if q.graph_name not in NOT_DATA)

    def count_quads(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>) }"
                            % META_GRAPH.value, union=False)
        return int(next(iter(result))["n"].value)

    def rdflib(self):
        """The same data as an rdflib ``Dataset`` (oxrdflib store over this Oxigraph store)."""
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self._store))

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
