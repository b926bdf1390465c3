"""The shared graph: each unit, person, role, organization and post described once, whatever the build order;
re-loads prune it."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from fuzz.runner import run
from thidua.graph.store import SHARED_GRAPH, GraphStore

TD = "https://w3id.org/thidua/ontology#"
DAM_HA = "Bài Đầm Hà\n\nSáng ngày 5/3/2024, UBND huyện Đầm Hà tổ chức Hội nghị tổng kết công tác thi đua.\n"
TIEN_YEN = "Bài Tiên Yên\n\nĐồng chí Nguyễn Văn Bình – Chủ tịch UBND huyện Tiên Yên phát biểu.\n"
MAI_CHAU = "Bài Mai Châu\n\nĐồng chí Hà Thị Lan – Chủ tịch UBND huyện Mai Châu, tỉnh Hòa Bình dự hội nghị.\n"


def _write(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _units(store: Path) -> dict[str, set[str]]:
    with GraphStore(store, read_only=True) as handle:
        out: dict[str, set[str]] = {}
        for q in handle.oxigraph.quads_for_pattern(None, None, None, SHARED_GRAPH):
            out.setdefault(q.subject.value, set()).add(str(q))
        return out


def _export(store: Path, target: Path) -> bytes:
    assert run("export", "--format", "nquads", "--store", store, "-o", target).returncode == 0
    return target.read_bytes()


def test_units_are_described_once_and_articles_only_point_to_them(tmp_path):
    corpus = _write(tmp_path / "a", a=DAM_HA, b=DAM_HA.replace("5/3", "6/3"))
    store = tmp_path / "store"
    assert run("build", corpus, "--store", store, "-q").returncode == 0
    units = _units(store)
    dam_ha = next(u for u, quads in units.items() if any('"huyện Đầm Hà"@vi' in q for q in quads))
    assert any("ontology#partOf" in q for q in units[dam_ha])  # and its province is described too
    with GraphStore(store, read_only=True) as handle:
        for graph in handle.article_graphs():
            described = {q.predicate.value for q in handle.oxigraph.quads_for_pattern(ox.NamedNode(dam_ha), None, None,
                                                                                      ox.NamedNode(graph))}
            assert not described  # the article graphs refer to the unit; the shared graph describes it


def test_people_and_posts_are_described_once_and_holdings_stay_with_their_articles(tmp_path):
    store = tmp_path / "store"
    tien_yen_again = TIEN_YEN.replace("phát biểu", "dự hội nghị")
    assert run("build", _write(tmp_path / "p", b=TIEN_YEN, c=tien_yen_again), "--store", store, "-q").returncode == 0
    with GraphStore(store, read_only=True) as handle:
        people = {q.subject.value for q in handle.oxigraph.quads_for_pattern(
            None, ox.NamedNode(TD + "name"), ox.Literal("Nguyễn Văn Bình", language="vi"), None)}
        assert len(people) == 1  # one person for both articles
        person = ox.NamedNode(people.pop())
        graphs_naming = {q.graph_name for q in handle.oxigraph.quads_for_pattern(person, ox.NamedNode(TD + "name"), None, None)}
        assert graphs_naming == {SHARED_GRAPH}
        holdings = list(handle.oxigraph.quads_for_pattern(None, ox.NamedNode(TD + "holder"), person, None))
        assert len(holdings) == 2 and SHARED_GRAPH not in {q.graph_name for q in holdings}  # each article's claim
        post = next(handle.oxigraph.quads_for_pattern(holdings[0].subject, ox.NamedNode(TD + "post"), None, None)).object
        post_graphs = {q.graph_name for q in handle.oxigraph.quads_for_pattern(post, None, None, None)}
        assert post_graphs == {SHARED_GRAPH}
    facts = json.loads(run("facts", "--store", store).stdout)
    assert facts["b"]["posts"] == facts["c"]["posts"] == [
        {"person": "Nguyễn Văn Bình", "role": "Chủ tịch", "organization": "Ủy ban nhân dân",
         "jurisdiction": "huyện Tiên Yên"}]


def test_reload_prunes_units_no_article_refers_to_and_equals_a_fresh_build(tmp_path):
    store = tmp_path / "store"
    assert run("build", _write(tmp_path / "v1", a=DAM_HA, b=TIEN_YEN), "--store", store, "-q").returncode == 0
    labels = lambda: {q.split('"')[1] for quads in _units(store).values() for q in quads if "label" in q}
    assert {"huyện Đầm Hà", "huyện Tiên Yên", "tỉnh Quảng Ninh"} <= labels()
    # b now speaks of Mai Châu (Hòa Bình): Tiên Yên goes, Quảng Ninh stays for a.
    assert run("build", _write(tmp_path / "v2", b=MAI_CHAU), "--store", store, "-q").returncode == 0
    assert "huyện Tiên Yên" not in labels() and {"huyện Đầm Hà", "tỉnh Quảng Ninh", "huyện Mai Châu"} <= labels()
    assert "Nguyễn Văn Bình" not in labels() and "Hà Thị Lan" in labels()  # people, too
    fresh = tmp_path / "fresh"
    assert run("build", _write(tmp_path / "v3", a=DAM_HA, b=MAI_CHAU), "--store", fresh, "-q").returncode == 0
    assert _export(store, tmp_path / "reloaded.nq") == _export(fresh, tmp_path / "fresh.nq")


def test_a_commune_that_changed_parent_is_part_of_both(tmp_path):
    text = "Bài phường\n\nNgày 2/8/2025, UBND phường Cửa Nam, thành phố Hà Nội tổ chức hội nghị.\n"
    store = tmp_path / "store"
    assert run("build", _write(tmp_path / "c", p=text), "--store", store, "-q").returncode == 0
    units = _units(store)
    cua_nam = next((u for u, quads in units.items() if any('"phường Cửa Nam"@vi' in q for q in quads)), None)
    assert cua_nam is not None
    parents = {q.split()[2] for q in units[cua_nam] if "ontology#partOf" in q}
    assert len(parents) == 2  # the district before 2025-07-01 and the city after
