// What a scenario says about an insats' participants: the [insats.participants] table.
#pragma once
#include <Eigen/Core>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "input/calendar.h"
#include "sampling/distribution.h"

namespace finsim {

/// The most people an insats may hold or be told of (opening counts, observed counts), and the
/// highest mean referral rate: a replication's work grows with its people (clarification 60).
inline constexpr double max_people = 1e6;
inline constexpr double max_referrals_per_month = 1e5;

/// Exit reasons (avslutsorsaker): the eleven a scenario may give, then `tidsbegransning`
/// (left at the time limit or when the insats ended).
inline constexpr int reason_count = 12;
inline constexpr int given_reason_count = 11;
inline constexpr int tidsbegransning = 11;
const std::array<std::string, reason_count>& reason_names();

/// Sources of support (försörjningskällor): nine at entry, plus `arbete` and `studier` at exit.
inline constexpr int support_count = 11;
inline constexpr int entry_support_count = 9;
inline constexpr int support_arbete = 9;
inline constexpr int support_studier = 10;
const std::array<std::string, support_count>& support_names();

/// Who referred a participant.
inline constexpr int referrer_count = 6;
const std::array<std::string, referrer_count>& referrer_names();

/// Genders as reports count them: kvinnor, män.
inline constexpr int gender_count = 2;
inline constexpr int women = 0;
inline constexpr int men = 1;
const std::array<std::string, gender_count>& gender_labels();

/// Exit counts over the first eleven reasons (tidsbegransning is never given).
using ReasonWeights = std::array<double, given_reason_count>;
using EntrySupport = std::array<double, entry_support_count>;

/// The figures a report gives for one period, used to derive rates the scenario leaves out.
struct Observed {
  std::string file;          ///< the file the table is written in (a variant's or its base's)
  int line = 0, column = 0;  ///< where the table is written, for messages
  YearMonth start;           ///< first month of the period
  bool start_given = false;  ///< false: the insats' first active month
  int months = 0;
  double served = 0.0;
  double new_participants = 0.0;  ///< `new` in the file
  double exits = 0.0;
  std::optional<ReasonWeights> exits_by_reason;
  std::optional<double> women, men;  ///< served by gender
  std::optional<double> opening_active;

  double opening() const { return opening_active.value_or(served - new_participants); }
};

/// An insats' participant flows as written, before calibration.
struct ParticipantSpec {
  std::optional<double> capacity;  ///< places; none = no limit
  std::optional<double> opening_active;
  double opening_queue = 0.0;
  double queue_abandon_per_month = 0.0;
  std::optional<Uncertain> referrals_per_month;
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::array<double, referrer_count> referrers{0, 0, 0, 0, 0, 1};  ///< default: all "other"
  std::optional<double> women_share;
  std::vector<double> kommun_shares;  ///< per member; empty: by population
  std::optional<std::array<double, gender_count>> mean_stay_months;
  int max_stay_months = 0;  ///< 0: no limit
  std::optional<ReasonWeights> exit_reasons;
  bool exit_reasons_are_counts = false;
  std::array<EntrySupport, gender_count> entry_support{};
  /// exit_support: row s gives the exit sources of people who entered with source s. Rows not
  /// given follow the rule: reason arbete → arbete, studier → studier, otherwise the entry source.
  Eigen::Matrix<double, entry_support_count, support_count> exit_support =
      Eigen::Matrix<double, entry_support_count, support_count>::Zero();
  std::array<bool, entry_support_count> exit_support_row_given{};
  std::optional<Observed> observed;
  double cost_per_start = 0.0;
  double cost_per_participant_month = 0.0;

  /// The exit-reason weights in force: `exit_reasons`, else the observed exits by reason (the
  /// reader ensures one of them is given).
  const ReasonWeights& reason_weights() const { return exit_reasons ? *exit_reasons : *observed->exits_by_reason; }
  /// Whether those weights are counts (observations) rather than shares.
  bool reason_weights_are_counts() const { return exit_reasons ? exit_reasons_are_counts : true; }
};

/// Weights scaled to sum to 1 over the eleven given reasons (tidsbegransning 0); all zeros stay 0.
inline std::array<double, reason_count> normalized_reason_mix(const ReasonWeights& w)
{
  double sum = 0.0;
  for (double x : w) sum += x;
  std::array<double, reason_count> mix{};
  for (int r = 0; r < given_reason_count; ++r) mix[r] = sum > 0.0 ? w[r] / sum : 0.0;
  return mix;
}

}  // namespace finsim
