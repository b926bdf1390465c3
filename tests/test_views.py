"""The HTML views (exports/views.py) and `thidua view`: offline, safe, deterministic, and working in Chromium.

The browser tests drive Debian's Chromium (/usr/bin/chromium, installed by scripts/test.sh) through
Playwright with every request but the page itself aborted; they are skipped, with the reason, only
when that browser (or the playwright package) is missing. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT, build_store
from thidua.cli import app
from thidua.exports import views
from thidua.graph import network as gn
from thidua.graph.iri import article_iri
from thidua.graph.mapping import article_quads
from thidua.graph.store import GraphStore
from thidua.loaders.model import (ArticleFacts, Document, Event, Participation, PersonMention, PostHolding,
                                  Span)

runner = CliRunner()
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
PAYLOADS = ('<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">')
HOSTILE_NAME = 'Trần "Văn" <script>window.__pwned=1</script> Tèo'
HOSTILE_ROLE = "Chủ tịch <img src=x onerror=\"window.__pwned=1\"> 'x'"
HOSTILE_ARTICLE = """\
Đầm Hà <script>window.__pwned=1</script> tổng kết "thi đua" <img src=x onerror="window.__pwned=1">

Sáng ngày 5/1/2023, Ủy ban nhân dân huyện Đầm Hà tổ chức Hội nghị tổng kết <script>window.__pwned=1</script> công tác thi đua năm 2022.

Dự hội nghị có đồng chí Lê Văn Bình – Bí thư Huyện ủy; đồng chí Nguyễn Thị "Quote' Test – Phó Chủ tịch UBND huyện.

Đồng chí Lê Văn Bình – Bí thư Huyện ủy phát biểu tại hội nghị "<script>window.__pwned=1</script>".

Kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh <img src=x onerror="window.__pwned=1"> (30/10/1963 – 30/10/2023).

                                                                CTV.<img src=x onerror="window.__pwned=1">
