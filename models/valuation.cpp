#include "models/valuation.h"

#include <algorithm>
#include <cmath>

namespace finsim {

double horizon_factor(int horizon, double discount_rate)
{
  double sum = 0.0;
  for (int j = 0; j < horizon; ++j) sum += std::pow(1.0 + discount_rate, -j);
  return sum;
}

ValueOfExits value_of_exits(const Scenario& s, const Projection& p)
{
  const Valuation& v = *s.valuation;
  ValueOfExits out;
  out.payers = v.payers;
  out.horizons = v.years;
  out.insatser = static_cast<int>(s.insatser.size());
  out.years = s.forbund.years;
  out.values.assign(static_cast<std::size_t>(out.insatser) * out.payers.size() * out.horizons.size() *
                        static_cast<std::size_t>(out.years),
                    0.0);
  for (int i = 0; i < out.insatser; ++i) {
    const std::optional<InsatsFlows>& f = p.flows[static_cast<std::size_t>(i)];
    if (!f || f->work_studies_by_entry.cols() == 0) continue;
    for (int source = 0; source < entry_support_count; ++source) {
      const std::optional<SupportCost>& cost = v.costs[static_cast<std::size_t>(source)];
      if (!cost) continue;
      const auto payer =
          static_cast<int>(std::find(out.payers.begin(), out.payers.end(), cost->payer) - out.payers.begin());
      for (std::size_t h = 0; h < out.horizons.size(); ++h)
        for (int y = 0; y < out.years; ++y)
          out.at(i, payer, static_cast<int>(h), y) +=
              f->work_studies_by_entry(source, y) * cost->cost * horizon_factor(out.horizons[h], v.discount_rate);
    }
  }
  return out;
}

namespace {

/// Per kommun member and year: its residents' share of what the payers `counted` picks bear (the
/// first horizon); an insats' value split by its participants served from each kommun.
YearTable residents_value(const Scenario& s, const Projection& p, const ValueOfExits& value,
                          const std::vector<bool>& counted)
{
  int kommuner = 0;
  for (const Member& m : s.members) kommuner += m.kind == MemberKind::kommun ? 1 : 0;
  YearTable out = YearTable::Zero(kommuner, s.forbund.years);
  for (int i = 0; i < value.insatser; ++i) {
    const std::optional<InsatsFlows>& f = p.flows[static_cast<std::size_t>(i)];
    if (!f || f->served_by_kommun.rows() != kommuner) continue;
    for (int y = 0; y < value.years; ++y) {
      double total = 0.0;
      for (std::size_t payer = 0; payer < value.payers.size(); ++payer)
        if (counted[payer]) total += value.at(i, static_cast<int>(payer), 0, y);
      const double served = f->served_by_kommun.col(y).sum();
      if (served > 0.0) out.col(y) += total * f->served_by_kommun.col(y) / served;
    }
  }
  return out;
}

}  // namespace

YearTable kommun_value_of_exits(const Scenario& s, const Projection& p)
{
  if (!s.valuation) return residents_value(s, p, ValueOfExits{}, {});
  const ValueOfExits value = value_of_exits(s, p);
  return residents_value(s, p, value, std::vector<bool>(value.payers.size(), true));
}

YearTable kommun_own_value_of_exits(const Scenario& s, const Projection& p)
{
  if (!s.valuation) return residents_value(s, p, ValueOfExits{}, {});
  const ValueOfExits value = value_of_exits(s, p);
  std::vector<bool> kommun;
  for (const std::string& payer : value.payers) kommun.push_back(payer == "kommun");
  YearTable out = residents_value(s, p, value, kommun);
  const YearTable by_payer = payer_value_of_exits(value);
  Eigen::Index row = 0;
  for (const Member& m : s.members) {
    if (m.kind != MemberKind::kommun) continue;
    const auto named = std::find(value.payers.begin(), value.payers.end(), m.name);
    if (named != value.payers.end()) out.row(row) += by_payer.row(named - value.payers.begin());
    ++row;
  }
  return out;
}

YearTable payer_value_of_exits(const ValueOfExits& value)
{
  YearTable out = YearTable::Zero(static_cast<Eigen::Index>(value.payers.size()), value.years);
  for (std::size_t payer = 0; payer < value.payers.size(); ++payer)
    for (int i = 0; i < value.insatser; ++i)
      for (int y = 0; y < value.years; ++y)
        out(static_cast<Eigen::Index>(payer), y) += value.at(i, static_cast<int>(payer), 0, y);
  return out;
}

}  // namespace finsim
