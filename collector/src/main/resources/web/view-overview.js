// Overview: how much arrives from where, how much of it is stitched to a known customer, and
// where errors are. Draws GET /api/overview.

import { h, panel, table, exportLinks, chart, fmtInt, fmtPct, shareBar, stepLabel, channelColor, noDataHint, emptyState, appLink, filterQuery, TIME_ZONE, TOOLTIP, AXIS_LABEL, toDate, esc, ERROR_COLOR, viewData } from './core.js';

/** The attribute the demo's journey generator marks its history with (docs/demo.md). */
const GENERATED = 'demo.generated';

const BUCKETS = [['', 'Auto'], ['second', 'Second'], ['minute', 'Minute'], ['hour', 'Hour'], ['day', 'Day']];

function kpi(name, label, value, text, sub) {
  return h('div.kpi', { dataset: { kpi: name, value: String(value ?? '') } },
    h('div.kpi-label', label), h('div.kpi-value', text), sub ? h('div.kpi-sub', sub) : null);
}

export async function render(root, ctx) {
  const { params, filters, setParams } = ctx;
  const kind = params.get('chart') === 'line' ? 'line' : 'bar';
  const query = { ...filters, bucket: params.get('bucket'), tz: TIME_ZONE };

  const controls = [
    h('select', { dataset: { param: 'bucket' }, 'aria-label': 'Bucket', onchange: (e) => setParams({ bucket: e.target.value }) },
      BUCKETS.map(([v, t]) => h('option', { value: v, selected: (params.get('bucket') || '') === v }, v ? `per ${t.toLowerCase()}` : 'Auto bucket'))),
    h('div.seg', ['bar', 'line'].map((k) => h('button', {
      type: 'button', 'aria-pressed': String(kind === k), onclick: () => setParams({ chart: k === 'bar' ? null : k }),
    }, k === 'bar' ? 'Stacked bars' : 'Lines'))),
  ];

  const data = await viewData(root, '/api/overview', query);
  if (!data) return;
  if (!data.touchpoints) {
    const filtered = Object.keys(filters).length > 0;
    root.append(panel(null, filtered
      ? emptyState('No touchpoints match these filters', 'Widen the time range or clear the channel, service or segment filter.')
      : noDataHint()));
    return;
  }

  if ((ctx.catalog?.attributes || []).includes(GENERATED)) {
    // bin/demo --history: say which touchpoints the agents recorded and which were generated.
    root.append(h('p.note', { dataset: { note: 'generated-history' } },
      'This collector holds generated history beside what the agents recorded live: touchpoints with ',
      h('code', `${GENERATED}=true`), ' were written by the journey generator (bin/demo --history), the others by the agents on the demo apps. Customer timelines mark them "generated".'));
  }

  const errors = data.channels.reduce((n, c) => n + c.errors, 0);
  root.append(h('div.kpis',
    kpi('touchpoints', 'Touchpoints', data.touchpoints, fmtInt(data.touchpoints), `${fmtRange(data)}`),
    kpi('profiles', 'Profiles', data.profiles, fmtInt(data.profiles), 'customers with a touchpoint here'),
    kpi('identifiedShare', 'Stitched to a customer', data.identifiedShare, fmtPct(data.identifiedShare), 'touchpoints whose profile has a customer_id'),
    kpi('ambiguous', 'Ambiguous', data.ambiguous, fmtInt(data.ambiguous), 'only shared keys: in no profile'),
    kpi('unattributed', 'Unattributed', data.unattributed, fmtInt(data.unattributed), 'no usable key'),
    kpi('errorRate', 'Error rate', errors / data.touchpoints, fmtPct(errors / data.touchpoints), `${fmtInt(errors)} failed touchpoints`)));

  // Touchpoints per channel over time: one series per channel, every bucket present in each
  // (buckets without touchpoints filled in, so that a quiet hour shows as a gap, not as nothing).
  const channels = data.channels.map((c) => c.channel);
  const byKey = new Map(data.series.map((s) => [`${s.channel}|${toDate(s.time).getTime()}`, s.touchpoints]));
  const times = bucketStarts(data);
  const labels = times.map((t) => bucketLabel(t, data.bucket, times));
  const series = channels.map((channel) => ({
    name: channel,
    type: kind,
    stack: kind === 'bar' ? 'all' : undefined,
    barMaxWidth: 48,
    showSymbol: times.length < 40,
    color: channelColor(channel),
    emphasis: { focus: 'series' },
    data: times.map((t) => byKey.get(`${channel}|${t}`) || 0),
  }));
  const over = chart(300, {
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' } },
    xAxis: { type: 'category', data: labels, boundaryGap: kind === 'bar', axisLabel: { ...AXIS_LABEL, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series,
  }, { name: 'overview' });
  over.onReady = (instance) => {
    instance.on('finished', () => {
      if (window.__touchlineFirstRender === undefined) {
        window.__touchlineFirstRender = performance.now();
        document.documentElement.dataset.firstRender = String(Math.round(window.__touchlineFirstRender));
      }
    });
  };

  root.append(panel(h('span', 'Touchpoints per channel', h('span.muted', `per ${data.bucket}, ${TIME_ZONE}`)), over.el, {
    actions: [...controls, exportLinks('/api/overview', query, 'series')],
  }));

  const errorChart = chart(Math.max(120, 34 * channels.length + 40), {
    grid: { left: 100, right: 60, top: 8, bottom: 24 },
    tooltip: { ...TOOLTIP, trigger: 'item', formatter: (p) => `${esc(p.name)}: ${fmtPct(p.value)} errors` },
    xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v) => fmtPct(v) }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: { type: 'category', inverse: true, data: channels, axisLabel: AXIS_LABEL },
    series: [{
      type: 'bar', barMaxWidth: 18,
      data: data.channels.map((c) => ({ value: c.errorRate, itemStyle: { color: c.errorRate > 0 ? ERROR_COLOR : '#c8ccd3' } })),
      label: { show: true, position: 'right', fontSize: 11, formatter: (p) => fmtPct(p.value) },
    }],
  }, { name: 'errors' });

  root.append(h('div.row.cols-2-1',
    panel('Channels', table([
      { label: 'Channel', value: (c) => h('span', h('span.dot', { style: { background: channelColor(c.channel) } }), c.channel) },
      { label: 'Touchpoints', num: true, value: (c) => fmtInt(c.touchpoints) },
      { label: 'Share', num: true, value: (c) => shareBar(c.touchpoints / data.touchpoints, { color: channelColor(c.channel) }) },
      { label: 'Profiles', num: true, value: (c) => fmtInt(c.profiles) },
      { label: 'Errors', num: true, value: (c) => fmtInt(c.errors) },
      { label: 'Error rate', num: true, value: (c) => fmtPct(c.errorRate) },
    ], data.channels, { cls: 'channels-table' }), { actions: [exportLinks('/api/overview', query, 'channels')] }),
    panel('Error rate per channel', errorChart.el)));

  root.append(panel(h('span', 'Top touchpoints', h('span.muted', `the ${data.topTouchpoints.length} most frequent`)), table([
    {
      label: 'Touchpoint',
      value: (t) => appLink('/paths', new URLSearchParams([...filterQuery(params), ['touchpoint', t.touchpoint]]), stepLabel(t.touchpoint), { title: 'What follows it (Paths)' }),
    },
    { label: 'Channel', value: (t) => h('span', h('span.dot', { style: { background: channelColor(t.channel) } }), t.channel) },
    { label: 'Touchpoints', num: true, value: (t) => fmtInt(t.touchpoints) },
    { label: 'Share', num: true, value: (t) => shareBar(t.touchpoints / data.touchpoints) },
    { label: 'Errors', num: true, value: (t) => fmtInt(t.errors) },
    { label: 'Error rate', num: true, value: (t) => (t.errors ? h('span', { style: { color: ERROR_COLOR } }, fmtPct(t.errorRate)) : fmtPct(t.errorRate)) },
  ], data.topTouchpoints, { cls: 'top-table' }), { actions: [exportLinks('/api/overview', query, 'topTouchpoints')] }));
}

/** Every bucket start from the first to the last, as epoch milliseconds. */
function bucketStarts(data) {
  const given = [...new Set(data.series.map((s) => toDate(s.time).getTime()))].sort((a, b) => a - b);
  const step = { second: 1e3, minute: 60e3, hour: 3600e3 }[data.bucket];
  if (!step || given.length < 2 || (given[given.length - 1] - given[0]) / step > 2000) return given;
  const all = [];
  for (let t = given[0]; t <= given[given.length - 1]; t += step) all.push(t);
  return all;
}

/** A bucket's label in the viewer's zone: the day only where it changes. */
function bucketLabel(t, bucket, times) {
  const d = new Date(t);
  const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: TIME_ZONE }).format(d);
  if (bucket === 'day') return day;
  const time = new Intl.DateTimeFormat(undefined, bucket === 'second'
    ? { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: TIME_ZONE }
    : { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(d);
  const multiDay = times.length > 1 && new Date(times[0]).toDateString() !== new Date(times[times.length - 1]).toDateString();
  return multiDay ? `${day} ${time}` : time;
}

function fmtRange(data) {
  if (!data.from || !data.to) return '';
  const f = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
  return `${f.format(toDate(data.from))} – ${f.format(toDate(data.to))}`;
}
