"""The `thidua` command: each subcommand parses options, calls one library function, prints.

Command names and flags are a contract: scripts and other tools call them.
"""
from __future__ import annotations

import json
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .graph.store import DEFAULT_BATCH_QUADS, DEFAULT_STORE, GraphStore, StoreError
from .loaders.reading import MAX_FACTS, MAX_TEXT_CHARS, printable_path

app = typer.Typer(
    name="thidua",
    help="Turn Vietnamese local-government news into a knowledge graph you can query and export.\n\n"
         "Typical session:\n\n"
         "  thidua build examples/articles        # read articles into ./thidua.store\n\n"
         "  thidua facts -o facts.json            # people, posts, places, events … per article\n\n"
         "  thidua query 'SELECT ?n WHERE { ?p a td:Person ; td:name ?n }'\n\n"
         "  thidua export --format turtle -o kg.ttl",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[Path, typer.Option("--store", help="Folder of the persistent graph store.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*", re.I)


def _byte_size(text: str, option: str) -> int:
    """ "20MB" -> 20971520; "500kb", "1.5G", "4096" also read (units of 1024)."""
    m = _SIZE.fullmatch(text)
    if not m or float(m.group(1)) < 1:
        raise typer.BadParameter(f"{text!r} is not a size such as 4096, 500KB or 20MB", param_hint=option)
    power = {"": 0, "b": 0, "k": 1, "m": 2, "g": 3}[(m.group(2) or "")[:1].lower()]
    return int(float(m.group(1)) * 1024 ** power)


def _open(store: Path, *, read_only: bool = True) -> GraphStore:
    try:
        return GraphStore(store, read_only=read_only, create=not read_only)
    except StoreError as exc:
        raise _fail(str(exc)) from None


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .html) or folders of them.")],
    store: StoreOption = Path(DEFAULT_STORE),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Extract in this many processes (this one still writes the store).")] = 1,
    max_file_size: Annotated[str, typer.Option("--max-file-size", metavar="SIZE",
                                               help="Refuse larger files (bytes, or 500KB, 20MB).")] = "20MB",
    max_text_chars: Annotated[int, typer.Option("--max-text-chars", min=1,
                                                help="Refuse articles with more text than this.")] = MAX_TEXT_CHARS,
    max_facts: Annotated[int, typer.Option("--max-facts", min=1,
                                           help="Refuse articles yielding more facts than this.")] = MAX_FACTS,
    batch_quads: Annotated[int, typer.Option(
        "--batch-quads", min=1, metavar="N",
        help="New articles are written in atomic batches of about N quads (or every 30 s): larger is faster, "
             "smaller loses less if the build is killed.")] = DEFAULT_BATCH_QUADS,
) -> None:
    """Read articles and load their facts into the store (one named graph per article).

    Re-loading an article replaces its graph. Files that cannot be read are
    reported one line each; the others still load; the exit status is 1 if any failed.
    With --jobs N, N processes extract in parallel; the store comes out the same.
    Files over a limit (--max-file-size, --max-text-chars, --max-facts) are refused with a message.
    A killed build leaves every article whole or absent; building again finishes the job.

    Example: thidua build examples/articles --store kg.store --jobs 2
    """
    from .loaders.reading import Limits, find_articles
    from .pipeline import build as build_store

    limits = Limits(_byte_size(max_file_size, "--max-file-size"), max_text_chars, max_facts)
    files, problems = find_articles([str(p) for p in paths])
    graph_store = _open(store, read_only=False)
    try:
        if quiet or not files:
            report = build_store([], graph_store, files=files, jobs=jobs, limits=limits, batch_quads=batch_quads)
        else:
            with typer.progressbar(length=len(files), label="Reading articles", file=sys.stderr) as bar:
                report = build_store([], graph_store, files=files, progress=lambda _: bar.update(1), jobs=jobs,
                                     limits=limits, batch_quads=batch_quads)
        total = graph_store.count_quads()
    finally:
        graph_store.close()
    report.problems[:0] = problems
    typer.echo(f"articles loaded: {report.articles}")
    typer.echo(f"triples written: {report.triples} (store now holds {total})")
    typer.echo(f"people: {len(report.people)}  posts: {len(report.posts)}  events: {report.events}")
    for path in report.without_facts:
        typer.echo(f"no facts found: {printable_path(path)}")
    for line in report.duplicates:
        typer.echo(f"warning: {printable_path(line)}", err=True)
    for problem in report.problems:
        typer.echo(f"failed: {problem}", err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def facts(
    store: StoreOption = Path(DEFAULT_STORE),
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the JSON here instead of stdout.")] = None,
) -> None:
    """Print the facts of every article as JSON (the ANNOTATION.md shape), computed by SPARQL.

    Example: thidua facts -o facts.json && python ../shared/score.py ../shared/gold facts.json
    """
    from .exports.files import write_text_atomic
    from .graph.facts import article_facts

    graph_store = _open(store)
    report = article_facts(graph_store)
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if output:
        write_text_atomic(output, text)
        typer.echo(f"facts of {len(report)} articles written to {output}", err=True)
    else:
        typer.echo(text, nl=False)


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    query_or_file: Annotated[str, typer.Argument(metavar="QUERY_OR_FILE", help="A SPARQL query, or a file holding one.")],
    store: StoreOption = Path(DEFAULT_STORE),
    fmt: Annotated[QueryFormat, typer.Option("--format", help="How to print the results.")] = QueryFormat.table,
) -> None:
    """Run a SPARQL query over all articles (prefixes td:, id:, rdfs:, org:, schema:, prov: … are declared).

    Example: thidua query "SELECT ?name WHERE { ?p a td:Person ; td:name ?name } ORDER BY ?name"
    """
    from .graph.query import QueryError, run_query

    text = query_or_file
    candidate = Path(query_or_file)
    if len(query_or_file) < 4096 and "\n" not in query_or_file and candidate.suffix in (".rq", ".sparql", ".txt"):
        if not candidate.is_file():
            raise _fail(f"{candidate}: no such query file")
        text = candidate.read_text(encoding="utf-8")
    graph_store = _open(store)
    try:
        typer.echo(run_query(graph_store, text, fmt.value), nl=False)
    except QueryError as exc:
        raise _fail(str(exc)) from None


class ExportFormat(str, Enum):
    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="RDF syntax to write.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (atomically); stdout if omitted.")] = None,
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """Write the graph as Turtle, JSON-LD, N-Triples (all articles merged), N-Quads or TriG (one graph per article).

    The output is deterministic: the same store gives byte-identical files.

    Example: thidua export --format trig -o kg.trig
    """
    from .exports.rdf import export_bytes, write_export

    graph_store = _open(store)
    if output:
        size = write_export(graph_store, fmt.value, output)
        typer.echo(f"{fmt.value}: {size:,} bytes written to {output}", err=True)
    else:
        sys.stdout.buffer.write(export_bytes(graph_store, fmt.value))


@app.command()
def stats(store: StoreOption = Path(DEFAULT_STORE)) -> None:
    """Count articles, triples and entities in the store.

    Example: thidua stats --store kg.store
    """
    from .graph.stats import store_stats

    graph_store = _open(store)
    for name, value in store_stats(graph_store).items():
        typer.echo(f"{name:<16}{value}")


# Feature modules add their own commands (view/path, check/ontology, serve/push).
from . import cli_check, cli_serve, cli_views  # noqa: E402

for _feature in (cli_views, cli_check, cli_serve):
    _feature.register(app)
