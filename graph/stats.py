"""Counts over the store, by SPARQL."""
from __future__ import annotations

from .store import GraphStore

_COUNTS = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a td:Article }",
    "people": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:Person }",
    "posts": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:Post }",
    "post holdings": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:PostHolding }",
    "organizations": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x td:bodyName ?b }",
    "units": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:AdministrativeUnit }",
    "events": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:Event }",
    "anniversaries": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:Anniversary }",
    "awards": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a td:Award }",
}


def store_stats(store: GraphStore) -> dict[str, int]:
    """Articles, quads and distinct entities of each kind."""
    out = {"quads": store.count_quads()}
    for name, sparql in _COUNTS.items():
        out[name] = int(next(iter(store.query(sparql)))["n"].value)
    return out
