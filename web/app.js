// Flashpoint dashboard: map, timeline, dyads, alerts and the evidence behind every event.
//
// Plain JavaScript, no build step, no network beyond this server. Every value that comes from
// the data is put into the page as text (textContent, text nodes, SVG attributes set one by
// one); no string is ever parsed as HTML. The view lives in the URL, so a view can be shared.
'use strict';

const QUADS = {
  1: { name: 'verbal cooperation', colour: '#2f9e44' },
  2: { name: 'material cooperation', colour: '#1c7ed6' },
  3: { name: 'verbal conflict', colour: '#f08c00' },
  4: { name: 'material conflict', colour: '#e03131' },
};
const FILTERS = ['from', 'to', 'actor', 'source', 'target', 'quad_class', 'cameo', 'plover', 'q', 'bbox'];
const VIEWS = ['events', 'dyad', 'alerts', 'event', 'article'];
const SVGNS = 'http://www.w3.org/2000/svg';

// ---------------------------------------------------------------- DOM helpers (text only)

/** An HTML element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

/** An SVG element with attributes. */
function svgEl(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** An SVG tooltip. */
function tip(text) {
  const t = document.createElementNS(SVGNS, 'title');
  t.textContent = text;
  return t;
}

/** A link only for http(s) addresses; anything else (javascript:, data:) stays plain text. */
function safeLink(url, label) {
  if (!url) return null;
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch (_) {
    parsed = null;
  }
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    return el('a', { href: parsed.href, target: '_blank', rel: 'noopener noreferrer' }, label || url);
  }
  return el('span', { class: 'muted' }, label ? `${label}: ${url}` : url);
}

function fmt(n, digits) {
  return n === null || n === undefined ? '–' : Number(n).toFixed(digits === undefined ? 1 : digits);
}

function actorName(a) {
  if (!a) return '?';
  return a.code || a.country || a.text || '?';
}

function quadChip(q) {
  const info = QUADS[q];
  if (!info) return el('span', { class: 'chip' }, 'no class');
  return el('span', { class: `chip q${q}` }, `${q} ${info.name}`);
}

// ---------------------------------------------------------------- state in the URL

function readState() {
  const p = new URLSearchParams(location.search);
  const filters = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v) filters[k] = v;
  }
  const view = VIEWS.includes(p.get('view')) ? p.get('view') : 'events';
  return {
    filters,
    view,
    sort: p.get('sort') || '-date',
    a: p.get('a') || '',
    b: p.get('b') || '',
    event: p.get('event') || '',
    article: p.get('article') || '',
  };
}

function stateUrl(s) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (s.filters[k]) p.set(k, s.filters[k]);
  if (s.view !== 'events') p.set('view', s.view);
  if (s.sort && s.sort !== '-date') p.set('sort', s.sort);
  if (s.a) p.set('a', s.a);
  if (s.b) p.set('b', s.b);
  if (s.view === 'event' && s.event) p.set('event', s.event);
  if (s.view === 'article' && s.article) p.set('article', s.article);
  const q = p.toString();
  return q ? `?${q}` : location.pathname;
}

let state = readState();

/** Change the state, record it in the history, and draw what changed. */
function go(change) {
  const before = JSON.stringify(state.filters);
  state = Object.assign({}, state, change);
  history.pushState(null, '', stateUrl(state));
  render(JSON.stringify(state.filters) !== before);
}

window.addEventListener('popstate', () => {
  const before = JSON.stringify(state.filters);
  state = readState();
  render(JSON.stringify(state.filters) !== before);
});

// ---------------------------------------------------------------- the API

async function api(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== '' && v !== null && v !== undefined) p.set(k, v);
  }
  const url = p.toString() ? `${path}?${p}` : path;
  const resp = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await resp.json().catch(() => null);
  if (!resp.ok) {
    const msg = body && body.error ? body.error.message : `${resp.status} ${resp.statusText}`;
    throw new Error(msg);
  }
  return body;
}

function showError(e) {
  const s = document.getElementById('status');
  s.hidden = false;
  s.textContent = `Error: ${e.message || e}`;
}

function clearError() {
  const s = document.getElementById('status');
  s.hidden = true;
  s.textContent = '';
}

// ---------------------------------------------------------------- header and filters

let summary = null;

async function loadSummary() {
  summary = await api('/api/summary');
  const c = summary.counts;
  const span = summary.first_date ? `${summary.first_date} – ${summary.last_date}` : 'no dated events';
  document.getElementById('summary').textContent =
    `${c.articles} articles · ${c.events} events · ${c.mentions} reports · ${span}`;
  const actors = await api('/api/actors', { limit: 300 });
  const list = document.getElementById('actor-list');
  list.replaceChildren(...actors.actors.map((a) => el('option', { value: a.actor }, `${a.events} events`)));
}

