// Budget: the spreadsheet the economists know. Rows the insatser, costs and incomes, columns the
// years; every accepted edit re-runs the projection and the Monte Carlo (a newer edit cancels the
// run still going), and the key figures above the sheet follow.
import { el, kr, number, percent, parseAmount, probability } from '../format.js';
import { summaryList, yearTable, quantileColumn, message } from './common.js';
import { payments } from '../labels.js';

let root;
let app;
let sheet;
let figures;
let toolbar;
let problems;
const badCells = new Map(); // "key|year index" → message

const sectionNames = { driftbidrag: 'Driftbidrag', insats: 'Insatser', insatser: 'Insatser', cost: 'Kostnader', costs: 'Kostnader', income: 'Intäkter', incomes: 'Intäkter' };
const sectionName = (s) => sectionNames[String(s).toLowerCase()] || s;

export function init(section, theApp) {
  root = section;
  app = theApp;
  figures = el('div', { class: 'live-figures', 'aria-live': 'polite' });
  toolbar = el('div', { class: 'toolbar' });
  problems = el('ul', { class: 'cell-problems', id: 'budget-problems', 'aria-live': 'assertive' });
  sheet = el('div', { class: 'scroll' }, message('Budgeten läses in …'));
  root.append(el('h2', {}, 'Budget'),
    el('p', { class: 'lead' }, 'Skriv ett nytt belopp i en ruta och tryck Enter: allt räknas om direkt. Belopp skrivs som 1 416 000.'),
    figures, toolbar, problems, sheet);
  app.on('budget', renderSheet);
  app.on('budget-error', (e) => sheet.replaceChildren(message(e.message, 'error')));
  app.on('scenario', () => {
    badCells.clear();
    sheet.replaceChildren(message(app.text !== null ? 'Budgeten går att redigera för scenariofilerna i mappen. En inläst eller redigerad text ändras i Avancerat.' : 'Budgeten läses in …'));
  });
  app.on('edits', () => {
    renderToolbar();
    if (app.budget && sheet.querySelectorAll('tr[data-added]').length !== app.added.length) renderSheet(app.budget);
    else refreshCells();
  });
  app.on('result', renderFigures);
  renderToolbar();
}

function renderToolbar() {
  const n = Object.keys(app.edits).length;
  toolbar.replaceChildren(
    el('button', { type: 'button', id: 'budget-undo', disabled: !app.undoStack.length, onclick: () => app.undo() }, 'Ångra'),
    el('button', { type: 'button', id: 'budget-reset', class: 'secondary', disabled: !n, onclick: () => app.resetBudget() }, 'Återställ till grundbudgeten'),
    el('button', { type: 'button', class: 'secondary', disabled: !n, onclick: () => { location.hash = '#alternativ'; } }, 'Spara som alternativ …'),
    el('button', { type: 'button', class: 'secondary', id: 'budget-add', disabled: !app.budget || app.text !== null, onclick: addForm }, 'Lägg till insats …'),
    el('span', { class: 'edit-count' }, n ? `${n} ${n === 1 ? 'rad ändrad' : 'rader ändrade'}${app.saved ? ' (sparade)' : ' – inte sparade'}` : 'Grundbudgeten'),
  );
}

function renderFigures(r) {
  const years = app.years();
  const mc = r.montecarlo || {};
  const runs = app.runs();
  const p = (x) => probability(x, runs);
  const rows = [
    { label: 'Årets resultat (väntevärde)', values: r.deterministic?.result, format: kr },
    { label: 'Eget kapital P50', values: quantileColumn(mc.equity_q, mc.quantile, 0.5), format: kr, attrs: () => ({ 'data-q': 'p50' }) },
    { label: 'P(EK över taket)', values: mc.p_equity_above_cap, format: p, attrs: () => ({ 'data-p': 'above_cap' }) },
    { label: 'P(EK under golvet)', values: mc.p_equity_below_floor, format: p, attrs: () => ({ 'data-p': 'below_floor' }) },
    { label: 'P(kassan under noll)', values: mc.p_cash_negative, format: p, attrs: () => ({ 'data-p': 'cash_negative' }) },
  ];
  figures.replaceChildren(summaryList((r.summary || []).slice(0, 2), 'budget-summary'),
    el('div', { class: 'scroll' }, yearTable(years, rows, null, { id: 'budget-figures', class: 'data compact' })));
}

