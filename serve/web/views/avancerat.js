// Avancerat: the scenario's text in an editor, validated on every change (line:column messages
// beside it); "Kör texten" runs it in every view.
import * as api from '../api.js';
import { el } from '../format.js';
import { message } from './common.js';

let root;
let app;
let editor;
let problems;
let timer;
let loadedFor = null;

export function init(section, theApp) {
  root = section;
  app = theApp;
  editor = el('textarea', { id: 'scenario-text', spellcheck: 'false', 'aria-label': 'Scenariots text (TOML)', wrap: 'off' });
  problems = el('div', { id: 'validate-problems', class: 'problems', 'aria-live': 'polite' });
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  });
  const run = el('button', { type: 'button', id: 'run-text', onclick: () => app.runText(editor.value, 'redigerad text') }, 'Kör texten');
  const back = el('button', { type: 'button', class: 'secondary', onclick: () => { loadedFor = null; app.choose(app.file); } }, 'Tillbaka till filen');
  root.append(el('h2', {}, 'Avancerat'),
    el('p', { class: 'lead' }, 'Scenariot som text. Varje ändring kontrolleras direkt; "Kör texten" räknar om alla vyer med den (filen ändras inte).'),
    el('div', { class: 'toolbar' }, run, back),
    el('div', { class: 'editor' }, editor, problems));
  app.on('scenario', () => { loadedFor = null; });
  app.on('uploaded', ({ text }) => { editor.value = text; loadedFor = app.file; validate(); });
}

export async function show() {
  if (!app.file || loadedFor === app.file) return;
  loadedFor = app.file;
  if (app.text !== null) {
    editor.value = app.text;
  } else {
    try {
      editor.value = (await api.get(api.query('/api/scenario', { file: app.file }), 'scenario-text')).text;
    } catch (e) {
      if (!api.aborted(e)) problems.replaceChildren(message(e.message, 'error'));
      return;
    }
  }
  validate();
}

async function validate() {
  try {
    const r = await api.post('/api/validate', { text: editor.value, base: app.file || undefined }, 'validate');
    if (r.ok && !r.problems?.length) {
      problems.replaceChildren(message('Inga fel: scenariot går att köra.', 'done'));
      return;
    }
    problems.replaceChildren(el('p', {}, r.ok ? 'Varningar:' : 'Fel att rätta:'),
      el('ol', { class: 'problem-list' }, r.problems.map((p) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => goTo(p.line, p.column) }, `rad ${p.line}:${p.column}`),
        ' ', p.key ? el('code', {}, p.key) : null, p.key ? ': ' : '', p.message))));
  } catch (e) {
    if (!api.aborted(e)) problems.replaceChildren(message(e.message, 'error'));
  }
}

/** Puts the caret at line:column (1-based) and scrolls the editor there. */
function goTo(line, column) {
  const lines = editor.value.split('\n');
  let at = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) at += lines[i].length + 1;
  at += Math.max(0, (column || 1) - 1);
  editor.focus();
  editor.setSelectionRange(at, at);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 22;
  editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
}
