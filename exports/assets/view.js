/* thidua-kg view: draws the embedded graph with vis-network.
 * Article text is untrusted: every string from the data goes into the page
 * through textContent or DOM nodes, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("thidua-data").textContent);
  var state = { network: null, nodes: null, edges: null, data: data, ready: false, readyAt: null, error: null,
                timings: { start: performance.now() } };
  window.thiduaView = state;

  var kinds = data.kinds;
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function fold(text) {
    return String(text).normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
  }

  function articleLine(index) {
    var a = data.articles[index];
    var li = el("li");
    li.appendChild(el("span", a.title || a.iri));
    var extra = [a.published, a.file].filter(Boolean).join(" · ");
    if (extra) { li.appendChild(el("span", " (" + extra + ")", "meta")); }
    return li;
  }

  /* The details of a node as a DOM element (used as tooltip and in the side panel). */
  function info(n, full) {
    var box = el("div", null, "info");
    box.appendChild(el("h3", n.full));
    var kind = kinds[n.kind];
    box.appendChild(el("p", kind.name + (n.cls && n.cls !== kind.cls ? " · " + n.cls : "") +
      (n.official ? " · official" : ""), "cls"));
    var rows = n.dates.concat(n.details.filter(function (d) { return d[0] !== "sentence"; }));
    if (rows.length) {
      var dl = el("dl");
      rows.forEach(function (row) { dl.appendChild(el("dt", row[0])); dl.appendChild(el("dd", row[1])); });
      box.appendChild(dl);
    }
    n.details.forEach(function (row) {
      if (row[0] === "sentence") { box.appendChild(el("p", "“" + row[1] + "”", "sentence")); }
    });
    if (n.articles.length) {
      box.appendChild(el("p", n.articles.length === 1 ? "Source article:" : "Source articles:"));
      var ul = el("ul");
      n.articles.slice(0, full ? n.articles.length : 3).forEach(function (i) { ul.appendChild(articleLine(i)); });
      if (!full && n.articles.length > 3) { ul.appendChild(el("li", "… " + (n.articles.length - 3) + " more")); }
      box.appendChild(ul);
    }
    if (full) {
      box.appendChild(el("p", n.iri, "iri"));
      if (n.degree !== undefined) { box.appendChild(el("p", n.degree + " links in this view", "cls")); }
    }
    return box;
  }

  function edgeTitle(e) {
    var lines = [byId.get(e.from).full + " — " + data.edgeLabels[e.label] + " → " + byId.get(e.to).full];
    if (e.dates.length) { lines.push("attested " + e.dates.join(", ")); }
    e.articles.forEach(function (i) { lines.push("source: " + (data.articles[i].title || data.articles[i].iri)); });
    return lines.join("\n");  /* a string title is shown as plain text by vis-network */
  }

  function showDetails(id) { showRecord(byId.get(id)); }

  function showRecord(record) {
    var body = document.getElementById("details-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(info(record, true));
  }

  var degree = new Map();
  data.edges.forEach(function (e) {
    degree.set(e.from, (degree.get(e.from) || 0) + 1);
    degree.set(e.to, (degree.get(e.to) || 0) + 1);
  });

  var visNodes = data.nodes.map(function (n) {
    var kind = kinds[n.kind];
    n.degree = degree.get(n.id) || 0;
    var node = {
      id: n.id, label: n.label, shape: kind.shape, value: n.value, title: info(n, false),
      color: { background: kind.color, border: n.official ? "#1d2329" : kind.border,
               highlight: { background: kind.color, border: "#000000" },
               hover: { background: kind.color, border: "#000000" } },
      borderWidth: n.official ? 3 : 1
    };
    if (kind.shape === "ellipse") { node.font = { color: "#1d2329", size: 11 }; node.widthConstraint = { maximum: 160 }; }
    if (n.focus) { node.borderWidth = 5; node.color.border = "#000000"; node.font = { size: 18 }; }
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; node.fixed = true; node.physics = false; }
    return node;
  });
  var visEdges = data.edges.map(function (e, i) {
    var edge = { id: i, from: e.from, to: e.to, title: edgeTitle(e) };
    if (data.showEdgeLabels) { edge.label = data.edgeLabels[e.label]; }
    return edge;
  });

  /* legend + filter by type */
  var hiddenKinds = new Set();
  var legend = document.getElementById("legend-list");
  kinds.forEach(function (kind, index) {
    if (!kind.count && !kind.left) { return; }
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.disabled = !kind.count; box.dataset.kind = kind.kind;
    box.addEventListener("change", function () { setKindVisible(index, box.checked); });
    label.appendChild(box);
    label.appendChild(swatch(kind));
    label.appendChild(el("span", kind.name));
    label.appendChild(el("span", kind.count.toLocaleString("en"), "count"));
    li.appendChild(label);
    legend.appendChild(li);
    if (kind.left) { legend.appendChild(el("li", "+" + kind.left.toLocaleString("en") + " not shown", "legend-hint")); }
  });
  if (data.nodes.some(function (n) { return n.official; })) {
    legend.appendChild(el("li", "A dark ring marks an official (a person holding a post).", "legend-hint"));
  }

  function swatch(kind) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18"); svg.setAttribute("viewBox", "-9 -9 18 18");
    svg.setAttribute("aria-hidden", "true");
    var points = {
      diamond: "0,-8 8,0 0,8 -8,0", triangle: "0,-8 8,6 -8,6", triangleDown: "0,8 8,-6 -8,-6",
      star: "0,-8 2,-3 8,-3 3,1 5,7 0,3 -5,7 -3,1 -8,-3 -2,-3",
      hexagon: "8,0 4,7 -4,7 -8,0 -4,-7 4,-7", square: "-7,-7 7,-7 7,7 -7,7"
    }[kind.shape];
    var shape;
    if (points) { shape = document.createElementNS(ns, "polygon"); shape.setAttribute("points", points); }
    else if (kind.shape === "ellipse") {
      shape = document.createElementNS(ns, "ellipse");
      shape.setAttribute("rx", "8"); shape.setAttribute("ry", "5");
    } else { shape = document.createElementNS(ns, "circle"); shape.setAttribute("r", "7"); }
    shape.setAttribute("fill", kind.color); shape.setAttribute("stroke", kind.border);
    svg.appendChild(shape);
    return svg;
  }

  function setKindVisible(index, visible) {
    if (visible) { hiddenKinds.delete(index); } else { hiddenKinds.add(index); }
    var updates = [];
    data.nodes.forEach(function (n) { if (n.kind === index) { updates.push({ id: n.id, hidden: !visible }); } });
    state.nodes.update(updates);
  }

  /* search */
  var names = document.getElementById("search-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    if (seen.has(n.full)) { return; }
    seen.add(n.full);
    var option = document.createElement("option");
    option.value = n.full;
    names.appendChild(option);
  });
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var status = document.getElementById("search-status");
    var query = fold(document.getElementById("search-box").value);
    if (!query || !state.network) { status.textContent = ""; return; }
    var shown = data.nodes.filter(function (n) { return !hiddenKinds.has(n.kind); });
    var hits = shown.filter(function (n) { return fold(n.full) === query || n.iri === query; });
    if (!hits.length) {
      hits = shown.filter(function (n) { return fold(n.full).indexOf(query) >= 0 || n.iri.indexOf(query) >= 0; });
    }
    var ids = hits.map(function (n) { return n.id; });
    status.textContent = ids.length ? ids.length + (ids.length === 1 ? " match" : " matches") : "no match among the shown types";
    if (!ids.length) { return; }
    state.network.selectNodes(ids);
    if (ids.length === 1) {
      state.network.focus(ids[0], { scale: 1.2, animation: false });
      showDetails(ids[0]);
    } else {
      state.network.fit({ nodes: ids, animation: false });
    }
  });

  /* timeline list */
  if (data.timeline) {
    var section = document.getElementById("timeline-list");
    var tbody = document.getElementById("timeline-body");
    data.timeline.items.forEach(function (item) {
      var tr = el("tr");
      tr.appendChild(el("td", item.date || "undated", "date"));
      tr.appendChild(el("td", item.what));
      var name = el("td");
      var link = el("a", byId.get(item.node).full);
      link.href = "#network";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (!state.network) { return; }
        state.network.selectNodes([item.node]);
        state.network.focus(item.node, { scale: 1.2, animation: false });
        showDetails(item.node);
      });
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(el("td", item.articles.map(function (i) { return data.articles[i].title || data.articles[i].iri; }).join("; ")));
      tbody.appendChild(tr);
    });
    section.hidden = false;
  }

  function ready() {
    if (state.ready) { return; }
    state.ready = true;
    state.readyAt = performance.now();
    document.getElementById("progress").classList.add("done");
    if (data.timeline) {
      showRecord(data.timeline.person);
    } else if (data.focus !== null && data.focus !== undefined) {
      state.network.selectNodes([data.focus]);
      showDetails(data.focus);
    }
  }

  var progress = document.getElementById("progress");
  if (typeof vis === "undefined") {
    progress.textContent = "The drawing library did not load.";
    state.error = "vis-network missing";
    return;
  }
  state.timings.prepared = performance.now();
  state.nodes = new vis.DataSet(visNodes);
  state.edges = new vis.DataSet(visEdges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: state.nodes, edges: state.edges }, data.options);
  state.network = network;
  state.timings.created = performance.now();
  network.on("click", function (params) { if (params.nodes.length) { showDetails(params.nodes[0]); } });
  if (data.timeline) {
    network.on("beforeDrawing", function (ctx) {
      var t = data.timeline;
      ctx.save();
      ctx.font = "13px system-ui, sans-serif";
      ctx.fillStyle = "#56606b";
      ctx.strokeStyle = "#dde1e6";
      ctx.lineWidth = 1;
      t.lanes.forEach(function (lane) {
        ctx.beginPath(); ctx.moveTo(t.left - 40, lane.y); ctx.lineTo(t.right + 40, lane.y); ctx.stroke();
        ctx.fillText(lane.name, t.left - 150, lane.y + 4);
      });
      t.ticks.forEach(function (tick) {
        ctx.beginPath(); ctx.moveTo(tick.x, t.top - 40); ctx.lineTo(tick.x, t.bottom + 20); ctx.stroke();
        ctx.fillText(tick.label, tick.x + 4, t.top - 46);
      });
      ctx.restore();
    });
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.on("stabilizationProgress", function (params) {
      progress.textContent = "Laying out… " + Math.round(100 * params.iterations / params.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }
})();
