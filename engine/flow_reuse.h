// The participant flows a replication may take from one run before it: in a Sobol design the
// evaluations of one row (B, A, then A with each factor from B) draw every insats' flows from the
// same streams unless the factor switched them, so an insats whose parameters and stream are the
// same gives the same flows bit for bit, and they are copied instead of simulated again.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/participant_flow.h"

namespace finsim {

/// The last two flows simulated per insats and funded spell, with what they were simulated from.
/// A Monte Carlo workspace keeps one (models know nothing of it): plain replications never share a
/// stream, so the driver turns it on only for designs that do (MonteCarloSettings::reuse_flows).
class FlowReuse {
 public:
  /// The flows of insats `insats`, spell `spell` simulated from the participant stream of
  /// replication `replication` with parameters `p`, or null when neither kept entry has them.
  const InsatsFlows* find(std::size_t insats, int spell, std::uint64_t replication, const FlowParameters& p);
  /// Keeps `flows` in the place of the entry used least recently.
  void keep(std::size_t insats, int spell, std::uint64_t replication, const FlowParameters& p,
            const InsatsFlows& flows);

 private:
  struct Entry {
    bool filled = false;
    int spell = 0;
    std::uint64_t replication = 0;
    std::uint64_t used = 0;  ///< when last found or kept, for the choice of the entry to replace
    FlowParameters parameters;
    InsatsFlows flows;
  };
  std::vector<std::array<Entry, 2>> entries_;  ///< per insats
  std::uint64_t clock_ = 0;
};

}  // namespace finsim
