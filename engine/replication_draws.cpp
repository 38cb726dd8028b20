#include "engine/replication_draws.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "models/flow_inputs.h"
#include "sampling/random_stream.h"
#include "sampling/stream_keys.h"

namespace finsim {

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

DrawnNumbers::DrawnNumbers(const DrawPlan& plan, std::uint64_t seed, const StreamReplication& replication,
                           DrawScratch& scratch)
    : plan_(plan), seed_(seed), replication_(replication), values_(scratch.values)
{
  values_.resize(static_cast<std::size_t>(plan.value_count));  // every entry is written below
  // Every number is its value at a standard normal score; a number's stream gives the score of
  // year 0 first, then year 1, … Correlated numbers mix their scores through the copula's
  // Cholesky factor, year by year (a number drawn once per run takes year 0's mix).
  auto values_of = [&](const DrawPlan::Quantity& q) {
    return std::span<double>(values_).subspan(static_cast<std::size_t>(q.offset),
                                              q.per_year ? static_cast<std::size_t>(plan.years) : 1);
  };
  // One uniform per number: an uncorrelated number is its quantile there (inversion), a correlated
  // one takes the normal score Φ⁻¹(u) into the copula.
  for (const DrawPlan::Quantity& q : plan.quantities) {
    RandomStream stream(seed, replication.of(q.uncertain->stream_id), q.uncertain->stream_id);
    const ScoreQuantile& at = plan.scores[static_cast<std::size_t>(q.score)];
    if (q.copula_index < 0)
      for (double& x : values_of(q)) x = q.uncertain->clamped(at.at_uniform(stream.uniform()));
    else
      for (double& z : values_of(q)) z = normal_quantile(stream.uniform());
  }
  const auto n = static_cast<Eigen::Index>(plan.copula_quantity.size());
  if (n > 0) {
    auto scores = [&](Eigen::Index k) {
      return values_of(plan.quantities[static_cast<std::size_t>(plan.copula_quantity[static_cast<std::size_t>(k)])]);
    };
    // The independent scores of every year first: a number drawn once per run keeps its year-0
    // score, which the mixes of later years must not take as an input.
    Eigen::MatrixXd& independent = scratch.independent;
    independent.resize(n, plan.years);
    for (Eigen::Index k = 0; k < n; ++k)
      for (int y = 0; y < plan.years; ++y) {
        const std::span<double> v = scores(k);
        independent(k, y) = v[std::min<std::size_t>(static_cast<std::size_t>(y), v.size() - 1)];
      }
    Eigen::VectorXd& correlated = scratch.correlated;
    correlated.resize(n);
    for (int y = 0; y < plan.years; ++y) {
      correlated.noalias() = plan.copula.lower.triangularView<Eigen::Lower>() * independent.col(y);
      for (Eigen::Index k = 0; k < n; ++k) {
        const std::span<double> v = scores(k);
        if (v.size() > 1 || y == 0) v[static_cast<std::size_t>(y)] = correlated(k);
      }
    }
  }
  for (const DrawPlan::Quantity& q : plan.quantities) {
    if (q.copula_index < 0) continue;  // already its value
    const ScoreQuantile& at_score = plan.scores[static_cast<std::size_t>(q.score)];
    for (double& x : values_of(q)) x = q.uncertain->clamped(at_score(x));
  }
}

double DrawnNumbers::value(const Uncertain& u, int year) const
{
  if (u.is_fixed()) return u.expected();
  const DrawPlan::Quantity& q = plan_.quantities[static_cast<std::size_t>(plan_.quantity_of(&u))];
  const int index = q.per_year ? std::min(year, plan_.years - 1) : 0;
  return values_[static_cast<std::size_t>(q.offset + index)];
}

double DrawnNumbers::occurs(double probability, std::uint64_t stream_id, int year) const
{
  if (probability >= 1.0) return 1.0;
  if (probability <= 0.0) return 0.0;
  const std::uint64_t id = occurrence_stream(stream_id);
  RandomStream stream(seed_, replication_.of(id), id);
  double u = stream.uniform();
  for (int k = 0; k < year; ++k) u = stream.uniform();
  return u < probability ? 1.0 : 0.0;
}

std::optional<int> drawn_last_month(const Insats& insats, const Forbund& f, std::uint64_t seed,
                                    std::uint64_t replication, std::uint64_t stream_id)
{
  if (insats.early_end_probability <= 0.0 && insats.renewal_probability >= 1.0) return std::nullopt;
  RandomStream stream(seed, replication, stream_id);
  const int first = insats.active.first, last = insats.active.last;
  const int to_year = insats.active.to_given ? insats.active.to.year : f.first_year + f.years;
  for (int y = first / 12; y <= last / 12; ++y) {
    const double early = stream.uniform(), when = stream.uniform(), renew = stream.uniform();
    const int begin = std::max(first, 12 * y), end = std::min(last, 12 * y + 11);
    if (early < insats.early_end_probability)
      return begin + std::min(end - begin, static_cast<int>(when * (end - begin + 1)));
    if (f.first_year + y < to_year && end == 12 * y + 11 && renew >= insats.renewal_probability) return end;
  }
  return std::nullopt;
}

std::array<double, reason_count> drawn_reason_mix(const ParticipantSpec& spec, const ReasonStreams& streams,
                                                  std::uint64_t seed, std::uint64_t replication, bool within_groups)
{
  const ReasonWeights& w = spec.reason_weights();
  if (!spec.reason_weights_are_counts()) return normalized_reason_mix(w);
  // Dirichlet from gamma draws with shape = count: a sum of independent gammas is a gamma of the
  // summed shape, independent of the shares within the sum.
  RandomStream groups(seed, replication, streams.groups);
  auto group_draw = [&](int from, int to) {
    double shape = 0.0;
    for (int r = from; r < to; ++r) shape += w[r];
    return shape > 0.0 ? groups.gamma(shape) : 0.0;
  };
  const double work_studies = group_draw(0, 2), other = group_draw(2, given_reason_count);
  ReasonWeights within = w;
  if (within_groups) {
    RandomStream split(seed, replication, streams.within);
    for (int r = 0; r < given_reason_count; ++r) within[r] = w[r] > 0.0 ? split.gamma(w[r]) : 0.0;
  }
  ReasonWeights drawn{};
  auto spread = [&](int from, int to, double group) {
    double sum = 0.0;
    for (int r = from; r < to; ++r) sum += within[r];
    for (int r = from; r < to; ++r) drawn[r] = sum > 0.0 ? group * within[r] / sum : 0.0;
  };
  spread(0, 2, work_studies);
  spread(2, given_reason_count, other);
  return normalized_reason_mix(drawn);
}

ReplicationPlan::ReplicationPlan(const PreparedScenario& p)
    : prepared(p),
      scenario(p.scenario),
      calibrations(p.calibrations),
      numbers(p.scenario),
      insatser(p.scenario.insatser.size())
{
  const Scenario& s = p.scenario;
  const Calibrations& c = p.calibrations;
  ExpectedValues expected;
  for (std::size_t i = 0; i < s.insatser.size(); ++i) {
    const Insats& insats = s.insatser[i];
    InsatsPlan& plan = insatser[i];
    plan.continuation = continuation_stream(insats.name);
    plan.year_to_date = year_to_date_stream(insats.name);
    if (!insats.participants) continue;
    plan.reasons.emplace(insats.name);
    plan.participants = participant_stream(insats.name);
    plan.tables.emplace(flow_parameters(s, i, c[i], expected));
  }
}

ReplicationDraws::ReplicationDraws(const ReplicationPlan& plan, std::uint64_t seed,
                                   const StreamReplication& replication, FlowWork& work, DrawScratch& scratch,
                                   FlowReuse* reuse)
    : plan_(plan),
      seed_(seed),
      replication_(replication),
      work_(work),
      reuse_(reuse),
      numbers_(plan.numbers, seed, replication, scratch)
{
}

std::optional<int> ReplicationDraws::last_month(std::size_t i)
{
  const std::uint64_t id = plan_.insatser[i].continuation;
  return drawn_last_month(plan_.scenario.insatser[i], plan_.scenario.forbund, seed_, replication_.of(id), id);
}

std::array<double, reason_count> ReplicationDraws::reason_mix(std::size_t i, const ParticipantSpec& spec)
{
  const ReasonStreams& streams = *plan_.insatser[i].reasons;  // one factor: both streams switch together
  return drawn_reason_mix(spec, streams, seed_, replication_.of(streams.groups), false);
}

double ReplicationDraws::posterior_utilization(std::size_t i, double alpha, double beta)
{
  const std::uint64_t id = plan_.insatser[i].year_to_date;
  RandomStream stream(seed_, replication_.of(id), id);
  Distribution posterior;
  posterior.kind = DistributionKind::beta;
  posterior.mean = alpha / (alpha + beta);
  posterior.sd = std::sqrt(alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1.0)));
  return posterior.quantile(stream.uniform());
}

double ReplicationDraws::forecast_deviation(int kind, double scale, double df)
{
  if (!(scale > 0.0)) return 0.0;
  const std::uint64_t id = forecast_deviation_stream(kind);
  RandomStream stream(seed_, replication_.of(id), id);
  Distribution t;
  t.kind = DistributionKind::student_t;
  t.mean = 0.0;
  t.sd = scale;
  t.df = df;
  return t.quantile(stream.uniform());
}

void ReplicationDraws::run_flows(std::size_t i, int spell, const FlowParameters& p, InsatsFlows& out)
{
  const std::uint64_t id =
      spell == 0 ? plan_.insatser[i].participants : participant_stream(plan_.scenario.insatser[i].name, spell);
  const std::uint64_t replication = replication_.of(id);
  if (reuse_ != nullptr)
    if (const InsatsFlows* same = reuse_->find(i, spell, replication, p)) {
      out = *same;
      return;
    }
  RandomStream stream(seed_, replication, id);
  simulate_flows(p, *plan_.insatser[i].tables, stream, nullptr, out, work_);  // the outcomes need no breakdowns
  if (reuse_ != nullptr) reuse_->keep(i, spell, replication, p, out);
}

}  // namespace finsim
