#include "montecarlo/replication_values.h"

#include <algorithm>
#include <span>

#include "engine/random_stream.h"

namespace finsim {

std::uint64_t occurrence_stream(std::uint64_t stream_id) { return stream_id ^ 0x9E3779B97F4A7C15ull; }

DrawPlan::DrawPlan(const Scenario& s) : years(s.forbund.years)
{
  bool ok = true;
  copula = copula_factor(s.correlations, ok);
  std::vector<Distribution> laws;  // the distribution of each entry in `scores`
  for (const Uncertain* u : random_quantities(s)) {
    Quantity q{.uncertain = u, .per_year = u->per_year()};
    const auto law = std::find(laws.begin(), laws.end(), u->distribution);
    q.score = static_cast<int>(law - laws.begin());
    if (law == laws.end()) {
      laws.push_back(u->distribution);
      scores.emplace_back(u->distribution);
    }
    const auto it = std::find(copula.paths.begin(), copula.paths.end(), u->path);
    if (it != copula.paths.end()) q.copula_index = static_cast<int>(it - copula.paths.begin());
    q.offset = value_count;
    value_count += q.per_year ? years : 1;
    quantities.push_back(q);
  }
  std::size_t size = 2;
  while (size < 2 * quantities.size()) size *= 2;
  lookup_.assign(size, {nullptr, -1});
  mask_ = size - 1;
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    std::size_t at = static_cast<std::size_t>(quantities[i].uncertain->stream_id) & mask_;
    while (lookup_[at].first != nullptr) at = (at + 1) & mask_;
    lookup_[at] = {quantities[i].uncertain, static_cast<int>(i)};
  }
  copula_quantity.assign(copula.paths.size(), -1);
  for (std::size_t i = 0; i < quantities.size(); ++i)
    if (quantities[i].copula_index >= 0)
      copula_quantity[static_cast<std::size_t>(quantities[i].copula_index)] = static_cast<int>(i);
}

ReplicationValues::ReplicationValues(const DrawPlan& plan, std::uint64_t seed, std::uint64_t replication)
    : plan_(plan), seed_(seed), replication_(replication), values_(static_cast<std::size_t>(plan.value_count))
{
  // Every number is its value at a standard normal score; a number's stream gives the score of
  // year 0 first, then year 1, … Correlated numbers mix their scores through the copula's
  // Cholesky factor, year by year (a number drawn once per run takes year 0's mix).
  auto values_of = [&](const DrawPlan::Quantity& q) {
    return std::span<double>(values_).subspan(static_cast<std::size_t>(q.offset),
                                              q.per_year ? static_cast<std::size_t>(plan.years) : 1);
  };
  for (const DrawPlan::Quantity& q : plan.quantities) {
    RandomStream stream(seed, replication, q.uncertain->stream_id);
    for (double& z : values_of(q)) z = stream.normal();
  }
  const auto n = static_cast<Eigen::Index>(plan.copula_quantity.size());
  if (n > 0) {
    auto scores = [&](Eigen::Index k) {
      return values_of(plan.quantities[static_cast<std::size_t>(plan.copula_quantity[static_cast<std::size_t>(k)])]);
    };
    // The independent scores of every year first: a number drawn once per run keeps its year-0
    // score, which the mixes of later years must not take as an input.
    Eigen::MatrixXd independent(n, plan.years);
    for (Eigen::Index k = 0; k < n; ++k)
      for (int y = 0; y < plan.years; ++y) {
        const std::span<double> v = scores(k);
        independent(k, y) = v[std::min<std::size_t>(static_cast<std::size_t>(y), v.size() - 1)];
      }
    Eigen::VectorXd correlated(n);
    for (int y = 0; y < plan.years; ++y) {
      correlated.noalias() = plan.copula.lower.triangularView<Eigen::Lower>() * independent.col(y);
      for (Eigen::Index k = 0; k < n; ++k) {
        const std::span<double> v = scores(k);
        if (v.size() > 1 || y == 0) v[static_cast<std::size_t>(y)] = correlated(k);
      }
    }
  }
  for (const DrawPlan::Quantity& q : plan.quantities) {
    const ScoreQuantile& at_score = plan.scores[static_cast<std::size_t>(q.score)];
    for (double& x : values_of(q)) x = q.uncertain->clamped(at_score(x));
  }
}

double ReplicationValues::value(const Uncertain& u, int year)
{
  if (u.is_fixed()) return u.expected();
  const DrawPlan::Quantity& q = plan_.quantities[static_cast<std::size_t>(plan_.quantity_of(&u))];
  const int index = q.per_year ? std::min(year, plan_.years - 1) : 0;
  return values_[static_cast<std::size_t>(q.offset + index)];
}

double ReplicationValues::occurs(double probability, std::uint64_t stream_id, int year)
{
  if (probability >= 1.0) return 1.0;
  if (probability <= 0.0) return 0.0;
  RandomStream stream(seed_, replication_, occurrence_stream(stream_id));
  double u = stream.uniform();
  for (int k = 0; k < year; ++k) u = stream.uniform();
  return u < probability ? 1.0 : 0.0;
}

}  // namespace finsim
