"""`thidua check`: each domain rule fires on the article crafted for it and nowhere else; SHACL and
reasoning findings carry their source; the JSON report is stable; the CLI's exit status and outputs."""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest
from conftest import ROOT, build_store
from thidua.graph.check import REPORT_FORMAT, CheckOptions, check_store
from thidua.graph.domain_checks import RULES, earliest_day
from thidua.graph.mapping import article_quads
from thidua.graph.reasoning import INFERRED_GRAPH
from thidua.graph.store import GraphStore
from thidua.loaders.model import ArticleFacts, Document, Event, Place, Span
from typer.testing import CliRunner

from thidua.cli import app

CRAFTED = ROOT / "tests" / "check_articles"
CLEAN = ("c01_binhlieu_so_ket_2023", "c02_quangduc_tong_ket_2025")
TD = "https://w3id.org/thidua/ontology#"
ID = "https://w3id.org/thidua/id/"

# rule -> (severity, articles it must cite, a phrase of the cited sentence)
EXPECTED = {
    "domain.anniversary-ordinal": ("warning", {"d01_haiha_ky_niem_sai_so_nam"}, "25 năm Ngày thành lập"),
    "domain.district-after-reform": ("error", {"d03_tienyen_huyen_sau_cai_cach"}, "huyện Tiên Yên tổ chức"),
    "domain.unit-outdated-name": ("warning", {"d04_hoanhbo_ten_cu"}, "huyện Hoành Bồ tổ chức"),
    "domain.person-two-provinces": ("warning", {"d05a_phamvanhung_quangninh", "d05b_phamvanhung_langson"},
                                    "Phạm Văn Hùng"),
    "domain.post-without-jurisdiction": ("warning", {"d06_hoi_nong_dan_khong_dia_ban"}, "Chủ tịch Hội Nông dân"),
}
NO_REASONING = CheckOptions(reason=False)
runner = CliRunner()


@pytest.fixture(scope="module")
def crafted_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("crafted") / "store", CRAFTED)


@pytest.fixture(scope="module")
def crafted_report(crafted_store):
    with GraphStore(crafted_store, read_only=True) as store:
        return check_store(store, NO_REASONING)


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("clean") / "store", *(CRAFTED / f"{a}.txt" for a in CLEAN))


