"""CLI commands for the check feature (`check`, `ontology docs`, `ontology export`); added by `register`."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .graph.store import DEFAULT_STORE, GraphStore, StoreError


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class OntologyFormat(str, Enum):
    owl = "owl"
    turtle = "turtle"
    ntriples = "ntriples"


def _open(store: Path, *, read_only: bool) -> GraphStore:
    try:
        return GraphStore(store, read_only=read_only, create=False)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def check(
    store: Annotated[Path, typer.Option("--store", help="Folder of the persistent graph store.")] = Path(DEFAULT_STORE),
    fmt: Annotated[CheckFormat, typer.Option("--format", help="text for people, json for tools "
                                                            "(documented in docs/check.md).")] = CheckFormat.text,
    no_reason: Annotated[bool, typer.Option("--no-reason", help="Skip OWL reasoning: SHACL and the domain rules "
                                                                "only (the store is then opened read-only).")] = False,
    reason_timeout: Annotated[float, typer.Option("--reason-timeout", min=1, help="Seconds before the reasoner "
                                                  "is stopped and the check falls back.")] = 120.0,
    reason_max_triples: Annotated[int, typer.Option("--reason-max-triples", min=0, help="Above this many triples "
                                                    "no OWL reasoner runs; SPARQL rules check consistency "
                                                    "instead.")] = 300_000,
    shacl_timeout: Annotated[float, typer.Option("--shacl-timeout", min=1, help="Seconds after which no further "
                                                 "batch of articles is validated against the shapes.")] = 600.0,
) -> None:
    """Check the graph before handing it over: SHACL shapes, OWL reasoning (HermiT) and domain rules.

    Every problem is listed with its rule, the node it concerns and the article (and
    sentence) it comes from. The exit status is 1 if any error was found, 0 otherwise
    (warnings do not fail), 2 if the store cannot be opened. Without Java, or past the
    time limit, reasoning falls back to OWL 2 RL (owlrl), then to SPARQL rules, and the
    report says so. The inferred types (e.g. td:Official) are written into the named
    graph <https://w3id.org/thidua/id/graph/inferred>, so `thidua query` sees them.

    Example: thidua check --store kg.store --format json > check.json
    """
    from .graph.check import CheckOptions, check_store
    from .graph.reasoning import INFERRED_GRAPH, ReasoningPolicy, write_inferred

    options = CheckOptions(reason=not no_reason, shacl_timeout=shacl_timeout,
                           policy=ReasoningPolicy(timeout=reason_timeout, max_triples=reason_max_triples))
    graph_store = _open(store, read_only=no_reason)
    try:
        report = check_store(graph_store, options)
        written = None if no_reason else write_inferred(graph_store, report.reasoning)
    finally:
        graph_store.close()
    typer.echo(report.to_json_text() if fmt == CheckFormat.json else report.to_text(), nl=False)
    if written is not None and report.reasoning.status != "skipped":
        what = (f"{written} inferred types written to <{INFERRED_GRAPH}>" if report.reasoning.status == "consistent"
                else f"inconsistent: <{INFERRED_GRAPH}> emptied")
        typer.echo(what, err=True)
    raise typer.Exit(report.exit_code)


ontology_app = typer.Typer(
    name="ontology", no_args_is_help=True,
    help="The thidua-kg ontology (ontology/thidua.ttl) as HTML documentation and as RDF/XML for Protégé.\n\n"
         "Example: thidua ontology docs -o site/ontology && thidua ontology export --format owl -o thidua.owl")


@ontology_app.command("docs")
def ontology_docs(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write index.html, thidua.ttl "
                                                                "and thidua.owl into.")],
) -> None:
    """Write HTML documentation of the ontology (classes, properties, labels, comments) with pyLODE.

    Example: thidua ontology docs -o site/ontology
    """
    from .exports.ontology_docs import write_docs

    for path in write_docs(output):
        typer.echo(f"written: {path}", err=True)


@ontology_app.command("export")
def ontology_export(
    fmt: Annotated[OntologyFormat, typer.Option("--format", help="owl = RDF/XML (opens in Protégé); "
                                                               "turtle = ontology/thidua.ttl as is.")] = OntologyFormat.owl,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (atomically); "
                                                                         "stdout if omitted.")] = None,
) -> None:
    """Write the ontology as RDF/XML (for Protégé), Turtle or N-Triples; deterministic.

    Example: thidua ontology export --format owl -o thidua.owl
    """
    from .exports.ontology_docs import ontology_bytes, write_ontology

    if output:
        size = write_ontology(fmt.value, output)
        typer.echo(f"{fmt.value}: {size:,} bytes written to {output}", err=True)
    else:
        sys.stdout.buffer.write(ontology_bytes(fmt.value))


def register(app: typer.Typer) -> None:
    """Add this feature's commands to `app`."""
    app.command("check")(check)
    app.add_typer(ontology_app, name="ontology")
