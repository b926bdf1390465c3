"""Build and export benchmark on a corpus recombined from examples/articles.

    .venv/bin/python benchmarks/bench_build.py [--articles 5000] [--runs 3]

Prints, as medians over the runs (each a fresh subprocess pinned to one core):
build throughput (articles/s, MB/s), peak memory (max RSS), the store's floor (Oxigraph
bulk-loading the same quads from one N-Quads file), and `thidua export --format turtle`
time beside a raw pyoxigraph Turtle serialisation of the same store's triples, and their ratio.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
BIN = Path(sys.executable).parent / "thidua"


def make_corpus(target: Path, count: int, seed: int = 20261122) -> int:
    """``count`` plain-text articles: each keeps one example's headline and dateline, its paragraphs
    drawn from all examples (so texts, people and places vary); returns the total bytes."""
    rng = random.Random(seed)
    articles = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        articles.append(lines)
    paragraphs = [ln for lines in articles for ln in lines[2:-1] if len(ln) > 60]
    target.mkdir(parents=True)
    total = 0
    for i in range(count):
        base = articles[i % len(articles)]
        head = base[:3] if re.match(r"\d", base[2]) else base[:2]
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 9)))
        text = "\n\n".join(head + body + [base[-1]]) + "\n"
        data = text.encode("utf-8")
        (target / f"bench_{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def _pinned(cmd: list[str]) -> list[str]:
    return (["taskset", "-c", "0"] + cmd) if shutil.which("taskset") else cmd


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    code = ("import resource, subprocess, sys, time, json\n"
            "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "dt = time.perf_counter() - t\n"
            "if r.returncode: sys.stderr.write(r.stderr.decode()); sys.exit(r.returncode)\n"
            "print(json.dumps([dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))\n")
    out = subprocess.run([sys.executable, "-c", code, *_pinned(cmd)], capture_output=True, text=True, check=True)
    import json
    seconds, rss = json.loads(out.stdout)
    return seconds, rss


RAW_TURTLE = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
meta = ox.NamedNode("https://w3id.org/thidua/id/graph/meta")
triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)
           if q.graph_name != meta)
with open(sys.argv[2], "wb") as out:
    ox.serialize(triples, out, format=ox.RdfFormat.TURTLE)
"""


# The store's own floor: Oxigraph bulk-loading the same quads (one N-Quads file) into a fresh store.
RAW_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)
store.flush()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    try:
        corpus = work / "corpus"
        size = make_corpus(corpus, args.articles)
        builds, rss, exports, raws, loads = [], [], [], [], []
        for run in range(args.runs):
            store = work / f"store{run}"
            seconds, peak = timed([str(BIN), "build", str(corpus), "--store", str(store), "--quiet"])
            builds.append(seconds)
            rss.append(peak)
            # Export and its baseline alternate so that machine noise hits both alike.
            exports.append(timed([str(BIN), "export", "--format", "turtle", "-o", str(work / "kg.ttl"),
                                  "--store", str(store)])[0])
            raws.append(timed([sys.executable, "-c", RAW_TURTLE, str(store), str(work / "raw.ttl")])[0])
            if run == 0:
                subprocess.run([str(BIN), "export", "--format", "nquads", "-o", str(work / "kg.nq"), "--store", str(store)],
                               check=True, stdout=subprocess.DEVNULL)
            loads.append(timed([sys.executable, "-c", RAW_LOAD, str(work / f"raw{run}"), str(work / "kg.nq")])[0])
        build_s = statistics.median(builds)
        export_s, raw_s = statistics.median(exports), statistics.median(raws)
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB (recombined from {EXAMPLES.relative_to(ROOT)})")
        print(f"build (one core): median {build_s:.2f} s over {args.runs} runs -> "
              f"{args.articles / build_s:.0f} articles/s, {size / 1e6 / build_s:.2f} MB/s; peak RSS {max(rss):.0f} MiB")
        quads = sum(1 for _ in open(work / "kg.nq", "rb"))
        load_s = statistics.median(loads)
        print(f"store floor: Oxigraph bulk load of the same {quads:,} quads into a fresh store: median {load_s:.2f} s "
              f"({quads / args.articles:.0f} quads/article; {load_s / build_s:.0%} of the build)")
        print(f"export turtle: median {export_s:.2f} s; raw pyoxigraph turtle of the same triples: "
              f"{raw_s:.2f} s; ratio {export_s / raw_s:.2f}")
        print(f"turtle size {os.path.getsize(work / 'kg.ttl') / 1e6:.1f} MB (deduplicated, sorted), "
              f"raw {os.path.getsize(work / 'raw.ttl') / 1e6:.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
