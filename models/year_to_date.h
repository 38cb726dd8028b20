// The helårsprognos: the horizon's first year of each line as its actual to date (`[year_to_date]`)
// plus the months left, forecast by the budget, the pace so far or the model (clarifications 54–57).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "input/scenario.h"
#include "models/finance.h"
#include "models/value_source.h"

namespace finsim {

/// How a forecast treats a line (clarifications 97–98).
enum class LineRole {
  ordinary,    ///< use so far, then the months left by the method with the default uncertainty
  contracted,  ///< fixed by agreement: its budget, whatever is booked
  reserve,     ///< ofördelade medel: booked plus what the board has decided
  grant,       ///< the decided driftbidrag: the year as decided (or driftbidrag_expected)
};

/// Which default uncertainty of the months left a line carries (docs/forecasting.md).
enum class DeviationKind { none, insats, admin };

/// One line's first year as the forecast sees it: its actual to date, its active months up to
/// and after `through`, and its expected (budgeted) accrual in each month of the year.
struct LineToDate {
  std::optional<double> actual;       ///< booked to date; nullopt: not given (forecast from its budget)
  int months_to_date = 0;             ///< k: active months up to `through`
  int months_left = 0;                ///< active months after `through` in the first year
  std::array<double, 12> expected{};  ///< expected accrual per month of the first year
  LineRole role = LineRole::ordinary;
  bool own_uncertainty = false;  ///< drawn amounts or utilisation of its own: no default deviation
  DeviationKind deviation = DeviationKind::none;
  /// What the line's schedule pays by the end of `through` at full use (basis "paid"; "accrued":
  /// its accrual to date at full use), and the use so far (booked ÷ that; 1 when nothing is due
  /// yet: the line's prior alone). Nullopt without an actual.
  std::optional<double> due_to_date, use;
  double full_use = 1.0;  ///< full use ÷ expected use (an insats' 1 ÷ expected utilisation)
  double decided = 0.0;   ///< a reserve: decided for the rest of the year
  /// The budget to date: what the line is budgeted to book by the end of `through` on the booking
  /// basis at its expected use (basis "paid": its schedule's payments; "accrued": its accrual).
  double budget_to_date = 0.0;
  std::string assumption;  ///< what the forecast assumed, in Swedish ("kvartalsvis i efterskott, 2 av 4 …")

  /// The full-year expected accrual (the `budget` dataset).
  double budget() const;
  /// Pace with nothing booked in an active month so far (k = 0): forecast from the budget, flagged.
  bool pace_unavailable() const { return actual && months_to_date == 0; }
};

/// A Beta law by its two shapes.
struct BetaShapes {
  double alpha = 0.0, beta = 0.0;
  double mean() const { return alpha / (alpha + beta); }
};

/// What every projection of a scenario with `[year_to_date]` shares: the lines' actuals and
/// expected accruals, the method, and per insats the posterior of its utilisation (model method).
struct YearToDatePlan {
  int through = 0;  ///< horizon month index of `through`
  ForecastMethod method = ForecastMethod::model;
  BookingBasis basis = BookingBasis::paid;
  /// The scales of the default deviation of the months left, as shares of a line's year budget:
  /// the kind's yearly scale while months are left (0 after December), one Student-t draw (3 df)
  /// per run and kind.
  double insats_deviation = 0.0, admin_deviation = 0.0;
  std::optional<double> cash;
  LineToDate driftbidrag;            ///< all members together
  std::vector<double> member_share;  ///< each member's share of the first year's expected driftbidrag
  std::vector<LineToDate> incomes, costs, insatser;
  /// Per insats (model method): Beta(α + kū, β + k(1 − ū)) from the prior Beta with the
  /// utilisation's mean and sd and the use so far ū; nullopt when the utilisation is fixed or no
  /// actual is given.
  std::vector<std::optional<BetaShapes>> posterior;
};

/// The yearly scale of the default deviation of an insats' use: the Student-t predictive of the
/// seeds' history of use (default_use_history), 0.094; of an admin line, 0.05 (docs/forecasting.md).
double insats_deviation_scale();
inline constexpr double admin_deviation_scale = 0.05;
inline constexpr double deviation_df = 3.0;

/// The plan for `s` (which has `year_to_date`), given its expected-value inputs without the
/// actuals (`expected`: the finance lines as budgeted, volume costs included).
YearToDatePlan plan_year_to_date(const Scenario& s, const FinanceInputs& expected);

/// Replaces the first year's accrual of every line in `in` by its actual to date spread over the
/// active months to date and the months left as the plan's method forecasts them.
void apply_year_to_date(const YearToDatePlan& plan, const Scenario& s, ValueSource& values, FinanceInputs& in);

/// A line with a single amount (one event per run) and a nonzero actual has occurred
/// (clarification 56): its probability becomes 1 for the whole run, and a cost booked unless such
/// an income comes is then never booked. Lines given per year are settled year by year in
/// apply_year_to_date.
void mark_occurred(const YearToDatePlan& plan, Scenario& s);

/// With the cash at `through` given: shifts the month-end cash so the month `through` shows it;
/// the gap joins the other net assets (the opening cash in `in` moves by it, clarification 57).
void settle_given_cash(const YearToDatePlan& plan, FinanceInputs& in, FinanceProjection& out);

/// The other net assets G = opening equity − cash − receivables + payables of the inputs.
double other_net_assets(const FinanceInputs& in);

}  // namespace finsim