def _copy(path, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(path, target)
    return target


def _by_rule(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.rule, []).append(f)
    return out


# --- the crafted articles ---------------------------------------------------------------------

@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_domain_rule_fires_once_on_its_article_with_the_sentence(crafted_report, rule):
    severity, articles, phrase = EXPECTED[rule]
    [finding] = _by_rule(crafted_report)[rule]
    assert finding.severity == severity
    assert {s.article for s in finding.sources} == articles
    assert all(s.sentence and phrase in s.sentence for s in finding.sources)
    assert finding.label and finding.message and finding.focus.startswith(ID)


def test_the_crafted_articles_trigger_nothing_else(crafted_report):
    rules = {f.rule for f in crafted_report.findings}
    assert rules == set(EXPECTED)
    cited = {s.article for f in crafted_report.findings for s in f.sources}
    assert not cited & set(CLEAN)


def test_clean_articles_pass_every_check_with_reasoning(clean_store, tmp_path):
    store_path = _copy(clean_store, tmp_path)
    with GraphStore(store_path, read_only=True) as store:
        report = check_store(store)
    assert report.findings == ()
    assert report.ok and report.exit_code == 0
    assert report.shacl.conforms and report.reasoning.status == "consistent"
    assert report.domain_rules == tuple(RULES)


def test_a_domain_rule_replaces_the_shacl_warning_on_the_same_node(crafted_report):
    assert crafted_report.shacl.replaced == 2  # ordinal mismatch flag, post without jurisdiction
    assert not any(f.rule.startswith("shacl.") for f in crafted_report.findings)


def test_sentences_name_the_unit_the_rule_talks_about(crafted_report):
    [outdated] = _by_rule(crafted_report)["domain.unit-outdated-name"]
    assert "thành phố Hạ Long" in outdated.message  # the successor, from the gazetteer
    assert dict(outdated.details)["valid_until"] == "2020-01-01"
    [district] = _by_rule(crafted_report)["domain.district-after-reform"]
    assert "tỉnh Quảng Ninh" in district.message


@pytest.mark.parametrize("value, day", [("2025", "2025-01-01"), ("2025-07", "2025-07-01"),
                                        ("2025-07-09", "2025-07-09"), ("2025-07-09T10:00:00", "2025-07-09")])
def test_partial_dates_compare_by_their_first_day(value, day):
    assert earliest_day(value) == day


# --- graphs an article cannot produce ---------------------------------------------------------

def _facts(article_id: str, published: str | None, events=(), posts=()) -> ArticleFacts:
    doc = Document(article_id, f"{article_id}.txt", "Tiêu đề", published, "Một câu.", "utf-8")
    return ArticleFacts(doc, events=list(events), posts=list(posts))


def _load(path, *facts: ArticleFacts) -> None:
    with GraphStore(path) as store:
        for f in facts:
            store.replace_graph(f"{ID}article/{f.document.article_id}", article_quads(f))


def test_an_event_after_publication_is_an_error(tmp_path):
    # The extractor drops such events, so the graph is made from typed facts directly.
    span = Span("Ngày 25/1/2024, huyện tổ chức Hội nghị.", 8, 16)
    van_don = Place("huyện", "Vân Đồn", level="district")
    late = Event("Hội nghị", "2024-01-25", van_don, "Hội nghị triển khai nhiệm vụ năm 2024", span)
    same_day = Event("Hội nghị", "2024-01-10", van_don, "Hội nghị giao ban", span)
    year_only = Event("Đại hội", "2024", van_don, "Đại hội", span)
    _load(tmp_path / "store", _facts("x_late", "2024-01-10T16:40", [late, same_day, year_only]))
    with GraphStore(tmp_path / "store", read_only=True) as store:
        report = check_store(store, NO_REASONING)
    [finding] = _by_rule(report)["domain.event-after-publication"]
    assert finding.severity == "error" and not report.ok
    assert finding.label == "Hội nghị triển khai nhiệm vụ năm 2024"
    assert dict(finding.details) == {"date": "2024-01-25", "published": "2024-01-10", "article": "x_late"}
    assert [s.article for s in finding.sources] == ["x_late"]
    assert finding.sources[0].sentence == span.sentence


def test_a_shacl_violation_names_the_rule_the_node_and_the_sentence(clean_store, tmp_path):
    store_path = _copy(clean_store, tmp_path)
    label = "Chủ tịch Ủy ban nhân dân huyện Bình Liêu"
    with GraphStore(store_path) as store:
        [post] = [r["q"] for r in store.query(f'SELECT ?q WHERE {{ ?q a td:Post ; rdfs:label "{label}"@vi }}')]
        for q in list(store.oxigraph.quads_for_pattern(post, ox.NamedNode(TD + "role"), None)):
            store.oxigraph.remove(q)  # a post without its role
    with GraphStore(store_path, read_only=True) as store:
        report = check_store(store, NO_REASONING)
    [finding] = report.findings
    assert (finding.severity, finding.rule, finding.focus) == ("error", "shacl.min-count", post.value)
    assert finding.label == label
    assert "exactly one td:role" in finding.message
    assert dict(finding.details)["shape"] == "tdsh:Post-role"
    assert finding.sources and all(s.sentence for s in finding.sources)


def test_shacl_in_batches_finds_the_same_and_says_when_it_ran_out_of_time(crafted_store):
    with GraphStore(crafted_store, read_only=True) as store:
        whole = check_store(store, CheckOptions(reason=False, domain=False))
        batched = check_store(store, CheckOptions(reason=False, domain=False, shacl_batch_triples=150,
                                                  shacl_workers=2))
        hurried = check_store(store, CheckOptions(reason=False, domain=False, shacl_batch_triples=150,
                                                  shacl_workers=1, shacl_timeout=1e-9))
    assert batched.shacl.batches > 2 and batched.shacl.complete
    assert batched.findings == whole.findings and whole.shacl.batches == 1
    assert not hurried.shacl.complete and hurried.shacl.articles_checked < hurried.shacl.articles_total
    assert "time budget" in hurried.shacl.note


# --- the report's JSON form -------------------------------------------------------------------

def test_json_report_is_stable_sorted_and_documented(crafted_store):
    with GraphStore(crafted_store, read_only=True) as store:
        first = check_store(store, NO_REASONING).to_json_text()
        second = check_store(store, NO_REASONING).to_json_text()
    assert first == second
    data = json.loads(first)
    assert data["format"] == REPORT_FORMAT and data["ok"] is False
    assert set(data) == {"format", "ok", "summary", "shacl", "domain", "reasoning", "findings"}
    assert data["summary"] == {"articles": 8, "triples": data["summary"]["triples"], "errors": 1,
                               "warnings": 4, "info": 0}
    order = ["error", "warning", "info"]
    keys = [(order.index(f["severity"]), f["rule"], f["focus"]["iri"]) for f in data["findings"]]
    assert keys == sorted(keys)
    for f in data["findings"]:
        assert set(f) == {"severity", "rule", "message", "focus", "sources", "sources_total", "details"}
        assert set(f["focus"]) == {"iri", "label"}
        assert all(set(s) == {"article", "sentence"} for s in f["sources"])
    documented = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    for key in ("format", "summary", "sources_total", "inferred_by_class", *RULES, "shacl.min-count",
                "owl.disjoint-types", "owl.functional-property", "reasoning.fallback", "reasoning.degraded"):
        assert f"`{key}`" in documented, key


# --- the CLI ----------------------------------------------------------------------------------

def test_cli_check_exit_status_follows_errors_not_warnings(clean_store, crafted_store, tmp_path):
    clean = runner.invoke(app, ["check", "--store", str(clean_store), "--no-reason"])
    assert clean.exit_code == 0, clean.output
    assert "0 errors, 0 warnings, 0 notes: OK" in clean.output
    failing = runner.invoke(app, ["check", "--store", str(crafted_store), "--no-reason", "--format", "json"])
    assert failing.exit_code == 1
    assert json.loads(failing.stdout)["summary"]["errors"] == 1
    missing = runner.invoke(app, ["check", "--store", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "no store here" in missing.output
    assert not (tmp_path / "nowhere").exists()


def test_cli_check_writes_inferred_officials_that_query_sees(clean_store, tmp_path):
    store_path = _copy(clean_store, tmp_path)
    result = runner.invoke(app, ["check", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "HermiT: consistent" in result.stdout
    query = runner.invoke(app, ["query", "--store", str(store_path), "--format", "json",
                                "SELECT ?n WHERE { ?p a td:Official ; td:name ?n } ORDER BY ?n"])
    names = [row["n"] for row in json.loads(query.stdout)]
    assert names == ["Chíu Văn Sáng", "Hoàng Văn Tiến", "Lục Thị Hoa", "Sằn Thị Mai"]
    with GraphStore(store_path, read_only=True) as store:
        graphs = {g.value for g in store.oxigraph.named_graphs()}
    assert INFERRED_GRAPH in graphs


def test_cli_ontology_export_is_rdfxml_that_owlready2_loads(tmp_path):
    import owlready2

    target = tmp_path / "thidua.owl"
    result = runner.invoke(app, ["ontology", "export", "--format", "owl", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"<?xml") and b"rdf:RDF" in data
    again = runner.invoke(app, ["ontology", "export", "--format", "owl"])
    assert again.stdout_bytes == data  # deterministic
    world = owlready2.World()
    onto = world.get_ontology(target.as_uri()).load()
    assert onto.search_one(iri=TD + "Official") is not None
    assert len(list(onto.classes())) > 30


def test_cli_ontology_docs_writes_html_naming_every_class(tmp_path):
    import rdflib

    result = runner.invoke(app, ["ontology", "docs", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    graph = rdflib.Graph().parse(ROOT / "ontology" / "thidua.ttl")
    classes = {str(c).split("#")[1] for c in graph.subjects(rdflib.RDF.type, rdflib.OWL.Class)
               if str(c).startswith(TD)}
    missing = {c for c in classes if f'id="{c}"' not in html and f"#{c}" not in html}
    assert not missing
    assert {p.name for p in (tmp_path / "site").iterdir()} == {"index.html", "thidua.ttl", "thidua.owl"}
