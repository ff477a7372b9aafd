// The web UI's shell: the left navigation, the filter bar, and which view draws the address.
// Every view is a module (view-<name>.js) exporting render(root, ctx); the address (path and
// query) holds all state, so a reload, a shared link, back and forward all give the same page.

import {
  api, h, currentState, setParams, navigate, filterParams, filterQuery, FILTERS, TIME_ZONE,
  disposeCharts, clearCache, setChannels, channelColor, loading, errorBox, toDate,
} from './core.js';
import { segmentAttributes } from './pickers.js';

const ICONS = {
  overview: 'M3 13h4v8H3zM10 8h4v13h-4zM17 3h4v18h-4z',
  customer: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z',
  flows: 'M3 5h6c4 0 4 6 8 6h4M3 19h6c4 0 4-8 8-8M3 12h18',
  funnels: 'M3 4h18l-7 8v6l-4 2v-8z',
  paths: 'M5 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM19 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM5 15V9a2 2 0 0 1 2-2h10M19 9v6a2 2 0 0 1-2 2H7',
  'pain-points': 'M12 3 2 20h20zM12 10v4M12 17v.5',
  channels: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  live: 'M12 14a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM7.8 16.2a6 6 0 0 1 0-8.4M16.2 7.8a6 6 0 0 1 0 8.4M4.9 19.1a10 10 0 0 1 0-14.2M19.1 4.9a10 10 0 0 1 0 14.2',
  export: 'M12 3v12M7 10l5 5 5-5M4 21h16',
};

/** The nine views, in the navigation's order. */
export const VIEWS = [
  { id: 'overview', title: 'Overview', module: 'view-overview.js' },
  { id: 'customer', title: 'Customer', module: 'view-customer.js' },
  { id: 'flows', title: 'Flows', module: 'view-flows.js' },
  { id: 'funnels', title: 'Funnels', module: 'view-funnels.js' },
  { id: 'paths', title: 'Paths', module: 'view-paths.js' },
  { id: 'pain-points', title: 'Pain points', module: 'view-pain-points.js' },
  { id: 'channels', title: 'Channel performance', module: 'view-channels.js' },
  { id: 'live', title: 'Live', module: 'view-live.js', noTime: true },
  { id: 'export', title: 'Export', module: 'view-export.js' },
];

const RANGES = [
  ['', 'All time'], ['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['6h', 'Last 6 hours'], ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['custom', 'Custom range…'],
];

let catalog = { channels: [], services: [], touchpoints: [], attributes: [] };
let catalogError = null;
const lastQuery = new Map();
let renderSeq = 0;
let cleanup = null;
let lastView = null;

async function loadCatalog() {
  try {
    catalog = await api('/api/catalog', {}, { fresh: true });
    catalogError = null;
  } catch (e) {
    catalogError = e;
  }
  setChannels([...(catalog.channels || [])].sort());
}

function icon(id) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '1.8');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[id]);
  svg.append(path);
  return svg;
}

function drawNav(view, params) {
  const filters = filterQuery(params);
  document.getElementById('nav-views').replaceChildren(...VIEWS.map((v) => {
    const query = new URLSearchParams(filters);
    const remembered = v.id === view ? null : lastQuery.get(v.id);
    if (remembered) for (const [k, val] of remembered) query.append(k, val);
    const href = `/${v.id}${query.toString() ? `?${query}` : ''}`;
    return h('li', h('a', {
      href,
      'aria-current': v.id === view ? 'page' : null,
      dataset: { view: v.id },
      onclick: (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(`/${v.id}`, query);
      },
    }, icon(v.id), v.title));
  }));
  document.getElementById('nav-foot').replaceChildren(
    h('div', `Times in ${TIME_ZONE}`),
    h('div', 'Guide: docs/ui.md'));
}

