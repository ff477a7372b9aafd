// Flows: how journeys move between channels or touchpoints — a Sankey of the journeys' first
// steps, the directly-follows graph, and the transitions table. Draws GET /api/flows.

import { h, panel, table, exportLinks, chart, fmtInt, fmtDuration, channelColor, paletteColor, emptyState, noDataHint, esc, TOOLTIP, viewData } from './core.js';
import { stepPicker, selectField, textField } from './pickers.js';

export async function render(root, ctx) {
  const { params, filters, setParams, catalog } = ctx;
  const by = params.get('by') === 'touchpoint' ? 'touchpoint' : 'channel';
  const query = {
    ...filters, by, minCount: params.get('minCount'), start: params.get('start'), end: params.get('end'), depth: params.get('depth'),
  };
  root.append(h('div.controls',
    h('div.field', h('span.label', 'Steps are'),
      h('div.seg', { dataset: { param: 'by' } }, ['channel', 'touchpoint'].map((b) => h('button', {
        type: 'button', 'aria-pressed': String(by === b), onclick: () => setParams({ by: b === 'channel' ? null : b }),
      }, b === 'channel' ? 'Channels' : 'Touchpoints')))),
    textField('Min count', 'minCount', params.get('minCount') || '1', (v) => setParams({ minCount: v === '1' ? null : v }), { type: 'number', min: 1 }),
    selectField('Depth', 'depth', [2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => [d, `${d} steps`]), params.get('depth') || '5',
      (v) => setParams({ depth: v === '5' ? null : v })),
    stepPicker(catalog, params.get('start'), (v) => setParams({ start: v }), { label: 'Start at', param: 'start', optional: true }),
    stepPicker(catalog, params.get('end'), (v) => setParams({ end: v }), { label: 'End at', param: 'end', optional: true })));

  const data = await viewData(root, '/api/flows', query);
  if (!data) return;
  if (!data.journeys) {
    const filtered = Object.keys(filters).length > 0 || query.start || query.end;
    root.append(panel(null, filtered
      ? emptyState('No journey matches', 'No journey passes these filters' + (query.start || query.end ? ' with this start and end step' : '') + '. Clear a filter or pick other steps.')
      : noDataHint()));
    return;
  }

  const color = (name) => (by === 'channel' ? channelColor(name) : nameColor(name, data));
  const summary = h('span.muted', `${fmtInt(data.journeys)} journeys · a journey ends after ${data.inactivityGap} without a touchpoint`);
  // By touchpoint, a click on a node reads the journeys from that touchpoint on.
  const fromNode = by === 'touchpoint' ? (name) => setParams({ start: name }) : null;
  root.append(panel(h('span', `Journeys by ${by}`, summary, by === 'touchpoint' ? h('span.muted', ' · click a step to start there') : null), sankey(data, color, fromNode), {
    actions: [exportLinks('/api/flows', query, 'sankey')],
  }));
  root.append(panel(h('span', 'Directly-follows graph', h('span.muted', 'columns: where a step typically happens; arrow width: how often; dashed: back to an earlier step')),
    followsGraph(data, color)));
  root.append(h('div',
    panel(h('span', 'Transitions', h('span.muted', `${data.transitions.length}, most frequent first`)), h('div.scroll-y.tall', table([
      { label: 'From', value: (t) => label(t.from, by, color) },
      { label: 'To', value: (t) => label(t.to, by, color) },
      { label: 'Count', num: true, value: (t) => fmtInt(t.count) },
      { label: 'Journeys', num: true, value: (t) => fmtInt(t.journeys) },
      { label: 'Median', num: true, title: 'median time between the two steps', value: (t) => fmtDuration(t.medianSeconds) },
    ], data.transitions, { cls: 'transitions-table', empty: 'No transition seen at least min count times.' })), {
      actions: [exportLinks('/api/flows', query, 'transitions')],
    })));
}

function label(name, by, color) {
  return by === 'channel'
    ? h('span', h('span.dot', { style: { background: color(name) } }), name)
    : h('span.step', name);
}

function nameColor(name, data) {
  if (!data.__names) {
    data.__names = [...new Set(data.sankey.nodes.map((n) => n.name).concat(data.transitions.flatMap((t) => [t.from, t.to])))].sort();
  }
  return paletteColor(data.__names.indexOf(name));
}

function sankey(data, color, onNode) {
  const { links } = data.sankey;
  // Nodes without a link (journeys of a single step) would draw as labels without a bar.
  const linked = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes = data.sankey.nodes.filter((n) => linked.has(n.id));
  if (!links.length) {
    return emptyState('Nothing to draw', 'No journey has a second step that passes min count. Lower min count or widen the filters.');
  }
  const steps = Math.max(...nodes.map((n) => n.step));
  const height = Math.max(320, Math.min(640, 34 * Math.max(...countPerStep(nodes)) + 80));
  const c = chart(height, {
    tooltip: {
      ...TOOLTIP, trigger: 'item',
      formatter: (p) => (p.dataType === 'edge'
        ? `${esc(nodeName(p.data.source))} → ${esc(nodeName(p.data.target))}<br>step ${stepOf(p.data.source)} → ${stepOf(p.data.target)}: <b>${fmtInt(p.data.value)}</b> journeys`
        : `<b>${esc(p.data.label)}</b> as step ${p.data.step}<br>${fmtInt(p.data.journeys)} journeys`),
    },
    series: [{
      type: 'sankey', left: 8, right: 120, top: 12, bottom: 12, nodeWidth: 14, nodeGap: 10, nodeAlign: 'left',
      layoutIterations: 32, draggable: false,
      emphasis: { focus: 'adjacency' },
      lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      label: { fontSize: 11, color: '#1d2330', formatter: (p) => `${p.data.label}  ${fmtInt(p.data.journeys)}` },
      data: nodes.map((n) => ({ name: n.id, label: n.name, step: n.step, journeys: n.journeys, depth: n.step - 1, itemStyle: { color: color(n.name) } })),
      links: links.map((l) => ({ source: l.source, target: l.target, value: l.journeys })),
    }],
  }, { name: 'sankey' });
  if (onNode) {
    c.onReady = (instance) => instance.on('click', (p) => { if (p.dataType === 'node') onNode(p.data.label); });
  }
  c.el.dataset.nodes = String(nodes.length);
  c.el.dataset.links = String(links.length);
  c.el.dataset.steps = String(steps);
  c.el.classList.add('sankey');
  return c.el;
}

