// A new förbund's scenario file written from what a board has at hand (issue 27): the förbund's
// figures, its members and its budget as pasted (input/budget_paste). The text is formatted like
// the seed scenarios, every line commented with where it came from ("inklistrad budget, rad 7"),
// and reads back to the same scenario.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "input/budget_paste.h"
#include "input/payment_schedule.h"
#include "input/scenario.h"

namespace finsim {

/// A budget line as the user left it after the paste: kind, schedule and utilisation corrected.
struct NewLine {
  std::string name;
  BudgetKind kind = BudgetKind::other;
  std::vector<double> amounts;  ///< per year from the förbund's first year
  int row = 0;                  ///< its line in the paste (0: typed, not pasted)
  std::optional<Payment> payment;
  std::optional<double> utilization;
};

struct NewMember {
  std::string name;
  MemberKind kind = MemberKind::kommun;
  std::optional<double> population;  ///< inhabitants 16–64 (kommun)
  std::vector<double> contribution;  ///< per year, when the funding is given member by member
};

struct NewForbund {
  std::string name;
  int first_year = 0;
  int years = 0;
  double opening_equity = 0.0;
  double opening_cash = 0.0;
  double equity_cap_share = 0.20;
  std::vector<NewMember> members;
  std::optional<std::vector<double>> state;  ///< `[funding] state`, when given (else from the driftbidrag rows)
  std::optional<Payment> funding_payment;
  std::vector<NewLine> lines;
};

/// Where a line of the written text came from: a pasted row, a member, or a field of a step.
struct LineOrigin {
  int row = 0;        ///< the paste's line (0: not from the paste)
  int member = 0;     ///< the member's place in Medlemmar (1-based; 0: not a member)
  std::string field;  ///< "forbund.opening_equity", "funding.state", …
};

struct NewScenarioText {
  std::string text;
  std::vector<LineOrigin> origins;     ///< per line of `text` (index 0 is line 1)
  std::vector<PasteProblem> problems;  ///< what the writer found (the reader's come on top)
};

/// `s` as a TOML basic string ("…", with \" \\ and control characters escaped): the reader takes
/// å, ä, ö only between double quotes.
std::string toml_quoted(const std::string& s);

/// The scenario file for `f`. Without `state` and member contributions, the driftbidrag rows give
/// the state half: the rows naming the state (staten, Försäkringskassan, Arbetsförmedlingen), or
/// half of a single driftbidrag row; the other driftbidrag rows are checked against the matching.
NewScenarioText write_new_scenario(const NewForbund& f);

}  // namespace finsim