/** A button opening a list of checkboxes; the value is a comma-separated list (empty = all). */
function multiSelect({ label, options, value, param, onChange, allText = 'All', colors }) {
  const selected = new Set(value ? value.split(',') : []);
  const text = selected.size === 0 ? allText : [...selected].join(', ');
  const pop = h('div.multi-pop', { hidden: true });
  const button = h('button.btn', { type: 'button', 'aria-haspopup': 'true', dataset: { param } }, h('span', text), '▾');
  const wrap = h('div.multi', button, pop);
  const close = () => {
    pop.hidden = true;
    document.removeEventListener('mousedown', outside);
  };
  const outside = (e) => { if (!wrap.contains(e.target)) close(); };
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !pop.hidden) {
      close();
      button.focus();
    }
  });
  const boxes = options.map((o) => h('label', h('input', { type: 'checkbox', value: o, checked: selected.has(o) }),
    colors ? h('span.swatch', { style: { background: colors(o) } }) : null, o));
  pop.append(...(boxes.length ? boxes : [h('div.muted', { style: { padding: '4px 6px' } }, 'None seen yet')]),
    h('div.multi-foot',
      h('button.btn.btn-small', { type: 'button', onclick: () => { close(); onChange(''); } }, 'All'),
      h('button.btn.btn-small.btn-primary', {
        type: 'button',
        onclick: () => {
          close();
          onChange(boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value).join(','));
        },
      }, 'Apply')));
  button.addEventListener('click', () => {
    if (pop.hidden) {
      pop.hidden = false;
      document.addEventListener('mousedown', outside);
    } else close();
  });
  return h('label.field', h('span.label', label), wrap);
}