function countPerStep(nodes) {
  const counts = new Map();
  for (const n of nodes) counts.set(n.step, (counts.get(n.step) || 0) + 1);
  return [...counts.values()];
}

function nodeName(id) {
  return id.slice(id.indexOf(':') + 1);
}

function stepOf(id) {
  return id.slice(0, id.indexOf(':'));
}

/**
 * Places the directly-follows graph's nodes in columns by where they typically happen in a
 * journey (their mean step in the Sankey, else one after their latest predecessor), so the graph
 * reads left to right like a process map, the same on every draw.
 */
function layered(data, names) {
  const sum = new Map();
  for (const n of data.sankey.nodes) {
    const s = sum.get(n.name) || { steps: 0, journeys: 0 };
    s.steps += n.step * n.journeys;
    s.journeys += n.journeys;
    sum.set(n.name, s);
  }
  const column = new Map();
  for (const [name, s] of sum) if (names.includes(name) && s.journeys) column.set(name, Math.round(s.steps / s.journeys));
  for (let pass = 0; pass < names.length && column.size < names.length; pass++) {
    for (const t of data.transitions) {
      if (!column.has(t.to) && column.has(t.from)) column.set(t.to, column.get(t.from) + 1);
    }
  }
  for (const n of names) if (!column.has(n)) column.set(n, 1);
  const columns = new Map();
  for (const n of names) {
    const c = column.get(n);
    if (!columns.has(c)) columns.set(c, []);
    columns.get(c).push(n);
  }
  return { column, columns };
}

function followsGraph(data, color) {
  const transitions = data.transitions;
  if (!transitions.length) return emptyState('No transitions', 'Lower min count or widen the filters.');
  const names = [...new Set(transitions.flatMap((t) => [t.from, t.to]))];
  const weight = new Map();
  for (const t of transitions) {
    weight.set(t.from, (weight.get(t.from) || 0) + t.count);
    weight.set(t.to, (weight.get(t.to) || 0) + t.count);
  }
  const { column, columns } = layered(data, names);
  const position = new Map();
  const tallest = Math.max(...[...columns.values()].map((c) => c.length));
  for (const [c, members] of columns) {
    members.sort((a, b) => weight.get(b) - weight.get(a) || a.localeCompare(b));
    members.forEach((n, i) => position.set(n, { x: c * 240, y: (i + (tallest - members.length) / 2) * 60 }));
  }
  const maxWeight = Math.max(...weight.values());
  const maxCount = Math.max(...transitions.map((t) => t.count));
  const c = chart(Math.max(260, 56 * tallest + 60), {
    tooltip: {
      ...TOOLTIP,
      formatter: (p) => (p.dataType === 'edge'
        ? `${esc(p.data.source)} → ${esc(p.data.target)}<br><b>${fmtInt(p.data.value)}</b> times in ${fmtInt(p.data.journeys)} journeys<br>median ${fmtDuration(p.data.median)}`
        : `<b>${esc(p.data.name)}</b><br>${fmtInt(p.data.value)} transitions in or out`),
    },
    series: [{
      type: 'graph', layout: 'none', roam: true,
      top: 30, bottom: 50, left: 40, right: 140,
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: [0, 8],
      label: { show: true, position: 'bottom', distance: 3, fontSize: 11, color: '#1d2330' },
      edgeLabel: { show: transitions.length <= 24, fontSize: 10, color: '#667085', formatter: (p) => fmtInt(p.data.value) },
      emphasis: { focus: 'adjacency', lineStyle: { width: 5 } },
      lineStyle: { opacity: 0.7 },
      data: names.map((n) => ({
        name: n, value: weight.get(n), ...position.get(n),
        symbolSize: 10 + 16 * Math.sqrt(weight.get(n) / maxWeight), itemStyle: { color: color(n) },
      })),
      links: transitions.map((t) => {
        const back = column.get(t.to) <= column.get(t.from);
        const span = Math.abs(column.get(t.to) - column.get(t.from));
        return {
          source: t.from, target: t.to, value: t.count, journeys: t.journeys, median: t.medianSeconds,
          lineStyle: { width: 1 + 6 * (t.count / maxCount), color: color(t.from), curveness: back ? Math.min(0.35, 0.5 / (1 + span)) : 0.08, type: back ? 'dashed' : 'solid' },
        };
      }),
    }],
  }, { name: 'follows' });
  c.el.dataset.edges = String(transitions.length);
  return c.el;
}
