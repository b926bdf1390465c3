"""OWL reasoning: HermiT infers the officials and finds contradictions; without Java, past the time limit
or past the size limit it falls back (owlrl, then SPARQL rules) and says so; it never hangs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, build_store
from thidua.graph.check import CheckOptions, check_store
from thidua.graph.reasoning import (
    INFERRED_GRAPH,
    ReasoningPolicy,
    find_java,
    load_tbox,
    reason,
    rule_contradictions,
    rule_inferences,
    write_inferred,
)
from thidua.graph.store import GraphStore

CRAFTED = ROOT / "tests" / "check_articles"
TD = "https://w3id.org/thidua/ontology#"
ID = "https://w3id.org/thidua/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OFFICIALS = {"Chíu Văn Sáng", "Hoàng Văn Tiến", "Lục Thị Hoa", "Sằn Thị Mai"}
needs_java = pytest.mark.skipif(find_java() is None, reason="no Java runtime for HermiT")


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("clean") / "store",
                       CRAFTED / "c01_binhlieu_so_ket_2023.txt", CRAFTED / "c02_quangduc_tong_ket_2025.txt")


@pytest.fixture
def store_path(clean_store, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(clean_store, target)
    return target


def _names(store: GraphStore, inferred) -> set[str]:
    out = set()
    for node, cls in inferred:
        assert cls == TD + "Official"
        rows = store.query(f"SELECT ?n WHERE {{ <{node}> td:name ?n }}")
        out |= {r["n"].value for r in rows}
    return out


def _contradict(path: Path) -> tuple[str, str]:
    """Add an article graph whose event is chaired by a unit (a td:Person by the range of td:chairedBy)."""
    graph = ID + "article/zz_contradiction"
    event = ox.NamedNode(ID + "event/zz_contradiction/1")
    with GraphStore(path) as store:
        [unit] = [r["u"].value for r in store.query("SELECT ?u WHERE { ?u td:unitType 'huyện' }")]
        article = ox.NamedNode(graph)
        g = ox.NamedNode(graph)
        quads = [
            ox.Quad(article, RDF_TYPE, ox.NamedNode(TD + "Article"), g),
            ox.Quad(article, ox.NamedNode(TD + "articleId"), ox.Literal("zz_contradiction"), g),
            ox.Quad(event, RDF_TYPE, ox.NamedNode(TD + "Event"), g),
            ox.Quad(event, ox.NamedNode(TD + "reportedIn"), article, g),
            ox.Quad(event, ox.NamedNode(TD + "chairedBy"), ox.NamedNode(unit), g),
        ]
        store.replace_graph(graph, quads)
    return unit, event.value


# --- HermiT -----------------------------------------------------------------------------------

@needs_java
def test_hermit_infers_every_post_holder_is_an_official_and_writes_them_back(store_path):
    with GraphStore(store_path) as store:
        result = reason(store)
        assert (result.engine, result.status, result.complete) == ("hermit", "consistent", True)
        assert _names(store, result.inferred) == OFFICIALS
        assert write_inferred(store, result) == len(OFFICIALS)
        assert write_inferred(store, result) == len(OFFICIALS)  # replaced, not added to
        rows = store.query(f"SELECT ?p WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?p a td:Official }} }}", union=False)
        assert len(list(rows)) == len(OFFICIALS)
        # A second run does not reason over its own output.
        assert reason(store).inferred == result.inferred


@needs_java
def test_hermit_finds_a_contradiction_and_the_report_says_which_facts_and_articles(store_path):
    unit, event = _contradict(store_path)
    with GraphStore(store_path) as store:
        report = check_store(store, CheckOptions(shacl=False, domain=False))
        assert write_inferred(store, report.reasoning) == 0
        assert INFERRED_GRAPH not in {g.value for g in store.oxigraph.named_graphs()}
    assert (report.reasoning.engine, report.reasoning.status) == ("hermit", "inconsistent")
    assert report.reasoning.inferred == ()
    [finding] = [f for f in report.findings if f.rule == "owl.disjoint-types"]
    assert finding.severity == "error" and finding.focus == unit and not report.ok
    assert finding.label == "huyện Bình Liêu"
    assert "td:AdministrativeUnit" in finding.message and "td:chairedBy" in finding.message
    assert "disjoint" in finding.message and event.replace(ID, "id:") in finding.message
    assert finding.message.startswith(unit.replace(ID, "id:") + " “huyện Bình Liêu” cannot be both")
    assert {s.article for s in finding.sources} == {"c01_binhlieu_so_ket_2023", "zz_contradiction"}


def test_the_rules_explain_a_clash_of_a_functional_property(store_path):
    with GraphStore(store_path) as store:
        art = ox.NamedNode(ID + "article/c01_binhlieu_so_ket_2023")
        g = ox.NamedNode(ID + "article/zz_second_title")
        store.replace_graph(g.value, [ox.Quad(art, ox.NamedNode(TD + "title"), ox.Literal("Một tiêu đề khác"), g)])
        [clash] = rule_contradictions(store)
    assert clash.kind == "functional-property" and clash.node == art.value
    assert "td:title" in clash.message and "Một tiêu đề khác" in clash.message
    assert clash.graphs == (art.value, g.value)


def test_consistent_data_gives_the_rules_nothing_to_report(example_store_path):
    with GraphStore(example_store_path, read_only=True) as store:
        assert rule_contradictions(store) == []
        assert len(rule_inferences(store)) > 10


# --- fallbacks --------------------------------------------------------------------------------

def test_without_java_owlrl_takes_over_infers_the_same_and_says_why(store_path):
    with GraphStore(store_path, read_only=True) as store:
        report = check_store(store, CheckOptions(shacl=False, domain=False,
                                                 policy=ReasoningPolicy(java=str(store_path / "no-java"))))
        names = _names(store, report.reasoning.inferred)
    r = report.reasoning
    assert (r.engine, r.status, r.complete) == ("owlrl", "consistent", False)
    assert [(a.engine, a.outcome) for a in r.attempts] == [("hermit", "unavailable"), ("owlrl", "ok")]
    assert "no Java runtime" in r.attempts[0].reason
    assert names == OFFICIALS
    [note] = report.findings
    assert (note.rule, note.severity) == ("reasoning.fallback", "warning") and report.ok
    assert "HermiT" in note.message and "no Java runtime" in note.message


def test_owlrl_also_sees_the_contradiction(store_path):
    unit, _event = _contradict(store_path)
    with GraphStore(store_path, read_only=True) as store:
        result = reason(store, ReasoningPolicy(java=str(store_path / "no-java")))
    assert (result.engine, result.status) == ("owlrl", "inconsistent")
    assert [c.node for c in result.contradictions] == [unit]


def test_cli_check_with_java_removed_from_path_falls_back(store_path, tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # an empty folder: no java, nothing else either
    thidua = Path(sys.executable).parent / "thidua"
    run = subprocess.run([str(thidua), "check", "--store", str(store_path), "--format", "json"],
                         env=env, capture_output=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr.decode()
    report = json.loads(run.stdout)
    assert report["reasoning"]["engine"] == "owlrl"
    assert report["reasoning"]["attempts"][0] == {
        "engine": "hermit", "outcome": "unavailable", "reason": "no Java runtime found (`java` on PATH)"}
    assert report["reasoning"]["inferred_by_class"] == {"td:Official": len(OFFICIALS)}
    assert [f["rule"] for f in report["findings"]] == ["reasoning.fallback"]


@needs_java
def test_past_the_time_limit_the_reasoner_is_stopped_and_rules_take_over(store_path):
    with GraphStore(store_path, read_only=True) as store:
        result = reason(store, ReasoningPolicy(timeout=0.01))
        names = _names(store, result.inferred)
    assert [(a.engine, a.outcome) for a in result.attempts] == [
        ("hermit", "timeout"), ("owlrl", "skipped"), ("rules", "ok")]  # owlrl is slower still
    assert "time limit of 0.01 s" in result.attempts[0].reason
    assert (result.engine, result.status) == ("rules", "consistent")
    assert names == OFFICIALS


def test_past_the_size_limit_rules_run_and_the_report_says_it_degraded(store_path):
    with GraphStore(store_path, read_only=True) as store:
        report = check_store(store, CheckOptions(shacl=False, domain=False,
                                                 policy=ReasoningPolicy(max_triples=10)))
        names = _names(store, report.reasoning.inferred)
    r = report.reasoning
    assert r.engine == "rules" and [a.outcome for a in r.attempts] == ["skipped", "skipped", "ok"]
    assert "exceed the limit of 10" in r.attempts[0].reason
    assert names == OFFICIALS
    [note] = report.findings
    assert (note.rule, note.severity) == ("reasoning.degraded", "warning") and report.ok


def test_the_rules_find_the_contradiction_at_any_size(store_path):
    unit, _event = _contradict(store_path)
    with GraphStore(store_path, read_only=True) as store:
        result = reason(store, ReasoningPolicy(max_triples=10))
    assert (result.engine, result.status) == ("rules", "inconsistent")
    assert [(c.kind, c.node) for c in result.contradictions] == [("disjoint-types", unit)]


# --- the ontology as the rules read it ---------------------------------------------------------

def test_the_tbox_knows_the_disjoint_classes_and_the_definition_of_official():
    tbox = load_tbox()
    assert tbox.clash(TD + "Province", TD + "CommuneLevelUnit")
    assert set(tbox.clash(TD + "Official", TD + "AdministrativeUnit")) == {TD + "AdministrativeUnit", TD + "Person"}
    assert tbox.clash(TD + "Official", TD + "HistoricalPerson") is None
    assert (TD + "Official", TD + "Person", TD + "holdsPost", TD + "Post") in tbox.definitions
    assert tbox.chains[TD + "holdsPost"] == ((TD + "holder", True), (TD + "post", False))
    assert TD + "Person" in tbox.ranges[TD + "chairedBy"]
