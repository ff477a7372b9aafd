// Customer: one profile found by any of its keys or its id — its keys per channel, a
// cross-channel timeline with a swimlane per channel, its touchpoints, and the identity graph that
// says why these keys are one customer (and which links the rules refused).

import {
  api, ApiError, h, panel, table, exportLinks, chart, appLink, fmtInt, fmtTime, fmtClock, toDate, channelColor,
  emptyState, showError, loading, esc, TOOLTIP, AXIS_LABEL, ERROR_COLOR, TIME_ZONE, filterQuery,
} from './core.js';

const MAX_PAGES = 20;
const EXAMPLES = ['email:alice.martin@example.com', 'phone:+49 170 1234567', 'customer_id:C-1001', 'p_33a8812638b6c72b0b773dcfcc6f37ea'];

function searchForm(ctx, value) {
  const input = h('input', {
    type: 'search', name: 'key', value, placeholder: 'email:…, phone:…, customer_id:…, session:… or a profile id p_…',
    dataset: { param: 'key' }, 'aria-label': 'Customer key or profile id', autocomplete: 'off', spellcheck: 'false',
  });
  const form = h('form.controls', {
    onsubmit: (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      if (/^p_[0-9a-f]+$/i.test(text)) ctx.setParams({ profile: text, key: null });
      else ctx.setParams({ key: text, profile: null });
    },
  },
  h('div.field', h('span.label', 'Find a customer'), h('div.search-row', input, h('button.btn.btn-primary', { type: 'submit' }, 'Search'))),
  h('span.hint', 'A key is type:value, as the agents send it; values are normalised like the collector does.'));
  return form;
}

/** The profile with all its touchpoints (the API pages them by 1000). */
async function loadProfile(ctx) {
  const id = ctx.params.get('profile');
  const key = ctx.params.get('key');
  const first = id ? await api(`/api/profiles/${encodeURIComponent(id)}`) : await api('/api/profiles', { key });
  const profile = { ...first, touchpoints: [...first.touchpoints] };
  let cursor = first.nextCursor;
  for (let page = 1; cursor && page < MAX_PAGES; page++) {
    const next = await api(`/api/profiles/${encodeURIComponent(first.id)}`, { cursor });
    profile.touchpoints.push(...next.touchpoints);
    cursor = next.nextCursor;
  }
  profile.truncated = Boolean(cursor);
  return profile;
}

export async function render(root, ctx) {
  const { params } = ctx;
  const asked = params.get('profile') || params.get('key') || '';
  root.append(searchForm(ctx, asked));
  if (!asked) {
    root.append(panel(null, emptyState('Look up a customer',
      'Type any key the agents capture — an e-mail, a phone number, a customer id, a session — or a profile id, and press Enter.',
      h('p', 'Examples: ', EXAMPLES.map((e, i) => [i ? ', ' : '', h('code', e)])),
      h('p', 'Profiles are also one click away from Funnels (the customers behind a bar) and from Live.'))));
    return;
  }

  const body = h('div', loading('Loading the profile…'));
  root.append(body);
  let profile;
  try {
    profile = await loadProfile(ctx);
  } catch (e) {
    body.replaceChildren();
    if (e instanceof ApiError && e.status === 409 && e.body) {
      body.append(sharedKey(asked, e.body, ctx));
    } else if (e instanceof ApiError && e.status === 404) {
      body.append(panel(null, emptyState(`No profile for ${asked}`, e.message,
        'Check the key type and its value (e.g. email:ann@example.com), or pick a customer from a funnel bar or the Live view.')));
    } else {
      showError(root, e);
    }
    return;
  }
  body.replaceChildren();
  let graph = null;
  let graphError = null;
  try {
    graph = await api(`/api/profiles/${encodeURIComponent(profile.id)}/graph`);
  } catch (e) {
    graphError = e;
  }
  drawProfile(body, profile, graph, graphError, ctx);
}

function sharedKey(asked, answer, ctx) {
  const filters = filterQuery(ctx.params);
  const profiles = answer.profiles || [];
  return h('div',
    h('div.notice', { role: 'status' }, h('strong', `${asked} is a shared key. `),
      `It is on ${profiles.length} customers' profiles (a household phone, a kiosk browser, a number typed for many), so it links none of them. Pick one:`),
    panel('Profiles holding this key', table([
      { label: 'Profile', value: (p) => appLink('/customer', new URLSearchParams([...filters, ['profile', p]]), p, { class: 'mono shared-profile' }) },
    ], profiles.map((p) => p), { cls: 'shared-profiles' })),
    panel(h('span', 'Touchpoints carrying only shared keys', h('span.muted', 'ambiguous: in no profile')),
      touchpointTable(answer.touchpoints || [])));
}

