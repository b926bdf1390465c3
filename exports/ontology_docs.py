"""The ontology for people and for other tools: HTML documentation (pyLODE) and RDF/XML for Protégé.

:func:`ontology_bytes` serialises ontology/thidua.ttl as RDF/XML (``owl``), Turtle or
N-Triples, deterministically: blank nodes get canonical labels (rdflib.compare) and
triples are written sorted, so the same ontology gives the same bytes.
:func:`write_docs` writes ``index.html`` (pyLODE's OntPub profile: classes, properties,
their labels, comments, domains and ranges) beside ``thidua.ttl`` and ``thidua.owl``,
each file atomically.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ..ontology import ONTOLOGY_TTL
from .files import write_bytes_atomic

ONTOLOGY_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "owl": (ox.RdfFormat.RDF_XML, ".owl"),
    "turtle": (ox.RdfFormat.TURTLE, ".ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, ".nt"),
}
"""Format name -> (serialiser, file extension).  ``owl`` is RDF/XML, which Protégé opens directly;
``turtle`` is ontology/thidua.ttl itself."""


def _ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    import rdflib

    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.NamedNode(str(term))


def ontology_triples(path: Path = ONTOLOGY_TTL) -> tuple[list[ox.Triple], dict[str, str]]:
    """The ontology's triples with canonical blank-node labels, sorted; and the prefixes it declares."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    graph = rdflib.Graph(bind_namespaces="none")
    graph.parse(str(path), format="turtle")
    triples = sorted((ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in to_canonical_graph(graph)),
                     key=lambda t: (isinstance(t.subject, ox.BlankNode), str(t)))
    prefixes = {p: str(ns) for p, ns in graph.namespaces() if p and p != "xml"}
    return triples, prefixes


def ontology_bytes(fmt: str, path: Path = ONTOLOGY_TTL) -> bytes:
    """The ontology in ``fmt`` (see :data:`ONTOLOGY_FORMATS`); deterministic."""
    try:
        rdf_format, _ext = ONTOLOGY_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown ontology format {fmt!r}; choose one of {', '.join(ONTOLOGY_FORMATS)}") from None
    if rdf_format == ox.RdfFormat.TURTLE:
        return Path(path).read_bytes()  # the maintained file itself, with its design notes
    triples, prefixes = ontology_triples(path)
    if rdf_format == ox.RdfFormat.N_TRIPLES:
        return ox.serialize(triples, format=rdf_format)
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes)


def write_ontology(fmt: str, target: str | Path) -> int:
    data = ontology_bytes(fmt)
    write_bytes_atomic(target, data)
    return len(data)


def _quietly(make: Callable[[], str]) -> str:
    """Run pyLODE without letting it reconfigure logging (one of its modules calls
    ``logging.basicConfig(level=DEBUG)`` on import, which a handler already on the root logger turns
    into a no-op) or print its progress."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    guard = logging.NullHandler()
    root.addHandler(guard)
    root.setLevel(max(level, logging.WARNING))
    try:
        return make()
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def docs_html(path: Path = ONTOLOGY_TTL) -> str:
    """HTML documentation of the ontology, made by pyLODE (OntPub profile), self-contained."""

    def make() -> str:
        from pylode import OntPub

        return OntPub(ontology=str(path), sort_subjects=True).make_html()

    return _quietly(make)


def write_docs(folder: str | Path) -> list[Path]:
    """Write index.html (the documentation), thidua.ttl and thidua.owl into ``folder``; return the paths."""
    folder = Path(folder)
    mode = 0o666 & ~_umask()  # the atomic writer's temp files are private (0600); docs are for reading
    written = []
    html = docs_html()
    write_bytes_atomic(folder / "index.html", html.encode("utf-8"))
    written.append(folder / "index.html")
    for fmt in ("turtle", "owl"):
        target = folder / f"thidua{ONTOLOGY_FORMATS[fmt][1]}"
        write_ontology(fmt, target)
        written.append(target)
    for path in written:
        os.chmod(path, mode)
    return written


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
