// eventwire dashboard: plain JavaScript over the REST API of `eventwire serve`.
// Every piece of data reaches the page as text (textContent, attributes), never as markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict"];
const PAGE = 25;
const FILTER_NAMES = ["start", "end", "actor", "root", "plover", "quad_class", "modality",
                      "outlet", "speaker", "text", "named_sides"];

const state = { filters: {}, offset: 0, world: null, worldLoading: null };

// -- small helpers ---------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
}

function clear(node) { while (node.firstChild) node.firstChild.remove(); return node; }

function params(extra) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...state.filters, ...extra })) {
    if (value !== "" && value !== null && value !== undefined) search.set(key, value);
  }
  return search.toString();
}

async function api(path, extra, filtered = true) {
  // GET path with the current filters (unless filtered is false) and extra parameters.
  const query = filtered ? params(extra) : new URLSearchParams(extra || {}).toString();
  const response = await fetch(query ? `${path}?${query}` : path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    throw new Error(`${response.status}: ${detail || response.statusText}`);
  }
  return body;
}

function status(message, isError) {
  const node = document.getElementById("status");
  node.textContent = message || "";
  node.className = isError ? "error" : "";
}

function actorLabel(row, role) {
  const name = row[`${role}_name`] || row[`${role}_text`];
  const code = [row[`${role}_country`], row[`${role}_sector`]].filter(Boolean).join("/");
  if (!name && !code) return el("span", { class: "none" }, "—");
  return el("span", { class: "actor", title: code || "unresolved" }, name || code,
            code ? el("span", { class: "code" }, ` ${code}`) : null);
}

function badge(kind, text) {
  return el("span", { class: `badge ${kind}-${String(text).replace(/[^a-z0-9]/gi, "")}` }, text);
}

function safeLink(url, text) {
  // Only http(s) addresses become links; anything else (javascript:, data:) stays text.
  try {
    const parsed = new URL(url, window.location.href);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, rel: "noopener noreferrer", target: "_blank" }, text);
    }
  } catch (_) { /* not a URL */ }
  return el("span", {}, text);
}

function highlighted(sentence, marks) {
  const out = el("p", { class: "sentence" });
  let at = 0;
  for (const mark of marks || []) {
    if (mark.start < at) continue;
    out.append(sentence.slice(at, mark.start));
    out.append(el("mark", { class: `hl-${mark.role}`, title: mark.role },
                  sentence.slice(mark.start, mark.end)));
    at = mark.end;
  }
  out.append(sentence.slice(at));
  return out;
}

function fmt(value, digits) {
  return value === null || value === undefined ? "—" : Number(value).toFixed(digits ?? 1);
}

// -- filters ---------------------------------------------------------------------------------

function readFilters() {
  const form = document.getElementById("filters");
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function writeFilters() {
  const form = document.getElementById("filters");
  for (const name of FILTER_NAMES) form.elements[name].value = state.filters[name] || "";
  const hash = params({});
  history.replaceState(null, "", hash ? `#${hash}` : window.location.pathname);
}

function setFilters(changes) {
  state.filters = { ...state.filters, ...changes };
  for (const [key, value] of Object.entries(state.filters)) if (!value) delete state.filters[key];
  state.offset = 0;
  writeFilters();
  refresh();
}

function fillSelect(name, values, label) {
  const select = document.getElementById("filters").elements[name];
  const current = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const row of values) {
    select.append(el("option", { value: row.value }, `${label ? label(row.value) : row.value}`
                     + ` (${row.events})`));
  }
  select.value = current;
}

// -- views -----------------------------------------------------------------------------------

function renderOverview(overview) {
  document.getElementById("summary").textContent =
    `${overview.events} events from ${overview.articles} articles, ` +
    `${overview.clusters} clusters` +
    (overview.first_date ? `, ${overview.first_date} to ${overview.last_date}` : "") +
    (overview.copies ? ` (${overview.copies} copied articles left out)` : "");
}

function periodFor(overview) {
  if (!overview.first_date) return "month";
  const days = (Date.parse(overview.last_date) - Date.parse(overview.first_date)) / 864e5;
  return days > 730 ? "month" : days > 90 ? "week" : "day";
}

