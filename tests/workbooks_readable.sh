#!/usr/bin/env bash
# Every kind of workbook (run, helårsprognos, room, compare, sensitivity, backtest, merger) written
# and checked by check_workbooks_readable.py: no raw names, print setup, 8 pt, the sentences first.
set -euo pipefail
finsim=$1 source=$2 work=$3
S=$source/scenarios
rm -rf "$work" && mkdir -p "$work" && cd "$work"
q="--runs 300 -q"
"$finsim" run "$S/skelleftea-norsjo-2018.toml" -o sn.h5 $q >/dev/null 2>&1
"$finsim" run "$S/solleftea-2024.toml" -o so.h5 $q >/dev/null 2>&1
"$finsim" run "$S/solleftea-2024.toml" --deterministic -o det.h5 -q >/dev/null 2>&1
"$finsim" run "$S/backtest/year-to-date/norra-vastmanland-2023-aug.toml" -o ytd.h5 $q >/dev/null 2>&1
"$finsim" room "$S/variants/skelleftea-norsjo-2018-utan-nya.toml" --from 2018 --to 2018-12 --equity-target 800000 -o room.h5 $q >/dev/null 2>&1
"$finsim" compare "$S/solleftea-2024.toml" "$S/variants/solleftea-2024-samcoach-fortsatter.toml" -o compare.h5 $q >/dev/null 2>&1
"$finsim" sensitivity "$S/skelleftea-norsjo-2018.toml" -o sens.h5 --base-runs 64 --resamples 20 $q >/dev/null 2>&1
"$finsim" sensitivity "$S/skelleftea-norsjo-2018.toml" -o tornado.h5 --method tornado $q >/dev/null 2>&1
"$finsim" backtest "$S/backtest" -o backtest.h5 $q >/dev/null 2>&1
"$finsim" merge "$S/vastmanland-2024/norra-vastmanland.toml" "$S/vastmanland-2024/vasteras.toml" \
  "$S/vastmanland-2024/vastra-malardalen.toml" -o lan.toml --name "Länsförbundet" --from 2024 \
  --kansli 2200000 --styrelse 600000 --report lan.h5 $q >/dev/null 2>&1
for h in *.h5; do "$finsim" report "$h" >/dev/null; done
/usr/bin/python3 "$source/tests/check_workbooks_readable.py" *.xlsx
