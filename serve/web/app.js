// The workbench: the tabs, the chosen scenario, the budget's edits and the latest run, shared by
// every view. A view is a module exporting init(section, app) and, optionally, show().
import * as api from './api.js';
import { loadNames } from './labels.js';
import * as forbund from './views/forbund.js';
import * as budget from './views/budget.js';
import * as alternativ from './views/alternativ.js';
import * as utrymme from './views/utrymme.js';
import * as kanslighet from './views/kanslighet.js';
import * as sammanslagning from './views/sammanslagning.js';
import * as prognos from './views/prognos.js';
import * as avancerat from './views/avancerat.js';
import * as hamta from './views/hamta.js';
import * as nytt from './views/nytt.js';
import { el } from './format.js';
import { runsOf, floorInText } from './views/common.js';

const views = { forbund, budget, alternativ, utrymme, kanslighet, sammanslagning, prognos, avancerat, hamta, nytt };

class App {
  constructor() {
    this.listeners = {};
    this.scenarios = [];
    this.file = null; // the chosen scenario file, relative to the server's folder
    this.text = null; // a scenario's text run instead of the file (uploaded, or edited in Avancerat)
    this.textName = null;
    this.budget = null; // GET /api/budget of the file
    this.edits = {}; // row key → amounts per year, where they differ from the file
    this.added = []; // insatser added in Budget: {name, kind}
    this.undoStack = [];
    this.saved = true; // edits saved as a variant (or none)
    this.result = null; // the latest POST /api/run
    this.running = false;
    this.runOptions = {}; // e.g. the forecast's method, set by Prognos
  }

  on(event, fn) { (this.listeners[event] ||= []).push(fn); }
  emit(event, data) { for (const fn of this.listeners[event] || []) fn(data); }

  status(message, kind = '') {
    const s = document.getElementById('status');
    s.textContent = message;
    s.className = `status ${kind}`;
  }

  /** The scenario as the API's requests name it: {file} or {text, base}. */
  source() {
    if (this.text !== null) return { text: this.text, base: this.file || undefined };
    if (this.added.length) {
      const stem = this.file.slice(this.file.lastIndexOf('/') + 1);
      return { text: `extends = ${JSON.stringify(stem)}\n${this.addedText()}`, base: this.file };
    }
    return { file: this.file };
  }

  /** The insatser added in Budget as scenario tables (their amounts come as budget edits). */
  addedText() {
    return this.added.map((a) => {
      const amounts = this.edits[`insats.${a.name}.budget`] || [0];
      return `\n[[insats]]\nname = ${JSON.stringify(a.name)}\nkind = ${JSON.stringify(a.kind)}\nbudget = ${JSON.stringify(amounts)}\n`;
    }).join('');
  }

  /** The edits of the file's own rows (an added insats' amounts are in its table). */
  budgetEdits() {
    const added = new Set(this.added.map((a) => `insats.${a.name}.budget`));
    const out = Object.fromEntries(Object.entries(this.edits).filter(([k]) => !added.has(k)));
    return Object.keys(out).length ? out : undefined;
  }

  /** Adds an insats to the budget (a new row; its amounts are typed into the sheet). */
  addInsats(name, kind) {
    this.undoStack.push({ edits: structuredClone(this.edits), added: structuredClone(this.added) });
    this.added.push({ name, kind });
    const n = this.years().length;
    this.edits[`insats.${name}.budget`] = Array(n).fill(0);
    this.saved = false;
    this.emit('edits', this.edits);
    return this.run();
  }

  /** The scenario's years: [2024, 2025, 2026]. */
  years() {
    const y = this.result?.deterministic?.year || this.result?.montecarlo?.year;
    if (Array.isArray(y)) return y;
    const r = this.result || this.budget;
    if (!r) return [];
    if (Array.isArray(r.years)) return r.years;
    return Array.from({ length: r.years || 0 }, (_, i) => r.first_year + i);
  }

