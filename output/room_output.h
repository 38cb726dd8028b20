// The budget room in HDF5 (group /room) and in the terminal.
#pragma once
#include <string>

#include "analysis/budget_room.h"
#include "input/scenario.h"
#include "output/hdf5_file.h"

namespace finsim {

/// Writes group /room: the limits and `from` as attributes, the answer with its 95 % intervals
/// over the `bound` scale (low, high), the binding limit, each limit's own bound over the `limit`
/// scale, and the risk curve over the `extra_spend` scale (docs/output-format.md).
void write_room(h5::Group& root, const Scenario& s, const BudgetRoom& r);

/// A limit in a few Swedish words, e.g. "P(EK < golv något år)".
const char* limit_label(RoomLimit l);

/// The room in Swedish: the answer in one sentence, each limit's own bound and its probability
/// at no extra spend, and the risk curve.
std::string room_report(const Scenario& s, const BudgetRoom& r);

}  // namespace finsim
