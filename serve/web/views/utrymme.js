// Utrymme: the largest extra yearly spend that keeps the board's risk limits (finsim room).
// The answer in words first, then each limit's own bound and the risk curve with the limits.
import * as api from '../api.js';
import { el, kr, percent, probability } from '../format.js';
import * as charts from '../charts.js';
import { summaryList, chartBox, message, field } from './common.js';
import { limits, payments } from '../labels.js';
import { parseShare, parseOptionalAmount } from './forms.js';

let root;
let app;
let form;
let answer;
const curveBox = chartBox('Sannolikheterna mot den extra utgiften, med gränserna som linjer', 440);

export function init(section, theApp) {
  root = section;
  app = theApp;
  const input = (id, value = '', extra = {}) => el('input', { type: 'text', id, value, autocomplete: 'off', ...extra });
  const payment = el('select', { id: 'room-payment' }, Object.entries(payments).map(([k, v]) =>
    el('option', { value: k, selected: k === 'quarterly_arrears' }, v)));
  form = el('form', { class: 'form grid', id: 'room-form' },
    field('Från år', el('select', { id: 'room-from' })),
    field('Till och med månad (ÅÅÅÅ-MM)', input('room-to', '', { placeholder: 'horisontens slut' })),
    field('Utgiften betalas', payment),
    field('Högsta risk för EK under golvet (%)', input('room-floor', '5')),
    field('Högsta risk för kassa under noll (%)', input('room-cash', '5')),
    field('Mål för eget kapital (kr, valfritt)', input('room-target', '', { placeholder: 't.ex. 800 000' })),
    field('… som nås med minst sannolikheten (%)', input('room-target-p', '50')),
    field('Högsta risk för EK över taket sista året (%, valfritt)', input('room-cap', '')),
    el('button', { type: 'submit' }, 'Räkna ut utrymmet'));
  form.addEventListener('submit', (e) => { e.preventDefault(); compute(); });
  answer = el('div', { id: 'room-answer' });
  root.append(el('h2', {}, 'Utrymme'),
    el('p', { class: 'lead' }, 'Hur mycket mer kan förbundet lägga per år och ändå hålla styrelsens gränser för risk?'),
    form, answer);
  app.on('result', () => {
    const select = form.querySelector('#room-from');
    const years = app.years();
    if (select.options.length === years.length && select.options[0]?.value === String(years[0])) return;
    select.replaceChildren(...years.map((y) => el('option', { value: y }, String(y))));
  });
  app.on('scenario', () => answer.replaceChildren());
}

async function compute() {
  const v = (id) => form.querySelector(`#${id}`).value.trim();
  const body = { ...app.source(), from: Number(v('room-from')), payment: v('room-payment') };
  const errors = [];
  const share = (id, key, label, optional) => {
    const r = parseShare(v(id), optional);
    if (r.error) errors.push(`${label}: ${r.error}`);
    else if (r.value !== null) body[key] = r.value;
  };
  share('room-floor', 'max_p_below_floor', 'Risk för EK under golvet');
  share('room-cash', 'max_p_cash_negative', 'Risk för kassa under noll');
  share('room-cap', 'max_p_above_cap', 'Risk för EK över taket', true);
  const target = parseOptionalAmount(v('room-target'));
  if (target.error) errors.push(`Mål för eget kapital: ${target.error}`);
  else if (target.value !== null) {
    body.equity_target = target.value;
    share('room-target-p', 'target_probability', 'Sannolikheten för målet');
  }
  if (v('room-to')) {
    if (!/^\d{4}-\d{2}$/.test(v('room-to'))) errors.push('Till och med månad: skriv ÅÅÅÅ-MM, t.ex. 2025-12.');
    else body.to = v('room-to');
  }
  body.budget = app.budgetEdits();
  if (errors.length) {
    answer.replaceChildren(...errors.map((m) => message(m, 'error')));
    return;
  }
  answer.replaceChildren(message('Räknar …'));
  try {
    render(await api.post('/api/room', body, 'room'), body);
  } catch (e) {
    if (!api.aborted(e)) answer.replaceChildren(message(e.message, 'error'));
  }
}

function render(r, asked) {
  const room = r.room || {};
  const runs = room.runs || app.runs();
  const names = room.limit || ['max_p_below_floor', 'max_p_cash_negative', 'equity_target', 'max_p_above_cap'];
  const rows = names.map((name, i) => el('tr', {},
    el('th', { scope: 'row' }, limits[name] || name),
    el('td', { class: 'num' }, kr(room.limit_bound?.[i])),
    el('td', { class: 'num' }, probability(room.limit_p_at_zero?.[i], runs))));
  const amounts = room.extra_spend || [];
  const curves = [
    { label: 'P(EK under golvet något år)', data: room.p_below_floor_any, limit: asked.max_p_below_floor },
    { label: 'P(kassan under noll någon månad)', data: room.p_cash_negative_any, limit: asked.max_p_cash_negative },
    { label: 'P(målet för eget kapital nås)', data: room.p_equity_target_met, limit: asked.equity_target !== undefined ? asked.target_probability ?? 0.5 : undefined },
    { label: 'P(EK över taket sista året)', data: room.p_above_cap_last, limit: asked.max_p_above_cap },
  ].filter((c) => Array.isArray(c.data) && c.data.some((x) => x !== null));
  answer.replaceChildren(
    summaryList(r.summary, 'room-summary'),
    el('div', { class: 'scroll' }, el('table', { class: 'data', id: 'room-limits' },
      el('caption', {}, 'Varje gräns för sig'),
      el('thead', {}, el('tr', {}, ['Gräns', 'Största extra utgift per år', 'Sannolikhet utan extra utgift'].map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
      el('tbody', {}, rows))),
  );
  if (amounts.length && curves.length) {
    answer.append(el('h3', {}, 'Risken mot den extra utgiften'), curveBox.box);
    charts.roomCurve(curveBox.canvas, { amounts, curves, answer: room.max_extra_spend });
    answer.append(el('p', { class: 'note' }, `Streckade linjer: gränserna (${curves.filter((c) => c.limit !== undefined).map((c) => percent(c.limit)).join(', ')}). Prickad linje: svaret.`));
  }
}
