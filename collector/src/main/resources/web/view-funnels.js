// Funnels: a builder for ordered steps (each a touchpoint, optionally pinned to a channel), the
// conversion window, the order mode, exclusions and a breakdown; then per step how many customers
// got there, converted and dropped off, and how long it took. A click on a bar lists the customers
// behind it (GET /api/funnels/customers), each a link to their timeline.

import {
  api, h, panel, table, exportLinks, chart, appLink, fmtInt, fmtPct, fmtDuration, fmtTime, paletteColor, emptyState,
  showError, loading, esc, TOOLTIP, AXIS_LABEL, ERROR_COLOR, filterQuery, parseDuration,
} from './core.js';
import { stepPicker, selectField, textField, segmentAttributes } from './pickers.js';

const ORDERS = [['sequential', 'Sequential (other touchpoints in between)'], ['strict', 'Strict (directly one after another)'], ['any', 'Any order']];
const BUCKET_LABELS = ['≤ 1 min', '≤ 10 min', '≤ 1 h', '≤ 1 d', '≤ 7 d', '> 7 d'];
const SHORT_LABELS = ['1m', '10m', '1h', '1d', '7d', '>'];
const CONVERTED = '#3b6fd8';
const DROPPED = '#f2b8b5';

/** The funnel's own parameters, as the API takes them (both endpoints). */
function funnelQuery(params, filters) {
  return {
    ...filters,
    step: params.getAll('step'),
    window: params.get('window'),
    order: params.get('order'),
    exclude: params.getAll('exclude'),
    breakdown: params.get('breakdown'),
  };
}

export async function render(root, ctx) {
  const { params, filters } = ctx;
  const steps = params.getAll('step');
  root.append(builder(ctx));
  if (steps.length < 2) {
    root.append(panel(null, emptyState('Build a funnel',
      'Add at least two steps: the touchpoint customers start with, then each one you expect them to reach, in order. Pin a step to a channel to count only that channel\'s touchpoint.',
      h('p', 'For the demo shop, try ', h('code', 'cart.add'), ' → ', h('code', 'checkout.start'), ' → ', h('code', 'order.placed'), ' within 7d.'))));
    return;
  }
  const query = funnelQuery(params, filters);
  let data;
  const body = h('div', loading('Counting customers…'));
  root.append(body);
  try {
    data = await api('/api/funnels', query);
  } catch (e) {
    body.replaceChildren();
    showError(root, e);
    return;
  }
  body.replaceChildren();
  if (!data.customers) {
    body.append(panel(null, emptyState('No customer did the first step',
      `Nobody in the filters did ${steps[0]}. Pick another first step or widen the time range.`)));
    return;
  }
  drawFunnel(body, data, query, ctx);
}

// ---------------------------------------------------------------------------------------------
// The builder. Its draft lives in the page until every step is chosen; then it goes to the address.

