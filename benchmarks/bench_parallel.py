"""How much `thidua build --jobs N` speeds up a build, and that the store comes out the same.

Makes a corpus of copies of the bundled articles (each copy under its own file name, so its
own article), then builds it once per --jobs value into a fresh store and compares the quads.

    .venv/bin/python benchmarks/bench_parallel.py --copies 8 --jobs 1 2
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from thidua.graph.store import GraphStore

from thidua.pipeline import build, extract_article, extract_parallel

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "thidua"
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
        wall, parent_cpu = time.perf_counter() - started, time.process_time() - cpu
        quads = set(store.data_quads())
    assert report.articles and not report.problems, report.problems
    return wall, parent_cpu, quads


def _spin(n: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - started


def headroom(processes: int = 2, n: int = 6_000_000) -> float:
    """How many CPUs this machine gives us right now: N copies of a busy loop against one (N when idle)."""
    import multiprocessing

    alone = _spin(n)
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        together = max(pool.map(_spin, [n] * processes))
    return processes * alone / together


def _extract_all(paths: list[str]) -> float:
    started = time.perf_counter()
    for path in paths:
        extract_article(path)
    return time.perf_counter() - started


def ceiling(files: list[Path]) -> float:
    """What two processes gain here on this very work: the files extracted by one process, then split
    between two independent ones (no pool, no writer); the ratio of the times."""
    import multiprocessing

    paths = [str(f) for f in files]
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        pool.apply(extract_article, (paths[0],))  # warm up
        alone = pool.apply(_extract_all, (paths,))
    with context.Pool(2) as pool:
        pool.map(extract_article, paths[:2])
        together = max(pool.map(_extract_all, [paths[0::2], paths[1::2]]))
    return alone / together


def timed_extraction(files: list[Path], jobs: int) -> float:
    started = time.perf_counter()
    items = list(extract_parallel(files, jobs)) if jobs > 1 else [extract_article(f) for f in files]
    assert all(item.error is None for item in items)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="copies of each bundled article")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1, help="builds per --jobs value (the best is kept)")
    parser.add_argument("--one-core-baseline", action="store_true",
                        help="also build with --jobs 1 on one core only (the build's own writer thread included), "
                             "the baseline for 'speed-up from one core to two'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thidua-bench-parallel-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        count = make_corpus(corpus, args.copies)
        files = sorted(corpus.iterdir())
        print(f"corpus: {count} articles; {os.cpu_count()} CPUs; load average before: "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}; CPUs free for 2 busy processes: "
              f"{headroom():.2f} of 2")
        extract_article(files[0])  # the serial runs start with the gazetteer loaded, like a worker after its first file
        baseline = reference = extraction_baseline = None
        for jobs in args.jobs:
            best = best_extraction = None
            for run in range(args.runs):
                extraction = timed_extraction(files, jobs)
                wall, parent_cpu, quads = timed_build(corpus, Path(tmp) / f"store-{jobs}-{run}", jobs)
                best = wall if best is None else min(best, wall)
                best_extraction = extraction if best_extraction is None else min(best_extraction, extraction)
                if reference is None:
                    reference = quads
                assert quads == reference, f"--jobs {jobs} built a different store"
            baseline = baseline or best
            extraction_baseline = extraction_baseline or best_extraction
            print(f"--jobs {jobs}: build {best:6.2f} s  {count / best:6.1f} articles/s  speed-up x{baseline / best:.2f}"
                  f"  | extraction alone {best_extraction:6.2f} s"
                  f"  speed-up x{extraction_baseline / best_extraction:.2f}"
                  f"  | writer process CPU {parent_cpu:.2f} s; store identical")
        if args.one_core_baseline and shutil.which("taskset"):
            # A fresh `thidua build` under taskset, so that every thread it starts (the batch writer, the
            # bulk loader's, RocksDB's compaction threads) is on the one core; pinning this process would
            # leave the threads of the stores it has already opened on both.
            pinned = []
            for run in range(args.runs):
                store = Path(tmp) / f"store-pinned-{run}"
                started = time.perf_counter()
                subprocess.run(["taskset", "-c", str(min(os.sched_getaffinity(0))), str(BIN), "build", str(corpus),
                                "--store", str(store), "--quiet"], check=True, stdout=subprocess.DEVNULL)
                pinned.append(time.perf_counter() - started)
                with GraphStore(store, read_only=True) as built:
                    assert set(built.data_quads()) == reference, "the one-core build made a different store"
            pinned_s = min(pinned)  # the best of the runs, like the builds above
            print(f"--jobs 1 on one core (thidua build under taskset): {pinned_s:6.2f} s  "
                  f"{count / pinned_s:6.1f} articles/s; from one core to two: x{pinned_s / best:.2f} "
                  f"(--jobs {args.jobs[-1]}); this machine's ceiling, two independent extraction processes: "
                  f"x{ceiling(files):.2f}")
        print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"CPUs free: {headroom():.2f} of 2")


if __name__ == "__main__":
    main()
