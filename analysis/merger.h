// A länsförbund merger: several förbund's scenarios become one ordinary scenario file for the
// merged förbund (finsim merge), with comments saying which line came from which förbund.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "input/scenario.h"

namespace finsim {

/// What happens to the förbund's equity at the merger (clarification 49).
enum class EquityOption { pooled, returned, keep };

/// The options of `finsim merge`.
struct MergeOptions {
  std::string name;                ///< the merged förbund's name
  int from_year = 0;               ///< the merged förbund starts in January of this year
  std::vector<std::string> drop;   ///< insatser left behind (their names in any input)
  std::optional<double> kansli;    ///< one kansli line of this yearly amount instead of the förbund's
  std::optional<double> styrelse;  ///< one styrelse line instead of the förbund's
  EquityOption equity = EquityOption::pooled;
  double keep = 0.0;  ///< with EquityOption::keep: the equity kept
};

/// The merged scenario: its text and what the merger returned to the members.
struct MergedScenario {
  std::string text;                  ///< the merged scenario file
  Scenario scenario;                 ///< the file read back (a problem in it is told at the förbund's files)
  std::vector<std::string> members;  ///< the merged förbund's members, in the file's order
  std::vector<double> returned;      ///< per member: equity returned to it at the merger (SEK)
  double opening_equity = 0.0, opening_cash = 0.0;
  std::vector<std::string> forbund;       ///< the separate förbund's names, in the inputs' order
  std::vector<double> equity_brought_in;  ///< per förbund: the equity it brings in (its opening equity, SEK)
  int lost_base_amounts = 0;              ///< n − 1: the merged förbund gets one base amount instead of n
  bool base_amounts_modelled = false;     ///< every förbund has [funding.allocation]: the loss is in the file
  std::vector<std::string> renamed;       ///< "förbund: name" of every entry renamed for a clash
  std::vector<std::string> dropped;       ///< the insatser left behind
  /// The admin kinds ("kansli", "styrelse") no --kansli / --styrelse replaced: the merged
  /// förbund keeps the förbund's lines of that kind, summed (one kansli is what a länsförbund is for).
  std::vector<std::string> admin_summed;
  /// Per year: what the kinds of `admin_summed` cost the merged förbund (expected accrual, SEK;
  /// the förbund's summed); empty when both are given.
  std::vector<double> admin_summed_amount;
  /// Each förbund's own scenario with its entries under their merged names (without
  /// [year_to_date]), so that a separate förbund and the merged one share their draws.
  std::vector<std::string> separate;
};

/// Merges the scenarios at `paths` (each a förbund starting in January of `options.from_year`,
/// all over the same years with the same state growth). Throws InputError naming the förbund's
/// file, line and key when they cannot be merged, also for a problem of the merged text (which
/// is read back before it is returned).
MergedScenario merge_scenarios(const std::vector<std::string>& paths, const MergeOptions& options);

}  // namespace finsim
