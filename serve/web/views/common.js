// Pieces several views share: the summary sentences, a yearly table, reading the API's arrays.
import { el, quantileIndex } from '../format.js';

/** The answer in words: the server's Swedish sentences, first on every view. */
export function summaryList(sentences, id) {
  const list = el('ul', { class: 'summary', id });
  for (const s of sentences || []) list.append(el('li', {}, s));
  return list;
}

export function warningsBox(warnings) {
  if (!warnings || !warnings.length) return el('div');
  return el('details', { class: 'warnings' },
    el('summary', {}, `${warnings.length} ${warnings.length === 1 ? 'varning' : 'varningar'} om indata`),
    el('ul', {}, warnings.map((w) => el('li', {}, w))));
}

/**
 * A table with the years as columns: rows [{label, values, format, attrs?(yearIndex)}].
 * The first column names the row (a th, for screen readers and print).
 */
export function yearTable(years, rows, caption, attributes = {}) {
  const head = el('tr', {}, el('th', { scope: 'col' }, ''), years.map((y) => el('th', { scope: 'col', class: 'num' }, String(y))));
  const body = rows.map((r) => el('tr', { class: r.class },
    el('th', { scope: 'row' }, r.label),
    years.map((y, i) => el('td', { class: 'num', 'data-year': y, ...(r.attrs ? r.attrs(i) : {}) }, r.format(r.values?.[i], i)))));
  return el('table', { class: 'data', ...attributes },
    caption ? el('caption', {}, caption) : null, el('thead', {}, head), el('tbody', {}, body));
}

/** Column q (a level such as 0.5) of a year × quantile array. */
export function quantileColumn(matrix, levels, q) {
  if (!matrix) return [];
  const k = quantileIndex(levels || [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99], q);
  return matrix.map((row) => (Array.isArray(row) ? row[k] : null));
}

/** A chart's box: a canvas in a div of a fixed height (Chart.js fills its parent). */
export function chartBox(label, height = 420) {
  const canvas = el('canvas', { role: 'img', 'aria-label': label });
  const box = el('div', { class: 'chart', style: `height:${height}px` }, canvas);
  return { box, canvas };
}

export function message(text, kind = 'info') {
  return el('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : undefined }, text);
}

/** The equity floor and cap of a run's answer, wherever the server puts them. */
export function floorOf(result) {
  const d = result?.deterministic || {};
  const candidates = [result?.equity_floor, d.equity_floor, result?.attributes?.equity_floor,
    result?.attributes?.deterministic?.equity_floor, result?.deterministic_attributes?.equity_floor];
  const f = candidates.find((x) => typeof x === 'number');
  return f === undefined ? null : f;
}

/** forbund.equity_floor as a scenario's text writes it (for answers that do not carry it). */
export function floorInText(text) {
  const m = /^\s*equity_floor\s*=\s*(-?[\d_]+(?:\.\d+)?)/m.exec(text || '');
  return m ? Number(m[1].replace(/_/g, '')) : null;
}

/** The field of an analysis' form as a labelled input. */
export function field(label, input, help) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input,
    help ? el('small', { class: 'help' }, help) : null);
}

/**
 * The runs behind a group's probabilities: its "runs" where the answer gives it, else read back
 * from a probability and its standard error (se = √(p(1 − p)/N)), else the server's default.
 */
export function runsOf(group, answer) {
  const given = group?.runs ?? answer?.runs;
  if (Number.isFinite(given)) return given;
  for (const name of ['p_equity_above_cap', 'p_equity_below_floor', 'p_cash_negative']) {
    const p = (group?.[name] || []).flat(3);
    const se = (group?.[`${name}_se`] || []).flat(3);
    for (let i = 0; i < p.length; i++)
      if (p[i] > 0 && p[i] < 1 && se[i] > 0) return Math.round((p[i] * (1 - p[i])) / (se[i] * se[i]));
  }
  return 10000;
}
