"""Interactive HTML views of the graph: an overview, an ego view, a person's timeline, and an index page.

Each page is one self-contained file: vis-network (vendored in ``assets/``)
and the page's own script and style are inlined, the data is embedded as
JSON, and a Content-Security-Policy allows exactly those two scripts and no
network at all. Article text is untrusted: the template escapes everything
it prints (Jinja2 autoescape), the JSON is escaped for a ``<script>`` element,
and the page's script puts strings into the DOM with ``textContent`` only.

pyvis supplies the vis-network options (:func:`vis_options`); the node and
edge lists are built here directly (pyvis's ``from_nx`` is quadratic and its
template loads assets from CDNs and prints labels unescaped). The page lays
the graph out itself (seeded force layout, see ``assets/view.js``) and hands
vis-network the positions with its physics off: vis-network's physics is an
order of magnitude slower at thousands of nodes.

The same graph gives byte-identical HTML: nodes and edges in sorted order,
no timestamps, a fixed layout seed.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from ..graph import network as gn
from .files import write_text_atomic

DEFAULT_MAX_NODES = 5000  # beyond this the overview shows the most connected nodes only, and says so
EGO_MAX_NODES = 1500
VIS_VERSION = "9.1.13"
LAYOUT_SEED = 7
LABEL_MAX = 48
TIMELINE_LABEL_MAX = 32
INDEX_NAME = "index.html"
GENERATOR = "thidua-kg views"


@dataclass(frozen=True)
class KindStyle:
    """How a kind of node is drawn: its legend name, colours, vis-network shape, generic class."""

    name: str
    plural: str
    color: str
    border: str
    shape: str
    cls: str


STYLES: dict[str, KindStyle] = {
    "person": KindStyle("Person", "people", "#4e79a7", "#2f4b69", "dot", "Person"),
    "post": KindStyle("Post", "posts", "#b07aa1", "#6e4c65", "diamond", "Post"),
    "organization": KindStyle("Organization", "organizations", "#f28e2b", "#9a5a1b", "square", "Organization"),
    "unit": KindStyle("Administrative unit", "units", "#59a14f", "#376432", "triangle", "AdministrativeUnit"),
    "event": KindStyle("Event", "events", "#e15759", "#8e3738", "star", "Event"),
    "anniversary": KindStyle("Anniversary", "anniversaries", "#ff9da7", "#a3646b", "triangleDown", "Anniversary"),
    "award": KindStyle("Award", "awards", "#edc948", "#978030", "hexagon", "Award"),
    "article": KindStyle("Article", "articles", "#dfe3e8", "#8a949e", "ellipse", "Article"),
}
LANES = {"post": "Posts", "event": "Events", "award": "Awards", "article": "Articles"}
WHAT = {"holds post": "held post", "chaired by": "chaired", "speaker": "spoke at", "attendee": "attended",
        "recipient": "received", "author": "wrote", "mentions": "mentioned in"}


class ViewError(ValueError):
    """A view cannot be made as asked (e.g. a timeline of something that is not a person)."""


@dataclass(frozen=True)
class TimelineLayout:
    """Where the timeline's items, lanes and date ticks go (network coordinates)."""

    items: tuple[gn.TimelineItem, ...]
    positions: tuple[tuple[float, float], ...]  # one per item
    lanes: tuple[tuple[float, str], ...]  # (y, name)
    ticks: tuple[tuple[float, str], ...]  # (x, label)
    box: tuple[float, float, float, float]  # left, right, top, bottom


@dataclass
class View:
    """One page: what to draw and what to say about it."""

    kind: str  # "overview" | "ego" | "timeline"
    title: str
    subtitle: str
    graph: nx.MultiDiGraph  # the nodes and edges drawn (for a timeline: the entities of its items)
    articles: dict[str, tuple[str, str, str]]  # article IRI -> (title, published, file), for tooltips
    notes: tuple[str, ...] = ()
    focus: str | None = None
    left_out: dict[str, int] = field(default_factory=dict)  # kind -> nodes of the store not shown
    timeline: TimelineLayout | None = None


# --- choosing what to draw ------------------------------------------------------------------------


def _article_info(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str, str]]:
    out = {}
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] == "article":
            details = dict(attrs["details"])
            dates = dict(attrs["dates"])
            out[node] = (details.get("title", attrs["label"]), dates.get("published", ""), details.get("file", ""))
    return out


def _count_phrase(graph: nx.MultiDiGraph) -> str:
    counts = {kind: 0 for kind in gn.KINDS}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] += 1
    parts = [f"{n:,} {STYLES[k].name.lower() if n == 1 else STYLES[k].plural}" for k, n in counts.items() if n]
    return ", ".join(parts) if parts else "nothing"


