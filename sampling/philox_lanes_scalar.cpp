// sampling/philox_lanes_kernel.h compiled for the lane set "scalar" (flags in CMakeLists.txt).
#define FINSIM_LANE_NAMESPACE lanes_scalar
#define FINSIM_LANE_BYTES 8
#include "sampling/philox_lanes_kernel.h"
