#!/usr/bin/env bash
# Replays the hostile result files of make_hostile.py through `finsim report` (the workbook and
# --html) and `finsim export`,
# and the file-system cases of both commands (issue 23, items 8, 10, 12 and 13): each must exit 1
# with a Swedish message naming the file, write nothing, leave no temporary behind and leave a good
# earlier output exactly as it was.
# Usage: replay.sh FINSIM SOURCE_DIR WORK_DIR
set -uo pipefail
finsim=$1 source=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FEL: $*"; failures=$((failures + 1)); }
leftovers() { find . -name '.finsim-*' | grep -q . && fail "$1: temporära filer kvar: $(find . -name '.finsim-*')"; }

"$finsim" run --runs 100 --keep-paths 2 --quiet -o genuine.h5 >/dev/null || { echo "FEL: finsim run"; exit 1; }
/usr/bin/python3 "$source/make_hostile.py" genuine.h5 hostile >/dev/null || { echo "FEL: make_hostile.py"; exit 1; }

# Good earlier outputs that a failed command must leave as they are.
"$finsim" report genuine.h5 -o good.xlsx >/dev/null || fail "report on the genuine file"
"$finsim" report genuine.h5 --html -o good.html >/dev/null || fail "report --html on the genuine file"
good_page=$(sha256sum good.html)
"$finsim" export genuine.h5 --csv good-csv >/dev/null || fail "export on the genuine file"
good_book=$(sha256sum good.xlsx) good_csv=$(cd good-csv && sha256sum ./* | sha256sum)

# The fuzzer's findings (tools/fuzz.sh result_file_fuzzer): files on which Debian's HDF5 itself
# crashes, overlaps a copy or loops; the commands read in a child process with a time limit.
mkdir -p findings && cp "$source"/findings/*.h5 findings/
count=0
for f in hostile/*.h5 findings/*.h5; do
  count=$((count + 1))
  for command in report html export; do
    case $command in
      report) args=(report "$f" -o good.xlsx) ;;
      html) args=(report "$f" --html -o good.html) ;;
      *) args=(export "$f" --csv good-csv) ;;
    esac
    timeout 120 "$finsim" "${args[@]}" >out.txt 2>err.txt
    status=$?
    [ $status = 1 ] || fail "$command $f: status $status, väntat 1: $(head -c 300 err.txt)"
    grep -qF "$f" err.txt || fail "$command $f: meddelandet nämner inte filen: $(head -c 300 err.txt)"
    grep -qiE "error|failed|internal|HDF5-DIAG|\[ERROR\]" err.txt && fail "$command $f: engelska eller bibliotekets ord: $(head -c 300 err.txt)"
  done
  leftovers "$f"
done
[ "$(sha256sum good.xlsx)" = "$good_book" ] || fail "good.xlsx ändrades av en misslyckad report"
[ "$(sha256sum good.html)" = "$good_page" ] || fail "good.html ändrades av en misslyckad report --html"
[ "$(cd good-csv && sha256sum ./* | sha256sum)" = "$good_csv" ] || fail "good-csv ändrades av en misslyckad export"

# Not a file: a folder and a FIFO given to report; a folder given as -o.
mkdir -p a-folder && mkfifo a-fifo
timeout 20 "$finsim" report a-folder >/dev/null 2>err.txt; [ $? = 1 ] && grep -q "är en mapp" err.txt || fail "report på en mapp: $(cat err.txt)"
timeout 20 "$finsim" report a-fifo >/dev/null 2>err.txt; [ $? = 1 ] && grep -q "vanlig fil" err.txt || fail "report på en FIFO: $(cat err.txt)"
"$finsim" report genuine.h5 -o a-folder >/dev/null 2>err.txt; [ $? = 1 ] && grep -q "rapport.xlsx" err.txt || fail "report -o mapp: $(cat err.txt)"

# Export: messages name --csv; a folder that is not an earlier export is refused and untouched.
mkdir -p mine && echo "mitt" >mine/notes.txt
"$finsim" export genuine.h5 --csv mine >/dev/null 2>err.txt; [ $? = 1 ] && grep -q -- "--csv" err.txt || fail "export i en annan mapp: $(cat err.txt)"
[ "$(cat mine/notes.txt)" = "mitt" ] && [ "$(ls mine)" = "notes.txt" ] || fail "export rörde en annan mapp"
echo x >a-file
"$finsim" export genuine.h5 --csv a-file >/dev/null 2>err.txt; [ $? = 1 ] || fail "export till en fil: $(cat err.txt)"
grep -q -- " -o" err.txt && fail "export föreslår -o: $(cat err.txt)"

# Export over an earlier export: exchanged whole, no file of the old one left.
touch good-csv/stale-from-before.csv
"$finsim" export genuine.h5 --csv good-csv --standard >/dev/null || fail "export över en tidigare export"
[ -e good-csv/stale-from-before.csv ] && fail "den gamla exportens filer blandades med den nya"
grep -q "decimaltecken '.'" good-csv/README.txt || fail "den nya exporten kom inte på plats"
leftovers "export över en tidigare export"

# A folder written with a trailing separator is the folder itself, exported into place.
"$finsim" export genuine.h5 --csv slash-csv/ >/dev/null 2>err.txt || fail "export --csv slash-csv/: $(cat err.txt)"
[ -f slash-csv/README.txt ] || fail "export --csv slash-csv/ wrote no README"
"$finsim" export genuine.h5 --csv slash-csv/ >/dev/null 2>err.txt || fail "export again over slash-csv/: $(cat err.txt)"
leftovers "export --csv DIR/"

# Report: a symbolic link at the target is refused and what it points to untouched; TMPDIR missing
# does not matter.
echo "skyddad" >protected.txt && ln -s protected.txt link.xlsx
"$finsim" report genuine.h5 -o link.xlsx >/dev/null 2>err.txt; [ $? = 1 ] || fail "report -o symbolisk länk"
ln -s protected.txt link.html
"$finsim" report genuine.h5 --html -o link.html >/dev/null 2>err.txt; [ $? = 1 ] || fail "report --html -o symbolisk länk"
"$finsim" report genuine.h5 --html -o a-folder >/dev/null 2>err.txt; [ $? = 1 ] && grep -q "rapport.html" err.txt || fail "report --html -o mapp: $(cat err.txt)"
[ "$(cat protected.txt)" = "skyddad" ] || fail "report skrev genom en symbolisk länk"
TMPDIR=/nonexistent/finsim-tmp "$finsim" report genuine.h5 -o tmpdir.xlsx >/dev/null 2>err.txt || fail "report utan TMPDIR: $(cat err.txt)"

# A file-size limit: a clean refusal (exit 1), not a kill by SIGXFSZ, and nothing left behind.
for command in "report genuine.h5 -o small.xlsx" "report genuine.h5 --html -o small.html" "export genuine.h5 --csv small-csv"; do
  (ulimit -f 8 && exec "$finsim" $command) >/dev/null 2>err.txt
  status=$?
  [ $status = 1 ] || fail "$command under ulimit -f: status $status: $(cat err.txt)"
  grep -q "\.finsim-" err.txt && fail "$command under ulimit -f: meddelandet nämner arbetsmappen: $(cat err.txt)"
  grep -qE "ZIP|\[ERROR\]|too large" err.txt && fail "$command under ulimit -f: bibliotekets ord: $(cat err.txt)"
  [ -e small.xlsx ] || [ -e small.html ] || [ -e small-csv ] && fail "$command under ulimit -f lämnade en fil"
done
leftovers "ulimit -f"

# A stop while reading: SIGTERM to the command, nothing written.
"$finsim" run --runs 20000 --keep-paths 20000 --quiet -o big.h5 >/dev/null || fail "run big"
for k in 1 2 3; do
  rm -rf stop-csv
  "$finsim" export big.h5 --csv stop-csv >/dev/null 2>err.txt &
  pid=$!
  sleep 0.$((k * 2))
  kill -TERM $pid 2>/dev/null
  wait $pid
  status=$?
  if [ $status = 143 ]; then [ -e stop-csv ] && fail "export stoppad men mappen finns"; fi
  [ $status = 143 ] || [ $status = 0 ] || fail "export stoppad: status $status: $(cat err.txt)"
done
leftovers "SIGTERM"

echo "$count fientliga filer, var och en genom report, report --html och export; $failures fel"
[ $failures = 0 ]
