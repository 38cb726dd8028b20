#include "output/participant_output.h"

#include <cmath>
#include <limits>

#include "input/participant_spec.h"
#include "models/valuation.h"

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
    total->work_studies_by_entry += f->work_studies_by_entry;
  }
  if (total) {
    // Rates of a total are not sums: the förbund's wait and use are left undefined.
    std::fill(total->mean_wait_months.begin(), total->mean_wait_months.end(), std::nan(""));
    std::fill(total->capacity_use.begin(), total->capacity_use.end(), std::nan(""));
  }
  return total;
}

namespace {

/// A yearly figure of InsatsFlows written per insats (and, when `total`, as the förbund's total).
struct YearlyFigure {
  const char* name;
  std::vector<double> InsatsFlows::*member;
  const char* units;
  const char* description;
  bool total;
};

constexpr YearlyFigure yearly_figures[] = {
    {"referrals", &InsatsFlows::referrals, "people", "referrals in the year", true},
    {"starts", &InsatsFlows::starts, "people", "participants admitted", true},
    {"served", &InsatsFlows::served, "people", "active at the start of the year (or opening) + starts", true},
    {"active_end", &InsatsFlows::active_end, "people", "active at year end", true},
    {"queue_end", &InsatsFlows::queue_end, "people", "queue at year end", true},
    {"abandoned", &InsatsFlows::abandoned, "people", "left the queue without starting (incl. queue at an insats' end)",
     false},
    {"exits", &InsatsFlows::exits, "people", "exits (avslut), all reasons", true},
    {"exits_work_studies", &InsatsFlows::exits_work_studies, "people", "exits to arbete or studier", true},
    {"participant_months", &InsatsFlows::participant_months, "people*months", "sum of month-end active participants",
     false},
    {"mean_wait_months", &InsatsFlows::mean_wait_months, "months",
     "mean month-end queue / mean monthly starts (Little's law), 0 without starts", false},
    {"capacity_use", &InsatsFlows::capacity_use, "1",
     "mean month-end active / capacity over active months (NaN without capacity)", false},
};

/// The label scales of /deterministic/participants' breakdowns.
enum class Label { reason, support, referrer, gender, kommun };

/// A breakdown of InsatsFlows by a label, per insats and year (and, when `total`, the förbund's).
struct Breakdown {
  const char* name;
  YearTable InsatsFlows::*member;
  Label label;
  const char* description;
  bool total;
};

constexpr Breakdown breakdowns[] = {
    {"exits_by_reason", &InsatsFlows::exits_by_reason, Label::reason, "exits by reason", true},
    {"entry_support", &InsatsFlows::entry_support, Label::support, "starts by source of support at entry", true},
    {"exit_support", &InsatsFlows::exit_support, Label::support, "exits by source of support at exit", true},
    {"referrals_by_referrer", &InsatsFlows::referrals_by_referrer, Label::referrer, "referrals by referring authority",
     false},
    {"referrals_by_gender", &InsatsFlows::referrals_by_gender, Label::gender, "referrals by gender", false},
    {"starts_by_gender", &InsatsFlows::starts_by_gender, Label::gender, "starts by gender", false},
    {"exits_by_gender", &InsatsFlows::exits_by_gender, Label::gender, "exits by gender", true},
    {"starts_by_kommun", &InsatsFlows::starts_by_kommun, Label::kommun, "starts by kommun", true},
    {"served_by_kommun", &InsatsFlows::served_by_kommun, Label::kommun, "served by kommun", true},
};

/// The scales of /deterministic/participants.
struct Scales {
  h5::Dataset year, insats, reason, support, gender, kommun, referrer;

