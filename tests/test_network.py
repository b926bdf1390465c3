"""The networkx projection of the store and the analytics over it (graph/network.py), and `thidua path`/`network`."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from thidua.cli import app
from thidua.graph import network as gn
from thidua.graph.stats import store_stats
from thidua.graph.store import GraphStore

runner = CliRunner()

# (label) -> (source kinds, target kinds) the projection may draw it between
EDGE_KINDS = {
    "holds post": ({"person"}, {"post"}),
    "post in": ({"post"}, {"organization"}),
    "jurisdiction": ({"organization"}, {"unit"}),
    "part of": ({"unit"}, {"unit"}),
    "held in": ({"event"}, {"unit"}),
    "organized by": ({"event"}, {"organization"}),
    "chaired by": ({"event"}, {"person"}),
    "speaker": ({"event"}, {"person"}),
    "attendee": ({"event"}, {"person"}),
    "recipient": ({"award"}, {"person"}),
    "reported in": ({"event", "anniversary", "award"}, {"article"}),
    "about": ({"article"}, {"unit"}),
    "author": ({"article"}, {"person"}),
    "mentions": ({"article"}, {"person", "unit"}),
}


@pytest.fixture(scope="module")
def graph(example_store_path) -> nx.MultiDiGraph:
    with GraphStore(example_store_path, read_only=True) as store:
        return gn.project(store)


def node_named(graph, label: str) -> str:
    return gn.resolve(graph, label)


def toy_graph() -> nx.MultiDiGraph:
    """Two officials at one event, a third person only in an article, and an island."""
    g = nx.MultiDiGraph()

    def add(node, kind, label, official=False):
        g.add_node(node, kind=kind, cls=kind.title(), label=label, official=official, dates=(), details=(),
                   articles=())

    add("p:a", "person", "An", True)
    add("p:b", "person", "Bình", True)
    add("p:c", "person", "Cường")
    add("p:d", "person", "Dũng", True)
    add("e:1", "event", "Hội nghị")
    add("a:1", "article", "Bài 1")
    add("u:1", "unit", "xã Một")
    for person, label in (("p:a", "chaired by"), ("p:b", "speaker")):
        g.add_edge("e:1", person, key=label, label=label, dates=(), articles=())
    for person in ("p:a", "p:c"):
        g.add_edge("a:1", person, key="mentions", label="mentions", dates=(), articles=())
    return g


# --- projection -------------------------------------------------------------------------------------


def test_projection_counts_match_the_store_statistics(example_store_path, graph):
    with GraphStore(example_store_path, read_only=True) as store:
        stats = store_stats(store)
    counts = {kind: 0 for kind in gn.KINDS}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] += 1
    assert counts == {"person": stats["people"], "post": stats["posts"], "organization": stats["organizations"],
                      "unit": stats["units"], "event": stats["events"], "anniversary": stats["anniversaries"],
                      "award": stats["awards"], "article": stats["articles"]}


def test_every_edge_joins_the_kinds_its_label_allows(graph):
    labels = set()
    for u, v, key, data in graph.edges(keys=True, data=True):
        sources, targets = EDGE_KINDS[key]
        assert graph.nodes[u]["kind"] in sources and graph.nodes[v]["kind"] in targets, (u, key, v)
        assert data["label"] == key
        assert data["articles"] and all(graph.nodes[a]["kind"] == "article" for a in data["articles"])
        labels.add(key)
    assert {"holds post", "post in", "speaker", "reported in", "mentions"} <= labels


def test_nodes_carry_label_class_dates_details_and_source_articles(graph):
    person = graph.nodes[node_named(graph, "Hoàng Thị Bích Liên")]
    assert person["kind"] == "person" and person["official"] is True
    assert [graph.nodes[a]["kind"] for a in person["articles"]] == ["article"]
    event = next(attrs for _, attrs in graph.nodes(data=True) if attrs["kind"] == "event" and attrs["dates"])
    assert event["cls"] != "Event"  # the most specific class (Conference, Congress …)
    assert dict(event["details"])["sentence"]
    assert all(attrs["label"] for _, attrs in graph.nodes(data=True))
    holding_dates = [d["dates"] for *_, k, d in graph.edges(keys=True, data=True) if k == "holds post"]
    assert holding_dates and all(dates for dates in holding_dates)


def test_projection_is_deterministic(example_store_path, graph):
    with GraphStore(example_store_path, read_only=True) as store:
        again = gn.project(store)
    assert list(again.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    assert list(graph.nodes) == sorted(graph.nodes)


# --- names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Hoàng Thị Bích Liên", "hoàng thị bích liên", "  HOÀNG THỊ BÍCH LIÊN "])
def test_names_resolve_case_insensitively(graph, name):
    assert gn.resolve(graph, name).startswith("https://w3id.org/thidua/id/person/hoang-thi-bich-lien-")


def test_iris_and_short_iris_resolve(graph):
    iri = node_named(graph, "Hoàng Thị Bích Liên")
    assert gn.resolve(graph, iri) == iri
    assert gn.resolve(graph, "id:" + iri.split("/id/", 1)[1]) == iri


def test_an_unknown_name_is_an_error_with_a_suggestion(graph):
    with pytest.raises(gn.NetworkLookupError, match=r"no entity named 'Hoàng Thị Bích Lien' .*did you mean"):
        gn.resolve(graph, "Hoàng Thị Bích Lien")


def test_an_ambiguous_name_lists_the_candidates(graph):
    with pytest.raises(gn.NetworkLookupError, match=r"'Cờ thi đua' matches \d+ entities: .*id:award/"):
        gn.resolve(graph, "Cờ thi đua")


# --- analytics --------------------------------------------------------------------------------------


def test_shortest_chain_prefers_facts_to_shared_articles():
    g = toy_graph()
    g.add_edge("a:1", "p:b", key="mentions", label="mentions", dates=(), articles=())  # a second 2-link chain
    steps = gn.shortest_chain(g, "p:a", "p:b")
    assert [(s.source, s.label, s.forward, s.target) for s in steps] == [
        ("p:a", "chaired by", False, "e:1"), ("e:1", "speaker", True, "p:b")]
    assert gn.format_chain(g, steps) == "An (person)\n  <--chaired by-- Hội nghị (event)\n  --speaker--> Bình (person)"


def test_shortest_chain_goes_through_an_article_when_that_is_shorter():
    steps = gn.shortest_chain(toy_graph(), "p:b", "p:c")
    assert [s.target for s in steps] == ["e:1", "p:a", "a:1", "p:c"]
    with pytest.raises(gn.NetworkLookupError, match="no chain links Bình .* without going through article"):
        gn.shortest_chain(toy_graph(), "p:b", "p:c", exclude_kinds=("article",))


def test_no_chain_is_an_error():
    with pytest.raises(gn.NetworkLookupError, match=r"no chain links An \(person\) and xã Một \(unit\)"):
        gn.shortest_chain(toy_graph(), "p:a", "u:1")


def test_most_connected_officials_are_ranked_by_degree_then_betweenness(graph):
    toy = gn.most_connected(toy_graph())
    assert [r.label for r in toy] == ["An", "Bình", "Dũng"]  # Cường holds no post; Dũng has no link
    assert toy[0].degree == 2 and toy[0].betweenness > toy[1].betweenness
    ranked = gn.most_connected(graph, top=5)
    assert len(ranked) == 5 and all(graph.nodes[r.node]["official"] for r in ranked)
    assert [r.degree for r in ranked] == sorted((r.degree for r in ranked), reverse=True)


def test_communities_are_deterministic_and_leave_out_articles_and_islands(graph):
    found = gn.communities(graph)
    assert found == gn.communities(graph)
    members = [m for c in found for m in c.members]
    assert len(members) == len(set(members))
    assert all(len(c.members) >= 2 for c in found)
    assert not any(graph.nodes[m]["kind"] == "article" for m in members)
    assert [len(c.members) for c in found] == sorted((len(c.members) for c in found), reverse=True)


def test_co_attendance_pairs_officials_at_the_same_event(graph):
    assert [(p.a, p.b, p.events) for p in gn.co_attendance(toy_graph())] == [("p:a", "p:b", ("e:1",))]
    pairs = {(graph.nodes[p.a]["label"], graph.nodes[p.b]["label"]): p for p in gn.co_attendance(graph)}
    pair = pairs[("Hoàng Thị Bích Liên", "Nguyễn Thị Kim Oanh")]
    assert [graph.nodes[e]["kind"] for e in pair.events] == ["event"]
    weighted = gn.co_attendance_graph(graph)
    assert weighted.number_of_edges() == len(pairs)


def test_timeline_lists_posts_events_and_articles_in_date_order(graph):
    items = gn.timeline(graph, node_named(graph, "Hoàng Thị Bích Liên"))
    assert [i.lane for i in items] == ["post", "post", "post", "event", "article"]
    dated = [i.date for i in items if i.date]
    assert dated == sorted(dated)
    assert {i.label for i in items if i.lane == "event"} <= set(gn.PARTICIPATION)


def test_ego_keeps_the_neighbourhood(graph):
    center = node_named(graph, "Hoàng Thị Bích Liên")
    near = gn.ego(graph, center, depth=1)
    assert center in near and set(near) == {center} | set(nx.all_neighbors(graph, center))


def test_report_is_json_ready(graph):
    data = gn.report(graph, top=3)
    json.dumps(data)
    assert len(data["most_connected_officials"]) == 3 and data["community_count"] >= len(data["communities"])
    text = gn.format_report(data)
    assert "most connected officials" in text and "Hoàng Thị Bích Liên & Nguyễn Thị Kim Oanh" in text


# --- the commands -----------------------------------------------------------------------------------


def test_path_prints_the_chain_with_its_labels(example_store_path):
    result = runner.invoke(app, ["path", "hoàng thị bích liên", "Nguyễn Thị Kim Oanh",
                                 "--store", str(example_store_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Hoàng Thị Bích Liên (person)",
        "  <--chaired by-- Hội nghị tổng kết công tác thi đua (event)",
        "  --speaker--> Nguyễn Thị Kim Oanh (person)",
        "(2 links)",
    ]


def test_path_between_the_seed_officials(shared_dir, tmp_path):
    from conftest import build_store

    store = build_store(tmp_path / "seeds.store", shared_dir / "seeds")
    result = runner.invoke(app, ["path", "Trần Việt Dũng", "Đỗ Thị Ninh Hường", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "--speaker--> Đỗ Thị Ninh Hường (person)" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["Nobody Here", "Hoàng Thị Bích Liên"], "error: no entity named 'Nobody Here' in the store"),
    (["Cờ thi đua", "Hoàng Thị Bích Liên"], "error: 'Cờ thi đua' matches"),
    (["Hoàng Thị Bích Liên", "hoàng thị bích liên"], "are the same entity"),
])
def test_path_errors_are_one_line_and_exit_1(example_store_path, args, message):
    result = runner.invoke(app, ["path", *args, "--store", str(example_store_path)])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_path_facts_only_leaves_articles_out(example_store_path):
    args = ["path", "Hoàng Thị Bích Liên", "Trương Minh Khôi", "--store", str(example_store_path)]
    shortest = runner.invoke(app, args)
    facts = runner.invoke(app, [*args, "--facts-only"])
    assert shortest.exit_code == facts.exit_code == 0, shortest.output + facts.output
    assert "(article)" in shortest.stdout and "(article)" not in facts.stdout
    assert len(facts.stdout.splitlines()) > len(shortest.stdout.splitlines())


def test_path_without_a_chain_exits_1(example_store_path):
    result = runner.invoke(app, ["path", "35 năm Ngày hội Quốc phòng toàn dân", "Trương Minh Khôi", "--facts-only",
                                 "--store", str(example_store_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("error: no chain links 35 năm Ngày hội Quốc phòng toàn dân (anniversary) and "
                                     "Trương Minh Khôi (person) without going through article")


def test_network_prints_text_and_json(example_store_path, graph):
    text = runner.invoke(app, ["network", "--store", str(example_store_path), "--top", "3"])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith(f"graph: {graph.number_of_nodes():,} entities")
    data = json.loads(runner.invoke(app, ["network", "--store", str(example_store_path), "--json"]).stdout)
    assert data["nodes"] == graph.number_of_nodes() and len(data["most_connected_officials"]) == 10
