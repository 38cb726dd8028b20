// Känslighet: what drives the outcome (finsim sensitivity). The answer in words, the tornado
// sorted by swing, then the Sobol indices: the share of the spread each input explains.
import * as api from '../api.js';
import { el, kr, decimal, percent } from '../format.js';
import * as charts from '../charts.js';
import { summaryList, chartBox, message, field } from './common.js';
import { outcomes, factorLabel, storedLabel } from '../labels.js';

let root;
let app;
let form;
let answer;
const tornadoBox = chartBox('Tornadon: utfallet med varje indata lågt och högt', 420);

const outputNames = ['equity', 'result', 'equity_ratio', 'driftbidrag', 'costs', 'cash_min', 'served',
  'exits_work_studies', 'above_cap', 'below_floor', 'cash_negative'];
const unitOf = (o) => (['equity', 'result', 'driftbidrag', 'costs', 'cash_min'].includes(o) ? 'kr'
  : ['above_cap', 'below_floor', 'cash_negative'].includes(o) ? 'p' : 'n');

export function init(section, theApp) {
  root = section;
  app = theApp;
  form = el('form', { class: 'form grid', id: 'sensitivity-form' },
    field('Utfall', el('select', { id: 'sens-output' }, outputNames.map((o) => el('option', { value: o }, outcomes[o])))),
    field('År', el('select', { id: 'sens-year' })),
    field('Metod', el('select', { id: 'sens-method' },
      el('option', { value: 'both' }, 'Tornado och Sobol-index'),
      el('option', { value: 'tornado' }, 'Bara tornado (snabb)'),
      el('option', { value: 'sobol' }, 'Bara Sobol-index'))),
    el('button', { type: 'submit' }, 'Visa vad som driver utfallet'));
  form.addEventListener('submit', (e) => { e.preventDefault(); compute(); });
  answer = el('div', { id: 'sensitivity-answer' });
  root.append(el('h2', {}, 'Känslighet'),
    el('p', { class: 'lead' }, 'Vilka osäkra belopp och sannolikheter avgör utfallet mest?'), form, answer);
  app.on('result', () => {
    const select = form.querySelector('#sens-year');
    const years = app.years();
    if (select.options.length === years.length && select.options[0]?.value === String(years[0])) return;
    select.replaceChildren(...years.map((y, i) => el('option', { value: y, selected: i === years.length - 1 }, String(y))));
  });
  app.on('scenario', () => answer.replaceChildren());
}

async function compute() {
  const v = (id) => form.querySelector(`#${id}`).value;
  const body = { ...app.source(), method: v('sens-method'), output: v('sens-output'), year: Number(v('sens-year')) };
  body.budget = app.budgetEdits();
  answer.replaceChildren(message('Räknar … (Sobol-index tar några sekunder)'));
  try {
    render(await api.post('/api/sensitivity', body, 'sensitivity'), body);
  } catch (e) {
    if (!api.aborted(e)) answer.replaceChildren(message(e.message, 'error'));
  }
}

function render(r, asked) {
  const s = r.sensitivity || {};
  const firstYear = app.years()[0];
  const unit = unitOf(asked.output);
  const fmt = unit === 'kr' ? kr : unit === 'p' ? percent : (x) => decimal(x, 1);
  answer.replaceChildren(summaryList(r.summary, 'sensitivity-summary'));
  if (Array.isArray(s.tornado_low) && s.swing_factor) {
    const order = s.swing_factor.map((_, i) => i)
      .sort((a, b) => Math.abs(s.tornado_high[b] - s.tornado_low[b]) - Math.abs(s.tornado_high[a] - s.tornado_low[a]));
    const labels = order.map((i) => factorLabel(s.swing_factor[i], firstYear));
    const top = order.slice(0, 12);
    answer.append(el('h3', {}, `Tornado: ${outcomes[asked.output]} ${asked.year}${order.length > top.length ? ` – de ${top.length} största av ${order.length}` : ''}`), tornadoBox.box);
    charts.tornado(tornadoBox.canvas, {
      labels: labels.slice(0, top.length), low: top.map((i) => s.tornado_low[i]), high: top.map((i) => s.tornado_high[i]), base: s.tornado_base, unit,
    });
    const rows = order.map((i) => el('tr', {}, el('th', { scope: 'row' }, labels[order.indexOf(i)]),
      el('td', { class: 'num' }, fmt(s.tornado_low[i])), el('td', { class: 'num' }, fmt(s.tornado_high[i])),
      el('td', { class: 'num' }, fmt(Math.abs(s.tornado_high[i] - s.tornado_low[i])))));
    answer.append(el('div', { class: 'scroll' }, el('table', { class: 'data', id: 'tornado-table' },
      el('caption', {}, `Mittfallet: ${fmt(s.tornado_base)}`),
      el('thead', {}, el('tr', {}, ['Indata', 'Indata lågt', 'Indata högt', 'Svängning'].map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
      el('tbody', {}, rows))));
  }
  if (Array.isArray(s.sobol_total) && s.factor) {
    const o = (s.outcome || outputNames).indexOf(asked.output);
    const y = (s.year || app.years()).indexOf(asked.year);
    const st = s.sobol_total.map((f) => f?.[o]?.[y]);
    const s1 = s.sobol_first?.map((f) => f?.[o]?.[y]) || [];
    const order = st.map((_, i) => i).sort((a, b) => (st[b] ?? -1) - (st[a] ?? -1)).slice(0, 15);
    answer.append(el('div', { class: 'scroll' }, el('table', { class: 'data', id: 'sobol-table' },
      el('caption', {}, `Andel av spridningen i ${outcomes[asked.output].toLowerCase()} ${asked.year} som varje indata förklarar`),
      el('thead', {}, el('tr', {}, ['Indata', 'Totalt (ST)', 'Ensam (S1)'].map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
      el('tbody', {}, order.map((i) => el('tr', {}, el('th', { scope: 'row' }, storedLabel(s.factor[i], firstYear)),
        el('td', { class: 'num' }, percent(st[i])), el('td', { class: 'num' }, percent(s1[i]))))))));
  }
}
