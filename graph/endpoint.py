"""`thidua serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, a query page and the HTML views.

The HTTP side is the standard library's threading server; queries run in
:class:`~.query_pool.QueryPool` worker processes (hard time limit), and
:mod:`.protocol` checks, answers and negotiates. docs/serving.md says why this is not the
Oxigraph server from PyPI (it makes SERVICE calls, has no result cap, and reports a timeout
inside a 200 response).

Routes: ``/`` query page · ``/sparql`` (alias ``/query``) SPARQL Protocol, GET and POST ·
``/views/…`` the static folder given with ``--views`` · everything that writes answers 403.
"""
from __future__ import annotations

import ipaddress
import mimetypes
import sys
import traceback
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .protocol import (
    PAGE_POLICY,
    Limits,
    ProtocolError,
    QueryRequest,
    Response,
    check_query,
    element,
    html_page,
    service_description,
)
from .query_pool import QueryPool
from .store import PREFIXES, GraphStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
EXAMPLE_QUERY = """SELECT ?name ?post ?article WHERE {
  ?holding a td:PostHolding ;
           td:holder/td:name ?name ;
           td:post/rdfs:label ?post ;
           td:attestedBy ?article .
}
ORDER BY ?name
LIMIT 50
"""
_FORM_CONTENT = "application/x-www-form-urlencoded"
_LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}