function builder(ctx) {
  const { params, catalog, setParams } = ctx;
  const draft = {
    steps: params.getAll('step'),
    exclude: params.getAll('exclude'),
  };
  while (draft.steps.length < 2) draft.steps.push('');
  const box = h('section.controls.builder', { id: 'funnel-builder' });

  const commit = () => {
    const steps = draft.steps.filter(Boolean);
    const complete = steps.length === draft.steps.length;
    const exclude = draft.exclude.filter(Boolean);
    const changed = steps.join('|') !== params.getAll('step').join('|') || exclude.join('|') !== params.getAll('exclude').join('|');
    if (complete && steps.length >= 2 && changed) {
      setParams({ step: steps, exclude, stepIndex: null, outcome: null, group: null });
    } else {
      draw();
    }
  };

  const stepRow = (list, i, kind) => {
    const isStep = kind === 'step';
    const move = (delta) => {
      const j = i + delta;
      [list[i], list[j]] = [list[j], list[i]];
      commit();
    };
    return h(`div.builder-step${isStep ? '' : '.builder-exclude'}`, { dataset: { index: String(i + 1), kind } },
      h('span.num', isStep ? String(i + 1) : '✕'),
      stepPicker(catalog, list[i], (v) => {
        list[i] = v;
        commit();
      }, { label: isStep ? `Step ${i + 1}` : `Exclusion ${i + 1}`, param: isStep ? 'step' : 'exclude', compact: true }),
      isStep ? h('button.btn.btn-icon.btn-small', { type: 'button', title: 'Move up', disabled: i === 0, onclick: () => move(-1) }, '↑') : null,
      isStep ? h('button.btn.btn-icon.btn-small', { type: 'button', title: 'Move down', disabled: i === list.length - 1, onclick: () => move(1) }, '↓') : null,
      h('button.btn.btn-icon.btn-small', {
        type: 'button', title: 'Remove', disabled: isStep && list.length <= 2 && !list[i], dataset: { action: 'remove' },
        onclick: () => {
          list.splice(i, 1);
          if (isStep) while (list.length < 2) list.push('');
          commit();
        },
      }, '×'));
  };

  const breakdowns = [['', 'None'], ['firstChannel', 'First channel'],
    ...segmentAttributes(catalog).map((a) => [`attribute:${a}`, `Attribute ${a}`])];
  const current = params.get('breakdown') || '';
  if (current && !breakdowns.some(([v]) => v === current)) breakdowns.push([current, current]);

  const draw = () => {
    box.replaceChildren(...[
      h('div.builder-title', 'Steps, in order'),
      h('div.builder-steps', draft.steps.map((_, i) => stepRow(draft.steps, i, 'step'))),
      h('div', h('button.btn.btn-small', {
        type: 'button', dataset: { action: 'add-step' }, disabled: draft.steps.length >= 10,
        onclick: () => { draft.steps.push(''); draw(); },
      }, '+ Add step')),
      draft.exclude.length ? h('div.builder-title', 'Exclusions: an attempt stops where one of these happens') : null,
      h('div.builder-steps', draft.exclude.map((_, i) => stepRow(draft.exclude, i, 'exclude'))),
      h('div.builder-options',
        textField('Conversion window', 'window', params.get('window') || '7d', (v) => {
          setParams({ window: v === '7d' ? null : v });
        }, { placeholder: '7d', width: '90px' }),
        selectField('Order', 'order', ORDERS, params.get('order') || 'sequential', (v) => setParams({ order: v === 'sequential' ? null : v })),
        selectField('Breakdown', 'breakdown', breakdowns, current, (v) => setParams({ breakdown: v, group: null })),
        h('button.btn.btn-small', {
          type: 'button', dataset: { action: 'add-exclusion' }, style: { alignSelf: 'flex-end', marginBottom: '2px' },
          onclick: () => { draft.exclude.push(''); draw(); },
        }, '+ Add exclusion'),
        h('span.hint', windowHint(params.get('window')))),
      draft.steps.some((v) => !v) && params.getAll('step').length >= 2
        ? h('div.hint', { style: { color: '#9a5b00' } }, 'Choose a touchpoint for every step to update the funnel below.')
        : null].filter(Boolean));
  };
  draw();
  return box;
}

function windowHint(window) {
  const seconds = parseDuration(window || '7d');
  return seconds ? `A customer has ${fmtDuration(seconds)} from their first step to finish.` : 'A number and a unit: 90s, 30m, 12h, 7d.';
}

// ---------------------------------------------------------------------------------------------
// The result

function stepName(s, i) {
  return `${i + 1}. ${s.step}${s.channel ? `@${s.channel}` : ''}${s.outcome ? ` (${s.outcome})` : ''}`;
}

