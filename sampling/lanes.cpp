#include "sampling/lanes.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace finsim {

namespace {

LaneSet best_supported()
{
  if (lane_set_supported(LaneSet::avx512)) return LaneSet::avx512;
  if (lane_set_supported(LaneSet::avx2)) return LaneSet::avx2;
  return LaneSet::scalar;
}

/// FINSIM_LANES when set to a supported set; a word on stderr when it names none.
LaneSet initial_lane_set()
{
  const char* asked = std::getenv("FINSIM_LANES");
  if (asked == nullptr || *asked == '\0') return best_supported();
  for (LaneSet set : {LaneSet::scalar, LaneSet::avx2, LaneSet::avx512})
    if (std::strcmp(asked, lane_set_name(set)) == 0) {
      if (lane_set_supported(set)) return set;
      std::fprintf(stderr, "FINSIM_LANES=%s: processorn saknar den instruktionsuppsättningen; %s används\n", asked,
                   lane_set_name(best_supported()));
      return best_supported();
    }
  std::fprintf(stderr, "FINSIM_LANES=%s: okänt värde (scalar, avx2 eller avx512); %s används\n", asked,
               lane_set_name(best_supported()));
  return best_supported();
}

std::atomic<LaneSet>& current()
{
  static std::atomic<LaneSet> set{initial_lane_set()};
  return set;
}

}  // namespace

bool lane_set_supported(LaneSet set)
{
  switch (set) {
    case LaneSet::scalar: return true;
    case LaneSet::avx2: return __builtin_cpu_supports("avx2");
    case LaneSet::avx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
  }
  return false;
}

LaneSet lane_set() { return current().load(std::memory_order_relaxed); }

bool use_lane_set(LaneSet set)
{
  if (!lane_set_supported(set)) return false;
  current().store(set, std::memory_order_relaxed);
  return true;
}

const char* lane_set_name(LaneSet set)
{
  switch (set) {
    case LaneSet::scalar: return "scalar";
    case LaneSet::avx2: return "avx2";
    case LaneSet::avx512: return "avx512";
  }
  return "scalar";
}

}  // namespace finsim
