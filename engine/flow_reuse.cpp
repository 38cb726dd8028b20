#include "engine/flow_reuse.h"

namespace finsim {

const InsatsFlows* FlowReuse::find(std::size_t insats, int spell, std::uint64_t replication, const FlowParameters& p)
{
  if (insats < entries_.size())
    for (Entry& e : entries_[insats])
      if (e.filled && e.spell == spell && e.replication == replication && e.parameters == p) {
        e.used = ++clock_;
        return &e.flows;
      }
  return nullptr;
}

void FlowReuse::keep(std::size_t insats, int spell, std::uint64_t replication, const FlowParameters& p,
                     const InsatsFlows& flows)
{
  if (insats >= entries_.size()) entries_.resize(insats + 1);
  std::array<Entry, 2>& slots = entries_[insats];
  Entry& e = !slots[0].filled                ? slots[0]
             : !slots[1].filled              ? slots[1]
             : slots[0].used < slots[1].used ? slots[0]
                                             : slots[1];
  e.filled = true;
  e.spell = spell;
  e.replication = replication;
  e.used = ++clock_;
  e.parameters = p;
  e.flows = flows;
}

}  // namespace finsim
