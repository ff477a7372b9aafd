// Shared helpers of the web UI: API calls (with the bearer token), the address as the UI's state,
// number and time formats, DOM building, tables with their export links, charts, loading and
// empty/error states. Views import what they need from here; nothing here knows a view.

/* global echarts */

export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// ---------------------------------------------------------------------------------------------
// API

const TOKEN_KEY = 'touchline.apiToken';

/** An answer of the API that is not a 2xx: its status and the API's own message. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** The API's address for a path and parameters (arrays repeat the parameter, empty values are left out). */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') query.append(name, String(v));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The token the user entered for this tab, if any. */
export function apiToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

let tokenPrompt = null;

/** Asks for the API token once (several calls waiting on a 401 or 403 share one dialog). */
function askToken(message) {
  if (!tokenPrompt) {
    tokenPrompt = new Promise((resolve) => {
      const dialog = document.getElementById('token-dialog');
      const input = dialog.querySelector('input');
      dialog.querySelector('.token-message').textContent = message;
      input.value = '';
      dialog.showModal();
      dialog.addEventListener('close', () => {
        const token = input.value.trim();
        if (token) sessionStorage.setItem(TOKEN_KEY, token);
        tokenPrompt = null;
        resolve(token);
      }, { once: true });
    });
  }
  return tokenPrompt;
}

const cache = new Map();
const CACHE_MS = 60_000;

/** Forgets every remembered answer (the refresh button). */
export function clearCache() {
  cache.clear();
}

/**
 * GETs an API path and parses the JSON answer. Answers are remembered for a minute, so going back
 * and forth between states of a view does not ask again; `fresh` skips that. A 401 (no token, or
 * one the collector does not know) or a 403 (a token without the read scope) asks for a token and
 * tries again with it; any other non-2xx throws an ApiError with the API's message.
 */
export async function api(path, params = {}, { fresh = false } = {}) {
  const url = apiUrl(path, params);
  const hit = cache.get(url);
  if (!fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await fetchJson(url);
  cache.set(url, { at: Date.now(), value });
  if (cache.size > 200) cache.delete(cache.keys().next().value);
  return value;
}

async function fetchJson(url, retried = false) {
  const token = apiToken();
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  busy(+1);
  let response;
  try {
    response = await fetch(url, { headers });
  } catch (e) {
    throw new ApiError(0, `The collector does not answer (${e.message}). Is it running?`, null);
  } finally {
    busy(-1);
  }
  let body = null;
  const text = await response.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if ((response.status === 401 || response.status === 403) && !retried) {
    if (token) sessionStorage.removeItem(TOKEN_KEY);
    let message = 'The collector asks for an API token: one with the read scope (auth.apiToken or auth.tokens in the collector config).';
    if (response.status === 403) message = 'This token does not have the read scope. Enter a token that has it (auth.apiToken or auth.tokens in the collector config).';
    else if (token) message = 'The collector refused this token. Enter an API token with the read scope (auth.apiToken or auth.tokens in the collector config).';
    const entered = await askToken(message);
    if (entered) return fetchJson(url, true);
  }
  if (!response.ok) {
    const message = (body && body.error) || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, body);
  }
  return body;
}

/** Opens an EventSource on an API path; the token goes as access_token since EventSource sends no header. */
export function eventSource(path, params = {}) {
  const token = apiToken();
  return new EventSource(apiUrl(path, token ? { ...params, access_token: token } : params));
}

/**
 * Follows an export link. Without a token the browser opens it itself; with one (which a plain
 * link cannot send) the file is fetched with the header and handed over as a download.
 */