function fillForm() {
  const form = document.getElementById('filters');
  for (const k of FILTERS) {
    if (form.elements[k]) form.elements[k].value = state.filters[k] || '';
  }
  document.getElementById('clear-bbox').hidden = !state.filters.bbox;
}

function formFilters() {
  const form = document.getElementById('filters');
  const filters = {};
  for (const k of FILTERS) {
    const v = form.elements[k] ? form.elements[k].value.trim() : '';
    if (v) filters[k] = ['actor', 'source', 'target', 'plover'].includes(k) ? v.toUpperCase() : v;
  }
  return filters;
}

// ---------------------------------------------------------------- the map

const map = {
  world: null, // country rings in degrees
  points: [],
  view: { x: 0, y: 6, w: 360, h: 142 }, // viewBox over (lon + 180, 90 - lat)
  fitted: false,
};

/** Decode TopoJSON arcs (quantized, delta-encoded) into [lon, lat] lines. */
function decodeArcs(topo) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ringOf(arcs, indexes) {
  const ring = [];
  for (const i of indexes) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    ring.push(...(ring.length ? arc.slice(1) : arc));
  }
  return ring;
}

function countryRings(topo) {
  const arcs = decodeArcs(topo);
  const out = [];
  for (const g of topo.objects.countries.geometries) {
    if (g.properties && g.properties.name === 'Antarctica') continue;
    const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
    const rings = [];
    for (const poly of polys) for (const r of poly) rings.push(ringOf(arcs, r));
    out.push({ name: (g.properties && g.properties.name) || '', rings });
  }
  return out;
}

/** SVG path data; a jump across the antimeridian starts a new subpath instead of a long line. */
function pathData(rings) {
  const parts = [];
  for (const ring of rings) {
    let prev = null;
    for (const [lon, lat] of ring) {
      const cmd = prev === null || Math.abs(lon - prev) > 180 ? 'M' : 'L';
      parts.push(`${cmd}${(lon + 180).toFixed(2)},${(90 - lat).toFixed(2)}`);
      prev = lon;
    }
    parts.push('Z');
  }
  return parts.join('');
}

async function loadWorld() {
  const resp = await fetch('/assets/countries-110m.json');
  map.world = countryRings(await resp.json());
}

function mapSize() {
  const svg = document.getElementById('map');
  return { W: svg.clientWidth || 800, H: svg.clientHeight || 400 };
}

/** A view box around `b` (x, y, w, h in map units) with the element's aspect ratio. */
function aspectView(b) {
  const { W, H } = mapSize();
  const aspect = W / H;
  let { x, y, w, h } = b;
  if (w / h < aspect) {
    const nw = h * aspect;
    x -= (nw - w) / 2;
    w = nw;
  } else {
    const nh = w / aspect;
    y -= (nh - h) / 2;
    h = nh;
  }
  return { x, y, w, h };
}

function fitView() {
  if (!map.points.length) {
    map.view = aspectView({ x: 0, y: 6, w: 360, h: 142 });
    return;
  }
  const xs = map.points.map((p) => p.lon + 180);
  const ys = map.points.map((p) => 90 - p.lat);
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  const pad = Math.max(4, (x1 - x0) * 0.12, (y1 - y0) * 0.12);
  x0 -= pad;
  x1 += pad;
  y0 -= pad;
  y1 += pad;
  const minW = 24;
  if (x1 - x0 < minW) {
    const c = (x0 + x1) / 2;
    x0 = c - minW / 2;
    x1 = c + minW / 2;
  }
  map.view = aspectView({ x: x0, y: y0, w: x1 - x0, h: Math.max(y1 - y0, 8) });
}

function drawMap() {
  const svg = document.getElementById('map');
  const v = map.view;
  svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  const { W } = mapSize();
  const scale = W / v.w; // pixels per map unit
  const land = svgEl('g', { class: 'land' });
  for (const c of map.world || []) {
    land.appendChild(svgEl('path', { d: pathData(c.rings), 'vector-effect': 'non-scaling-stroke' }, tip(c.name)));
  }
  const dots = svgEl('g', { class: 'points' });
  // Big clusters first, so that small ones stay visible on top of them.
  const sorted = clusters(map.points, scale).sort((a, b) => b.events - a.events);
  for (const cl of sorted) dots.appendChild(clusterMark(cl, scale));
  svg.replaceChildren(
    svgEl('rect', { class: 'sea', x: -360, y: -180, width: 1080, height: 540 }),
    land,
    dots,
  );
}

