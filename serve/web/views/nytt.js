// Nytt förbund: a förbund that is not yet in the folder, from its own budget (issue 27). Four
// steps on one page: Förbundet, Medlemmar, Budget (a table pasted from Excel, LibreOffice or Word,
// read by POST /api/budget-table, each row then correctable) and Spara. Every change is checked
// live by POST /api/new with "check" (the CLI's messages, placed at their field, member or row);
// Spara writes FOLDER/<file> and opens the new förbund in every view.
import * as api from '../api.js';
import { el, number, parseAmount, percent } from '../format.js';
import { field, message } from './common.js';
import { parseShare } from './forms.js';
import { budgetKinds, budgetKindOrder, memberKinds, payments, defaultPayments } from '../labels.js';

let root;
let app;
let timer = null;
let pasteTimer = null;

// The form's state: what the user typed, as typed (parsed when sent).
const form = {
  name: '', firstYear: '', years: '3', equity: '', cash: '', cap: '20', yearsTouched: false,
  members: [
    { name: 'Försäkringskassan', kind: 'state', population: '', contribution: [] },
    { name: 'Arbetsförmedlingen', kind: 'state', population: '', contribution: [] },
    { name: '', kind: 'region', population: '', contribution: [] },
    { name: '', kind: 'kommun', population: '', contribution: [] },
  ],
  mode: 'matching', // or 'contributions': each member's amount per year
  state: [], // the state half per year, as typed (empty: from the pasted driftbidrag rows)
  fundingPayment: '',
  paste: '',
  table: null, // the answer of /api/budget-table
  rows: [], // the pasted rows with the corrections: {…row, include, kind, payment, utilization}
  file: '', fileTouched: false,
};
let check = null; // the latest answer of /api/new with check
const touched = new Set(); // the fields typed in (or all, after a Spara)
// The inputs of step 1 by the scenario key the server's problems name.
const fieldIds = {
  'forbund.name': 'nytt-name', 'forbund.first_year': 'nytt-first-year', 'forbund.years': 'nytt-years',
  'forbund.opening_equity': 'nytt-equity', 'forbund.opening_cash': 'nytt-cash', 'forbund.equity_cap_share': 'nytt-cap',
};
let clientProblems = []; // fields that are not numbers: [{where, message, id}]

const ui = {};

export function init(section, theApp) {
  root = section;
  app = theApp;
  ui.step1 = el('fieldset', { class: 'step', id: 'nytt-forbund' });
  ui.step2 = el('fieldset', { class: 'step', id: 'nytt-medlemmar' });
  ui.step3 = el('fieldset', { class: 'step', id: 'nytt-budget' });
  ui.step4 = el('fieldset', { class: 'step', id: 'nytt-spara' });
  root.append(el('h2', {}, 'Nytt förbund'),
    el('p', { class: 'lead' }, 'Ett förbund som inte finns i mappen än: fyll i förbundet och medlemmarna, klistra in budgeten från Excel, LibreOffice eller Word och spara. Allt kontrolleras medan du skriver.'),
    ui.step1, ui.step2, ui.step3, ui.step4);
  renderStep1();
  renderStep2();
  renderStep3();
  renderStep4();
  schedule();
}

export function show() {
  ui.step1.querySelector('input')?.focus();
}

/* ---------- reading what was typed ---------- */

function years() {
  const first = Number(form.firstYear);
  const n = Number(form.years);
  if (!Number.isInteger(first) || first < 1900 || first > 2200 || !Number.isInteger(n) || n < 1 || n > 50) return [];
  return Array.from({ length: n }, (_, k) => first + k);
}

/** An amount field: {value} (null when empty and optional) or {error}; the error is remembered. */
function amount(text, where, id, optional = true) {
  if (String(text).trim() === '') return { value: optional ? null : 0 };
  const r = parseAmount(text);
  if (r.error) clientProblems.push({ where, message: r.error, id });
  return r;
}

