/* Tacitus dashboard: the event table (server-side paging), one event's sentence with its
 * actors, trigger, place and date marked, a dyad timeline, a world map and the actor network.
 * Charts and the map are ECharts (vendor/echarts); country outlines are world-atlas TopoJSON
 * turned into GeoJSON by topojson-client. Everything is served by Tacitus itself. */
"use strict";

const QUADS = {
  1: { name: "Verbal cooperation", color: "#4e79a7" },
  2: { name: "Material cooperation", color: "#59a14f" },
  3: { name: "Verbal conflict", color: "#f28e2b" },
  4: { name: "Material conflict", color: "#e15759" },
};
const PAGE_SIZE = 25;
const state = { filters: {}, offset: 0, total: 0, order: "-event_date", selected: null };
const charts = {};

const $ = (selector) => document.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function query(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) qs.set(key, value);
  }
  const text = qs.toString();
  return text ? "?" + text : "";
}

async function api(path, params = {}) {
  const response = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = body.message || (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
    throw new Error(`${path}: ${response.status} ${detail || response.statusText}`);
  }
  return body;
}

function showError(err) {
  const box = $("#message");
  box.textContent = err ? String(err.message || err) : "";
  box.hidden = !err;
}

function actorLabel(actor) {
  if (!actor) return "";
  return actor.code || actor.text || "";
}

/* ---- event table ---------------------------------------------------------------- */

function readFilters() {
  const form = $("#filters");
  const filters = {};
  for (const field of form.elements) {
    if (field.name && field.value.trim() !== "") filters[field.name] = field.value.trim();
  }
  return filters;
}

function writeFilters(filters) {
  for (const field of $("#filters").elements) {
    if (field.name) field.value = filters[field.name] ?? "";
  }
}

async function loadEvents() {
  const params = { ...state.filters, limit: PAGE_SIZE, offset: state.offset, order: state.order };
  $("#csv-link").href = "/api/events" + query({ ...state.filters, order: state.order, limit: 1000, format: "csv" });
  const page = await api("/api/events", params);
  state.total = page.total;
  const body = $("#events tbody");
  body.replaceChildren();
  for (const event of page.events) {
    const row = el("tr", { dataset: { eventId: event.event_id }, tabindex: "0" },
      el("td", {}, event.event_date || event.published || ""),
      el("td", { class: "code", title: event.source?.name || event.source?.text || "" }, actorLabel(event.source)),
      el("td", { title: event.cameo_name || "" }, el("span", { class: "code" }, event.cameo), " ", event.cameo_name || ""),
      el("td", { class: "code", title: event.target?.name || event.target?.text || "" }, actorLabel(event.target)),
      el("td", {}, el("span", { class: `quad quad-${event.quad_class}`, title: QUADS[event.quad_class]?.name }, event.quad_class)),
      el("td", { class: "num" }, event.goldstein ?? ""),
      el("td", {}, event.location ? event.location.name : ""),
      el("td", { class: "sentence", title: event.sentence }, event.sentence),
    );
    if (event.event_id === state.selected) row.classList.add("selected");
    row.addEventListener("click", () => openEvent(event.event_id));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(event.event_id); });
    body.append(row);
  }
  if (!page.events.length) body.append(el("tr", {}, el("td", { colspan: "8", class: "hint" }, "No events match these filters.")));
  const first = page.total ? state.offset + 1 : 0;
  const last = state.offset + page.events.length;
  $("#page-info").textContent = `${first.toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`;
  $("#events-count").textContent = `${page.total.toLocaleString()} matching`;
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = last >= page.total;
}

/* ---- one event ---------------------------------------------------------------- */

function markedSentence(sentence, highlights) {
  const box = el("div", { class: "sentence", id: "detail-sentence" });
  let at = 0;
  for (const span of highlights) {
    if (span.start < at) continue;
    box.append(sentence.slice(at, span.start));
    box.append(el("mark", { class: `hl-${span.kind}`, title: span.kind, dataset: { kind: span.kind } }, sentence.slice(span.start, span.end)));
    at = span.end;
  }
  box.append(sentence.slice(at));
  return box;
}

