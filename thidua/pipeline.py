"""The main job: article files -> facts -> the store.  Library code; the CLI only calls it."""
from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .graph.iri import article_iri
from .graph.mapping import article_graph
from .graph.store import DEFAULT_BATCH_QUADS as BATCH_QUADS
from .graph.store import GraphStore
from .loaders.extract import extract_facts
from .loaders.model import ArticleFacts
from .loaders.reading import DEFAULT_LIMITS, ArticleError, InputProblem, Limits, find_articles, read_article


@dataclass
class BuildReport:
    articles: int = 0
    triples: int = 0  # quads written for the articles of this build
    people: set[str] = field(default_factory=set)
    posts: set[tuple] = field(default_factory=set)
    events: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    without_facts: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def count_facts(facts: ArticleFacts) -> int:
    """People, posts, places, events, anniversaries, awards and authors of one article."""
    return sum(map(len, (facts.people, facts.posts, facts.places, facts.events, facts.anniversaries,
                         facts.awards, facts.authors)))


def facts_from_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ArticleFacts:
    """Read and extract one file (a pure function of the file's bytes); raises ArticleError."""
    facts = extract_facts(read_article(path, max_bytes=limits.max_file_bytes, max_chars=limits.max_text_chars))
    found = count_facts(facts)
    if found > limits.max_facts:
        raise ArticleError(f"{found:,} facts in one article, over the {limits.max_facts:,}-fact limit "
                           "(raise it with --max-facts)")
    return facts


@dataclass
class ExtractedArticle:
    """What extracting one file yields: the article's graph and what the build report counts, or the error.

    Workers return these to the single writer; the graph travels as N-Quads text (compact to
    pickle, and what the store's bulk loader reads), so a process pool or a Dask/Spark cluster
    can carry them.
    """

    path: str
    article_id: str = ""
    nquads: str = ""  # the article's named graph, one N-Quads line per quad
    quad_count: int = 0
    shared: dict[str, str] = field(default_factory=dict)  # entity IRI -> its lines in the shared graph
    people: frozenset[str] = frozenset()
    posts: frozenset[tuple] = frozenset()
    events: int = 0
    empty: bool = False
    error: str | None = None

    @property
    def quads(self) -> list[ox.Quad]:
        """The article graph's quads (without the shared-graph descriptions)."""
        return list(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS)) if self.nquads else []


