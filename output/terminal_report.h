// The run's summary for the terminal, in Swedish.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "input/scenario.h"
#include "models/calibration.h"
#include "models/finance.h"
#include "models/participant_flow.h"
#include "models/projection.h"

namespace finsim {

/// Everything the expected-value run prints: the yearly table, the balance sheet at each year
/// end, the flags, the participants, the calibration and the comparison with an [actual] outcome.
std::string deterministic_report(const Scenario& s, const Projection& p, const Calibrations& calibrations);

/// One row per year: driftbidrag, other income, costs, result, closing equity, equity ratio,
/// cap and lowest month-end cash, with a heading naming the förbund and the scenario.
std::string finance_table(const Scenario& s, const FinanceProjection& p);

/// The balance sheet at each year end: kassa, fordringar, skulder, (övriga nettotillgångar,) eget
/// kapital.
std::string balance_sheet_table(const Scenario& s, const Projection& projection);

/// The flags spelled out, one per line ("EK över 20 %-taket 2025 …"), or a line saying there are
/// none.
std::string flag_lines(const Scenario& s, const FinanceProjection& p);

/// Participants per year: one row per insats with participants and one for the förbund's
/// total; "" when no insats has participants.
std::string participant_table(const Scenario& s, const FinanceProjection& p,
                              const std::vector<std::optional<InsatsFlows>>& flows);

/// The rates derived from observed figures and how well the expected-value run reproduces
/// the reported new and exit counts; "" when nothing was calibrated.
std::string calibration_lines(const Scenario& s, const Calibrations& calibrations);

/// The state allocation per year with its parts (with `[funding.allocation]`); "" otherwise.
std::string allocation_table(const Scenario& s, const Projection& p);

/// The value of exits to work or studies per year and horizon, and per payer (with `[valuation]`).
std::string valuation_table(const Scenario& s, const Projection& p);

/// The distributions made from `history` lists (`finsim validate`); "" when there are none.
std::string history_lines(const Scenario& s);

/// Projection beside the `[actual]` outcome for its year; "" when the scenario has none.
std::string actual_comparison(const Scenario& s, const FinanceProjection& p);

}  // namespace finsim
