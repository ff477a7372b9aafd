// Export: every table the views draw, as CSV or JSON, with the filters of the bar above. The
// links are the API's own addresses (format=csv, table=), so they also work from curl or a script.

import { h, panel, table, exportLinks, apiUrl } from './core.js';

export function render(root, ctx) {
  const { filters, params } = ctx;
  const stepsFromFunnel = params.getAll('step');
  const rows = [
    ['Overview', 'Touchpoints, errors and profiles per channel', '/api/overview', {}, 'channels'],
    ['Overview', 'Touchpoints per channel over time', '/api/overview', { tz: Intl.DateTimeFormat().resolvedOptions().timeZone }, 'series'],
    ['Overview', 'The 20 most frequent touchpoints', '/api/overview', {}, 'topTouchpoints'],
    ['Catalog', 'Touchpoint names per channel with counts', '/api/catalog', {}, 'touchpoints'],
    ['Flows', 'Transitions between channels', '/api/flows', { by: 'channel' }, 'transitions'],
    ['Flows', 'Transitions between touchpoints', '/api/flows', { by: 'touchpoint' }, 'transitions'],
    ['Flows', 'Sankey links (channels, first 5 steps)', '/api/flows', { by: 'channel' }, 'sankey'],
    ['Pain points', 'Error rates per touchpoint', '/api/pain-points', {}, 'errors'],
    ['Pain points', 'Repeats within a journey', '/api/pain-points', {}, 'repeats'],
    ['Pain points', 'Channel switches after a failure', '/api/pain-points', {}, 'switches'],
    ['Touchpoints', 'Every stored touchpoint (1000 per page; the next page is in the Link header)', '/api/touchpoints', {}, null],
  ];
  if (stepsFromFunnel.length >= 2) {
    rows.push(['Funnels', `Funnel steps ${stepsFromFunnel.join(' → ')}`, '/api/funnels', { step: stepsFromFunnel }, 'steps']);
  }
  const filtered = { ...filters };
  const usesFilters = (path) => path !== '/api/touchpoints';
  root.append(panel(h('span', 'Tables', h('span.muted', 'with the filters above; each view also has Export links next to its tables')), table([
    { label: 'View', value: (r) => r[0] },
    { label: 'Table', value: (r) => r[1] },
    { label: 'Address', value: (r) => h('code', apiUrl(r[2], { ...(usesFilters(r[2]) ? filtered : {}), ...r[3], table: r[4] })), cls: 'wrap' },
    { label: 'Download', num: true, value: (r) => exportLinks(r[2], { ...(usesFilters(r[2]) ? filtered : {}), ...r[3] }, r[4], { label: '' }) },
  ], rows, { cls: 'export-list' })));
  root.append(panel('From the command line', h('div',
    h('p', 'The same addresses work with curl; add ', h('code', '-H "Authorization: Bearer $TOKEN"'), ' when the collector has auth.apiToken set:'),
    h('pre', h('code', `curl -s '${location.origin}${apiUrl('/api/flows', { ...filtered, by: 'channel', format: 'csv' })}' > flows.csv`)),
    h('p', 'Funnels, paths and channel performance export from their own views (they need steps or a goal); a customer\'s touchpoints from the Customer view.'))));
}
