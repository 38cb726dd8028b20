// sampling/philox_lanes_kernel.h compiled for the lane set "avx512" (flags in CMakeLists.txt).
#define FINSIM_LANE_NAMESPACE lanes_avx512
#define FINSIM_LANE_BYTES 64
#include "sampling/philox_lanes_kernel.h"
