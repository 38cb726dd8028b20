// The name table covers every outcome, breach, sensitivity output, exit reason, source of support,
// referrer, room limit, payer, factor and key path of the seed scenarios; the summary sentences
// read word for word as hand-made cases say.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "analysis/sensitivity.h"
#include "input/enum_names.h"
#include "input/override.h"
#include "input/participant_spec.h"
#include "input/scenario_reader.h"
#include "output/display_names.h"
#include "output/summary.h"

using namespace finsim;

namespace {

std::vector<std::string> seed_scenario_files()
{
  std::vector<std::string> out;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::filesystem::path(FINSIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".toml") out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// A name a reader sees: not empty, not "?", no raw name.
void expect_readable(const std::string& name, const std::string& from)
{
  EXPECT_FALSE(name.empty()) << from;
  EXPECT_NE(name, "?") << from;
  EXPECT_FALSE(holds_raw_name(name)) << from << " → " << name;
}

}  // namespace

TEST(DisplayNames, EveryOutcomeBreachAndOutputHasASwedishName)
{
  for (const OutcomeInfo& o : outcomes) expect_readable(outcome_label(o.id), o.name);
  for (const BreachInfo& b : breaches) {
    expect_readable(breach_label(b.id), b.name);
    expect_readable(breach_column(b.id), b.name);
    expect_readable(breach_any_label(b.id), b.name);
  }
  for (int o = 0; o < output_count; ++o) expect_readable(sensitivity_output_label(o), output_name(o));
  EXPECT_EQ(outcome_label(Outcome::equity, 2019), "Eget kapital 2019");
  EXPECT_EQ(sensitivity_output_label(outcome_count), "Sannolikhet: EK över taket");
}

TEST(DisplayNames, EveryStoredLabelWordIsSwedish)
{
  for (const std::string& w : reason_names()) expect_readable(label_word(w), w);
  for (const std::string& w : support_names()) expect_readable(label_word(w), w);
  for (const std::string& w : referrer_names()) expect_readable(label_word(w), w);
  for (const std::string& w : gender_labels()) expect_readable(label_word(w), w);
  EXPECT_EQ(label_word("aktivt_arbetssokande"), "aktivt arbetssökande");
  EXPECT_EQ(label_word("sjukersattning"), "sjukersättning");
  EXPECT_EQ(label_word("okand"), "okänd");
  EXPECT_EQ(label_word("halsa"), "hälsa");
  EXPECT_EQ(label_word("af"), "Arbetsförmedlingen");
  EXPECT_EQ(label_word("self"), "egen");
  // Words the table changes must differ from the stored word where Swedish writes å, ä, ö.
  for (const std::string& w : reason_names()) {
    if (w.find('_') != std::string::npos) {
      EXPECT_NE(label_word(w), w);
    }
  }
}

TEST(DisplayNames, EveryLimitPayerAndPaymentHasASwedishName)
{
  for (RoomLimit l : room_limits) {
    expect_readable(room_limit_label(l), limit_name(l));
    EXPECT_EQ(room_limit_label(std::string_view(limit_name(l))), room_limit_label(l));
  }
  EXPECT_EQ(room_limit_label(std::string_view("none")), "ingen");
  EXPECT_EQ(room_limit_label(RoomLimit::max_p_cash_negative), "kassan");
  EXPECT_EQ(payer_label("kommun"), "Kommunerna (var och en för sina invånare)");
  EXPECT_EQ(payer_label("region"), "Regionen");
  EXPECT_EQ(payer_label("Försäkringskassan"), "Försäkringskassan");
  for (Payment p : {Payment::monthly, Payment::quarterly_advance, Payment::quarterly_arrears, Payment::annual_advance,
                    Payment::annual_arrears})
    expect_readable(payment_label(p), "payment");
}

TEST(DisplayNames, EveryBudgetKindMemberKindAndMemberFieldOfNyttForbundHasASwedishName)
{
  for (const auto& [kind, name] : EnumNames<BudgetKind>::entries) expect_readable(budget_kind_label(kind), name);
  for (const auto& [kind, name] : EnumNames<MemberKind>::entries) expect_readable(member_kind_label(kind), name);
  EXPECT_EQ(budget_kind_label(BudgetKind::insats_structural), "Insats, strukturövergripande");
  EXPECT_EQ(member_kind_label(MemberKind::state), "stat");
  EXPECT_EQ(member_attribute_label("member[2].population"), "Befolkning 16–64 år");
  EXPECT_EQ(member_attribute_label("member[1].name"), "Medlemmens namn");
  EXPECT_EQ(member_attribute_label("member"), "");
  EXPECT_EQ(key_path_label("forbund.name"), "Förbundets namn");
  EXPECT_EQ(key_path_label("member"), "Medlemmar");
}

TEST(DisplayNames, KeyPathsReadAsTheIssueWritesThem)
{
  EXPECT_EQ(key_path_label("insats.Arbetsmarknadstorget.utilization"), "Förbrukningsgrad: Arbetsmarknadstorget");
  EXPECT_EQ(key_path_label("income.MUCF.probability"), "Sannolikhet för intäkt: MUCF");
  EXPECT_EQ(key_path_label("funding.contributions.Försäkringskassan"), "Medlemsbidrag: Försäkringskassan");
  EXPECT_EQ(key_path_label("insats.CoActive.budget[1]", 2018), "Budget: CoActive 2019");
  EXPECT_EQ(key_path_label("insats.CoActive.budget[1]"), "Budget: CoActive år 2");
  EXPECT_EQ(key_path_label("funding.state[0]", 2024), "Statens bidrag 2024");
  EXPECT_EQ(key_path_label("insats.Vägen.Vidare.participants.referrals_per_month"), "Remisser per månad: Vägen.Vidare");
  EXPECT_EQ(key_path_label("Driftbidrag staten"), "Driftbidrag staten");
  EXPECT_EQ(factor_label("insats.A.utilization+insats.B.utilization"), "Förbrukningsgrad: A + Förbrukningsgrad: B");
  EXPECT_EQ(factor_label("kurator"), "kurator");
}

TEST(DisplayNames, EveryFactorAndKeyPathOfTheSeedScenariosHasASwedishName)
{
  int factors = 0, paths = 0;
  for (const std::string& file : seed_scenario_files()) {
    Scenario s;
    try {
      s = read_scenario_file(file);
    } catch (const std::exception&) {
      continue;  // a fragment of a variant set or a case meant to fail
    }
    for (const SensitivityFactor& f : sensitivity_factors(s, {})) {
      expect_readable(factor_label(f.name, s.forbund.first_year), file + ": " + f.name);
      ++factors;
    }
    for (const std::string& path : override_paths(s)) {
      expect_readable(key_path_label(path, s.forbund.first_year), file + ": " + path);
      expect_readable(key_path_label(path + "[0]", s.forbund.first_year), file + ": " + path + "[0]");
      ++paths;
    }
  }
  EXPECT_GT(factors, 50);
  EXPECT_GT(paths, 500);
}

TEST(DisplayNames, RawNamesAreRecognised)
{
  EXPECT_TRUE(holds_raw_name("aktivt_arbetssokande"));
  EXPECT_TRUE(holds_raw_name("insats.MySam.utilization"));
  EXPECT_TRUE(holds_raw_name("se funding.state[2]"));
  EXPECT_FALSE(holds_raw_name("Förbrukningsgrad: MySam"));
  EXPECT_FALSE(holds_raw_name("varje insats. Nästa"));
  EXPECT_FALSE(holds_raw_name("solleftea-2024.toml"));
}

// ---- The sentences, word for word ----

namespace {

MonteCarloResults three_years(std::vector<double> equity_p50, std::vector<double> p_cap, double p_any_cap,
                              double p_any_floor, double p_any_cash)
{
  MonteCarloResults r;
  r.runs = 10000;
  r.years = int(equity_p50.size());
  for (auto& s : r.summaries) s.resize(equity_p50.size());
  for (auto& p : r.p_breach) p.resize(equity_p50.size());
  for (std::size_t y = 0; y < equity_p50.size(); ++y) {
    r.summaries[index(Outcome::equity)][y].quantiles[4] = equity_p50[y];
    r.p_breach[index(Breach::equity_above_cap)][y].p = p_cap[y];
  }
  r.p_any_breach[index(Breach::equity_above_cap)].p = p_any_cap;
  r.p_any_breach[index(Breach::equity_below_floor)].p = p_any_floor;
  r.p_any_breach[index(Breach::cash_negative)].p = p_any_cash;
  return r;
}

Scenario three_year_scenario()
{
  Scenario s;
  s.forbund.first_year = 2024;
  s.forbund.years = 3;
  s.forbund.equity_floor = 0.0;
  return s;
}

Projection with_caps(std::vector<double> cap, std::vector<double> equity, std::vector<double> cash)
{
  Projection p;
  p.finance.equity_cap = std::move(cap);
  p.finance.equity = std::move(equity);
  p.finance.cash = std::move(cash);
  return p;
}

}  // namespace

TEST(Summary, RunWithABreachOfTheCap)
{
  const Scenario s = three_year_scenario();
  const Projection e = with_caps({566400, 566400, 566400}, {}, {});
  const MonteCarloResults mc = three_years({500000, 2640000, 4780000}, {0.3, 1.0, 1.0}, 1.0, 0.0, 0.0);
  EXPECT_EQ(run_summary(s, e, &mc),
            (Sentences{"Eget kapital väntas överstiga taket 2025 med 2 073 600 kr (P50); sannolikheten är > 99,9 %.",
                       "Sannolikheten att eget kapital understiger golvet (0 kr) något år är < 0,1 %.",
                       "Kassan räcker alla månader."}));
}

TEST(Summary, RunWithoutABreach)
{
  const Scenario s = three_year_scenario();
  const Projection e = with_caps({566400, 566400, 566400}, {}, {});
  const MonteCarloResults mc = three_years({400000, 450000, 500000}, {0.1, 0.2, 0.3}, 0.35, 0.0123, 0.04);
  EXPECT_EQ(run_summary(s, e, &mc),
            (Sentences{"Eget kapital väntas stanna under taket alla år (P50); sannolikheten att överstiga det något "
                       "år är 35,0 %.",
                       "Sannolikheten att eget kapital understiger golvet (0 kr) något år är 1,2 %.",
                       "Sannolikheten att kassan går under noll någon månad är 4,0 %."}));
}

TEST(Summary, CertainAndImpossibleEventsNeverReadZeroOrHundred)
{
  EXPECT_EQ(chance_text(0.0, 10000), "< 0,1 %");
  EXPECT_EQ(chance_text(1.0, 10000), "> 99,9 %");
  EXPECT_EQ(chance_text(0.0, 1000), "< 0,3 %");
  EXPECT_EQ(chance_text(0.0001, 10000), "0,01 %");
  EXPECT_EQ(chance_text(0.9999, 10000), "99,99 %");
  EXPECT_EQ(chance_text(0.821, 10000), "82,1 %");
}

TEST(Summary, ExpectedValuesWithCashBelowZero)
{
  const Scenario s = three_year_scenario();
  std::vector<double> cash(36, 1000.0);
  cash[14] = -2500.0;
  cash[15] = -100.0;
  const Projection e = with_caps({566400, 566400, 566400}, {100000, -20000, 300000}, cash);
  EXPECT_EQ(run_summary(s, e, nullptr),
            (Sentences{"Eget kapital väntas stanna under taket alla år (väntevärde).",
                       "Eget kapital väntas understiga golvet (0 kr) 2025 med 20 000 kr (väntevärde).",
                       "Kassan går under noll i mars 2025 och är som lägst -2 500 kr (väntevärde)."}));
}

TEST(Summary, RoomSaysTheAnswerTheWindowAndTheNextLimit)
{
  Scenario s;
  s.forbund.first_year = 2017;
  s.forbund.years = 3;
  BudgetRoom r;
  r.limits.from_year = 2018;
  r.limits.to = YearMonth{2018, 12};
  r.limits.equity_target = 800000;
  r.limits.target_probability = 0.5;
  r.max_extra_spend = 802753;
  r.max_ci = {795777, 809830};
  r.binding = RoomLimit::equity_target;
  r.bounds[std::size_t(RoomLimit::max_p_below_floor)] = {.given = true, .bound = 1200000};
  r.bounds[std::size_t(RoomLimit::max_p_cash_negative)] = {.given = true, .bound = 827330};
  r.bounds[std::size_t(RoomLimit::equity_target)] = {.given = true, .bound = 802753};
  EXPECT_EQ(room_summary(s, r),
            (Sentences{"Högst 802 753 kr (95 %-intervall 795 777–809 830 kr) kan läggas på nya insatser under 2018 "
                       "(jan–dec, betalt kvartalsvis i efterskott) om eget kapital ska vara minst 800 000 kr med 50 % "
                       "sannolikhet.",
                       "Nästa gräns är kassan (827 330 kr)."}));
}

TEST(Summary, CompareGivesThePairedDifferenceAndTheRisksThatChange)
{
  Comparison c;
  c.names = {"bas", "variant"};
  c.first_year = 2024;
  c.years = 1;
  c.runs = 10000;
  c.results.resize(2);
  c.results[0].p_any_breach[index(Breach::equity_above_cap)].p = 1.0;
  c.results[1].p_any_breach[index(Breach::equity_above_cap)].p = 0.25;
  c.differences.resize(2);
  c.differences[1].equity.resize(1);
  c.differences[1].equity[0].quantiles = {0, -1550000, 0, 0, -1415679, 0, 0, 0, 0};
  EXPECT_EQ(comparison_summary(c),
            (Sentences{"variant mot bas: eget kapital 2024 blir 1 415 679 kr lägre (P50 av skillnaden; P5–P95 "
                       "-1 550 000 kr till 0 kr). Riskerna ändras: P(EK över taket något år) från > 99,9 % till "
                       "25,0 %."}));
}

TEST(Summary, SensitivityNamesTheThreeLargestTotalIndices)
{
  Scenario s;
  s.forbund.first_year = 2018;
  s.forbund.years = 2;
  Sensitivity r;
  r.years = 2;
  for (const char* n :
       {"insats.MySam.utilization", "income.MUCF.probability", "cost.Kansli.amount", "insats.A.participants"})
    r.factors.push_back(SensitivityFactor{n, {n}, {}});
  SobolResult sobol;
  const std::size_t quantities = std::size_t(output_count) * 2;
  sobol.indices.variance.assign(quantities, 1.0);
  sobol.indices.total.assign(quantities * 4, 0.0);
  const std::size_t q = 1;  // equity, second year
  sobol.indices.total[q * 4 + 0] = 0.158;
  sobol.indices.total[q * 4 + 1] = 0.646;
  sobol.indices.total[q * 4 + 2] = 0.01;
  sobol.indices.total[q * 4 + 3] = 0.059;
  r.sobol = sobol;
  SensitivitySettings settings;
  settings.year = 1;
  EXPECT_EQ(sensitivity_summary(s, r, settings),
            (Sentences{"Eget kapital 2019 beror mest på Sannolikhet för intäkt: MUCF (64,6 %), Förbrukningsgrad: "
                       "MySam (15,8 %) och Deltagarflöden: A (5,9 %): andel av variansen som faktorn står för "
                       "(totalindex)."}));
}

TEST(Summary, MergerGivesTheDriftbidragTheAdminAndWhoPays)
{
  MergerImpact m;
  m.scenarios = {"A", "B", "AB"};
  m.kommuner = {"Ett", "Två"};
  m.first_year = 2024;
  m.years = 1;
  m.driftbidrag.resize(3, 1);
  m.driftbidrag << 1000000, 2000000, 2600000;
  m.lost_base_amounts = {400000};
  m.lost_base_amount_count = 1;
  m.admin_saving = {150000};
  m.kommun_contribution_separate.resize(2, 1);
  m.kommun_contribution_merged.resize(2, 1);
  m.kommun_contribution_separate << 100000, 200000;
  m.kommun_contribution_merged << 120000, 180000;
  EXPECT_EQ(merger_summary(m),
            (Sentences{"Sammanslagningen ändrar driftbidraget 2024 med -400 000 kr per år, varav 1 förlorade "
                       "grundbelopp (400 000 kr).",
                       "Kansli och styrelse kostar 150 000 kr mindre per år (2024).",
                       "Mer betalar Ett (20 000 kr); mindre Två (20 000 kr) (2024)."}));
  m.lost_base_amounts = {NAN};
  EXPECT_EQ(merger_summary(m).front(),
            "Sammanslagningen ändrar driftbidraget 2024 med -400 000 kr per år; de 1 förlorade grundbeloppen är inte "
            "modellerade.");
}
