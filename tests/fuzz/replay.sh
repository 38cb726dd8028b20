#!/usr/bin/env bash
# Replays every file of the fuzz corpus through the finsim binary as a user would run it:
# `finsim run FILE --runs 3`. Each must end in exit 0, or exit 1 with a message; never 3 (an
# internal error), never a crash, never longer than 60 s.
# Usage: tests/fuzz/replay.sh FINSIM CORPUS_FOLDER
set -u
finsim=$1
corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
count=0
for file in "$corpus"/*; do
  count=$((count + 1))
  timeout 60 "$finsim" run "$file" --runs 3 --threads 1 --quiet -o "$work/out.h5" >/dev/null 2>"$work/err"
  status=$?
  if [ $status -eq 0 ] || { [ $status -eq 1 ] && [ -s "$work/err" ]; }; then continue; fi
  echo "FAIL $(basename "$file"): exit $status: $(head -c 300 "$work/err")"
  failed=$((failed + 1))
done
echo "replayed $count corpus files, $failed failed"
[ $failed -eq 0 ] && [ $count -gt 0 ]