  const h5::Dataset& of(Label l) const
  {
    switch (l) {
      case Label::reason: return reason;
      case Label::support: return support;
      case Label::referrer: return referrer;
      case Label::gender: return gender;
      case Label::kommun: return kommun;
    }
    return kommun;
  }
};

template <std::size_t N>
std::vector<std::string> labels(const std::array<std::string, N>& a)
{
  return std::vector<std::string>(a.begin(), a.end());
}

/// (arbete + studier) ÷ exits per year (NaN without exits).
std::vector<double> share_work_studies(const InsatsFlows& f)
{
  std::vector<double> out;
  for (std::size_t y = 0; y < f.exits.size(); ++y) out.push_back(ratio_or_nan(f.exits_work_studies[y], f.exits[y]));
  return out;
}

/// The yearly figures and breakdowns per insats, with its shares and costs per person.
void write_per_insats(h5::Group& g, const Scales& scales, const FinanceProjection& p,
                      const std::vector<const InsatsFlows*>& with, const std::vector<Eigen::Index>& rows)
{
  const h5::Dataset &year = scales.year, &insats = scales.insats;
  for (const YearlyFigure& f : yearly_figures) {
    std::vector<double> data;
    for (const InsatsFlows* x : with) data.insert(data.end(), (x->*f.member).begin(), (x->*f.member).end());
    g.write(f.name, data, {&insats, &year}, f.units, f.description);
  }
  for (const Breakdown& b : breakdowns) {
    std::vector<double> data;
    for (const InsatsFlows* x : with)
      data.insert(data.end(), (x->*b.member).data(), (x->*b.member).data() + (x->*b.member).size());
    g.write(b.name, data, {&insats, &scales.of(b.label), &year}, "people", b.description);
  }
  std::vector<double> share, per_served, per_work;
  for (std::size_t k = 0; k < with.size(); ++k) {
    const std::vector<double> s = share_work_studies(*with[k]);
    share.insert(share.end(), s.begin(), s.end());
    for (std::size_t y = 0; y < s.size(); ++y) {
      const double cost = p.insats_costs(rows[k], static_cast<Eigen::Index>(y));
      per_served.push_back(ratio_or_nan(cost, with[k]->served[y]));
      per_work.push_back(ratio_or_nan(cost, with[k]->exits_work_studies[y]));
    }
  }
  g.write("share_work_studies", share, {&insats, &year}, "1", "(arbete + studier) / all exits (NaN without exits)");
  g.write("cost_per_served", per_served, {&insats, &year}, "SEK", "insats cost / served");
  g.write("cost_per_work_studies", per_work, {&insats, &year}, "SEK", "insats cost / exits to work or studies");
}

/// The förbund's totals over its insatser with participants: forbund_<name>.
void write_forbund_totals(h5::Group& g, const Scales& scales, const InsatsFlows& total)
{
  const std::string prefix = "forbund_", about = "förbund total: ";
  for (const YearlyFigure& f : yearly_figures)
    if (f.total) g.write(prefix + f.name, total.*f.member, {&scales.year}, f.units, about + f.description);
  g.write(prefix + "share_work_studies", share_work_studies(total), {&scales.year}, "1",
          about + "(arbete + studier) / exits");
  for (const Breakdown& b : breakdowns)
    if (b.total)
      g.write(prefix + b.name, flatten(total.*b.member), {&scales.of(b.label), &scales.year}, "people",
              about + b.description);
}

}  // namespace

void write_participants(h5::Group& deterministic, const Scenario& s, const Projection& projection)
{
  const FinanceProjection& p = projection.finance;
  const std::vector<std::optional<InsatsFlows>>& flows = projection.flows;
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
  write_forbund_totals(g, scales, *total_flows(flows));
  if (!s.valuation) return;
  // The value of exits to work or studies (clarification 51), for the insatser on the scale.
  ValueOfExits value = value_of_exits(s, projection);
  const h5::Dataset payer = g.label_scale("payer", value.payers, "who bears the cost avoided ([valuation] payer)");
  const h5::Dataset horizon =
      g.scale("value_horizon", std::vector<long long>(value.horizons.begin(), value.horizons.end()), "year",
              "years the cost avoided is counted");
  std::vector<double> data;
  for (const Eigen::Index i : rows)
    for (std::size_t q = 0; q < value.payers.size(); ++q)
      for (std::size_t h = 0; h < value.horizons.size(); ++h)
        for (int y = 0; y < value.years; ++y)
          data.push_back(value.at(static_cast<int>(i), static_cast<int>(q), static_cast<int>(h), y));
  g.attribute("valuation_year", static_cast<long long>(s.valuation->year));
  g.attribute("valuation_discount_rate", s.valuation->discount_rate);
  g.write("value_of_exits", data, {&scales.insats, &payer, &horizon, &scales.year}, "SEK",
          "exits with exit source arbete or studier x the yearly cost of their entry source x the horizon's "
          "(discounted) years, booked in the year of exit ([valuation]: the user's figures)");
}

}  // namespace finsim
