"""The full fuzz run: 10,000 generated hostile inputs through `thidua build`, `facts`, `export` and `view`.

    .venv/bin/python benchmarks/fuzz_corpus.py                 # 10,000 inputs, seed 7
    .venv/bin/python benchmarks/fuzz_corpus.py --count 2000 --seed 3 --keep /tmp/fuzz

Two passes over the same corpus (tests/fuzz/corpus.py writes it to a temporary folder):

1. timing: each input alone through the library's per-file path (read, extract, map to
   quads) in worker processes, timed, with a wall-clock limit per input (a hang is a crash);
2. the command line: one `thidua build FOLDER --jobs 2`, then `facts`, `export` in every
   format and `view` on the store it made; each export is parsed again by rdflib or pyld.

It prints: inputs tried, loaded, refused with a message, crashes (tracebacks, extractor
errors, hangs, inputs neither loaded nor refused), the slowest input and its time.
Exit status 1 if there was any crash or an export did not parse.
"""
from __future__ import annotations

import argparse
import collections
import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzz.corpus import write_corpus
from fuzz.runner import (
    EXPORT_FORMATS,
    article_inputs,
    ill_typed_dates,
    judge,
    reparse,
    run,
    store_graphs,
    view_exists,
)

# --- pass 1: every input alone, timed -----------------------------------------------------------

def worker() -> None:
    """Read paths (one JSON string per line) from stdin; print one JSON result per path."""
    from thidua.loaders.extract import extract_facts
    from thidua.loaders.reading import article_from_bytes
    from thidua.pipeline import extract_article

    extract_facts(article_from_bytes("Hội nghị\n\nHuyện Đầm Hà tổ chức hội nghị.".encode(), "warm-up.txt"))
    print(json.dumps("ready"), flush=True)  # imports and the gazetteer loaded: time inputs from here
    for line in sys.stdin:
        path = json.loads(line)
        started = time.perf_counter()
        item = extract_article(path)
        seconds = time.perf_counter() - started
        print(json.dumps({"path": path, "seconds": seconds, "error": item.error, "quads": len(item.quads)},
                         ensure_ascii=True), flush=True)