function addDays(iso, by) {
  const date = new Date(`${iso}T00:00:00Z`);
  if (by === "day") date.setUTCDate(date.getUTCDate() + 1);
  else if (by === "week") date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function fillGaps(rows, by) {
  // One bar per period from the first to the last, empty ones included (up to 600 bars).
  if (rows.length < 2) return rows;
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const filled = [];
  for (let period = rows[0].period; period <= rows[rows.length - 1].period;) {
    filled.push(byPeriod.get(period) || { period, events: 0, q1: 0, q2: 0, q3: 0, q4: 0 });
    if (filled.length > 600) return rows;
    const next = new Date(`${addDays(period, by)}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    period = next.toISOString().slice(0, 10);
  }
  return filled;
}

function renderTimeline(rows, by) {
  rows = fillGaps(rows, by);
  const chart = clear(document.getElementById("timeline"));
  document.getElementById("timeline-by").textContent = by;
  const width = chart.getBoundingClientRect().width || 900, height = 180, pad = 24;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!rows.length) {
    chart.append(svg("text", { x: width / 2, y: height / 2, class: "empty" }, "no dated events"));
    return;
  }
  const max = Math.max(...rows.map((r) => r.events));
  const step = (width - pad) / rows.length;
  const bar = Math.max(1, step * 0.8);
  chart.append(svg("text", { x: 2, y: 12, class: "axis" }, String(max)));
  rows.forEach((row, i) => {
    let y = height - pad;
    const group = svg("g", { class: "bar", dataset: { period: row.period } },
                      svg("title", {}, `${row.period}: ${row.events} events`));
    for (let q = 1; q <= 4; q += 1) {
      const h = (row[`q${q}`] / max) * (height - pad - 16);
      if (h <= 0) continue;
      y -= h;
      group.append(svg("rect", { x: pad + i * step, y, width: bar, height: h, class: `q${q}` }));
    }
    chart.append(group);
  });
  const first = rows[0].period, last = rows[rows.length - 1].period;
  chart.append(svg("text", { x: pad, y: height - 6, class: "axis" }, first));
  chart.append(svg("text", { x: width - 4, y: height - 6, class: "axis end" }, last));
  brush(chart, rows, step, pad, height, by);
}

function brush(chart, rows, step, pad, height, by) {
  const box = svg("rect", { class: "brush", y: 0, height: height - pad, width: 0 });
  chart.append(box);
  let from = null;
  const index = (event) => {
    const point = chart.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    const x = point.matrixTransform(chart.getScreenCTM().inverse()).x;
    return Math.min(rows.length - 1, Math.max(0, Math.floor((x - pad) / step)));
  };
  chart.onmousedown = (event) => { from = index(event); event.preventDefault(); };
  chart.onmousemove = (event) => {
    if (from === null) return;
    const to = index(event);
    box.setAttribute("x", pad + Math.min(from, to) * step);
    box.setAttribute("width", (Math.abs(to - from) + 1) * step);
  };
  chart.onmouseup = (event) => {
    if (from === null) return;
    const to = index(event);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    setFilters({ start: rows[a].period, end: addDays(rows[b].period, by) });
  };
}

function layout(nodes, edges, width, height) {
  // A small force layout: nodes repel, edges pull, everything drifts to the centre.
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({
    x: width / 2 + Math.cos((2 * Math.PI * i) / n) * width / 3,
    y: height / 2 + Math.sin((2 * Math.PI * i) / n) * height / 3, dx: 0, dy: 0 }));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
  for (let step = 0, heat = width / 10; step < 250; step += 1, heat *= 0.98) {
    for (const p of pos) { p.dx = 0; p.dy = 0; }
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const dx = pos[i].x - pos[j].x || 0.01, dy = pos[i].y - pos[j].y || 0.01;
        const d2 = dx * dx + dy * dy, f = (k * k) / d2;
        pos[i].dx += dx * f; pos[i].dy += dy * f; pos[j].dx -= dx * f; pos[j].dy -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01, f = d / k;
      pos[a].dx -= dx * f; pos[a].dy -= dy * f; pos[b].dx += dx * f; pos[b].dy += dy * f;
    }
    for (const p of pos) {
      p.dx += (width / 2 - p.x) * 0.05; p.dy += (height / 2 - p.y) * 0.05;
      const d = Math.sqrt(p.dx * p.dx + p.dy * p.dy) || 1, move = Math.min(d, heat);
      p.x = Math.min(width - 30, Math.max(30, p.x + (p.dx / d) * move));
      p.y = Math.min(height - 14, Math.max(14, p.y + (p.dy / d) * move));
    }
  }
  return pos;
}

function renderNetwork(graph) {
  const chart = clear(document.getElementById("network"));
  const width = chart.getBoundingClientRect().width || 450, height = 340;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!graph.nodes.length) {
    chart.append(svg("text", { x: width / 2, y: height / 2, class: "empty" }, "no actors"));
    return;
  }
  const pos = layout(graph.nodes, graph.edges, width, height);
  const at = new Map(graph.nodes.map((node, i) => [node.id, pos[i]]));
  const maxWeight = Math.max(...graph.edges.map((e) => e.weight), 1);
  for (const edge of graph.edges) {
    const a = at.get(edge.source), b = at.get(edge.target);
    if (!a || !b || a === b) continue;
    const tone = edge.goldstein > 0.5 ? "coop" : edge.goldstein < -0.5 ? "conflict" : "neutral";
    chart.append(svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge ${tone}`,
                               "stroke-width": 1 + (3 * edge.weight) / maxWeight },
                     svg("title", {}, `${edge.source} → ${edge.target}: ${edge.weight} events, ` +
                                      `mean Goldstein ${fmt(edge.goldstein)}`)));
  }
  const maxEvents = Math.max(...graph.nodes.map((node) => node.events), 1);
  graph.nodes.forEach((node, i) => {
    const group = svg("g", { class: "node", tabindex: 0, role: "button",
                             dataset: { actor: node.id },
                             onclick: () => setFilters({ actor: node.id }),
                             onkeydown: (e) => { if (e.key === "Enter") setFilters({ actor: node.id }); } },
                      svg("circle", { cx: pos[i].x, cy: pos[i].y,
                                      r: 4 + 10 * Math.sqrt(node.events / maxEvents) }),
                      svg("text", pos[i].x > width - 90
                        ? { x: pos[i].x - 6, y: pos[i].y - 6, "text-anchor": "end" }
                        : { x: pos[i].x + 6, y: pos[i].y - 6 }, node.id),
                      svg("title", {}, `${node.id}: ${node.events} events`));
    chart.append(group);
  });
}

