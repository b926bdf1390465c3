"""RDF exports: a format name maps to one writer (the registry), each deterministic.

Quad formats (N-Quads, TriG) keep one named graph per article, sorted. Triple formats
(Turtle, N-Triples, JSON-LD) hold the merged graph: the union of the article graphs, each
triple once, deduplicated and ordered by Oxigraph. Either way the same store gives
byte-identical files whatever order the articles were loaded in.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ..graph.store import INFERRED_GRAPH, META_GRAPH, SERIALIZATION_PREFIXES as PREFIXES, GraphStore
from ..ontology import CONTEXT_JSONLD
from .files import write_bytes_atomic

EXTENSIONS = {"turtle": ".ttl", "jsonld": ".jsonld", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig"}


def _sort_key(term) -> tuple:
    if isinstance(term, ox.Literal):
        return (2, term.value, term.datatype.value, term.language or "")
    return (0 if isinstance(term, ox.NamedNode) else 1, term.value)


def sorted_quads(store: GraphStore) -> list[ox.Quad]:
    return sorted(store.data_quads(),
                  key=lambda q: (q.graph_name.value, _sort_key(q.subject), q.predicate.value, _sort_key(q.object)))


_MERGED = ("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
           "FILTER(?g NOT IN (<%s>, <%s>)) } }" % (META_GRAPH.value, INFERRED_GRAPH.value))


def _merged_in_store(store: GraphStore):
    """The merged graph, deduplicated by Oxigraph itself. Its order follows the store's indexes, which
    depend on the data only (tests/test_exports.py builds in two orders and compares the bytes)."""
    return store.query(_MERGED, union=False)


def _turtle(store: GraphStore) -> bytes:
    return ox.serialize(_merged_in_store(store), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def _ntriples(store: GraphStore) -> bytes:
    return ox.serialize(_merged_in_store(store), format=ox.RdfFormat.N_TRIPLES)


def _nquads(store: GraphStore) -> bytes:
    return ox.serialize(sorted_quads(store), format=ox.RdfFormat.N_QUADS)


def _trig(store: GraphStore) -> bytes:
    return ox.serialize(sorted_quads(store), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def jsonld_context() -> dict:
    return json.loads(Path(CONTEXT_JSONLD).read_text(encoding="utf-8"))


def _jsonld(store: GraphStore) -> bytes:
    """JSON-LD compacted with the project's context (ontology/context.jsonld), through rdflib."""
    import rdflib

    graph = rdflib.Graph()
    nt = _ntriples(store)
    graph.parse(data=nt.decode("utf-8"), format="nt")
    context = jsonld_context()
    text = graph.serialize(format="json-ld", context=context.get("@context", context), sort_keys=True,
                           ensure_ascii=False, indent=1)
    return _sorted_jsonld(text).encode("utf-8")


def _sorted_jsonld(text: str) -> str:
    """Fix the order of nodes in the @graph array (rdflib follows its store's hash order)."""
    data = json.loads(text)
    graph = data.get("@graph")
    if isinstance(graph, list):
        data["@graph"] = sorted(graph, key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False))
        for node in data["@graph"]:
            for key, value in node.items():
                if isinstance(value, list):
                    node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


WRITERS: dict[str, Callable[[GraphStore], bytes]] = {
    "turtle": _turtle,
    "ntriples": _ntriples,
    "nquads": _nquads,
    "trig": _trig,
    "jsonld": _jsonld,
}


def export_bytes(store: GraphStore, fmt: str) -> bytes:
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}") from None
    return writer(store)


def write_export(store: GraphStore, fmt: str, path: str | Path) -> int:
    """Serialise to ``path`` atomically; return the size written."""
    data = export_bytes(store, fmt)
    write_bytes_atomic(path, data)
    return len(data)


__all__ = ["EXTENSIONS", "WRITERS", "export_bytes", "write_export", "sorted_quads"]
