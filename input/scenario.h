// A scenario: one samordningsförbund's members, money and insatser, as read from a TOML file.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "input/calendar.h"
#include "input/participant_spec.h"
#include "input/payment_schedule.h"
#include "sampling/correlation.h"
#include "sampling/distribution.h"

namespace finsim {

/// An opening balance-sheet item (kortfristiga skulder or fordringar) and the horizon month in which
/// it is settled: 0 by default, `months()` or later when it stays open past the horizon.
struct OpeningItem {
  double amount = 0.0;
  int month = 0;
};

/// The förbund itself and the horizon of the projection.
struct Forbund {
  std::string name;
  int first_year = 0;
  int years = 0;  ///< horizon in calendar years, 1–30
  double opening_equity = 0.0;
  double opening_cash = 0.0;
  OpeningItem opening_payables;     ///< kortfristiga skulder, paid in `month`
  OpeningItem opening_receivables;  ///< kortfristiga fordringar, received in `month`
  double equity_cap_share = 0.20;
  double equity_floor = 0.0;

  int months() const { return years * 12; }
  /// Other net assets G = opening equity − cash − receivables + payables: what the opening
  /// balance holds beyond them (clarification 26), constant over the horizon.
  double other_net_assets() const
  {
    return opening_equity - opening_cash - opening_receivables.amount + opening_payables.amount;
  }
};

enum class MemberKind { state, region, kommun };

/// A medlem: Försäkringskassan, Arbetsförmedlingen, a region or a kommun.
struct Member {
  std::string name;
  MemberKind kind = MemberKind::kommun;
  double population = 0.0;        ///< inhabitants (kommun only)
  double forsorjningsmatt = 0.0;  ///< the kommun's försörjningsmått (allocation model, kommun only)
  double population_16_64 = 0.0;  ///< inhabitants 16–64 (allocation model, kommun only)
};

/// The months in which a line is active, as indices from January of the first year,
/// clipped to the horizon.
struct ActiveMonths {
  YearMonth from;
  YearMonth to;
  bool to_given = false;  ///< false: open-ended (the default `to` is the horizon's last month)
  int first = 0;          ///< first active month index within the horizon
  int last = 0;           ///< last active month index within the horizon
};

/// Försäkringskassan's allocation model (`[funding.allocation]`, clarifications 44–46): the state
/// half = base_amount + (national_total − forbund_count × base_amount) × (w_f s_f + w_p s_p),
/// limited by a yearly cut and reduced by the equity rule (trappa).
struct Allocation {
  Series national_total;  ///< the state's Finsam money for all förbund (grows by state_growth past its list)
  Series forbund_count;   ///< how many förbund share it
  double base_amount = 400000.0;
  double forsorjningsmatt_weight = 0.75, population_weight = 0.25;
  /// This förbund's shares of the national försörjningsmått and population 16–64: given, or
  /// the kommun members' figures over the national totals (then fixed).
  Uncertain forsorjningsmatt_share, population_share;
  std::optional<double> max_yearly_cut;  ///< the allocation falls by at most this share a year
  std::optional<double> equity_threshold_share, equity_deduction_share;  ///< the equity rule: both or none