/** The body of /api/new from the form, or null while a field is no number. */
function body() {
  clientProblems = [];
  const ys = years();
  const first = form.firstYear.trim() === '' ? NaN : Number(form.firstYear);
  if (form.firstYear.trim() === '')
    clientProblems.push({ where: 'Första år', message: 'skriv budgetens första år, t.ex. 2025 (eller klistra in budgeten med årtalen).', id: 'nytt-first-year' });
  else if (!Number.isInteger(first) || first < 1900 || first > 2200)
    clientProblems.push({ where: 'Första år', message: `"${form.firstYear}" är inget årtal, skriv t.ex. 2025.`, id: 'nytt-first-year' });
  const n = Number(form.years);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    clientProblems.push({ where: 'Antal år', message: `"${form.years}" ska vara ett heltal mellan 1 och 50.`, id: 'nytt-years' });
  const cap = parseShare(form.cap);
  if (cap.error) clientProblems.push({ where: 'Tak för eget kapital', message: cap.error, id: 'nytt-cap' });
  const forbund = {
    name: form.name.trim(),
    first_year: Number.isInteger(first) ? first : null,
    years: Number.isInteger(n) ? n : null,
    opening_equity: amount(form.equity, 'Ingående eget kapital', 'nytt-equity').value,
    opening_cash: amount(form.cash, 'Ingående kassa', 'nytt-cash').value,
    equity_cap_share: cap.value,
  };
  const members = form.members.map((m, i) => {
    const out = { name: m.name.trim(), kind: m.kind };
    if (m.kind === 'kommun') out.population = amount(m.population, `Medlem ${i + 1}, befolkning 16–64 år`, `nytt-member-${i}-population`).value;
    if (form.mode === 'contributions')
      out.contribution = ys.map((y, k) => amount(m.contribution[k] ?? '', `Medlem ${i + 1}, bidrag ${y}`, `nytt-member-${i}-contribution-${k}`, false).value);
    return out;
  });
  const funding = {};
  if (form.fundingPayment) funding.payment = form.fundingPayment;
  if (form.mode === 'matching' && form.state.slice(0, ys.length).some((s) => s && s.trim() !== '')) {
    funding.state = ys.map((y, k) => amount(form.state[k] ?? '', `Statens hälft ${y}`, `nytt-state-${k}`, false).value);
  }
  const rows = form.rows.filter((r) => r.include).map((r) => {
    const out = { name: r.name.trim(), kind: r.kind, amounts: alignedAmounts(r), row: r.row };
    if (r.payment) out.payment = r.payment;
    if (r.utilization.trim() !== '' && r.kind.startsWith('insats')) {
      const u = parseShare(r.utilization);
      if (u.error) clientProblems.push({ where: `Rad ${r.row}, förbrukningsgrad`, message: u.error, id: `nytt-row-${r.row}-utilization` });
      else out.utilization = u.value;
    }
    return out;
  });
  return { forbund, members, funding, rows, file: fileName() };
}

/** A pasted row's amounts for the förbund's years: the table's columns placed by their year. */
function alignedAmounts(row) {
  const tableYears = form.table?.years || [];
  const ys = years();
  if (!ys.length || !tableYears.length) return row.amounts;
  return ys.map((y) => {
    const k = tableYears.indexOf(y);
    return k >= 0 ? row.amounts[k] ?? 0 : 0;
  });
}

