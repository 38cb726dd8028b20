#include "output/participant_output.h"

#include <cmath>
#include <limits>

#include "input/participant_spec.h"

namespace finsim {

double ratio_or_nan(double numerator, double denominator)
{
  return denominator > 0.0 ? numerator / denominator : std::numeric_limits<double>::quiet_NaN();
}

std::optional<InsatsFlows> total_flows(const std::vector<std::optional<InsatsFlows>>& flows)
{
  std::optional<InsatsFlows> total;
  for (const auto& f : flows) {
    if (!f) continue;
    if (!total) {
      total = *f;
      continue;
    }
    auto add = [](std::vector<double>& a, const std::vector<double>& b) {
      for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
    };
    add(total->referrals, f->referrals);
    add(total->starts, f->starts);
    add(total->served, f->served);
    add(total->active_end, f->active_end);
    add(total->queue_end, f->queue_end);
    add(total->abandoned, f->abandoned);
    add(total->exits, f->exits);
    add(total->exits_work_studies, f->exits_work_studies);
    add(total->participant_months, f->participant_months);
    total->referrals_by_referrer += f->referrals_by_referrer;
    total->referrals_by_gender += f->referrals_by_gender;
    total->starts_by_gender += f->starts_by_gender;
    total->exits_by_gender += f->exits_by_gender;
    total->exits_by_reason += f->exits_by_reason;
    total->entry_support += f->entry_support;
    total->exit_support += f->exit_support;
    total->starts_by_kommun += f->starts_by_kommun;
    total->served_by_kommun += f->served_by_kommun;
  }
  if (total) {
    // Rates of a total are not sums: the förbund's wait and use are left undefined.
    std::fill(total->mean_wait_months.begin(), total->mean_wait_months.end(), std::nan(""));
    std::fill(total->capacity_use.begin(), total->capacity_use.end(), std::nan(""));
  }
  return total;
}

namespace {

/// Stacks one yearly vector per insats into an (insats, year) array.
template <class Get>
std::vector<double> stack(const std::vector<const InsatsFlows*>& flows, Get get)
{
  std::vector<double> out;
  for (const InsatsFlows* f : flows) {
    const std::vector<double>& v = get(*f);
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

/// Stacks one (label, year) table per insats into an (insats, label, year) array.
template <class Get>
std::vector<double> stack_tables(const std::vector<const InsatsFlows*>& flows, Get get)
{
  std::vector<double> out;
  for (const InsatsFlows* f : flows) {
    const YearTable& t = get(*f);
    out.insert(out.end(), t.data(), t.data() + t.size());
  }
  return out;
}

template <std::size_t N>
std::vector<std::string> labels(const std::array<std::string, N>& a)
{
  return std::vector<std::string>(a.begin(), a.end());
}

/// The label and year scales of /deterministic/participants.
struct Scales {
  h5::Dataset year, insats, reason, support, gender, kommun, referrer;
};

/// The yearly figures per insats, with its shares and costs per person.
void write_per_insats(h5::Group& g, const Scales& scales, const FinanceProjection& p,
                      const std::vector<const InsatsFlows*>& with, const std::vector<Eigen::Index>& rows)
{
  const h5::Dataset &year = scales.year, &insats = scales.insats;
  const int years = static_cast<int>(with.front()->served.size());
  auto per_insats = [&](const char* name, auto get, const char* units, const char* what) {
    g.write(name, stack(with, get), {&insats, &year}, units, what);
  };
  per_insats(
      "referrals", [](const InsatsFlows& x) -> const auto& { return x.referrals; }, "people", "referrals in the year");
  per_insats(
      "starts", [](const InsatsFlows& x) -> const auto& { return x.starts; }, "people", "participants admitted");
  per_insats(
      "served", [](const InsatsFlows& x) -> const auto& { return x.served; }, "people",
      "active at the start of the year (or opening) + starts");
  per_insats(
      "active_end", [](const InsatsFlows& x) -> const auto& { return x.active_end; }, "people", "active at year end");
  per_insats(
      "queue_end", [](const InsatsFlows& x) -> const auto& { return x.queue_end; }, "people", "queue at year end");
  per_insats(
      "abandoned", [](const InsatsFlows& x) -> const auto& { return x.abandoned; }, "people",
      "left the queue without starting (incl. queue at an insats' end)");
  per_insats(
      "exits", [](const InsatsFlows& x) -> const auto& { return x.exits; }, "people", "exits (avslut), all reasons");
  per_insats(
      "exits_work_studies", [](const InsatsFlows& x) -> const auto& { return x.exits_work_studies; }, "people",
      "exits to arbete or studier");
  per_insats(
      "participant_months", [](const InsatsFlows& x) -> const auto& { return x.participant_months; }, "people*months",
      "sum of month-end active participants");
  per_insats(
      "mean_wait_months", [](const InsatsFlows& x) -> const auto& { return x.mean_wait_months; }, "months",
      "mean month-end queue / mean monthly starts (Little's law), 0 without starts");
  per_insats(
      "capacity_use", [](const InsatsFlows& x) -> const auto& { return x.capacity_use; }, "1",
      "mean month-end active / capacity over active months (NaN without capacity)");

  std::vector<double> share, per_served, per_work;
  for (std::size_t k = 0; k < with.size(); ++k)
    for (int y = 0; y < years; ++y) {
      const double cost = p.insats_costs(rows[k], y);
      share.push_back(ratio_or_nan(with[k]->exits_work_studies[y], with[k]->exits[y]));
      per_served.push_back(ratio_or_nan(cost, with[k]->served[y]));
      per_work.push_back(ratio_or_nan(cost, with[k]->exits_work_studies[y]));
    }
  g.write("share_work_studies", share, {&insats, &year}, "1", "(arbete + studier) / all exits (NaN without exits)");
  g.write("cost_per_served", per_served, {&insats, &year}, "SEK", "insats cost / served");
  g.write("cost_per_work_studies", per_work, {&insats, &year}, "SEK", "insats cost / exits to work or studies");
}

/// The breakdowns by reason, source of support, referrer, gender and kommun, per insats.
void write_breakdowns(h5::Group& g, const Scales& scales, const std::vector<const InsatsFlows*>& with)
{
  const h5::Dataset &year = scales.year, &insats = scales.insats, &reason = scales.reason, &support = scales.support,
                    &gender = scales.gender, &kommun = scales.kommun, &referrer = scales.referrer;
  auto tables = [&](const char* name, auto get, const h5::Dataset& label, const char* what) {
    g.write(name, stack_tables(with, get), {&insats, &label, &year}, "people", what);
  };
  tables(
      "exits_by_reason", [](const InsatsFlows& x) -> const auto& { return x.exits_by_reason; }, reason,
      "exits by reason");
  tables(
      "entry_support", [](const InsatsFlows& x) -> const auto& { return x.entry_support; }, support,
      "starts by source of support at entry");
  tables(
      "exit_support", [](const InsatsFlows& x) -> const auto& { return x.exit_support; }, support,
      "exits by source of support at exit");
  tables(
      "referrals_by_referrer", [](const InsatsFlows& x) -> const auto& { return x.referrals_by_referrer; }, referrer,
      "referrals by referring authority");
  tables(
      "referrals_by_gender", [](const InsatsFlows& x) -> const auto& { return x.referrals_by_gender; }, gender,
      "referrals by gender");
  tables(
      "starts_by_gender", [](const InsatsFlows& x) -> const auto& { return x.starts_by_gender; }, gender,
      "starts by gender");
  tables(
      "exits_by_gender", [](const InsatsFlows& x) -> const auto& { return x.exits_by_gender; }, gender,
      "exits by gender");
  tables(
      "starts_by_kommun", [](const InsatsFlows& x) -> const auto& { return x.starts_by_kommun; }, kommun,
      "starts by kommun");
  tables(
      "served_by_kommun", [](const InsatsFlows& x) -> const auto& { return x.served_by_kommun; }, kommun,
      "served by kommun");
}

/// The förbund's totals over its insatser with participants.
void write_forbund_totals(h5::Group& g, const Scales& scales, const InsatsFlows& total)
{
  const h5::Dataset &year = scales.year, &reason = scales.reason, &support = scales.support, &gender = scales.gender,
                    &kommun = scales.kommun;
  const int years = static_cast<int>(total.served.size());
  // The förbund's totals over its insatser with participants.
  g.write("forbund_referrals", total.referrals, {&year}, "people", "förbund total: referrals");
  g.write("forbund_starts", total.starts, {&year}, "people", "förbund total: starts");
  g.write("forbund_served", total.served, {&year}, "people", "förbund total: served");
  g.write("forbund_active_end", total.active_end, {&year}, "people", "förbund total: active at year end");
  g.write("forbund_queue_end", total.queue_end, {&year}, "people", "förbund total: queue at year end");
  g.write("forbund_exits", total.exits, {&year}, "people", "förbund total: exits");
  g.write("forbund_exits_work_studies", total.exits_work_studies, {&year}, "people",
          "förbund total: exits to work or studies");
  std::vector<double> total_share;
  for (int y = 0; y < years; ++y) total_share.push_back(ratio_or_nan(total.exits_work_studies[y], total.exits[y]));
  g.write("forbund_share_work_studies", total_share, {&year}, "1", "förbund total: (arbete + studier) / exits");
  g.write("forbund_exits_by_reason", flatten(total.exits_by_reason), {&reason, &year}, "people",
          "förbund total by reason");
  g.write("forbund_entry_support", flatten(total.entry_support), {&support, &year}, "people",
          "förbund total: starts by source at entry");
  g.write("forbund_exit_support", flatten(total.exit_support), {&support, &year}, "people",
          "förbund total: exits by source at exit");
  g.write("forbund_exits_by_gender", flatten(total.exits_by_gender), {&gender, &year}, "people",
          "förbund total by gender");
  g.write("forbund_starts_by_kommun", flatten(total.starts_by_kommun), {&kommun, &year}, "people",
          "förbund total: starts by kommun");
  g.write("forbund_served_by_kommun", flatten(total.served_by_kommun), {&kommun, &year}, "people",
          "förbund total: served by kommun");
}

}  // namespace

void write_participants(h5::Group& deterministic, const Scenario& s, const FinanceProjection& p,
                        const std::vector<std::optional<InsatsFlows>>& flows)
{
  std::vector<const InsatsFlows*> with;
  std::vector<std::string> names;
  std::vector<Eigen::Index> rows;
  for (std::size_t i = 0; i < flows.size(); ++i)
    if (flows[i]) {
      with.push_back(&*flows[i]);
      names.push_back(s.insatser[i].name);
      rows.push_back(static_cast<Eigen::Index>(i));
    }
  if (with.empty()) return;
  const Forbund& f = s.forbund;
  std::vector<std::string> kommuner;
  for (const Member& m : s.members)
    if (m.kind == MemberKind::kommun) kommuner.push_back(m.name);

  h5::Group g = deterministic.group("participants");
  g.attribute("description", std::string("Participant flows per insats (expected values: fractional people)."));
  std::vector<long long> years;
  for (int y = 0; y < f.years; ++y) years.push_back(f.first_year + y);
  const Scales scales{g.scale("year", years, "year", "calendar year"),
                      g.label_scale("insats", names, "insats with participants"),
                      g.label_scale("reason", labels(reason_names()), "exit reason (avslutsorsak)"),
                      g.label_scale("support", labels(support_names()), "source of support (försörjningskälla)"),
                      g.label_scale("gender", labels(gender_labels()), "gender"),
                      g.label_scale("kommun", kommuner, "folkbokföringskommun"),
                      g.label_scale("referrer", labels(referrer_names()), "referring authority")};
  write_per_insats(g, scales, p, with, rows);
  write_breakdowns(g, scales, with);
  write_forbund_totals(g, scales, *total_flows(flows));
}

}  // namespace finsim