function fact(label, ...value) {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

function actorText(actor) {
  if (!actor) return "—";
  const parts = [actor.code];
  if (actor.name) parts.push(actor.name);
  else if (actor.text) parts.push(`“${actor.text}”`);
  return parts.join(" · ");
}

async function openEvent(eventId) {
  state.selected = eventId;
  for (const row of document.querySelectorAll("#events tbody tr")) {
    row.classList.toggle("selected", row.dataset.eventId === eventId);
  }
  const detail = await api(`/api/events/${encodeURIComponent(eventId)}`);
  const event = detail.event;
  const legend = el("div", { class: "legend" },
    ...["source", "target", "trigger", "place", "date"].map((kind) => el("mark", { class: `hl-${kind}` }, kind)));
  const when = event.event_date ? `${event.event_date}${event.event_date_end ? " – " + event.event_date_end : ""} (${event.date_source})` : "—";
  const place = event.location
    ? `${event.location.name}${event.location.admin1 ? ", " + event.location.admin1 : ""} (${event.location.country || "?"}, ${event.location.precision || ""})`
    : "—";
  const article = detail.article;
  const articleLink = article
    ? (article.url && /^https?:\/\//.test(article.url)
        ? el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.title || article.url)
        : article.title || article.doc_id)
    : event.doc_id;
  const facts = el("dl", { class: "facts" },
    ...fact("Source", actorText(event.source)),
    ...fact("Event", el("span", { class: "code" }, event.cameo), " ", event.cameo_name || "", " ",
      el("span", { class: `quad quad-${event.quad_class}` }, event.quad_class), " ", QUADS[event.quad_class]?.name || ""),
    ...fact("Target", actorText(event.target)),
    ...fact("Goldstein", event.goldstein ?? "—"),
    ...fact("Modality", event.modality),
    ...fact("When", when),
    ...fact("Where", place),
    ...fact("Confidence", event.confidence ?? "—"),
    ...fact("Article", articleLink, article?.source ? ` — ${article.source}` : "", article?.published ? ` (${article.published})` : ""),
  );
  const parts = [markedSentence(event.sentence, detail.highlights), legend, facts];
  if (event.explanation) parts.push(el("p", { class: "explanation" }, "Why: ", event.explanation));
  if (detail.mentions.length) {
    parts.push(el("h3", {}, `Also reported (${detail.mentions.length})`));
    parts.push(el("ul", { class: "mentions" }, ...detail.mentions.map((m) =>
      el("li", {}, el("strong", {}, m.title || m.doc_id), ` (${m.published || "undated"}): `, m.sentence))));
  }
  $("#detail").replaceChildren(...parts);
  if (event.target && event.target.code) {
    const form = $("#dyad-form");
    form.elements.a.value = event.source.code;
    form.elements.b.value = event.target.code;
    loadTimeline().catch(showError);
  }
}

/* ---- dyad timeline ---------------------------------------------------------------- */

