// Participant flows of one insats: referrals, queue, stays and exits, month by month.
#pragma once
#include <array>
#include <limits>
#include <span>
#include <vector>

#include "input/participant_spec.h"
#include "models/finance.h"

namespace finsim {

/// The settled parameters of one insats' flows over a run of `months` months.
struct FlowParameters {
  int months = 0;            ///< length of the run
  int calendar_offset = 0;   ///< calendar month (0 = January) of the run's first month
  int first_month = 0;       ///< first active month of the insats within the run
  int last_month = 0;        ///< last active month within the run
  bool ends_in_run = false;  ///< the insats ends after `last_month` (its `to` lies within the run)
  double capacity = std::numeric_limits<double>::infinity();
  double queue_abandon = 0.0;
  double referrals_per_month = 0.0;
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::array<double, referrer_count> referrers{0, 0, 0, 0, 0, 1};
  double women_share = 0.5;
  std::vector<double> kommun_shares;                            ///< one per kommun member, in member order
  std::array<double, gender_count> exit_probability{1.0, 1.0};  ///< 1 / mean stay, per gender
  int max_stay_months = 0;                                      ///< 0: no limit
  std::array<double, reason_count> reason_mix{};                ///< over the eleven given reasons (tidsbegransning 0)
  std::array<EntrySupport, gender_count> entry_support{};
  /// Per gender: for an exit with reason r (row), the distribution of the source at exit.
  std::array<Eigen::Matrix<double, reason_count, support_count>, gender_count> exit_support_by_reason;
  /// Per gender: for an exit with reason r (row), the share that entered with source s (column)
  /// and leaves to arbete or studier (the exits a [valuation] values, clarification 51).
  std::array<Eigen::Matrix<double, reason_count, entry_support_count>, gender_count> work_studies_by_entry;
  double opening_active = 0.0;
  double opening_queue = 0.0;

  /// Every field equal (a Sobol design's runs reuse flows whose parameters are the same).
  bool operator==(const FlowParameters&) const = default;
};

/// Who is in the insats and the queue in expected-value mode: active people by gender and
/// completed months of stay (one bucket when there is no time limit), and the queue by gender.
struct FlowState {
  std::array<std::vector<double>, gender_count> active;
  std::array<double, gender_count> queue{0.0, 0.0};

  double active_total() const;
  double queue_total() const { return queue[0] + queue[1]; }
};

/// What happened in one month, in the expected mode; the stochastic mode with breakdowns fills
/// only the tables by gender, referrer, reason, source of support and kommun (its totals go to
/// FlowTally::add_totals year by year).
struct MonthFlows {
  double referrals = 0.0, abandoned = 0.0, starts = 0.0;
  std::array<double, gender_count> referrals_by_gender{}, starts_by_gender{}, exits_by_gender{};
  double exits_work_studies = 0.0;           ///< exits with reason arbete or studier
  double active_end = 0.0, queue_end = 0.0;  ///< after admissions, before an insats' end
  std::array<double, referrer_count> referrals_by_referrer{};
  std::vector<double> starts_by_kommun;
  std::array<double, support_count> entry_support{}, exit_support{};
  std::array<std::array<double, reason_count>, gender_count> exits{};  ///< by gender and reason