function decodeTopology(topology) {
  // TopoJSON → one SVG path per country, in an equirectangular projection.
  const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indexes) => indexes.flatMap((i, n) => {
    const points = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    return n ? points.slice(1) : points;
  });
  const shapes = [];
  for (const geometry of topology.objects.countries.geometries) {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs]
      : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    shapes.push({ name: (geometry.properties || {}).name || "",
                  rings: polygons.flatMap((polygon) => polygon.map(ring)) });
  }
  return shapes;
}

function project(lon, lat, width, height) {
  return [((lon + 180) / 360) * width, ((90 - lat) / 180) * height];
}

function renderMap(places) {
  const chart = clear(document.getElementById("map"));
  const width = chart.getBoundingClientRect().width || 450, height = width / 2;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  for (const shape of state.world || []) {
    let d = "";
    for (const points of shape.rings) {
      let last = null;
      for (const [lon, lat] of points) {
        const [x, y] = project(lon, lat, width, height);
        d += (last === null || Math.abs(lon - last) > 180 ? "M" : "L") + `${x.toFixed(1)},${y.toFixed(1)}`;
        last = lon;
      }
      d += "Z";
    }
    chart.append(svg("path", { d, class: "land" }, svg("title", {}, shape.name)));
  }
  const max = Math.max(...places.map((p) => p.events), 1);
  for (const place of places) {
    const [x, y] = project(place.lon, place.lat, width, height);
    const quad = [1, 2, 3, 4].reduce((best, q) => (place[`q${q}`] > place[`q${best}`] ? q : best), 1);
    // country- and province-level places are drawn as open rings: their point is a centroid
    const precision = place.precision || "city";
    chart.append(svg("circle", { cx: x, cy: y, r: 3 + 9 * Math.sqrt(place.events / max),
                                 class: `place q${quad} precision-${precision}`,
                                 dataset: { place: place.name, precision } },
                     svg("title", {}, `${place.name}${place.country ? ` (${place.country})` : ""}: ` +
                                      `${place.events} events (${precision} level)`)));
  }
}

