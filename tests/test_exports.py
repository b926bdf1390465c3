"""Every export format round-trips through an independent parser; builds are deterministic; re-loads replace."""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic, to_isomorphic

from conftest import EXAMPLES, build_store
from thidua.exports.rdf import export_bytes, write_export
from thidua.graph.store import META_GRAPH, GraphStore

QUAD_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def _rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def as_rdflib_graph(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    for t in triples:
        graph.add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
    return graph


def store_union(path) -> rdflib.Graph:
    with GraphStore(path, read_only=True) as store:
        return as_rdflib_graph({ox.Triple(q.subject, q.predicate, q.object) for q in store.data_quads()})


def store_quads(path) -> set[tuple]:
    with GraphStore(path, read_only=True) as store:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store.data_quads()}


@pytest.mark.parametrize("fmt", sorted(TRIPLE_FORMATS))
def test_triple_formats_roundtrip_in_pyoxigraph(example_store_path, fmt):
    with GraphStore(example_store_path, read_only=True) as store:
        data = export_bytes(store, fmt)
    parsed = as_rdflib_graph(ox.parse(data, format=TRIPLE_FORMATS[fmt]))
    expected = store_union(example_store_path)
    assert len(parsed) == len(expected) > 1000
    assert isomorphic(parsed, expected)


@pytest.mark.parametrize("fmt", sorted(QUAD_FORMATS))
def test_quad_formats_roundtrip_in_pyoxigraph(example_store_path, fmt):
    with GraphStore(example_store_path, read_only=True) as store:
        data = export_bytes(store, fmt)
    parsed = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
              for q in ox.parse(data, format=QUAD_FORMATS[fmt])}
    assert parsed == store_quads(example_store_path)
    assert str(META_GRAPH) not in {q[3] for q in parsed}


def test_jsonld_expands_in_pyld_to_the_same_graph(example_store_path):
    with GraphStore(example_store_path, read_only=True) as store:
        data = export_bytes(store, "jsonld")
    document = json.loads(data)
    assert isinstance(document["@context"], dict), "compacted with the project's context"
    assert any(node.get("@type") == "Person" for node in document["@graph"]), "readable keys from context.jsonld"
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    parsed = rdflib.Graph().parse(data=nquads, format="nt")
    assert isomorphic(to_isomorphic(parsed), to_isomorphic(store_union(example_store_path)))


def test_same_input_in_another_order_gives_byte_identical_exports(tmp_path, example_store_path):
    # Build the same articles one by one in reverse order into a fresh store.
    store_path = tmp_path / "reversed"
    files = sorted(EXAMPLES.iterdir(), reverse=True)
    build_store(store_path, *files)
    for fmt in ("turtle", "trig", "nquads", "ntriples", "jsonld"):
        with GraphStore(example_store_path, read_only=True) as a, GraphStore(store_path, read_only=True) as b:
            assert export_bytes(a, fmt) == export_bytes(b, fmt), fmt


def test_reloading_a_changed_article_leaves_no_stale_triples(tmp_path):
    source = tmp_path / "articles"
    source.mkdir()
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    shutil.copy(article, source / article.name)
    store_path = build_store(tmp_path / "store", source)
    before = store_quads(store_path)
    text = article.read_text(encoding="utf-8")
    changed = text.replace("Đầm Hà", "Tiên Yên")
    assert changed != text
    (source / article.name).write_text(changed, encoding="utf-8")
    build_store(store_path, source)
    after = store_quads(store_path)
    assert after != before
    fresh = store_quads(build_store(tmp_path / "fresh", source))
    assert after == fresh, "the re-loaded store differs from a fresh build of the changed article"
    build_store(store_path, source)
    assert store_quads(store_path) == after, "re-loading the same article again changes nothing"


def test_export_is_written_atomically(tmp_path, example_store_path):
    target = tmp_path / "kg.ttl"
    target.write_text("previous export")
    with GraphStore(example_store_path, read_only=True) as store:
        write_export(store, "turtle", target)
    assert target.read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"], "no temp file left behind"
