"""CLI commands for the serve feature (`thidua serve`, `thidua push`); registered on the main app by `register`."""
from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .graph.store import DEFAULT_STORE, StoreError

StoreOption = Annotated[Path, typer.Option("--store", help="Folder of the persistent graph store.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def serve(
    store: StoreOption = Path(DEFAULT_STORE),
    host: Annotated[str, typer.Option(
        help="Address to listen on; anything but loopback exposes the store.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).")] = 7878,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run before it is stopped (HTTP 504).")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        help="Most rows (or triples) one answer may hold (over it: HTTP 422).")] = 10_000,
    max_query_length: Annotated[int, typer.Option(
        help="Longest query text, in characters (over it: HTTP 413/414).")] = 10_000,
    max_memory: Annotated[int, typer.Option(
        help="Megabytes one query worker may use (over it: HTTP 507; 0: no limit).")] = 2048,
    workers: Annotated[int, typer.Option(help="Query worker processes (queries answered at once).")] = 2,
    views: Annotated[Optional[Path], typer.Option(
        help="A folder of HTML views (from `thidua view`) to serve at /views/.")] = None,
    cors: Annotated[bool, typer.Option("--cors", help="Let web pages from any origin query the endpoint.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No request log.")] = False,
) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page at / (Ctrl-C stops it).

    Updates, SERVICE calls, over-long queries and answers over the row cap are refused with
    an HTTP error; see docs/serving.md for the status codes.

    Example: thidua serve --store kg.store --port 7878   # then open http://127.0.0.1:7878/
    """
    from .graph.endpoint import ServeConfig, describe, make_server
    from .graph.protocol import Limits

    if views is not None and not views.is_dir():
        raise _fail(f"{views}: no such folder of views")
    if timeout <= 0 or max_rows < 1 or max_query_length < 1 or workers < 1 or max_memory < 0:
        raise _fail("--timeout, --max-rows, --max-query-length and --workers must be positive")
    config = ServeConfig(store=store, host=host, port=port, workers=workers, views=views, cors=cors, log=not quiet,
                         limits=Limits(timeout=timeout, max_rows=max_rows, max_query_length=max_query_length,
                                       max_memory_mb=max_memory))
    try:
        server = make_server(config)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except RuntimeError as exc:
        raise _fail(f"query workers did not start: {exc}") from None

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    typer.echo(describe(server), err=True, nl=False)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        typer.echo("stopping", err=True)
    finally:
        server.server_close()


def push(
    endpoint: Annotated[str, typer.Option(
        help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store for Oxigraph.")],
    store: StoreOption = Path(DEFAULT_STORE),
    state: Annotated[Optional[Path], typer.Option(
        help="Resume file (default: STORE.push-state.jsonl beside the store).")] = None,
    batch_size: Annotated[int, typer.Option(help="Graphs per batch (the resume file is synced after each).")] = 50,
    concurrency: Annotated[int, typer.Option(help="Requests in flight at once.")] = 4,
    retries: Annotated[int, typer.Option(help="Retries per request on connection errors, 408/429 and 5xx.")] = 5,
    backoff: Annotated[float, typer.Option(help="First retry delay in seconds; doubles each retry.")] = 0.5,
    force: Annotated[bool, typer.Option(
        "--force", help="Send every graph, even those the resume file says are there.")] = False,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Delete graphs pushed earlier that the store no longer has.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Send each article's named graph to a triplestore (SPARQL 1.1 Graph Store Protocol, one PUT per graph).

    A re-push replaces graphs, never duplicates them; an interrupted push resumes when run
    again; graphs unchanged since the last push to the same endpoint are skipped. Credentials
    come from THIDUA_PUSH_TOKEN (bearer) or THIDUA_PUSH_USER and THIDUA_PUSH_PASSWORD (basic).

    Example: thidua push --endpoint http://127.0.0.1:7878/store --store kg.store
    """
    from .graph.push import PushError, PushOptions, default_state_path
    from .graph.push import push as push_graphs
    from .graph.store import GraphStore

    options = PushOptions(batch_size=batch_size, concurrency=concurrency, retries=retries, backoff=backoff,
                          force=force, prune=prune)
    try:
        graph_store = GraphStore(store, read_only=True)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    state_path = state or default_state_path(store)
    try:
        total = len(graph_store.article_graphs())
        if quiet or not total:
            report = push_graphs(graph_store, endpoint, state_path=state_path, options=options)
        else:
            with typer.progressbar(length=total, label="Pushing graphs", file=sys.stderr) as bar:
                report = push_graphs(graph_store, endpoint, state_path=state_path, options=options,
                                     progress=bar.update)
    except PushError as exc:
        if exc.report is not None:
            typer.echo(exc.report.summary())
        raise _fail(str(exc)) from None
    finally:
        graph_store.close()
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"pushed to {endpoint}")
    typer.echo(report.summary())


def register(app: typer.Typer) -> None:
    """Add this feature's commands to `app`."""
    app.command()(serve)
    app.command()(push)