def _left_out(full: nx.MultiDiGraph, shown: nx.MultiDiGraph) -> dict[str, int]:
    out: dict[str, int] = {}
    for node, kind in full.nodes(data="kind"):
        if node not in shown:
            out[kind] = out.get(kind, 0) + 1
    return out


def _most_connected(graph: nx.MultiDiGraph, keep: int, pinned: dict[str, int] | None = None) -> list[str]:
    """The ``keep`` nodes with most links (those nearest a pinned center first), ties by IRI."""
    distance = pinned or {}
    links = _neighbour_counts(graph)
    ranked = sorted(graph.nodes, key=lambda n: (distance.get(n, 0), -links[n], n))
    return sorted(ranked[:keep])


def _induced(graph: nx.MultiDiGraph, nodes) -> nx.MultiDiGraph:
    """The subgraph on ``nodes`` as a new graph (attribute dicts shared, order kept); much faster than
    ``graph.subgraph(nodes).copy()`` on thousands of nodes."""
    keep = set(nodes)
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, attrs) for n, attrs in graph.nodes(data=True) if n in keep)
    out.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if u in keep and v in keep)
    return out


def _neighbour_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many other entities each node links to, either way (parallel links counted once)."""
    pairs = {(u, v) if u < v else (v, u) for u, v in graph.edges() if u != v}
    counts = dict.fromkeys(graph, 0)
    for u, v in pairs:
        counts[u] += 1
        counts[v] += 1
    return counts


def overview(graph: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """The whole graph; above ``max_nodes`` the most connected nodes and the edges between them."""
    articles = _article_info(graph)
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    notes: tuple[str, ...] = ()
    shown = graph
    if n > max_nodes:
        shown = _induced(graph, _most_connected(graph, max_nodes))
        notes = (f"The store holds {n:,} entities and {m:,} links, more than one page draws well: this "
                 f"overview shows the {shown.number_of_nodes():,} most connected entities and the "
                 f"{shown.number_of_edges():,} links between them. The legend counts what is left out; "
                 f"`thidua view --focus NAME` draws the neighbourhood of any one entity.",)
    subtitle = (f"{_count_phrase(shown)}; {shown.number_of_edges():,} links" if n else
                "the store holds no entities yet (build it from articles first)")
    return View("overview", "thidua-kg: overview of the graph", subtitle, shown, articles, notes,
                left_out=_left_out(graph, shown))


def ego_view(graph: nx.MultiDiGraph, center: str, *, depth: int = 2, max_nodes: int = EGO_MAX_NODES) -> View:
    """Everything within ``depth`` links of ``center`` (a node of ``graph``)."""
    if depth < 1:
        raise ViewError("--depth must be at least 1")
    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=depth)
    notes: tuple[str, ...] = ()
    keep = sorted(distance)
    if len(keep) > max_nodes:
        keep = _most_connected(_induced(graph, keep), max_nodes, distance)
        notes = (f"{len(distance):,} entities lie within {depth} links; the view shows the {len(keep):,} "
                 f"nearest (most connected first). Lower --depth to see all of a smaller neighbourhood.",)
    shown = _induced(graph, keep)
    attrs = graph.nodes[center]
    title = f"{attrs['label']}: {'neighbourhood' if depth == 1 else f'{depth} links around'}"
    subtitle = f"{STYLES[attrs['kind']].name} · {_count_phrase(shown)}; {shown.number_of_edges():,} links"
    return View("ego", title, subtitle, shown, _article_info(graph), notes, focus=center)


def _day(value: str) -> dt.date | None:
    """An ISO date at any precision to a day (a year to 1 July, a month to its 15th)."""
    try:
        if len(value) == 4:
            return dt.date(int(value), 7, 1)
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 15)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_ticks(first: dt.date, last: dt.date, x_of, min_gap: float) -> list[tuple[float, str]]:
    """Ticks on month boundaries, every 1, 2, 3, 6, 12, 24 or 60 months, at least ``min_gap`` apart."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    for step in (1, 2, 3, 6, 12, 24, 60):
        if months <= 1 or x_of(dt.date(first.year + (first.month - 1 + step) // 12,
                                       (first.month - 1 + step) % 12 + 1, 1)) - x_of(first) >= min_gap:
            break
    ticks = []
    year, month = first.year, first.month
    if step >= 12:
        year, month = first.year, 1
    while dt.date(year, month, 1) <= last:
        day = dt.date(year, month, 1)
        ticks.append((x_of(max(day, first)), str(year) if step >= 12 else f"{year}-{month:02d}"))
        total = year * 12 + month - 1 + step
        year, month = total // 12, total % 12 + 1
    return ticks