/** Group points closer than a few pixels at this zoom. */
function clusters(points, scale) {
  const cell = 22 / scale;
  const cells = new Map();
  for (const p of points) {
    const x = p.lon + 180;
    const y = 90 - p.lat;
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    let c = cells.get(key);
    if (!c) {
      c = { x: 0, y: 0, events: 0, quad: [0, 0, 0, 0], places: [], lon0: 180, lon1: -180, lat0: 90, lat1: -90 };
      cells.set(key, c);
    }
    c.x += x * p.events;
    c.y += y * p.events;
    c.events += p.events;
    p.quad.forEach((n, i) => { c.quad[i] += n; });
    c.places.push(p.name || `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`);
    c.lon0 = Math.min(c.lon0, p.lon);
    c.lon1 = Math.max(c.lon1, p.lon);
    c.lat0 = Math.min(c.lat0, p.lat);
    c.lat1 = Math.max(c.lat1, p.lat);
  }
  return [...cells.values()].map((c) => Object.assign(c, { x: c.x / c.events, y: c.y / c.events }));
}

function dominantQuad(quad) {
  let best = 0;
  for (let i = 1; i < 4; i++) if (quad[i] > quad[best]) best = i;
  return quad[best] > 0 ? best + 1 : 0;
}

function clusterMark(c, scale) {
  const q = dominantQuad(c.quad);
  const rPx = Math.min(26, 5 + 3 * Math.sqrt(c.events));
  const r = rPx / scale;
  const places = c.places.length > 4 ? `${c.places.slice(0, 4).join(', ')}…` : c.places.join(', ');
  const detail = c.quad.map((n, i) => `${n} ${QUADS[i + 1].name}`).join(', ');
  const g = svgEl('g', {
    class: `cluster q${q}`,
    tabindex: 0,
    onclick: () => {
      const pad = 0.3;
      const box = [c.lon0 - pad, c.lat0 - pad, c.lon1 + pad, c.lat1 + pad]
        .map((n, i) => (i % 2 ? Math.max(-90, Math.min(90, n)) : Math.max(-180, Math.min(180, n))).toFixed(2));
      go({ filters: Object.assign({}, state.filters, { bbox: box.join(',') }), view: 'events' });
    },
  },
  tip(`${places}: ${c.events} events (${detail}). Click to list them.`),
  svgEl('circle', { cx: c.x, cy: c.y, r, fill: q ? QUADS[q].colour : '#868e96' }));
  if (c.events > 1) {
    g.appendChild(svgEl('text', {
      x: c.x, y: c.y, 'font-size': 11 / scale, 'text-anchor': 'middle', 'dominant-baseline': 'central',
    }, String(c.events)));
  }
  return g;
}

function zoom(factor, cx, cy) {
  const v = map.view;
  const px = cx === undefined ? v.x + v.w / 2 : cx;
  const py = cy === undefined ? v.y + v.h / 2 : cy;
  const w = Math.min(720, Math.max(1, v.w * factor));
  const h = w * (v.h / v.w);
  map.view = { x: px - (px - v.x) * (w / v.w), y: py - (py - v.y) * (h / v.h), w, h };
  drawMap();
}

function setupMapControls() {
  const svg = document.getElementById('map');
  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.6));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(1 / 0.6));
  document.getElementById('zoom-fit').addEventListener('click', () => { fitView(); drawMap(); });
  document.getElementById('clear-bbox').addEventListener('click', () => {
    const filters = Object.assign({}, state.filters);
    delete filters.bbox;
    go({ filters });
  });
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const rect = svg.getBoundingClientRect();
    const v = map.view;
    const cx = v.x + ((ev.clientX - rect.left) / rect.width) * v.w;
    const cy = v.y + ((ev.clientY - rect.top) / rect.height) * v.h;
    zoom(ev.deltaY < 0 ? 0.8 : 1.25, cx, cy);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.target.closest && ev.target.closest('.cluster')) return;
    drag = { x: ev.clientX, y: ev.clientY, view: Object.assign({}, map.view) };
  });
  window.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const k = drag.view.w / rect.width;
    map.view = Object.assign({}, drag.view, {
      x: drag.view.x - (ev.clientX - drag.x) * k,
      y: drag.view.y - (ev.clientY - drag.y) * k,
    });
    drawMap();
  });
  window.addEventListener('resize', () => { map.view = aspectView(map.view); drawMap(); drawTimeline(); });
}

