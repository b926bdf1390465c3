"""CLI commands for the views feature (`view`, `path`, `network`); registered on the main app by `register`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .graph.store import DEFAULT_STORE

StoreOption = Annotated[Path, typer.Option("--store", help="Folder of the persistent graph store.")]


def view(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write (atomically).")],
    store: StoreOption = Path(DEFAULT_STORE),
    focus: Annotated[Optional[str], typer.Option(
        "--focus", help="Draw the neighbourhood of this entity (a name, case-insensitive, or an IRI).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Links from --focus to include.")] = 2,
    timeline: Annotated[bool, typer.Option(
        "--timeline", help="Draw the --focus person's posts, events, awards and articles along a time axis.")] = False,
    max_nodes: Annotated[int, typer.Option(
        "--max-nodes", min=1, help="Above this many entities, draw the most connected ones and say so.")] = 5000,
    index: Annotated[bool, typer.Option(
        "--index/--no-index", help="Also (re)write index.html beside the page, linking every view there.")] = True,
) -> None:
    """Write an interactive, self-contained HTML view of the graph (works offline).

    Without --focus: an overview of the whole graph. With --focus: the entities
    within --depth links of one person, unit, organization or event; with
    --timeline as well: that person's record along a time axis. Colours and
    shapes by type with a legend, tooltips with the source article, search and
    filter by type.

    Example: thidua view --store kg.store --focus "Trần Việt Dũng" --depth 1 -o out/tran-viet-dung.html
    """
    from .cli import _fail, _open
    from .exports.views import INDEX_NAME, ViewError, make_view, write_index, write_view
    from .graph.network import NetworkLookupError, project

    if output.name == INDEX_NAME:
        raise _fail(f"{INDEX_NAME} is the name of the index page; choose another file name")
    graph_store = _open(store)
    try:
        graph = project(graph_store)
    finally:
        graph_store.close()
    try:
        page = make_view(graph, focus=focus, depth=depth, timeline=timeline, max_nodes=max_nodes)
    except (NetworkLookupError, ViewError) as exc:
        raise _fail(str(exc)) from None
    write_view(page, output)
    typer.echo(f"{page.kind} view ({page.subtitle}) written to {output}", err=True)
    for note in page.notes:
        typer.echo(f"note: {note}", err=True)
    if index:
        written = write_index(output.parent)
        if written is None:
            typer.echo(f"warning: {output.parent / INDEX_NAME} was not written by thidua; left as it is", err=True)
        else:
            typer.echo(f"index written to {written}", err=True)


def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="A name (case-insensitive) or IRI.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="A name (case-insensitive) or IRI.")],
    store: StoreOption = Path(DEFAULT_STORE),
    facts_only: Annotated[bool, typer.Option(
        "--facts-only", help="Leave articles out: only chains of facts (posts, events, places …), "
                             "not \"both are mentioned in article X\".")] = False,
) -> None:
    """Print the shortest chain of links between two entities, with the label of each link.

    Names match labels case-insensitively (or pass an IRI, full or as id:…). Of equally short
    chains, one of facts is preferred to one through a shared article.

    Example: thidua path "Trần Việt Dũng" "Đỗ Thị Ninh Hường" --store kg.store
    """
    from .cli import _fail, _open
    from .graph.network import NetworkLookupError, chain_between, format_chain, project

    graph_store = _open(store)
    try:
        graph = project(graph_store)
    finally:
        graph_store.close()
    try:
        steps = chain_between(graph, source, target, exclude_kinds=("article",) if facts_only else ())
    except NetworkLookupError as exc:
        raise _fail(str(exc)) from None
    typer.echo(format_chain(graph, steps))
    typer.echo(f"({len(steps)} link{'' if len(steps) == 1 else 's'})")


def network(
    store: StoreOption = Path(DEFAULT_STORE),
    top: Annotated[int, typer.Option("--top", min=1, help="Rows per section.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Print network analytics: the most connected officials (degree, betweenness), communities,
    and officials seen at the same events.

    Example: thidua network --store kg.store --top 5
    """
    from .cli import _open
    from .graph.network import format_report, project, report

    graph_store = _open(store)
    try:
        data = report(project(graph_store), top)
    finally:
        graph_store.close()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(data), nl=False)


def register(app: typer.Typer) -> None:
    """Add this feature's commands to `app`."""
    app.command()(view)
    app.command()(path)
    app.command()(network)
