// Förbund: the answer in words, the key table, the equity fan, the risks per year and the cash.
import { el, kr, decimal, probability } from '../format.js';
import * as charts from '../charts.js';
import { summaryList, warningsBox, yearTable, quantileColumn, chartBox, message, floorOf } from './common.js';

let root;
let app;
const fanBox = chartBox('Eget kapital: medianen med 50 %- och 90 %-banden, taket och golvet', 460);
const riskBox = chartBox('Sannolikheterna per år', 340);
const cashBox = chartBox('Kassan vid varje månads slut', 340);

export function init(section, theApp) {
  root = section;
  app = theApp;
  root.append(message('Välj ett scenario ovan, läs in en egen scenariofil eller skapa ett förbund under Nytt förbund.'));
  app.on('result', render);
  app.on('run-error', (e) => {
    root.replaceChildren(el('h2', {}, 'Förbund'), message(e.message, 'error'));
  });
}

export function render(r) {
  const years = app.years();
  const d = r.deterministic || {};
  const mc = r.montecarlo || {};
  const levels = mc.quantile;
  const runs = app.runs();
  const p = (x) => probability(x, runs);
  const q = (level) => quantileColumn(mc.equity_q, levels, level);
  const floor = floorOf(r) ?? app.floor ?? 0; // the format's default floor is 0 kr
  const edited = Object.keys(app.edits).length;

  const rows = [
    { label: 'Driftbidrag', values: d.driftbidrag, format: kr },
    { label: 'Övriga intäkter', values: d.income, format: kr },
    { label: 'Kostnader', values: d.costs, format: kr },
    { label: 'Årets resultat', values: d.result, format: kr, class: 'strong' },
    { label: 'Eget kapital (väntevärde)', values: d.equity, format: kr },
    { label: 'Tak för eget kapital', values: d.equity_cap, format: kr },
    { label: 'EK/driftbidrag', values: d.equity_ratio, format: (x) => decimal(x) },
    { label: 'Lägsta kassa (väntevärde)', values: d.cash_min, format: kr },
  ];
  if (mc.equity_q) rows.push(
    { label: 'Eget kapital P5', values: q(0.05), format: kr, attrs: () => ({ 'data-q': 'p5' }) },
    { label: 'Eget kapital P50 (median)', values: q(0.5), format: kr, class: 'strong', attrs: () => ({ 'data-q': 'p50' }) },
    { label: 'Eget kapital P95', values: q(0.95), format: kr, attrs: () => ({ 'data-q': 'p95' }) },
    { label: 'P(EK över taket)', values: mc.p_equity_above_cap, format: p, attrs: () => ({ 'data-p': 'above_cap' }) },
    { label: 'P(EK under golvet)', values: mc.p_equity_below_floor, format: p, attrs: () => ({ 'data-p': 'below_floor' }) },
    { label: 'P(kassan under noll någon månad)', values: mc.p_cash_negative, format: p, attrs: () => ({ 'data-p': 'cash_negative' }) });

  const caption = `Nyckeltal per år${edited ? ' – med budgetändringarna' : ''}${app.textName ? ` – ${app.textName}` : ''}`;
  root.replaceChildren(
    el('h2', {}, 'Förbund'),
    summaryList(r.summary, 'forbund-summary'),
    warningsBox(r.warnings),
    el('div', { class: 'scroll' }, yearTable(years, rows, caption, { id: 'key-table' })),
  );
  if (mc.equity_q) {
    root.append(el('h3', {}, 'Eget kapital: spridningen över körningarna'), fanBox.box);
    charts.fan(fanBox.canvas, {
      years, p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95),
      cap: d.equity_cap, floor: floor === null ? undefined : years.map(() => floor),
    });
    root.append(el('h3', {}, 'Riskerna per år'), riskBox.box);
    charts.risks(riskBox.canvas, years, [
      { label: 'EK över taket', data: mc.p_equity_above_cap },
      { label: 'EK under golvet', data: mc.p_equity_below_floor },
      { label: 'Kassan under noll någon månad', data: mc.p_cash_negative },
    ], p);
    const any = [['något år över taket', mc.p_any_equity_above_cap], ['något år under golvet', mc.p_any_equity_below_floor],
      ['kassan under noll någon månad', mc.p_any_cash_negative]].filter(([, v]) => v !== undefined);
    if (any.length) root.append(el('p', { class: 'note' }, `Över hela perioden: ${any.map(([l, v]) => `${l} ${p(v)}`).join(', ')}.`));
  } else {
    root.append(message('Svaret har ingen Monte Carlo-körning: bara väntevärdet visas.'));
  }
  if (Array.isArray(d.cash) && d.cash.length) {
    const months = r.months || r.dims?.month || d.month || years.flatMap((y) => Array.from({ length: 12 }, (_, m) => y * 100 + m + 1));
    root.append(el('h3', {}, 'Kassan månad för månad'), cashBox.box);
    charts.cash(cashBox.canvas, months.slice(0, d.cash.length), d.cash);
  }
}
