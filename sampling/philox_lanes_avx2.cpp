// sampling/philox_lanes_kernel.h compiled for the lane set "avx2" (flags in CMakeLists.txt).
#define FINSIM_LANE_NAMESPACE lanes_avx2
#define FINSIM_LANE_BYTES 32
#include "sampling/philox_lanes_kernel.h"