async function followExport(event) {
  const token = apiToken();
  if (!token) return;
  event.preventDefault();
  const link = event.currentTarget;
  const response = await fetch(link.href, { headers: { Authorization: `Bearer ${token}` } });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: link.dataset.format === 'csv' ? 'touchline.csv' : 'touchline.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Loading indicator: a thin bar on top while any request is out for more than a moment.
let pending = 0;
let busyTimer = null;
function busy(delta) {
  pending += delta;
  const bar = document.getElementById('loading-bar');
  if (!bar) return;
  if (pending > 0 && !busyTimer && !bar.classList.contains('on')) {
    busyTimer = setTimeout(() => { busyTimer = null; if (pending > 0) bar.classList.add('on'); }, 150);
  }
  if (pending === 0) {
    clearTimeout(busyTimer);
    busyTimer = null;
    bar.classList.remove('on');
  }
  document.body.dataset.pending = String(pending);
}

// ---------------------------------------------------------------------------------------------
// The address is the state: /<view>?<filters and the view's own parameters>

export const FILTERS = ['range', 'from', 'to', 'channel', 'service', 'segment'];

/** The current view's name (the first path segment) and its query. */
export function currentState() {
  const view = location.pathname.replace(/^\/+/, '').split('/')[0] || 'overview';
  return { view, params: new URLSearchParams(location.search) };
}

/**
 * Changes the address: `updates` maps a parameter to a value, an array (repeated parameter), or
 * null/'' (removed). Pushes a history entry unless `replace`; then the app draws the new state.
 */
export function setParams(updates, { replace = false, view } = {}) {
  const { view: current, params } = currentState();
  for (const [name, value] of Object.entries(updates)) {
    params.delete(name);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(name, String(v));
    }
  }
  navigate(`/${view || current}`, params, { replace });
}

/** Goes to a view with a query (URLSearchParams or object), keeping nothing else. */
export function navigate(path, params, { replace = false } = {}) {
  const query = params instanceof URLSearchParams ? params : new URLSearchParams(params || {});
  const text = query.toString();
  const url = text ? `${path}?${text}` : path;
  if (url === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  window.dispatchEvent(new Event('touchline:state'));
}

/** The filters of the address as API parameters; a relative range becomes from = now − range. */
export function filterParams(params) {
  const out = {};
  const range = params.get('range');
  if (range && range !== 'custom') {
    const seconds = parseDuration(range);
    // Whole minutes: the views of one page (and a re-draw a moment later) ask for the same range.
    if (seconds) out.from = new Date(Math.floor(Date.now() / 60e3) * 60e3 - seconds * 1000).toISOString().replace('.000Z', 'Z');
  } else {
    if (params.get('from')) out.from = params.get('from');
    if (params.get('to')) out.to = params.get('to');
  }
  for (const name of ['channel', 'service', 'segment']) {
    if (params.get(name)) out[name] = params.get(name);
  }
  return out;
}

/** The filter part of a query, to carry over when linking to another view. */
export function filterQuery(params) {
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    for (const v of params.getAll(name)) out.append(name, v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formats

const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const pctFormat = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: TIME_ZONE,
});
const dateTimeYear = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: TIME_ZONE,
});
const THIS_YEAR = new Date().getFullYear();
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: TIME_ZONE });

export function fmtInt(n) {
  return n === null || n === undefined ? '–' : intFormat.format(n);
}

export function fmtPct(share) {
  return share === null || share === undefined || Number.isNaN(share) ? '–' : pctFormat.format(share);
}

/** Seconds as the largest sensible units: 45 s, 3 m 20 s, 2 h 5 m, 3 d 4 h. */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 1) return seconds > 0 ? `${Math.round(seconds * 1000)} ms` : '0 s';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} m` : ''}`;
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

/** A duration parameter (90s, 30m, 12h, 7d) in seconds, or null. */
export function parseDuration(text) {
  const m = /^(\d+)([smhd])$/.exec(String(text || '').trim());
  return m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]] : null;
}

/** The API's nanosecond ISO times as a Date (JavaScript keeps milliseconds). */
export function toDate(iso) {
  return new Date(String(iso).replace(/(\.\d{3})\d+/, '$1'));
}

/** A time in the viewer's zone; the year only when it is not this one. */
export function fmtTime(iso) {
  if (!iso) return '–';
  const d = toDate(iso);
  return (d.getFullYear() === THIS_YEAR ? dateTime : dateTimeYear).format(d);
}

export function fmtClock(iso) {
  return iso ? timeOnly.format(toDate(iso)) : '–';
}

// ---------------------------------------------------------------------------------------------
// DOM

