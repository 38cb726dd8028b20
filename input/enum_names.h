// One name ↔ enum table per enum a scenario writes: the reader parses with it, the writers and
// messages name with it, so a value added to an enum is added in one place.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "input/budget_paste.h"
#include "input/payment_schedule.h"
#include "input/scenario.h"
#include "sampling/distribution.h"

namespace finsim {

/// The names of enum `E` as scenarios write them, in enum order (specialised below).
template <class E>
struct EnumNames;

template <>
struct EnumNames<MemberKind> {
  static constexpr std::array entries{std::pair{MemberKind::state, "state"}, std::pair{MemberKind::region, "region"},
                                      std::pair{MemberKind::kommun, "kommun"}};
};
template <>
struct EnumNames<CostKind> {
  static constexpr std::array entries{std::pair{CostKind::kansli, "kansli"}, std::pair{CostKind::styrelse, "styrelse"},
                                      std::pair{CostKind::finansiell, "finansiell"},
                                      std::pair{CostKind::other, "other"}};
};
template <>
struct EnumNames<InsatsKind> {
  static constexpr std::array entries{std::pair{InsatsKind::individual, "individual"},
                                      std::pair{InsatsKind::structural, "structural"}};
};
template <>
struct EnumNames<Payment> {
  static constexpr std::array entries{
      std::pair{Payment::monthly, "monthly"}, std::pair{Payment::quarterly_advance, "quarterly_advance"},
      std::pair{Payment::quarterly_arrears, "quarterly_arrears"}, std::pair{Payment::annual_advance, "annual_advance"},
      std::pair{Payment::annual_arrears, "annual_arrears"}};
};
/// The kinds a scenario may write as `dist` (`fixed` is a plain number, never written).
template <>
struct EnumNames<DistributionKind> {
  static constexpr std::array entries{
      std::pair{DistributionKind::normal, "normal"},       std::pair{DistributionKind::beta, "beta"},
      std::pair{DistributionKind::uniform, "uniform"},     std::pair{DistributionKind::triangular, "triangular"},
      std::pair{DistributionKind::lognormal, "lognormal"}, std::pair{DistributionKind::gamma, "gamma"},
      std::pair{DistributionKind::student_t, "student_t"}};
};
template <>
struct EnumNames<ForecastMethod> {
  static constexpr std::array entries{std::pair{ForecastMethod::budget, "budget"},
                                      std::pair{ForecastMethod::pace, "pace"},
                                      std::pair{ForecastMethod::model, "model"}};
};
template <>
struct EnumNames<BookingBasis> {
  static constexpr std::array entries{std::pair{BookingBasis::paid, "paid"},
                                      std::pair{BookingBasis::accrued, "accrued"}};
};
template <>
struct EnumNames<DrawFrequency> {
  static constexpr std::array entries{std::pair{DrawFrequency::run, "run"}, std::pair{DrawFrequency::year, "year"}};
};

template <>
struct EnumNames<BudgetKind> {
  static constexpr std::array entries{std::pair{BudgetKind::income, "income"},
                                      std::pair{BudgetKind::driftbidrag, "driftbidrag"},
                                      std::pair{BudgetKind::insats_individual, "insats_individual"},
                                      std::pair{BudgetKind::insats_structural, "insats_structural"},
                                      std::pair{BudgetKind::kansli, "kansli"},
                                      std::pair{BudgetKind::styrelse, "styrelse"},
                                      std::pair{BudgetKind::finansiell, "finansiell"},
                                      std::pair{BudgetKind::other, "other"}};
};

/// Every name of `E`, in table order (for "must be one of" messages and suggestions).
template <class E>
const std::vector<std::string>& enum_names()
{
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [value, name] : EnumNames<E>::entries) out.emplace_back(name);
    return out;
  }();
  return names;
}

/// The value named `name`, or nullopt.
template <class E>
std::optional<E> parse_enum(const std::string& name)
{
  for (const auto& [value, text] : EnumNames<E>::entries)
    if (name == text) return value;
  return std::nullopt;
}

/// The name of `value` ("?" for a value without one, such as DistributionKind::fixed).
template <class E>
const char* enum_name(E value)
{
  for (const auto& [v, text] : EnumNames<E>::entries)
    if (v == value) return text;
  return "?";
}

}  // namespace finsim
