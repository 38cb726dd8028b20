// Reading the analyses' form fields as a Swedish user types them.
import { parseAmount } from '../format.js';

/** "5" or "5 %" or "2,5" → 0.05, 0.025 (a share given in percent); "" → null when optional. */
export function parseShare(text, optional = false) {
  const t = String(text).replace(/%/g, '').trim();
  if (t === '') return optional ? { value: null } : { error: 'skriv en procentsats, t.ex. 5.' };
  const r = parseAmount(t);
  if (r.error || r.value < 0 || r.value > 100) return { error: `"${text}" ska vara en procentsats mellan 0 och 100.` };
  return { value: r.value / 100 };
}

export function parseOptionalAmount(text) {
  if (String(text).trim() === '') return { value: null };
  return parseAmount(text);
}