/** h('div.panel#id', {attrs, on…: handler}, children…): a small element builder. */
export function h(spec, attrs, ...children) {
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  const [, tag, rest] = /^([a-z0-9-]*)(.*)$/i.exec(spec);
  const el = document.createElement(tag || 'div');
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = [el.className, value].filter(Boolean).join(' ');
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (name === 'value' || name === 'checked' || name === 'selected') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A link inside the app: a real href (open in a new tab works), handled without a page load. */
export function appLink(path, params, text, attrs = {}) {
  const query = params instanceof URLSearchParams ? params : new URLSearchParams(params || {});
  const href = query.toString() ? `${path}?${query}` : path;
  return h('a', {
    href,
    ...attrs,
    onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      navigate(path, query);
    },
  }, text);
}

/** A panel: a titled box with optional actions on the right of its title. */
export function panel(title, body, { actions = [], id, cls } = {}) {
  return h('section.panel', { id, class: cls },
    title || actions.length ? h('header.panel-head', h('h2', title), h('div.panel-actions', actions)) : null,
    h('div.panel-body', body));
}

/** The CSV and JSON links of one of the API's tables, with the same parameters the view used. */
export function exportLinks(path, params, table, { label = 'Export' } = {}) {
  const p = table ? { ...params, table } : { ...params };
  return h('span.export', label ? `${label} ` : null,
    h('a', { href: apiUrl(path, { ...p, format: 'csv' }), download: '', dataset: { format: 'csv' }, onclick: followExport }, 'CSV'),
    h('a', { href: apiUrl(path, p), target: '_blank', rel: 'noopener', dataset: { format: 'json' }, onclick: followExport }, 'JSON'));
}

/**
 * A table. columns: [{label, value: row → text/Node, num: right-aligned, title}]; rows: data.
 * An empty list shows `empty` in one row.
 */
export function table(columns, rows, { empty = 'Nothing to show.', cls, rowAttrs } = {}) {
  return h('div.table-wrap', h('table.data', { class: cls },
    h('thead', h('tr', columns.map((c) => h('th', { class: c.num ? 'num' : null, title: c.title }, c.label)))),
    h('tbody', rows.length
      ? rows.map((row, i) => h('tr', rowAttrs ? rowAttrs(row, i) : {}, columns.map((c) => h('td', { class: c.num ? 'num' : c.cls }, c.value(row, i)))))
      : h('tr.empty', h('td', { colspan: columns.length }, empty)))));
}

/** A share as a small horizontal bar with its percentage. */
export function shareBar(share, { color } = {}) {
  const pct = Math.max(0, Math.min(1, share || 0));
  return h('span.sharebar', h('span.sharebar-track', h('span.sharebar-fill', { style: { width: `${pct * 100}%`, background: color } })),
    h('span.sharebar-text', fmtPct(share)));
}

/** A step as shown: `order.placed` with its pinned channel. */
export function stepLabel(name, channel) {
  return h('span.step', name, channel ? h('span.step-channel', `@${channel}`) : null);
}

/** What to show instead of a view when the API failed. */
export function errorBox(error, { retry } = {}) {
  const status = error instanceof ApiError ? error.status : 0;
  let hint = 'Try again; if it persists, look at the collector\'s log.';
  if (status === 400) hint = 'Change the highlighted parameter and the view reloads.';
  if (status === 401) hint = 'The API token was not accepted. Reload the page to enter it again.';
  if (status === 403) hint = 'The API token does not have the scope this needs. Reload the page to enter another.';
  if (status === 404 && /no such endpoint/.test(error.message)) hint = 'This collector does not have this endpoint yet: update the collector.';
  if (status === 503) hint = 'The collector is starting or stopping; try again in a moment.';
  return h('div.state.state-error', { role: 'alert' },
    h('strong', status ? `The API answered ${status}` : 'Something went wrong'),
    h('p.state-message', error.message),
    h('p', hint),
    retry ? h('button.btn', { onclick: retry }, 'Try again') : null);
}

/**
 * Shows an API failure in a view: a 400's message next to the control it names (in the view or
 * the filter bar), and the error box with what to do next.
 */