  async loadScenarios(keep) {
    this.scenarios = await api.get('/api/scenarios');
    this.emit('scenarios', this.scenarios);
    const select = document.getElementById('scenario');
    // Grouped by folder: the förbund at the top, then variants/, then the other folders.
    const folder = (f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '');
    const groups = [...new Set(this.scenarios.map((s) => folder(s.file)))]
      .sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a === 'variants' ? -1 : b === 'variants' ? 1 : a.localeCompare(b)));
    const title = (g) => (g === '' ? 'Förbund' : g === 'variants' ? 'Alternativ (variants/)' : `${g}/`);
    select.replaceChildren(...groups.map((g) => el('optgroup', { label: title(g) },
      this.scenarios.filter((s) => folder(s.file) === g).map((s) =>
        el('option', { value: s.file, disabled: Boolean(s.error), title: s.error }, `${s.name || s.file} (${s.file.slice(g ? g.length + 1 : 0)})${s.error ? ' – fel i filen' : ''}`)))));
    if (keep && this.scenarios.some((s) => s.file === keep)) select.value = keep;
    return this.scenarios;
  }

  async choose(file) {
    if (!this.confirmLoseEdits()) {
      document.getElementById('scenario').value = this.file;
      return;
    }
    this.file = file;
    this.text = null;
    this.textName = null;
    this.edits = {};
    this.added = [];
    this.undoStack = [];
    this.saved = true;
    document.getElementById('scenario').value = file;
    history.replaceState(null, '', `${location.pathname}${location.search}#${currentView}`);
    this.emit('scenario', file);
    this.budget = null;
    const budgetAnswer = api.get(api.query('/api/budget', { file }), 'budget').then((b) => {
      this.budget = b;
      this.emit('budget', b);
    }).catch((e) => { if (!api.aborted(e)) this.emit('budget-error', e); });
    this.floor = null;
    const textAnswer = api.get(api.query('/api/scenario', { file })).then((s) => {
      this.scenarioText = s.text;
      this.floor = floorInText(s.text);
    }).catch(() => {});
    await Promise.all([this.run(), budgetAnswer, textAnswer]);
  }

  /** Runs a scenario's text instead of a file (uploaded, or edited in Avancerat). */
  async runText(text, name) {
    this.text = text;
    this.textName = name;
    this.floor = floorInText(text) ?? this.floor;
    this.emit('scenario', this.file);
    await this.run();
  }

  confirmLoseEdits() {
    if (this.saved || Object.keys(this.edits).length === 0) return true;
    return window.confirm('Budgetändringarna är inte sparade som alternativ. Vill du släppa dem?');
  }

  /** Runs the projection and the Monte Carlo; a newer call cancels one still going. */
  async run() {
    const body = { ...this.source(), ...this.runOptions };
    body.budget = this.budgetEdits();
    this.running = true;
    this.status('Räknar …', 'busy');
    const started = performance.now();
    try {
      const result = await api.post('/api/run', body, 'run');
      this.result = result;
      this.running = false;
      const runs = result.montecarlo ? runsOf(result.montecarlo, result) : null;
      const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
      this.status(`Klart: ${runs ? `${new Intl.NumberFormat('sv-SE').format(runs)} körningar, ` : ''}${seconds} s`, 'done');
      document.getElementById('forbund-name').textContent = result.forbund || 'finsim';
      document.title = `${result.forbund || 'finsim'} – planeringsdagen`;
      this.emit('result', result);
    } catch (e) {
      if (api.aborted(e)) return;
      this.running = false;
      this.status(e.message, 'error');
      this.emit('run-error', e);
    }
  }

  /** A budget row's new amounts per year; undo remembers the edits before. */
  setEdit(key, given) {
    // A year the line does not run in is sent as 0, except at the end (the server drops those).
    const amounts = [...given];
    let last = amounts.length;
    while (last > 0 && (amounts[last - 1] === null || amounts[last - 1] === undefined)) last--;
    for (let k = 0; k < last; k++) if (amounts[k] === null || amounts[k] === undefined) amounts[k] = 0;
    this.undoStack.push({ edits: structuredClone(this.edits), added: structuredClone(this.added) });
    const original = this.added.some((a) => `insats.${a.name}.budget` === key) ? null : this.budget?.rows.find((r) => r.key === key)?.amounts;
    if (original && original.every((a, i) => a === amounts[i] || (a === null && (amounts[i] === 0 || amounts[i] === null || amounts[i] === undefined)))) delete this.edits[key];
    else this.edits[key] = amounts;
    this.saved = Object.keys(this.edits).length === 0;
    this.emit('edits', this.edits);
    return this.run();
  }

  undo() {
    if (!this.undoStack.length) return null;
    ({ edits: this.edits, added: this.added } = this.undoStack.pop());
    this.saved = Object.keys(this.edits).length === 0;
    this.emit('edits', this.edits);
    return this.run();
  }

  resetBudget() {
    if (!Object.keys(this.edits).length) return null;
    this.undoStack.push({ edits: structuredClone(this.edits), added: structuredClone(this.added) });
    this.edits = {};
    this.added = [];
    this.saved = true;
    this.emit('edits', this.edits);
    return this.run();
  }

  /** The number of Monte Carlo runs behind the latest result's probabilities. */
  runs() {
    return runsOf(this.result?.montecarlo, this.result);
  }
}

