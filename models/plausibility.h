// Plausibility warnings: numbers a scenario may hold but almost surely holds by mistake (a growth
// of 3 meant as 3 %), and calibrations that miss the reported figures. Warnings, not errors: the
// run goes on, and they go to stderr, to `validate`'s list and into the result file.
#pragma once
#include <string>
#include <vector>

#include "models/projection.h"

namespace finsim {

/// Limits beyond which a number is taken for a mistake.
inline constexpr double plausible_growth = 0.5;         ///< yearly growth rate
inline constexpr double plausible_amount_share = 10.0;  ///< one line's amount ÷ the year's driftbidrag
inline constexpr double plausible_stay_months = 120.0;  ///< mean stay
inline constexpr double plausible_referrals_per_month = 1000.0;
inline constexpr double calibration_tolerance = 0.5;  ///< people: fitted against reported

/// Whether the calibrated model misses the reported new or exit count by more than the tolerance.
bool calibration_missed(const Calibration& c);

/// Every warning for `p`, one sentence each (key path first), in scenario order.
std::vector<std::string> plausibility_warnings(const PreparedScenario& p);

}  // namespace finsim