function fileName() {
  if (form.fileTouched) return form.file.trim();
  const stem = form.name.trim().toLowerCase().normalize('NFC')
    .replace(/[\s–—]+/g, '-').replace(/[^a-z0-9åäö_-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return stem ? `${stem}.toml` : '';
}

/* ---------- the live check ---------- */

function schedule(wait = 400) {
  clearTimeout(timer);
  timer = setTimeout(runCheck, wait);
}

async function runCheck() {
  const b = body();
  try {
    const answer = await api.post('/api/new', { ...b, file: b.file || 'nytt-forbund.toml', check: true }, 'nytt-check');
    check = answer;
  } catch (e) {
    if (api.aborted(e)) return;
    check = { ok: false, problems: [{ level: 'error', row: 0, column: 0, message: e.message }], text: '' };
  }
  renderProblems();
}

/* ---------- step 1: Förbundet ---------- */

function input(id, value, onInput, attributes = {}) {
  const i = el('input', { type: 'text', id, value, autocomplete: 'off', spellcheck: 'false', ...attributes });
  i.addEventListener('input', () => { touched.add(id); onInput(i.value); schedule(); });
  return i;
}

function renderStep1() {
  const yearsInput = input('nytt-years', form.years, (v) => { form.years = v; form.yearsTouched = true; renderYearsDependent(); }, { inputmode: 'numeric', size: 4 });
  ui.step1.replaceChildren(el('legend', {}, el('span', { class: 'step-number' }, '1'), ' Förbundet', stepBadge('1')),
    el('div', { class: 'grid' },
      field('Förbundets namn', input('nytt-name', form.name, (v) => { form.name = v; renderFile(); }), 'Som i årsredovisningen, t.ex. Samordningsförbundet i Sollefteå.'),
      field('Första år', input('nytt-first-year', form.firstYear, (v) => { form.firstYear = v; renderYearsDependent(); }, { inputmode: 'numeric', placeholder: 't.ex. 2025', size: 6 }), 'Det första året i budgeten.'),
      field('Antal år', yearsInput, 'Hur många år budgeten och prognosen gäller.'),
      field('Ingående eget kapital (kr)', input('nytt-equity', form.equity, (v) => { form.equity = v; }, { inputmode: 'decimal', placeholder: 't.ex. 500 000' }), 'Från senaste årsredovisningens balansräkning.'),
      field('Ingående kassa (kr)', input('nytt-cash', form.cash, (v) => { form.cash = v; }, { inputmode: 'decimal', placeholder: 't.ex. 500 000' }), 'Från senaste årsredovisningens balansräkning.'),
      field('Tak för eget kapital (% av driftbidraget)', input('nytt-cap', form.cap, (v) => { form.cap = v; }, { inputmode: 'decimal', size: 5 }), 'Nationella rådets riktmärke är 20 %.')));
}

/** The step's count of open problems, in its legend. */
function stepBadge(step) {
  return el('span', { class: 'step-badge', id: `nytt-badge-${step}`, 'aria-live': 'polite' });
}

/* ---------- step 2: Medlemmar ---------- */

function renderStep2() {
  const ys = years();
  const matching = el('input', { type: 'radio', name: 'nytt-mode', id: 'nytt-matching', value: 'matching', checked: form.mode === 'matching' });
  const contributions = el('input', { type: 'radio', name: 'nytt-mode', id: 'nytt-contributions', value: 'contributions', checked: form.mode === 'contributions' });
  for (const r of [matching, contributions]) r.addEventListener('change', () => { form.mode = r.value; renderStep2(); schedule(); });
  const head = el('tr', {}, el('th', { scope: 'col' }, '#'), el('th', { scope: 'col' }, 'Medlem'), el('th', { scope: 'col' }, 'Slag'),
    el('th', { scope: 'col', class: 'num' }, 'Befolkning 16–64 år'),
    form.mode === 'contributions' ? ys.map((y) => el('th', { scope: 'col', class: 'num' }, `Bidrag ${y}`)) : null,
    el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Ta bort')), el('th', { scope: 'col' }, ''));
  const body = form.members.map((m, i) => {
    const kind = el('select', { id: `nytt-member-${i}-kind`, class: 'member-kind', 'aria-label': `Medlem ${i + 1}: slag` },
      Object.keys(memberKinds).sort((a, b) => ['state', 'region', 'kommun'].indexOf(a) - ['state', 'region', 'kommun'].indexOf(b))
        .map((k) => el('option', { value: k, selected: m.kind === k }, memberKinds[k])));
    kind.addEventListener('change', () => { m.kind = kind.value; renderStep2(); schedule(); });
    return el('tr', { 'data-member': i + 1 },
      el('td', { class: 'num' }, String(i + 1)),
      el('td', {}, input(`nytt-member-${i}-name`, m.name, (v) => { m.name = v; }, { class: 'member-name', 'aria-label': `Medlem ${i + 1}: namn`, placeholder: m.kind === 'region' ? 'Region …' : m.kind === 'kommun' ? '… kommun' : '' })),
      el('td', {}, kind),
      el('td', { class: 'num' }, m.kind === 'kommun'
        ? input(`nytt-member-${i}-population`, m.population, (v) => { m.population = v; }, { class: 'cell member-population', inputmode: 'numeric', 'aria-label': `Medlem ${i + 1}: befolkning 16–64 år` })
        : el('span', { class: 'locked' }, '–')),
      form.mode === 'contributions' ? ys.map((y, k) => el('td', { class: 'num' },
        input(`nytt-member-${i}-contribution-${k}`, m.contribution[k] ?? '', (v) => { m.contribution[k] = v; }, { class: 'cell', inputmode: 'decimal', 'aria-label': `Medlem ${i + 1}: bidrag ${y}` }))) : null,
      el('td', {}, el('button', { type: 'button', class: 'small secondary', 'aria-label': `Ta bort medlem ${i + 1}`, onclick: () => { form.members.splice(i, 1); renderStep2(); schedule(); } }, 'Ta bort')),
      el('td', { class: 'row-problem wrap' }));
  });
  const add = el('button', { type: 'button', id: 'nytt-add-member', class: 'secondary', onclick: () => {
    form.members.push({ name: '', kind: 'kommun', population: '', contribution: [] });
    renderStep2();
    ui.step2.querySelector(`#nytt-member-${form.members.length - 1}-name`)?.focus();
    schedule();
  } }, 'Lägg till medlem');
  const payment = el('select', { id: 'nytt-funding-payment' },
    el('option', { value: '' }, `förval: ${payments[defaultPayments.funding] || ''}`),
    Object.keys(payments).map((p) => el('option', { value: p, selected: form.fundingPayment === p }, payments[p])));
  payment.addEventListener('change', () => { form.fundingPayment = payment.value; schedule(); });
  const stateInputs = ys.map((y, k) => field(`Statens hälft ${y} (kr)`,
    input(`nytt-state-${k}`, form.state[k] ?? '', (v) => { form.state[k] = v; }, { inputmode: 'decimal', placeholder: 'från budgeten' })));
  ui.step2.replaceChildren(el('legend', {}, el('span', { class: 'step-number' }, '2'), ' Medlemmar', stepBadge('2')),
    el('div', { class: 'scroll' }, el('table', { class: 'data sheet', id: 'nytt-members' },
      el('caption', {}, 'Förbundets medlemmar: staten (Försäkringskassan och Arbetsförmedlingen), regionen och kommunerna'),
      el('thead', {}, head), el('tbody', {}, body))),
    el('div', { class: 'toolbar' }, add),
    el('fieldset', { class: 'checks' }, el('legend', {}, 'Driftbidraget'),
      el('label', { for: 'nytt-matching' }, matching, ' Statens hälft, som regionen (en fjärdedel) och kommunerna (en fjärdedel, efter befolkning) matchar'),
      el('label', { for: 'nytt-contributions' }, contributions, ' Varje medlems bidrag per år (skrivs i tabellen ovan)')),
    form.mode === 'matching' ? el('div', { class: 'grid form' }, stateInputs) : null,
    form.mode === 'matching' ? el('p', { class: 'note' }, 'Lämna statens hälft tom så tas den från budgeten: från raden "Driftbidrag från staten" (eller hälften av en enda driftbidragsrad), och har budgeten en driftbidragsrad per medlem ("Driftbidrag från Norsjö kommun") får varje medlem sitt belopp därifrån.') : null,
    el('div', { class: 'grid form' }, field('Medlemmarna betalar', payment)));
  placeProblems();
}

/* ---------- step 3: Budget ---------- */

function renderStep3() {
  const box = el('textarea', { id: 'nytt-paste', rows: 10, spellcheck: 'false', placeholder: 'Markera budgettabellen i Excel, LibreOffice eller Word (rubrikraden med åren, raderna och summorna), kopiera och klistra in här.' });
  box.value = form.paste;
  box.addEventListener('input', () => {
    form.paste = box.value;
    clearTimeout(pasteTimer);
    pasteTimer = setTimeout(readPaste, 300);
  });
  ui.pasteInfo = el('div', { id: 'nytt-paste-info', 'aria-live': 'polite' });
  ui.rows = el('div', { class: 'scroll', id: 'nytt-rows-box' });
  ui.step3.replaceChildren(el('legend', {}, el('span', { class: 'step-number' }, '3'), ' Budget', stepBadge('3')),
    field('Klistra in budgeten', box, 'Raderna är poster och kolumnerna år. Rubrikrader som "Kostnader för insatser" och "Administration" anger slaget för raderna under dem; "Summa …"-rader kontrolleras men läses inte in. Belopp som 1 416 000 kr, 1416000, −48 000, 1,5 tkr.'),
    ui.pasteInfo, ui.rows);
  renderRows();
}

async function readPaste() {
  if (form.paste.trim() === '') {
    form.table = null;
    form.rows = [];
    renderRows();
    schedule(0);
    return;
  }
  const first = Number(form.firstYear);
  try {
    const t = await api.post('/api/budget-table', { text: form.paste, first_year: Number.isInteger(first) && first > 1900 ? first : undefined }, 'nytt-paste');
    const before = new Map(form.rows.map((r) => [r.name, r]));
    form.table = t;
    // A row pasted again keeps the corrections made to it.
    form.rows = t.rows.map((r) => {
      const old = before.get(r.name);
      return { ...r, pastedKind: r.kind, include: old ? old.include : true, kind: old && old.kind !== old.pastedKind ? old.kind : r.kind,
        payment: old?.payment || '', utilization: old?.utilization || '' };
    });
    // The table's years set the förbund's years while the user has not chosen them.
    if (t.years?.length) {
      if (form.firstYear.trim() === '') form.firstYear = String(t.years[0]);
      if (!form.yearsTouched) form.years = String(t.years.length);
      renderStep1();
      renderStep2();
      renderFile();
    }
  } catch (e) {
    if (api.aborted(e)) return;
    form.table = { years: [], rows: [], subtotals: [], problems: [{ level: 'error', row: 0, column: 0, message: e.message }] };
    form.rows = [];
  }
  renderRows();
  schedule(0);
}

/** [2024, 2025, 2026] → "2024–2026", [2023] → "2023". */
const span = (ys) => (ys.length > 1 ? `${ys[0]}–${ys[ys.length - 1]}` : String(ys[0]));

function kindOptions(selected) {
  return budgetKindOrder.map((k) => el('option', { value: k, selected: k === selected }, budgetKinds[k]));
}

function defaultPaymentOf(kind) {
  if (kind === 'driftbidrag') return defaultPayments.funding;
  if (kind === 'income') return defaultPayments.income;
  if (kind.startsWith('insats')) return defaultPayments.insats;
  return defaultPayments.cost;
}

function renderRows() {
  const t = form.table;
  if (!t) {
    ui.pasteInfo.replaceChildren();
    ui.rows.replaceChildren();
    return;
  }
  const ys = t.years || [];
  const info = [];
  if (t.rows.length) {
    const sums = t.subtotals_checked;
    info.push(message(`${t.rows.length} ${t.rows.length === 1 ? 'rad' : 'rader'} lästes in${ys.length ? ` för ${span(ys)}` : ''}.${sums ? ` ${sums} ${sums === 1 ? 'summarad' : 'summarader'} kontrollerades och lästes inte in.` : ''}`, 'done'));
  }
  const ownYears = years();
  if (ys.length && ownYears.length && (ys[0] !== ownYears[0] || ys.length !== ownYears.length))
    info.push(message(`Tabellen gäller ${span(ys)}, förbundet ${span(ownYears)} (steget Förbundet): varje kolumn tas för sitt år, år utan kolumn blir 0 kr.`, 'info'));
  // The subtotals that do not add up, one line per subtotal.
  const bySum = new Map();
  for (const s of t.subtotals || []) {
    if (!bySum.has(s.row)) bySum.set(s.row, { name: s.name, row: s.row, years: [] });
    bySum.get(s.row).years.push(s);
  }
  if (bySum.size) {
    info.push(el('div', { class: 'mismatch', id: 'nytt-subtotals', role: 'status' },
      el('strong', {}, 'Summor i tabellen som inte stämmer med raderna ovanför (raderna läses in som de står):'),
      el('ul', {}, [...bySum.values()].map((s) => el('li', { 'data-row': s.row },
        `${s.name} (rad ${s.row}): ${s.years.map((y) => `${y.year} står det ${number(y.found)} kr, raderna ger ${number(y.expected)} kr`).join('; ')}.`)))));
  }
  const pasteProblems = (t.problems || []).filter((p) => !(p.level === 'warning' && (t.subtotals || []).some((s) => s.row === p.row)));
  if (pasteProblems.length) {
    info.push(el('ul', { class: 'problem-list', id: 'nytt-paste-problems' }, pasteProblems.map((p) =>
      el('li', { class: p.level, 'data-row': p.row || undefined }, `${p.row ? `Rad ${p.row}${p.column ? `, kolumn ${p.column}` : ''}: ` : ''}${p.message}`))));
  }
  ui.pasteInfo.replaceChildren(...info);
  if (!form.rows.length) {
    ui.rows.replaceChildren();
    return;
  }
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Med'), el('th', { scope: 'col', class: 'num' }, 'Rad'), el('th', { scope: 'col' }, 'Post'),
    ys.map((y) => el('th', { scope: 'col', class: 'num' }, String(y))), el('th', { scope: 'col' }, 'Slag'),
    el('th', { scope: 'col' }, 'Betalas'), el('th', { scope: 'col', class: 'num' }, 'Förbrukning'), el('th', { scope: 'col' }, ''));
  const body = form.rows.map((r) => {
    const include = el('input', { type: 'checkbox', checked: r.include, 'aria-label': `Ta med ${r.name}` });
    include.addEventListener('change', () => { r.include = include.checked; tr.classList.toggle('excluded', !r.include); schedule(); });
    const kind = el('select', { class: 'row-kind', 'aria-label': `Slag: ${r.name}` }, kindOptions(r.kind));
    const payment = el('select', { class: 'row-payment', 'aria-label': `Betalas: ${r.name}`, disabled: r.kind === 'driftbidrag' },
      el('option', { value: '' }, r.kind === 'driftbidrag' ? 'som medlemmarna' : `förval: ${payments[defaultPaymentOf(r.kind)] || ''}`),
      r.kind === 'driftbidrag' ? null : Object.keys(payments).map((p) => el('option', { value: p, selected: r.payment === p }, payments[p])));
    payment.addEventListener('change', () => { r.payment = payment.value; schedule(); });
    const insats = r.kind.startsWith('insats');
    const utilization = insats
      ? input(`nytt-row-${r.row}-utilization`, r.utilization, (v) => { r.utilization = v; }, {
        class: 'cell row-utilization', inputmode: 'decimal', placeholder: percent(1), 'aria-label': `Förbrukningsgrad i procent: ${r.name}`,
        title: 'Förval: väntevärdet räknar med budgeten som beviljad (100 %), Monte Carlo drar finsims förval för hur mycket som används.',
      })
      : el('span', { class: 'locked' }, '–');
    kind.addEventListener('change', () => { r.kind = kind.value; renderRows(); schedule(); });
    const tr = el('tr', { 'data-row': r.row, class: r.include ? '' : 'excluded' },
      el('td', {}, include), el('td', { class: 'num' }, String(r.row)),
      el('td', {}, input(`nytt-row-${r.row}-name`, r.name, (v) => { r.name = v; }, { class: 'row-name', 'aria-label': `Namn på rad ${r.row}` })),
      ys.map((y, k) => el('td', { class: 'num' }, number(r.amounts[k]))),
      el('td', {}, kind), el('td', {}, payment), el('td', { class: 'num' }, utilization), el('td', { class: 'row-problem wrap' }));
    return tr;
  });
  ui.rows.replaceChildren(el('table', { class: 'data sheet', id: 'nytt-rows' },
    el('caption', {}, 'Budgetens rader (kronor): rätta slag, betalning och förbrukningsgrad där förvalet inte stämmer'),
    el('thead', {}, head), el('tbody', {}, body)));
  placeProblems();
}

/* ---------- step 4: Spara ---------- */

function renderFile() {
  if (ui.fileInput && !form.fileTouched) ui.fileInput.value = fileName();
}

function renderStep4() {
  ui.fileInput = el('input', { type: 'text', id: 'nytt-file', value: fileName(), autocomplete: 'off', spellcheck: 'false', placeholder: 'solleftea.toml' });
  ui.fileInput.addEventListener('input', () => { form.file = ui.fileInput.value; form.fileTouched = true; schedule(); });
  ui.save = el('button', { type: 'button', id: 'nytt-save', disabled: true, onclick: save }, 'Spara');
  ui.verdict = el('div', { id: 'nytt-verdict', 'aria-live': 'polite' });
  ui.problems = el('div', { id: 'nytt-problems' });
  ui.text = el('pre', { id: 'nytt-text', class: 'file-text' });
  ui.saved = el('div', { id: 'nytt-saved', 'aria-live': 'polite' });
  ui.step4.replaceChildren(el('legend', {}, el('span', { class: 'step-number' }, '4'), ' Spara'),
    el('div', { class: 'inline-form' }, field('Filnamn i mappen', ui.fileInput, 'Bokstäver (å, ä, ö går bra), siffror, - och _, och .toml på slutet.'), ui.save),
    ui.verdict, ui.problems, ui.saved,
    el('details', {}, el('summary', {}, 'Visa filen som sparas'), ui.text));
}

function where(p) {
  if (p.row) return `Inklistrad budget, rad ${p.row}${p.column ? `, kolumn ${p.column}` : ''}: `;
  return '';
}

function renderProblems() {
  const listed = check?.problems || [];
  const errors = [...clientProblems.map((c) => ({ level: 'error', message: `${c.where}: ${c.message}`, id: c.id })),
    ...listed.filter((p) => p.level === 'error' && !clientProblems.some((c) => c.id === fieldIds[p.field]))];
  const notes = listed.filter((p) => p.level !== 'error');
  const ok = !clientProblems.length && check?.ok;
  ui.save.disabled = !ok;
  ui.verdict.replaceChildren(ok
    ? message(`Allt stämmer: förbundet kan sparas som ${fileName() || 'nytt-forbund.toml'}.`, 'done')
    : message(`${errors.length} ${errors.length === 1 ? 'sak' : 'saker'} att rätta innan förbundet kan sparas.`, 'info'));
  ui.problems.replaceChildren(...[
    errors.length ? el('ul', { class: 'problem-list', id: 'nytt-errors' }, errors.map((p) => el('li', { class: 'error' }, `${where(p)}${p.message}`))) : null,
    notes.length ? el('details', { class: 'warnings', open: true }, el('summary', {}, `${notes.length} ${notes.length === 1 ? 'sak' : 'saker'} att känna till`),
      el('ul', { id: 'nytt-notes' }, notes.map((p) => el('li', { class: p.level }, `${where(p)}${p.message}`)))) : null].filter(Boolean));
  ui.text.textContent = check?.text || '';
  placeProblems();
}

/** Each problem also at its field, member or row, and each step's count in its legend. */
function placeProblems() {
  if (!ui.problems) return;
  for (const e of root.querySelectorAll('[aria-invalid=true]')) e.removeAttribute('aria-invalid');
  for (const e of root.querySelectorAll('.row-problem')) e.replaceChildren();
  for (const e of root.querySelectorAll('small.field-problem')) e.remove();
  const counts = { 1: 0, 2: 0, 3: 0 };
  const mark = (id, text) => {
    const i = document.getElementById(id);
    if (!i || !touched.has(id)) return; // a field is marked once it has been typed in
    i.setAttribute('aria-invalid', 'true');
    const holder = i.closest('.field');
    if (holder) holder.append(el('small', { class: 'field-problem error' }, text));
  };
  for (const c of clientProblems) {
    mark(c.id, c.message);
    counts[c.id.startsWith('nytt-row') ? 3 : c.id.startsWith('nytt-member') || c.id.startsWith('nytt-state') ? 2 : 1]++;
  }
  for (const p of check?.problems || []) {
    if (p.level !== 'error' && p.level !== 'warning') continue;
    const error = p.level === 'error';
    if (p.row) {
      const cell = root.querySelector(`#nytt-rows tr[data-row="${p.row}"] .row-problem`);
      if (cell) cell.append(el('span', { class: p.level }, p.message));
      if (error) counts[3]++;
    } else if (p.member) {
      const tr = root.querySelector(`#nytt-members tr[data-member="${p.member}"]`);
      tr?.querySelector('.row-problem')?.append(el('span', { class: p.level }, p.message.replace(/^Medlem \d+, /, '')));
      if (error) counts[2]++;
    } else if (p.field?.startsWith('forbund.')) {
      if (error && !clientProblems.some((c) => c.id === fieldIds[p.field])) {
        mark(fieldIds[p.field], p.message.replace(/^[^:]*: /, ''));
        counts[1]++;
      }
    } else if (p.field?.startsWith('funding') || p.field === 'member' || p.field === 'contribution') {
      if (error) counts[2]++;
    }
  }
  for (const step of ['1', '2', '3']) {
    const badge = document.getElementById(`nytt-badge-${step}`);
    if (!badge) continue;
    badge.textContent = counts[step] ? ` – ${counts[step]} att rätta` : '';
    badge.className = `step-badge${counts[step] ? ' error' : ''}`;
  }
}

async function save() {
  const b = body();
  if (!b.file) {
    ui.saved.replaceChildren(message('Skriv ett filnamn, t.ex. solleftea.toml.', 'error'));
    ui.fileInput.focus();
    return;
  }
  if (clientProblems.length) return;
  ui.save.disabled = true;
  ui.saved.replaceChildren(message(`Sparar ${b.file} …`));
  let answer;
  try {
    answer = await api.post('/api/new', b);
  } catch (e) {
    if (e.status === 409 && window.confirm(`${b.file} finns redan i mappen. Vill du ersätta den med det nya förbundet?`)) {
      try {
        answer = await api.post('/api/new', { ...b, replace: true });
      } catch (again) {
        e = again;
      }
    }
    if (!answer) {
      if (e.data?.problems) check = { ok: false, problems: e.data.problems, text: check?.text || '' };
      ui.saved.replaceChildren(message(e.status === 409 ? `${b.file} finns redan och sparades inte. Välj ett annat filnamn.` : e.message, 'error'));
      renderProblems();
      return;
    }
  }
  ui.saved.replaceChildren(message(`Sparat som ${answer.file} i mappen. Förbundet öppnas nu i alla vyer.`, 'done'));
  ui.save.disabled = false;
  await app.loadScenarios(answer.file);
  await app.choose(answer.file);
  location.hash = '#forbund';
}

/** A new first year or number of years: the members' contributions, the state half and the rows. */
function renderYearsDependent() {
  renderStep2();
  renderRows();
}
