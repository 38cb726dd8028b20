// The one place that says what a result means, in Swedish sentences, the answer first: one
// builder per result kind (run, helårsprognos, compare, room, sensitivity, backtest, merger).
// The command prints the sentences before any table and stores them in the result file's
// `summary` attribute, from which the workbook's first sheet, the CSV's README and later views
// show them (docs/reports.md). Amounts read "2 073 600 kr", probabilities "82,1 %", and an event
// no run (or every run) met "< 0,1 %" / "> 99,9 %" at 10 000 runs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/backtest.h"
#include "analysis/budget_room.h"
#include "analysis/comparison.h"
#include "analysis/forecast.h"
#include "analysis/merger_impact.h"
#include "analysis/sensitivity.h"
#include "engine/monte_carlo.h"
#include "input/scenario.h"
#include "models/projection.h"

namespace finsim {

using Sentences = std::vector<std::string>;

/// A Monte Carlo probability in words: "82,1 %", or the one-sided 95 % bound when no run or every
/// run met the event ("< 0,1 %", "> 99,9 %" at 10 000 runs).
std::string chance_text(double p, std::uint64_t runs);

/// run: the cap (the first year whose equity P50 is above it, by how much and how likely), the
/// floor, and the cash. `montecarlo` null (--deterministic): the expected values ("väntevärde").
Sentences run_summary(const Scenario& s, const Projection& expected, const MonteCarloResults* montecarlo);

/// The helårsprognos: the year's result (P50 and the 90 % interval, or the expected value), and
/// where the förbund's own forecast lies.
Sentences forecast_summary(const YearForecast& f);

/// compare: per variant, the paired difference in equity in the last year (P50, P5–P95) and the
/// change in each risk over the horizon.
Sentences comparison_summary(const Comparison& c);

/// room: the most (and least) that can be spent from the year, with its window, payment and
/// interval, the binding limit and the next one.
Sentences room_summary(const Scenario& s, const BudgetRoom& r);

/// sensitivity: the three factors that drive the output most (total index ST as the share, or the
/// tornado's swing without a Sobol design).
Sentences sensitivity_summary(const Scenario& s, const Sensitivity& r, const SensitivitySettings& settings);

/// backtest: how many actual outcomes fell inside the 90 % and 50 % bands.
Sentences backtest_summary(const Backtest& b);

/// merger: the yearly change in driftbidrag and the lost base amounts, the admin saving, and per
/// kommun who pays more or less.
Sentences merger_summary(const MergerImpact& m);

/// The sentences as the terminal prints them: one per line, then an empty line.
std::string summary_lines(const Sentences& sentences);

}  // namespace finsim