/** datetime-local value (viewer's zone) for an ISO instant, and back. */
function toLocalInput(iso) {
  if (!iso) return '';
  const d = toDate(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function fromLocalInput(value) {
  return value ? new Date(value).toISOString().replace('.000Z', 'Z') : '';
}

function drawFilters(def, params) {
  const bar = document.getElementById('filters');
  const range = params.get('range') || (params.get('from') || params.get('to') ? 'custom' : '');
  const items = [h('h1.view-title', def ? def.title : 'Not found')];
  if (def) {
    if (!def.noTime) {
      items.push(h('label.field', h('span.label', 'Time range'),
        h('select', {
          dataset: { param: 'range' },
          onchange: (e) => {
            const v = e.target.value;
            if (v === 'custom') {
              const now = new Date();
              setParams({ range: null, from: new Date(now - 3600e3).toISOString().replace(/\.\d+Z/, 'Z'), to: null });
            } else setParams({ range: v, from: null, to: null });
          },
        }, RANGES.map(([v, t]) => h('option', { value: v, selected: v === range }, t)))));
      if (range === 'custom') {
        items.push(h('label.field', h('span.label', 'From'), h('input', {
          type: 'datetime-local', value: toLocalInput(params.get('from')), dataset: { param: 'from' },
          onchange: (e) => setParams({ from: fromLocalInput(e.target.value) }),
        })));
        items.push(h('label.field', h('span.label', 'To'), h('input', {
          type: 'datetime-local', value: toLocalInput(params.get('to')), dataset: { param: 'to' },
          onchange: (e) => setParams({ to: fromLocalInput(e.target.value) }),
        })));
      }
    }
    items.push(multiSelect({
      label: 'Channel', options: catalog.channels || [], value: params.get('channel'), param: 'channel',
      allText: 'All channels', colors: channelColor, onChange: (v) => setParams({ channel: v }),
    }));
    items.push(multiSelect({
      label: 'Service', options: catalog.services || [], value: params.get('service'), param: 'service',
      allText: 'All services', onChange: (v) => setParams({ service: v }),
    }));
    items.push(...segmentFilter(params, def));
  }
  items.push(h('div.spacer'));
  if (catalogError) items.push(h('span.tz', { title: catalogError.message }, 'Pickers unavailable: /api/catalog failed'));
  items.push(h('span.tz', TIME_ZONE));
  items.push(h('button.btn', {
    type: 'button', title: 'Ask the collector again', dataset: { action: 'refresh' },
    onclick: async () => { clearCache(); await loadCatalog(); render(); },
  }, '↻ Refresh'));
  bar.replaceChildren(...items);
}

/** The segment filter: an attribute (from the catalog), then its values (from /api/segments). */
function segmentFilter(params, def) {
  if (def && def.noTime) return [];
  const segment = params.get('segment') || '';
  const cut = segment.indexOf(':');
  const attribute = cut > 0 ? segment.slice(0, cut) : (params.get('segmentAttribute') || '');
  const values = cut > 0 ? segment.slice(cut + 1) : '';
  const attributes = segmentAttributes(catalog, attribute);
  const out = [h('label.field', h('span.label', 'Segment'),
    h('select', {
      dataset: { param: 'segment' },
      onchange: (e) => setParams({ segment: null, segmentAttribute: e.target.value || null }),
    }, h('option', { value: '' }, 'Everyone'), attributes.map((a) => h('option', { value: a, selected: a === attribute }, a))))];
  if (attribute) {
    const holder = h('div.field', h('span.label', `${attribute} is`), h('span.muted', { style: { height: '28px', lineHeight: '28px' } }, '…'));
    out.push(holder);
    api('/api/segments', { attribute }).then((answer) => {
      const options = (answer.values || []).map((v) => v.value);
      const counts = new Map((answer.values || []).map((v) => [v.value, v.profiles]));
      const select = multiSelect({
        label: `${attribute} is`, options, value: values, param: 'segment', allText: 'Pick values',
        onChange: (v) => setParams({ segment: v ? `${attribute}:${v}` : null, segmentAttribute: v ? null : attribute }),
      });
      select.querySelectorAll('.multi-pop label').forEach((l) => {
        const n = counts.get(l.textContent);
        if (n !== undefined) l.append(h('span.muted', { style: { marginLeft: 'auto', paddingLeft: '12px' } }, `${n} profiles`));
      });
      holder.replaceWith(select);
    }).catch((e) => {
      holder.replaceWith(h('div.field', h('span.label', `${attribute} is`), h('span.field-error', e.message)));
    });
  }
  return out;
}

async function render() {
  const seq = ++renderSeq;
  const { view, params } = currentState();
  const def = VIEWS.find((v) => v.id === view);
  const own = new URLSearchParams([...params].filter(([k]) => !FILTERS.includes(k)));
  if (def) lastQuery.set(def.id, own);
  drawNav(view, params);
  drawFilters(def, params);
  document.title = `${def ? def.title : 'Not found'} · Touchline`;
  document.body.dataset.view = view;
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a view's own teardown failing must not block the next */ }
    cleanup = null;
  }
  disposeCharts();
  const root = document.getElementById('view');
  const keepScroll = lastView === view ? window.scrollY : 0;
  lastView = view;
  const container = h('div.view-root', { dataset: { view } });
  root.replaceChildren(container);
  if (!def) {
    container.append(errorBox(new Error(`There is no view at ${location.pathname}.`)),
      h('p', { style: { textAlign: 'center' } }, h('a', { href: '/overview' }, 'Go to the overview')));
    return;
  }
  container.append(loading());
  try {
    const module = await import(`/assets/${def.module}`);
    if (seq !== renderSeq) return;
    container.replaceChildren();
    const ctx = {
      params,
      filters: filterParams(params),
      catalog,
      setParams,
      isCurrent: () => seq === renderSeq,
    };
    const done = await module.render(container, ctx);
    if (seq !== renderSeq) {
      if (typeof done === 'function') done();
      return;
    }
    if (typeof done === 'function') cleanup = done;
    if (keepScroll) window.scrollTo(0, keepScroll);
  } catch (e) {
    if (seq !== renderSeq) return;
    console.error(e);
    container.replaceChildren(errorBox(e, { retry: () => { clearCache(); render(); } }));
  }
}

async function start() {
  // ECharts is a classic deferred script; modules run after it, but be sure.
  if (!window.echarts) await new Promise((resolve) => window.addEventListener('DOMContentLoaded', resolve, { once: true }));
  if (location.pathname === '/' || location.pathname === '/index.html') history.replaceState(null, '', `/overview${location.search}`);
  await loadCatalog();
  window.addEventListener('popstate', render);
  window.addEventListener('touchline:state', render);
  render();
}

start();
