"""How much `thidua build --jobs N` speeds up a build, and that the store comes out the same.

Makes a corpus of copies of the bundled articles (each copy under its own file name, so its
own article), then builds it once per --jobs value into a fresh store and compares the quads.

    .venv/bin/python benchmarks/bench_parallel.py --copies 8 --jobs 1 2
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from thidua.graph.store import GraphStore

from thidua.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples" / "articles", ROOT / "tests" / "corpus" / "articles", ROOT.parent / "shared" / "seeds"]


def make_corpus(target: Path, copies: int) -> int:
    """Copy every bundled article ``copies`` times into ``target``; return the number of files."""
    count = 0
    for source in SOURCES:
        if not source.is_dir():
            continue
        for path in sorted(p for p in source.iterdir() if p.suffix in (".txt", ".html")):
            for k in range(copies):
                shutil.copyfile(path, target / f"{path.stem}__c{k}{path.suffix}")
                count += 1
    return count


def timed_build(corpus: Path, store_path: Path, jobs: int) -> tuple[float, float, set]:
    started, cpu = time.perf_counter(), time.process_time()
    with GraphStore(store_path) as store:
        report = build([str(corpus)], store, jobs=jobs)
        quads = set(store.data_quads())
    wall, parent_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.articles and not report.problems, report.problems
    return wall, parent_cpu, quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="copies of each bundled article")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1, help="builds per --jobs value (the best is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thidua-bench-parallel-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        files = make_corpus(corpus, args.copies)
        print(f"corpus: {files} articles; {os.cpu_count()} CPUs; load average before: "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        baseline = reference = None
        for jobs in args.jobs:
            best = None
            for run in range(args.runs):
                wall, parent_cpu, quads = timed_build(corpus, Path(tmp) / f"store-{jobs}-{run}", jobs)
                best = wall if best is None else min(best, wall)
                if reference is None:
                    reference = quads
                assert quads == reference, f"--jobs {jobs} built a different store"
            baseline = baseline or best
            print(f"--jobs {jobs}: {best:6.2f} s  {files / best:6.1f} articles/s  speed-up x{baseline / best:.2f}  "
                  f"(writer process CPU {parent_cpu:.2f} s; store identical: yes)")


if __name__ == "__main__":
    main()
