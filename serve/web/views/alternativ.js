// Alternativ: save the edited budget as a variant (FOLDER/variants/<name>.toml, only what
// differs), list the variants, and compare one with its base side by side (common random numbers).
import * as api from '../api.js';
import { el, kr, probability } from '../format.js';
import * as charts from '../charts.js';
import { summaryList, chartBox, message, field, quantileColumn, runsOf } from './common.js';

let root;
let app;
let saveStatus;
let list;
let answer;
const compareBox = chartBox('Eget kapital i grundscenariot och alternativet', 440);

/** "variants/x.toml" extending "../solleftea-2024.toml" → "solleftea-2024.toml". */
export function resolve(file, relative) {
  const parts = file.split('/').slice(0, -1);
  for (const p of relative.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

export function init(section, theApp) {
  root = section;
  app = theApp;
  const name = el('input', { type: 'text', id: 'variant-name', pattern: '[A-Za-z0-9_\\-]+', placeholder: 't.ex. samcoach-300k', autocomplete: 'off' });
  saveStatus = el('p', { class: 'save-status', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'form', id: 'variant-form' },
    field('Namn på alternativet', name, 'Bokstäver a–z, siffror, - och _. Sparas som variants/<namn>.toml.'),
    el('button', { type: 'submit', id: 'variant-save' }, 'Spara som alternativ'));
  form.addEventListener('submit', (e) => { e.preventDefault(); save(name.value.trim()); });
  list = el('div', { id: 'variant-list' });
  answer = el('div', { id: 'compare-answer' });
  root.append(el('h2', {}, 'Alternativ'),
    el('p', { class: 'lead' }, 'Spara budgetändringarna som ett alternativ och jämför det med grundscenariot, körning för körning med samma slumptal.'),
    form, saveStatus, el('h3', {}, 'Sparade alternativ'), list, answer);
  app.on('scenarios', renderList);
  app.on('scenario', renderList);
}

async function save(name, replace = false) {
  if (!app.file) return;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    saveStatus.replaceChildren(message('Namnet får bara ha bokstäver a–z, siffror, - och _ (inga mellanslag eller å, ä, ö).', 'error'));
    return;
  }
  const body = { base: app.file, name, text: app.addedText(), budget: app.budgetEdits() };
  if (replace) body.replace = true;
  try {
    const { file } = await api.post('/api/variant', body);
    app.saved = true;
    app.emit('edits', app.edits);
    saveStatus.replaceChildren(message(`Sparat som ${file}.`, 'done'));
    await app.loadScenarios(app.file);
    compare(app.file, file);
  } catch (e) {
    if (e.status === 409 && !replace) {
      if (window.confirm(`Det finns redan ett alternativ som heter "${name}". Vill du ersätta det?`)) return save(name, true);
      saveStatus.replaceChildren(message('Inget sparat: välj ett annat namn.', 'info'));
      return;
    }
    saveStatus.replaceChildren(message(e.message, 'error'));
  }
}

function renderList() {
  const variants = app.scenarios.filter((s) => s.extends && s.file.startsWith('variants/'));
  if (!variants.length) {
    list.replaceChildren(message('Mappen har inga alternativ än.'));
    return;
  }
  const rows = variants.map((v) => {
    // The server names the base relative to the folder; a plain `extends` value is relative to the file.
    const base = app.scenarios.some((s) => s.file === v.extends) ? v.extends : resolve(v.file, v.extends);
    return el('tr', { 'data-file': v.file },
      el('td', {}, v.file.slice('variants/'.length, -'.toml'.length)), el('td', {}, base),
      el('td', {}, el('button', { type: 'button', class: 'compare-button', onclick: () => compare(base, v.file) }, 'Jämför med grunden')));
  });
  list.replaceChildren(el('table', { class: 'data list' },
    el('thead', {}, el('tr', {}, ['Alternativ', 'Bygger på', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)));
}

async function compare(base, variant) {
  answer.replaceChildren(el('h3', {}, `Jämförelse: ${variant} mot ${base}`), message('Räknar …'));
  try {
    const r = await api.post('/api/compare', { base, variants: [variant] }, 'compare');
    renderCompare(r, base, variant);
  } catch (e) {
    if (!api.aborted(e)) answer.replaceChildren(message(e.message, 'error'));
  }
}

function renderCompare(r, base, variant) {
  const c = r.compare || {};
  const years = c.year || app.years();
  const names = c.scenario || [base, variant];
  const runs = runsOf(c, r);
  const p = (x) => probability(x, runs);
  const levels = c.quantile;
  const head = el('tr', {}, el('th', { scope: 'col' }, ''), years.map((y) => el('th', { scope: 'col', class: 'num' }, String(y))));
  const body = [];
  names.forEach((name, s) => {
    body.push(el('tr', { class: 'section' }, el('th', { scope: 'rowgroup', colspan: years.length + 1 }, s === 0 ? `Grund: ${name}` : `Alternativ: ${name}`)));
    const row = (label, values, fmt, cls) => body.push(el('tr', { class: cls }, el('th', { scope: 'row' }, label),
      years.map((y, i) => el('td', { class: 'num', 'data-scenario': s, 'data-year': y }, fmt(values?.[i])))));
    row('Årets resultat (väntevärde)', c.result?.[s], kr);
    row('Eget kapital P50', quantileColumn(c.equity_q?.[s], levels, 0.5), kr, 'strong');
    row('P(EK över taket)', c.p_equity_above_cap?.[s], p);
    row('P(EK under golvet)', c.p_equity_below_floor?.[s], p);
    row('P(kassan under noll)', c.p_cash_negative?.[s], p);
    if (s > 0) {
      row('Skillnad i eget kapital, medel', c.delta_equity_mean?.[s], kr, 'strong');
      const d5 = quantileColumn(c.delta_equity_q?.[s], levels, 0.05);
      const d95 = quantileColumn(c.delta_equity_q?.[s], levels, 0.95);
      row('Skillnad, 90 %-intervall', years.map((_, i) => [d5[i], d95[i]]), (x) => (x ? `${kr(x[0]).slice(0, -3)} till ${kr(x[1])}` : '–'));
      row('Andel körningar där alternativet har mer EK', c.p_equity_higher?.[s], p);
    }
  });
  answer.replaceChildren(el('h3', {}, `Jämförelse: ${variant} mot ${base}`),
    summaryList(r.summary, 'compare-summary'),
    el('div', { class: 'scroll' }, el('table', { class: 'data', id: 'compare-table' }, el('thead', {}, head), el('tbody', {}, body))),
    compareBox.box);
  charts.comparison(compareBox.canvas, years, names.map((name, s) => ({
    label: s === 0 ? `Grund (${name})` : name,
    p5: quantileColumn(c.equity_q?.[s], levels, 0.05),
    p50: quantileColumn(c.equity_q?.[s], levels, 0.5),
    p95: quantileColumn(c.equity_q?.[s], levels, 0.95),
    cap: c.equity_cap?.[s],
  })));
}
