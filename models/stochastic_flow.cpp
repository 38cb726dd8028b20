#include "models/stochastic_flow.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "sampling/poisson_table.h"
#include "sampling/stream_keys.h"

namespace finsim {

namespace {

/// Months a stay table tells apart: up to the time limit's last hazard month, and never past
/// the run (a later exit is not counted anyway).
int longest_stay(const FlowParameters& p)
{
  return p.max_stay_months > 0 ? std::min(p.max_stay_months - 1, p.months) : p.months;
}

/// The departure of someone who has `trials` more months in which the hazard applies before the
/// time limit makes them leave (any number without a limit), drawn to leave at the hazard after
/// `wait` months.
Departure departure(int wait, int trials, int limit, int gender)
{
  const bool at_limit = limit > 0 && wait > trials;
  return {at_limit ? trials + 1 : wait, (gender == men ? Departure::man : 0) | (at_limit ? Departure::at_limit : 0)};
}

/// A month's scheduled exits count in units of exits_unit, those to work or studies in the rest.
constexpr std::int64_t exits_unit = std::int64_t{1} << 32;

/// The reason mix split into the two groups of Departure::work_studies and the shares within.
struct ReasonGroups {
  double work_studies = 0.0;                                  ///< P(arbete or studier | exit at the hazard)
  double arbete_within = 0.0;                                 ///< P(arbete | arbete or studier)
  std::array<double, given_reason_count - 2> other_within{};  ///< reasons 2–10 within the rest

  explicit ReasonGroups(const std::array<double, reason_count>& mix)
  {
    work_studies = mix[0] + mix[1];
    arbete_within = work_studies > 0.0 ? mix[0] / work_studies : 0.0;
    double sum = 0.0;
    for (int r = 2; r < given_reason_count; ++r) sum += mix[r];
    for (int r = 2; r < given_reason_count; ++r)
      other_within[r - 2] = sum > 0.0 ? mix[r] / sum : (r == given_reason_count - 1 ? 1.0 : 0.0);
  }
};

/// A year's totals in whole people, summed month by month.
struct YearCounts {
  std::int64_t referrals = 0, abandoned = 0, starts = 0, exits = 0, exits_work_studies = 0;
  std::int64_t active_months = 0, queue_months = 0;

  FlowTotals totals() const
  {
    auto d = [](std::int64_t x) { return static_cast<double>(x); };
    return {d(referrals), d(abandoned), d(starts), d(exits), d(exits_work_studies), d(active_months), d(queue_months)};
  }
};

/// With breakdowns: who waits, by the year they were referred (entry 0: the opening queue), so
/// that each person's gender, drawn when they start or never will, counts in the year of their
/// referral. Places go to the longest waiting.
class Cohorts {
 public:
  Cohorts(std::vector<std::int32_t>& waiting, int years, int opening) : waiting_(waiting)
  {
    waiting_.assign(static_cast<std::size_t>(years) + 1, 0);
    waiting_[0] = opening;
  }
  void referred(int year, int count) { waiting_[static_cast<std::size_t>(year) + 1] += count; }
  /// The next person admitted, of gender g.
  void admitted(int g, FlowTally& tally)
  {
    while (waiting_[front_] == 0) ++front_;
    --waiting_[front_];
    if (front_ > 0) tally.add_referrals_by_gender(static_cast<int>(front_) - 1, g, 1.0);
  }
  /// `gone` of the `queue` people waiting leave the queue without starting, pro rata over the
  /// cohorts; their genders are drawn.
  void leave(int queue, int gone, double women_share, RandomStream& draws, FlowTally& tally)
  {
    for (std::size_t c = front_; c < waiting_.size() && gone > 0; ++c) {
      const int from_here = draws.hypergeometric(queue, waiting_[c], gone);
      queue -= waiting_[c];
      waiting_[c] -= from_here;
      gone -= from_here;
      if (c == 0 || from_here == 0) continue;
      const double women_here = draws.binomial(from_here, women_share);
      tally.add_referrals_by_gender(static_cast<int>(c) - 1, women, women_here);
      tally.add_referrals_by_gender(static_cast<int>(c) - 1, men, from_here - women_here);
    }
  }