function drawFunnel(root, data, query, ctx) {
  const { params, setParams } = ctx;
  const last = data.steps[data.steps.length - 1];
  const selectedIndex = Number(params.get('stepIndex')) || 0;
  const selectedOutcome = params.get('outcome');

  const c = chart(320, {
    grid: { left: 56, right: 24, top: 30, bottom: 40 },
    legend: { top: 0, right: 0, data: ['converted', 'dropped off'], icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
    tooltip: {
      ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => {
        const s = data.steps[ps[0].dataIndex];
        return `<b>${esc(stepName(s, ps[0].dataIndex))}</b><br>${fmtInt(s.customers)} customers (${fmtPct(s.conversionFromStart)} of start)`
          + (ps[0].dataIndex ? `<br>${fmtInt(s.droppedOff)} dropped off (${fmtPct(1 - s.conversionFromPrevious)} of the step before)` : '')
          + '<br><span style="color:#667085">click a bar for its customers</span>';
      },
    },
    xAxis: {
      type: 'category', data: data.steps.map(stepName),
      axisLabel: { ...AXIS_LABEL, fontSize: 12, color: '#1d2330', interval: 0, overflow: 'truncate', width: Math.max(80, 900 / data.steps.length) },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: [
      {
        name: 'converted', type: 'bar', stack: 'f', barMaxWidth: 90, cursor: 'pointer',
        itemStyle: { color: CONVERTED },
        label: { show: true, position: 'insideTop', color: '#fff', fontWeight: 600, formatter: (p) => fmtPct(data.steps[p.dataIndex].conversionFromStart) },
        data: data.steps.map((s, i) => ({
          value: s.customers,
          itemStyle: selectedIndex === i + 1 && selectedOutcome === 'converted' ? { borderColor: '#15265c', borderWidth: 2 } : undefined,
        })),
      },
      {
        name: 'dropped off', type: 'bar', stack: 'f', barMaxWidth: 90, cursor: 'pointer',
        itemStyle: { color: DROPPED },
        label: { show: true, position: 'insideTop', color: '#8a2a24', formatter: (p) => (p.value ? `−${fmtInt(p.value)}` : '') },
        data: data.steps.map((s, i) => ({
          value: i === 0 ? 0 : s.droppedOff,
          itemStyle: selectedIndex === i + 1 && selectedOutcome === 'dropped' ? { borderColor: '#8a2a24', borderWidth: 2 } : undefined,
        })),
      },
    ],
  }, { name: 'funnel' });
  c.onReady = (instance) => {
    instance.on('click', (p) => {
      const outcome = p.seriesName === 'converted' ? 'converted' : 'dropped';
      if (outcome === 'dropped' && p.dataIndex === 0) return;
      setParams({ stepIndex: p.dataIndex + 1, outcome, group: null });
    });
  };
  c.el.classList.add('funnel-chart');

  root.append(h('div.kpis',
    h('div.kpi', { dataset: { kpi: 'started' } }, h('div.kpi-label', 'Started'), h('div.kpi-value', fmtInt(data.customers)), h('div.kpi-sub', `did ${data.steps[0].step}`)),
    h('div.kpi', { dataset: { kpi: 'converted' } }, h('div.kpi-label', 'Converted'), h('div.kpi-value', fmtInt(last.customers)), h('div.kpi-sub', `reached ${last.step}`)),
    h('div.kpi', { dataset: { kpi: 'conversion' } }, h('div.kpi-label', 'Conversion'), h('div.kpi-value', fmtPct(last.conversionFromStart)), h('div.kpi-sub', `${data.order}, within ${data.window}`)),
    h('div.kpi', h('div.kpi-label', 'Median time to convert'), h('div.kpi-value', fmtDuration(totalMedian(data))), h('div.kpi-sub', 'sum of the steps\' medians'))));

  root.append(panel(h('span', 'Funnel', h('span.muted', 'click a blue bar for who reached a step, a red one for who dropped off before it')), c.el, {
    actions: [exportLinks('/api/funnels', query, 'steps')],
  }));

  const customersSlot = h('div', { id: 'funnel-customers' });
  root.append(customersSlot);

  const pick = (i, outcome) => (n) => (n
    ? h('a', { href: '#', dataset: { step: String(i + 1), outcome }, onclick: (e) => { e.preventDefault(); setParams({ stepIndex: i + 1, outcome, group: null }); } }, fmtInt(n))
    : fmtInt(n));
  root.append(panel('Steps', table([
    { label: 'Step', value: (s, i) => h('span.step', `${i + 1}. ${s.step}`, s.channel ? h('span.step-channel', `@${s.channel}`) : null, s.outcome ? h('span.step-channel', ` (${s.outcome})`) : null) },
    { label: 'Customers', num: true, value: (s, i) => pick(i, 'converted')(s.customers) },
    { label: 'From start', num: true, value: (s) => fmtPct(s.conversionFromStart) },
    { label: 'From previous', num: true, value: (s) => fmtPct(s.conversionFromPrevious) },
    { label: 'Dropped off', num: true, value: (s, i) => (i ? pick(i, 'dropped')(s.droppedOff) : '–') },
    { label: 'Median time to convert', num: true, value: (s) => fmtDuration(s.medianSecondsToConvert) },
    { label: 'Time to convert', num: true, value: (s) => histogram(s.timeToConvert) },
  ], data.steps, { cls: 'steps-table' }), { actions: [exportLinks('/api/funnels', query, 'steps')] }));

  if (data.breakdown) root.append(breakdown(data, query, ctx));

  if (selectedIndex >= 1 && (selectedOutcome === 'converted' || selectedOutcome === 'dropped')) {
    customers(customersSlot, data, query, ctx, selectedIndex, selectedOutcome);
  }
}

function totalMedian(data) {
  const medians = data.steps.slice(1).map((s) => s.medianSecondsToConvert);
  return medians.some((m) => m === null || m === undefined) ? null : medians.reduce((a, b) => a + b, 0);
}

/** The time-to-convert distribution as small labelled columns (1 min, 10 min, 1 h, 1 d, 7 d, more). */
function histogram(buckets) {
  if (!buckets || !buckets.length) return h('span.muted', '–');
  const max = Math.max(1, ...buckets.map((b) => b.customers));
  const total = buckets.reduce((n, b) => n + b.customers, 0);
  return h('span.hist', buckets.map((b, i) => h('span.hist-col', {
    title: `${BUCKET_LABELS[i] || `≤ ${fmtDuration(b.upToSeconds)}`}: ${fmtInt(b.customers)} customers${total ? ` (${fmtPct(b.customers / total)})` : ''}`,
  },
  h('span.hist-bar', { style: { height: `${Math.max(1, (20 * b.customers) / max)}px`, opacity: b.customers ? 1 : 0.35 } }),
  h('span.hist-label', SHORT_LABELS[i] || ''))));
}

function breakdown(data, query, ctx) {
  const groups = data.breakdown.groups;
  const c = chart(Math.max(220, 60 + 26 * groups.length), {
    grid: { left: 56, right: 24, top: 34, bottom: 40 },
    legend: { top: 0, left: 0, type: 'scroll', icon: 'roundRect', itemWidth: 10, itemHeight: 10 },
    tooltip: { ...TOOLTIP, trigger: 'axis', valueFormatter: (v) => fmtPct(v) },
    xAxis: { type: 'category', data: data.steps.map(stepName), axisLabel: { ...AXIS_LABEL, interval: 0 } },
    yAxis: { type: 'value', max: 1, axisLabel: { ...AXIS_LABEL, formatter: (v) => fmtPct(v) }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: groups.map((g, i) => ({
      name: g.value, type: 'bar', barMaxWidth: 26, color: paletteColor(i), data: g.steps.map((s) => s.conversionFromStart),
    })),
  }, { name: 'breakdown' });
  const columns = [
    { label: data.breakdown.by === 'firstChannel' ? 'First channel' : data.breakdown.by.replace(/^attribute:/, ''), value: (g) => g.value },
    { label: 'Customers', num: true, value: (g) => fmtInt(g.customers) },
    ...data.steps.slice(1).map((s, j) => ({
      label: `→ ${s.step}`, num: true,
      // The group's converted count and its drop-off open the list of those customers.
      value: (g) => h('span', { title: `${fmtInt(g.steps[j + 1].customers)} customers` },
        groupLink(ctx, g.value, j + 2, 'converted', fmtInt(g.steps[j + 1].customers)),
        ` · ${fmtPct(g.steps[j + 1].conversionFromStart)} `,
        g.steps[j + 1].droppedOff ? groupLink(ctx, g.value, j + 2, 'dropped', `−${fmtInt(g.steps[j + 1].droppedOff)}`) : null),
    })),
  ];
  return panel(h('span', 'Breakdown', h('span.muted', `by ${data.breakdown.by}: conversion from start per group`)),
    [c.el, table(columns, groups, { cls: 'breakdown-table' })], { actions: [exportLinks('/api/funnels', query, 'breakdown')] });
}

/** A breakdown group's count as a link to its customers (the same list as the funnel's bars, for one group). */
function groupLink(ctx, group, stepIndex, outcome, text) {
  return h('a.group-link', {
    href: '#', dataset: { group, stepIndex: String(stepIndex), outcome },
    title: outcome === 'converted' ? `List the ${group} customers who reached this step` : `List the ${group} customers who dropped off before this step`,
    onclick: (e) => {
      e.preventDefault();
      ctx.setParams({ stepIndex, outcome, group });
    },
  }, text);
}

async function customers(slot, data, query, ctx, stepIndex, outcome) {
  const { params, setParams } = ctx;
  const step = data.steps[stepIndex - 1];
  if (!step) return;
  const group = params.get('group');
  const q = { ...query, stepIndex, outcome, group, limit: 50 };
  const title = (outcome === 'converted'
    ? `Reached step ${stepIndex} (${step.step})`
    : `Dropped off before step ${stepIndex} (${step.step}): did step ${stepIndex - 1}, not this one`)
    + (group ? ` — ${group} only` : '');
  const rows = [];
  const body = h('div', loading('Finding the customers…'));
  const close = h('button.btn.btn-small', { type: 'button', onclick: () => setParams({ stepIndex: null, outcome: null, group: null }) }, 'Close');
  slot.append(panel(h('span', title, h('span.muted.customers-total', '')), body, {
    id: 'customers-panel', actions: [exportLinks('/api/funnels/customers', { ...q, limit: 1000 }, 'customers'), close],
  }));
  const filters = filterQuery(params);
  const drawRows = (answer) => {
    slot.querySelector('.customers-total').textContent = `${fmtInt(answer.total)} customers, newest attempt first`;
    body.replaceChildren(...[table([
      { label: 'Customer', value: (c) => appLink('/customer', new URLSearchParams([...filters, ['profile', c.profileId]]), c.profileId, { class: 'mono customer-link' }) },
      { label: 'Reached step', num: true, value: (c) => `${c.reachedStep} of ${data.steps.length}` },
      { label: 'Started', value: (c) => fmtTime(c.startedAt) },
      { label: 'Last step at', value: (c) => fmtTime(c.lastStepAt) },
      { label: 'Took', num: true, value: (c) => fmtDuration((new Date(c.lastStepAt) - new Date(c.startedAt)) / 1000) },
    ], rows, { cls: 'customers-table', empty: 'No customer here.' }),
    answer.nextCursor ? h('div', { style: { padding: '8px 12px' } }, h('button.btn.btn-small', {
      type: 'button', dataset: { action: 'more' },
      onclick: async (e) => {
        e.target.disabled = true;
        try {
          const next = await api('/api/funnels/customers', { ...q, cursor: answer.nextCursor });
          rows.push(...next.customers);
          drawRows(next);
        } catch (err) {
          showError(body, err);
        }
      },
    }, `Show ${Math.min(50, answer.total - rows.length)} more`)) : null].filter(Boolean));
  };
  try {
    const answer = await api('/api/funnels/customers', q);
    rows.push(...answer.customers);
    drawRows(answer);
  } catch (e) {
    body.replaceChildren();
    showError(body, e);
  }
}
