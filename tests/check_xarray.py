"""Opens a finsim output file as an analyst would (xarray + netCDF4) and checks its contract."""
import sys

import xarray as xr

path = sys.argv[1]
ds = xr.open_dataset(path, group="deterministic", engine="netcdf4")
for name in ["driftbidrag", "income", "costs", "result", "equity", "equity_ratio", "equity_cap",
             "cash_min", "cash", "receivables", "payables", "equity_month", "member_contributions",
             "insats_costs", "line_costs"]:
    assert name in ds, f"{name} missing from /deterministic"
    assert "units" in ds[name].attrs, f"{name} has no units"
assert list(ds.year.values) == [2024, 2025, 2026], ds.year.values
assert ds.month.values[0] == 202401 and ds.month.values[-1] == 202612
assert ds.member_contributions.dims == ("member", "year")
assert "Sollefteå kommun" in list(ds.member.values)
assert ds.insats_costs.dims == ("insats", "year")
equity = ds.equity.values
assert abs(equity[1] - (equity[0] + ds.result.values[1])) < 0.5
assert ds.equity_month.dims == ("month",)
gap = ds.cash + ds.receivables - ds.payables + ds.attrs["other_net_assets"] - ds.equity_month
assert float(abs(gap).max()) < 0.5, float(abs(gap).max())
root = xr.open_dataset(path, engine="netcdf4")
assert "finsim_version" in root.attrs and "[forbund]" in root.attrs["scenario_toml"]
assert root.attrs["file_type"] == "finsim_result" and int(root.attrs["format_version"]) == 1
# The seed lists Kansli for two of its three years: the one warning names the year it fills.
assert root.attrs["warnings"] == (
    "cost.Kansli.amount: 2 belopp för 3 år; 2026 får det sista beloppet (622 000 kr)"), root.attrs["warnings"]
print("xarray opened", path, "with", len(ds.data_vars), "variables")

part = xr.open_dataset(path, group="deterministic/participants", engine="netcdf4")
assert part.exits_by_reason.dims == ("insats", "reason", "year"), part.exits_by_reason.dims
assert "tidsbegransning" in list(part.reason.values)
assert list(part.gender.values) == ["kvinnor", "män"]
assert part.entry_support.dims == ("insats", "support", "year")
assert "SamCoach" in list(part.insats.values)
for name in ["referrals", "starts", "served", "active_end", "queue_end", "abandoned", "exits",
             "mean_wait_months", "capacity_use"]:
    assert part[name].dims == ("insats", "year"), name
mc = xr.open_dataset(path, group="montecarlo", engine="netcdf4")
assert mc.equity_q.dims == ("year", "quantile")
assert [round(q, 2) for q in mc["quantile"].values] == [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]
assert mc.attrs["runs"] == 500 and mc.attrs["seed"] == 1
assert 0.0 <= float(mc.p_equity_above_cap.sel(year=2025)) <= 1.0
assert "p_any_cash_negative_se" in mc and mc.paths_equity.dims == ("run", "year")
assert mc.actual_percentile.dims == ("outcome",) and "equity" in list(mc.outcome.values)
print("participants and montecarlo groups open too")
