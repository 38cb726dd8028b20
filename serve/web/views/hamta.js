// Hämta: the scenario file, the HDF5 result, the workbook and the HTML report of the chosen file.
import { el } from '../format.js';
import { query } from '../api.js';

let root;
let app;
let list;

const kinds = [
  ['xlsx', 'Arbetsboken (Excel)', 'Sammanfattning, nyckeltal, resultat- och balansräkning, kassaflöde och risker.'],
  ['h5', 'Resultatfilen (HDF5)', 'Alla tal för analytikern: öppnas i Python med xarray.'],
  ['toml', 'Scenariofilen (TOML)', 'Scenariot som text, för finsim på kommandoraden.'],
];

export function init(section, theApp) {
  root = section;
  app = theApp;
  list = el('ul', { class: 'downloads', id: 'download-list' });
  root.append(el('h2', {}, 'Hämta'), el('p', { class: 'lead', id: 'download-note' }), list);
  app.on('scenario', render);
  app.on('edits', render);
}

function render() {
  const note = root.querySelector('#download-note');
  const edited = Object.keys(app.edits).length && !app.saved;
  note.textContent = edited || app.text !== null
    ? `Filerna gäller ${app.file} som den är sparad. Spara budgetändringarna som ett alternativ först för att få med dem.`
    : `Filerna för ${app.file}.`;
  list.replaceChildren(...kinds.map(([kind, title, text]) => el('li', {},
    el('a', { href: query('/api/download', { file: app.file, kind }), download: '', 'data-kind': kind }, title),
    el('span', {}, ` – ${text}`))));
}
