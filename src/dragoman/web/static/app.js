/* dragoman web UI: charts (SVG), the network view and the article page's highlights.
   No dependencies; every piece of data is written with textContent or SVG attributes. */
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const QUAD_NAMES = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, str, attrs) {
    const t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = str;
    return t;
  }
  function tip(node, str) { el("title", {}, node).textContent = str; }
  function readJSON(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function actorUrl(key) { return "/actors/" + encodeURIComponent(key).replace(/%7C/g, "|"); }
  function empty(container, message) {
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = message;
    container.appendChild(p);
  }
  function labelEvery(n, max) { return Math.max(1, Math.ceil(n / max)); }

  /* Events per period, stacked by quad class. */
  function stacked(container, rows, link) {
    if (!rows.length) return empty(container, "No dated events.");
    const W = 1000, H = 220, L = 40, B = 24, T = 10;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events over time" }, container);
    const max = Math.max(1, ...rows.map(r => r.q1 + r.q2 + r.q3 + r.q4));
    const bw = (W - L - 10) / rows.length;
    const y = v => H - B - (v / max) * (H - B - T);
    for (const frac of [0, 0.5, 1]) {
      const v = Math.round(max * frac);
      el("line", { x1: L, x2: W - 10, y1: y(v), y2: y(v), class: "axis" }, svg);
      text(svg, L - 6, y(v) + 4, String(v), { "text-anchor": "end" });
    }
    const every = labelEvery(rows.length, 12);
    rows.forEach((r, i) => {
      let base = 0;
      const x = L + i * bw;
      for (let q = 1; q <= 4; q++) {
        const v = r["q" + q] || 0;
        if (!v) continue;
        const rect = el("rect", { x: x + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(base + v),
          height: y(base) - y(base + v), class: `bar fq${q}` }, svg);
        tip(rect, `${r.period}: ${v} ${QUAD_NAMES[q]}`);
        if (link) rect.addEventListener("click", () => {
          location.href = link.replace(/\{period\}/g, encodeURIComponent(r.period)).replace("{quad}", q);
        });
        base += v;
      }
      if (i % every === 0) text(svg, x + bw / 2, H - 6, r.period, { "text-anchor": "middle" });
    });
  }

  /* Mean Goldstein score per period, -10 to +10. */
  function line(container, rows) {
    const scored = rows.map((r, i) => [r, i]).filter(([r]) => r.goldstein !== null && r.goldstein !== undefined);
    if (!scored.length) return empty(container, "No scored events.");
    const W = 1000, H = 220, L = 40, B = 24, T = 10;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Goldstein score over time" }, container);
    const step = rows.length > 1 ? (W - L - 20) / (rows.length - 1) : 0;
    const x = i => L + 10 + i * step;
    const y = v => T + (10 - v) / 20 * (H - B - T);
    for (const v of [-10, -5, 0, 5, 10]) {
      el("line", { x1: L, x2: W - 10, y1: y(v), y2: y(v), class: "axis", "stroke-dasharray": v ? "2 3" : "" }, svg);
      text(svg, L - 6, y(v) + 4, (v > 0 ? "+" : "") + v, { "text-anchor": "end" });
    }
    el("path", { d: scored.map(([r, i], k) => `${k ? "L" : "M"}${x(i)},${y(r.goldstein)}`).join(" "),
      class: "trend" }, svg);
    for (const [r, i] of scored) {
      const c = el("circle", { cx: x(i), cy: y(r.goldstein), r: Math.min(8, 2.5 + Math.sqrt(r.n)),
        class: r.goldstein < 0 ? "fq4" : "fq2" }, svg);
      tip(c, `${r.period}: mean ${r.goldstein} over ${r.n} events`);
    }
    const every = labelEvery(rows.length, 12);
    rows.forEach((r, i) => { if (i % every === 0) text(svg, x(i), H - 6, r.period, { "text-anchor": "middle" }); });
  }

  function goldsteinColour(g) {
    const t = Math.max(-1, Math.min(1, (g || 0) / 6));
    const grey = [150, 156, 165], blue = [31, 111, 178], red = [200, 67, 43];
    const end = t < 0 ? red : blue, a = Math.abs(t);
    return `rgb(${grey.map((c, i) => Math.round(c + (end[i] - c) * a)).join(",")})`;
  }

  /* Actors linked by events: a small force layout, then draggable SVG. */
  function network(container, data) {
    const nodes = data.nodes, edges = data.edges;
    if (!nodes.length) return empty(container, "No events between two actors yet.");
    const W = 1000, H = 640;
    const index = new Map(nodes.map((n, i) => [n.key, i]));
    nodes.forEach((n, i) => {
      const a = 2 * Math.PI * i / nodes.length;
      n.x = W / 2 + 250 * Math.cos(a); n.y = H / 2 + 250 * Math.sin(a);
    });
    const links = edges.map(e => ({ e: e, s: nodes[index.get(e.a)], t: nodes[index.get(e.b)] }));
    layout(nodes, links, W, H);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" }, container);
    const maxE = Math.max(1, ...edges.map(e => e.events));
    for (const l of links) {
      l.line = el("line", { stroke: goldsteinColour(l.e.goldstein), "stroke-opacity": 0.75,
        "stroke-width": 1 + 5 * Math.sqrt(l.e.events / maxE) }, svg);
      tip(l.line, `${l.s.name} – ${l.t.name}: ${l.e.events} events (${l.e.cooperation} cooperation, ${l.e.conflict} conflict), mean Goldstein ${l.e.goldstein}`);
    }
    const maxN = Math.max(1, ...nodes.map(n => n.events));
    for (const n of nodes) {
      n.g = el("g", { class: "node" }, svg);
      const c = el("circle", { r: 4 + 12 * Math.sqrt(n.events / maxN) }, n.g);
      tip(c, `${n.name}${n.code ? " (" + n.code + ")" : ""}: ${n.events} events`);
      text(n.g, 0, -(7 + 12 * Math.sqrt(n.events / maxN)), n.name, { "text-anchor": "middle" });
      drag(svg, n, c, () => draw(nodes, links));
    }
    draw(nodes, links);
  }
  function layout(nodes, links, W, H) {
    const k = Math.sqrt(W * H / nodes.length) * 0.6;
    for (let it = 0; it < 300; it++) {
      const temp = 40 * (1 - it / 300) + 1;
      for (const n of nodes) { n.dx = (W / 2 - n.x) * 0.01; n.dy = (H / 2 - n.y) * 0.01; }
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
        const f = k * k / d2;
        a.dx += dx * f / 10; a.dy += dy * f / 10; b.dx -= dx * f / 10; b.dy -= dy * f / 10;
      }
      for (const l of links) {
        const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        const f = (d - k) / d * 0.1;
        l.s.dx += dx * f; l.s.dy += dy * f; l.t.dx -= dx * f; l.t.dy -= dy * f;
      }
      for (const n of nodes) {
        const d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) + 0.01, s = Math.min(d, temp) / d;
        n.x = Math.max(30, Math.min(W - 30, n.x + n.dx * s));
        n.y = Math.max(30, Math.min(H - 20, n.y + n.dy * s));
      }
    }
  }
  function draw(nodes, links) {
    for (const l of links) {
      l.line.setAttribute("x1", l.s.x); l.line.setAttribute("y1", l.s.y);
      l.line.setAttribute("x2", l.t.x); l.line.setAttribute("y2", l.t.y);
    }
    for (const n of nodes) n.g.setAttribute("transform", `translate(${n.x},${n.y})`);
  }
  function drag(svg, n, handle, redraw) {
    let moved = false, active = false;
    handle.addEventListener("pointerdown", ev => { active = true; moved = false; handle.setPointerCapture(ev.pointerId); });
    handle.addEventListener("pointermove", ev => {
      if (!active) return;
      const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      const p = pt.matrixTransform(svg.getScreenCTM().inverse());
      n.x = p.x; n.y = p.y; moved = true; redraw();
    });
    handle.addEventListener("pointerup", () => { active = false; if (!moved) location.href = actorUrl(n.key); });
  }

  /* The article page: hovering or selecting a record highlights its evidence. */
  function article(data) {
    const textBox = document.getElementById("text");
    const records = new Map();
    for (const kind of ["actors", "events", "statements", "casualties"])
      for (const r of data[kind]) records.set(r.id, Object.assign({ _kind: kind.slice(0, -1) }, r));
    const detail = document.getElementById("detail");
    let pinned = null;

    function clear() {
      document.querySelectorAll(".active, .related").forEach(n => n.classList.remove("active", "related"));
      detail.hidden = true;
    }
    function activate(ref) {
      clear();
      if (!ref) return;
      textBox.querySelectorAll(`mark[data-ref="${CSS.escape(ref)}"]`).forEach(m => m.classList.add("active"));
      const card = document.getElementById("rec-" + ref);
      if (card) {
        card.classList.add("active");
        for (const rel of (card.dataset.related || "").split(/\s+/).filter(Boolean))
          textBox.querySelectorAll(`mark[data-ref="${CSS.escape(rel)}"]`).forEach(m => m.classList.add("related"));
      }
      show(records.get(ref));
    }
    function show(record) {
      if (!record) return;
      detail.replaceChildren();
      const table = document.createElement("table");
      const head = table.insertRow();
      head.insertCell().textContent = record._kind;
      head.insertCell().textContent = record.id;
      for (const [k, v] of Object.entries(record)) {
        if (k.startsWith("_") || k === "id" || /(_start|_end|_key)$/.test(k) || v === null || v === "" || typeof v === "object") continue;
        const row = table.insertRow();
        row.insertCell().textContent = k.replace(/_/g, " ");
        row.insertCell().textContent = String(v);
      }
      if (record.mentions) {
        const row = table.insertRow();
        row.insertCell().textContent = "mentions";
        row.insertCell().textContent = record.mentions.map(m => m.text).join(" · ");
      }
      detail.appendChild(table);
      detail.hidden = false;
    }
    function refOf(target) {
      const mark = target.closest && target.closest("mark[data-ref]");
      return mark ? mark.dataset.ref : null;
    }
    function pin(ref, scrollTo) {
      pinned = pinned === ref ? null : ref;
      activate(pinned);
      if (pinned && scrollTo) scrollTo.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
    textBox.addEventListener("mouseover", ev => { const ref = refOf(ev.target); if (ref) activate(ref); });
    textBox.addEventListener("mouseout", () => activate(pinned));
    textBox.addEventListener("click", ev => {
      const ref = refOf(ev.target);
      if (ref) pin(ref, document.getElementById("rec-" + ref));
    });
    document.querySelectorAll("li.rec").forEach(card => {
      card.addEventListener("mouseenter", () => activate(card.dataset.ref));
      card.addEventListener("mouseleave", () => activate(pinned));
      card.addEventListener("click", ev => {
        if (ev.target.closest("a")) return;
        pin(card.dataset.ref, textBox.querySelector(`mark[data-ref="${CSS.escape(card.dataset.ref)}"]`));
      });
      card.addEventListener("keydown", ev => { if (ev.key === "Enter") card.click(); });
    });
    document.querySelectorAll("fieldset.kinds input").forEach(box => {
      box.addEventListener("change", () => textBox.classList.toggle("hide-" + box.dataset.kind, !box.checked));
    });
    if (location.hash.startsWith("#rec-")) {
      const ref = decodeURIComponent(location.hash.slice(5));
      pin(ref, textBox.querySelector(`mark[data-ref="${CSS.escape(ref)}"]`));
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const box of document.querySelectorAll(".chart[data-chart]")) {
      const data = readJSON(box.dataset.source);
      if (!data) continue;
      if (box.dataset.chart === "stacked") stacked(box, data, box.dataset.link);
      else if (box.dataset.chart === "line") line(box, data);
      else if (box.dataset.chart === "network") network(box, data);
    }
    const records = readJSON("record-data");
    if (records) article(records);
  });
})();
