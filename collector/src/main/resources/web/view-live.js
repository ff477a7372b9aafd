// Live: touchpoints as they are stored, from the server-sent events of GET /api/live — newest on
// top, a capped list, pausable, filtered by the filter bar's channel and service and a touchpoint.

import { h, panel, eventSource, fmtClock, fmtInt, appLink, channelColor, filterQuery } from './core.js';
import { touchpointNames } from './pickers.js';

const CAP = 200;
const KEY_ORDER = ['customer_id', 'email', 'phone', 'device', 'session'];

export function render(root, ctx) {
  const { params, filters, setParams, catalog } = ctx;
  const touchpoint = params.get('touchpoint');
  const query = { channel: filters.channel, service: filters.service, touchpoint };
  let paused = false;
  let received = 0;
  let dropped = 0;
  const held = [];

  const status = h('span.live-status.live-off', h('span.dot'), 'Connecting…');
  const counter = h('span.muted', '');
  const pauseButton = h('button.btn', { type: 'button', dataset: { action: 'pause' } }, 'Pause');
  const tbody = h('tbody');
  const emptyRow = h('tr.empty', h('td', { colspan: 6 }, 'Waiting for touchpoints… They appear here the moment the collector stores them: use a channel app (or run bin/demo) to make some.'));
  tbody.append(emptyRow);

  const filtersNow = filterQuery(params);
  const keyLink = (keys) => {
    const entries = Object.entries(keys || {}).sort((a, b) => rank(a[0]) - rank(b[0]));
    return h('span.chips', entries.map(([k, v]) => {
      const value = Array.isArray(v) ? v[0] : v;
      return appLink('/customer', new URLSearchParams([...filtersNow, ['key', `${k}:${value}`]]), `${k}:${short(value)}`, { class: 'chip', title: `${k}:${value}` });
    }));
  };
  const row = (t) => h('tr.fresh', { dataset: { touchpoint: t.touchpoint } },
    h('td.nowrap', fmtClock(t.time)),
    h('td', h('span.step', t.touchpoint)),
    h('td', h('span', h('span.dot', { style: { background: channelColor(t.channel) } }), t.channel)),
    h('td', t.service),
    h('td', h(`span.badge.${t.outcome === 'error' ? 'badge-error' : 'badge-ok'}`, t.outcome)),
    h('td', keyLink(t.keys)));

  const show = (items) => {
    if (!items.length) return;
    emptyRow.remove();
    const fragment = document.createDocumentFragment();
    for (let i = items.length - 1; i >= 0 && fragment.childNodes.length < CAP; i--) fragment.append(row(items[i]));
    tbody.prepend(fragment);
    while (tbody.children.length > CAP) tbody.lastElementChild.remove();
  };
  const updateCounter = () => {
    counter.textContent = `${fmtInt(received)} received${dropped ? `, ${fmtInt(dropped)} dropped (the browser read too slowly)` : ''}`
      + (paused && held.length ? ` · ${fmtInt(held.length)} waiting` : '') + ` · the list keeps the newest ${CAP}`;
    root.dataset.received = String(received);
  };
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    setStatus(paused ? 'paused' : 'on');
    if (!paused) {
      show(held.splice(0));
    }
    updateCounter();
  });
  const setStatus = (state) => {
    status.className = `live-status live-${state}`;
    status.lastChild.textContent = { on: 'Live', paused: 'Paused', off: 'Reconnecting…' }[state];
    root.dataset.live = state;
  };

  root.append(h('div.controls',
    h('label.field', h('span.label', 'Touchpoint'), h('select', {
      dataset: { param: 'touchpoint' }, onchange: (e) => setParams({ touchpoint: e.target.value }),
    }, h('option', { value: '' }, 'All touchpoints'), [...new Set([...touchpointNames(catalog).map((n) => n.name), ...(touchpoint ? [touchpoint] : [])])]
      .map((n) => h('option', { value: n, selected: n === touchpoint }, n)))),
    h('div.field', h('span.label', 'Stream'), h('div', { style: { display: 'flex', gap: '8px' } }, pauseButton,
      h('button.btn', { type: 'button', onclick: () => { tbody.replaceChildren(emptyRow); held.length = 0; } }, 'Clear'))),
    h('span.hint', 'Channel and service come from the filter bar above; the time range does not apply: this is what arrives now.')));
  root.append(panel(h('span', status, counter), h('div.table-wrap', h('table.data.live-table',
    h('thead', h('tr', ['Time', 'Touchpoint', 'Channel', 'Service', 'Outcome', 'Keys'].map((l) => h('th', l)))),
    tbody))));
  updateCounter();

  const source = eventSource('/api/live', query);
  source.addEventListener('open', () => setStatus(paused ? 'paused' : 'on'));
  source.addEventListener('error', () => { if (source.readyState !== EventSource.OPEN) setStatus('off'); });
  source.addEventListener('touchpoint', (e) => {
    const t = JSON.parse(e.data);
    received++;
    if (paused) {
      held.push(t);
      if (held.length > CAP) held.shift();
    } else show([t]);
    updateCounter();
  });
  source.addEventListener('dropped', (e) => {
    dropped += JSON.parse(e.data).dropped || 0;
    updateCounter();
  });
  return () => source.close();
}

function rank(type) {
  const i = KEY_ORDER.indexOf(type);
  return i < 0 ? KEY_ORDER.length : i;
}

function short(v) {
  const s = String(v);
  return s.length > 24 ? `${s.slice(0, 22)}…` : s;
}
