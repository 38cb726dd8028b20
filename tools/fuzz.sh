#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, toml++ compiled in header-only so its
# parser is instrumented too) and runs each for SECONDS (default 1800), one per core, starting from
# tests/fuzz/corpus. New interesting inputs go to build-fuzz/corpus-<target>/; crashes to
# build-fuzz/findings/ (copy them into tests/fuzz/corpus/ once fixed: the replay test keeps them).
# Usage: bash tools/fuzz.sh [SECONDS] (as root; installs clang-14 and libclang-rt-14-dev if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
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
cmake --build build-fuzz -j"$(nproc)" --target scenario_reader_fuzzer pipeline_fuzzer
mkdir -p build-fuzz/findings
for target in scenario_reader_fuzzer pipeline_fuzzer; do
  mkdir -p "build-fuzz/corpus-$target"
  ./build-fuzz/$target "build-fuzz/corpus-$target" tests/fuzz/corpus -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=4096 -max_len=65536 -artifact_prefix=build-fuzz/findings/"$target"- -print_final_stats=1 \
    >"build-fuzz/$target.log" 2>&1 &
done
wait
grep -h -E "stat::number_of_executed_units|cov:|DONE|ERROR" build-fuzz/*_fuzzer.log | tail -n 20
ls build-fuzz/findings