/** The form for a new insats: its name and kind; its amounts are then typed into the sheet. */
function addForm() {
  if (toolbar.querySelector('form')) return;
  const name = el('input', { type: 'text', id: 'new-insats-name', autocomplete: 'off', required: true });
  const kind = el('select', { id: 'new-insats-kind' }, el('option', { value: 'individual' }, 'individinriktad'),
    el('option', { value: 'structural' }, 'strukturövergripande'));
  const form = el('form', { class: 'inline-form' },
    el('label', { for: 'new-insats-name' }, 'Ny insats'), name, el('label', { for: 'new-insats-kind' }, 'Slag'), kind,
    el('button', { type: 'submit' }, 'Lägg till'), el('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, 'Avbryt'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = name.value.trim();
    if (!n || /["\\\n]/.test(n) || app.budget.rows.some((r) => r.name === n) || app.added.some((a) => a.name === n)) {
      name.setCustomValidity('Ett nytt namn, utan citattecken.');
      name.reportValidity();
      return;
    }
    form.remove();
    app.addInsats(n, kind.value);
  });
  toolbar.append(form);
  name.focus();
}

/** The file's rows and the insatser added here. */
function allRows() {
  const n = app.years().length || app.budget.years;
  return [...app.budget.rows, ...app.added.map((a) => ({
    key: `insats.${a.name}.budget`, name: a.name, section: 'insats', added: true,
    amounts: Array(n).fill(0), editable: Array(n).fill(true),
  }))];
}

function amountsOf(row) {
  return app.edits[row.key] || row.amounts;
}

function cellValue(row, i) {
  const v = amountsOf(row)[i];
  return v === null || v === undefined ? '' : number(v);
}

function utilization(u) {
  if (typeof u === 'number') return percent(u);
  if (u === null || u === undefined) return '–';
  if (typeof u === 'object' && typeof u.mean === 'number') return `≈ ${percent(u.mean)}`;
  return String(u);
}

function renderSheet(b) {
  renderToolbar();
  badCells.clear();
  problems.replaceChildren();
  const years = Array.isArray(b.years) ? b.years : Array.from({ length: b.years }, (_, i) => b.first_year + i);
  const sections = [];
  for (const row of allRows()) {
    const name = sectionName(row.section || row.kind);
    let s = sections.find((x) => x.name === name);
    if (!s) sections.push(s = { name, rows: [] });
    s.rows.push(row);
  }
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Post'), years.map((y) => el('th', { scope: 'col', class: 'num' }, String(y))),
    el('th', { scope: 'col', class: 'num' }, 'Förbrukning'), el('th', { scope: 'col', class: 'num' }, 'Förtida slut'),
    el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Stryk')));
  const body = [];
  for (const s of sections) {
    body.push(el('tr', { class: 'section' }, el('th', { scope: 'rowgroup', colspan: years.length + 4 }, s.name)));
    for (const row of s.rows) {
      body.push(el('tr', { 'data-key': row.key, 'data-added': row.added },
        el('th', { scope: 'row', title: payments[row.payment] ? `Betalas ${payments[row.payment]}` : undefined }, row.name),
        years.map((y, i) => el('td', { class: 'num' }, cellInput(row, y, i))),
        el('td', { class: 'num' }, utilization(row.utilization)),
        el('td', { class: 'num' }, typeof row.early_end_probability === 'number' ? percent(row.early_end_probability) : utilization(row.early_end_probability)),
        el('td', {}, row.section === 'insats' ? el('button', {
          type: 'button', class: 'small secondary', title: row.added ? 'Ta bort den nya insatsen' : 'Sätt insatsens budget till 0 kr alla år',
          'aria-label': `Stryk ${row.name}`, onclick: () => strike(row),
        }, 'Stryk') : null)));
    }
    // The driftbidrag rows can be the state's half alone (the members match it): no sum there.
    if (s.name === 'Driftbidrag') continue;
    body.push(el('tr', { class: 'total', 'data-section': s.name }, el('th', { scope: 'row' }, `Summa ${s.name.toLowerCase()}`),
      years.map((y, i) => el('td', { class: 'num', 'data-index': i }, '')), el('td', { colspan: 3 })));
  }
  sheet.replaceChildren(el('table', { class: 'data sheet', id: 'budget-sheet' },
    el('caption', {}, `Budget per år (kronor)${b.file ? ` – ${b.file}` : ''}`), el('thead', {}, head), el('tbody', {}, body)));
  refreshCells();
}

function cellInput(row, year, i) {
  const editable = Array.isArray(row.editable) ? row.editable[i] : row.editable !== false;
  if (!editable) {
    const v = amountsOf(row)[i];
    if (v === null || v === undefined) return el('span', { class: 'locked', title: 'Posten löper inte det året' }, '–');
    return el('span', { class: 'locked', title: 'Ett osäkert belopp (en fördelning) eller en följd av fördelningsmodellen: ändras i Avancerat. Här visas väntevärdet.' }, cellValue(row, i));
  }
  const input = el('input', {
    type: 'text', inputmode: 'decimal', class: 'cell', value: cellValue(row, i),
    'aria-label': `${row.name} ${year}`, 'data-key': row.key, 'data-index': i, autocomplete: 'off', spellcheck: 'false',
  });
  input.addEventListener('change', () => commit(row, i, input));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { input.value = cellValue(row, i); clearBad(row.key, i, input); }
  });
  input.addEventListener('focus', () => input.select());
  return input;
}