def time_inputs(paths: list[Path], jobs: int, limit: float) -> tuple[dict[str, dict], list[str]]:
    """Each path's result from :func:`worker` processes; paths still running after ``limit`` seconds are hangs."""
    todo: queue.Queue = queue.Queue()
    for path in paths:
        todo.put(str(path))
    results: dict[str, dict] = {}
    hangs: list[str] = []
    lock = threading.Lock()

    def start() -> tuple[subprocess.Popen, queue.Queue]:
        process = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True, encoding="utf-8")
        answers: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [answers.put(line) for line in process.stdout], daemon=True).start()
        answers.get()  # "ready"
        return process, answers

    def serve() -> None:
        process, answers = start()
        while True:
            try:
                path = todo.get_nowait()
            except queue.Empty:
                break
            process.stdin.write(json.dumps(path) + "\n")
            process.stdin.flush()
            try:
                result = json.loads(answers.get(timeout=limit))
            except queue.Empty:  # still running: a hang; the worker goes, a new one takes the next input
                process.kill()
                process.wait()
                process, answers = start()
                result = {"path": path, "seconds": limit, "error": "hang", "quads": 0}
                with lock:
                    hangs.append(path)
            with lock:
                results[path] = result
        process.stdin.close()
        process.wait()

    threads = [threading.Thread(target=serve) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, hangs


# --- the report ---------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=float, default=300.0, help="Seconds one input may take before it is a hang.")
    parser.add_argument("--keep", type=Path, help="Write the corpus, store and exports here and keep them.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0

    with tempfile.TemporaryDirectory(prefix="thidua-fuzz-") as scratch:
        root = args.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        corpus, store = root / "corpus", root / "store"
        started = time.perf_counter()
        written = write_corpus(corpus, args.count, args.seed)
        print(f"corpus: {len(written):,} cases written to {corpus} in {time.perf_counter() - started:.0f} s", flush=True)
        kinds = collections.Counter(case.kind for case, _ in written)
        inputs = article_inputs(corpus)
        kind_of = {str(path): case.kind for case, path in written}

        started = time.perf_counter()
        timed, hangs = time_inputs(inputs, args.jobs, args.limit)
        print(f"pass 1 (each input alone): {time.perf_counter() - started:.0f} s", flush=True)

        build = run("build", corpus, "--store", store, "--quiet", "--jobs", str(args.jobs), timeout=6 * 3600)
        print(f"pass 2 `thidua build`: exit {build.returncode} in {build.seconds:.0f} s", flush=True)
        outcomes = judge(inputs, build.stderr, store_graphs(store))

        problems: list[str] = []
        if build.traceback:
            problems.append("build printed a traceback")
        if build.returncode not in (0, 1):
            problems.append(f"build exited {build.returncode}")
        odd = build.odd_stderr_lines()
        if odd:
            problems.append(f"{len(odd)} stderr lines of build are not one-line messages, e.g. {odd[0]!r}")
        disagree = [p for p in inputs if (str(p) in timed and (timed[str(p)]["error"] is None) != (p not in outcomes.refused))]

        commands = {}
        for name, cli_args in [("facts", ["facts", "-o", root / "facts.json"])] + [
                (f"export {fmt}", ["export", "--format", fmt, "-o", root / f"kg{suffix}"]) for fmt, suffix in EXPORT_FORMATS.items()]:
            result = run(*cli_args, "--store", store, timeout=3600)
            commands[name] = result
        if view_exists():
            commands["view"] = run("view", "--store", store, "-o", root / "view" / "kg.html", timeout=3600)
        for name, result in commands.items():
            if result.returncode != 0 or result.traceback:
                problems.append(f"`thidua {name}` exited {result.returncode}: {result.stderr.strip()[-300:]}")
        reparsed = {}
        for fmt, suffix in EXPORT_FORMATS.items():
            try:
                reparsed[fmt] = reparse(root / f"kg{suffix}", fmt)
            except Exception as exc:
                problems.append(f"{fmt} export does not parse again: {type(exc).__name__}: {str(exc)[:300]}")
        if len({reparsed.get(f) for f in ("turtle", "ntriples", "jsonld")}) != 1:
            problems.append(f"triple formats disagree: {reparsed}")
        bad_dates = ill_typed_dates(root / "kg.nt") if (root / "kg.nt").exists() else []
        biggest = largest_graphs(root / "kg.nq") if (root / "kg.nq").exists() else []
        if "view" in commands and (root / "view" / "kg.html").exists():
            if "<script>alert(1)</script>" in (root / "view" / "kg.html").read_text(encoding="utf-8"):
                problems.append("view holds unescaped markup from an article")
        json.loads((root / "facts.json").read_text(encoding="utf-8"))

        slowest = sorted(timed.values(), key=lambda r: -r["seconds"])[:5]
        reasons = collections.Counter(_reason(m) for m in outcomes.refused.values())
        crashes = (int(build.traceback) + len(outcomes.internal_errors) + len(hangs) + len(outcomes.missing))
        print()
        print(f"inputs tried:            {len(written):,} generated cases ({len(inputs):,} paths build had to judge), "
              f"seed {args.seed}")
        print("  kinds:                 " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        print(f"loaded:                  {len(outcomes.loaded):,}")
        print(f"refused with a message:  {len(outcomes.refused):,}")
        for reason, n in reasons.most_common(12):
            print(f"    {n:>6,}  {reason}")
        print(f"crashes:                 {crashes} (tracebacks {int(build.traceback)}, extractor errors "
              f"{len(outcomes.internal_errors)}, hangs over {args.limit:g} s {len(hangs)}, "
              f"neither loaded nor refused {len(outcomes.missing)})")
        for path, message in list(outcomes.internal_errors.items())[:10]:
            print(f"    {kind_of.get(str(path), '?')}: {path}: {message}")
        for path in outcomes.missing[:10]:
            print(f"    missing: {kind_of.get(str(path), '?')}: {path}")
        print(f"slowest input:           {slowest[0]['seconds']:.2f} s  {slowest[0]['path']} "
              f"({kind_of.get(slowest[0]['path'], '?')}; {slowest[0]['error'] or 'loaded'})")
        for item in slowest[1:]:
            print(f"                         {item['seconds']:.2f} s  {item['path']} ({kind_of.get(item['path'], '?')})")
        print(f"pass 1 and build agree:  {'yes' if not disagree else f'no, on {len(disagree)} inputs, e.g. {disagree[:3]}'}")
        print("commands:                " + ", ".join(f"{n} {r.seconds:.1f} s (exit {r.returncode})"
                                                     for n, r in [("build", build), *commands.items()]))
        print("exports re-parsed:       " + ", ".join(f"{fmt} {n:,}" for fmt, n in reparsed.items())
              + " (rdflib; JSON-LD by pyld)")
        print(f"ill-typed date literals: {len(bad_dates)}" + (f", e.g. {bad_dates[0]}" if bad_dates else ""))
        print(f"store: {sum(reparsed.get(f, 0) for f in ('nquads',)):,} quads; largest article graphs "
              "(N-Quads bytes, quads, input bytes):")
        by_graph = {_graph_of(p): p for p in inputs}
        for size, quads, graph in biggest[:3]:
            source = by_graph.get(graph)
            print(f"    {size:>12,}  {quads:>7,}  {source.stat().st_size if source else 0:>10,}  {graph}")
        for problem in problems:
            print(f"PROBLEM: {problem}")
        return 1 if crashes or problems else 0


def largest_graphs(nquads: Path) -> list[tuple[int, int, str]]:
    """(bytes, quads, graph IRI) of the biggest named graphs of an N-Quads file, biggest first."""
    size: collections.Counter = collections.Counter()
    count: collections.Counter = collections.Counter()
    with nquads.open("rb") as handle:
        for line in handle:
            graph = line.rstrip()[:-1].rstrip().rsplit(b" ", 1)[-1].decode("utf-8", "replace").strip("<>")
            size[graph] += len(line)
            count[graph] += 1
    return [(n, count[g], g) for g, n in size.most_common(5)]


def _graph_of(path: Path) -> str | None:
    """The article graph an input file loads into (None for a name that is not UTF-8)."""
    from thidua.graph.iri import article_iri

    return article_iri(path.stem) if _utf8(path.stem) else None


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _reason(message: str) -> str:
    """A refusal's message with its numbers taken out, to count refusals by kind."""
    import re

    return re.sub(r"\d[\d,.]*", "N", message)[:110]


if __name__ == "__main__":
    sys.exit(main())
