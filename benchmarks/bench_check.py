"""Time `thidua check` (SHACL, reasoning, domain rules) over synthetic stores of growing size.

The synthetic store repeats the example articles: copy k of article A becomes article
``A_k`` (its holdings, events, mentions … get new IRIs), and the people of every copy
get a copy-group suffix so the store holds many distinct people, as a real corpus does.
Units, organizations, posts and roles stay shared, as they are in real data.

Usage:
    .venv/bin/python benchmarks/bench_check.py                 # 10, 100, 1000 articles
    .venv/bin/python benchmarks/bench_check.py 250 10000       # chosen sizes
    .venv/bin/python benchmarks/bench_check.py --keep DIR 10000  # keep the stores under DIR

Prints one line per size and stage; times are wall-clock seconds on this machine.
"""
from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from thidua.graph.check import CheckOptions, check_store
from thidua.graph.reasoning import ReasoningPolicy
from thidua.graph.store import GraphStore
from thidua.ontology import BASE

from thidua.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
ID = BASE + "id/"
_SCOPED = re.compile(re.escape(ID) + r"(article|holding|mention|event|anniversary|award)/([^/]+)")
_PERSON = re.compile(re.escape(ID) + r"person/([^/]+)")
PEOPLE_GROUPS = 50  # copies k and k + 50 share their people


def _rename(term, k: int):
    if isinstance(term, ox.NamedNode):
        value = _SCOPED.sub(lambda m: f"{ID}{m.group(1)}/{m.group(2)}_{k}", term.value)
        value = _PERSON.sub(lambda m: f"{ID}person/{m.group(1)}-g{k % PEOPLE_GROUPS}", value)
        return ox.NamedNode(value)
    return term


def synthetic_store(path: Path, articles: int) -> int:
    """Write a store of ``articles`` article graphs at ``path``; return its quad count."""
    seed = Path(tempfile.mkdtemp()) / "seed"
    with GraphStore(seed) as store:
        build([str(ROOT / "examples" / "articles")], store)
        graphs = {g: list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                  for g in store.article_graphs()}
    shutil.rmtree(seed.parent)
    names = sorted(graphs)
    with GraphStore(path) as store:
        for i in range(articles):
            k, source = i // len(names), names[i % len(names)]
            graph = _rename(ox.NamedNode(source), k)
            quads = [ox.Quad(_rename(q.subject, k), q.predicate, _rename(q.object, k), graph)
                     for q in graphs[source]]
            quads = [ox.Quad(q.subject, q.predicate,
                             ox.Literal(f"{q.object.value}_{k}") if q.predicate.value.endswith("#articleId")
                             else q.object, q.graph_name) for q in quads]
            store.replace_graph(graph.value, quads)
        store.flush()
        return store.count_quads()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--keep", type=Path, help="build the stores under this folder and keep them")
    parser.add_argument("--timeout", type=float, default=120.0, help="reasoner time limit (seconds)")
    parser.add_argument("--no-shacl", action="store_true", help="skip SHACL (time reasoning alone)")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        for size in args.sizes:
            path = base / f"store-{size}"
            if not path.exists():
                t0 = time.perf_counter()
                quads = synthetic_store(path, size)
                print(f"{size:>6} articles  {quads:>9,} quads  built in {time.perf_counter() - t0:7.1f} s", flush=True)
            options = CheckOptions(reason=True, shacl=not args.no_shacl,
                                   policy=ReasoningPolicy(timeout=args.timeout))
            with GraphStore(path, read_only=True) as store:
                t0 = time.perf_counter()
                report = check_store(store, options)
                total = time.perf_counter() - t0
            for stage, seconds in report.timings.items():
                print(f"{size:>6} articles  {stage:<10} {seconds:8.1f} s", flush=True)
            r, s = report.reasoning, report.shacl
            print(f"{size:>6} articles  total      {total:8.1f} s  triples={report.triples:,} reasoner={r.engine} "
                  f"status={r.status} inferred={len(r.inferred)} shacl={s.articles_checked}/{s.articles_total} "
                  f"articles findings={len(report.findings)}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
