// Pain points: where customers fail, repeat themselves, and which channel they turn to after a
// failure. Draws GET /api/pain-points.

import { h, panel, table, exportLinks, chart, fmtInt, fmtPct, fmtDuration, shareBar, stepLabel, channelColor, emptyState, noDataHint, esc, TOOLTIP, AXIS_LABEL, ERROR_COLOR, viewData } from './core.js';
import { selectField, textField } from './pickers.js';

function channel(name) {
  return h('span', h('span.dot', { style: { background: channelColor(name) } }), name);
}

export async function render(root, ctx) {
  const { params, filters, setParams } = ctx;
  const query = { ...filters, switchWithin: params.get('switchWithin'), top: params.get('top') };
  root.append(h('div.controls',
    textField('Switch within', 'switchWithin', params.get('switchWithin') || '1d', (v) => setParams({ switchWithin: v === '1d' ? null : v }),
      { placeholder: '1d', width: '80px' }),
    selectField('Top', 'top', [10, 20, 50, 100].map((n) => [n, `${n} rows`]), params.get('top') || '20', (v) => setParams({ top: v === '20' ? null : v })),
    h('span.hint', 'A switch: after a failed touchpoint, the customer\'s next touchpoint in another channel within this time.')));
  const data = await viewData(root, '/api/pain-points', query);
  if (!data) return;
  if (!data.errors.length && !data.repeats.length && !data.switches.length) {
    root.append(panel(null, Object.keys(filters).length
      ? emptyState('No pain points in these filters', 'No failed, repeated or switched touchpoint: widen the time range or clear a filter.')
      : h('div', emptyState('No pain points found', 'No touchpoint failed or was repeated in a journey.'), noDataHint())));
    return;
  }

  const errors = data.errors;
  const top = errors.slice(0, 12);
  const errorChart = top.length ? chart(Math.max(140, 26 * top.length + 40), {
    grid: { left: 200, right: 70, top: 8, bottom: 24 },
    tooltip: {
      ...TOOLTIP, trigger: 'item',
      formatter: (p) => `<b>${esc(p.name)}</b><br>${fmtInt(top[p.dataIndex].errors)} of ${fmtInt(top[p.dataIndex].touchpoints)} failed (${fmtPct(p.value)})`,
    },
    xAxis: { type: 'value', max: (v) => Math.min(1, Math.max(0.05, v.max * 1.15)), axisLabel: { ...AXIS_LABEL, formatter: (v) => fmtPct(v) }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: { type: 'category', inverse: true, data: top.map((e) => `${e.touchpoint}@${e.channel}`), axisLabel: { ...AXIS_LABEL, width: 190, overflow: 'truncate' } },
    series: [{
      type: 'bar', barMaxWidth: 16, itemStyle: { color: ERROR_COLOR },
      label: { show: true, position: 'right', fontSize: 11, formatter: (p) => fmtPct(p.value) },
      data: top.map((e) => e.errorRate),
    }],
  }, { name: 'errors' }).el : null;

  root.append(
    panel(h('span', 'Error rates', h('span.muted', 'touchpoints with at least one error, worst first')), h('div.row.cols-2', { style: { margin: 0 } }, errorChart || h('div'), table([
      { label: 'Touchpoint', value: (e) => stepLabel(e.touchpoint) },
      { label: 'Channel', value: (e) => channel(e.channel) },
      { label: 'Touchpoints', num: true, value: (e) => fmtInt(e.touchpoints) },
      { label: 'Errors', num: true, value: (e) => fmtInt(e.errors) },
      { label: 'Error rate', num: true, value: (e) => shareBar(e.errorRate, { color: ERROR_COLOR }) },
    ], errors, { cls: 'errors-table', empty: 'No touchpoint failed.' })), { actions: [exportLinks('/api/pain-points', query, 'errors')] }),
    panel(h('span', 'Repeats', h('span.muted', `the same touchpoint again within one journey (gap ${data.inactivityGap})`)), table([
      { label: 'Touchpoint', value: (r) => stepLabel(r.touchpoint) },
      { label: 'Channel', value: (r) => channel(r.channel) },
      { label: 'Journeys', num: true, value: (r) => fmtInt(r.journeys), title: 'journeys in which it happened' },
      { label: 'Repeated in', num: true, value: (r) => h('span', { title: fmtPct(r.repeatedJourneys / r.journeys) }, fmtInt(r.repeatedJourneys)) },
      { label: 'Share', num: true, value: (r) => shareBar(r.repeatedJourneys / r.journeys, { color: '#c98a1a' }) },
      { label: 'Extra attempts', num: true, value: (r) => fmtInt(r.extraAttempts) },
      { label: 'Max', num: true, value: (r) => fmtInt(r.maxAttempts), title: 'most attempts in one journey' },
    ], data.repeats, { cls: 'repeats-table', empty: 'Nothing was repeated within a journey.' }), { actions: [exportLinks('/api/pain-points', query, 'repeats')] }));

  root.append(panel(h('span', 'Channel switches after a failure', h('span.muted', `next touchpoint in another channel within ${data.switchWithin}`)), table([
    { label: 'Failed', value: (s) => stepLabel(s.failedTouchpoint) },
    { label: 'In', value: (s) => channel(s.failedChannel) },
    { label: '', value: () => h('span.arrow', '→') },
    { label: 'Went to', value: (s) => channel(s.nextChannel) },
    { label: 'First touchpoint there', value: (s) => stepLabel(s.nextTouchpoint) },
    { label: 'Count', num: true, value: (s) => fmtInt(s.count) },
    { label: 'Customers', num: true, value: (s) => fmtInt(s.customers) },
    { label: 'Median time', num: true, value: (s) => fmtDuration(s.medianSeconds) },
  ], data.switches, { cls: 'switches-table', empty: 'No customer switched channel after a failure.' }), { actions: [exportLinks('/api/pain-points', query, 'switches')] }));
}
