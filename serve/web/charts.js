// The charts (Chart.js 3.9.1, global Chart, served at /chart.js): the equity fan, risks per
// year, cash per month, the tornado, the room's risk curve, a comparison and who pays/benefits.
import { krShort, kr, percent, number } from './format.js';

const Chart = window.Chart;
if (Chart) {
  Chart.defaults.font.size = 16;
  Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
  Chart.defaults.color = '#1d2733';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.locale = 'sv-SE';
  // On paper the boxes are narrower (A4): redraw every chart to the printed size and back.
  const resizeAll = () => Object.values(Chart.instances).forEach((c) => c.resize());
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
}

export const colors = {
  blue: '#1f5fa8', band90: 'rgba(31, 95, 168, 0.16)', band50: 'rgba(31, 95, 168, 0.34)',
  red: '#b3261e', orange: '#c25e00', green: '#2e7d32', grey: '#5f6b7a', purple: '#6a3d9a',
};

const charts = new WeakMap();

/** Draws into a canvas, replacing the chart it held. */
function draw(canvas, config) {
  charts.get(canvas)?.destroy();
  if (!Chart) return null;
  const chart = new Chart(canvas.getContext('2d'), config);
  charts.set(canvas, chart);
  return chart;
}

const krAxis = (title) => ({
  title: { display: Boolean(title), text: title },
  ticks: { callback: (v) => krShort(v) },
  grid: { color: '#e3e7ec' },
});
const percentAxis = (title, max = 1) => ({
  min: 0, max, title: { display: Boolean(title), text: title },
  ticks: { callback: (v) => percent(v).replace(',0 %', ' %') }, grid: { color: '#e3e7ec' },
});
const legend = { position: 'bottom', labels: { boxWidth: 36, padding: 18, usePointStyle: true } };
const krTooltip = { callbacks: { label: (c) => `${c.dataset.label}: ${kr(c.parsed.y ?? c.parsed.x)}` } };

// A line shows as a line in the legend, a band (backgroundColor only) as a box.
const line = (label, data, color, extra = {}) => ({
  label, data, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 3, tension: 0,
  pointStyle: 'line', ...extra,
});

/** The equity fan: P5–P95 and P25–P75 bands, the median, the cap and the floor as lines. */
export function fan(canvas, { years, p5, p25, p50, p75, p95, cap, floor }) {
  const band = (label, data, fill) => line(label, data, 'rgba(0,0,0,0)', { fill, backgroundColor: fill, borderWidth: 0, pointStyle: 'rect' });
  return draw(canvas, {
    type: 'line',
    data: {
      labels: years,
      datasets: [
        band('P5', p5, false),
        { ...band('P5–P95 (9 av 10 utfall)', p95, colors.band90), fill: '-1' },
        band('P25', p25, false),
        { ...band('P25–P75 (hälften av utfallen)', p75, colors.band50), fill: '-1' },
        line('Median (P50)', p50, colors.blue, { pointRadius: 5, pointStyle: 'circle' }),
        line('Tak för eget kapital', cap, colors.red, { borderDash: [10, 6] }),
        line('Golv för eget kapital', floor, colors.orange, { borderDash: [4, 4] }),
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { ...legend, labels: { ...legend.labels, filter: (i) => i.text !== 'P5' && i.text !== 'P25' } },
        tooltip: { ...krTooltip, filter: (i) => i.dataset.label !== 'P5' && i.dataset.label !== 'P25' },
      },
      scales: { y: krAxis('Eget kapital vid årets slut') },
    },
  });
}

