#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, toml++ compiled in header-only so its
# parser is instrumented too) and runs each for SECONDS (default 1800), one per core, starting from
# tests/fuzz/corpus (scenarios), tests/fuzz/results (result files for report and export) or
# tests/pasted (budget tables for Nytt förbund). New interesting inputs go to build-fuzz/corpus-<target>/; crashes to
# build-fuzz/findings/ (copy them into tests/fuzz/corpus/ once fixed: the replay test keeps them).
# Usage: bash tools/fuzz.sh [SECONDS] [TARGET...] (as root; installs clang-14 and libclang-rt-14-dev
# if missing). The result-file target forks per input and goes on after a crash: Debian's HDF5
# crashes on some corrupt files by itself (clarification 92); its findings list the crashing frame.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario_reader_fuzzer pipeline_fuzzer result_file_fuzzer budget_paste_fuzzer)
missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFINSIM_FUZZ=ON \
  -DFINSIM_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
mkdir -p build-fuzz/findings
for target in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus-$target"
  if [ "$target" = result_file_fuzzer ]; then
    seeds=tests/fuzz/results
    extra=(-fork=1 -ignore_crashes=1 -max_len=200000)
  elif [ "$target" = budget_paste_fuzzer ]; then
    seeds=tests/pasted
    extra=(-max_len=65536)
  else
    seeds=tests/fuzz/corpus
    extra=(-max_len=65536)
  fi
  ./build-fuzz/$target "build-fuzz/corpus-$target" "$seeds" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=4096 "${extra[@]}" -artifact_prefix=build-fuzz/findings/"$target"- -print_final_stats=1 \
    >"build-fuzz/$target.log" 2>&1 &
done
wait
grep -h -E "stat::number_of_executed_units|cov:|DONE|ERROR" build-fuzz/*_fuzzer.log | tail -n 20
ls build-fuzz/findings