const app = new App();
window.finsimApp = app; // for the browser tests and the curious analyst
let currentView = 'forbund';

function showView(name) {
  if (!views[name]) name = 'forbund';
  currentView = name;
  for (const b of document.querySelectorAll('[role=tab]')) {
    const selected = b.dataset.view === name;
    b.setAttribute('aria-selected', String(selected));
    b.tabIndex = selected ? 0 : -1;
  }
  for (const [id] of Object.entries(views)) document.getElementById(`view-${id}`).hidden = id !== name;
  views[name].show?.();
  if (location.hash !== `#${name}`) history.replaceState(null, '', `${location.pathname}${location.search}#${name}`);
}

async function start() {
  await loadNames(api.get);
  for (const [name, view] of Object.entries(views)) view.init(document.getElementById(`view-${name}`), app);
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((b, i) => {
    b.addEventListener('click', () => showView(b.dataset.view));
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      showView(next.dataset.view);
    });
  });
  window.addEventListener('hashchange', () => showView(location.hash.slice(1)));
  window.addEventListener('beforeunload', (e) => {
    if (app.saved || !Object.keys(app.edits).length) return;
    e.preventDefault();
    e.returnValue = 'Budgetändringarna är inte sparade.';
  });
  document.getElementById('scenario').addEventListener('change', (e) => app.choose(e.target.value));
  document.getElementById('upload').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    const text = await f.text();
    e.target.value = '';
    if (!app.confirmLoseEdits()) return;
    app.edits = {};
    app.added = [];
    app.saved = true;
    app.emit('edits', app.edits);
    app.emit('uploaded', { name: f.name, text });
    await app.runText(text, f.name);
  });
  showView(location.hash.slice(1) || 'forbund');
  try {
    const scenarios = await app.loadScenarios();
    const wanted = new URLSearchParams(location.search).get('file');
    const first = scenarios.find((s) => s.file === wanted) || scenarios.find((s) => s.file === 'solleftea-2024.toml')
      || scenarios.find((s) => !s.extends && !s.file.includes('/')) || scenarios[0];
    if (first) await app.choose(first.file);
    else {
      // An empty folder: the first step is a new förbund.
      app.status('Mappen har inga scenarier än: börja med Nytt förbund.', '');
      showView('nytt');
    }
  } catch (e) {
    app.status(e.message, 'error');
  }
}

start();