/** Risks per year as grouped bars (probabilities, 0–100 %). */
export function risks(canvas, years, series, formatP) {
  const palette = [colors.red, colors.orange, colors.purple];
  return draw(canvas, {
    type: 'bar',
    data: { labels: years, datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: palette[i % 3] })) },
    options: {
      plugins: { legend, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatP(c.parsed.y)}` } } },
      scales: { y: percentAxis('Sannolikhet') },
    },
  });
}

/** Cash at each month end (expected-value projection), zero as a line. */
export function cash(canvas, months, values) {
  const labels = months.map((m) => `${String(m).slice(0, 4)}-${String(m).slice(4)}`);
  return draw(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        line('Kassa vid månadens slut (väntevärde)', values, colors.blue, { fill: { target: { value: 0 }, below: 'rgba(179,38,30,0.25)', above: 'rgba(31,95,168,0.10)' } }),
        line('Noll', values.map(() => 0), colors.red, { borderDash: [6, 6], borderWidth: 2 }),
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: { legend, tooltip: krTooltip },
      scales: { y: krAxis('Kassa'), x: { ticks: { maxTicksLimit: 12 } } },
    },
  });
}

/** The tornado: one bar per factor from its low to its high output, sorted by swing. */
export function tornado(canvas, { labels, low, high, base, unit }) {
  const fmt = unit === 'kr' ? kr : unit === 'p' ? percent : number;
  const axis = unit === 'kr' ? (v) => krShort(v) : unit === 'p' ? (v) => percent(v) : (v) => number(v);
  canvas.parentElement.style.height = `${Math.max(260, 70 + 44 * labels.length)}px`;
  return draw(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Indata lågt (P10, eller −10 % för ett fast belopp)', data: low.map((v) => [base, v]), backgroundColor: colors.orange },
        { label: 'Indata högt (P90, eller +10 %)', data: high.map((v) => [base, v]), backgroundColor: colors.blue },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        legend,
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(c.raw[1])}` } },
      },
      scales: {
        x: { beginAtZero: false, grace: '5%', ticks: { callback: axis }, title: { display: true, text: `Mittfallet: ${fmt(base)}` } },
        y: { stacked: true },
      },
    },
  });
}

/** The room's risk curve: each limit's probability against the extra yearly spend. */
export function roomCurve(canvas, { amounts, curves, answer }) {
  const palette = [colors.orange, colors.red, colors.green, colors.purple];
  const datasets = [];
  curves.forEach((c, i) => {
    datasets.push(line(c.label, amounts.map((x, k) => ({ x, y: c.data[k] })), palette[i % 4]));
    if (c.limit !== undefined && c.limit !== null)
      datasets.push(line(`Gräns: ${c.label}`, amounts.map((x) => ({ x, y: c.limit })), palette[i % 4], { borderDash: [8, 6], borderWidth: 2 }));
  });
  if (answer !== null && answer !== undefined && Number.isFinite(answer))
    datasets.push(line('Svaret', [{ x: answer, y: 0 }, { x: answer, y: 1 }], colors.grey, { borderDash: [2, 4], borderWidth: 2 }));
  return draw(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      parsing: true,
      plugins: {
        legend: { ...legend, labels: { ...legend.labels, filter: (i) => !i.text.startsWith('Gräns: ') } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(c.parsed.y)} vid ${kr(c.parsed.x)} per år` } },
      },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Extra utgift per år' }, ticks: { callback: (v) => krShort(v) } },
        y: percentAxis('Sannolikhet'),
      },
    },
  });
}

/** Several scenarios' equity medians with their P5–P95 bands, one colour each. */
export function comparison(canvas, years, scenarios) {
  const palette = [colors.blue, colors.orange, colors.green, colors.purple];
  const datasets = [];
  scenarios.forEach((s, i) => {
    const c = palette[i % 4];
    const fill = c + '22';
    datasets.push(line(`${s.label} P5`, s.p5, 'rgba(0,0,0,0)', { borderWidth: 0, fill: false }));
    datasets.push(line(`${s.label}: P5–P95`, s.p95, 'rgba(0,0,0,0)', { borderWidth: 0, fill: '-1', backgroundColor: fill, pointStyle: 'rect' }));
    datasets.push(line(`${s.label}: median`, s.p50, c, { pointRadius: 5, pointStyle: 'circle' }));
  });
  if (scenarios[0]?.cap) datasets.push(line('Tak (grundscenariot)', scenarios[0].cap, colors.red, { borderDash: [10, 6] }));
  return draw(canvas, {
    type: 'line',
    data: { labels: years, datasets },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { ...legend, labels: { ...legend.labels, filter: (i) => !i.text.endsWith(' P5') } },
        tooltip: { ...krTooltip, filter: (i) => !i.dataset.label.endsWith(' P5') },
      },
      scales: { y: krAxis('Eget kapital vid årets slut') },
    },
  });
}

/** Horizontal bars, two series per category: who pays against who benefits. */
export function paysBenefits(canvas, labels, pays, benefits) {
  canvas.parentElement.style.height = `${Math.max(260, 90 + 60 * labels.length)}px`;
  return draw(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Betalar (driftbidrag till det sammanslagna förbundet)', data: pays, backgroundColor: colors.orange },
        { label: 'Får tillbaka (eget värde av avslut)', data: benefits, backgroundColor: colors.green },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${kr(c.parsed.x)}` } } },
      scales: { x: krAxis('Per år') },
    },
  });
}
