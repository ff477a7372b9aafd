// Paths: the most frequent paths after (or before) a chosen touchpoint within journeys.
// Draws GET /api/paths.

import { h, panel, table, exportLinks, chart, fmtInt, fmtPct, shareBar, emptyState, paletteColor, esc, TOOLTIP, viewData } from './core.js';
import { stepPicker, selectField, touchpointNames } from './pickers.js';

export async function render(root, ctx) {
  const { params, filters, setParams, catalog } = ctx;
  const direction = params.get('direction') === 'before' ? 'before' : 'after';
  let touchpoint = params.get('touchpoint');
  root.append(h('div.controls',
    stepPicker(catalog, touchpoint, (v) => setParams({ touchpoint: v }), { label: 'Touchpoint', param: 'touchpoint' }),
    h('div.field', h('span.label', 'Paths'),
      h('div.seg', { dataset: { param: 'direction' } }, ['after', 'before'].map((d) => h('button', {
        type: 'button', 'aria-pressed': String(direction === d), onclick: () => setParams({ direction: d === 'after' ? null : d }),
      }, d === 'after' ? 'After it' : 'Leading to it')))),
    selectField('Depth', 'depth', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => [d, `${d} step${d > 1 ? 's' : ''}`]), params.get('depth') || '3',
      (v) => setParams({ depth: v === '3' ? null : v })),
    selectField('Top', 'top', [5, 10, 20, 50].map((n) => [n, `${n} paths`]), params.get('top') || '10', (v) => setParams({ top: v === '10' ? null : v }))));

  if (!touchpoint) {
    const names = touchpointNames(catalog);
    root.append(panel(null, emptyState('Pick a touchpoint',
      'See where customers go after it (or how they got there): the most frequent sequences of the next touchpoints in the same journey.',
      names.length ? h('p', 'For example: ', names.slice(0, 6).map((n, i) => [i ? ', ' : '',
        h('a', { href: '#', onclick: (e) => { e.preventDefault(); setParams({ touchpoint: n.name }); } }, n.name)])) : null)));
    return;
  }
  const query = { ...filters, touchpoint, direction, depth: params.get('depth'), top: params.get('top') };
  const data = await viewData(root, '/api/paths', query);
  if (!data) return;
  if (!data.journeys) {
    root.append(panel(null, emptyState(`No journey holds ${touchpoint}`, 'Pick another touchpoint, or widen the time range and filters.')));
    return;
  }
  const anchor = h('span.chip.chip-anchor', touchpoint);
  const pathChips = (p) => {
    const steps = p.steps.map((s) => h('a.chip', {
      href: '#', title: `Paths ${direction} ${s}`, onclick: (e) => { e.preventDefault(); setParams({ touchpoint: s }); },
    }, s));
    const end = h('span.chip.chip-end', direction === 'after' ? 'journey ends' : 'journey starts');
    const seq = direction === 'after'
      ? [anchor.cloneNode(true), ...steps, ...(p.steps.length < data.depth ? [end] : [])]
      : [...(p.steps.length < data.depth ? [end] : []), ...steps, anchor.cloneNode(true)];
    return h('span.chips', seq.flatMap((el, i) => (i ? [h('span.arrow', '→'), el] : [el])));
  };
  const shown = data.paths.reduce((n, p) => n + p.journeys, 0);
  root.append(panel(h('span', direction === 'after' ? `What follows ${touchpoint}` : `What leads to ${touchpoint}`,
    h('span.muted', `${fmtInt(data.journeys)} journeys hold it; the top ${data.paths.length} paths cover ${fmtPct(shown / data.journeys)}`)),
  [pathsChart(data, direction), table([
    { label: '#', num: true, value: (p, i) => i + 1 },
    { label: 'Path', value: pathChips, cls: 'wrap' },
    { label: 'Journeys', num: true, value: (p) => fmtInt(p.journeys) },
    { label: 'Share', num: true, value: (p) => shareBar(p.share) },
  ], data.paths, { cls: 'paths-table' })], { actions: [exportLinks('/api/paths', query, 'paths')] }));
}

/** The top paths as a Sankey from (or into) the chosen touchpoint: each path a ribbon. */
function pathsChart(data, direction) {
  if (!data.paths.length) return null;
  const nodes = new Map();
  const links = new Map();
  const node = (id, name, depth) => {
    if (!nodes.has(id)) nodes.set(id, { name: id, label: name, depth });
    return id;
  };
  const anchor = node(`0:${data.touchpoint}`, data.touchpoint, direction === 'after' ? 0 : data.depth);
  for (const p of data.paths) {
    const steps = direction === 'after' ? p.steps : [...p.steps].reverse();
    let prev = anchor;
    let prefix = '';
    steps.forEach((s, i) => {
      prefix += `>${s}`;
      const depth = direction === 'after' ? i + 1 : data.depth - i - 1;
      const id = node(`${i + 1}${prefix}`, s, depth);
      const key = direction === 'after' ? `${prev}|${id}` : `${id}|${prev}`;
      const link = links.get(key) || { source: direction === 'after' ? prev : id, target: direction === 'after' ? id : prev, value: 0 };
      link.value += p.journeys;
      links.set(key, link);
      prev = id;
    });
  }
  if (!links.size) return null;
  const names = [...new Set([...nodes.values()].map((n) => n.label))].sort();
  const c = chart(Math.max(240, Math.min(520, 30 * data.paths.length + 60)), {
    tooltip: {
      ...TOOLTIP,
      formatter: (p) => (p.dataType === 'edge'
        ? `${esc(nodes.get(p.data.source).label)} → ${esc(nodes.get(p.data.target).label)}: <b>${fmtInt(p.data.value)}</b> journeys (top paths)`
        : `<b>${esc(p.data.label)}</b>`),
    },
    series: [{
      type: 'sankey', left: 8, right: 130, top: 10, bottom: 10, nodeWidth: 12, nodeGap: 8, draggable: false,
      layoutIterations: 0, emphasis: { focus: 'trajectory' },
      lineStyle: { color: 'source', opacity: 0.3, curveness: 0.5 },
      label: { fontSize: 11, formatter: (p) => p.data.label },
      data: [...nodes.values()].map((n) => ({ ...n, itemStyle: { color: n.name === anchor ? '#2b4fb3' : paletteColor(names.indexOf(n.label) + 1) } })),
      links: [...links.values()],
    }],
  }, { name: 'paths' });
  return c.el;
}
