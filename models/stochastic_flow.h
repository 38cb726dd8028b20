// Participant flows in stochastic mode: whole people, each admitted person's stay drawn once.
#pragma once
#include "engine/random_stream.h"
#include "models/participant_flow.h"

namespace finsim {

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
/// stays, and whether an exit is to work or studies). `breakdowns`, when given, draws the rest
/// (referrer, kommun, source of support, and the reason within those two groups) and fills the
/// tables by referrer, reason, source of support and kommun; without it those tables are empty.
/// The totals are the same with or without breakdowns.
InsatsFlows simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns);

/// The same, writing into `out` and reusing its storage.
void simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns, InsatsFlows& out);

}  // namespace finsim