@dataclass(frozen=True)
class ServeConfig:
    """Everything `thidua serve` needs; the defaults are the safe ones."""

    store: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    workers: int = 2
    views: Path | None = None
    cors: bool = False
    log: bool = True


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_of(header: str) -> str:
    """The host part of a Host header ("127.0.0.1:7878", "[::1]:7878", "localhost")."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, queries handed to the worker pool."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: ServeConfig, pool: QueryPool, articles: int):
        self.config = config
        self.pool = pool
        self.articles = articles
        self.address_family = _family(config.host)
        super().__init__((config.host, config.port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    @property
    def loopback_only(self) -> bool:
        return _is_loopback(self.config.host)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def _family(host: str):
    import socket

    try:
        return socket.AF_INET6 if ipaddress.ip_address(host.strip("[]")).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


def make_server(config: ServeConfig) -> EndpointServer:
    """Check the store, start the query workers and bind the socket (not yet serving); raise StoreError/OSError."""
    with GraphStore(config.store, read_only=True) as store:
        articles = len(store.article_graphs())
    pool = QueryPool(str(config.store), config.limits, workers=config.workers)
    try:
        return EndpointServer(config, pool, articles)
    except BaseException:
        pool.close()
        raise


def _max_body(limits: Limits) -> int:
    """The largest request body read: the longest query, percent-encoded UTF-8, plus the other fields."""
    return limits.max_query_length * 12 + 16_384


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "thidua-kg"
    timeout = 30  # seconds to wait for a slow client's request before dropping it
    disable_nagle_algorithm = True  # headers and body go out as two writes: don't wait for a delayed ACK
    server: EndpointServer

    # --- plumbing ----------------------------------------------------------------------------------

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        if self.server.config.log:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _send(self, response: Response, *, head_only: bool = False) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        if response.content_type.startswith("text/html") and not getattr(self, "_static", False):
            self.send_header("Content-Security-Policy", PAGE_POLICY)
            self.send_header("Referrer-Policy", "no-referrer")
        if self.server.config.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in response.headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head_only:
            self.wfile.write(response.body)

    def _handle(self, method: str) -> None:
        self._static = False
        try:
            response = self._route(method)
        except ProtocolError as exc:
            response = exc.response()
        except Exception:  # noqa: BLE001 - a bug must cost one request, not the connection thread
            traceback.print_exc(file=sys.stderr)
            response = ProtocolError(500, "internal error in thidua serve; please report it").response()
        self._send(response, head_only=method == "HEAD")

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's names
        self._handle("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._handle("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._handle("DELETE")

    def do_PATCH(self) -> None:  # noqa: N802
        self._handle("PATCH")

    def do_OPTIONS(self) -> None:  # noqa: N802
        if self.server.config.cors:
            headers = (("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                       ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                       ("Access-Control-Max-Age", "600"))
            self._send(Response(204, "text/plain", b"", headers))
        else:
            self._handle("OPTIONS")

    # --- routes ------------------------------------------------------------------------------------

    def _route(self, method: str) -> Response:
        self._check_host()
        url = urlsplit(self.path)
        path = url.path
        if method in ("PUT", "DELETE", "PATCH"):
            self._discard_body()
            raise ProtocolError(403, "this endpoint is read-only: it accepts no writes "
                                     "(push to a triplestore with `thidua push` to edit elsewhere)")
        if path in ("/sparql", "/query"):
            return self._sparql(method, url.query)
        if path == "/update":
            self._discard_body()
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
        if method not in ("GET", "HEAD"):
            self._discard_body()
            raise ProtocolError(405, f"{method} is not allowed on {path}", (("Allow", "GET, HEAD"),))
        if path in ("/", "/index.html"):
            return Response(200, "text/html; charset=utf-8", self._query_page(url.query))
        if path == "/views" or path.startswith("/views/"):
            return self._view(path[len("/views"):])
        raise ProtocolError(404, f"nothing at {path}; the SPARQL endpoint is /sparql, the query page is /")

    def _check_host(self) -> None:
        """On loopback, answer only requests addressed to a loopback name (defeats DNS rebinding)."""
        header = self.headers.get("Host")
        if header and self.server.loopback_only and not _is_loopback(_host_of(header)):
            raise ProtocolError(403, f"Host {header!r} is not served; this endpoint answers loopback names only "
                                     "(start it with --host to serve others)")

    def _discard_body(self) -> None:
        length = self.headers.get("Content-Length")
        if length and length.isdigit() and int(length) <= _max_body(self.server.config.limits):
            self.rfile.read(int(length))
        elif length or self.headers.get("Transfer-Encoding"):
            self.close_connection = True

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise ProtocolError(411, "send the request body with a Content-Length (chunked bodies are not read)")
        length = self.headers.get("Content-Length", "0")
        if not length.isdigit():
            self.close_connection = True
            raise ProtocolError(400, "bad Content-Length")
        if int(length) > _max_body(self.server.config.limits):
            self.close_connection = True
            raise ProtocolError(413, f"request body of {int(length):,} bytes is too large for a query of at most "
                                     f"{self.server.config.limits.max_query_length:,} characters")
        return self.rfile.read(int(length))

    def _sparql(self, method: str, query_string: str) -> Response:
        limits = self.server.config.limits
        if method == "GET" and len(query_string) > _max_body(limits):
            raise ProtocolError(414, "request URI too long; send long queries with POST")
        params = parse_qs(query_string, keep_blank_values=True)
        body_query = None
        if method == "POST":
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._read_body()
            if content_type == "application/sparql-update":
                raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the request body is not UTF-8") from None
            if content_type == _FORM_CONTENT:
                for key, values in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                body_query = text
            else:
                raise ProtocolError(415, "POST a query as application/sparql-query or as an "
                                         "application/x-www-form-urlencoded `query` field")
        elif method not in ("GET", "HEAD"):
            raise ProtocolError(405, f"{method} is not allowed on /sparql", (("Allow", "GET, HEAD, POST"),))
        if "update" in params:
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
        queries = ([body_query] if body_query is not None else []) + params.get("query", [])
        request = QueryRequest(
            query=queries[0] if queries else "",
            accept=self.headers.get("Accept", ""),
            format_params=tuple(v for key in ("format", "output", "results") for v in params.get(key, [])),
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        if not queries:
            if method == "GET" and "text/html" in request.accept and not request.format_params:
                return Response(303, "text/plain; charset=utf-8", b"see the query page at /\n", (("Location", "/"),))
            return service_description(self.server.url + "sparql", request)
        if len(queries) > 1:
            raise ProtocolError(400, "send exactly one query per request")
        try:
            check_query(request.query, limits)
        except ProtocolError as exc:
            if exc.status == 413 and method in ("GET", "HEAD"):
                raise ProtocolError(414, exc.message) from None
            raise
        return self.server.pool.run(request)

    def _view(self, relative: str) -> Response:
        root = self.server.config.views
        if root is None:
            raise ProtocolError(404, "no views are served; start with --views DIR (a folder written by `thidua view`)")
        root = root.resolve()
        try:
            target = (root / unquote(relative).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            found = target.is_relative_to(root) and target.is_file()
        except (OSError, ValueError):  # a NUL byte, a name too long …
            found = False
        if not found:
            raise ProtocolError(404, "no such view")
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        self._static = True  # the views carry their own scripts: no page policy on them
        return Response(200, content_type, target.read_bytes())

    def _query_page(self, query_string: str) -> bytes:
        config = self.server.config
        query = (parse_qs(query_string).get("query") or [EXAMPLE_QUERY])[0]
        formats = [("html", "table (HTML)"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"),
                   ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT/DESCRIBE)"),
                   ("json-ld", "JSON-LD (CONSTRUCT/DESCRIBE)")]
        form = element(
            "form", {"action": "sparql", "method": "get"},
            element("textarea", {"name": "query", "rows": "16", "spellcheck": "false"}, query),
            element("p", None,
                    element("label", None, "Results as ",
                            element("select", {"name": "format"},
                                    *[element("option", {"value": v}, label) for v, label in formats])),
                    " ", element("button", {"type": "submit"}, "Run query")))
        limits = config.limits
        notes = element(
            "ul", None,
            element("li", None, "SPARQL 1.1 Protocol endpoint: ", element("code", None, self.server.url + "sparql"),
                    " (GET or POST; results as JSON, XML, CSV or TSV, graphs as Turtle, JSON-LD, N-Triples "
                    "or RDF/XML by the Accept header or ?format=)."),
            element("li", None, f"{self.server.articles} articles, one named graph each; the default graph is "
                                "their union."),
            element("li", None, "Declared prefixes: ", element("code", None, ", ".join(f"{p}:" for p in PREFIXES)),
                    "."),
            element("li", None, f"Read-only. Each query may run {limits.timeout:g} s and return "
                                f"{limits.max_rows:,} rows; no SERVICE calls."),
            *([element("li", None, element("a", {"href": "views/"}, "HTML views"))] if config.views else []))
        return html_page("thidua-kg SPARQL", element("h1", None, "thidua-kg SPARQL"), form, notes)


def describe(server: EndpointServer) -> str:
    """One paragraph for the console: where, what, which limits."""
    config, limits = server.config, server.config.limits
    isolation = ("query workers have no network" if server.pool.isolated
                 else "query workers keep the host network (the kernel refused a private one)")
    exposure = "loopback only" if server.loopback_only else f"LISTENING ON {config.host} (not loopback)"
    return (f"SPARQL endpoint {server.url}sparql  (query page {server.url})\n"
            f"store {config.store}: {server.articles} articles; read-only, {exposure}\n"
            f"limits: {limits.timeout:g} s per query, {limits.max_rows:,} rows, "
            f"{limits.max_query_length:,} characters, {limits.max_memory_mb or 'unlimited'} MB per worker; "
            f"{config.workers} workers\nSERVICE refused, {isolation}\n"
            + (f"views: {config.views} at {server.url}views/\n" if config.views else ""))