def extract_article(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ExtractedArticle:
    """Extract one file into its quads (a pure function of the file; never raises for a bad input)."""
    try:
        facts = facts_from_file(path, limits)
    except ArticleError as exc:
        return ExtractedArticle(str(path), error=str(exc))
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not cost the other articles
        return ExtractedArticle(str(path), error=f"internal error while extracting ({type(exc).__name__}: {exc}); "
                                                 "please report it")
    posts = frozenset((h.person, h.role, h.organization, h.jurisdiction.label if h.jurisdiction else "")
                      for h in facts.posts)
    nquads, shared = article_graph(facts)
    return ExtractedArticle(
        path=str(path), article_id=facts.document.article_id, nquads=nquads, quad_count=nquads.count("\n"),
        shared=shared,
        people=frozenset(p.name for p in facts.people) | frozenset(a.name for a in facts.authors),
        posts=posts, events=len(facts.events), empty=facts.is_empty,
    )


def extract_chunk(paths: list[str], limits: Limits = DEFAULT_LIMITS) -> list[ExtractedArticle]:
    """:func:`extract_article` over a few files: one task per chunk keeps the pool's bookkeeping small."""
    return [extract_article(path, limits) for path in paths]


CHUNK_FILES = 16  # files per task sent to a worker
CHUNKS_PER_JOB = 8  # chunks in flight per worker: enough to keep it busy while the writer writes a batch


def extract_parallel(files: list[Path], jobs: int, limits: Limits = DEFAULT_LIMITS) -> Iterator[ExtractedArticle]:
    """:func:`extract_article` over ``files`` in ``jobs`` processes; results in file order, a bounded number
    in flight (so a huge corpus never queues all its results in memory)."""
    context = multiprocessing.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([__name__])  # workers start with the extractor imported
    chunks = (list(map(str, files[i:i + CHUNK_FILES])) for i in range(0, len(files), CHUNK_FILES))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque = deque()
        for chunk in itertools.islice(chunks, jobs * CHUNKS_PER_JOB):
            pending.append((chunk, pool.submit(extract_chunk, chunk, limits)))
        while pending:
            chunk, future = pending.popleft()
            for chunk_next in itertools.islice(chunks, 1):  # refill first: workers keep busy while we write
                pending.append((chunk_next, pool.submit(extract_chunk, chunk_next, limits)))
            try:
                results = future.result()
            except BrokenProcessPool as exc:
                raise RuntimeError(f"a worker process died while extracting one of {chunk[0]} … {chunk[-1]} ({exc}); "
                                   "rerun with --jobs 1 to see the error") from None
            yield from results


# A batch is also written once it is this old, so a killed build loses little work.
BATCH_SECONDS = 30.0
# Near the end of a build whose size is known, batches shrink (half of what is left, down to this),
# so the last write, which nothing overlaps, is short: with --jobs 2 the writer writes while the
# workers extract, and a final 250k-quad batch would leave one core idle for seconds.
SMALLEST_TAIL_BATCH = 20_000


def batch_threshold(batch_quads: int, written_quads: int, seen: int, expected: int | None) -> int:
    """Quads to collect before the next write: ``batch_quads``, or half of the quads still to come
    (estimated from the articles seen so far) once that is less, but never below the smallest tail batch."""
    if not expected or not seen or seen >= expected:
        return batch_quads
    remaining = written_quads / seen * (expected - seen)
    return max(min(batch_quads, SMALLEST_TAIL_BATCH), min(batch_quads, int(remaining / 2)))


class _BatchWriter:
    """Bulk-loads batches in a background thread, one at a time, so that reading and extracting go on
    while a batch is written (Oxigraph releases the GIL while it loads; a batch of 250k quads takes
    seconds, long enough to starve --jobs workers otherwise). Errors surface at the next call."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.graphs: set[str] = set()  # article graphs written or being written by this writer
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def submit(self, text: str, graphs: set[str]) -> None:
        self.wait()
        self.graphs |= graphs
        self._thread = threading.Thread(target=self._load, args=(text,), name="thidua-batch-writer")
        self._thread.start()

    def _load(self, text: str) -> None:
        try:
            self.store.add_new_graphs(text)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            self._error = exc

    def wait(self) -> None:
        """Return once the batch in flight, if any, is in the store."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error


def load_extracted(store: GraphStore, extracted: Iterable[ExtractedArticle], *,
                   progress: Callable[[Path], None] | None = None,
                   report: BuildReport | None = None, batch_quads: int = BATCH_QUADS,
                   expected: int | None = None) -> BuildReport:
    """The single writer: put each extracted article into ``store`` as its named graph, in the order given.

    New articles are bulk-loaded in batches; an article already in the store (a re-load) is
    replaced in its own transaction, after the batch before it has been written.  Each
    shared entity (unit, person, role, organization, post) is described once in the shared
    graph, in the same write as the first article that refers to it; after re-loads, entities
    no article refers to any more are dropped.  ``expected``, the number of articles to come,
    lets the last batches shrink (:func:`batch_threshold`).
    """
    report = report or BuildReport()
    described = store.described_shared()
    replaced = False
    seen_ids: dict[str, str] = {}
    batch: list[str] = []
    batch_graphs: set[str] = set()
    batch_size = 0
    batch_started = time.monotonic()
    seen = 0
    writer = _BatchWriter(store)

    def write_batch() -> None:
        nonlocal batch_size, batch_started
        if batch:
            writer.submit("".join(batch), set(batch_graphs))
        batch.clear()
        batch_graphs.clear()
        batch_size = 0
        batch_started = time.monotonic()

    for item in extracted:
        seen += 1
        if progress:
            progress(Path(item.path))
        if item.error is not None:
            report.problems.append(InputProblem(item.path, item.error))
            continue
        if item.article_id in seen_ids:
            report.duplicates.append(f"{item.path}: same article id as {seen_ids[item.article_id]}; it replaces it")
        seen_ids[item.article_id] = item.path
        graph = article_iri(item.article_id)
        if graph in batch_graphs or graph in writer.graphs:
            write_batch()  # the same article twice: the first copy goes in before the second replaces it
            writer.wait()
        new_shared = "".join(text for node, text in item.shared.items() if node not in described)
        described.update(item.shared)
        if store.has_graph(graph):
            writer.wait()  # the batches before it first, so the store follows the file order
            store.replace_graph(graph, item.quads + (list(ox.parse(new_shared, format=ox.RdfFormat.N_QUADS))
                                                     if new_shared else []))
            replaced = True
        else:
            batch.append(item.nquads + new_shared)
            batch_graphs.add(graph)
            batch_size += item.quad_count
            if (batch_size >= batch_threshold(batch_quads, report.triples + item.quad_count, seen, expected)
                    or time.monotonic() - batch_started >= BATCH_SECONDS):
                write_batch()
        report.articles += 1
        report.triples += item.quad_count
        report.people.update(item.people)
        report.posts.update(item.posts)
        report.events += item.events
        if item.empty:
            report.without_facts.append(item.path)
    write_batch()
    writer.wait()
    if replaced:
        store.prune_shared()
    store.flush()
    return report


def build(paths: Iterable[str | Path], store: GraphStore, *,
          progress: Callable[[Path], None] | None = None,
          files: list[Path] | None = None, jobs: int = 1, limits: Limits = DEFAULT_LIMITS,
          batch_quads: int = BATCH_QUADS) -> BuildReport:
    """Load every article under ``paths`` into ``store``, one named graph each; keep going past bad files.

    With ``jobs`` > 1 the extraction runs in that many processes; this process stays the only
    writer and loads the articles in file order, so the store is the same as with one job.
    """
    report = BuildReport()
    if files is None:
        files, problems = find_articles(list(paths))
        report.problems.extend(problems)
    if jobs > 1 and len(files) > 1:
        extracted = extract_parallel(files, min(jobs, len(files)), limits)
    else:
        extracted = (extract_article(path, limits) for path in files)
    # Shrinking the last batches pays only where the writer's bulk loads can overlap the extraction on
    # another core; on a single core it only adds merges (5-12% slower measured).
    overlap = jobs > 1 or available_cpus() > 1
    return load_extracted(store, extracted, progress=progress, report=report, batch_quads=batch_quads,
                          expected=len(files) if overlap else None)


def available_cpus() -> int:
    """CPUs this process may run on (its affinity, e.g. under taskset), not the machine's count."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