function passes(t, ctx) {
  const f = ctx.filters;
  if (f.channel && !f.channel.split(',').includes(t.channel)) return false;
  if (f.service && !f.service.split(',').includes(t.service)) return false;
  if (f.from && toDate(t.time) < new Date(f.from)) return false;
  if (f.to && toDate(t.time) >= new Date(f.to)) return false;
  return true;
}

function drawProfile(root, profile, graph, graphError, ctx) {
  const shown = profile.touchpoints.filter((t) => passes(t, ctx));
  const channels = [...new Set(profile.touchpoints.map((t) => t.channel))].sort();
  const errors = profile.touchpoints.filter((t) => t.outcome === 'error').length;
  const first = profile.touchpoints[0];
  const last = profile.touchpoints[profile.touchpoints.length - 1];

  if (profile.supersededId) {
    root.append(h('div.notice', `${profile.supersededId} has since been merged into ${profile.id}; this is the merged profile.`));
  }
  root.append(h('section.panel', h('div.panel-body',
    h('div.profile-head',
      h('span.pid', { dataset: { profileId: profile.id } }, profile.id),
      h('div.profile-facts',
        h('span', h('b', { dataset: { touchpointCount: String(profile.touchpointCount) } }, fmtInt(profile.touchpointCount)), profile.touchpointCount === 1 ? ' touchpoint' : ' touchpoints'),
        h('span', h('b', channels.length), channels.length === 1 ? ' channel: ' : ' channels: ', channels.map((c, i) => [i ? ', ' : '', h('span', h('span.dot', { style: { background: channelColor(c) } }), c)])),
        h('span', h('b', profile.keys.length), profile.keys.length === 1 ? ' key' : ' keys'),
        errors ? h('span', h('b', { style: { color: ERROR_COLOR } }, errors), ' failed') : null,
        first ? h('span', 'from ', h('b', fmtTime(first.time)), ' to ', h('b', fmtTime(last.time))) : null)))));
  if (profile.truncated) {
    root.append(h('div.notice', `This profile has more touchpoints than the UI loads (${MAX_PAGES * 1000}); export them for the rest.`));
  }
  if (shown.length !== profile.touchpoints.length) {
    root.append(h('div.notice', `The filters show ${fmtInt(shown.length)} of this profile's ${fmtInt(profile.touchpoints.length)} touchpoints.`));
  }

  root.append(panel(h('span', 'Timeline', h('span.muted', `one lane per channel, ${TIME_ZONE}; drag the slider to zoom`)),
    timeline(shown, channels), {
      actions: [h('span.muted', h('span.dot', { style: { background: ERROR_COLOR } }), 'error'),
        exportLinks(`/api/profiles/${profile.id}`, {}, 'touchpoints')],
    }));

  root.append(h('div.row.cols-2',
    panel(h('span', 'Keys', h('span.muted', 'per channel')), table([
      { label: 'Key', value: (k) => h('span', h('span.muted', `${k.type}:`), h('span.mono', k.value), k.shared ? [' ', h('span.badge.badge-shared', { title: 'Also on other customers\' profiles: listed, but links nothing' }, 'shared')] : null), cls: 'wrap' },
      { label: 'Channels', value: (k) => k.channels.map((c, i) => [i ? ', ' : '', h('span', h('span.dot', { style: { background: channelColor(c) } }), c)]) },
      { label: 'First seen', cls: 'nowrap', value: (k) => fmtTime(k.firstSeen) },
      { label: 'Last seen', cls: 'nowrap', value: (k) => fmtTime(k.lastSeen) },
    ], profile.keys, { cls: 'keys-table' }), { actions: [exportLinks(`/api/profiles/${profile.id}`, {}, 'keys')] }),
    panel(h('span', 'Identity graph', h('span.muted', 'why these keys are one customer')),
      graph ? identityGraph(graph) : showGraphError(graphError))));

  if (graph) root.append(graphTables(graph, profile, ctx));

  root.append(panel(h('span', 'Touchpoints', h('span.muted', `${fmtInt(shown.length)} in time order`)),
    h('div.scroll-y', touchpointTable(shown, { cls: 'touchpoints-table' })),
    { actions: [exportLinks(`/api/profiles/${profile.id}`, {}, 'touchpoints')] }));
}

function showGraphError(error) {
  const box = h('div');
  showError(box, error || new Error('The identity graph did not load.'));
  return box;
}

