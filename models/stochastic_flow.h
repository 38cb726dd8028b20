// Participant flows in stochastic mode: whole people, each admitted person's stay drawn once.
#pragma once
#include <array>
#include <vector>

#include "engine/binomial_table.h"
#include "engine/geometric_table.h"
#include "engine/poisson_table.h"
#include "engine/random_stream.h"
#include "models/participant_flow.h"

namespace finsim {

/// What the stochastic mode derives from the parameters a Monte Carlo run keeps fixed (months,
/// time limit, exit probabilities, women's share, abandonment, capacity): the stay and binomial
/// tables and the opening spread over stay lengths. Made once per run and insats; the
/// replications share it and vary only referrals, the reason mix and the last month.
struct FlowTables {
  explicit FlowTables(const FlowParameters& p);

  std::array<GeometricTable, gender_count> stay;  ///< months to a hazard exit, told apart up to the limit or the run's end
  std::array<std::vector<double>, gender_count> opening_stay;  ///< cumulative stationary share by completed months
  double opening_women_share = 0.0;  ///< women's share of the opening participants
  BinomialTable women_among;  ///< how many of those referred are women
  BinomialTable abandons;     ///< how many of those waiting give up in a month
  int places = 0;          ///< whole places: ⌊capacity⌋, or the largest int when unlimited
};

/// Runs the flows of one insats in stochastic mode and sums them by year.
///
/// The law is the one of the monthly model in models/participant_flow.h: each month every
/// active person leaves at the time limit or, before it, with the monthly exit probability.
/// Because that hazard is memoryless, the month a person leaves is drawn once, at admission
/// (a geometric number of months, cut at the time limit), instead of thinning the active
/// population month by month; the exits of a month are the people scheduled for it. Opening
/// participants are spread over stay lengths as in the stationary state and then scheduled the
/// same way. Counts are whole people (opening figures are rounded).
///
/// `core` draws everything the totals depend on (referrals, genders, abandonment, admissions,
/// stays, and how many exits are to work or studies). `breakdowns`, when given, draws the rest
/// (referrer, kommun, source of support, the gender of exits to work or studies and the reason
/// within those two groups) and fills the tables by gender, referrer, reason, source of support
/// and kommun; without it those tables are empty. The totals are the same with or without
/// breakdowns.
InsatsFlows simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns);

/// The same, writing into `out` and reusing its storage; `tables` must be made from parameters
/// with the same fixed fields as `p`.
void simulate_flows(const FlowParameters& p, const FlowTables& tables, RandomStream& core, RandomStream* breakdowns,
                    InsatsFlows& out);

}  // namespace finsim
