// Prognos: with actuals to date ([year_to_date]), the full year's forecast line by line against
// the budget, with its band and what it assumed, and the förbund's own forecast beside it.
import { el, kr } from '../format.js';
import { summaryList, message, field, quantileColumn } from './common.js';

let root;
let app;
let answer;

const methods = { model: 'modellen (förval)', budget: 'budgeten för resten av året', pace: 'takten hittills' };

export function init(section, theApp) {
  root = section;
  app = theApp;
  const method = el('select', { id: 'forecast-method' }, Object.entries(methods).map(([k, v]) => el('option', { value: k }, v)));
  const form = el('form', { class: 'form grid', id: 'forecast-form' },
    field('Resten av året räknas efter', method), el('button', { type: 'submit' }, 'Räkna om prognosen'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    app.runOptions.method = method.value;
    app.run();
  });
  answer = el('div', { id: 'forecast-answer' });
  root.append(el('h2', {}, 'Prognos'),
    el('p', { class: 'lead' }, 'Helårsprognosen från utfallet hittills i år: post för post mot budgeten.'), form, answer);
  app.on('result', render);
}

function render(r) {
  const f = r.forecast;
  if (!f || !f.line) {
    answer.replaceChildren(message('Det här scenariot har inget utfall hittills i år. Prognosen kräver en tabell [year_to_date] i scenariot, som i scenarierna under backtest/year-to-date/.'));
    return;
  }
  const levels = f.quantile || r.montecarlo?.quantile;
  const p5 = quantileColumn(f.forecast_q, levels, 0.05);
  const p95 = quantileColumn(f.forecast_q, levels, 0.95);
  const own = (f.own_forecast || []).some((x) => x !== null);
  const columns = ['Post', 'Budget', 'Bokfört hittills', 'Prognos helår', 'Mot budget', '90 %-intervall', own ? 'Egen prognos' : null, 'Antagande']
    .filter((c) => c !== null);
  const head = el('tr', {}, columns.map((h, i) => el('th', { scope: 'col', class: i && i < columns.length - 1 ? 'num' : '' }, h)));
  const rows = f.line.map((name, i) => el('tr', {},
    el('th', { scope: 'row' }, name === 'driftbidrag' ? 'Driftbidrag' : name),
    el('td', { class: 'num' }, kr(f.budget?.[i])), el('td', { class: 'num' }, kr(f.actual_to_date?.[i])),
    el('td', { class: 'num strong' }, kr(f.forecast_mean?.[i])),
    el('td', { class: `num ${f.deviation_from_budget?.[i] < 0 ? 'negative' : ''}` }, kr(f.deviation_from_budget?.[i])),
    el('td', { class: 'num' }, p5[i] === null || p5[i] === undefined || p5[i] === p95[i] ? '–' : `${kr(p5[i]).slice(0, -3)} till ${kr(p95[i])}`),
    own ? el('td', { class: 'num' }, kr(f.own_forecast?.[i])) : null, el('td', { class: 'wrap' }, f.assumption?.[i] || '')));
  answer.replaceChildren(summaryList(r.summary, 'forecast-summary'),
    el('p', { class: 'note' }, `Årets resultat, medel: ${kr(f.result_mean)}; eget kapital vid årets slut: ${kr(f.equity_mean)}. "Mot budget": positivt är bättre än budgeten.`),
    el('div', { class: 'scroll' }, el('table', { class: 'data compact', id: 'forecast-table' }, el('thead', {}, head), el('tbody', {}, rows))));
}