/** A view's data from the API, or null once the error is shown in root (the view then stops). */
export async function viewData(root, path, params) {
  try {
    return await api(path, params);
  } catch (e) {
    showError(root, e);
    return null;
  }
}

export function showError(root, error, options) {
  markFieldError(root, error) || markFieldError(document.getElementById('filters'), error);
  root.append(errorBox(error, options));
}

/** What to show when there is nothing to draw. */
export function emptyState(title, ...body) {
  return h('div.state.state-empty', h('strong', title), body.map((b) => (typeof b === 'string' ? h('p', b) : b)));
}

/** The hint for a collector without touchpoints. */
export function noDataHint() {
  return emptyState('No touchpoints yet',
    h('p', 'Attach the agent to a channel application: ', h('code', 'java -javaagent:touchline-agent.jar=config=agent.yaml -jar app.jar')),
    h('p', 'or send OpenTelemetry spans to the collector\'s OTLP port (4317 gRPC, 4318 HTTP).'),
    h('p', 'To see the UI with data now, run ', h('code', 'bin/demo'), ' from the repository: it plays 500 customers through four demo channel apps.'));
}

/** A spinner shown in place of content that is on its way. */
export function loading(text = 'Loading…') {
  return h('div.state.state-loading', h('span.spinner'), text);
}

/**
 * Shows a 400's message next to the control that holds the parameter it names: controls carry
 * data-param; the first whose parameter the message mentions gets it. True when one did.
 */
export function markFieldError(root, error) {
  if (!(error instanceof ApiError) || error.status !== 400) return false;
  const fields = [...root.querySelectorAll('[data-param]')];
  const message = error.message;
  const field = fields.find((f) => new RegExp(`(^|[^a-zA-Z])${f.dataset.param}([^a-zA-Z]|$)`).test(message));
  if (!field) return false;
  field.classList.add('invalid');
  const note = h('div.field-error', { role: 'alert' }, message);
  (field.closest('.field') || field.parentElement).append(note);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Charts

const PALETTE = ['#3b6fd8', '#e8803a', '#2f9e77', '#c2417b', '#7b5cd6', '#c9a227', '#3aa6c9', '#8a8f98', '#d65454', '#5c8a2f'];
const channelColors = new Map();

/** Channels keep one colour everywhere (the order they were first seen in the catalog). */
export function setChannels(channels) {
  for (const c of channels) if (!channelColors.has(c)) channelColors.set(c, PALETTE[channelColors.size % PALETTE.length]);
}

export function channelColor(channel) {
  if (!channelColors.has(channel)) setChannels([channel]);
  return channelColors.get(channel);
}

export function paletteColor(i) {
  return PALETTE[i % PALETTE.length];
}

export const OK_COLOR = '#2f9e77';
export const ERROR_COLOR = '#d64545';

const charts = new Set();

/**
 * Draws an ECharts option into a new element (height in px) and returns {el, chart}. The chart
 * resizes with its box and is disposed when the view is left (disposeCharts). When it has drawn,
 * the element gets data-rendered="true" (what the browser tests wait on).
 */
export function chart(height, option, { name } = {}) {
  const el = h('div.chart', { style: { height: `${height}px` }, dataset: { chart: name || '' } });
  const holder = { el, chart: null };
  requestAnimationFrame(() => {
    if (!el.isConnected) return;
    const instance = echarts.init(el, null, { renderer: 'canvas' });
    holder.chart = instance;
    charts.add(instance);
    instance.on('finished', () => { el.dataset.rendered = 'true'; });
    instance.setOption({ animationDuration: 300, textStyle: { fontFamily: 'inherit' }, ...option });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    instance.__observer = observer;
    if (holder.onReady) holder.onReady(instance);
  });
  return holder;
}

export function disposeCharts() {
  for (const c of charts) {
    if (c.__observer) c.__observer.disconnect();
    c.dispose();
  }
  charts.clear();
}

export const TOOLTIP = { confine: true, textStyle: { fontSize: 12 }, borderColor: '#d8dce2' };
export const AXIS_LABEL = { color: '#5b6472', fontSize: 11 };

/** HTML-escapes a text for ECharts' tooltip formatters (which take HTML). */
export function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
