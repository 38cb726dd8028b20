"""Opens the forecast files as an analyst would (xarray + netCDF4) and checks the Prognos sheet of
the workbook against the HDF5 (openpyxl): /forecast of a year-to-date run, /backtest of the folder."""
import sys

import numpy as np
import openpyxl
import xarray as xr

forecast_path, workbook_path, backtest_path = sys.argv[1], sys.argv[2], sys.argv[3]
f = xr.open_dataset(forecast_path, group="forecast", engine="netcdf4")
assert f.attrs["through"] == "2023-08" and f.attrs["method"] == "budget", f.attrs
lines = list(f.line.values)
assert lines[0] == "driftbidrag" and "Samordningsteam Sala" in lines and len(lines) == 19, lines
for name in ["budget", "actual_to_date", "forecast_mean", "deviation_from_budget", "forecast_from_budget"]:
    assert f[name].dims == ("line",), name
    assert "units" in f[name].attrs, name
assert f.forecast_q.dims == ("line", "quantile")
assert f.result_q.dims == ("quantile",) and f.equity_q.dims == ("quantile",)
assert f.result_mean.dims == () and f.equity_mean.dims == ()
sala = f.sel(line="Samordningsteam Sala")
assert float(sala.actual_to_date) == 790394.0 and float(sala.budget) == 1500000.0
# Booked as paid: a contracted team is forecast at its budget whatever it has booked, the decided
# driftbidrag is the year's; deviation of a cost = budget - forecast.
assert f.attrs["basis"] == "paid", f.attrs
assert abs(float(sala.forecast_mean) - 1500000.0) < 1e-6
assert str(sala.assumption.values) == "avtal: hela budgeten", sala.assumption.values
assert abs(float(sala.own_forecast) - 1500000.0) < 1e-6 and float(f.own_result) == -743449.0
assert abs(float(sala.deviation_from_budget) - (1500000.0 - float(sala.forecast_mean))) < 1e-6
styrelse = f.sel(line="Styrelse")
# Quarterly in arrears: 2 of 4 quarters (213 500) paid by August; 206 695 booked: use 0.968 for
# January-August, then (method budget) the budget for September-December.
assert str(styrelse.assumption.values) == "kvartalsvis i efterskott, 2 av 4 kvartal betalda"
use = 206695.0 / 213500.0
# The mean of 200 runs with the default deviation of an admin line (Student-t, 3 df, scale 5 % of
# 427 000): standard error about 2 600 kr; 6 of them.
assert abs(float(styrelse.forecast_mean) - (use * 427000.0 * 8 / 12 + 427000.0 * 4 / 12)) < 16000
drift = f.sel(line="driftbidrag")
assert abs(float(drift.forecast_mean) - 7030000.0) < 1e-6
# Each amount is written in öre (clarification 69): within half an öre each.
assert abs(float(f.result_mean) - (float(drift.forecast_mean) - float(f.forecast_mean[1:].sum()))) \
    < 0.005 * (f.line.size + 1)
print("xarray opened /forecast of", forecast_path, "result_mean", float(f.result_mean))

book = openpyxl.load_workbook(workbook_path)
assert "Prognos" in book.sheetnames, book.sheetnames
sheet = book["Prognos"]
rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
assert abs(rows["Samordningsteam Sala"][3] - float(sala.forecast_mean)) < 1e-6
assert rows["Driftbidrag"][2] == 4393753
print("Prognos sheet of", workbook_path, "matches /forecast")

b = xr.open_dataset(backtest_path, group="backtest", engine="netcdf4")
assert list(b.case.values) == ["skelleftea-norsjo-2017", "solleftea-2016"], b.case.values
assert list(b.outcome.values) == ["driftbidrag", "income", "costs", "result", "equity"]
for name in ["percentile", "inside_90", "inside_50", "band_width", "actual"]:
    assert b[name].dims == ("case", "outcome"), name
assert b.coverage_90.dims == ("outcome",) and b.coverage_50.dims == ("outcome",)
assert b.forecast_q.dims == ("case", "outcome", "quantile")
inside = b.inside_90.values
assert set(np.unique(inside[~np.isnan(inside)])) <= {0.0, 1.0}
assert abs(float(b.coverage_90.sel(outcome="result")) - float(b.inside_90.sel(outcome="result").mean())) < 1e-12
print("xarray opened /backtest of", backtest_path, "coverage_90", b.coverage_90.values)
