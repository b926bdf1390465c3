"""`thidua serve`: a real SPARQL client (SPARQLWrapper) against the running endpoint on loopback."""
from __future__ import annotations

import http.client
import json
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from thidua.graph.endpoint import ServeConfig, make_server
from thidua.graph.protocol import (
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    Limits,
    ProtocolError,
    check_query,
    keywords,
    negotiate,
)
from thidua.graph.store import PREFIXES, GraphStore
from typer.testing import CliRunner

from thidua.cli import app

pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, URITooLong  # noqa: E402

LIMITS = Limits(timeout=2.0, max_rows=1000, max_query_length=2000)
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
PEOPLE = PROLOGUE + "SELECT DISTINCT ?person ?name WHERE { ?person a td:Person ; td:name ?name } ORDER BY ?name"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s2 ?p2 ?o2 } GRAPH ?c { ?s3 ?p3 ?o3 } }"


# --- fixtures: the endpoint, and a server that records every request it gets -------------------------

class _Recorder(BaseHTTPRequestHandler):
    def _any(self) -> None:
        self.server.hits.append(self.path)
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's names
        self._any()

    def do_POST(self) -> None:  # noqa: N802
        self._any()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def views_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    (folder / "index.html").write_text("<!DOCTYPE html><title>views</title><p>Hồ Chí Minh</p>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def endpoint(example_store_path, views_dir):
    """The endpoint on a free loopback port, serving the example store; its /sparql URL."""
    config = ServeConfig(store=example_store_path, port=0, workers=2, limits=LIMITS, views=views_dir, log=False)
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def truth(example_store_path):
    """The example store opened directly: what the endpoint's answers are compared with."""
    return GraphStore(example_store_path, read_only=True)


def _client(server, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    elif method == "POSTDIRECTLY":
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    client.setTimeout(30)
    return client


def _people(truth) -> set[tuple[str, str]]:
    return {(s["person"].value, s["name"].value) for s in truth.oxigraph.query(PEOPLE, use_default_graph_as_union=True)}


def _get(server, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(server.url.rstrip("/") + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


# --- every result format, through SPARQLWrapper ----------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_select_json(endpoint, truth, method):
    result = _client(endpoint, PEOPLE, JSON, method).queryAndConvert()
    rows = {(b["person"]["value"], b["name"]["value"]) for b in result["results"]["bindings"]}
    assert rows == _people(truth) and len(rows) > 20


def test_select_xml(endpoint, truth):
    document = _client(endpoint, PEOPLE, XML).queryAndConvert()  # an xml.dom.minidom Document
    names = {node.firstChild.data for binding in document.getElementsByTagName("binding")
             if binding.getAttribute("name") == "name" for node in binding.getElementsByTagName("literal")}
    assert names == {name for _, name in _people(truth)}


@pytest.mark.parametrize("fmt, separator", [(CSV, ","), (TSV, "\t")])
def test_select_csv_tsv(endpoint, truth, fmt, separator):
    text = _client(endpoint, PEOPLE, fmt).queryAndConvert()
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    lines = text.strip("\r\n").splitlines()
    assert lines[0].replace("?", "") == separator.join(["person", "name"])
    assert len(lines) - 1 == len(_people(truth))
    assert any("Hồ Chí Minh" in line for line in lines)


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(endpoint, fmt):
    yes = _client(endpoint, PROLOGUE + "ASK { ?p a td:Person }", fmt).queryAndConvert()
    no = _client(endpoint, PROLOGUE + "ASK { ?p a td:NoSuchClass }", fmt).queryAndConvert()
    if fmt == JSON:
        assert yes["boolean"] is True and no["boolean"] is False
    else:
        assert yes.getElementsByTagName("boolean")[0].firstChild.data == "true"
        assert no.getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, XML])
def test_construct(endpoint, truth, fmt):
    query = PROLOGUE + "CONSTRUCT { ?p td:name ?n } WHERE { ?p a td:Person ; td:name ?n }"
    graph = _client(endpoint, query, fmt).queryAndConvert()
    if isinstance(graph, bytes):  # Turtle comes back as bytes: parse it with rdflib ourselves
        import rdflib

        graph = rdflib.Graph().parse(data=graph.decode("utf-8"), format="turtle")
    expected = {(t.subject.value, t.object.value) for t in truth.oxigraph.query(query, use_default_graph_as_union=True)}
    assert {(str(s), str(o)) for s, _, o in graph} == expected


def test_describe(endpoint, truth):
    person = sorted(_people(truth))[0][0]
    graph_text = _client(endpoint, f"DESCRIBE <{person}>", TURTLE).queryAndConvert()
    parsed = ox.parse(graph_text, format=ox.RdfFormat.TURTLE)
    assert {t.subject.value for t in parsed} == {person}


def test_dataset_from_protocol_parameters(endpoint, truth):
    graph = truth.article_graphs()[0]
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = endpoint.url + "sparql?" + urlencode({"query": query, "default-graph-uri": graph})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"})) as response:
        count = int(json.load(response)["results"]["bindings"][0]["n"]["value"])
    expected = sum(1 for _ in truth.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    assert count == expected


# --- refusals --------------------------------------------------------------------------------------------

def test_update_is_refused(endpoint, truth):
    before = truth.count_quads()
    for method in ("POST", "POSTDIRECTLY"):
        client = _client(endpoint, "INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> 1 } }", JSON, method)
        with pytest.raises(urllib.error.HTTPError) as caught:
            client.query()
        assert caught.value.code == 403 and b"read-only" in caught.value.read()
    # an update smuggled in as a query, and a write with the Graph Store Protocol
    status, _, body = _get(endpoint, "/sparql?" + urlencode({"query": "DROP ALL"}))
    assert status == 403 and b"read-only" in body
    request = urllib.request.Request(endpoint.url + "store?default", data=b"<http://x/s> <http://x/p> 1 .",
                                     method="PUT", headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == 403
    assert truth.count_quads() == before


def test_service_is_refused_and_nothing_is_fetched(endpoint, recorder):
    remote = f"http://127.0.0.1:{recorder.server_address[1]}/sparql"
    queries = [f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}",
               f"SELECT * WHERE {{ service silent <{remote}> {{ ?s ?p ?o }} }}",
               f"SELECT * WHERE {{ \\u0053ERVICE <{remote}> {{ ?s ?p ?o }} }}"]
    for query in queries:
        with pytest.raises(urllib.error.HTTPError) as caught:
            _client(endpoint, query, JSON).query()
        assert caught.value.code == 403 and b"SERVICE" in caught.value.read()
    # FROM / FROM NAMED name graphs of the store: nothing is fetched, the answer is just empty
    query = f"SELECT * FROM <{remote}> FROM NAMED <{remote}> WHERE {{ ?s ?p ?o }}"
    result = _client(endpoint, query, JSON).queryAndConvert()
    assert result["results"]["bindings"] == []
    time.sleep(0.2)
    assert recorder.hits == []


def test_over_long_query_is_refused(endpoint):
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * LIMITS.max_query_length
    with pytest.raises(URITooLong):
        _client(endpoint, query, JSON).query()
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(endpoint, query, JSON, "POST").query()
    assert caught.value.code == 413 and b"too long" in caught.value.read()


def test_syntax_error_is_400(endpoint):
    with pytest.raises(QueryBadFormed) as caught:
        _client(endpoint, "SELECT ?x WHERE { ?x ", JSON).query()
    assert "syntax error" in str(caught.value)


def test_result_cap(endpoint):
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(endpoint, "SELECT * WHERE { ?s ?p ?o }", JSON).query()
    assert caught.value.code == 422 and b"LIMIT" in caught.value.read()
    rows = _client(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000", JSON).queryAndConvert()
    assert len(rows["results"]["bindings"]) == 1000


def test_timeout_stops_the_query_and_the_endpoint_recovers(endpoint, truth):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        _client(endpoint, SLOW, JSON).query()
    elapsed = time.monotonic() - started
    assert caught.value.code == 504 and b"time limit" in caught.value.read()
    assert LIMITS.timeout <= elapsed < LIMITS.timeout + 3
    for _ in range(4):  # both workers answer again (the killed one is replaced)
        rows = _client(endpoint, PEOPLE, JSON).queryAndConvert()["results"]["bindings"]
        assert len(rows) == len(_people(truth))


def test_not_acceptable(endpoint):
    status, _, body = _get(endpoint, "/sparql?" + urlencode({"query": "ASK {}"}), {"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body


def test_foreign_host_header_is_refused(endpoint):
    status, _, body = _get(endpoint, "/sparql?" + urlencode({"query": "ASK {}"}), {"Host": "attacker.example"})
    assert status == 403 and b"loopback" in body


# --- pages -----------------------------------------------------------------------------------------------

def test_query_page_is_self_contained(endpoint):
    status, headers, body = _get(endpoint, "/", {"Accept": "text/html"})
    page = body.decode("utf-8")
    assert status == 200 and '<form action="sparql"' in page and "<textarea" in page
    assert "<script" not in page and " src=" not in page and 'href="http' not in page  # loads nothing else
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    status, _, body = _get(endpoint, "/sparql", {"Accept": "text/html"})  # a browser at /sparql: sent to the page
    assert status == 200 and b"<textarea" in body


def test_html_results_escape_and_link(endpoint):
    query = 'SELECT ?x WHERE { VALUES ?x { "<script>alert(1)</script>" } }'
    status, _, body = _get(endpoint, "/sparql?" + urlencode({"query": query, "format": "html"}))
    page = body.decode("utf-8")
    assert status == 200 and "&lt;script&gt;" in page and "<script>" not in page
    status, _, body = _get(endpoint, "/sparql?" + urlencode({"query": PEOPLE, "format": "html"}))
    assert status == 200 and "Hồ Chí Minh" in body.decode("utf-8") and "DESCRIBE" in body.decode("utf-8")


def test_views_are_served_from_their_folder_only(endpoint):
    status, _, body = _get(endpoint, "/views/")
    assert status == 200 and "Hồ Chí Minh" in body.decode("utf-8")
    for path in ("/views/../index.html", "/views/%2e%2e/%2e%2e/etc/passwd", "/views/nothing.html", "/views/%00"):
        assert _get(endpoint, path)[0] == 404


def test_service_description(endpoint):
    status, headers, body = _get(endpoint, "/sparql", {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    types = {t.object.value for t in ox.parse(body, format=ox.RdfFormat.TURTLE) if t.predicate.value.endswith("#type")}
    assert types == {"http://www.w3.org/ns/sparql-service-description#Service"}


# --- load: several clients at once -------------------------------------------------------------------------

def run_load(url: str, clients: int, requests_each: int, queries: list[tuple[str, str]]) -> dict:
    """``clients`` threads, each sending ``requests_each`` queries over one keep-alive connection."""
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        for i in range(requests_each):
            query, accept = queries[(index + i) % len(queries)]
            started = time.perf_counter()
            try:
                conn.request("POST", "/sparql", body=urlencode({"query": query}),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and body
            except (OSError, http.client.HTTPException) as exc:
                ok, body = False, str(exc).encode()
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(body[:200].decode("utf-8", "replace"))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {"requests": len(latencies), "errors": errors, "seconds": wall, "throughput": len(latencies) / wall,
            "p50": statistics.median(ordered), "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]}


LOAD_QUERIES = [
    (PEOPLE, "application/sparql-results+json"),
    (PROLOGUE + "SELECT ?post WHERE { ?h a td:PostHolding ; td:post/rdfs:label ?post } LIMIT 50", "text/csv"),
    (PROLOGUE + "ASK { ?p a td:Person }", "application/sparql-results+xml"),
    (PROLOGUE + "SELECT ?e (COUNT(?x) AS ?n) WHERE { ?e a td:Event ; ?p ?x } GROUP BY ?e", "text/tab-separated-values"),
]


def test_concurrent_clients_get_no_errors(endpoint):
    stats = run_load(endpoint.url, clients=8, requests_each=25, queries=LOAD_QUERIES)
    print(f"\nload: {stats['requests']} requests by 8 clients in {stats['seconds']:.2f} s: "
          f"{stats['throughput']:.0f} req/s, p50 {stats['p50'] * 1000:.1f} ms, p99 {stats['p99'] * 1000:.1f} ms")
    assert stats["requests"] == 200
    assert stats["errors"] == []


# --- the pieces, without HTTP ------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x> {}" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> { }",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:SERVICE ?insert }",
    "SELECT ?SERVICE WHERE { ?s ?p ?SERVICE }",
    'SELECT * WHERE { ?s ?p """multi\nline "DELETE" SERVICE""" }',
])
def test_words_inside_strings_iris_comments_are_not_keywords(query):
    check_query(query, LIMITS)


@pytest.mark.parametrize("query, status", [
    ("SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { FILTER(?a<?b)SERVICE<http://x>{?s ?p ?o} }", 403),
    ("SELECT * WHERE { ?s ?p 'a' . sErViCe <http://x> { ?s ?p ?o } }", 403),
    (r"SELECT * WHERE { ?s ?p '\u0027 } SERVICE <http://x> { ?s ?p ?o } #' }", 403),
    ("INSERT DATA { <http://x> <http://y> 1 }", 403),
    ("LOAD <http://x/data.ttl>", 403),
    ("PREFIX a: <http://x/> CLEAR ALL", 403),
    ("", 400),
    ("ASK {}" + " " * LIMITS.max_query_length, 413),
])
def test_refused_before_evaluation(query, status):
    with pytest.raises(ProtocolError) as caught:
        check_query(query, LIMITS)
    assert caught.value.status == status


def test_keywords_skip_literals_and_names():
    assert keywords('SELECT ?x WHERE { ?x td:name "INSERT" } # DELETE') == {"SELECT", "WHERE"}


@pytest.mark.parametrize("formats, accept, params, expected", [
    (SOLUTION_FORMATS, "", (), "json"),
    (SOLUTION_FORMATS, "text/csv;q=0.5, application/sparql-results+xml", (), "xml"),
    (SOLUTION_FORMATS, "text/*", (), "csv"),
    (SOLUTION_FORMATS, "*/*;q=0.1, text/tab-separated-values;q=0.9", (), "tsv"),
    (SOLUTION_FORMATS, "application/sparql-results+json", ("tsv", "text/tab-separated-values"), "tsv"),
    (SOLUTION_FORMATS, "application/json", ("nonsense",), "json"),
    (GRAPH_FORMATS, "application/ld+json, text/turtle;q=0.9", (), "jsonld"),
    (GRAPH_FORMATS, "application/rdf+xml", (), "rdfxml"),
    (GRAPH_FORMATS, "*/*", (), "turtle"),
    (GRAPH_FORMATS, "text/html,application/xhtml+xml,*/*;q=0.8", (), "html"),
])
def test_negotiation(formats, accept, params, expected):
    assert negotiate(formats, accept, params).name == expected


def test_negotiation_refuses_what_it_cannot_make():
    with pytest.raises(ProtocolError) as caught:
        negotiate(SOLUTION_FORMATS, "text/turtle, image/*;q=0.5", ())
    assert caught.value.status == 406


def test_query_workers_have_no_network(recorder):
    """Even a SERVICE call that got past the check could reach no host from a worker (where Linux allows it)."""
    port = recorder.server_address[1]
    script = (
        "import sys, pyoxigraph as ox\n"
        "from thidua.graph.query_pool import isolate_network\n"
        "if not isolate_network(): sys.exit(3)\n"
        f"try: list(ox.Store().query('SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}'))\n"
        "except OSError: sys.exit(0)\n"
        "sys.exit(1)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    if result.returncode == 3:
        pytest.skip("this kernel does not allow a private network namespace")
    assert result.returncode == 0, result.stderr
    assert recorder.hits == []


# --- the command -------------------------------------------------------------------------------------------

def test_cli_serve_starts_answers_and_stops(example_store_path):
    command = [str(Path(sys.executable).parent / "thidua"), "serve", "--store", str(example_store_path),
               "--port", "0", "--workers", "1", "--quiet"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stderr.readline()
        assert first.startswith("SPARQL endpoint http://127.0.0.1:"), first
        url = first.split()[2]
        with urllib.request.urlopen(url + "?" + urlencode({"query": "ASK { ?s ?p ?o }"}), timeout=30) as response:
            assert json.load(response)["boolean"] is True
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0


def test_cli_serve_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "nothing"), "--port", "0"])
    assert result.exit_code == 1 and "no store here" in result.output


def test_server_binds_loopback_by_default(endpoint):
    assert ServeConfig(store=Path("x")).host == "127.0.0.1"
    assert endpoint.server_address[0] == "127.0.0.1" and endpoint.loopback_only


def test_memory_hungry_query_is_stopped(example_store_path):
    """A sort over a cross product grows by hundreds of MB a second; the worker's cap stops it with a 507."""
    from thidua.graph.protocol import QueryRequest
    from thidua.graph.query_pool import QueryPool

    limits = Limits(timeout=20, max_rows=10, max_memory_mb=800)
    hungry = "SELECT * WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } } ORDER BY ?c ?f LIMIT 1"
    with QueryPool(str(example_store_path), limits, workers=1) as pool:
        started = time.monotonic()
        response = pool.run(QueryRequest(hungry))
        assert response.status == 507 and b"--max-memory" in response.body
        assert time.monotonic() - started < 15
        assert pool.run(QueryRequest("ASK { ?s ?p ?o }")).status == 200  # waits for the fresh worker


def test_jsonld_names_no_remote_context(endpoint, truth):
    person = sorted(_people(truth))[0][0]
    status, headers, body = _get(endpoint, "/sparql?" + urlencode({"query": f"DESCRIBE <{person}>"}),
                                 {"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"] == "application/ld+json"
    assert "@context" not in body.decode("utf-8")  # expanded JSON-LD: a client has nothing to fetch
    assert {node["@id"] for node in json.loads(body)} == {person}