 private:
  std::vector<std::int32_t>& waiting_;
  std::size_t front_ = 0;
};

/// The monthly loop; `Detailed` compiles it with the breakdowns drawn on `breakdowns`.
template <bool Detailed>
void run_months(const FlowParameters& p, const FlowTables& t, RandomStream& core, RandomStream* breakdowns,
                InsatsFlows& out, FlowWork& w)
{
  FlowTally tally(p, Detailed, out);
  const int first = p.first_month, last = std::min(p.last_month, p.months - 1);
  if (first > last) {
    tally.finish();
    return;
  }
  const int limit = p.max_stay_months;
  const ReasonGroups reasons(p.reason_mix);
  const auto months = static_cast<std::size_t>(p.months);

  // Referrals, one uniform per month (a Poisson table per distinct calendar mean).
  std::array<PoissonTable, 12> referral_law;
  for (int c = 0; c < 12; ++c) {
    const double mean = p.referrals_per_month * p.seasonality[c];
    referral_law[c] = c > 0 && mean == referral_law[c - 1].mean() ? referral_law[c - 1] : PoissonTable(mean);
  }
  const int active_months = last - first + 1;
  RandomStream beyond = core.substream(beyond_tables);
  w.referral_uniforms.resize(static_cast<std::size_t>(active_months));
  core.substream(referral_draws).fill_uniform32(w.referral_uniforms);
  w.referred.assign(months, 0);
  for (int m = first, c = (p.calendar_offset + first) % 12; m <= last; ++m, c = c == 11 ? 0 : c + 1)
    w.referred[static_cast<std::size_t>(m)] = referral_law[static_cast<std::size_t>(c)].draw(
        w.referral_uniforms[static_cast<std::size_t>(m - first)], beyond);
  // Abandonment, one uniform per month.
  w.abandon_uniform.assign(months, 0.5);
  if (p.queue_abandon > 0.0)
    core.substream(abandon_draws)
        .fill_uniform32(std::span<double>(w.abandon_uniform)
                            .subspan(static_cast<std::size_t>(first), static_cast<std::size_t>(active_months)));

  // The schedule of exits, by month of the run; no departure reaches past its end.
  const std::size_t slots = months + static_cast<std::size_t>(t.longest_delay) + 1;
  w.exits.assign(slots, 0);
  if constexpr (Detailed)
    for (int g = 0; g < gender_count; ++g) {
      w.hazard[g].assign(slots, 0);
      w.limit[g].assign(slots, 0);
      w.work_studies[g].assign(slots, 0);
    }
  // A month's scheduled exits and those of them to work or studies in one word (exits_unit × exits
  // + to work or studies), so that scheduling a departure is one addition.
  static_assert(Departure::work_studies == 1, "kind & 1 counts an exit to work or studies");
  auto schedule = [&](int month, Departure d) {
    const auto at = static_cast<std::size_t>(month + d.delay);
    w.exits[at] += exits_unit + (d.kind & Departure::work_studies);
    if constexpr (Detailed) {
      const int g = d.kind & Departure::man ? men : women;
      ++(d.kind & Departure::at_limit ? w.limit : w.hazard)[g][at];
      w.work_studies[g][at] += d.kind & Departure::work_studies;
    }
  };
  // Whether an exit at the hazard is to work or studies is read off the same uniform as the stay:
  // the lower `work_studies` share of the stay's interval (InversionTable::at_fraction).
  auto to_work_studies = [&](Departure d, bool yes) {
    if (yes && !(d.kind & Departure::at_limit)) d.kind |= Departure::work_studies;
    return d;
  };

  // Opening state: whole people, by gender and stay length as in the stationary state. Someone
  // who has completed k + 1 months leaves at the limit after limit − 1 − k more hazard months.
  std::array<int, gender_count> active{};
  const auto opening = static_cast<int>(std::round(std::max(0.0, p.opening_active)));
  active[women] = static_cast<int>(core.binomial(opening, t.opening_women_share));
  active[men] = opening - active[women];
  for (int g = 0; g < gender_count; ++g)
    for (int person = 0; person < active[g]; ++person) {
      const int completed = t.opening_completed[g].draw(core);
      const double u = core.uniform32();
      const int stay = t.stay[g].draw(u);
      const Departure d = departure(stay + 1, limit > 0 ? limit - 1 - completed : 0, limit, g);
      schedule(first - 1, to_work_studies(d, u < t.stay[g].at_fraction(stay, reasons.work_studies)));
    }
  const auto opening_queue = static_cast<int>(std::round(std::max(0.0, p.opening_queue)));

  // Newcomers' gender, stay and reason group, in order of admission, drawn a chunk at a time as
  // they are needed: one uniform each.
  const std::size_t outcomes = t.newcomer_departure.size();
  w.newcomer_kind.resize(outcomes);
  for (std::size_t j = 0; j < outcomes; ++j) {
    const Departure d = t.newcomer_departure[j];
    w.newcomer_kind[j] = {
        d.kind & Departure::at_limit ? -1.0 : t.newcomer.at_fraction(static_cast<int>(j), reasons.work_studies), d};
  }
  RandomStream newcomer_stream = core.substream(newcomer_draws);
  w.newcomers.clear();
  auto draw_newcomers = [&](std::size_t needed) {
    // The first 16, then 64 at a time (eight Philox blocks: one bulk fill in lanes); how many are
    // drawn ahead never changes a newcomer's uniform.
    std::array<double, 64> drawn;
    while (w.newcomers.size() < needed) {
      const std::size_t chunk = w.newcomers.empty() ? 16 : drawn.size();
      const std::span<double> u(drawn.data(), chunk);
      newcomer_stream.fill_uniform32(u);
      const std::size_t from = w.newcomers.size();
      w.newcomers.resize(from + chunk);
      for (std::size_t i = 0; i < chunk; ++i) {
        const auto& [work_studies_below, d] = w.newcomer_kind[static_cast<std::size_t>(t.newcomer.draw(u[i]))];
        w.newcomers[from + i] = {d.delay, d.kind | (u[i] < work_studies_below ? Departure::work_studies : 0)};
      }
    }
  };

  int total_active = opening, queue = opening_queue;
  std::size_t next = 0;
  MonthFlows month;
  [[maybe_unused]] std::optional<Cohorts> cohorts;
  const std::size_t kommuner = Detailed ? p.kommun_shares.size() : 0;
  std::vector<double> kommun(kommuner);
  std::array<double, entry_support_count> sources{};
  if constexpr (Detailed) cohorts.emplace(w.waiting, (p.months + 11) / 12, opening_queue);
  // Year by year (or the part of it the insats runs), month by month.
  const int ending = p.ends_in_run && p.last_month == last ? last : -1;  // the month the insats ends after
  for (int from = first; from <= last; from = 12 * (from / 12 + 1)) {
    // A stop asked for (Ctrl-C) ends even one long replication within a year of its months; the
    // caller discards what it made.
    if (w.stop != nullptr && w.stop->load(std::memory_order_relaxed)) break;
    const int y = from / 12, to = std::min(last, 12 * y + 11);
    // Served counts those active when the year (or the insats) begins.
    if constexpr (Detailed) breakdowns->multinomial(total_active, p.kommun_shares, kommun);
    tally.carried(y, total_active, kommun);
    YearCounts year{};
    for (int m = from; m <= to; ++m) {
      const auto mi = static_cast<std::size_t>(m);
      // 1–2. Exits: those scheduled for this month, at the time limit or the hazard.
      const std::int64_t scheduled = w.exits[mi];
      total_active -= static_cast<int>(scheduled / exits_unit);
      year.exits += scheduled / exits_unit;
      year.exits_work_studies += scheduled % exits_unit;
      if constexpr (Detailed) {
        month.reset(kommuner);
        for (int g = 0; g < gender_count; ++g) {
          const int at_limit = w.limit[g][mi], hazard = w.hazard[g][mi], work_studies = w.work_studies[g][mi];
          active[g] -= at_limit + hazard;
          month.exits_by_gender[g] = at_limit + hazard;
          month.exits[g][tidsbegransning] = at_limit;
          month.exits[g][0] = breakdowns->binomial(work_studies, reasons.arbete_within);
          month.exits[g][1] = work_studies - month.exits[g][0];
          breakdowns->multinomial(hazard - work_studies, reasons.other_within,
                                  std::span<double>(month.exits[g].data() + 2, given_reason_count - 2));
        }
      }

      // 3. Referrals join the queue.
      const int referred = w.referred[mi];
      queue += referred;
      year.referrals += referred;
      if constexpr (Detailed) {
        breakdowns->multinomial(referred, p.referrers, month.referrals_by_referrer);
        cohorts->referred(y, referred);
      }

      // 4. The queue loses its abandoners.
      const int gone = t.abandons.draw(queue, w.abandon_uniform[mi], beyond);
      if constexpr (Detailed)
        if (gone > 0) cohorts->leave(queue, gone, p.women_share, *breakdowns, tally);
      queue -= gone;
      year.abandoned += gone;

      // 5. Free places are filled from the queue; each newcomer's departure was drawn in advance.
      // The first `common` of them are scheduled without a branch on how many start.
      constexpr int common = 4;
      const int admitted = std::min(queue, std::max(0, t.places - total_active));
      draw_newcomers(next + static_cast<std::size_t>(std::max(admitted, common)));
      const Departure* newcomer = w.newcomers.data() + next;
      if constexpr (Detailed) {
        for (int person = 0; person < admitted; ++person) {
          schedule(m, newcomer[person]);
          const int g = newcomer[person].kind & Departure::man ? men : women;
          ++active[g];
          month.starts_by_gender[g] += 1.0;
          cohorts->admitted(g, tally);
        }
      } else {
        for (int person = 0; person < common; ++person) {
          const std::int64_t starts = person < admitted ? 1 : 0;
          const auto at = mi + static_cast<std::size_t>(newcomer[person].delay);
          w.exits[at] += starts * (exits_unit + (newcomer[person].kind & Departure::work_studies));
        }
        for (int person = common; person < admitted; ++person) schedule(m, newcomer[person]);
      }
      next += static_cast<std::size_t>(admitted);
      queue -= admitted;
      total_active += admitted;
      out.starts_monthly[mi] = admitted;
      out.active_end_monthly[mi] = total_active;
      year.starts += admitted;
      year.active_months += total_active;
      year.queue_months += queue;
      if constexpr (Detailed) {
        for (int g = 0; g < gender_count; ++g) {
          breakdowns->multinomial(month.starts_by_gender[g], p.entry_support[g], sources);
          for (int k = 0; k < entry_support_count; ++k) month.entry_support[k] += sources[k];
        }
        breakdowns->multinomial(admitted, p.kommun_shares, month.starts_by_kommun);
      }

      if (m == ending) {
        // The insats ends: everyone still active leaves at the time limit, the queue gives up.
        if constexpr (Detailed) {
          for (int g = 0; g < gender_count; ++g) {
            month.exits_by_gender[g] += active[g];
            month.exits[g][tidsbegransning] += active[g];
            active[g] = 0;
          }
          cohorts->leave(queue, queue, p.women_share, *breakdowns, tally);
        }
        year.exits += total_active;
        year.abandoned += queue;
        total_active = queue = 0;
      }
      if constexpr (Detailed) {
        assign_exit_support(p, *breakdowns, month);
        tally.add_breakdowns(y, month);
      }
    }
    tally.add_totals(y, year.totals(), total_active, queue);
  }
  // Those still waiting at the end of the run: their genders are drawn now.
  if constexpr (Detailed) cohorts->leave(queue, queue, p.women_share, *breakdowns, tally);
  tally.finish();
}

}  // namespace

FlowTables::FlowTables(const FlowParameters& p)
    : opening_women_share(stationary_women_share(p)),
      abandons(p.queue_abandon),
      places(std::isfinite(p.capacity) && p.capacity < std::numeric_limits<int>::max()
                 ? static_cast<int>(std::floor(std::max(0.0, p.capacity) + 1e-9))
                 : std::numeric_limits<int>::max())
{
  const int longest = longest_stay(p), limit = p.max_stay_months;
  const std::array<double, gender_count> share{p.women_share, 1.0 - p.women_share};
  std::vector<double> joint;
  for (int g = 0; g < gender_count; ++g) {
    const std::vector<double> waits = geometric_probabilities(p.exit_probability[g], longest);
    stay[g] = InversionTable(waits);
    for (int k = 0; k < static_cast<int>(waits.size()); ++k) {
      joint.push_back(share[g] * waits[static_cast<std::size_t>(k)]);
      newcomer_departure.push_back(departure(k + 1, limit - 1, limit, g));
    }
    opening_completed[g] = InversionTable(stationary_stay(p.exit_probability[g], limit > 0 ? limit : 1));
  }
  newcomer = InversionTable(joint);
  longest_delay = std::max(limit, longest + 1);
}

InsatsFlows simulate_flows(const FlowParameters& p, RandomStream& core, RandomStream* breakdowns)
{
  InsatsFlows flows;
  FlowWork work;
  simulate_flows(p, FlowTables(p), core, breakdowns, flows, work);
  return flows;
}

void simulate_flows(const FlowParameters& p, const FlowTables& tables, RandomStream& core, RandomStream* breakdowns,
                    InsatsFlows& out, FlowWork& work)
{
  if (breakdowns != nullptr)
    run_months<true>(p, tables, core, breakdowns, out, work);
  else
    run_months<false>(p, tables, core, nullptr, out, work);
}

}  // namespace finsim
