// The value of exits to work or studies (`[valuation]`, clarification 51): each exit whose source
// of support at exit is arbete or studier is worth the yearly public cost of its source at entry
// over each horizon, per payer, booked in the year of exit. The figures are the user's inputs.
#pragma once
#include <string>
#include <vector>

#include "input/scenario.h"
#include "models/projection.h"

namespace finsim {

/// Σ_{j<h} (1 + r)^−j: what one year's cost avoided for `horizon` years is worth today.
double horizon_factor(int horizon, double discount_rate);

/// The value of the exits of one projection: insats × payer × horizon × year, row-major.
struct ValueOfExits {
  std::vector<std::string> payers;
  std::vector<int> horizons;
  int insatser = 0, years = 0;
  std::vector<double> values;

  double& at(int insats, int payer, int horizon, int year) { return values[index(insats, payer, horizon, year)]; }
  double at(int insats, int payer, int horizon, int year) const { return values[index(insats, payer, horizon, year)]; }
  std::size_t index(int insats, int payer, int horizon, int year) const
  {
    return ((static_cast<std::size_t>(insats) * payers.size() + static_cast<std::size_t>(payer)) * horizons.size() +
            static_cast<std::size_t>(horizon)) *
               static_cast<std::size_t>(years) +
           static_cast<std::size_t>(year);
  }
};

/// The value of `p`'s exits under `s.valuation` (which must be given); insatser without
/// participants are worth 0.
ValueOfExits value_of_exits(const Scenario& s, const Projection& p);

/// Per kommun member (in member order) and year: its residents' share of the value, all payers,
/// the first horizon. An insats' value is split by its participants served from each kommun.
YearTable kommun_value_of_exits(const Scenario& s, const Projection& p);

/// Per kommun member (in member order) and year: the kommun's own value, the first horizon: its
/// residents' share of what payer "kommun" bears (split as in kommun_value_of_exits) and all of
/// what a payer of the kommun's own name bears. Not what Försäkringskassan, Arbetsförmedlingen or
/// the region gains.
YearTable kommun_own_value_of_exits(const Scenario& s, const Projection& p);

/// Per payer of `value` (its order) and year: the value over every insats, the first horizon.
YearTable payer_value_of_exits(const ValueOfExits& value);

}  // namespace finsim
