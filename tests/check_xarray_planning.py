"""Opens the planning-day files (finsim compare, finsim room) as an analyst would: xarray + netCDF4."""
import sys

import numpy as np
import xarray as xr

compare_path, room_path = sys.argv[1], sys.argv[2]
c = xr.open_dataset(compare_path, group="compare", engine="netcdf4")
assert list(c.scenario.values) == ["solleftea-2024", "solleftea-2024-samcoach-fortsatter"], c.scenario.values
assert list(c.year.values) == [2024, 2025, 2026]
assert c.equity_q.dims == ("scenario", "year", "quantile")
assert c.delta_equity_q.dims == ("scenario", "year", "quantile")
for name in ["equity_mean", "p_equity_above_cap", "p_equity_below_floor", "p_cash_negative",
             "p_equity_above_cap_se", "delta_equity_mean", "delta_equity_se", "p_equity_higher",
             "delta_p_equity_above_cap", "delta_p_equity_below_floor_se", "crn_variance_ratio"]:
    assert c[name].dims == ("scenario", "year"), name
    assert "units" in c[name].attrs, name
base = c.sel(scenario="solleftea-2024")
assert float(abs(base.delta_equity_mean).max()) == 0.0 and bool(np.isnan(base.crn_variance_ratio).all())
variant = c.sel(scenario="solleftea-2024-samcoach-fortsatter", year=2026)
assert float(variant.delta_equity_mean) < 0.0 and float(variant.crn_variance_ratio) > 1.0
root = xr.open_dataset(compare_path, engine="netcdf4")
assert root.attrs["file_type"] == "finsim_result"
for group in ["deterministic", "montecarlo"]:
    xr.open_dataset(compare_path, group=group, engine="netcdf4")
# Every scenario's yearly key table and text (clarification 83); the base's row is /deterministic.
det = xr.open_dataset(compare_path, group="deterministic", engine="netcdf4")
yearly = [name for name in det.data_vars if det[name].dims == ("year",)]
assert len(yearly) >= 11, yearly
for name in yearly:
    assert c[name].dims == ("scenario", "year"), name
    assert c[name].attrs["units"] == det[name].attrs["units"], name
    assert np.array_equal(c[name].sel(scenario="solleftea-2024").values, det[name].values), name
assert c.scenario_text.dims == ("scenario",)
assert str(c.scenario_text.sel(scenario="solleftea-2024").values) == root.attrs["scenario_toml"]
assert "extends" not in str(c.scenario_text.sel(scenario="solleftea-2024-samcoach-fortsatter").values)
print("xarray opened /compare of", compare_path)

r = xr.open_dataset(room_path, group="room", engine="netcdf4")
assert r.attrs["from"] == 2018 and r.attrs["equity_target"] == 800000.0
assert r.p_equity_target_met.dims == ("extra_spend",) and r.extra_spend.size == 41
assert r.equity_last_q.dims == ("extra_spend", "quantile")
assert list(r.bound.values) == ["low", "high"]
assert r.max_extra_spend_ci.dims == ("bound",)
low, high = r.max_extra_spend_ci.values
assert low <= float(r.max_extra_spend) <= high
assert str(r.binding_limit.values) == "equity_target", r.binding_limit.values
assert np.isnan(float(r.min_extra_spend))
print("xarray opened /room of", room_path, "max_extra_spend", float(r.max_extra_spend))