  /// Zeroes every count for the next month, keeping the vectors' storage.
  void reset(std::size_t kommuner);
  /// Sets the exit totals (by gender, to work or studies) from the table `exits`.
  void total_exits();
};

/// Yearly figures of one insats' flows (year = month / 12 of the run). The tables (by gender,
/// referrer, reason, source of support and kommun) are empty (0 columns) when the run drew no
/// breakdowns; the vectors are always filled.
struct InsatsFlows {
  std::vector<double> referrals, starts, served, active_end, queue_end, abandoned, exits, exits_work_studies,
      participant_months, mean_wait_months, capacity_use;
  YearTable referrals_by_gender, starts_by_gender, exits_by_gender;
  YearTable referrals_by_referrer, exits_by_reason, entry_support, exit_support, starts_by_kommun, served_by_kommun;
  YearTable work_studies_by_entry;         ///< exits whose exit source is arbete or studier, by source at entry
  std::vector<double> starts_monthly;      ///< per month of the run
  std::vector<double> active_end_monthly;  ///< per month of the run
};

/// Adds the flows of a later funded spell to `total` (clarification 29): counts and tables add; the
/// yearly rates (wait, capacity use) of the years the spell ran are the spell's.
void add_spell(const InsatsFlows& spell, InsatsFlows& total);

/// Totals over a month or a year: the flows summed, and the month-end active and queue summed
/// over the months (for mean wait and capacity use).
struct FlowTotals {
  double referrals = 0.0, abandoned = 0.0, starts = 0.0, exits = 0.0, exits_work_studies = 0.0;
  double active_months = 0.0, queue_months = 0.0;
};

/// Sums an insats' months into its yearly figures, in either mode, writing into `out` (whose
/// storage is reused: a Monte Carlo replication keeps it from the one before).
class FlowTally {
 public:
  FlowTally(const FlowParameters& p, bool breakdowns, InsatsFlows& out);
  /// Those active when year `year` (or the insats) begins count as served that year;
  /// `by_kommun` splits them (used only with breakdowns).
  void carried(int year, double active, std::span<const double> by_kommun);
  /// Adds month `month` in full; `active` and `queue` are the counts after it (and after an
  /// insats' end).
  void add(int month, const MonthFlows& m, double active, double queue);
  /// Adds totals of year `year` (one month or several); `active` and `queue` are the counts
  /// after the last of them. The monthly series are the caller's to fill.
  void add_totals(int year, const FlowTotals& t, double active, double queue);
  /// Adds a month's tables by gender, referrer, reason, source of support and kommun, except
  /// referrals by gender (nothing without breakdowns).
  void add_breakdowns(int year, const MonthFlows& m);
  /// Adds `count` people of gender g referred in year `year` (nothing without breakdowns).
  void add_referrals_by_gender(int year, int g, double count);
  /// Completes the yearly means (wait, capacity use).
  void finish();

 private:
  const FlowParameters& p_;
  bool breakdowns_;
  InsatsFlows& f_;  ///< mean_wait_months and capacity_use hold sums until finish()
};

/// Draws as expected values: the exact expected path with fractional people.
struct ExpectedDraws {
  void multinomial(double n, std::span<const double> p, std::span<double> counts)
  {
    for (std::size_t i = 0; i < p.size(); ++i) counts[i] = n * p[i];
  }
};

/// Share of the stationary active population with k+1 completed months, k = 0..buckets−1, when
/// each month a share `exit_probability` leaves.
std::vector<double> stationary_stay(double exit_probability, int buckets);

/// The women's share of the active population in the stationary state: the referral mix
/// weighted by mean stay.
double stationary_women_share(const FlowParameters& p);

/// Sets up the expected opening state at the insats' first active month: opening_active spread
/// over gender and completed stay as in the stationary state, the opening queue by women_share.
FlowState opening_state(const FlowParameters& p);

/// One month of an active insats in expected-value mode, in the order of the issue: time-limit
/// exits, exits at the monthly hazard with reasons, referrals join the queue, the queue loses its
/// abandoners, free places are filled from the queue. `calendar_month` (0–11) picks the
/// seasonality factor.
void step_month(FlowState& state, const FlowParameters& p, int calendar_month, MonthFlows& out);

/// The source at exit of the month's exits (`m.exits`), split per gender and reason by the
/// parameters' exit-support rows. `Draws` is ExpectedDraws or RandomStream.
template <class Draws>
void assign_exit_support(const FlowParameters& p, Draws& draws, MonthFlows& m);

/// Runs the flows over the whole run in expected-value mode (fractional people, every
/// breakdown) and sums them by year. The stochastic mode is in models/stochastic_flow.h.
InsatsFlows simulate_flows(const FlowParameters& p);

}  // namespace finsim
