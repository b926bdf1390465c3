"""Load on `thidua serve` over loopback: throughput and latency percentiles, errors counted.

Starts `thidua serve` (and, with --compare-oxigraph, the Oxigraph server from PyPI on the same
store, read-only, union default graph) on free loopback ports, sends a fixed number of
queries from several client threads over keep-alive connections, and stops them again.

    .venv/bin/python benchmarks/bench_serve.py --store /tmp/ex6.store --clients 8 --requests 100 --compare-oxigraph
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench_parallel import headroom  # the sibling script: benchmarks/ is sys.path[0] when run
from thidua.graph.store import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
QUERIES = {
    "ask": (PROLOGUE + "ASK { ?p a td:Person }", "application/sparql-results+json"),
    "people": (PROLOGUE + "SELECT DISTINCT ?p ?name WHERE { ?p a td:Person ; td:name ?name } ORDER BY ?name",
               "application/sparql-results+json"),
    "posts-csv": (PROLOGUE + "SELECT ?post WHERE { ?h a td:PostHolding ; td:post/rdfs:label ?post } LIMIT 50",
                  "text/csv"),
    "events-tsv": (PROLOGUE + "SELECT ?e (COUNT(?x) AS ?n) WHERE { ?e a td:Event ; ?p ?x } GROUP BY ?e",
                   "text/tab-separated-values"),
    "describe-ttl": (PROLOGUE + "DESCRIBE ?a WHERE { ?a a td:Article } LIMIT 1", "text/turtle"),
}


def load(url: str, clients: int, requests_each: int, queries: list[tuple[str, str]], max_seconds: float) -> dict:
    """``clients`` threads each POST up to ``requests_each`` queries (round robin) within ``max_seconds``."""
    parts = urlsplit(url)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + max_seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        for i in range(requests_each):
            if time.perf_counter() > deadline:
                break
            query, accept = queries[(index + i) % len(queries)]
            started = time.perf_counter()
            try:
                conn.request("POST", parts.path, body=urlencode({"query": query}),
                             headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
                response = conn.getresponse()
                body = response.read()
                problem = None if response.status == 200 and body else f"HTTP {response.status}: {body[:120]!r}"
            except (OSError, http.client.HTTPException) as exc:
                problem = f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]
    return {"requests": len(latencies), "errors": errors, "seconds": wall, "rps": len(latencies) / wall,
            "p50": statistics.median(ordered), "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, seconds: float = 30) -> None:
    parts = urlsplit(url)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def start_thidua(store: Path, workers: int) -> tuple[subprocess.Popen, str]:
    thidua = Path(sys.executable).parent / "thidua"
    process = subprocess.Popen([str(thidua), "serve", "--store", str(store), "--port", "0", "--quiet",
                                "--workers", str(workers)], stderr=subprocess.PIPE, text=True)
    first = process.stderr.readline()
    if not first.startswith("SPARQL endpoint "):
        process.kill()
        raise RuntimeError(f"thidua serve did not start: {first}{process.stderr.read()}")
    threading.Thread(target=process.stderr.read, daemon=True).start()  # keep draining the log
    return process, first.split()[2]


def start_oxigraph(store: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not binary:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph", "--timeout-s", "10"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    _wait_http(url)
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def report(name: str, stats: dict) -> None:
    print(f"{name:<34} {stats['requests']:>6} req  {stats['rps']:8.0f} req/s  p50 {stats['p50'] * 1000:6.1f} ms  "
          f"p99 {stats['p99'] * 1000:6.1f} ms  errors {len(stats['errors'])}")
    for problem in stats["errors"][:3]:
        print(f"    {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="store to serve (default: build examples/articles into a temp dir)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=100, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="stop sending after this long")
    parser.add_argument("--workers", type=int, default=2, help="thidua serve --workers")
    parser.add_argument("--compare-oxigraph", action="store_true", help="also load `oxigraph serve-read-only`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thidua-bench-serve-") as tmp:
        store = args.store
        if store is None:
            from thidua.graph.store import GraphStore

            from thidua.pipeline import build

            store = Path(tmp) / "store"
            with GraphStore(store) as graph_store:
                build([str(ROOT / "examples" / "articles")], graph_store)
        print(f"{args.clients} clients x {args.requests} requests, loopback; {os.cpu_count()} CPUs; "
              f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}; CPUs free {headroom():.2f} of 2")
        servers = [("thidua serve", *start_thidua(store, args.workers))]
        if args.compare_oxigraph:
            servers.append(("oxigraph serve-read-only", *start_oxigraph(store)))
        try:
            for name, _, url in servers:
                load(url, 2, 10, list(QUERIES.values()), 10)  # warm up
                report(f"{name}: mixed", load(url, args.clients, args.requests, list(QUERIES.values()),
                                              args.max_seconds))
                for query_name, query in QUERIES.items():
                    report(f"{name}: {query_name}", load(url, args.clients, max(1, args.requests // 4), [query],
                                                         args.max_seconds))
        finally:
            for _, process, _ in servers:
                stop(process)


if __name__ == "__main__":
    main()
