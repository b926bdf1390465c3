"""`thidua build --jobs N`: extraction in worker processes (or on a Dask cluster), one writer, the same store."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES
from thidua.graph.store import GraphStore
from typer.testing import CliRunner

from thidua.cli import app
from thidua.pipeline import build, extract_article, load_extracted


@pytest.fixture(scope="module")
def messy_corpus(tmp_path_factory) -> Path:
    """The examples and the test corpus, plus an unreadable file, an empty one and a duplicate article id."""
    root = tmp_path_factory.mktemp("messy")
    shutil.copytree(EXAMPLES, root / "examples")
    shutil.copytree(CORPUS, root / "corpus")
    (root / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "again").mkdir()
    first = sorted(EXAMPLES.iterdir())[0]
    shutil.copyfile(first, root / "again" / first.name)
    return root


def _build(corpus: Path, store_path: Path, jobs: int):
    with GraphStore(store_path) as store:
        report = build([str(corpus)], store, jobs=jobs)
        quads = set(store.data_quads())
    return report, quads


def _summary(report) -> tuple:
    return (report.articles, report.triples, report.people, report.posts, report.events,
            [str(p) for p in report.problems], report.duplicates, report.without_facts)


def test_parallel_build_equals_serial(messy_corpus, tmp_path):
    serial_report, serial_quads = _build(messy_corpus, tmp_path / "serial", jobs=1)
    parallel_report, parallel_quads = _build(messy_corpus, tmp_path / "parallel", jobs=2)
    assert parallel_quads == serial_quads
    assert _summary(parallel_report) == _summary(serial_report)
    assert len(serial_report.problems) == 2 and len(serial_report.duplicates) == 1


def test_extracted_article_travels_as_nquads():
    item = extract_article(sorted(EXAMPLES.iterdir())[0])
    copy = pickle.loads(pickle.dumps(item))
    assert copy.quads == item.quads and copy.people == item.people and copy.article_id == item.article_id
    assert item.quad_count == len(item.quads) > 50  # one N-Quads line per distinct quad
    assert len(set(item.nquads.splitlines())) == item.quad_count


def test_cli_build_jobs(example_store_path, tmp_path):
    result = CliRunner().invoke(app, ["build", str(EXAMPLES), "--store", str(tmp_path / "kg"), "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert "articles loaded: 10" in result.output
    with GraphStore(tmp_path / "kg", read_only=True) as built, GraphStore(example_store_path, read_only=True) as ref:
        assert set(built.data_quads()) == set(ref.data_quads())


def test_extraction_on_a_local_dask_cluster(example_store_path, tmp_path):
    """The documented distributed path: workers map extract_article, this process is the one writer."""
    distributed = pytest.importorskip("distributed")
    files = [str(p) for p in sorted(EXAMPLES.iterdir())]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        futures = client.map(extract_article, files)
        with GraphStore(tmp_path / "kg") as store:
            report = load_extracted(store, (future.result() for future in futures))
            quads = set(store.data_quads())
    with GraphStore(example_store_path, read_only=True) as reference:
        assert quads == set(reference.data_quads())
    assert report.articles == len(files) and not report.problems



def test_last_batches_shrink_so_the_final_write_is_short():
    from thidua.pipeline import SMALLEST_TAIL_BATCH, batch_threshold

    full = 250_000
    assert batch_threshold(full, 0, 0, 5000) == full  # nothing seen yet: no estimate
    assert batch_threshold(full, 250 * 1000, 1000, None) == full  # size of the build unknown
    assert batch_threshold(full, 250 * 1000, 1000, 5000) == full  # 1M quads still to come
    assert batch_threshold(full, 250 * 4000, 4000, 5000) == 125_000  # half of the 250k to come
    assert batch_threshold(full, 250 * 4990, 4990, 5000) == SMALLEST_TAIL_BATCH
    assert batch_threshold(5_000, 250 * 4990, 4990, 5000) == 5_000  # never above the batch size asked for


def test_build_with_shrinking_batches_equals_one_batch(messy_corpus, tmp_path):
    """Many small batches (the tail rule with a tiny batch size) give the same store as one big batch."""
    with GraphStore(tmp_path / "small") as store:
        build([str(messy_corpus)], store, batch_quads=500, jobs=2)
        small = set(store.data_quads())
    with GraphStore(tmp_path / "big") as store:
        build([str(messy_corpus)], store, batch_quads=10_000_000)
        big = set(store.data_quads())
    assert small == big
