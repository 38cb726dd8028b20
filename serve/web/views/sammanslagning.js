// Sammanslagning: several förbund become one (finsim merge). The answer in words, then who pays
// against who benefits per kommun, and the förbund side by side.
import * as api from '../api.js';
import { el, kr, probability } from '../format.js';
import * as charts from '../charts.js';
import { summaryList, chartBox, message, field, runsOf } from './common.js';
import { parseOptionalAmount } from './forms.js';

let root;
let app;
let form;
let answer;
const paysBox = chartBox('Per kommun: vad den betalar mot vad den får tillbaka', 420);

export function init(section, theApp) {
  root = section;
  app = theApp;
  form = el('form', { class: 'form', id: 'merge-form' });
  form.addEventListener('submit', (e) => { e.preventDefault(); compute(); });
  answer = el('div', { id: 'merge-answer' });
  root.append(el('h2', {}, 'Sammanslagning'),
    el('p', { class: 'lead' }, 'Vad händer om förbunden går samman? Välj förbunden, namnet och året.'), form, answer);
  app.on('scenarios', renderForm);
}

function renderForm(scenarios) {
  const plain = scenarios.filter((s) => !s.extends);
  const boxes = el('fieldset', { class: 'checks' }, el('legend', {}, 'Förbund som går samman'),
    plain.map((s) => el('label', {}, el('input', { type: 'checkbox', name: 'merge-file', value: s.file,
      checked: s.file.startsWith('vastmanland-2024/') && !s.file.includes('lansforbund') }), ` ${s.name} (${s.file})`)));
  const input = (id, value = '', extra = {}) => el('input', { type: 'text', id, value, autocomplete: 'off', ...extra });
  form.replaceChildren(boxes, el('div', { class: 'grid' },
    field('Det nya förbundets namn', input('merge-name', 'Det sammanslagna förbundet')),
    field('Från år', input('merge-from', '', { inputmode: 'numeric', placeholder: 't.ex. 2024' })),
    field('Eget kapital', el('select', { id: 'merge-equity' },
      el('option', { value: 'pooled' }, 'läggs samman'), el('option', { value: 'returned' }, 'betalas tillbaka till medlemmarna'),
      el('option', { value: 'keep' }, 'behålls delvis'))),
    field('Kansli per år (kr, valfritt)', input('merge-kansli', '', { placeholder: 't.ex. 2 200 000' })),
    field('Styrelse per år (kr, valfritt)', input('merge-styrelse', '', { placeholder: 't.ex. 600 000' }))),
  el('button', { type: 'submit' }, 'Räkna på sammanslagningen'));
}

async function compute() {
  const files = [...form.querySelectorAll('input[name=merge-file]:checked')].map((c) => c.value);
  const v = (id) => form.querySelector(`#${id}`).value.trim();
  const errors = [];
  if (files.length < 2) errors.push('Välj minst två förbund.');
  if (!/^\d{4}$/.test(v('merge-from'))) errors.push('Från år: skriv ett årtal, t.ex. 2024.');
  const body = { files, name: v('merge-name'), from: Number(v('merge-from')), equity: v('merge-equity') };
  for (const [id, key] of [['merge-kansli', 'kansli'], ['merge-styrelse', 'styrelse']]) {
    const r = parseOptionalAmount(v(id));
    if (r.error) errors.push(`${key === 'kansli' ? 'Kansli' : 'Styrelse'}: ${r.error}`);
    else if (r.value !== null) body[key] = r.value;
  }
  if (errors.length) {
    answer.replaceChildren(...errors.map((m) => message(m, 'error')));
    return;
  }
  answer.replaceChildren(message('Räknar …'));
  try {
    render(await api.post('/api/merge', body, 'merge'), body);
  } catch (e) {
    if (!api.aborted(e)) answer.replaceChildren(message(e.message, 'error'));
  }
}

function render(r, asked) {
  const m = r.merger || {};
  const years = m.year || [];
  const y = Math.max(0, years.indexOf(asked.from));
  const runs = runsOf(m, r);
  const p = (x) => probability(x, runs);
  answer.replaceChildren(summaryList(r.summary, 'merge-summary'));
  if (m.note || m.admin_note) answer.append(message(m.admin_note || m.note));
  if (m.kommun && m.kommun_contribution_merged) {
    const pays = m.kommun_contribution_merged.map((row) => row[y]);
    const benefits = (m.kommun_value_of_exits_own || []).map((row) => row?.[y] ?? null);
    answer.append(el('h3', {}, `Vem betalar och vem får tillbaka ${years[y] ?? ''}`), paysBox.box);
    charts.paysBenefits(paysBox.canvas, m.kommun, pays, benefits);
    if (benefits.every((b) => b === null)) answer.append(message('Värdet av avslut är inte modellerat (scenarierna saknar [valuation]).'));
  }
  if (m.scenario && m.driftbidrag) {
    const head = el('tr', {}, ['Förbund', `Driftbidrag ${years[y]}`, 'Kansli + styrelse', 'P(EK över taket)', 'P(EK under golvet)', 'P(kassan under noll)']
      .map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)));
    const rows = m.scenario.map((name, s) => el('tr', { class: s === m.scenario.length - 1 ? 'strong' : '' },
      el('th', { scope: 'row' }, name), el('td', { class: 'num' }, kr(m.driftbidrag[s]?.[y])),
      el('td', { class: 'num' }, kr(m.admin_costs?.[s]?.[y])),
      el('td', { class: 'num' }, p(m.p_equity_above_cap?.[s]?.[y])), el('td', { class: 'num' }, p(m.p_equity_below_floor?.[s]?.[y])),
      el('td', { class: 'num' }, p(m.p_cash_negative?.[s]?.[y]))));
    answer.append(el('div', { class: 'scroll' }, el('table', { class: 'data', id: 'merge-table' },
      el('caption', {}, 'Förbunden var för sig och sammanslagna'), el('thead', {}, head), el('tbody', {}, rows))));
  }
}