function strike(row) {
  if (row.added) {
    app.undoStack.push({ edits: structuredClone(app.edits), added: structuredClone(app.added) });
    app.added = app.added.filter((a) => `insats.${a.name}.budget` !== row.key);
    delete app.edits[row.key];
    app.saved = false;
    app.emit('edits', app.edits);
    app.run();
    return;
  }
  app.setEdit(row.key, amountsOf(row).map((a) => (a === null ? null : 0)));
}

function commit(row, i, input) {
  const parsed = parseAmount(input.value);
  const cellKey = `${row.key}|${i}`;
  if (parsed.error) {
    badCells.set(cellKey, `${row.name} ${app.years()[i] ?? ''}: ${parsed.error}`);
    input.setAttribute('aria-invalid', 'true');
    input.title = parsed.error;
    showProblems();
    return;
  }
  clearBad(row.key, i, input);
  input.value = number(parsed.value);
  const amounts = [...amountsOf(row)];
  if (amounts[i] === parsed.value) return;
  amounts[i] = parsed.value;
  app.setEdit(row.key, amounts);
}

function clearBad(key, i, input) {
  badCells.delete(`${key}|${i}`);
  input.removeAttribute('aria-invalid');
  input.removeAttribute('title');
  showProblems();
}

function showProblems() {
  problems.replaceChildren(...[...badCells.values()].map((m) => el('li', { class: 'error' }, m)));
}

/** After an edit, undo or reset: every cell shows its amount, edited cells marked, sums redone. */
function refreshCells() {
  if (!app.budget) return;
  for (const input of sheet.querySelectorAll('input.cell')) {
    const row = allRows().find((r) => r.key === input.dataset.key);
    const i = Number(input.dataset.index);
    if (!badCells.has(`${row.key}|${i}`) && document.activeElement !== input) input.value = cellValue(row, i);
    input.classList.toggle('edited', amountsOf(row)[i] !== row.amounts[i]);
  }
  for (const tr of sheet.querySelectorAll('tr.total')) {
    const rows = allRows().filter((r) => sectionName(r.section || r.kind) === tr.dataset.section);
    for (const td of tr.querySelectorAll('td[data-index]')) {
      const i = Number(td.dataset.index);
      td.textContent = number(rows.reduce((sum, r) => sum + (amountsOf(r)[i] || 0), 0));
    }
  }
}
