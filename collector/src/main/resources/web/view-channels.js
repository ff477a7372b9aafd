// Channel performance: which channels precede a conversion (a goal touchpoint) — first touch,
// last touch and any touch per channel. Draws GET /api/attribution.

import { h, panel, table, exportLinks, chart, fmtInt, fmtPct, shareBar, channelColor, emptyState, TOOLTIP, AXIS_LABEL, viewData } from './core.js';
import { stepPicker, textField, touchpointNames } from './pickers.js';

const MODELS = [['firstTouch', 'First touch', '#7b5cd6'], ['lastTouch', 'Last touch', '#2b4fb3'], ['anyTouch', 'Any touch', '#9db4ea']];

export async function render(root, ctx) {
  const { params, filters, setParams, catalog } = ctx;
  const goal = params.get('goal');
  root.append(h('div.controls',
    stepPicker(catalog, goal, (v) => setParams({ goal: v }), { label: 'Goal touchpoint', param: 'goal' }),
    textField('Lookback', 'lookback', params.get('lookback') || '30d', (v) => setParams({ lookback: v === '30d' ? null : v }), { placeholder: '30d' }),
    h('span.hint', 'Touches: the customer\'s touchpoints before each conversion, within the lookback and after their previous conversion.')));
  if (!goal) {
    const names = touchpointNames(catalog);
    const suggested = names.find((n) => /order|purchase|convert|signup|placed/i.test(n.name));
    root.append(panel(null, emptyState('Pick a goal',
      'Every time a customer does the goal touchpoint counts as a conversion; the channels they touched before it get the credit.',
      suggested ? h('p', 'For example: ', h('a', { href: '#', onclick: (e) => { e.preventDefault(); setParams({ goal: suggested.name }); } }, suggested.name)) : null)));
    return;
  }
  const query = { ...filters, goal, lookback: params.get('lookback') };
  const data = await viewData(root, '/api/attribution', query);
  if (!data) return;
  if (!data.conversions) {
    root.append(panel(null, emptyState(`No ${goal} in these filters`, 'Pick another goal or widen the time range.')));
    return;
  }
  const channels = data.channels.map((c) => c.channel);
  const withTouch = data.conversions - data.withoutPriorTouch;
  root.append(h('div.kpis',
    h('div.kpi', { dataset: { kpi: 'conversions' } }, h('div.kpi-label', 'Conversions'), h('div.kpi-value', fmtInt(data.conversions)), h('div.kpi-sub', `${goal} touchpoints`)),
    h('div.kpi', h('div.kpi-label', 'With a prior touch'), h('div.kpi-value', fmtInt(withTouch)), h('div.kpi-sub', `within ${data.lookback}`)),
    h('div.kpi', h('div.kpi-label', 'Without'), h('div.kpi-value', fmtInt(data.withoutPriorTouch)), h('div.kpi-sub', 'the goal was the first touchpoint'))));

  const c = chart(Math.max(220, 70 + 46 * channels.length), {
    grid: { left: 110, right: 40, top: 34, bottom: 24 },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: { type: 'category', inverse: true, data: channels, axisLabel: { ...AXIS_LABEL, fontSize: 12, color: '#1d2330' } },
    series: MODELS.map(([field, name, color]) => ({
      name, type: 'bar', barMaxWidth: 14, color, data: data.channels.map((ch) => ch[field]),
      label: { show: true, position: 'right', fontSize: 10, color: '#667085' },
    })),
  }, { name: 'attribution' });
  root.append(panel(h('span', `Credit per channel for ${goal}`, h('span.muted', 'first and last touch each give every conversion to one channel; any touch counts each channel touched')),
    c.el));
  root.append(panel('Channels', table([
    { label: 'Channel', value: (ch) => h('span', h('span.dot', { style: { background: channelColor(ch.channel) } }), ch.channel) },
    { label: 'First touch', num: true, value: (ch) => fmtInt(ch.firstTouch) },
    { label: 'Share', num: true, value: (ch) => shareBar(withTouch ? ch.firstTouch / withTouch : 0, { color: MODELS[0][2] }) },
    { label: 'Last touch', num: true, value: (ch) => fmtInt(ch.lastTouch) },
    { label: 'Share', num: true, value: (ch) => shareBar(withTouch ? ch.lastTouch / withTouch : 0, { color: MODELS[1][2] }) },
    { label: 'Any touch', num: true, value: (ch) => fmtInt(ch.anyTouch) },
    { label: 'Of conversions', num: true, value: (ch) => fmtPct(ch.anyTouch / data.conversions) },
  ], data.channels, { cls: 'attribution-table' }), { actions: [exportLinks('/api/attribution', query, 'channels')] }));
}
