"""`thidua push`: copy each article graph to another triplestore with the SPARQL 1.1 Graph Store Protocol.

One ``PUT {endpoint}?graph=<article IRI>`` per article, its triples as N-Triples: PUT replaces
the remote graph, so pushing again never duplicates. Graphs go in batches over a few
keep-alive connections; connection errors, 408/429 and 5xx are retried with exponential
backoff. A state file (JSON Lines, appended and fsynced after every batch) records each graph
sent and a SHA-256 of its content, per endpoint: an interrupted push resumes where it stopped,
and graphs unchanged since the last push are not sent again. Credentials come from the
environment only (``THIDUA_PUSH_TOKEN``, or ``THIDUA_PUSH_USER`` and ``THIDUA_PUSH_PASSWORD``).
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import random
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from .store import GraphStore

ENV_TOKEN = "THIDUA_PUSH_TOKEN"
ENV_USER = "THIDUA_PUSH_USER"
ENV_PASSWORD = "THIDUA_PUSH_PASSWORD"
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
N_TRIPLES = "application/n-triples"


class PushError(RuntimeError):
    """The push stopped; the message says why, ``report`` what was done (rerun to resume)."""

    def __init__(self, message: str, report: PushReport | None = None):
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class PushOptions:
    batch_size: int = 50  # graphs between two checkpoints of the state file
    concurrency: int = 4  # connections sending at once
    retries: int = 5  # further attempts per request after the first
    backoff: float = 0.5  # first retry delay in seconds, doubled each time (with jitter)
    max_backoff: float = 30.0
    timeout: float = 60.0  # seconds per request
    force: bool = False  # send every graph, ignoring the state file
    prune: bool = False  # DELETE graphs pushed before that the store no longer holds


@dataclass
class PushReport:
    endpoint: str = ""
    graphs: int = 0  # article graphs in the store
    sent: int = 0
    unchanged: int = 0  # already on the endpoint with the same content (state file)
    deleted: int = 0
    triples: int = 0  # triples sent in this run
    bytes: int = 0
    retries: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.triples / self.seconds if self.seconds else 0.0
        return (f"graphs: {self.graphs} in the store; sent {self.sent}, unchanged {self.unchanged}, "
                f"deleted {self.deleted}\n"
                f"triples sent: {self.triples:,} ({self.bytes:,} bytes) in {self.seconds:.1f} s "
                f"({rate:,.0f} triples/s); retries: {self.retries}")


# --- pieces -------------------------------------------------------------------------------------------

def credentials_from_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Authorization header the environment asks for (bearer token, or user and password), or none."""
    env = os.environ if env is None else env
    token, user, password = env.get(ENV_TOKEN), env.get(ENV_USER), env.get(ENV_PASSWORD)
    if token:
        return {"Authorization": f"Bearer {token}"}
    if user or password:
        if not (user and password):
            raise PushError(f"set both {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}), not only one")
        basic = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {basic}"}
    return {}


def graph_payload(store: GraphStore, graph_iri: str) -> tuple[bytes, int, str]:
    """The graph's triples as sorted N-Triples, their count and SHA-256 (the same content hashes the same)."""
    graph = ox.NamedNode(graph_iri)
    triples = [ox.Triple(q.subject, q.predicate, q.object)
               for q in store.oxigraph.quads_for_pattern(None, None, None, graph)]
    lines = sorted(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True))
    body = b"".join(lines)
    return body, len(lines), hashlib.sha256(body).hexdigest()


def default_state_path(store_path: str | Path) -> Path:
    """Beside the store folder (never inside it): ``kg.store`` → ``kg.store.push-state.jsonl``."""
    path = Path(store_path)
    return path.with_name(path.name + ".push-state.jsonl")