def _timeline_layout(items: list[gn.TimelineItem]) -> TimelineLayout:
    """Items placed left to right by date, one lane per kind, stacked where labels would collide."""
    lanes = [lane for lane in LANES if any(i.lane == lane for i in items)]
    days = [_day(i.date) if i.date else None for i in items]
    known = sorted({d for d in days if d})
    width = float(min(6000, max(700, 260 * len(known))))
    first, last = (known[0], known[-1]) if known else (dt.date(2000, 1, 1), dt.date(2000, 1, 1))
    span = max(1, (last - first).days)

    def x_of(day: dt.date) -> float:
        return round(width * (day - first).days / span, 1) if len(known) > 1 else width / 2

    undated_x = width + 260
    rows: dict[tuple[str, int], list[float]] = {}
    placed = []
    for item, day in zip(items, days):
        x = x_of(day) if day else undated_x
        row = 0
        while any(abs(x - other) < 240 for other in rows.get((item.lane, row), [])):
            row += 1
        rows.setdefault((item.lane, row), []).append(x)
        placed.append((item.lane, row, x))
    lane_y, y = {}, 0.0
    for lane in lanes:  # a lane is as tall as its stack of rows
        lane_y[lane] = y
        y += 80.0 + 60.0 * max(row for l, row, _ in placed if l == lane)
    positions = tuple((x, lane_y[lane] + 60.0 * row) for lane, row, x in placed)
    ticks = _month_ticks(first, last, x_of, 110.0) if known else []
    if any(d is None for d in days):
        ticks.append((undated_x, "undated"))
    bottom = max((py for _, py in positions), default=0.0)
    right = undated_x if any(d is None for d in days) else width
    return TimelineLayout(tuple(items), positions, tuple((lane_y[lane], LANES[lane]) for lane in lanes),
                          tuple(ticks), (0.0, right, 0.0, bottom))


def timeline_view(graph: nx.MultiDiGraph, person: str) -> View:
    """A person's posts, events, awards and articles along a time axis."""
    attrs = graph.nodes[person]
    if attrs["kind"] != "person":
        raise ViewError(f"a timeline is drawn for a person; {gn.describe(graph, person)} is not one")
    items = gn.timeline(graph, person)
    if not items:
        raise ViewError(f"the store holds no posts, events, awards or articles for {attrs['label']}")
    shown = _induced(graph, {i.node for i in items} | {person})
    dated = [i.date for i in items if i.date]
    period = f"{min(dated)} to {max(dated)}" if dated else "no dates known"
    subtitle = f"{len(items)} items, {period}"
    return View("timeline", f"{attrs['label']}: timeline", subtitle, shown, _article_info(graph),
                focus=person, timeline=_timeline_layout(items))


def make_view(graph: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 2, timeline: bool = False,
              max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """The view asked for: the overview, or an ego view / a timeline around ``focus`` (a name or IRI)."""
    if focus is None:
        if timeline:
            raise ViewError("a timeline needs --focus PERSON")
        return overview(graph, max_nodes=max_nodes)
    center = gn.resolve(graph, focus)
    if timeline:
        return timeline_view(graph, center)
    return ego_view(graph, center, depth=depth, max_nodes=max_nodes)


# --- the page -------------------------------------------------------------------------------------


def vis_options(nodes: int, edges: int) -> dict:
    """vis-network options for a graph of this size, built with pyvis's option objects.

    vis-network's physics stays off: the page lays the graph out itself (see :func:`layout_settings`)
    and hands vis-network the positions, which is an order of magnitude faster on thousands of nodes.
    """
    from pyvis.network import Network

    net = Network(directed=True)
    net.toggle_physics(False)
    net.toggle_stabilization(False)
    net.toggle_hide_edges_on_drag(edges > 3000)
    if edges > 1000:
        net.options.edges.smooth.enabled = False
    else:
        net.set_edge_smooth("continuous")
    net.inherit_edge_colors(False)
    options = json.loads(net.options.to_json())
    options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": False}
    options["nodes"] = {"font": {"size": 13, "face": "system-ui, sans-serif"},
                        "scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 11, "max": 22,
                                                                   "drawThreshold": 7, "maxVisible": 26}}}
    options["edges"].update(arrows={"to": {"enabled": edges <= 3000, "scaleFactor": 0.45}},
                            color={"color": "#aab2bb", "highlight": "#1d2329", "hover": "#56606b",
                                   "inherit": False},
                            font={"size": 10, "color": "#56606b", "strokeWidth": 3, "align": "middle"},
                            width=1, selectionWidth=2)
    options["interaction"].update(hover=nodes <= 1000, multiselect=True, navigationButtons=False,
                                  keyboard=False, tooltipDelay=100)
    return options