function drawLegend() {
  const legend = document.getElementById('legend');
  legend.replaceChildren(...Object.entries(QUADS).map(([q, info]) =>
    el('span', { class: 'legend-item' }, el('span', { class: `swatch q${q}` }), info.name)));
}

async function loadMap() {
  const data = await api('/api/map', state.filters);
  map.points = data.points;
  fitView();
  drawMap();
}

// ---------------------------------------------------------------- the timeline

const timeline = { points: [], interval: 'week' };

function rangeDays() {
  const from = state.filters.from || (summary && summary.first_date);
  const to = state.filters.to || (summary && summary.last_date);
  if (!from || !to) return 0;
  return (Date.parse(to) - Date.parse(from)) / 86400000;
}

async function loadTimeline() {
  const interval = rangeDays() <= 120 ? 'day' : 'week';
  const data = await api('/api/timeline', Object.assign({}, state.filters, { interval }));
  timeline.points = data.points;
  timeline.interval = data.interval;
  drawTimeline();
}

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Stacked bars by quad class (counts, left axis) and a line for the Goldstein mean (−10..10,
 * right axis). `marks` are shaded spans ({start, end, label}); a click on a bar calls `onBar`.
 */
function barChart(svg, points, opts) {
  const W = svg.clientWidth || 600;
  const H = svg.clientHeight || 160;
  const m = { l: 34, r: 34, t: opts.marks && opts.marks.length ? 14 : 10, b: 20 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const nodes = [];
  if (!points.length) {
    svg.replaceChildren(svgEl('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'No dated events for this filter'));
    return;
  }
  const max = Math.max(1, ...points.map((p) => p.events));
  // Bars no wider than 48 px: a filter with a few periods gets a few bars, not a red wall.
  const bw = Math.min(48, iw / points.length);
  const y = (n) => m.t + ih - (n / max) * ih;
  const gy = (g) => m.t + ih / 2 - (g / 10) * (ih / 2);
  const xOf = (period) => {
    const i = points.findIndex((p) => p.period >= period);
    return m.l + (i < 0 ? points.length : i) * bw;
  };
  const labels = [];
  for (const mark of opts.marks || []) {
    const x0 = xOf(mark.startPeriod);
    const x1 = Math.max(x0 + 3, xOf(mark.endPeriod) + bw);
    nodes.push(svgEl('rect', { class: 'alert-band', x: x0, y: m.t, width: x1 - x0, height: ih }, tip(mark.label)));
    labels.push(svgEl('text', { class: 'alert-label', x: x0, y: m.t - 2 }, '▼ alert', tip(mark.label)));
  }
  nodes.push(svgEl('line', { class: 'axis', x1: m.l, x2: m.l + iw, y1: m.t + ih, y2: m.t + ih }));
  nodes.push(svgEl('line', { class: 'zero', x1: m.l, x2: m.l + iw, y1: gy(0), y2: gy(0) }));
  points.forEach((p, i) => {
    let base = 0;
    const g = svgEl('g', { class: 'bar', onclick: opts.onBar ? () => opts.onBar(p) : null },
      tip(`${opts.label ? `${opts.label} · ` : ''}${p.period}: ${p.events} events, Goldstein mean ${fmt(p.goldstein_mean)}`));
    p.quad.forEach((n, q) => {
      if (!n) return;
      g.appendChild(svgEl('rect', {
        class: `q${q + 1}`, x: m.l + i * bw + 0.5, width: Math.max(1, bw - 1), y: y(base + n), height: y(base) - y(base + n),
      }));
      base += n;
    });
    const other = p.events - base;
    if (other > 0) {
      g.appendChild(svgEl('rect', { class: 'q0', x: m.l + i * bw + 0.5, width: Math.max(1, bw - 1), y: y(base + other), height: y(base) - y(base + other) }));
    }
    // An invisible full-height target makes thin bars easy to hover and click.
    g.appendChild(svgEl('rect', { class: 'hit', x: m.l + i * bw, width: bw, y: m.t, height: ih }));
    nodes.push(g);
  });
  // The Goldstein line joins neighbouring periods only: an empty period breaks it.
  let run = [];
  const flush = () => {
    if (run.length > 1) nodes.push(svgEl('polyline', { class: 'goldstein', points: run.join(' ') }));
    run = [];
  };
  points.forEach((p, i) => {
    if (p.goldstein_mean === null) {
      flush();
      return;
    }
    const cx = m.l + (i + 0.5) * bw;
    const cy = gy(p.goldstein_mean);
    run.push(`${cx},${cy}`);
    nodes.push(svgEl('circle', { class: 'goldstein-dot', cx, cy, r: 2 }));
  });
  flush();
  nodes.push(...labels);
  nodes.push(svgEl('text', { class: 'tick', x: m.l - 4, y: m.t + 8, 'text-anchor': 'end' }, String(max)));
  nodes.push(svgEl('text', { class: 'tick', x: m.l - 4, y: m.t + ih, 'text-anchor': 'end' }, '0'));
  nodes.push(svgEl('text', { class: 'tick goldstein-tick', x: m.l + iw + 4, y: m.t + 8 }, '+10'));
  nodes.push(svgEl('text', { class: 'tick goldstein-tick', x: m.l + iw + 4, y: gy(0) + 4 }, '0'));
  nodes.push(svgEl('text', { class: 'tick goldstein-tick', x: m.l + iw + 4, y: m.t + ih }, '−10'));
  const ticks = Math.min(6, points.length);
  for (let k = 0; k < ticks; k++) {
    const i = Math.round((k * (points.length - 1)) / Math.max(1, ticks - 1));
    nodes.push(svgEl('text', { class: 'tick', x: m.l + (i + 0.5) * bw, y: H - 4, 'text-anchor': 'middle' }, points[i].period));
  }
  svg.replaceChildren(...nodes);
}

function drawTimeline() {
  const svg = document.getElementById('timeline');
  const per = timeline.interval === 'day' ? 'day' : 'week';
  document.getElementById('timeline-note').textContent =
    `events per ${per} by quad class (bars) · Goldstein mean (line, −10…+10) · click a bar to zoom to it`;
  barChart(svg, timeline.points, {
    onBar: (p) => {
      const end = timeline.interval === 'day' ? p.period : addDays(p.period, 6);
      go({ filters: Object.assign({}, state.filters, { from: p.period, to: end }), view: state.view === 'event' ? 'events' : state.view });
    },
  });
}

// ---------------------------------------------------------------- the panel

function panel(...children) {
  const p = document.getElementById('panel');
  p.replaceChildren();
  append(p, children);
  p.scrollTop = 0;
}

function eventRow(e) {
  const sentence = e.sentence_text || '';
  const short = sentence.length > 220 ? `${sentence.slice(0, 220)}…` : sentence;
  return el('li', { class: 'event-row', dataset: { id: e.id } },
    el('button', { type: 'button', class: 'event-open', onclick: () => go({ view: 'event', event: String(e.id) }) },
      el('span', { class: `dot q${e.quad_class || 0}` }),
      el('span', { class: 'when' }, e.date || 'undated'),
      el('span', { class: 'dyad' }, `${actorName(e.source)} → ${actorName(e.target)}`),
      el('span', { class: 'what' }, `${e.cameo_name || 'CAMEO'} (${e.cameo})`),
      el('span', { class: 'gs' }, `GS ${fmt(e.goldstein)}`),
      e.num_sources > 1 ? el('span', { class: 'chip' }, `${e.num_sources} sources`) : null),
    el('div', { class: 'sentence-preview' }, short),
    el('div', { class: 'muted small' }, e.source_name || '', e.place && e.place.name ? ` · ${e.place.name}` : ''));
}

async function eventList(params, title) {
  const list = el('ol', { class: 'events' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'More');
  const head = el('div', { class: 'list-head' }, el('h3', {}, title || 'Events'));
  const box = el('div', { class: 'event-list' }, head, list, more);
  let cursor = null;
  const load = async () => {
    const page = await api('/api/events', Object.assign({}, params, { limit: 50, cursor }));
    if (cursor === null) head.appendChild(el('span', { class: 'muted total' }, `${page.total} events`));
    for (const e of page.events) list.appendChild(eventRow(e));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => load().catch(showError));
  await load();
  return box;
}

async function viewEvents() {
  const sort = el('select', { 'aria-label': 'Sort' },
    ...[['-date', 'newest first'], ['date', 'oldest first'], ['goldstein', 'most conflictual'], ['-goldstein', 'most cooperative'], ['-sources', 'most sources']]
      .map(([v, label]) => el('option', { value: v, selected: state.sort === v ? 'selected' : null }, label)));
  sort.addEventListener('change', () => go({ sort: sort.value }));
  const list = await eventList(Object.assign({}, state.filters, { sort: state.sort }), 'Events for the filter');
  panel(el('div', { class: 'toolbar' }, el('label', {}, 'Sort ', sort)), list);
}

function markedSentence(m) {
  const p = el('p', { class: 'sentence' });
  const segs = m.segments && m.segments.length ? m.segments : [{ text: m.sentence_text || '', mark: null }];
  for (const s of segs) {
    if (s.mark) {
      p.appendChild(el('mark', { class: `m-${s.mark}`, title: s.mark }, s.text));
    } else {
      p.appendChild(document.createTextNode(s.text));
    }
  }
  return p;
}

function mentionCard(m) {
  return el('article', { class: 'mention' },
    el('div', { class: 'mention-head' },
      el('strong', {}, m.source_name || 'unknown source'),
      el('span', { class: 'muted' }, ` · ${m.published || 'no date'}`),
      m.title ? el('div', { class: 'title' }, m.title) : null),
    markedSentence(m),
    el('div', { class: 'roles small' },
      el('span', {}, 'source: ', el('b', {}, m.source.text || '–'), m.source_code ? ` (${m.source_code})` : ''),
      el('span', {}, ' · trigger: ', el('b', {}, m.trigger.text || '–')),
      el('span', {}, ' · target: ', el('b', {}, m.target.text || '–'), m.target_code ? ` (${m.target_code})` : ''),
      el('span', {}, ` · ${m.modality}${m.negated ? ', negated' : ''} · confidence ${fmt(m.confidence, 2)}`)),
    m.quote ? el('blockquote', { class: 'quote' }, `“${m.quote.text}”`,
      el('footer', {}, '— ', m.quote.speaker_name || 'unattributed', m.quote.speaker_code ? ` (${m.quote.speaker_code})` : '')) : null,
    el('div', { class: 'links' },
      safeLink(m.url, 'source link'),
      el('button', { type: 'button', class: 'open-article', onclick: () => go({ view: 'article', article: String(m.article_id) }) }, 'Open the article')));
}

async function viewEvent() {
  const d = await api(`/api/events/${encodeURIComponent(state.event)}`);
  const e = d.event;
  panel(
    el('button', { type: 'button', class: 'back', onclick: () => history.back() }, '← Back'),
    el('h2', { class: 'event-title' }, `${actorName(e.source)} → ${actorName(e.target)}: ${e.cameo_name || e.cameo}`),
    el('div', { class: 'facts' },
      quadChip(e.quad_class),
      el('span', { class: 'chip' }, `CAMEO ${e.cameo}`),
      e.plover ? el('span', { class: 'chip' }, `PLOVER ${e.plover}`) : null,
      el('span', { class: 'chip' }, `Goldstein ${fmt(e.goldstein)}`),
      el('span', { class: 'chip' }, e.date || 'undated'),
      el('span', { class: 'chip' }, `${e.num_sources} source${e.num_sources === 1 ? '' : 's'}, ${e.num_mentions} report${e.num_mentions === 1 ? '' : 's'}`),
      e.place && e.place.name ? el('span', { class: 'chip' }, `at ${e.place.name}`) : null),
    el('p', { class: 'legend-marks small' }, 'Marked in the sentence: ',
      el('mark', { class: 'm-source' }, 'source actor'), ' ', el('mark', { class: 'm-trigger' }, 'trigger'), ' ',
      el('mark', { class: 'm-target' }, 'target actor')),
    ...d.mentions.map(mentionCard));
}

async function viewArticle() {
  const a = await api(`/api/articles/${encodeURIComponent(state.article)}`);
  const art = a.article;
  const text = el('div', { class: 'article-text' });
  for (const para of (a.text || '').split(/\n+/)) if (para.trim()) text.appendChild(el('p', {}, para));
  panel(
    el('button', { type: 'button', class: 'back', onclick: () => history.back() }, '← Back'),
    el('h2', {}, art.title || art.doc_id),
    el('div', { class: 'muted' }, `${art.source_name || 'unknown source'} · ${art.published || 'no date'} · ${art.doc_id}`),
    el('div', { class: 'links' }, safeLink(art.url, 'source link')),
    el('h3', {}, `Events (${a.mentions.length})`),
    el('ol', { class: 'events' }, ...a.mentions.map((m) => el('li', { class: 'event-row' },
      el('button', { type: 'button', class: 'event-open', onclick: () => go({ view: 'event', event: String(m.event_id) }) },
        el('span', { class: 'when' }, m.date || ''),
        el('span', { class: 'dyad' }, `${m.source_code || m.source_text || '?'} → ${m.target_code || m.target_text || '?'}`),
        el('span', { class: 'what' }, `${m.cameo_name || ''} (${m.cameo})`)),
      el('div', { class: 'sentence-preview' }, m.sentence_text || '')))),
    a.quotes.length ? el('h3', {}, `Quotes (${a.quotes.length})`) : null,
    ...a.quotes.map((q) => el('blockquote', { class: 'quote' }, `“${q.text}”`,
      el('footer', {}, '— ', q.speaker_name || 'unattributed', q.speaker_code ? ` (${q.speaker_code})` : ''))),
    a.quantities.length ? el('h3', {}, 'Figures') : null,
    a.quantities.length ? el('ul', {}, ...a.quantities.map((q) => el('li', {}, `${q.kind}: ${q.text}${q.actor ? ` (${q.actor})` : ''}`))) : null,
    a.places.length ? el('h3', {}, 'Places') : null,
    a.places.length ? el('p', {}, a.places.map((p) => `${p.text} (${p.country})`).join(' · ')) : null,
    art.warnings.length ? el('p', { class: 'muted' }, `Warnings: ${art.warnings.join('; ')}`) : null,
    el('h3', {}, 'Text'),
    text);
}

// ---------------------------------------------------------------- the dyad view

function dyadForm() {
  const a = el('input', { id: 'dyad-a', name: 'a', list: 'actor-list', size: 7, value: state.a, placeholder: 'TUR' });
  const b = el('input', { id: 'dyad-b', name: 'b', list: 'actor-list', size: 7, value: state.b, placeholder: 'SYR' });
  const form = el('form', { class: 'dyad-form' },
    el('label', {}, 'Actor A ', a),
    el('button', { type: 'button', title: 'Swap', onclick: () => go({ a: b.value.trim().toUpperCase(), b: a.value.trim().toUpperCase() }) }, '⇄'),
    el('label', {}, 'Actor B ', b),
    el('button', { type: 'submit', id: 'dyad-show' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go({ view: 'dyad', a: a.value.trim().toUpperCase(), b: b.value.trim().toUpperCase() });
  });
  return form;
}

async function topDyadChips() {
  const top = await api('/api/dyads/top', { limit: 12, from: state.filters.from, to: state.filters.to });
  return el('div', { class: 'top-dyads' }, el('span', { class: 'muted' }, 'Busiest: '),
    ...top.dyads.map((d) => el('button', {
      type: 'button', class: 'chip dyad-chip', onclick: () => go({ view: 'dyad', a: d.source, b: d.target }),
    }, `${d.source} → ${d.target} (${d.events})`)));
}

function periodOf(date, interval) {
  if (interval === 'day') return date;
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7; // days since Monday
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

async function viewDyad() {
  const top = await topDyadChips();
  if (!state.a || !state.b) {
    panel(el('h2', {}, 'Dyad'), dyadForm(), top, el('p', { class: 'muted' }, 'Pick two actors (countries such as TUR, or codes such as TURGOV) to see what each did to the other over time.'));
    return;
  }
  const { a, b } = state;
  const range = { from: state.filters.from, to: state.filters.to };
  // Both directions on one time axis: first find the span of either.
  const first = await Promise.all([api(`/api/dyads/${a}/${b}/series`, range), api(`/api/dyads/${b}/${a}/series`, range)]);
  const periods = first.flatMap((s) => s.points.filter((p) => p.events).map((p) => p.period)).sort();
  const from = range.from || periods[0];
  const lastWeek = periods[periods.length - 1];
  const to = range.to || (lastWeek ? addDays(lastWeek, 6) : undefined);
  const days = from && to ? (Date.parse(to) - Date.parse(from)) / 86400000 : 0;
  const interval = days <= 90 ? 'day' : 'week';
  const q = { from, to, interval };
  const [ab, ba, alertsAB, alertsBA] = await Promise.all([
    api(`/api/dyads/${a}/${b}/series`, q),
    api(`/api/dyads/${b}/${a}/series`, q),
    from ? api('/api/alerts', { from, to, source: a, target: b }) : { alerts: [] },
    from ? api('/api/alerts', { from, to, source: b, target: a }) : { alerts: [] },
  ]);
  const chartAB = svgEl('svg', { class: 'dyad-chart', id: 'dyad-ab' });
  const chartBA = svgEl('svg', { class: 'dyad-chart', id: 'dyad-ba' });
  const alerts = [...alertsAB.alerts, ...alertsBA.alerts].sort((x, y) => (x.start < y.start ? -1 : 1));
  const listAB = await eventList({ source: a, target: b, from: state.filters.from, to: state.filters.to, sort: 'date' }, `${a} → ${b} events`);
  const listBA = await eventList({ source: b, target: a, from: state.filters.from, to: state.filters.to, sort: 'date' }, `${b} → ${a} events`);
  panel(
    el('h2', {}, `Dyad ${a} ⇄ ${b}`),
    dyadForm(),
    top,
    el('h3', {}, `${a} → ${b}`), chartAB,
    el('h3', {}, `${b} → ${a}`), chartBA,
    el('p', { class: 'muted small' }, `Events per ${interval} that took place, dated to the day; shaded spans are escalation alerts.`),
    el('h3', {}, `Alerts (${alerts.length})`),
    alerts.length ? el('ol', { class: 'alerts' }, ...alerts.map(alertItem)) : el('p', { class: 'muted' }, 'No escalation alert for this pair.'),
    listAB, listBA);
  const marks = (list) => list.map((al) => ({
    startPeriod: periodOf(al.start, interval),
    endPeriod: periodOf(al.end, interval),
    label: `alert ${al.start} – ${al.end}: ${al.explanation}`,
  }));
  barChart(chartAB, ab.points, { marks: marks(alertsAB.alerts), label: `${a} → ${b}`, interval });
  barChart(chartBA, ba.points, { marks: marks(alertsBA.alerts), label: `${b} → ${a}`, interval });
}

// ---------------------------------------------------------------- alerts

function alertItem(al) {
  const evidence = el('ol', { class: 'evidence', hidden: true },
    ...al.evidence.map((ev) => el('li', {},
      el('button', { type: 'button', class: 'event-open', onclick: () => go({ view: 'event', event: String(ev.event_id) }) },
        el('span', { class: `dot q${ev.quad_class || 0}` }),
        el('span', { class: 'when' }, ev.date),
        el('span', { class: 'dyad' }, `${ev.source || '?'} → ${ev.target || '?'}`),
        el('span', { class: 'what' }, `CAMEO ${ev.cameo} · GS ${fmt(ev.goldstein)}`)),
      el('div', { class: 'sentence-preview' }, ev.sentence_text || ''))));
  const toggle = el('button', { type: 'button', class: 'show-evidence' }, `Show the ${al.evidence.length} events behind it`);
  toggle.addEventListener('click', () => {
    evidence.hidden = !evidence.hidden;
    toggle.textContent = evidence.hidden ? `Show the ${al.evidence.length} events behind it` : 'Hide the events';
  });
  return el('li', { class: 'alert' },
    el('div', { class: 'alert-head' },
      el('strong', {}, `${al.source} → ${al.target}`),
      el('span', { class: 'muted' }, ` ${al.start} – ${al.end} · peak ${al.peak} · score ${fmt(al.score, 2)}`)),
    el('p', {}, al.explanation),
    el('div', { class: 'links' }, toggle,
      el('button', { type: 'button', onclick: () => go({ view: 'dyad', a: al.source, b: al.target }) }, 'Dyad view')),
    evidence);
}

async function viewAlerts() {
  const from = state.filters.from || (summary && summary.first_date);
  const data = await api('/api/alerts', { from, to: state.filters.to, actor: state.filters.actor });
  panel(
    el('h2', {}, `Escalation alerts (${data.alerts.length})`),
    el('p', { class: 'muted small' }, 'A dyad alerts when its material conflict and conflict weight over the last 7 days stand far above its own 8 weeks before. Highest score first.'),
    data.alerts.length ? el('ol', { class: 'alerts' }, ...data.alerts.map(alertItem)) : el('p', { class: 'muted' }, 'No alert in this period.'));
}

// ---------------------------------------------------------------- drawing

const VIEW_FNS = { events: viewEvents, dyad: viewDyad, alerts: viewAlerts, event: viewEvent, article: viewArticle };

async function render(filtersChanged) {
  clearError();
  fillForm();
  for (const t of document.querySelectorAll('#tabs button')) {
    t.classList.toggle('active', t.dataset.view === state.view);
  }
  document.body.dataset.view = state.view;
  const jobs = [VIEW_FNS[state.view]()];
  if (filtersChanged) jobs.push(loadMap(), loadTimeline());
  const results = await Promise.allSettled(jobs);
  for (const r of results) if (r.status === 'rejected') showError(r.reason);
  document.body.dataset.ready = 'true';
}

async function start() {
  document.getElementById('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    go({ filters: formFilters(), view: ['event', 'article'].includes(state.view) ? 'events' : state.view });
  });
  document.getElementById('clear-filters').addEventListener('click', () => go({ filters: {} }));
  for (const t of document.querySelectorAll('#tabs button')) {
    t.addEventListener('click', () => go({ view: t.dataset.view }));
  }
  setupMapControls();
  drawLegend();
  try {
    await Promise.all([loadSummary(), loadWorld()]);
  } catch (e) {
    showError(e);
  }
  await render(true);
}

start();