function timeline(touchpoints, channels) {
  if (!touchpoints.length) return emptyState('No touchpoints in the filters', 'Clear the time range or channel filter to see the whole journey.');
  const points = touchpoints.map((t, i) => ({
    value: [toDate(t.time).getTime(), t.channel],
    tp: t,
    index: i,
    symbol: t.outcome === 'error' ? 'diamond' : 'circle',
    symbolSize: t.outcome === 'error' ? 13 : 10,
    itemStyle: { color: t.outcome === 'error' ? ERROR_COLOR : channelColor(t.channel), borderColor: '#fff', borderWidth: 1 },
  }));
  const height = Math.max(170, 54 * channels.length + 90);
  const c = chart(height, {
    grid: { left: 110, right: 24, top: 14, bottom: 62 },
    tooltip: {
      ...TOOLTIP, trigger: 'item',
      formatter: (p) => {
        const t = p.data.tp;
        if (!t) return '';
        const keys = Object.entries(t.keys || {}).map(([k, v]) => `${esc(k)}: ${esc(Array.isArray(v) ? v.join(', ') : v)}`).join('<br>');
        return `<b>${esc(t.touchpoint)}</b> · ${esc(t.channel)} · ${esc(t.service)}<br>${esc(fmtTime(t.time))}<br>`
          + `outcome: <b style="color:${t.outcome === 'error' ? ERROR_COLOR : '#1d7a5a'}">${esc(t.outcome)}</b>`
          + (keys ? `<br><span style="color:#667085">${keys}</span>` : '');
      },
    },
    xAxis: {
      type: 'time', axisLabel: { ...AXIS_LABEL, hideOverlap: true }, splitLine: { show: true, lineStyle: { color: '#f0f2f5' } },
      // A margin on both sides, so the first and last touchpoints are not drawn on the axes.
      min: (v) => v.min - Math.max(500, (v.max - v.min) * 0.03),
      max: (v) => v.max + Math.max(500, (v.max - v.min) * 0.03),
    },
    yAxis: {
      type: 'category', data: channels, axisLabel: { ...AXIS_LABEL, fontSize: 12, color: '#1d2330' },
      splitArea: { show: true, areaStyle: { color: ['#fafbfc', '#ffffff'] } }, axisTick: { show: false },
    },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8, filterMode: 'none' }],
    series: [
      {
        type: 'line', silent: true, symbol: 'none', z: 1,
        lineStyle: { color: '#c6ccd6', width: 1, type: 'dashed' },
        data: points.map((p) => p.value),
      },
      { type: 'scatter', z: 3, data: points, name: 'touchpoints' },
    ],
  }, { name: 'timeline' });
  c.el.dataset.points = String(points.length);
  c.el.dataset.lanes = String(channels.length);
  c.el.classList.add('timeline');
  return c.el;
}

function identityGraph(graph) {
  if (!graph.keys.length) return emptyState('No keys', 'This profile holds no key of its own.');
  if (graph.keys.length === 1) {
    return emptyState(`Known by one key: ${graph.keys[0].key}`,
      'Nothing links it to another key yet: when a touchpoint carries this key together with another one (a login, an order, a call), they join.');
  }
  const degree = new Map();
  for (const l of graph.links) {
    degree.set(l.from, (degree.get(l.from) || 0) + l.touchpoints);
    degree.set(l.to, (degree.get(l.to) || 0) + l.touchpoints);
  }
  const types = [...new Set(graph.keys.map((k) => k.key.split(':')[0]))];
  const typeColors = ['#2b4fb3', '#2f9e77', '#e8803a', '#7b5cd6', '#3aa6c9', '#c2417b'];
  const nodes = graph.keys.map((k) => {
    const [type, ...rest] = k.key.split(':');
    const value = rest.join(':');
    return {
      id: k.key, name: k.key,
      value: degree.get(k.key) || 0,
      symbolSize: 14 + Math.min(18, Math.sqrt(degree.get(k.key) || 0) * 4),
      category: types.indexOf(type),
      itemStyle: k.shared ? { color: '#fff', borderColor: '#c98a1a', borderWidth: 2, borderType: 'dashed' } : undefined,
      label: { formatter: `${type}:${value.length > 18 ? `${value.slice(0, 16)}…` : value}` },
      shared: k.shared, sharedWith: k.sharedWith,
    };
  });
  const max = Math.max(1, ...graph.links.map((l) => l.touchpoints));
  const c = chart(300, {
    color: typeColors,
    tooltip: {
      ...TOOLTIP,
      formatter: (p) => (p.dataType === 'edge'
        ? `${esc(p.data.source)} ↔ ${esc(p.data.target)}<br>seen together on <b>${p.data.value}</b> touchpoint${p.data.value === 1 ? '' : 's'}`
        : `<b>${esc(p.data.id)}</b>${p.data.shared ? `<br>shared: also on ${p.data.sharedWith.length} other profile(s); links nothing` : ''}`),
    },
    legend: { data: types, bottom: 0, icon: 'circle', itemWidth: 9, itemHeight: 9, textStyle: { fontSize: 11 } },
    series: [{
      type: 'graph', layout: 'circular', circular: { rotateLabel: false }, roam: true,
      categories: types.map((t) => ({ name: t })),
      top: 30, bottom: 40, left: 90, right: 90,
      label: { show: true, position: 'right', fontSize: 11, color: '#1d2330' },
      edgeLabel: { show: true, fontSize: 10, color: '#667085', formatter: (p) => String(p.data.value) },
      lineStyle: { color: '#9aa7bd', curveness: 0.15, opacity: 0.9 },
      emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
      data: nodes,
      links: graph.links.map((l) => ({ source: l.from, target: l.to, value: l.touchpoints, lineStyle: { width: 1 + (4 * l.touchpoints) / max } })),
    }],
  }, { name: 'identity' });
  return c.el;
}