def layout_settings(nodes: int, *, spacing: float = 45.0) -> dict:
    """The page's force layout: a seeded start, a number of cooling steps that shrinks as graphs grow."""
    iterations = 250 if nodes <= 500 else max(60, min(250, 500_000 // nodes))
    return {"seed": LAYOUT_SEED, "iterations": iterations, "k": spacing, "theta": 0.8 if nodes <= 2000 else 1.2}


def _payload(view: View) -> dict:
    """The page's data: legend, article table, nodes, edges, options (all lists in a fixed order)."""
    kind_index = {kind: i for i, kind in enumerate(gn.KINDS)}
    counts = {kind: 0 for kind in gn.KINDS}
    timeline = view.timeline
    if timeline is not None:
        for item in timeline.items:
            counts[view.graph.nodes[item.node]["kind"]] += 1
    else:
        for _, kind in view.graph.nodes(data="kind"):
            counts[kind] += 1
    refs = set()
    for _, attrs in view.graph.nodes(data=True):
        refs.update(attrs["articles"])
    for *_, articles in view.graph.edges(data="articles"):
        refs.update(articles)
    if timeline is not None:
        for item in timeline.items:
            refs.update(item.articles)
    article_ids = {iri: i for i, iri in enumerate(sorted(refs))}
    articles = [{"iri": iri, "title": view.articles.get(iri, ("", "", ""))[0],
                 "published": view.articles.get(iri, ("", "", ""))[1], "file": view.articles.get(iri, ("", "", ""))[2]}
                for iri in sorted(refs)]

    def node_record(node: str, number: int, value: int | None) -> dict:
        attrs = view.graph.nodes[node]
        label = attrs["label"]
        return {"id": number, "label": label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1].rstrip() + "…",
                "full": label, "kind": kind_index[attrs["kind"]], "cls": attrs["cls"], "iri": node,
                "official": attrs["official"], "value": value, "dates": [list(d) for d in attrs["dates"]],
                "details": [list(d) for d in attrs["details"]],
                "articles": [article_ids[a] for a in attrs["articles"]]}

    if timeline is None:
        edge_labels = sorted({label for *_, label in view.graph.edges(keys=True)})
    else:
        edge_labels = sorted({item.label for item in timeline.items})
    label_ids = {label: i for i, label in enumerate(edge_labels)}
    nodes: list[dict] = []
    edges: list[dict] = []
    timeline_data = None
    focus = None
    if timeline is None:
        ids = {node: i for i, node in enumerate(view.graph.nodes)}
        links = _neighbour_counts(view.graph)
        for node, number in ids.items():
            record = node_record(node, number, links[node])
            if node == view.focus:
                record["focus"] = True
            nodes.append(record)
        for u, v, label, attrs in view.graph.edges(keys=True, data=True):
            edges.append({"from": ids[u], "to": ids[v], "label": label_ids[label], "dates": list(attrs["dates"]),
                          "articles": [article_ids[a] for a in attrs["articles"]]})
        focus = ids.get(view.focus) if view.focus else None
    else:
        last_of: dict[str, int] = {}
        items = []
        for number, (item, (x, y)) in enumerate(zip(timeline.items, timeline.positions)):
            record = node_record(item.node, number, None)
            record.update(x=x, y=y)
            if len(record["full"]) > TIMELINE_LABEL_MAX:
                record["label"] = record["full"][:TIMELINE_LABEL_MAX - 1].rstrip() + "…"
            nodes.append(record)
            if item.node in last_of:
                edges.append({"from": last_of[item.node], "to": number, "label": label_ids[item.label],
                              "dates": [], "articles": []})
            last_of[item.node] = number
            items.append({"date": item.date, "what": WHAT.get(item.label, item.label), "node": number,
                          "articles": [article_ids[a] for a in item.articles]})
        left, right, top, bottom = timeline.box
        timeline_data = {"person": node_record(view.focus, -1, None), "items": items, "lanes": [{"y": y, "name": name} for y, name in timeline.lanes],
                         "ticks": [{"x": x, "label": label} for x, label in timeline.ticks],
                         "left": left, "right": right, "top": top, "bottom": bottom}
    kinds = [{"kind": kind, "name": STYLES[kind].name, "color": STYLES[kind].color, "border": STYLES[kind].border,
              "shape": STYLES[kind].shape, "cls": STYLES[kind].cls, "count": counts[kind],
              "left": view.left_out.get(kind, 0)} for kind in gn.KINDS]
    options = vis_options(len(nodes), len(edges))
    layout = None
    if timeline is not None:
        options["interaction"]["hover"] = True
        options["edges"]["smooth"] = {"enabled": False}
        options["edges"]["dashes"] = True
    else:
        layout = layout_settings(len(nodes), spacing=(150.0 if view.kind == "ego" else 70.0) if len(nodes) <= 1000 else 45.0)
    return {"view": view.kind, "kinds": kinds, "edgeLabels": edge_labels, "articles": articles, "nodes": nodes,
            "edges": edges, "focus": focus, "showEdgeLabels": timeline is None and len(edges) <= 300,
            "timeline": timeline_data, "layout": layout, "options": options}


def script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029 left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset_text(name: str) -> str:
    return resources.files("thidua.exports").joinpath("assets", name).read_text(encoding="utf-8")


def _inline_script(text: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError("a script to inline contains '</script' or '<!--'")
    return text


@cache
def _static() -> dict[str, str]:
    """The inlined assets and the CSP hashes of the two scripts (read once, on first use)."""
    vis_js = _asset_text("vis-network.min.js")
    vis_js = "\n".join(line for line in vis_js.splitlines() if not line.startswith("//# sourceMappingURL="))
    vis_js = _inline_script(vis_js)
    app_js = _inline_script(_asset_text("view.js"))

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

    csp = (f"default-src 'none'; script-src {digest(vis_js)} {digest(app_js)}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    return {"vis_js": vis_js, "app_js": app_js, "css": _asset_text("view.css"), "csp": csp}


@cache
def _templates():
    from jinja2 import Environment, FunctionLoader, StrictUndefined

    return Environment(loader=FunctionLoader(_asset_text), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def render(view: View) -> str:
    """The view as one self-contained HTML page."""
    from markupsafe import Markup

    static = _static()
    payload = _payload(view)
    size = f"{len(payload['nodes']):,} nodes, {len(payload['edges']):,} edges"
    return _templates().get_template("view.html").render(
        title=view.title, subtitle=view.subtitle, notes=view.notes, view_kind=view.kind, size=size,
        csp=static["csp"], css=Markup(static["css"]), vis_js=Markup(static["vis_js"]),
        app_js=Markup(static["app_js"]), data_json=Markup(script_json(payload)), vis_version=VIS_VERSION)


def write_view(view: View, path: str | Path) -> Path:
    """Write the page atomically; return its path."""
    path = Path(path)
    write_text_atomic(path, render(view))
    return path


# --- the index page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexEntry:
    href: str
    title: str
    kind: str
    size: str
    file: str


class _HeadReader(HTMLParser):
    """Reads the title and the thidua meta tags of a page written by :func:`write_view`."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.meta[values["name"]] = values.get("content") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _read_head(path: Path) -> _HeadReader:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        head = handle.read(16384).split("</head>", 1)[0]
    reader = _HeadReader()
    reader.feed(head)
    return reader


def _is_ours(path: Path, generator: str) -> bool:
    return _read_head(path).meta.get("generator") == generator


def write_index(folder: str | Path) -> Path | None:
    """Write ``index.html`` linking every view in ``folder``; None if an index.html not written by us is there."""
    folder = Path(folder)
    target = folder / INDEX_NAME
    if target.exists() and not _is_ours(target, GENERATOR + " index"):
        return None
    order = {"overview": 0, "ego": 1, "timeline": 2}
    entries = []
    for page in sorted(folder.glob("*.html")):
        if page.name == INDEX_NAME:
            continue
        reader = _read_head(page)
        if reader.meta.get("generator") != GENERATOR:
            continue
        kind = reader.meta.get("thidua-view", "")
        entries.append((order.get(kind, 3), reader.title.strip(), page.name,
                        IndexEntry("./" + quote(page.name), reader.title.strip() or page.name, kind,
                                   reader.meta.get("thidua-size", ""), page.name)))
    entries.sort(key=lambda e: e[:3])
    count = len(entries)
    html = _templates().get_template("index.html").render(
        title="thidua-kg views", subtitle=f"{count} view{'' if count == 1 else 's'} written from the graph store",
        entries=[e[3] for e in entries])
    write_text_atomic(target, html)
    return target
