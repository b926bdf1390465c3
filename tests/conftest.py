"""Shared fixtures: real stores built from the bundled corpora (no mocks)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from thidua.graph.store import GraphStore
from thidua.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
EXAMPLES_EXPECTED = ROOT / "examples" / "expected"
CORPUS = ROOT / "tests" / "corpus" / "articles"
CORPUS_EXPECTED = ROOT / "tests" / "corpus" / "expected"
# Evaluation sets written by helpers who saw neither the code nor the other sets (each README says how):
# tests/<name>/articles and tests/<name>/expected.
EVALUATION_SETS = ("blind", *(f"blind{n}" for n in range(2, 20)))
EVALUATION_ARTICLES = [ROOT / "tests" / name / "articles" for name in EVALUATION_SETS]
EVALUATION_EXPECTED = [ROOT / "tests" / name / "expected" for name in EVALUATION_SETS]
SHARED = ROOT.parent / "shared"


def build_store(path: Path, *sources: Path) -> Path:
    """Build a store at ``path`` from article files or folders; return its path."""
    with GraphStore(path) as store:
        report = build([str(s) for s in sources], store)
    assert not report.problems, report.problems
    return path


@pytest.fixture(scope="session")
def example_store_path(tmp_path_factory) -> Path:
    """A store built once from examples/articles. Open it read-only, or copy it (`store_copy`) to write."""
    return build_store(tmp_path_factory.mktemp("examples") / "store", EXAMPLES)


@pytest.fixture
def store_copy(example_store_path, tmp_path) -> Path:
    """A private, writable copy of the example store."""
    target = tmp_path / "store"
    shutil.copytree(example_store_path, target)
    return target


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (seeds and gold) is not beside the checkout")
    return SHARED


# Score tables the extraction tests computed; printed in pytest's terminal summary (also without -s).
SCORE_TABLES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if SCORE_TABLES:
        terminalreporter.section("extraction scores (../shared/score.py)")
        for table in SCORE_TABLES:
            terminalreporter.write_line(table)
