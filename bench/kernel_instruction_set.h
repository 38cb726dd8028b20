// The instruction set the Monte Carlo's kernel runs with, as finsim_bench prints it.
#pragma once

/// Today the kernel is scalar code. THE LANE KERNEL FILLS THIS IN: when the kernel chooses AVX2,
/// AVX-512 or its scalar fallback at run time, return the engine's own answer here ("avx512",
/// "avx2", "scalar") so that the bench prints what was used, not what the machine has.
inline const char* kernel_instruction_set() { return "scalar"; }
