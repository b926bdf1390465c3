/* thidua-kg view: lays out and draws the embedded graph with vis-network.
 *
 * Article text is untrusted: every string from the data reaches the page
 * through textContent or DOM nodes, never innerHTML.
 *
 * Layout: a force-directed layout (Fruchterman-Reingold forces, Barnes-Hut
 * repulsion, a cooling schedule) runs on typed arrays from a seeded start, so
 * the same page always gives the same picture; it runs in slices so the page
 * shows its progress, stops when cooled, and vis-network then draws with its
 * own physics off. vis-network's physics is an order of magnitude slower on
 * thousands of nodes. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("thidua-data").textContent);
  var state = {
    network: null, nodes: null, edges: null, data: data, ready: false, readyAt: null, error: null,
    timings: { start: performance.now() }
  };
  window.thiduaView = state;

  var kinds = data.kinds;
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var progress = document.getElementById("progress");

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function fold(text) {
    return String(text).normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
  }

  function articleTitle(index) {
    var a = data.articles[index];
    return a.title || a.iri;
  }

  function articleLine(index) {
    var a = data.articles[index];
    var li = el("li");
    li.appendChild(el("span", articleTitle(index)));
    var extra = [a.published, a.file].filter(Boolean).join(" · ");
    if (extra) { li.appendChild(el("span", " (" + extra + ")", "meta")); }
    return li;
  }

  /* The details of a node as DOM (the tooltip, and in full in the side panel). */
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
      var shown = full ? n.articles : n.articles.slice(0, 3);
      shown.forEach(function (i) { ul.appendChild(articleLine(i)); });
      if (shown.length < n.articles.length) { ul.appendChild(el("li", "… " + (n.articles.length - 3) + " more")); }
      box.appendChild(ul);
    }
    if (full) {
      box.appendChild(el("p", n.iri, "iri"));
      if (degree.has(n.id)) { box.appendChild(el("p", degree.get(n.id) + " links in this view", "cls")); }
    }
    return box;
  }

  function edgeInfo(e) {
    var box = el("div", null, "info");
    box.appendChild(el("p", byId.get(e.from).full));
    box.appendChild(el("p", "— " + data.edgeLabels[e.label] + " →", "cls"));
    box.appendChild(el("p", byId.get(e.to).full));
    if (e.dates.length) { box.appendChild(el("p", "attested " + e.dates.join(", "), "cls")); }
    if (e.articles.length) {
      var ul = el("ul");
      e.articles.forEach(function (i) { ul.appendChild(articleLine(i)); });
      box.appendChild(el("p", e.articles.length === 1 ? "Source article:" : "Source articles:"));
      box.appendChild(ul);
    }
    return box;
  }

  function showRecord(record) {
    var body = document.getElementById("details-body");
    clear(body);
    body.appendChild(info(record, true));
  }

  function showDetails(id) { showRecord(byId.get(id)); }

  var degree = new Map();
  data.edges.forEach(function (e) {
    degree.set(e.from, (degree.get(e.from) || 0) + 1);
    degree.set(e.to, (degree.get(e.to) || 0) + 1);
  });

  /* --- layout ------------------------------------------------------------------------------- */

  function Layout(n, from, to, settings) {
    var seed = settings.seed >>> 0;
    this.random = function () {  /* mulberry32: a small seeded generator, so layouts repeat */
      seed = (seed + 0x6D2B79F5) >>> 0;
      var t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    this.n = n; this.from = from; this.to = to; this.k = settings.k;
    this.iterations = settings.iterations; this.done = 0;
    this.x = new Float64Array(n); this.y = new Float64Array(n);
    this.dx = new Float64Array(n); this.dy = new Float64Array(n);
    var radius = this.k * Math.sqrt(n);
    for (var i = 0; i < n; i++) {
      var a = 2 * Math.PI * this.random(), r = radius * Math.sqrt(this.random());
      this.x[i] = r * Math.cos(a); this.y[i] = r * Math.sin(a);
    }
    var cap = 4 * n + 16;
    this.cap = cap;
    this.child = new Int32Array(cap * 4); this.body = new Int32Array(cap); this.mass = new Float64Array(cap);
    this.mx = new Float64Array(cap); this.my = new Float64Array(cap); this.size = new Float64Array(cap);
    this.ox = new Float64Array(cap); this.oy = new Float64Array(cap); this.stack = new Int32Array(cap);
    this.theta2 = settings.theta * settings.theta;
    this.temperature = radius / 4;
    this.cool = Math.pow(0.005, 1 / Math.max(1, this.iterations));
    this.count = 0;
  }

  Layout.prototype.cell = function (x0, y0, s) {
    var c = this.count++, child = this.child;
    child[4 * c] = child[4 * c + 1] = child[4 * c + 2] = child[4 * c + 3] = -1;
    this.body[c] = -1; this.mass[c] = 0; this.mx[c] = 0; this.my[c] = 0;
    this.size[c] = s; this.ox[c] = x0; this.oy[c] = y0;
    return c;
  };

  Layout.prototype.quadrant = function (c, i) {
    var half = this.size[c] / 2;
    return (this.x[i] >= this.ox[c] + half ? 1 : 0) + (this.y[i] >= this.oy[c] + half ? 2 : 0);
  };

  Layout.prototype.leaf = function (parent, q, i) {
    var half = this.size[parent] / 2;
    var c = this.cell(this.ox[parent] + (q & 1 ? half : 0), this.oy[parent] + (q & 2 ? half : 0), half);
    this.child[4 * parent + q] = c;
    this.mass[c] = 1; this.mx[c] = this.x[i]; this.my[c] = this.y[i]; this.body[c] = i;
  };

  Layout.prototype.insert = function (i) {
    var c = 0, depth = 0, child = this.child;
    for (;;) {
      this.mass[c] += 1; this.mx[c] += this.x[i]; this.my[c] += this.y[i];
      if (this.mass[c] === 1) { this.body[c] = i; return; }
      if (depth > 40 || this.count + 2 >= this.cap) { return; }  /* coincident points: mass kept, detail dropped */
      if (this.body[c] !== -1) {
        var j = this.body[c];
        this.body[c] = -1;
        this.leaf(c, this.quadrant(c, j), j);
      }
      var q = this.quadrant(c, i);
      if (child[4 * c + q] === -1) { this.leaf(c, q, i); return; }
      c = child[4 * c + q]; depth++;
    }
  };

  Layout.prototype.step = function () {
    var n = this.n, x = this.x, y = this.y, dx = this.dx, dy = this.dy, i;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (i = 0; i < n; i++) {
      if (x[i] < minX) { minX = x[i]; }
      if (x[i] > maxX) { maxX = x[i]; }
      if (y[i] < minY) { minY = y[i]; }
      if (y[i] > maxY) { maxY = y[i]; }
      dx[i] = 0; dy[i] = 0;
    }
    this.count = 0;
    this.cell(minX, minY, Math.max(maxX - minX, maxY - minY) + 1e-6);
    for (i = 0; i < n; i++) { this.insert(i); }
    var k2 = this.k * this.k, theta2 = this.theta2, stack = this.stack, child = this.child;
    var mass = this.mass, mx = this.mx, my = this.my, size = this.size, body = this.body;
    for (i = 0; i < n; i++) {
      var top = 0, fx = 0, fy = 0, xi = x[i], yi = y[i];
      stack[top++] = 0;
      while (top > 0) {
        var c = stack[--top];
        if (mass[c] === 0 || body[c] === i) { continue; }
        var cx = mx[c] / mass[c] - xi, cy = my[c] / mass[c] - yi, d2 = cx * cx + cy * cy;
        if (body[c] !== -1 || size[c] * size[c] < theta2 * d2) {
          if (d2 < 0.01) { cx = this.random() - 0.5; cy = this.random() - 0.5; d2 = cx * cx + cy * cy; }
          var f = k2 * mass[c] / d2;  /* repulsion k²/d along the unit vector */
          fx -= cx * f; fy -= cy * f;
        } else {
          for (var q = 0; q < 4; q++) { var ch = child[4 * c + q]; if (ch !== -1) { stack[top++] = ch; } }
        }
      }
      dx[i] = fx; dy[i] = fy;
    }
    var from = this.from, to = this.to, k = this.k;
    for (var e = 0; e < from.length; e++) {
      var s = from[e], t = to[e], ex = x[s] - x[t], ey = y[s] - y[t];
      var fa = Math.sqrt(ex * ex + ey * ey) / k;  /* attraction d²/k along the unit vector */
      dx[s] -= ex * fa; dy[s] -= ey * fa; dx[t] += ex * fa; dy[t] += ey * fa;
    }
    var temperature = this.temperature;
    for (i = 0; i < n; i++) {
      var gx = dx[i] - 0.02 * x[i], gy = dy[i] - 0.02 * y[i];  /* weak gravity keeps components near */
      var len = Math.sqrt(gx * gx + gy * gy);
      if (len > 0) { var m = Math.min(len, temperature) / len; x[i] += gx * m; y[i] += gy * m; }
    }
    this.temperature *= this.cool;
    this.done++;
  };

  /* --- legend, search, tooltips ----------------------------------------------------------------- */

  var hiddenKinds = new Set();
  var legend = document.getElementById("legend-list");

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
      shape = document.createElementNS(ns, "ellipse"); shape.setAttribute("rx", "8"); shape.setAttribute("ry", "5");
    } else { shape = document.createElementNS(ns, "circle"); shape.setAttribute("r", "7"); }
    shape.setAttribute("fill", kind.color); shape.setAttribute("stroke", kind.border);
    svg.appendChild(shape);
    return svg;
  }

  function setKindVisible(index, visible) {
    if (visible) { hiddenKinds.delete(index); } else { hiddenKinds.add(index); }
    var updates = [];
    data.nodes.forEach(function (n) { if (n.kind === index) { updates.push({ id: n.id, hidden: !visible }); } });
    if (state.nodes) { state.nodes.update(updates); }
  }

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

  var searchBox = document.getElementById("search-box");
  searchBox.addEventListener("focus", function suggest() {  /* the suggestions, built when first wanted */
    searchBox.removeEventListener("focus", suggest);
    var names = document.getElementById("search-names");
    var seen = new Set();
    data.nodes.forEach(function (n) {
      if (seen.has(n.full)) { return; }
      seen.add(n.full);
      var option = document.createElement("option");
      option.value = n.full;
      names.appendChild(option);
    });
  });

  function focusOn(id) {
    state.network.selectNodes([id]);
    state.network.focus(id, { scale: Math.max(1, state.network.getScale()), animation: false });
    showDetails(id);
  }

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var status = document.getElementById("search-status");
    var query = fold(searchBox.value);
    if (!query || !state.network) { status.textContent = ""; return; }
    var shown = data.nodes.filter(function (n) { return !hiddenKinds.has(n.kind); });
    var hits = shown.filter(function (n) { return fold(n.full) === query || n.iri === query; });
    if (!hits.length) {
      hits = shown.filter(function (n) { return fold(n.full).indexOf(query) >= 0 || n.iri.indexOf(query) >= 0; });
    }
    var ids = hits.map(function (n) { return n.id; });
    status.textContent = ids.length ? ids.length + (ids.length === 1 ? " match" : " matches")
      : "no match among the shown types";
    if (!ids.length) { return; }
    if (ids.length === 1) { focusOn(ids[0]); return; }
    state.network.selectNodes(ids);
    state.network.fit({ nodes: ids, animation: false });
  });

  var container = document.getElementById("network");
  var tip = el("div", null, "tip");
  tip.hidden = true;
  tip.setAttribute("role", "tooltip");
  document.getElementById("canvas-wrap").appendChild(tip);
  var tipTimer = null, tipKey = null;

  function hideTip() { tip.hidden = true; tipKey = null; }

  function showTip(px, py) {
    if (!state.network) { return; }
    var pointer = { x: px, y: py };
    var id = state.network.getNodeAt(pointer), key, content;
    if (id !== undefined && !hiddenKinds.has(byId.get(id).kind)) {
      key = "n" + id; content = function () { return info(byId.get(id), false); };
    } else {
      var edgeId = state.network.getEdgeAt(pointer);
      if (edgeId === undefined) { hideTip(); return; }
      var edge = data.edges[edgeId];
      if (hiddenKinds.has(byId.get(edge.from).kind) || hiddenKinds.has(byId.get(edge.to).kind)) { hideTip(); return; }
      key = "e" + edgeId; content = function () { return edgeInfo(edge); };
    }
    if (key !== tipKey) { clear(tip); tip.appendChild(content()); tipKey = key; }
    tip.hidden = false;
    var wrap = container.getBoundingClientRect();
    var left = Math.min(px + 14, wrap.width - tip.offsetWidth - 4);
    var top = py + 14 + tip.offsetHeight > wrap.height ? py - tip.offsetHeight - 10 : py + 14;
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
  }

  container.addEventListener("mousemove", function (event) {
    var rect = container.getBoundingClientRect();
    var px = event.clientX - rect.left, py = event.clientY - rect.top;
    clearTimeout(tipTimer);
    tipTimer = setTimeout(function () { showTip(px, py); }, tip.hidden ? 150 : 40);
  });
  container.addEventListener("mouseleave", function () { clearTimeout(tipTimer); hideTip(); });

  /* --- timeline list ---------------------------------------------------------------------------- */

  if (data.timeline) {
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
        if (state.network) { focusOn(item.node); }
      });
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(el("td", item.articles.map(articleTitle).join("; ")));
      tbody.appendChild(tr);
    });
    document.getElementById("timeline-list").hidden = false;
  }

  /* --- drawing ---------------------------------------------------------------------------------- */

  function ready() {
    if (state.ready) { return; }
    state.ready = true;
    state.readyAt = performance.now();
    state.timings.ready = state.readyAt;
    progress.classList.add("done");
    if (data.timeline) {
      showRecord(data.timeline.person);
    } else if (data.focus !== null && data.focus !== undefined) {
      state.network.selectNodes([data.focus]);
      showDetails(data.focus);
    }
  }

  function groups() {
    var out = {};
    kinds.forEach(function (kind, index) {
      var base = {
        shape: kind.shape,
        color: { background: kind.color, border: kind.border,
                 highlight: { background: kind.color, border: "#000000" },
                 hover: { background: kind.color, border: "#000000" } },
        borderWidth: 1
      };
      if (kind.shape === "ellipse") {
        base.font = { color: "#1d2329", size: 11 };
        base.widthConstraint = { maximum: 170 };
      }
      out["k" + index] = base;
      var official = JSON.parse(JSON.stringify(base));
      official.color.border = "#1d2329";
      official.borderWidth = 2.5;
      out["k" + index + "o"] = official;
    });
    return out;
  }

  function draw(positions) {
    state.timings.laidOut = performance.now();
    var visNodes = data.nodes.map(function (n) {
      var node = { id: n.id, label: n.label, group: "k" + n.kind + (n.official ? "o" : "") };
      if (n.value === null) { node.size = 12; }
      else if (kinds[n.kind].shape !== "ellipse") { node.value = n.value; }
      if (n.focus) { node.borderWidth = 5; node.font = { size: 18 }; }
      if (n.x !== undefined) { node.x = n.x; node.y = n.y; node.fixed = true; }
      else if (positions) { node.x = Math.round(positions.x[n.id] * 10) / 10; node.y = Math.round(positions.y[n.id] * 10) / 10; }
      return node;
    });
    var visEdges = data.edges.map(function (e, i) {
      var edge = { id: i, from: e.from, to: e.to };
      if (data.showEdgeLabels) { edge.label = data.edgeLabels[e.label]; }
      return edge;
    });
    if (typeof vis === "undefined") {
      progress.textContent = "The drawing library did not load.";
      state.error = "vis-network missing";
      return;
    }
    var options = data.options;
    options.groups = groups();
    state.nodes = new vis.DataSet(visNodes);
    state.edges = new vis.DataSet(visEdges);
    var network = new vis.Network(container, { nodes: state.nodes, edges: state.edges }, options);
    state.network = network;
    state.timings.created = performance.now();
    network.on("click", function (params) { if (params.nodes.length) { showDetails(params.nodes[0]); } });
    network.on("dragStart", hideTip);
    network.on("zoom", hideTip);
    if (data.timeline) {
      network.on("beforeDrawing", drawTimeAxis);
      network.once("afterDrawing", function () {
        var t = data.timeline;
        var width = container.clientWidth, height = container.clientHeight;
        var scale = Math.min(1.2, width / (t.right - t.left + 420), height / (t.bottom - t.top + 200));
        network.moveTo({ position: { x: (t.left + t.right) / 2 - 60, y: (t.top + t.bottom) / 2 }, scale: scale });
      });
    }
    network.once("afterDrawing", ready);
  }

  function drawTimeAxis(ctx) {
    var t = data.timeline;
    ctx.save();
    ctx.font = "13px system-ui, sans-serif";
    ctx.fillStyle = "#56606b";
    ctx.strokeStyle = "#dde1e6";
    ctx.lineWidth = 1;
    t.lanes.forEach(function (lane) {
      ctx.beginPath(); ctx.moveTo(t.left - 60, lane.y); ctx.lineTo(t.right + 60, lane.y); ctx.stroke();
      ctx.fillText(lane.name, t.left - 170, lane.y + 4);
    });
    t.ticks.forEach(function (tick) {
      ctx.beginPath(); ctx.moveTo(tick.x, t.top - 50); ctx.lineTo(tick.x, t.bottom + 30); ctx.stroke();
      ctx.fillText(tick.label, tick.x + 4, t.top - 56);
    });
    ctx.restore();
  }

  var settings = data.layout;
  if (!settings || data.nodes.length === 0) { draw(null); return; }
  var from = new Int32Array(data.edges.length), to = new Int32Array(data.edges.length);
  data.edges.forEach(function (e, i) { from[i] = e.from; to[i] = e.to; });
  var layout = new Layout(data.nodes.length, from, to, settings);
  var slice = Math.max(1, Math.ceil(settings.iterations / 10));
  (function run() {
    var until = Math.min(layout.iterations, layout.done + slice);
    while (layout.done < until) { layout.step(); }
    if (layout.done < layout.iterations) {
      progress.textContent = "Laying out… " + Math.round(100 * layout.done / layout.iterations) + "%";
      setTimeout(run, 0);
    } else {
      progress.textContent = "Drawing…";
      setTimeout(function () { draw(layout); }, 0);
    }
  })();
})();