function graphTables(graph, profile, ctx) {
  const filters = filterQuery(ctx.params);
  const shared = graph.keys.filter((k) => k.shared);
  return h('div',
    panel(h('span', 'Links', h('span.muted', 'keys seen together on a touchpoint')), h('div.scroll-y', table([
      { label: 'Key', value: (l) => h('span.mono', l.from), cls: 'wrap' },
      { label: 'Linked to', value: (l) => h('span.mono', l.to), cls: 'wrap' },
      { label: 'Touchpoints', num: true, value: (l) => fmtInt(l.touchpoints) },
      {
        label: 'Evidence',
        value: (l) => h('span', l.evidence.slice(0, 3).map((e, i) => [i ? ', ' : '',
          h('span', { title: `trace ${e.traceId} span ${e.spanId}` }, `${e.touchpoint}@${e.channel} ${fmtClock(e.time)}`)]),
        l.evidence.length > 3 ? h('span.muted', ` +${l.evidence.length - 3}`) : null),
      },
    ], graph.links, { cls: 'links-table', empty: 'A single key: nothing to link.' })), {
      // The graph has no CSV table in the API (yet): its JSON holds the links with all their evidence.
      actions: [h('span.export', 'Export ', h('a', { href: `/api/profiles/${encodeURIComponent(profile.id)}/graph`, target: '_blank', rel: 'noopener' }, 'JSON'))],
    }),
    h('div.row.cols-2', { style: { marginTop: '12px' } },
      panel(h('span', 'Refused links', h('span.muted', 'a rule kept these keys out')), table([
        { label: 'When', value: (r) => fmtTime(r.time) },
        { label: 'Refused key', value: (r) => h('span.mono', r.refusedKey), cls: 'wrap' },
        { label: 'Rule', value: (r) => h('span.badge.badge-error', r.rule) },
      ], graph.refused || [], { cls: 'refused-table', empty: 'No link was refused.' }), {
        actions: [exportLinks(`/api/profiles/${profile.id}`, {}, 'conflicts')],
      }),
      panel(h('span', 'Shared keys', h('span.muted', 'listed, but link nothing')), table([
        { label: 'Key', value: (k) => h('span.mono', k.key), cls: 'wrap' },
        {
          label: 'Also on',
          value: (k) => k.sharedWith.map((p, i) => [i ? ', ' : '', appLink('/customer', new URLSearchParams([...filters, ['profile', p]]), p, { class: 'mono' })]),
          cls: 'wrap',
        },
      ], shared, { empty: 'None of this customer\'s keys is shared.' }))));
}

function touchpointTable(touchpoints, { cls } = {}) {
  return table([
    { label: 'Time', cls: 'nowrap', value: (t) => fmtTime(t.time) },
    {
      label: 'Touchpoint',
      value: (t) => h('span', h('span.step', t.touchpoint),
        // bin/demo --history's generated touchpoints, told from those the agents recorded
        t.attributes?.['demo.generated'] === true ? h('span.badge.badge-generated', { title: 'generated history (bin/demo --history), not recorded by an agent' }, 'generated') : null),
    },
    { label: 'Channel', value: (t) => h('span', h('span.dot', { style: { background: channelColor(t.channel) } }), t.channel) },
    { label: 'Service', value: (t) => t.service },
    { label: 'Outcome', value: (t) => h(`span.badge.${t.outcome === 'error' ? 'badge-error' : 'badge-ok'}`, t.outcome) },
    {
      label: 'Keys',
      value: (t) => h('span.chips', Object.entries(t.keys || {}).map(([k, v]) => h('span.chip', { title: `${k}:${v}` }, `${k}:${short(Array.isArray(v) ? v.join('|') : v)}`))),
    },
    {
      label: 'Attributes',
      cls: 'wrap',
      value: (t) => h('span.muted', Object.entries(t.attributes || {})
        .filter(([k]) => !k.startsWith('touchline.') && k !== 'code.function.name')
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join('  ')),
    },
  ], touchpoints, { cls, empty: 'No touchpoints.' });
}

function short(v) {
  const s = String(v);
  return s.length > 22 ? `${s.slice(0, 20)}…` : s;
}
