"""Opens a finsim sensitivity file as an analyst would (xarray + netCDF4) and checks its contract."""
import sys

import numpy as np
import xarray as xr

s = xr.open_dataset(sys.argv[1], group="sensitivity", engine="netcdf4")
assert s.sobol_first.dims == ("factor", "outcome", "year"), s.sobol_first.dims
assert s.sobol_total_ci.dims == ("factor", "outcome", "year", "bound")
assert s.outcome_variance.dims == ("outcome", "year")
assert list(s.outcome.values)[-3:] == ["above_cap", "below_floor", "cash_negative"]
assert list(s.bound.values) == ["low", "high"]
assert s.tornado_low.dims == ("swing_factor",) and float(s.tornado_base) > 0
assert s.factor_paths.dims == ("factor",)
assert s.attrs["method"] == "both" and s.attrs["output"] == "equity" and s.attrs["year"] == 2019
assert s.attrs["replications"] == s.attrs["base_runs"] * (s.factor.size + 2)
top = s.sobol_total.sel(outcome="equity", year=2019).to_series().idxmax()
assert top == "income.MUCF – utvidgad myndighetssamverkan UVAS.probability", top
low, high = s.sobol_total_ci.sel(outcome="equity", year=2019, factor=top).values
assert low <= float(s.sobol_total.sel(outcome="equity", year=2019, factor=top)) <= high
assert np.isfinite(s.sobol_first.sel(outcome="costs").values).any()
print("xarray opened /sensitivity with", s.factor.size, "factors; top for equity 2019:", top)