function renderEvents(page) {
  const body = clear(document.querySelector("#events tbody"));
  const last = Math.min(page.offset + page.events.length, page.total);
  document.getElementById("events-count").textContent =
    page.total ? `${page.offset + 1}–${last} of ${page.total}` : "none match";
  for (const row of page.events) {
    const line = el("tr", { tabindex: 0, dataset: { event: row.event_id },
                            onclick: () => showEvent(row.event_id),
                            onkeydown: (e) => { if (e.key === "Enter") showEvent(row.event_id); } },
      el("td", {}, row.date || "—"),
      el("td", {}, actorLabel(row, "source")),
      el("td", { title: row.sentence },
         el("span", { class: `code q${row.quad_class}` }, row.cameo), " ",
         row.plover_type || "", row.headline ? badge("flag", "headline") : null),
      el("td", {}, actorLabel(row, "target")),
      el("td", {}, badge("modality", row.modality)),
      el("td", {}, row.speaker_name || row.speaker_text
        ? badge("speaker", row.speaker_name || row.speaker_text) : "—"),
      el("td", {}, row.outlet || "—"));
    body.append(line);
  }
  document.getElementById("prev").disabled = page.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
}

function fieldList(pairs) {
  return el("dl", { class: "fields" },
            pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
              .map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

async function showEvent(id) {
  let detail;
  try { detail = await api(`/api/events/${encodeURIComponent(id)}`, null, false); }
  catch (error) { status(error.message, true); return; }
  const panel = document.getElementById("detail-panel");
  const box = clear(document.getElementById("detail"));
  const e = detail.event;
  const actor = (a) => (a ? `${a.name || a.text} (${[a.country, a.sector].filter(Boolean).join("/") || "?"})` : "—");
  box.append(
    highlighted(e.sentence, detail.highlights),
    el("p", { class: "legend" }, el("mark", { class: "hl-source" }, "source"), " ",
       el("mark", { class: "hl-trigger" }, "trigger"), " ", el("mark", { class: "hl-target" }, "target")),
    fieldList([
      ["Source", actor(e.source)], ["Target", actor(e.target)],
      ["CAMEO", `${e.cameo} (root ${e.root})`],
      ["PLOVER", e.plover ? [e.plover.type, e.plover.mode, e.plover.context].filter(Boolean).join(" · ") : null],
      ["QuadClass", `${e.quad_class} ${QUADS[e.quad_class - 1] || ""}`],
      ["Goldstein", fmt(e.goldstein)], ["Modality", badge("modality", e.modality)],
      ["Speaker", e.speaker ? actor(e.speaker) : null], ["Quote", e.quote],
      ["Date", e.date ? `${e.date} (${e.date_precision}, ${e.date_source || "?"})` : null],
      ["Place", e.location ? `${e.location.name}${e.location.country ? `, ${e.location.country}` : ""}` +
                `${e.location.precision ? ` (${e.location.precision} level)` : ""}` : null],
      ["Why there", e.location ? e.location.evidence : null],
      ["Rule", el("code", { class: "rule" }, e.evidence.rule)],
      ["Trigger", e.evidence.trigger], ["Notes", (e.evidence.notes || []).join("; ")],
      ["Article", detail.article.url ? safeLink(detail.article.url, detail.article.title || detail.article.doc_id)
        : (detail.article.title || detail.article.doc_id)],
      ["Outlet", detail.article.outlet], ["Published", detail.article.published],
      ["Copy of", detail.article.copy_of],
    ]));
  if (detail.cluster) {
    const c = detail.cluster;
    box.append(el("h3", {}, `Cluster ${c.cluster_id}: ${c.num_mentions} mentions in ` +
                            `${c.num_articles} articles from ${c.num_outlets} outlets ` +
                            `(${c.first_seen} – ${c.last_seen})`));
    const cards = el("div", { class: "mentions" });
    for (const m of detail.mentions) {
      cards.append(el("article", { class: `mention${m.event_id === e.event_id ? " current" : ""}` },
        el("h4", {}, m.outlet || "unknown outlet"),
        el("p", { class: "meta" }, m.title || m.doc_id, m.copy_of ? badge("flag", "copy") : null),
        highlighted(m.sentence, m.highlights),
        el("p", {}, badge("modality", m.modality), " ", el("span", { class: `code q${m.quad_class}` }, m.cameo),
           m.speaker_name || m.speaker_text ? [" ", badge("speaker", m.speaker_name || m.speaker_text)] : null)));
    }
    box.append(cards);
  }
  panel.hidden = false;
  panel.scrollIntoView({ behavior: "smooth", block: "start" });
}

async function showCluster(id) {
  // The first event of a cluster, shown with every outlet's mention of it.
  try {
    const page = await api("/api/events", { cluster_id: id, limit: 1, include_copies: true }, false);
    if (page.events.length) await showEvent(page.events[0].event_id);
  } catch (error) { status(error.message, true); }
}

function mix(row, keys, labels) {
  const total = keys.reduce((s, k) => s + (row[k] || 0), 0) || 1;
  return el("div", { class: "mix", title: keys.map((k, i) => `${labels[i]}: ${row[k]}`).join(", ") },
            keys.filter((k) => row[k]).map((k) => el("span", {
              class: `seg ${k}`, dataset: { share: (row[k] / total).toFixed(3) } },
              String(row[k]))));
}

function sizeMixes(root) {
  // Widths are set from data-* here, not through a style attribute (the CSP forbids inline styles).
  for (const seg of root.querySelectorAll(".seg")) seg.style.flexGrow = seg.dataset.share;
}

function renderOutlets(data) {
  const body = clear(document.querySelector("#outlets tbody"));
  const modalities = ["asserted", "negated", "hypothetical", "future", "alleged"];
  for (const row of data.profiles) {
    body.append(el("tr", {},
      el("td", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); setFilters({ outlet: row.outlet }); } }, row.outlet)),
      el("td", {}, row.events), el("td", {}, row.articles), el("td", {}, row.shared_clusters),
      el("td", {}, fmt(row.goldstein, 2)),
      el("td", {}, mix(row, modalities, modalities)),
      el("td", {}, mix(row, ["q1", "q2", "q3", "q4"], QUADS))));
  }
  sizeMixes(body);
  const shared = clear(document.getElementById("shared-clusters"));
  const byCluster = new Map();
  for (const row of data.clusters) {
    if (!byCluster.has(row.cluster_id)) byCluster.set(row.cluster_id, []);
    byCluster.get(row.cluster_id).push(row);
  }
  if (!byCluster.size) shared.append(el("p", { class: "empty" }, "No event was reported by more than one outlet."));
  for (const [id, rows] of [...byCluster].slice(0, 30)) {
    const head = rows[0];
    shared.append(el("div", { class: "cluster", dataset: { cluster: id } },
      el("h4", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showCluster(id); } },
                      `${head.first_seen || "undated"} · root ${head.root} · ` +
                      `${head.source_country || "?"} → ${head.target_country || "?"}`)),
      el("ul", {}, rows.map((r) => el("li", {}, el("strong", {}, r.outlet || "?"), ` ${r.mentions} mention(s), `,
        r.modalities.split(",").map((m) => badge("modality", m)), ` Goldstein ${fmt(r.goldstein)}`)))));
  }
}