"""


@pytest.fixture(scope="module")
def graph(example_store_path):
    with GraphStore(example_store_path, read_only=True) as store:
        return gn.project(store)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    """A crafted article read by the real pipeline, plus facts whose person name and role are hostile."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "articles").mkdir()
    (folder / "articles" / "evil.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    path = build_store(folder / "store", folder / "articles")
    span = Span(f"Đồng chí {HOSTILE_NAME} phát biểu.", 0, 10)
    facts = ArticleFacts(
        Document("evil-names", "evil-names.txt", f"Bài {PAYLOADS[1]} “{HOSTILE_NAME}”", "2023-01-05", "…", "utf-8"),
        people=[PersonMention(HOSTILE_NAME, span), PersonMention("Lê Văn Bình", span)],
        posts=[PostHolding(HOSTILE_NAME, HOSTILE_ROLE, "Ủy ban nhân dân", None, span)],
        events=[Event("Hội nghị", "2023-01-05", None, f"Hội nghị {PAYLOADS[0]}", span,
                      participants=(Participation(HOSTILE_NAME, "spoke"), Participation("Lê Văn Bình", "chaired")))],
    )
    with GraphStore(path) as store:
        store.replace_graph(article_iri("evil-names"), article_quads(facts))
    return path


@pytest.fixture(scope="module")
def hostile_graph(hostile_store):
    with GraphStore(hostile_store, read_only=True) as store:
        return gn.project(store)


def payload_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="thidua-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


# --- pages as text ----------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_a_page_is_self_contained_and_its_csp_allows_only_its_own_scripts(graph):
    html = views.render(views.overview(graph))
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert "src" not in attrs and tag not in ("link", "iframe", "object", "embed", "base"), (tag, attrs)
        assert not attrs.get("href", "#").startswith(("http:", "https:", "//")), (tag, attrs)
    csp = next(a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp and "connect-src" not in csp
    executable = [s for (t, a), s in zip([x for x in parser.tags if x[0] == "script"], parser.scripts)
                  if a.get("type") != "application/json"]
    assert len(executable) == 2
    for script in executable:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "sourceMappingURL" not in html


def test_script_json_cannot_end_its_script_element():
    value = {"s": "</script><!-- <script>&amp; \u2028\u2029 'x' \"y\""}
    text = views.script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_the_same_store_gives_byte_identical_pages(graph, tmp_path):
    files = sorted(EXAMPLES.iterdir(), reverse=True)  # another build order
    with GraphStore(build_store(tmp_path / "again", *files), read_only=True) as store:
        again = gn.project(store)
    for make in (views.overview, lambda g: views.ego_view(g, gn.resolve(g, "Hoàng Thị Bích Liên")),
                 lambda g: views.timeline_view(g, gn.resolve(g, "Hoàng Thị Bích Liên"))):
        first, second = views.render(make(graph)), views.render(make(again))
        assert first == second


def test_hostile_text_is_escaped_everywhere_in_the_page(hostile_graph):
    person = gn.resolve(hostile_graph, HOSTILE_NAME)
    for view in (views.overview(hostile_graph), views.ego_view(hostile_graph, person),
                 views.timeline_view(hostile_graph, person)):
        html = views.render(view)
        for raw in ("<script>window", "<img src=x", "onerror=\"window", "<b "):
            assert raw not in html, (view.kind, raw)
        data = payload_of(html)
        labels = {n["full"] for n in data["nodes"]} | {a["title"] for a in data["articles"]}
        if data["timeline"]:
            labels.add(data["timeline"]["person"]["full"])
        assert HOSTILE_NAME in labels  # the text is kept, literally, as data
    assert "<title>Trần &#34;Văn&#34; &lt;script&gt;window.__pwned=1&lt;/script&gt; Tèo" in html


def test_the_overview_filters_beyond_max_nodes_and_says_so(graph):
    full = views.overview(graph)
    assert full.graph.number_of_nodes() == graph.number_of_nodes() and not full.notes
    small = views.overview(graph, max_nodes=40)
    assert small.graph.number_of_nodes() == 40
    assert sum(small.left_out.values()) == graph.number_of_nodes() - 40
    assert "shows the 40 most connected entities" in small.notes[0]
    html = views.render(small)
    assert '<p class="note">The store holds 310 entities' in html.replace(f"{graph.number_of_nodes():,}", "310")
    kinds = {k["kind"]: k for k in payload_of(html)["kinds"]}
    assert sum(k["left"] for k in kinds.values()) == graph.number_of_nodes() - 40


def test_ego_views_grow_with_depth_and_are_capped(graph):
    center = gn.resolve(graph, "Hoàng Thị Bích Liên")
    one, two = views.ego_view(graph, center, depth=1), views.ego_view(graph, center, depth=2)
    assert center in one.graph and set(one.graph) < set(two.graph)
    capped = views.ego_view(graph, center, depth=3, max_nodes=10)
    assert capped.graph.number_of_nodes() == 10 and center in capped.graph and capped.notes
    data = payload_of(views.render(one))
    assert [n["full"] for n in data["nodes"] if n.get("focus")] == ["Hoàng Thị Bích Liên"]
    assert data["nodes"][data["focus"]]["iri"] == center


def test_a_timeline_is_for_a_person(graph):
    view = views.timeline_view(graph, gn.resolve(graph, "Hoàng Thị Bích Liên"))
    data = payload_of(views.render(view))
    assert [i["what"] for i in data["timeline"]["items"]] == ["held post"] * 3 + ["chaired", "mentioned in"]
    assert [n["x"] for n in data["nodes"]] == sorted(n["x"] for n in data["nodes"])
    with pytest.raises(views.ViewError, match="is not one"):
        views.timeline_view(graph, gn.resolve(graph, "tỉnh Quảng Ninh"))


def test_the_index_links_the_views_of_a_folder(graph, tmp_path):
    views.write_view(views.overview(graph), tmp_path / "overview.html")
    views.write_view(views.ego_view(graph, gn.resolve(graph, "Hoàng Thị Bích Liên")), tmp_path / "a b.html")
    (tmp_path / "other.html").write_text("<html><head><title>not ours</title></head></html>", encoding="utf-8")
    index = views.write_index(tmp_path)
    text = index.read_text(encoding="utf-8")
    assert text.index('href="./overview.html"') < text.index('href="./a%20b.html"')
    assert "not ours" not in text and "2 views written" in text
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "index.html").write_text("mine", encoding="utf-8")
    assert views.write_index(foreign) is None and (foreign / "index.html").read_text() == "mine"


# --- the command ------------------------------------------------------------------------------------


def test_view_writes_the_overview_and_the_index(example_store_path, tmp_path):
    out = tmp_path / "out" / "example.html"
    result = runner.invoke(app, ["view", "--store", str(example_store_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "overview view" in result.stderr and (out.parent / "index.html").is_file()
    assert 'href="./example.html"' in (out.parent / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--focus", "Nobody Here"], "error: no entity named 'Nobody Here'"),
    (["--timeline"], "error: a timeline needs --focus PERSON"),
    (["--focus", "tỉnh Quảng Ninh", "--timeline"], "is not one"),
])
def test_view_errors_exit_1(example_store_path, tmp_path, args, message):
    result = runner.invoke(app, ["view", "--store", str(example_store_path), "-o", str(tmp_path / "v.html"), *args])
    assert result.exit_code == 1 and message in result.stderr
    assert not (tmp_path / "v.html").exists()


def test_view_will_not_overwrite_the_index(example_store_path, tmp_path):
    result = runner.invoke(app, ["view", "--store", str(example_store_path), "-o", str(tmp_path / "index.html")])
    assert result.exit_code == 1 and "index page" in result.stderr


def test_the_cli_default_max_nodes_is_the_library_default():
    from thidua import cli_views
    import inspect

    assert inspect.signature(cli_views.view).parameters["max_nodes"].default == views.DEFAULT_MAX_NODES


# --- in the browser ---------------------------------------------------------------------------------


ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (scripts/test.sh installs it)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Loaded:
    """A page opened offline, with what it tried to fetch and what it complained about."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False):
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1280, "height": 860}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("request", lambda r: r.url != self.url and self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed request {r.url}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.thiduaView && window.thiduaView.ready", timeout=30_000)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate(
            "() => [thiduaView.network.body.data.nodes.length, thiduaView.network.body.data.edges.length]"))

    def node_center(self, node_id: int) -> tuple[float, float]:
        box = self.page.locator("#network").bounding_box()
        point = self.page.evaluate(
            "(id) => thiduaView.network.canvasToDOM(thiduaView.network.getPosition(id))", node_id)
        return box["x"] + point["x"], box["y"] + point["y"]

    def close(self):
        self.context.close()


def written(view: views.View, folder: Path, name: str) -> tuple[Path, dict]:
    path = views.write_view(view, folder / name)
    return path, payload_of(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["overview", "ego", "timeline"])
def test_each_view_loads_offline_without_errors(browser, graph, tmp_path, which):
    center = gn.resolve(graph, "Hoàng Thị Bích Liên")
    view = {"overview": lambda: views.overview(graph), "ego": lambda: views.ego_view(graph, center),
            "timeline": lambda: views.timeline_view(graph, center)}[which]()
    path, data = written(view, tmp_path, f"{which}.html")
    loaded = Loaded(browser, path)
    try:
        assert loaded.counts() == (len(data["nodes"]), len(data["edges"]))
        assert loaded.requests == [] and loaded.errors == []
        legend = loaded.page.locator("#legend-list input[type=checkbox]").count()
        assert legend == sum(1 for k in data["kinds"] if k["count"] or k["left"])
        if which != "overview":
            assert loaded.page.locator("#details-body h3").text_content() == "Hoàng Thị Bích Liên"
        ARTIFACTS.mkdir(exist_ok=True)
        loaded.page.screenshot(path=str(ARTIFACTS / f"view-{which}.png"))
    finally:
        loaded.close()


def test_search_filter_and_tooltip_work(browser, graph, tmp_path):
    path, data = written(views.overview(graph), tmp_path, "overview.html")
    loaded = Loaded(browser, path)
    page = loaded.page
    try:
        page.fill("#search-box", "hoàng thị bích liên")
        page.click("#search button")
        assert page.locator("#search-status").text_content() == "1 match"
        assert page.locator("#details-body h3").text_content() == "Hoàng Thị Bích Liên"
        target = next(n for n in data["nodes"] if n["full"] == "Hoàng Thị Bích Liên")
        assert page.evaluate("() => thiduaView.network.getSelectedNodes()") == [target["id"]]

        page.mouse.move(*loaded.node_center(target["id"]))
        page.wait_for_selector(".tip:not([hidden])")
        assert page.locator(".tip h3").text_content() == "Hoàng Thị Bích Liên"
        assert "Source article" in page.locator(".tip").text_content()

        page.uncheck("#legend-list input[data-kind=article]")
        hidden = page.evaluate("() => thiduaView.nodes.get({filter: n => n.hidden}).length")
        assert hidden == sum(1 for n in data["nodes"] if data["kinds"][n["kind"]]["kind"] == "article")
        page.check("#legend-list input[data-kind=article]")
        assert page.evaluate("() => thiduaView.nodes.get({filter: n => n.hidden}).length") == 0
        assert loaded.errors == [] and loaded.requests == []
    finally:
        loaded.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_a_hostile_article_never_runs_and_is_shown_as_text(browser, hostile_graph, tmp_path, bypass_csp):
    person = gn.resolve(hostile_graph, HOSTILE_NAME)
    for name, view in (("overview", views.overview(hostile_graph)), ("ego", views.ego_view(hostile_graph, person)),
                       ("timeline", views.timeline_view(hostile_graph, person))):
        path, data = written(view, tmp_path, f"hostile-{name}.html")
        loaded = Loaded(browser, path, bypass_csp=bypass_csp)
        page = loaded.page
        try:
            if name != "overview":
                assert page.locator("h1").text_content().startswith(HOSTILE_NAME)
                assert page.locator("#details-body h3").text_content() == HOSTILE_NAME
            hostile = [n for n in data["nodes"] if "<" in n["full"] or '"' in n["full"]]
            assert hostile
            for node in hostile:  # their tooltips, drawn for real
                page.mouse.move(*loaded.node_center(node["id"]))
                page.wait_for_function("(label) => { const h = document.querySelector('.tip:not([hidden]) h3');"
                                       " return h && h.textContent === label; }", arg=node["full"])
            if name != "timeline":  # (a timeline's nodes are the person's items, not the person)
                page.fill("#search-box", HOSTILE_NAME)
                page.click("#search button")
                assert page.locator("#search-status").text_content() == "1 match"
                assert page.locator("#details-body h3").text_content() == HOSTILE_NAME
            assert page.evaluate("() => typeof window.__pwned") == "undefined"
            assert page.locator("#details-body img, .tip img, header img, #legend img").count() == 0
            assert loaded.errors == [] and loaded.requests == []
            if name == "ego" and not bypass_csp:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "view-hostile-ego.png"))
        finally:
            loaded.close()


def test_the_layout_is_the_same_on_every_load(browser, graph, tmp_path):
    path, _ = written(views.ego_view(graph, gn.resolve(graph, "Hoàng Thị Bích Liên")), tmp_path, "ego.html")
    positions = []
    for _ in range(2):
        loaded = Loaded(browser, path)
        positions.append(loaded.page.evaluate("() => thiduaView.network.getPositions()"))
        loaded.close()
    assert positions[0] == positions[1] and len(positions[0]) > 10