  bool equity_rule() const { return equity_threshold_share.has_value() && equity_deduction_share.has_value(); }
};

/// The driftbidrag: the state half with the members matching it, the allocation model, or each
/// member's amount.
struct Funding {
  std::optional<Series> state;           ///< the state half (FK + AF together) per year
  std::optional<Allocation> allocation;  ///< the state half from the allocation model instead
  Uncertain state_growth;                ///< yearly growth past the lists
  std::vector<Series> contributions;     ///< per member (same order), when given explicitly
  Payment payment = Payment::quarterly_advance;
};

/// Other income: ESF, extra state money, other förbund.
struct Income {
  std::string name;
  Series amount;
  ActiveMonths active;
  double probability = 1.0;
  Payment payment = Payment::quarterly_advance;
};

enum class CostKind { kansli, styrelse, finansiell, other };

/// An admin or other cost line.
struct Cost {
  std::string name;
  CostKind kind = CostKind::other;
  Series amount;
  Uncertain growth;
  ActiveMonths active;
  double probability = 1.0;
  int unless_income = -1;   ///< index into incomes: booked only when that income does not come
  int follows_income = -1;  ///< index into incomes: booked only when, and as far as, that income comes
  Payment payment = Payment::monthly;
  bool contracted = false;  ///< fixed by agreement: a forecast takes its budget (`[year_to_date]`)
  bool reserve = false;     ///< ofördelade medel: a forecast takes what is booked and decided
};

enum class InsatsKind { individual, structural };

/// An insats financed by the förbund.
struct Insats {
  std::string name;
  InsatsKind kind = InsatsKind::individual;
  int owner = -1;  ///< index into members, -1 when not given
  Series budget;   ///< granted SEK per year
  ActiveMonths active;
  Uncertain utilization;           ///< share of the grant actually used
  bool utilization_given = false;  ///< false: the Monte Carlo draws the default (docs/forecasting.md)
  bool contracted = false;         ///< fixed by agreement: a forecast takes its budget (`[year_to_date]`)
  bool reserve = false;            ///< ofördelade medel: a forecast takes what is booked and decided
  Payment payment = Payment::quarterly_arrears;
  std::optional<ParticipantSpec> participants;  ///< [insats.participants], when given
  double early_end_probability = 0.0;           ///< Monte Carlo: chance per active year of stopping early
  double renewal_probability = 1.0;             ///< Monte Carlo: chance each December of another year
};

/// The seeds' history of use (share of a year's grant spent): Sollefteå 2016 "förbrukat 92 %",
/// and 1.02, 0.99 and 0.83 (Skellefteå-Norsjö 2017) — docs/forecasting.md, clarification 58.
inline const std::vector<double> default_use_history{0.92, 1.02, 0.99, 0.83};

/// The utilisation of an insats that gives none: drawn in the Monte Carlo from the Student-t
/// predictive of default_use_history (location 0.94, scale 0.094, 3 degrees of freedom), clamped
/// to 0–1; the expected-value projection keeps 1.0, the grant as given.
Uncertain default_utilization(const std::string& path);

/// A year's actual outcome from an annual report, to set the projection beside.
struct Actual {
  int year = 0;
  std::optional<double> driftbidrag, income, costs, result, equity;
};

/// A distribution or probability made from a key's past observations (`{ history = [...] }`),
/// kept so `finsim validate` can show what was made.
struct HistoryPrior {
  std::string path;
  std::vector<double> history;
  Distribution made;     ///< the predictive (student_t), or the fixed posterior-mean probability
  double deterministic;  ///< the value the deterministic run uses (the location, clamped)
};

/// How `finsim run --method` forecasts the first year's months left after `[year_to_date]`
/// (clarification 54): the rest of the budget as accrued, the pace so far continued, or the
/// line's own uncertainty with the utilisation updated by the year so far.
enum class ForecastMethod { budget, pace, model };

/// How `[year_to_date]` amounts were booked (clarification 97): as paid (the delårsrapport's
/// habit: invoiced and paid) or accrued (periodiserat).
enum class BookingBasis { paid, accrued };

/// The förbund's own helårsprognos, shown beside finsim's and never used by it.
struct OwnForecast {
  std::optional<double> result;
  std::vector<std::optional<double>> incomes, costs, insatser;  ///< per line, as the lines of YearToDate
};

/// Actuals to date in the horizon's first year (`[year_to_date]`): booked amounts per line,
/// positive as booked (costs as costs), and the cash at the end of `through`.
struct YearToDate {
  YearMonth through;
  int through_month = 0;              ///< horizon month index of `through` (0–11)
  std::optional<double> driftbidrag;  ///< the members' contributions booked to date, all together
  std::optional<double> cash;         ///< the cash at the end of `through`, when given
  std::vector<std::optional<double>> incomes, costs, insatser;  ///< per line; nullopt: not given
  ForecastMethod method = ForecastMethod::model;                ///< from the command line
  BookingBasis basis = BookingBasis::paid;
  std::optional<double> driftbidrag_expected;           ///< the year's driftbidrag when a member pays less than decided
  std::vector<double> decided_costs, decided_insatser;  ///< per line: decided from a reserve for the rest of the year
  OwnForecast own;
};

/// The yearly public cost of one person on a source of support and who bears it (`[valuation]`).
struct SupportCost {
  double cost = 0.0;
  std::string payer;  ///< a member's name, "kommun" (the participant's kommun) or "region"
};

/// The value of exits to work or studies (`[valuation]`, clarification 51): per source of
/// support at entry, the public cost avoided per year, over the horizons in `years`.
struct Valuation {
  int year = 0;                  ///< the year the figures are from
  std::vector<int> years{1, 5};  ///< the horizons, in years
  double discount_rate = 0.0;
  std::array<std::optional<SupportCost>, entry_support_count> costs;  ///< per source at entry
  std::vector<std::string> payers;                                    ///< every payer named, in first-seen order
};

/// A file a scenario was read from, stored in the output beside the merged text.
struct ScenarioFile {
  std::string path, text;
};

/// Everything one scenario file says.
struct Scenario {
  std::string source;  ///< the file path, or the built-in name
  std::string text;    ///< the file's full text (a variant's: merged, without `extends`), stored in the output
  std::vector<ScenarioFile> files;  ///< the named file, then its bases (a variant's chain)
  Forbund forbund;
  std::vector<Member> members;
  Funding funding;
  std::vector<Income> incomes;
  std::vector<Cost> costs;
  std::vector<Insats> insatser;
  std::optional<Actual> actual;
  std::vector<Correlation> correlations;
  std::vector<HistoryPrior> priors;  ///< what each `history` became, in file order
  std::optional<YearToDate> year_to_date;
  std::optional<Valuation> valuation;
};

/// Every number of the scenario that is a distribution (not fixed), in file order.
std::vector<const Uncertain*> random_quantities(const Scenario& s);

}  // namespace finsim
