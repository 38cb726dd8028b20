"""Opens a finsim output file as an analyst would (xarray + netCDF4) and checks its contract."""
import sys

import xarray as xr

path = sys.argv[1]
ds = xr.open_dataset(path, group="deterministic", engine="netcdf4")
for name in ["driftbidrag", "income", "costs", "result", "equity", "equity_ratio", "equity_cap",
             "cash_min", "cash", "member_contributions", "insats_costs", "line_costs"]:
    assert name in ds, f"{name} missing from /deterministic"
    assert "units" in ds[name].attrs, f"{name} has no units"
assert list(ds.year.values) == [2024, 2025, 2026], ds.year.values
assert ds.month.values[0] == 202401 and ds.month.values[-1] == 202612
assert ds.member_contributions.dims == ("member", "year")
assert "Sollefteå kommun" in list(ds.member.values)
assert ds.insats_costs.dims == ("insats", "year")
equity = ds.equity.values
assert abs(equity[1] - (equity[0] + ds.result.values[1])) < 0.5
root = xr.open_dataset(path, engine="netcdf4")
assert "finsim_version" in root.attrs and "[forbund]" in root.attrs["scenario_toml"]
print("xarray opened", path, "with", len(ds.data_vars), "variables")
