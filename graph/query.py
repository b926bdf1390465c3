"""SPARQL over the store, results formatted as a table, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from .store import GraphStore


class QueryError(ValueError):
    """The query could not be parsed or evaluated; the message is the engine's."""


def _term_text(term) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def run_query(store: GraphStore, sparql: str, fmt: str = "table") -> str:
    """Evaluate ``sparql`` and format the answer; raise :class:`QueryError` with the parser's message."""
    try:
        result = store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(result, bool):
        return {"json": json.dumps({"boolean": result}) + "\n", "csv": f"{str(result).lower()}\n"}.get(
            fmt, f"{str(result).lower()}\n")
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE).decode("utf-8")
    columns = [v.value for v in result.variables]
    rows = [[_term_text(solution[c]) for c in columns] for solution in result]
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
