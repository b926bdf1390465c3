"""The CLI as a user runs it: typer's CliRunner over a real store."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from thidua.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def bad_inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    good = sorted(EXAMPLES.glob("*.txt"))[:2]
    for path in good:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 100)
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    return folder, empty_dir, tmp_path / "missing.txt", [p.stem for p in good]


def test_build_reports_each_bad_input_on_one_line_and_loads_the_rest(tmp_path, bad_inputs):
    folder, empty_dir, missing, good_ids = bad_inputs
    store = tmp_path / "kg.store"
    result = run("build", folder, empty_dir, missing, "--store", store, "--quiet")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "articles loaded: 2" in result.output
    failed = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 5, failed
    for name, reason in (("empty.txt", "empty file"), ("binary.txt", "binary"), ("undecodable.txt", "undecodable"),
                         ("nothing-here", "no .txt or .html"), ("missing.txt", "no such file")):
        assert any(name in line and reason in line for line in failed), (name, failed)
    facts = json.loads(run("facts", "--store", store).output)
    assert sorted(facts) == sorted(good_ids)


def test_build_summary_counts(tmp_path):
    result = run("build", EXAMPLES, "--store", tmp_path / "kg.store", "--quiet")
    assert result.exit_code == 0, result.output
    counts = dict(line.split(": ", 1) for line in result.output.splitlines()[:1])
    assert counts["articles loaded"] == str(len(list(EXAMPLES.iterdir())))
    assert "people: " in result.output and "posts: " in result.output and "events: " in result.output


def test_article_without_facts_is_loaded_and_said(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "plain.txt").write_text("Thời tiết hôm nay\nTrời nắng nhẹ, gió nhẹ, nhiệt độ dễ chịu.\n", encoding="utf-8")
    result = run("build", folder, "--store", tmp_path / "s", "--quiet")
    assert result.exit_code == 0
    assert "articles loaded: 1" in result.output
    assert "no facts found: " in result.output and "plain.txt" in result.output


def test_query_formats_and_syntax_error(store_copy):
    sparql = "SELECT ?name WHERE { ?p a td:Person ; td:name ?name } ORDER BY ?name LIMIT 2"
    table = run("query", sparql, "--store", store_copy)
    assert table.exit_code == 0 and table.output.rstrip().endswith("(2 rows)")
    rows = json.loads(run("query", sparql, "--store", store_copy, "--format", "json").output)
    assert len(rows) == 2 and set(rows[0]) == {"name"}
    csv_lines = run("query", sparql, "--store", store_copy, "--format", "csv").output.splitlines()
    assert csv_lines[0] == "name" and len(csv_lines) == 3
    bad = runner.invoke(app, ["query", "SELEC ?x WHERE {}", "--store", str(store_copy)])
    assert bad.exit_code == 1
    assert "SPARQL syntax error" in bad.output and "Traceback" not in bad.output


def test_query_from_file(store_copy, tmp_path):
    query_file = tmp_path / "people.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a td:Person }", encoding="utf-8")
    result = run("query", query_file, "--store", store_copy, "--format", "csv")
    assert result.exit_code == 0 and int(result.output.splitlines()[1]) > 10


def test_commands_on_a_missing_store_say_so(tmp_path):
    for command in (["facts"], ["stats"], ["export", "--format", "turtle"], ["query", "ASK {}"]):
        result = runner.invoke(app, command + ["--store", str(tmp_path / "nope")])
        assert result.exit_code == 1, command
        assert "no store here" in result.output and "Traceback" not in result.output


def test_export_to_file_and_stdout_agree(store_copy, tmp_path):
    target = tmp_path / "kg.nq"
    assert run("export", "--format", "nquads", "-o", target, "--store", store_copy).exit_code == 0
    stdout = runner.invoke(app, ["export", "--format", "nquads", "--store", str(store_copy)])
    assert stdout.stdout_bytes == target.read_bytes()


def test_stats(store_copy):
    result = run("stats", "--store", store_copy)
    numbers = dict(line.rsplit(None, 1) for line in result.output.splitlines())
    assert int(numbers["articles"]) == len(list(EXAMPLES.iterdir()))
    assert int(numbers["quads"]) > int(numbers["people"]) > 0
