// Typed, validated access to TOML fields that records every problem instead of stopping at one.
#pragma once
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "input/calendar.h"
#include "input/input_error.h"
#include "input/scenario.h"
#include "input/variant.h"
#include "sampling/distribution.h"

namespace finsim {

/// The largest whole number a double holds exactly, 2^53: larger integers in a number key are refused.
inline constexpr long long max_exact_integer = 9007199254740992LL;

/// The allowed closed range of a number, with the unit and meaning used in messages.
struct Range {
  double min;
  double max;
  const char* what;       ///< in Swedish, e.g. "≥ 0 (kr per år)"
  bool min_open = false;  ///< min itself not allowed
};

/// Reads fields from parsed TOML tables. Each accessor returns nullopt and records a Problem
/// (file, line, column, key path, value, what is allowed) when a field is missing or wrong.
class TomlFields {
 public:
  /// `tree` knows the files the nodes come from (a variant's or its bases').
  explicit TomlFields(const ScenarioTree& tree) : tree_(tree) {}

  /// A problem at `where`: the file it was written in, the line and the column.
  Problem locate(const toml::source_region& where, const std::string& key, const std::string& message) const
  {
    return tree_.problem(where, key, message);
  }

  /// Records a problem at `node` (or at the top of the file when `node` is null).
  void problem(const toml::node* node, const std::string& path, const std::string& message);
  const std::vector<Problem>& problems() const { return problems_; }
  /// The distributions made from `history` lists, in reading order.
  const std::vector<HistoryPrior>& priors() const { return priors_; }

  /// Reports every key of `table` not in `allowed`, with a "did you mean" suggestion.
  void check_keys(const toml::table& table, const std::string& path, const std::vector<std::string>& allowed);

  const toml::table* table(const toml::table& parent, const std::string& key, const std::string& path, bool required);
  const toml::array* array_of_tables(const toml::table& parent, const std::string& key, const std::string& path);
  std::optional<std::string> string(const toml::table& t, const std::string& key, const std::string& path,
                                    bool required);
  /// true or false.
  std::optional<bool> boolean(const toml::table& t, const std::string& key, const std::string& path);
  /// A string that must be one of `choices`.
  std::optional<std::string> choice(const toml::table& t, const std::string& key, const std::string& path,
                                    bool required, const std::vector<std::string>& choices);
  std::optional<long long> integer(const toml::table& t, const std::string& key, const std::string& path, bool required,
                                   long long min, long long max, const char* what);
  std::optional<double> number(const toml::table& t, const std::string& key, const std::string& path, bool required,
                               const Range& range);
  /// The number at `node` (an integer or a float, finite, within `range`).
  std::optional<double> number_node(const toml::node& node, const std::string& path, const Range& range);
  /// A number or a distribution table; `stream_path` names it for random streams.
  std::optional<Uncertain> uncertain(const toml::table& t, const std::string& key, const std::string& path,
                                     bool required, const Range& range);
  /// A number, a distribution table, or a list of them with at most `max_length` elements.
  std::optional<Series> series(const toml::table& t, const std::string& key, const std::string& path, bool required,
                               const Range& range, int max_length);
  std::optional<YearMonth> month(const toml::table& t, const std::string& key, const std::string& path);
  /// A probability: a number in `range`, or `{ history = [0, 1, …] }` (did it happen in each past
  /// year), which gives the posterior mean (k + 1)/(n + 2) with a uniform prior.
  std::optional<double> probability(const toml::table& t, const std::string& key, const std::string& path,
                                    bool required, const Range& range);

  /// "Key 'x' (line 3)": describes a node's value for messages.
  static std::string describe(const toml::node& node);

 private:
  /// The node at `key`, or null (recording "missing required key (what)" when `required`).
  const toml::node* present(const toml::table& t, const std::string& key, const std::string& path, bool required,
                            const char* what);
  std::optional<Uncertain> uncertain_node(const toml::node& node, const std::string& path, const Range& range);
  /// `{ history = [x1, x2, …] }`: the predictive distribution of the next value (clarification 58).
  std::optional<Uncertain> history_node(const toml::table& t, const std::string& path, const Range& range);
  /// The observations of a `history` list (at least two numbers), or empty after a problem.
  std::vector<double> history_values(const toml::table& t, const std::string& path, const Range& range);

  const ScenarioTree& tree_;
  std::vector<Problem> problems_;
  std::vector<HistoryPrior> priors_;
};

}  // namespace finsim
