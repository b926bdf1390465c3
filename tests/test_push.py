"""`thidua push` against a real triplestore (the Oxigraph server from PyPI) started on loopback by the test."""
from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from thidua.graph.push import PushError, PushOptions, credentials_from_env, push
from thidua.graph.store import META_GRAPH, GraphStore
from typer.testing import CliRunner

from thidua.cli import app

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (pip install oxigraph) is not installed")
FAST = PushOptions(batch_size=3, concurrency=2, retries=2, backoff=0.01, max_backoff=0.05, timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Triplestore:
    """`oxigraph serve` on a loopback port, its data in a folder, so it can be stopped and started again."""

    def __init__(self, location: Path):
        self.location = location
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def start(self) -> None:
        self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(self.location),
                                         "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the oxigraph server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)

    def quads(self) -> set[ox.Quad]:
        """Everything the remote holds, fetched with a Graph Store Protocol GET of the whole dataset."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/store", headers={"Accept": "application/n-quads"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        assert response.status == 200, body
        return set(ox.parse(body, format=ox.RdfFormat.N_QUADS))


@pytest.fixture
def remote(tmp_path):
    store = Triplestore(tmp_path / "remote")
    store.start()
    yield store
    store.stop()


@pytest.fixture(scope="module")
def local(example_store_path):
    with GraphStore(example_store_path, read_only=True) as store:
        yield store


def _store_quads(store: GraphStore) -> set[ox.Quad]:
    return set(store.data_quads())


def test_push_sends_exactly_the_store_and_a_repush_replaces(local, remote, tmp_path):
    state = tmp_path / "state.jsonl"
    report = push(local, remote.endpoint, state_path=state, options=FAST)
    expected = _store_quads(local)
    assert remote.quads() == expected
    assert not any(q.graph_name == META_GRAPH for q in remote.quads())
    assert (report.sent, report.unchanged, report.triples) == (len(local.data_graphs()), 0, len(expected))
    again = push(local, remote.endpoint, state_path=state, options=FAST)  # nothing changed: nothing sent
    assert (again.sent, again.unchanged, again.triples) == (0, len(local.data_graphs()), 0)
    forced = push(local, remote.endpoint, state_path=state, options=PushOptions(force=True))
    assert forced.sent == len(local.data_graphs())
    assert remote.quads() == expected  # PUT replaced every graph: nothing doubled


def test_interrupted_push_resumes(local, remote, tmp_path):
    state = tmp_path / "state.jsonl"
    graphs = local.data_graphs()
    done = []

    def kill_half_way(n: int) -> None:  # the triplestore goes away after 4 graphs
        done.append(n)
        if len(done) == 4:
            remote.stop()

    options = PushOptions(batch_size=2, concurrency=1, retries=2, backoff=0.01, max_backoff=0.05, timeout=10)
    with pytest.raises(PushError) as caught:
        push(local, remote.endpoint, state_path=state, options=options, progress=kill_half_way)
    assert "run the same command again to resume" in str(caught.value)
    assert caught.value.report.sent == 4
    remote.start()  # same folder, same port
    assert {q.graph_name.value for q in remote.quads()} == set(graphs[:4])
    report = push(local, remote.endpoint, state_path=state, options=options)
    assert (report.unchanged, report.sent) == (4, len(graphs) - 4)
    assert remote.quads() == _store_quads(local)


def test_push_prunes_graphs_the_store_dropped(store_copy, remote, tmp_path):
    state = tmp_path / "state.jsonl"
    with GraphStore(store_copy) as store:
        push(store, remote.endpoint, state_path=state, options=FAST)
        dropped = store.article_graphs()[0]
        store.remove_graph(dropped)
        kept = push(store, remote.endpoint, state_path=state, options=FAST)
        assert kept.deleted == 0 and dropped in {q.graph_name.value for q in remote.quads()}
        pruned = push(store, remote.endpoint, state_path=state, options=PushOptions(prune=True))
        assert pruned.deleted == 1
        assert remote.quads() == _store_quads(store)


# --- a real HTTP proxy in front of the triplestore: flaky, or asking for a token ----------------------------

class _Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _forward(self) -> None:
        proxy = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with proxy.lock:
            proxy.count += 1
            count = proxy.count
        if proxy.token and self.headers.get("Authorization") != f"Bearer {proxy.token}":
            return self._reply(401, b"token required")
        if proxy.fail_every and count % proxy.fail_every == 0:
            return self._reply(503, b"try later", {"Retry-After": "0"})
        conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream, timeout=30)
        conn.request(self.command, self.path, body=body or None,
                     headers={k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")})
        response = conn.getresponse()
        self._reply(response.status, response.read())
        conn.close()

    def _reply(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self) -> None:  # noqa: N802 - the stdlib's names
        self._forward()

    def do_GET(self) -> None:  # noqa: N802
        self._forward()

    def do_DELETE(self) -> None:  # noqa: N802
        self._forward()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(remote):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    server.upstream, server.count, server.lock = remote.port, 0, threading.Lock()
    server.token, server.fail_every = None, 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.endpoint = f"http://127.0.0.1:{server.server_address[1]}/store"
    yield server
    server.shutdown()
    server.server_close()


def test_transient_errors_are_retried(local, remote, proxy, tmp_path):
    proxy.fail_every = 3  # every third request answers 503
    report = push(local, proxy.endpoint, state_path=tmp_path / "state.jsonl", options=FAST)
    assert report.retries >= 3 and report.sent == len(local.data_graphs())
    assert remote.quads() == _store_quads(local)


def test_credentials_come_from_the_environment(local, remote, proxy, tmp_path):
    proxy.token = "s3cret"
    with pytest.raises(PushError) as caught:
        push(local, proxy.endpoint, state_path=tmp_path / "state.jsonl", options=FAST, env={})
    assert "401" in str(caught.value) and "THIDUA_PUSH_TOKEN" in str(caught.value)
    report = push(local, proxy.endpoint, state_path=tmp_path / "state.jsonl", options=FAST,
                  env={"THIDUA_PUSH_TOKEN": "s3cret"})
    assert report.sent == len(local.data_graphs())
    assert "s3cret" not in (tmp_path / "state.jsonl").read_text(encoding="utf-8")


def test_credentials_are_refused_in_the_url(local, tmp_path):
    with pytest.raises(PushError, match="not in the URL"):
        push(local, "http://user:pw@127.0.0.1:9/store", state_path=tmp_path / "s.jsonl")


def test_basic_credentials():
    assert credentials_from_env({"THIDUA_PUSH_USER": "a", "THIDUA_PUSH_PASSWORD": "b"}) == {
        "Authorization": "Basic YTpi"}
    with pytest.raises(PushError, match="set both"):
        credentials_from_env({"THIDUA_PUSH_USER": "a"})


def test_cli_push(example_store_path, remote, tmp_path):
    state = tmp_path / "state.jsonl"
    args = ["push", "--endpoint", remote.endpoint, "--store", str(example_store_path), "--state", str(state), "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "sent 11, unchanged 0" in result.output and "triples sent:" in result.output
    with GraphStore(example_store_path, read_only=True) as store:
        assert remote.quads() == _store_quads(store)