class PushState:
    """What was sent where: an append-only JSON Lines log, one line per graph sent or deleted."""

    def __init__(self, path: Path, endpoint: str):
        self.path = path
        self.endpoint = endpoint
        self.sent: dict[str, str] = {}  # graph IRI -> SHA-256 of the content on the endpoint
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line torn by a crash: that graph is simply sent again
                if not isinstance(entry, dict) or entry.get("endpoint") != endpoint or "graph" not in entry:
                    continue
                if entry.get("deleted"):
                    self.sent.pop(entry["graph"], None)
                elif "sha256" in entry:
                    self.sent[entry["graph"]] = entry["sha256"]
        self._lock = threading.Lock()
        self._file = None

    def _write(self, entry: dict) -> None:
        with self._lock:
            if self._file is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
            self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def record_sent(self, graph: str, sha256: str, triples: int) -> None:
        self._write({"endpoint": self.endpoint, "graph": graph, "sha256": sha256, "triples": triples,
                     "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        self.sent[graph] = sha256

    def record_deleted(self, graph: str) -> None:
        self._write({"endpoint": self.endpoint, "graph": graph, "deleted": True})
        self.sent.pop(graph, None)

    def checkpoint(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.flush()
                os.fsync(self._file.fileno())

    def close(self) -> None:
        self.checkpoint()
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


class _Connections:
    """One keep-alive HTTP(S) connection per thread, reopened after an error; retries with backoff."""

    def __init__(self, endpoint: str, headers: dict[str, str], options: PushOptions, counter: Callable[[], None]):
        parts = urlsplit(endpoint)
        self.https = parts.scheme == "https"
        self.host = parts.hostname or ""
        self.port = parts.port
        self.path = parts.path or "/"
        self.query = parts.query
        self.headers = headers
        self.options = options
        self.on_retry = counter
        self._local = threading.local()

    def target(self, graph: str) -> str:
        query = urlencode({"graph": graph})
        return f"{self.path}?{self.query + '&' if self.query else ''}{query}"

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.https:
                conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.options.timeout,
                                                   context=ssl.create_default_context())
            else:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=self.options.timeout)
            self._local.conn = conn
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def request(self, method: str, graph: str, body: bytes | None = None) -> int:
        """Send one request, retrying transient failures; return the final status or raise PushError."""
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = N_TRIPLES
        last = ""
        for attempt in range(self.options.retries + 1):
            if attempt:
                self.on_retry()
            retry_after = 0.0
            try:
                conn = self._connection()
                conn.request(method, self.target(graph), body=body, headers=headers)
                response = conn.getresponse()
                detail = response.read(2048).decode("utf-8", "replace").strip()
                if response.will_close:
                    self._drop()
                else:
                    response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                self._drop()
                last = f"{type(exc).__name__}: {exc}"
            else:
                if status < 300 or (method == "DELETE" and status == 404):
                    return status
                last = f"HTTP {status} {detail[:300]}"
                if status not in RETRY_STATUSES:
                    hint = " (check THIDUA_PUSH_USER/PASSWORD or THIDUA_PUSH_TOKEN)" if status in (401, 403) else ""
                    raise PushError(f"{method} <{graph}> refused: {last}{hint}")
                value = response.getheader("Retry-After", "")
                retry_after = float(value) if value.isdigit() else 0.0
            if attempt < self.options.retries:
                delay = min(self.options.max_backoff, self.options.backoff * 2 ** attempt) * random.uniform(0.5, 1.0)
                time.sleep(max(delay, min(retry_after, self.options.max_backoff)))
        raise PushError(f"{method} <{graph}> failed after {self.options.retries + 1} attempts: {last}")

    def close(self) -> None:
        self._drop()


def _check_endpoint(endpoint: str, report: PushReport, authorized: bool) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{endpoint!r} is not an http(s) URL of a Graph Store Protocol endpoint "
                        "(for Oxigraph: http://HOST:7878/store)")
    if parts.username or parts.password:
        raise PushError(f"put credentials in {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}, not in the URL")
    if parts.fragment:
        raise PushError("the endpoint URL must not have a #fragment")
    loopback = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if authorized and parts.scheme == "http" and not loopback:
        report.warnings.append(f"credentials are sent unencrypted to {parts.hostname}; use https")


# --- the job ------------------------------------------------------------------------------------------

def push(store: GraphStore, endpoint: str, *, state_path: str | Path, options: PushOptions = PushOptions(),
         env: Mapping[str, str] | None = None, progress: Callable[[int], None] | None = None) -> PushReport:
    """PUT every data graph of ``store`` (each article's, and the shared graph) to ``endpoint`` (Graph Store Protocol); resume from ``state_path``.

    ``progress(n)`` is called as graphs are done (sent or found unchanged). Raises
    :class:`PushError` when a request keeps failing; what was sent is in the state file,
    so running the same push again continues from there.
    """
    started = time.monotonic()
    report = PushReport(endpoint=endpoint)
    headers = credentials_from_env(env)
    _check_endpoint(endpoint, report, bool(headers))
    state = PushState(Path(state_path), endpoint)
    graphs = store.data_graphs()  # the articles' graphs and the shared graph they point into
    report.graphs = len(graphs)
    lock = threading.Lock()

    def count_retry() -> None:
        with lock:
            report.retries += 1

    connections = _Connections(endpoint, headers, options, count_retry)
    failed = threading.Event()  # once a request has failed for good, start no more

    def send(graph: str) -> None:
        if failed.is_set():
            return
        body, triples, digest = graph_payload(store, graph)
        if not options.force and state.sent.get(graph) == digest:
            with lock:
                report.unchanged += 1
        else:
            try:
                connections.request("PUT", graph, body)
            except BaseException:
                failed.set()
                raise
            state.record_sent(graph, digest, triples)
            with lock:
                report.sent += 1
                report.triples += triples
                report.bytes += len(body)
        if progress:
            with lock:
                progress(1)

    def delete(graph: str) -> None:
        if failed.is_set():
            return
        try:
            connections.request("DELETE", graph)
        except BaseException:
            failed.set()
            raise
        state.record_deleted(graph)
        with lock:
            report.deleted += 1

    try:
        jobs = [(send, g) for g in graphs]
        if options.prune:
            present = set(graphs)
            jobs += [(delete, g) for g in sorted(state.sent) if g not in present]
        with ThreadPoolExecutor(max_workers=max(1, options.concurrency), thread_name_prefix="thidua-push") as pool:
            for start in range(0, len(jobs), max(1, options.batch_size)):
                batch = jobs[start:start + max(1, options.batch_size)]
                futures = [pool.submit(job, graph) for job, graph in batch]
                errors = [f.exception() for f in futures if f.exception() is not None]
                state.checkpoint()
                if errors:
                    report.seconds = time.monotonic() - started
                    first = errors[0]
                    message = str(first) if isinstance(first, PushError) else f"{type(first).__name__}: {first}"
                    raise PushError(f"{message}\npushed {report.sent} of {len(graphs)} graphs before stopping; "
                                    f"run the same command again to resume (state in {state.path})", report)
    finally:
        state.close()
        connections.close()
    report.seconds = time.monotonic() - started
    return report
