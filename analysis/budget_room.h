// The budget room: how much extra yearly spending from a year on keeps the board's limits on the
// risk of equity below the floor, of cash below zero, of missing an equity target and of equity
// above the cap (docs/planning-day.md). The extra spend is a room insats of a fixed yearly amount
// E; each run's equity and cash are linear in E, so each run has an exact threshold and the
// answer is an order statistic of the thresholds, to the krona for the drawn runs.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/monte_carlo.h"
#include "input/calendar.h"
#include "models/payment.h"
#include "models/projection.h"

namespace finsim {

/// What the board asks of the budget (clarifications 34–37).
struct RoomLimits {
  int from_year = 0;            ///< the extra spend starts in January of this year
  std::optional<YearMonth> to;  ///< its last month (default: the horizon's last)
  Payment payment = Payment::quarterly_arrears;
  double max_p_below_floor = 0.05;      ///< P(EK < golv at some year end from from_year) ≤ this
  double max_p_cash_negative = 0.05;    ///< P(kassa < 0 at some month end from from_year) ≤ this
  std::optional<double> equity_target;  ///< X: P(EK ≥ X at every year end from from_year) ≥ target_probability
  double target_probability = 0.5;
  std::optional<double> max_p_above_cap;  ///< P(EK > tak at the last year end) ≤ this: a least spend
};

/// The limits in the order that breaks ties for the binding one; the cap last.
enum class RoomLimit { max_p_below_floor, max_p_cash_negative, equity_target, max_p_above_cap };
inline constexpr std::array<RoomLimit, 4> room_limits{RoomLimit::max_p_below_floor, RoomLimit::max_p_cash_negative,
                                                      RoomLimit::equity_target, RoomLimit::max_p_above_cap};
/// The limit's option name without dashes, as stored: "max_p_below_floor", …
const char* limit_name(RoomLimit l);
/// The limit of a stored name, or nullopt ("none", or not a limit's name).
std::optional<RoomLimit> limit_named(const std::string& name);

/// One limit's own bound on E and how the runs stand at E = 0.
struct LimitBound {
  bool given = false;
  double bound = 0.0;           ///< E at the limit in whole kronor (a max down, the cap's min up; ±inf: no bound)
  std::array<double, 2> ci{};   ///< 95 % interval from the order statistics
  double p_at_zero = 0.0;       ///< the limit's probability at E = 0
  double margin_at_zero = 0.0;  ///< how far the limit is missed at E = 0 (> 0: missed), a share
  double exact = 0.0;           ///< `bound` unrounded
};

/// The answer and the risk curve.
struct BudgetRoom {
  RoomLimits limits;
  std::uint64_t runs = 0;
  double max_extra_spend = 0.0;  ///< NaN when unbounded or when no amount meets the limits
  double min_extra_spend = 0.0;  ///< NaN without the cap limit or when no amount meets them
  std::array<double, 2> max_ci{}, min_ci{};
  /// The limit that sets the maximum, or (none met) the one missed most; none when nothing bounds it.
  std::optional<RoomLimit> binding;
  double shortfall = 0.0;  ///< when no amount meets the limits: the binding limit's miss at E = 0 (share)
  bool feasible = true;
  std::array<LimitBound, 4> bounds;      ///< per RoomLimit
  std::vector<double> equity_per_krona;  ///< a_y: year-end equity lost per krona of yearly E, per year
  /// The risk curve over 41 amounts from 0 to 1.5 × the answer (clarification 37).
  std::vector<double> extra_spend, p_below_floor_any, p_cash_negative_any, p_above_cap_last, p_equity_target_met;
  std::vector<std::array<double, 9>> equity_last_q;  ///< per amount: last year-end equity quantiles
  Projection expected;                               ///< the scenario's expected-value projection (E = 0)
  MonteCarloResults montecarlo;                      ///< the scenario's own Monte Carlo (E = 0)
  bool interrupted = false;
};

/// Whole kronor in the direction that keeps a bound: a maximum rounds down, a minimum up, so
/// 1 814 001.49 is at most 1 814 001 and at least 1 814 002 (clarifications 36, 81); −0 becomes
/// 0; ±inf and NaN stay.
double krona_down(double x);
double krona_up(double x);

/// The room insats of yearly amount `amount` as the limits place it (utilisation 1, no
/// continuation draws, no participants), named so that it cannot clash with the scenario's.
Insats room_insats(const Scenario& s, const RoomLimits& limits, double amount);

/// Checks the limits against the scenario: a year or month outside the horizon, a window reaching
/// into months `[year_to_date]` has booked, or the equity rule within reach: InputError.
void check_room_limits(const Scenario& s, const RoomLimits& limits);

/// Runs the Monte Carlo of `p` once and finds the room.
BudgetRoom find_room(const PreparedScenario& p, const RoomLimits& limits, const MonteCarloSettings& settings);

}  // namespace finsim