function renderClaims(rows) {
  const body = clear(document.querySelector("#claims tbody"));
  for (const row of rows) {
    body.append(el("tr", {}, el("td", {}, badge("speaker", row.speaker)), el("td", {}, row.speaker_country || "—"),
      el("td", {}, badge("modality", row.modality)), el("td", {}, row.root),
      el("td", {}, `${row.source_country || "?"} → ${row.target_country || "?"}`),
      el("td", {}, row.events), el("td", {}, row.articles)));
  }
  if (!rows.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No attributed events.")));
}

async function refreshEvents() {
  renderEvents(await api("/api/events", { limit: PAGE, offset: state.offset }));
}

async function refresh() {
  status("Loading…");
  try {
    // Everything but the timeline can start at once; the timeline's period needs the range.
    const others = Promise.all([
      api("/api/network", { n: 40 }), api("/api/places"), api("/api/outlets"),
      api("/api/claims", { n: 50 }), refreshEvents(), state.worldLoading]);
    const overview = await api("/api/overview");
    renderOverview(overview);
    const by = periodFor(overview);
    const series = await api("/api/timeseries", { by });
    const [graph, places, outlets, claims] = await others;
    renderTimeline(series, by);
    renderNetwork(graph);
    renderMap(places);
    renderOutlets(outlets);
    renderClaims(claims);
    status("");
    if (!document.body.dataset.ready) {
      // Milliseconds from navigation to the first complete render (read by benchmarks/page.py).
      document.body.dataset.firstRenderMs = String(Math.round(performance.now()));
    }
    document.body.dataset.ready = "true";
  } catch (error) {
    status(error.message, true);
  }
}

async function loadFacets() {
  const overview = await api("/api/overview", null, false);
  fillSelect("root", overview.roots.sort((a, b) => a.value.localeCompare(b.value)));
  fillSelect("plover", overview.plover);
  fillSelect("modality", overview.modalities);
  fillSelect("outlet", overview.outlets);
}

async function codeText(event) {
  event.preventDefault();
  const out = clear(document.getElementById("code-result"));
  const body = { text: document.getElementById("code-text").value };
  const published = document.getElementById("code-published").value;
  const outlet = document.getElementById("code-outlet").value.trim();
  if (published) body.published = published;
  if (outlet) body.outlet = outlet;
  out.append(el("p", {}, "Coding…"));
  try {
    const result = await fetch("/api/extract", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = await result.json();
    clear(out);
    if (!result.ok) throw new Error(`${result.status}: ${JSON.stringify(data.detail)}`);
    if (!data.events.length) out.append(el("p", { class: "empty" }, "No events found."));
    for (const e of data.events) {
      const who = (a) => (a ? `${a.name || a.text} (${[a.country, a.sector].filter(Boolean).join("/") || "?"})` : "—");
      out.append(el("div", { class: "coded" },
        el("p", {}, el("strong", {}, who(e.source)), " → ", el("span", { class: `code q${e.quad_class}` }, e.cameo),
           ` ${e.plover ? e.plover.type : ""} → `, el("strong", {}, who(e.target)), " ",
           badge("modality", e.modality), e.speaker ? [" ", badge("speaker", e.speaker.name || e.speaker.text)] : null),
        highlighted(e.sentence, e.highlights),
        el("p", { class: "meta" }, "rule ", el("code", { class: "rule" }, e.evidence.rule))));
    }
  } catch (error) {
    clear(out).append(el("p", { class: "error" }, error.message));
  }
}

async function loadWorld() {
  try {
    const response = await fetch("/static/world-110m.json");
    state.world = decodeTopology(await response.json());
  } catch (_) {
    state.world = [];
  }
}

function legend() {
  const box = document.getElementById("quad-legend");
  QUADS.forEach((label, i) => box.append(el("span", { class: `key q${i + 1}` }, `${i + 1} ${label}`)));
}

// -- live data: poll /api/status with the last ETag; redraw when the data changed ----------
const POLL_MS = 3000;

function showChanged(info) {
  const node = document.getElementById("changed");
  if (!info.changed_at) { node.textContent = ""; return; }
  const when = new Date(info.changed_at);
  node.textContent = `Data last changed ${when.toLocaleString()}` +
    (info.watch ? (info.watch.running ? " · watching for new articles" : " · watching stopped") : "");
  node.dataset.version = String(info.version);
  node.dataset.events = String(info.events);
}

async function poll() {
  try {
    const headers = state.etag ? { "if-none-match": state.etag } : {};
    const response = await fetch("/api/status", { headers, cache: "no-store" });
    if (response.status === 200) {
      const info = await response.json();
      const changed = state.etag !== undefined && response.headers.get("etag") !== state.etag;
      state.etag = response.headers.get("etag");
      showChanged(info);
      if (changed) await Promise.all([loadFacets(), refresh()]);
    }
  } catch (_) {
    // the server may be restarting: try again at the next tick
  }
  setTimeout(poll, POLL_MS);
}

async function start() {
  legend();
  const fromHash = new URLSearchParams(window.location.hash.slice(1));
  for (const name of FILTER_NAMES) if (fromHash.get(name)) state.filters[name] = fromHash.get(name);
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    state.filters = readFilters();
    setFilters({});
  });
  document.getElementById("clear").addEventListener("click", () => { state.filters = {}; setFilters({}); });
  document.getElementById("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE); refreshEvents().catch((e) => status(e.message, true));
  });
  document.getElementById("next").addEventListener("click", () => {
    state.offset += PAGE; refreshEvents().catch((e) => status(e.message, true));
  });
  document.getElementById("close-detail").addEventListener("click", () => {
    document.getElementById("detail-panel").hidden = true;
  });
  document.getElementById("code-form").addEventListener("submit", codeText);
  state.worldLoading = loadWorld();
  writeFilters();
  await Promise.all([loadFacets().catch((e) => status(e.message, true)), refresh()]);
  poll();
}

document.addEventListener("DOMContentLoaded", start);
