"""Benchmark the HTML views on a synthetic store of about 5,000 entities; prints medians.

    .venv/bin/python benchmarks/bench_views.py [--nodes 5000] [--runs 5] [--browser-runs 3] [--keep DIR]

Measures (each the median of --runs):
- ``project``: the store to the networkx projection;
- ``render+write``: the projection to the overview page on disk;
- ``end to end``: open the store, project, render and write (what ``thidua view`` does after start-up);
- in headless Chromium (Debian's /usr/bin/chromium, network blocked), the page's own clock from
  navigation start to "stabilised and interactive" (layout finished, drawn, physics off), and the
  CPU time of the page's main thread until then.
CPU times are printed beside the wall-clock times: on a shared machine the wall clock grows with the
load average (printed last), the CPU time does not.

The synthetic articles go through the real mapping (``graph.mapping.article_quads``), so the
store has the shape a build writes: shared people, posts, units and organizations across
articles, events with participants, awards and anniversaries.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from thidua.exports.views import overview, write_view
from thidua.graph.iri import article_iri
from thidua.graph.mapping import article_quads
from thidua.graph.network import project
from thidua.graph.store import GraphStore
from thidua.ontology import TD
from thidua.loaders.model import (Anniversary, ArticleFacts, Author, Award, Document, Event,
                                  Participation, PersonMention, Place, PlaceMention, PostHolding, Span)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Hường", "Khoa", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân"]
ROLES = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Trưởng ban", "Giám đốc"]
BODIES = ["Ủy ban nhân dân", "Hội đồng nhân dân", "Huyện ủy", "Ủy ban Mặt trận Tổ quốc", "Hội Nông dân",
          "Hội Cựu chiến binh", "Phòng Nội vụ", "Hội đồng Thi đua - Khen thưởng"]
EVENTS = ["Hội nghị tổng kết công tác thi đua", "Lễ phát động phong trào thi đua", "Lễ kỷ niệm",
          "Đại hội Thi đua yêu nước", "Lễ tuyên dương", "Hội thảo"]
AWARDS = ["Bằng khen", "Giấy khen", "Cờ thi đua", "Huân chương Lao động hạng Ba"]


def _span(text: str) -> Span:
    return Span(text, 0, len(text))


def synthetic_articles(count: int, seed: int = 1) -> list[ArticleFacts]:
    """``count`` articles over a shared pool of provinces, districts, communes and people."""
    rng = random.Random(seed)
    provinces = [Place("tỉnh", f"Tỉnh {i:02d}", code=f"P{i:02d}", level="province") for i in range(12)]
    districts = [Place("huyện", f"Huyện {i:03d}", code=f"D{i:03d}", parent=rng.choice(provinces), level="district")
                 for i in range(90)]
    communes = [Place("xã", f"Xã {i:04d}", code=f"C{i:04d}", parent=rng.choice(districts), level="commune")
                for i in range(220)]
    people = sorted({f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(2600)})
    out = []
    for n in range(count):
        place = rng.choice(districts + communes)
        year = rng.randint(2018, 2025)
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        cast = rng.sample(people, 6)
        doc = Document(f"syn{n:05d}", f"syn{n:05d}.txt", f"{rng.choice(EVENTS)} năm {year} tại {place.label}",
                       day, "…", "utf-8")
        holdings = [PostHolding(p, rng.choice(ROLES), rng.choice(BODIES), place, _span(p)) for p in cast[:3]]
        event = Event(rng.choice(EVENTS), day, place, f"{rng.choice(EVENTS)} {year} {place.name}", _span("e"),
                      organizer=rng.choice(BODIES),
                      participants=tuple(Participation(p, rng.choice(["chaired", "spoke", "attended"]))
                                         for p in cast[:4]))
        facts = ArticleFacts(
            doc, subject_unit=place,
            people=[PersonMention(p, _span(p)) for p in cast],
            posts=holdings,
            places=[PlaceMention(place, _span(place.label)), PlaceMention(place.parent, _span("p"))],
            events=[event],
            anniversaries=[Anniversary(rng.choice([10, 20, 50, 75, 80]), f"Ngày thành lập {place.label}",
                                       None, day, _span("a"))] if n % 3 == 0 else [],
            awards=[Award(rng.choice(AWARDS), _span("k"), conferred_by="Ủy ban nhân dân tỉnh", recipient=cast[5])],
            authors=[Author(rng.choice(people))],
        )
        out.append(facts)
    return out


def build_synthetic_store(path: Path, nodes: int) -> int:
    """Write articles into a new store at ``path`` until the projection has about ``nodes`` entities."""
    from thidua.graph.network import _KIND_OF_CLASS  # the classes the projection draws

    kinds = {str(TD[name]) for name in _KIND_OF_CLASS}
    seen: set[str] = set()
    with GraphStore(path) as store:
        for facts in synthetic_articles(nodes):
            quads = article_quads(facts)
            seen.update(q.subject.value for q in quads if q.predicate.value == RDF_TYPE and q.object.value in kinds)
            store.replace_graph(article_iri(facts.document.article_id), quads)
            if len(seen) >= nodes:
                break
        store.flush()
    return len(seen)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (runs: {', '.join(f'{v:.3f}' for v in values)})"


def browser_ready_seconds(page_path: Path, runs: int) -> tuple[list[float], list[float]] | None:
    """Per run: navigation start to 'laid out, drawn and interactive' by the page's own clock, and the
    CPU time the page's main thread used until then (Chromium's ThreadTime; unlike the first, it does not
    grow when other processes share the machine)."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    url = page_path.resolve().as_uri()
    wall, cpu = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            before = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            page.goto(url)
            page.wait_for_function("() => window.thiduaView && window.thiduaView.ready", timeout=120_000)
            after = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            wall.append(page.evaluate("() => window.thiduaView.readyAt") / 1000)
            cpu.append(after["ThreadTime"] - before.get("ThreadTime", 0.0))
            page.close()
        browser.close()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser-runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the store and the page here instead of a temp folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        store_path = folder / "bench.store"
        if not store_path.exists():
            build_synthetic_store(store_path, args.nodes)
        page = folder / "overview.html"
        projections, renders, totals, cpu = [], [], [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            with GraphStore(store_path, read_only=True) as store:
                graph = project(store)
            projected = time.perf_counter()
            write_view(overview(graph, max_nodes=max(args.nodes * 2, 5000)), page)
            done = time.perf_counter()
            projections.append(projected - start)
            renders.append(done - projected)
            totals.append(done - start)
            cpu.append(time.process_time() - start_cpu)
        print(f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
              f"page {page.stat().st_size / 1e6:.1f} MB")
        print(f"project        {_median(projections)}")
        print(f"render+write   {_median(renders)}")
        print(f"end to end     {_median(totals)}")
        print(f"  (CPU time)   {_median(cpu)}")
        ready = browser_ready_seconds(page, args.browser_runs)
        if ready is None:
            print("browser        skipped: /usr/bin/chromium not found")
        else:
            print(f"browser ready  {_median(ready[0])}")
            print(f"  (CPU time)   {_median(ready[1])}")
        print(f"load average   {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
