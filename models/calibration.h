// Calibration: the rates an insats' [participants] table leaves out, derived so that the
// expected-value flows over its observed period reproduce the reported new and exit counts.
#pragma once
#include <optional>
#include <vector>

#include "input/scenario.h"
#include "models/flow_inputs.h"

namespace finsim {

/// Rates derived from an insats' observed period so that the expected-value run over that
/// period reproduces the reported new and exit counts.
struct Calibration {
  bool referrals_derived = false;
  bool stay_derived = false;
  double referrals_per_month = 0.0;
  double mean_stay_months = 0.0;
  double fitted_new = 0.0;    ///< starts of the expected-value run over the period
  double fitted_exits = 0.0;  ///< exits of the expected-value run over the period
  Observed observed;
  YearMonth start;  ///< first month of the observed period
};

/// One per insats (nullopt where it has no participants or no observed figures).
using Calibrations = std::vector<std::optional<Calibration>>;

/// Calibrations for every insats (nullopt where it has no participants or no observed figures).
/// Throws InputError when the figures cannot be reproduced (e.g. capacity too small).
Calibrations calibrate_participants(const Scenario& s);

/// The calibration of insats `i` alone (nullopt without participants or observed figures): an
/// analysis that changes one insats' participants recalibrates only that one.
std::optional<Calibration> calibrate_insats(const Scenario& s, std::size_t i);

}  // namespace finsim