async function loadTimeline() {
  const form = $("#dyad-form");
  const a = form.elements.a.value.trim();
  const b = form.elements.b.value.trim();
  if (!a || !b) return;
  const interval = form.elements.interval.value;
  const data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeseries`, { interval });
  const periods = [...new Set(data.series.map((row) => row.period))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const counts = {}, goldstein = {};
  for (const q of [1, 2, 3, 4]) { counts[q] = periods.map(() => 0); goldstein[q] = periods.map(() => 0); }
  for (const row of data.series) {
    counts[row.quad_class][index.get(row.period)] += row.events;
    goldstein[row.quad_class][index.get(row.period)] += row.goldstein || 0;
  }
  const series = [];
  for (const q of [1, 2, 3, 4]) {
    series.push({ name: QUADS[q].name, type: "bar", stack: "events", barMaxWidth: 48, data: counts[q], itemStyle: { color: QUADS[q].color } });
  }
  for (const q of [1, 2, 3, 4]) {
    series.push({ name: `Goldstein: ${QUADS[q].name}`, type: "line", yAxisIndex: 1, data: goldstein[q],
      lineStyle: { type: "dashed", color: QUADS[q].color }, itemStyle: { color: QUADS[q].color }, symbolSize: 5 });
  }
  charts.timeline.setOption({
    title: periods.length ? undefined : { text: `No events between ${data.a} and ${data.b}`, left: "center", top: "middle", textStyle: { fontSize: 13, color: "#5d6b7a" } },
    tooltip: { trigger: "axis" },
    legend: { top: 0, type: "scroll", textStyle: { fontSize: 11 } },
    grid: { left: 45, right: 50, top: 45, bottom: 30 },
    xAxis: { type: "category", data: periods },
    yAxis: [{ type: "value", name: "events", minInterval: 1 }, { type: "value", name: "Goldstein Σ" }],
    series,
  }, true);
}

/* ---- map ---------------------------------------------------------------- */

async function setUpMap() {
  const response = await fetch("/static/vendor/world-atlas/countries-110m.json");
  const topology = await response.json();
  const world = topojson.feature(topology, topology.objects.countries);
  world.features = world.features.filter((f) => f.properties.name !== "Antarctica");
  // ECharts draws flat: a ring crossing the antimeridian (Russia, Fiji) is moved east of 180°
  // so it is not drawn across the whole map.
  const unwrap = (ring) => (ring.some(([lon]) => lon > 160) && ring.some(([lon]) => lon < -160)
    ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring);
  for (const feature of world.features) {
    const g = feature.geometry;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
    if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((polygon) => polygon.map(unwrap));
  }
  echarts.registerMap("world", world);
}

async function loadMap() {
  const data = await api("/api/locations", { ...state.filters, limit: 2000 });
  const max = Math.max(1, ...data.places.map((p) => p.events));
  $("#map-count").textContent = `${data.located.toLocaleString()} located events, ${data.places.length.toLocaleString()} places`;
  charts.map.setOption({
    tooltip: {
      trigger: "item",
      formatter: (p) => p.data ? `${escapeHtml(p.data.name)} (${escapeHtml(p.data.country)})<br>${p.data.value[2]} events · mean Goldstein ${p.data.goldstein ?? "—"}` : escapeHtml(p.name),
    },
    visualMap: { type: "continuous", min: -10, max: 10, dimension: 3, seriesIndex: 0, calculable: false, orient: "horizontal",
      left: 10, bottom: 5, itemWidth: 10, itemHeight: 90, text: ["coop.", "conflict"], textStyle: { fontSize: 10 },
      inRange: { color: ["#e15759", "#f2c46d", "#4e79a7"] } },
    geo: { map: "world", roam: true, top: 10, bottom: 10, itemStyle: { areaColor: "#e8edf2", borderColor: "#9aa8b6", borderWidth: 0.5 },
      emphasis: { itemStyle: { areaColor: "#d6e0ea" }, label: { show: false } } },
    series: [{
      type: "scatter", coordinateSystem: "geo", name: "events",
      data: data.places.map((p) => ({ name: p.name, country: p.country, goldstein: p.goldstein,
        value: [p.lon, p.lat, p.events, p.goldstein ?? 0] })),
      symbolSize: (value) => 5 + 20 * Math.sqrt(value[2] / max),
      itemStyle: { opacity: 0.85, borderColor: "#fff", borderWidth: 0.5 },
    }],
  }, true);
}

/* ---- network and top actors ---------------------------------------------------------- */

async function loadNetwork() {
  const graph = await api("/api/network", { limit: 80 });
  const maxNode = Math.max(1, ...graph.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...graph.edges.map((e) => e.events));
  const edgeColor = (g) => (g === null || g === undefined ? "#999" : g >= 0 ? "#59a14f" : "#e15759");
  charts.network.setOption({
    tooltip: {
      formatter: (p) => p.dataType === "edge"
        ? `${escapeHtml(p.data.source)} → ${escapeHtml(p.data.target)}<br>${p.data.events} events · mean Goldstein ${p.data.goldstein?.toFixed(1) ?? "—"}`
        : `${escapeHtml(p.data.name)}<br>${p.data.events} events`,
    },
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      force: { repulsion: 160, edgeLength: [40, 140], gravity: 0.08 },
      label: { show: true, fontSize: 10, position: "right" },
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 6,
      data: graph.nodes.map((n) => ({ id: n.id, name: n.id, events: n.events,
        symbolSize: 8 + 30 * Math.sqrt(n.events / maxNode), itemStyle: { color: "#25364a" } })),
      links: graph.edges.map((e) => ({ source: e.source, target: e.target, events: e.events, goldstein: e.goldstein,
        lineStyle: { width: 0.5 + 5 * (e.events / maxEdge), color: edgeColor(e.goldstein), opacity: 0.7, curveness: 0.15 } })),
    }],
  }, true);
  return graph;
}

async function loadTopActors() {
  const data = await api("/api/actors/top", { limit: 30 });
  const body = $("#top-actors tbody");
  body.replaceChildren(...data.actors.map((a) => {
    const row = el("tr", {}, el("td", { class: "code" }, el("a", { href: "#", dataset: { actor: a.code } }, a.code)),
      el("td", {}, a.name || ""), el("td", { class: "num" }, a.events), el("td", { class: "num" }, a.as_source),
      el("td", { class: "num" }, a.as_target), el("td", {}, a.last_seen || ""));
    return row;
  }));
}

async function loadStatus() {
  const s = await api("/api/status");
  $("#store-status").textContent = `${s.documents.toLocaleString()} articles · ${s.events.toLocaleString()} events`;
}

/* ---- wiring ---------------------------------------------------------------- */

function filterBy(filters) {
  state.filters = filters;
  state.offset = 0;
  writeFilters(filters);
  return Promise.all([loadEvents(), loadMap()]).then(() => showError(null)).catch(showError);
}

async function start() {
  charts.timeline = echarts.init($("#timeline"));
  charts.map = echarts.init($("#map"));
  charts.network = echarts.init($("#network"));
  window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));

  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!e.target.reportValidity()) return;
    filterBy(readFilters());
  });
  $("#filters").addEventListener("reset", () => setTimeout(() => filterBy({}), 0));
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadEvents().catch(showError); });
  $("#next").addEventListener("click", () => { state.offset += PAGE_SIZE; loadEvents().catch(showError); });
  $("#order").addEventListener("change", (e) => { state.order = e.target.value; state.offset = 0; loadEvents().catch(showError); });
  $("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadTimeline().catch(showError); });
  $("#top-actors").addEventListener("click", (e) => {
    const code = e.target.dataset?.actor;
    if (code) { e.preventDefault(); filterBy({ actor: code }); }
  });
  charts.network.on("click", (p) => {
    if (p.dataType === "node") filterBy({ actor: p.data.id });
    if (p.dataType === "edge") {
      const form = $("#dyad-form");
      form.elements.a.value = p.data.source;
      form.elements.b.value = p.data.target;
      loadTimeline().catch(showError);
    }
  });
  charts.map.on("click", (p) => { if (p.data && p.data.country) filterBy({ ...state.filters, country: p.data.country }); });

  try {
    await setUpMap();
    const [, , graph] = await Promise.all([loadStatus(), loadEvents(), loadNetwork(), loadTopActors(), loadMap()]);
    const heaviest = graph.edges[0];
    if (heaviest) {
      const form = $("#dyad-form");
      form.elements.a.value = heaviest.source;
      form.elements.b.value = heaviest.target;
      await loadTimeline();
    }
    document.body.dataset.ready = "true";
  } catch (err) {
    showError(err);
    document.body.dataset.ready = "error";
  }
}

document.addEventListener("DOMContentLoaded", start);
