"""Opens the merger's impact report (finsim merge --report) as an analyst would: xarray + netCDF4."""
import sys

import numpy as np
import openpyxl
import xarray as xr

path, workbook = sys.argv[1], sys.argv[2]
m = xr.open_dataset(path, group="merger", engine="netcdf4")
assert list(m.scenario.values)[-1] == "Samordningsförbundet Västmanland", m.scenario.values
assert m.sizes["scenario"] == 4 and m.sizes["kommun"] == 10 and list(m.year.values) == [2024, 2025, 2026]
for name in ["driftbidrag", "state_allocation", "admin_costs", "admin_share", "p_equity_above_cap",
             "p_equity_below_floor", "p_cash_negative", "served", "exits_work_studies"]:
    assert m[name].dims == ("scenario", "year"), name
    assert "units" in m[name].attrs, name
assert m.equity_ratio_q.dims == ("scenario", "year", "quantile")
for name in ["kommun_contribution_separate", "kommun_contribution_merged", "kommun_starts", "kommun_starts_per_10000"]:
    assert m[name].dims == ("kommun", "year"), name
separate = m.isel(scenario=slice(0, 3))
merged = m.isel(scenario=3)
# Nothing dropped: the participants are the same people, drawn with the same numbers.
assert np.allclose(separate.served.sum("scenario"), merged.served)
assert np.allclose(separate.exits_work_studies.sum("scenario"), merged.exits_work_studies)
# One base amount instead of three: about 2 x 400 000 less state money, matched by the members.
lost = float(separate.state_allocation.sum("scenario")[0] - merged.state_allocation[0])
assert 700000 < lost < 800000, lost
# Amounts are written in öre (clarification 69): each of the 8 amounts is within half an öre.
assert abs(float(separate.driftbidrag.sum("scenario")[0] - merged.driftbidrag[0]) - 2 * lost) < 8 * 0.005
# The kommuner pay the kommun quarter, split by population.
quarter = float(merged.driftbidrag[0]) / 4
assert abs(float(m.kommun_contribution_merged.sel(year=2024).sum()) - quarter) < 0.005 * (m.kommun.size + 1)
v = m.sel(kommun="Västerås stad", year=2024)
assert abs(float(v.kommun_starts_per_10000) - float(v.kommun_starts) / 157000 * 10000) < 1e-9
# The base amounts lost (clarification 83): two of 400 000 a year, modelled with the allocation model.
assert m.lost_base_amounts.dims == ("year",) and m.lost_base_amounts.attrs["units"] == "SEK"
assert int(m.attrs["lost_base_amounts_count"]) == 2
assert np.allclose(m.lost_base_amounts, 800000), m.lost_base_amounts.values
# The equity each förbund brings in, pooled into the merged förbund's opening equity.
assert m.equity_brought_in.dims == ("source",)
assert list(m.source.values) == list(m.scenario.values)[:3]
assert abs(float(m.equity_brought_in.sum()) - 2862551) < 1e-6, m.equity_brought_in.values
assert float(m.equity_returned.sum()) == 0.0 and m.attrs["equity"] == "pooled"
assert list(m.attrs["returned_amounts"]) == [0.0] * 13 and len(m.attrs["returned_members"]) == 13
root = xr.open_dataset(path, engine="netcdf4")
assert root.attrs["scenario_name"] == "Samordningsförbundet Västmanland"
print("xarray opened /merger of", path, "state money lost a year", lost)

# The valuation: every kommun's residents' exits have a value, and they add up to the merged
# förbund's value of all payers, first horizon.
assert (m.kommun_value_of_exits.sel(year=2024) > 0).all()
d = xr.open_dataset(path, group="deterministic/participants", engine="netcdf4")
assert d.value_of_exits.dims == ("insats", "payer", "value_horizon", "year")
total = float(d.value_of_exits.sel(value_horizon=1, year=2024).sum())
assert abs(float(m.kommun_value_of_exits.sel(year=2024).sum()) - total) < 1e-3 * total
# Per payer (issue 26): each kommun's own value (payer "kommun", its residents) beside what it
# pays; Försäkringskassan, Arbetsförmedlingen and the region apart.
assert m.kommun_value_of_exits_own.dims == ("kommun", "year")
assert m.payer_value_of_exits.dims == ("payer", "year")
assert sorted(m.payer.values) == sorted(["kommun", "Försäkringskassan", "Arbetsförmedlingen", "region"]), m.payer.values
assert int(m.attrs["value_horizon"]) == 1
own = m.kommun_value_of_exits_own.sel(year=2024)
assert (own > 0).all() and (own < m.kommun_value_of_exits.sel(year=2024)).all()
assert abs(float(own.sum()) - float(m.payer_value_of_exits.sel(payer="kommun", year=2024))) < 1e-6 * total
assert abs(float(m.payer_value_of_exits.sel(year=2024).sum()) - total) < 1e-6 * total
# One kansli and one styrelse (--kansli 2 200 000, --styrelse 600 000) instead of the three
# förbund's 3 746 485: the saving a year.
assert int(m.attrs["admin_summed"]) == 0 and m.attrs["admin_note"] == ""
assert m.admin_saving.dims == ("year",) and m.admin_saving.attrs["units"] == "SEK"
assert np.allclose(m.admin_saving, 3746485 - 2800000), m.admin_saving.values
assert np.allclose(m.admin_saving, separate.admin_costs.sum("scenario") - merged.admin_costs)
sheet = openpyxl.load_workbook(workbook)["Sammanslagning"]
rows = [r for r in sheet.iter_rows(min_row=1, values_only=True)]
merged_2024 = next(r for r in rows if r[0] == 2024 and str(r[1]).startswith("Sammanslaget"))
assert abs(merged_2024[2] - float(merged.driftbidrag[0])) < 0.006  # the workbook holds öre
sum_2024 = next(r for r in rows if r[0] == 2024 and r[1] == "Summa separata")
assert abs(sum_2024[3] - float(separate.state_allocation.sum("scenario")[0])) < 0.02, sum_2024
lost_at = next(i for i, r in enumerate(rows) if str(r[0]).startswith("Förlorade grundbelopp: 2"))
assert abs(rows[lost_at + 1][2] - 800000) < 1e-6, rows[lost_at + 1]
assert any(r[0] == "Eget kapital som förbunden för in (kr)" for r in rows)
saving_at = next(i for i, r in enumerate(rows) if str(r[0]).startswith("Besparing på kansli + styrelse"))
assert rows[saving_at + 1][0] == 2024 and abs(rows[saving_at + 1][2] - 946485) < 1e-6, rows[saving_at + 1]
header = next(r for r in rows if r[1] == "Kommun")
assert header[9] == "Eget värde av avslut (kr)" and header[4] == "Skillnad (kr)", header
vasteras = next(r for r in rows if r[1] == "Västerås stad")
assert abs(vasteras[9] - float(own.sel(kommun="Västerås stad"))) < 0.006, vasteras
assert abs(vasteras[4] - (vasteras[3] - vasteras[2])) < 0.02, vasteras
payer_at = next(i for i, r in enumerate(rows) if str(r[0]).startswith("Värde av avslut per betalare"))
payers = {r[1]: r[2] for r in rows[payer_at + 2:payer_at + 2 + m.sizes["payer"]]}
assert abs(payers["Försäkringskassan"] - float(m.payer_value_of_exits.sel(payer="Försäkringskassan", year=2024))) < 0.006
assert "Regionen" in payers and "Kommunerna (var och en för sina invånare)" in payers, payers
print("Sammanslagning sheet of", workbook, "matches /merger; value of exits 2024", total)
