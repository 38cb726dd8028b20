// Swedish numbers as the terminal and the workbook write them: "1 416 000 kr", "82,1 %",
// and cells typed the way an economist types them ("1 416 000", "0,5", "−20 000").

const whole = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const missing = (x) => x === null || x === undefined || Number.isNaN(x);

/** 1416000 → "1 416 000" (ordinary spaces would break a line: Intl gives non-breaking ones). */
export function number(x) {
  if (missing(x)) return '–';
  return whole.format(Math.round(x) === 0 ? 0 : x);
}

/** 1416000 → "1 416 000 kr". */
export function kr(x) {
  return missing(x) ? '–' : `${number(x)} kr`;
}

/** A short axis label: 1 416 000 → "1,4 mnkr", 250 000 → "250 tkr". */
export function krShort(x) {
  if (missing(x)) return '';
  const a = Math.abs(x);
  if (a >= 1e6) return `${oneDecimal.format(x / 1e6)} mnkr`;
  if (a >= 1e3) return `${whole.format(x / 1e3)} tkr`;
  return `${whole.format(x)} kr`;
}

/** A share as a percentage with one decimal: 0.821 → "82,1 %". */
export function percent(x) {
  return missing(x) ? '–' : `${oneDecimal.format(100 * x)} %`;
}

/**
 * A probability from a Monte Carlo of `runs` runs, as format_probability in the terminal:
 * no run or every run hit gives the one-sided 95 % bound ("< 0,1 %" at 10 000 runs), a share
 * that would read "0,0 %" or "100,0 %" gets two decimals. Never "0,0 %" or "100,0 %".
 */
export function probability(p, runs) {
  if (missing(p)) return '–';
  const n = Math.max(runs || 1, 1);
  if (p === 0) return `< ${oneDecimal.format(Math.ceil(1000 * (1 - 0.05 ** (1 / n)) - 1e-9) / 10)} %`;
  if (p === 1) return `> ${oneDecimal.format(Math.floor(1000 * 0.05 ** (1 / n) + 1e-9) / 10)} %`;
  const text = percent(p);
  if (text !== percent(0) && text !== percent(1)) return text;
  const finer = twoDecimals.format(100 * p);
  if (finer === twoDecimals.format(0)) return `< ${twoDecimals.format(0.01)} %`;
  if (finer === twoDecimals.format(100)) return `> ${twoDecimals.format(99.99)} %`;
  return `${finer} %`;
}

/** A ratio with two decimals: 0.18 → "0,18". */
export function decimal(x, digits = 2) {
  if (missing(x)) return '–';
  return new Intl.NumberFormat('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/**
 * A cell as typed: "1 416 000", "1 416 000 kr", "1416000,50", "−20 000" (U+2212), with ordinary,
 * non-breaking (U+00A0), narrow (U+202F) or thin (U+2009) spaces. Gives {value} or {error}.
 */
export function parseAmount(text) {
  let t = String(text).trim().replace(/\s*kr\.?$/i, '');
  t = t.replace(/[\s\u00a0\u202f\u2009]/g, '').replace(/[\u2212\u2013]/g, '-');
  if (t === '') return { error: 'Skriv ett belopp, t.ex. 1 416 000 (0 för inget).' };
  if (/^-?\d+\.\d{3}(\.\d{3})*$/.test(t))
    return { error: `"${text}": skriv tusental med mellanslag (1 416 000), inte med punkt.` };
  const m = /^(-?\d+)(?:,(\d+))?$/.exec(t) || /^(-?\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return { error: `"${text}" är inget belopp. Skriv t.ex. 1 416 000 eller 250 000,50.` };
  const value = Number(m[2] ? `${m[1]}.${m[2]}` : m[1]);
  if (!Number.isFinite(value) || Math.abs(value) > 1e12) return { error: `"${text}" är för stort.` };
  return { value };
}

/** The nearest quantile level's index: levels [0.01, 0.05, …] and 0.5 → 4. */
export function quantileIndex(levels, q) {
  let best = 0;
  levels.forEach((l, i) => { if (Math.abs(l - q) < Math.abs(levels[best] - q)) best = i; });
  return best;
}

/** Creates an element: el('td', {class: 'x'}, 'text', child, …). */
export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}
