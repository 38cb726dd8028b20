// Swedish names for the machine names in the API's answers. The server gives them from its one
// name table (output/display_names): the fixed vocabulary from GET /api/names at start, and each
// answer's own names (factors, label words) in its "labels". Nothing is named here.

export const outcomes = {};
export const limits = {};
export const payments = {};
export const budgetKinds = {};
export const memberKinds = {};
export const budgetKindOrder = [];
export const defaultPayments = {};
const learned = {};

/** Loads the fixed vocabulary; the page calls it once before the views are drawn. */
export async function loadNames(get) {
  const names = await get('/api/names');
  Object.assign(outcomes, names.outcomes);
  Object.assign(limits, names.limits);
  Object.assign(payments, names.payments);
  Object.assign(budgetKinds, names.budget_kinds);
  Object.assign(memberKinds, names.member_kinds);
  budgetKindOrder.push(...(names.budget_kind_order || []));
  Object.assign(defaultPayments, names.default_payments);
}

/** Keeps an answer's names ("labels": raw → Swedish). */
export function learn(labels) {
  if (labels) Object.assign(learned, labels);
}

const lookup = (raw) => learned[raw] ?? outcomes[raw] ?? limits[raw] ?? raw;

/** A key path ("insats.MySam.budget[1]") as the server named it. */
export const keyPathLabel = (path) => lookup(path);
/** A sensitivity factor as the server named it. */
export const factorLabel = (name) => lookup(name);
/** Any stored machine name as the server named it; an insats' or member's own name as it is. */
export const storedLabel = (raw) => lookup(raw);
