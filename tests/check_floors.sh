#!/bin/bash
# The floors of docs/architecture.md: nothing in sampling/ includes a folder above it, nothing in
# input/ includes models/ or engine/, nothing in models/ includes engine/. Prints every offending
# include and fails when there is one.
set -u
root="${1:?usage: check_floors.sh SOURCE_DIR}"
cd "$root" || exit 2
status=0
check() {  # folder, the folders it must not include
  local folder=$1
  shift
  for above in "$@"; do
    if grep -rn "#include \"$above/" "$folder" --include='*.h' --include='*.cpp'; then
      echo "$folder/ includes $above/, a floor above it (docs/architecture.md)"
      status=1
    fi
  done
}
check sampling input models engine analysis output serve app
check input models engine analysis output serve app
check models engine analysis output serve app
check engine analysis output serve app
exit $status
