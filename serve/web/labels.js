// Swedish names for the machine names in the API's answers, as output/display_names.cpp gives
// them to the terminal and the workbook ("insats.X.utilization" → "Förbrukningsgrad: X").
// The server's own names (a "name" or "label" field, the summary sentences) win where given.

const words = {
  aktivt_arbetssokande: 'aktivt arbetssökande', ordinarie_rehab: 'ordinarie rehabilitering',
  sjukersattning: 'sjukersättning', aktivitetsersattning: 'aktivitetsersättning', halsa: 'hälsa',
  foraldraledighet: 'föräldraledighet', annan: 'annan orsak', okand: 'okänd',
  tidsbegransning: 'tidsgräns nådd', a_kassa: 'a-kassa', aktivitetsstod: 'aktivitetsstöd',
  forsorjningsstod: 'försörjningsstöd', studiestod: 'studiestöd',
  annan_offentlig: 'annan offentlig försörjning', ingen_offentlig: 'ingen offentlig försörjning',
  af: 'Arbetsförmedlingen', fk: 'Försäkringskassan', self: 'egen', other: 'annan',
};

export const outcomes = {
  equity: 'Eget kapital', result: 'Resultat', equity_ratio: 'EK/driftbidrag', driftbidrag: 'Driftbidrag',
  costs: 'Kostnader', cash_min: 'Lägsta kassa', served: 'Deltagare',
  exits_work_studies: 'Avslut till arbete/studier', income: 'Övriga intäkter',
  above_cap: 'Sannolikhet: EK över taket', below_floor: 'Sannolikhet: EK under golvet',
  cash_negative: 'Sannolikhet: Kassa under noll',
};

export const limits = {
  max_p_below_floor: 'golvet', max_p_cash_negative: 'kassan', equity_target: 'målet för eget kapital',
  max_p_above_cap: 'taket', none: 'ingen',
};

export const payments = {
  monthly: 'månadsvis', quarterly_advance: 'kvartalsvis i förskott', quarterly_arrears: 'kvartalsvis i efterskott',
  annual_advance: 'årsvis i förskott', annual_arrears: 'årsvis i efterskott',
};

const attributes = {
  'insats.': [
    ['.participants.referrals_per_month', 'Remisser per månad'], ['.participants.capacity', 'Platser'],
    ['.participants.opening_active', 'Aktiva deltagare vid start'], ['.participants.opening_queue', 'Kö vid start'],
    ['.participants.queue_abandon_per_month', 'Andel i kö som avbryter per månad'],
    ['.participants.women_share', 'Andel kvinnor'], ['.participants.cost_per_start', 'Kostnad per ny deltagare'],
    ['.participants.cost_per_participant_month', 'Kostnad per deltagarmånad'], ['.participants', 'Deltagarflöden'],
    ['.utilization', 'Förbrukningsgrad'], ['.budget', 'Budget'],
    ['.early_end_probability', 'Sannolikhet att avslutas i förtid'], ['.renewal_probability', 'Sannolikhet att förnyas'],
    ['.continuation', 'Fortsättning (förtida avslut, förnyelse)'], ['.kind', 'Slag'], ['.payment', 'Betalning'],
  ],
  'income.': [['.amount', 'Intäkt'], ['.probability', 'Sannolikhet för intäkt'], ['.payment', 'Betalning av intäkt'], ['.kind', 'Slag av intäkt']],
  'cost.': [['.amount', 'Kostnad'], ['.probability', 'Sannolikhet för kostnad'], ['.growth', 'Kostnadsökning per år'], ['.payment', 'Betalning av kostnad'], ['.kind', 'Slag av kostnad']],
  'member.': [['.population_16_64', 'Befolkning 16–64 år'], ['.population', 'Befolkning 16–64 år'], ['.forsorjningsmatt', 'Försörjningsmått'], ['.kind', 'Slag av medlem']],
};

const whole = {
  'forbund.opening_equity': 'Ingående eget kapital', 'forbund.opening_cash': 'Ingående kassa',
  'forbund.opening_receivables': 'Ingående fordringar', 'forbund.opening_payables': 'Ingående skulder',
  'forbund.equity_cap_share': 'Takets andel av driftbidraget', 'forbund.equity_floor': 'Golv för eget kapital',
  'funding.state': 'Statens bidrag', 'funding.state_growth': 'Ökning av statens bidrag per år',
  'funding.allocation': 'Statens fördelningsmodell',
};

function withoutYear(path) {
  if (whole[path]) return whole[path];
  if (path.startsWith('funding.contributions.')) return `Medlemsbidrag: ${path.slice(22)}`;
  for (const [prefix, list] of Object.entries(attributes)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    for (const [suffix, label] of list)
      if (rest.length > suffix.length && rest.endsWith(suffix)) return `${label}: ${rest.slice(0, -suffix.length)}`;
  }
  return null;
}

/** "insats.MySam.budget[1]" with first year 2024 → "Budget: MySam 2025". */
export function keyPathLabel(path, firstYear = 0) {
  const m = /^(.*)\[(\d+)\]$/.exec(path);
  const bare = m ? m[1] : path;
  const label = withoutYear(bare);
  if (!label) return path;
  if (!m) return label;
  return `${label} ${firstYear > 0 ? firstYear + Number(m[2]) : `år ${Number(m[2]) + 1}`}`;
}

/** A sensitivity factor: a key path, or a group "a+b" → "A + B". */
export function factorLabel(name, firstYear = 0) {
  if (!name.includes('+')) return keyPathLabel(name, firstYear);
  const parts = name.split('+');
  const labels = parts.map((p) => keyPathLabel(p, firstYear));
  return labels.some((l, i) => l === parts[i]) ? keyPathLabel(name, firstYear) : labels.join(' + ');
}

/** Any stored machine name in Swedish; an insats' or member's own name as it is. */
export function storedLabel(raw, firstYear = 0) {
  if (words[raw]) return words[raw];
  if (outcomes[raw]) return outcomes[raw];
  if (limits[raw]) return limits[raw];
  if (raw === 'kommun') return 'Kommunerna (var och en för sina invånare)';
  if (raw === 'region') return 'Regionen';
  return factorLabel(raw, firstYear);
}
