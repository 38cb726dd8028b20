// Participant flows in stochastic mode: whole people, each admitted person's stay drawn once.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "models/participant_flow.h"
#include "sampling/binomial_table.h"
#include "sampling/inversion_table.h"
#include "sampling/random_stream.h"

namespace finsim {

/// When and how someone leaves, counted from the month they were admitted (or, for those active
/// at the start, from the month before the insats' first month).
struct Departure {
  static constexpr std::int32_t work_studies = 1;  ///< a hazard exit with reason arbete or studier
  static constexpr std::int32_t man = 2;           ///< otherwise a woman
  static constexpr std::int32_t at_limit = 4;      ///< at the time limit, otherwise at the hazard

  std::int32_t delay = 0;  ///< months until the exit, >= 1
  std::int32_t kind = 0;   ///< the flags above
};

/// What the stochastic mode derives from the parameters a Monte Carlo run keeps fixed (months,
/// time limit, exit probabilities, women's share, abandonment, capacity). Made once per run and
/// insats; the replications share it and vary only referrals, the reason mix and the last month.
struct FlowTables {
  explicit FlowTables(const FlowParameters& p);

  /// A newcomer's gender and months to a hazard exit as one outcome: women's waits 1 … longest + 1
  /// first, then men's (longest + 1 standing for every longer wait).
  InversionTable newcomer;
  std::vector<Departure> newcomer_departure;      ///< per outcome of `newcomer` (work_studies unset)
  std::array<InversionTable, gender_count> stay;  ///< per gender: months to a hazard exit − 1, as in `newcomer`
  std::array<InversionTable, gender_count> opening_completed;  ///< stationary completed months − 1
  double opening_women_share = 0.0;                            ///< women's share of the opening participants
  BinomialTable abandons;                                      ///< how many of those waiting give up in a month
  int places = 0;         ///< whole places: ⌊capacity⌋, or the largest int when unlimited
  int longest_delay = 0;  ///< the largest Departure::delay
};

/// Storage the stochastic mode reuses from one call to the next (a Monte Carlo replication keeps
/// it from the one before).
struct FlowWork {
  const std::atomic<bool>* stop = nullptr;                  ///< when set, the flows stop early (results unused)
  std::vector<double> referral_uniforms;                    ///< per active month, from the first
  std::vector<std::int32_t> referred;                       ///< per month
  std::vector<double> abandon_uniform;                      ///< per month
  std::vector<std::pair<double, Departure>> newcomer_kind;  ///< per outcome: the work-or-studies bound, departure
  std::vector<Departure> newcomers;                         ///< in order of admission
  std::vector<std::int64_t> exits;  ///< scheduled per month: 2^32 × exits + exits to work or studies
  /// With breakdowns: scheduled per gender at the hazard, at the limit and to work or studies.
  std::array<std::vector<std::int32_t>, gender_count> hazard, limit, work_studies;
  std::vector<std::int32_t> waiting;  ///< with breakdowns: the queue by year of referral
};

/// Runs the flows of one insats in stochastic mode and sums them by year.
///
/// The law is the one of the monthly model in models/participant_flow.h: each month every
/// active person leaves at the time limit or, before it, with the monthly exit probability, and
/// an exit at the hazard has reason arbete or studier with their share of the reason mix.
/// Because that hazard is memoryless, a person's exit month and whether it is to work or
/// studies are drawn once, at admission; the exits of a month are the people scheduled for it.
/// Opening participants are spread over stay lengths as in the stationary state and then
/// scheduled the same way. Counts are whole people (opening figures are rounded).
///
/// Everything that waits and leaves is gender-blind (abandonment is pro rata, places go to
/// whoever waits), so each person waiting is a woman with probability women_share whatever
/// happened before: a newcomer's gender is drawn with their stay, when they are admitted. With
/// breakdowns, people are admitted in the order they were referred, and the gender of those who
/// give up or still wait is drawn when they do; referrals by gender count each person's gender
/// in the year they were referred.
///
/// `core` and its sub-streams draw everything the totals depend on: `core` itself the opening
/// state (the women among those active, then per person the completed months and the stay);
/// sub-streams one referral uniform and one abandonment uniform per month, one uniform per
/// person admitted (its place within the interval of the drawn gender and stay decides work or
/// studies), and the rare counts the tables hand over; so a month's draws never shift with the
/// draws of the months before. `breakdowns`,
/// when given, draws the rest (referrer, kommun, source of support, reasons within the two
/// groups, and the cohorts and genders of those who never start) and fills the tables by gender,
/// referrer, reason, source of support and kommun; without it those tables are empty. The
/// totals are the same with or without breakdowns.
InsatsFlows simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns);

/// The same, writing into `out` and reusing its storage and `work`'s; `tables` must be made from
/// parameters with the same fixed fields as `p`.
void simulate_flows(const FlowParameters& p, const FlowTables& tables, RandomStream& core, RandomStream* breakdowns,
                    InsatsFlows& out, FlowWork& work);

}  // namespace finsim
