// Controls shared by several views: a touchpoint step picker (a name, optionally pinned to a
// channel and an outcome: `order.placed`, `order.placed@web`, `order.placed@web:success`) and
// small labelled inputs.

import { h } from './core.js';

const OUTCOMES = ['success', 'error'];

/** Splits a step into its touchpoint name, channel and outcome (as the API parses it). */
export function parseStep(step) {
  let rest = step || '';
  let outcome = '';
  for (const o of OUTCOMES) {
    if (rest.toLowerCase().endsWith(`:${o}`)) { outcome = o; rest = rest.slice(0, -o.length - 1); }
  }
  const at = rest.lastIndexOf('@');
  return at > 0 ? { name: rest.slice(0, at), channel: rest.slice(at + 1), outcome } : { name: rest, channel: '', outcome };
}

export function formatStep(name, channel, outcome) {
  return name ? `${name}${channel ? `@${channel}` : ''}${outcome ? `:${outcome}` : ''}` : '';
}

/** Distinct touchpoint names of the catalog, most frequent first, with the channels each is seen on. */
export function touchpointNames(catalog) {
  const names = new Map();
  for (const t of catalog.touchpoints || []) {
    const entry = names.get(t.touchpoint) || { name: t.touchpoint, count: 0, channels: [] };
    entry.count += t.touchpoints;
    entry.channels.push(t.channel);
    names.set(t.touchpoint, entry);
  }
  return [...names.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A step picker: a touchpoint select and a channel select (any channel, or one it was seen on).
 * onChange gets the new step text ('' when cleared and `optional`).
 */
export function stepPicker(catalog, value, onChange, { label, param, optional = false, placeholder = 'Pick a touchpoint', compact = false } = {}) {
  const names = touchpointNames(catalog);
  const { name, channel, outcome } = parseStep(value);
  const known = names.find((n) => n.name === name);
  const nameOptions = names.map((n) => h('option', { value: n.name, selected: n.name === name }, n.name));
  if (name && !known) nameOptions.unshift(h('option', { value: name, selected: true }, name));
  const nameSelect = h('select.step-touchpoint', { dataset: { param }, 'aria-label': `${label || 'step'} touchpoint` },
    h('option', { value: '', disabled: !optional, selected: !name }, optional ? '(none)' : placeholder), nameOptions);
  const channels = known ? known.channels : (channel ? [channel] : []);
  const channelSelect = h('select.step-channel', { 'aria-label': `${label || 'step'} channel`, disabled: !name },
    h('option', { value: '' }, 'any channel'),
    [...new Set([...channels, ...(channel ? [channel] : [])])].sort().map((c) => h('option', { value: c, selected: c === channel }, `@${c}`)));
  // Successful orders only, or the failed ones: the step's outcome.
  const outcomeSelect = h('select.step-outcome', { 'aria-label': `${label || 'step'} outcome`, disabled: !name },
    h('option', { value: '' }, 'any outcome'),
    OUTCOMES.map((o) => h('option', { value: o, selected: o === outcome }, o)));
  nameSelect.addEventListener('change', () => onChange(formatStep(nameSelect.value, '', '')));
  channelSelect.addEventListener('change', () => onChange(formatStep(nameSelect.value, channelSelect.value, outcomeSelect.value)));
  outcomeSelect.addEventListener('change', () => onChange(formatStep(nameSelect.value, channelSelect.value, outcomeSelect.value)));
  const controls = h('span.step-picker', { style: { display: 'inline-flex', gap: '4px' } }, nameSelect, channelSelect, outcomeSelect);
  if (compact) return controls;
  return h('div.field', h('span.label', label), controls);
}

/**
 * The attributes worth segmenting by: the catalog's, without the agent's bookkeeping
 * (touchline.*, code.*); `keep` stays listed whatever it is (the one in the address).
 */
export function segmentAttributes(catalog, keep) {
  const names = (catalog.attributes || []).filter((a) => !a.startsWith('touchline.') && !a.startsWith('code.'));
  if (keep && !names.includes(keep)) names.push(keep);
  return [...new Set(names)].sort();
}

/** A labelled select of fixed options; onChange gets the value. */
export function selectField(label, param, options, value, onChange) {
  return h('label.field', h('span.label', label),
    h('select', { dataset: { param }, onchange: (e) => onChange(e.target.value) },
      options.map(([v, t]) => h('option', { value: v, selected: String(value) === String(v) }, t))));
}

/** A labelled text input committed on change (Enter or leaving it). */
export function textField(label, param, value, onChange, { placeholder, width = '80px', type = 'text', min, max } = {}) {
  return h('label.field', h('span.label', label),
    h('input', { type, value: value ?? '', placeholder, min, max, dataset: { param }, style: { width }, onchange: (e) => onChange(e.target.value.trim()) }));
}
