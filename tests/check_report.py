"""Reads finsim's workbook back with openpyxl (values, formats, sheets) and its chart XML (series
pointing at the right cells), and compares every number with the HDF5 it came from."""
import re
import sys
import zipfile

import h5py
import openpyxl

h5_path, xlsx_path = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(xlsx_path)
expected_sheets = ["Sammanfattning", "Resultaträkning", "Balansräkning", "Kassaflöde", "Eget kapital", "Deltagare",
                   "Indata", "Om"]
assert book.sheetnames == expected_sheets, book.sheetnames
f = h5py.File(h5_path, "r")
det, mc = f["deterministic"], f["montecarlo"]
years = [int(y) for y in det["year"][()]]


def same(cell, value, what):
    assert cell.value is not None and abs(cell.value - float(value)) < 0.5, (what, cell.coordinate, cell.value, value)


# Sammanfattning: the yearly key table, to the krona.
ws = book["Sammanfattning"]
header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "År")
columns = ["driftbidrag", "income", "costs", "result", "equity", "equity_ratio", "equity_cap", "cash_min"]
checked = 0
for i, year in enumerate(years):
    assert ws.cell(header + 1 + i, 1).value == year
    for c, name in enumerate(columns):
        cell = ws.cell(header + 1 + i, c + 2)
        if name == "equity_ratio":
            assert abs(cell.value - det[name][i]) < 1e-12 and cell.number_format == "0.0%"
        else:
            same(cell, det[name][i], name)
            assert cell.number_format == "#,##0", cell.number_format
        checked += 1
sentences = [str(ws.cell(r, 1).value) for r in range(1, 80) if ws.cell(r, 1).value]
summary = [x.decode() if isinstance(x, bytes) else str(x) for x in h5py.File(sys.argv[1], "r").attrs["summary"]]
assert sentences[1:1 + len(summary)] == summary, (sentences, summary)  # the answer first, under the title
assert summary[0].startswith("Eget kapital väntas överstiga taket"), summary

# Resultaträkning: members, lines and insatser, the sums and the result.
ws = book["Resultaträkning"]
rows = {ws.cell(r, 1).value.strip(): r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}
for k, member in enumerate(det["member"][()]):
    for i in range(len(years)):
        same(ws.cell(rows["Driftbidrag från " + member.decode()], i + 2), det["member_contributions"][k, i], member)
        checked += 1
for i in range(len(years)):
    same(ws.cell(rows["Årets resultat"], i + 2), det["result"][i], "result")
    same(ws.cell(rows["Summa kostnader"], i + 2), det["costs"][i], "costs")
    checked += 2

# Balansräkning: the opening balance, then each December (tests/check_statements.py checks the rest).
ws = book["Balansräkning"]
rows = {ws.cell(r, 1).value.strip(): r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}
for i in range(len(years)):
    same(ws.cell(rows["Kassa och bank"], i + 3), det["cash"][12 * i + 11], "cash")
    same(ws.cell(rows["Summa eget kapital"], i + 3), det["equity_month"][12 * i + 11], "equity")
    checked += 2

# Kassaflöde per month (below the yearly kassaflödesanalys), and the fan table of Eget kapital.
ws = book["Kassaflöde"]
month_header = next(r for r in range(1, 60) if ws.cell(r, 1).value == "Månad")
for m in range(det["cash"].shape[0]):
    same(ws.cell(month_header + 1 + m, 2), det["cash"][m], "cash")
    checked += 1
ws = book["Eget kapital"]
levels = {"P5": 1, "P25": 3, "P50": 4, "P75": 5, "P95": 7}
for c in range(1, 10):
    title = ws.cell(1, c).value
    for label, q in levels.items():
        if title.startswith(label + " "):
            for i in range(len(years)):
                same(ws.cell(i + 2, c), mc["equity_q"][i, q], title)
                checked += 1

# Indata: one scenario line per row.
ws = book["Indata"]
lines = f.attrs["scenario_toml"].split("\n")
assert [ws.cell(r + 2, 1).value or "" for r in range(5)] == lines[:5]

# Charts: each exists and its series point at the sheet's cells.
with zipfile.ZipFile(xlsx_path) as z:
    charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
    assert len(charts) == 3, charts
    refs = {n: re.findall(r"<c:f>([^<]+)</c:f>", z.read(n).decode()) for n in charts}
    cash = refs["xl/charts/chart1.xml"]
    first, last = month_header + 1, month_header + det["cash"].shape[0]
    assert f"'Kassaflöde'!$B${first}:$B${last}" in cash and f"'Kassaflöde'!$A${first}:$A${last}" in cash, cash
    fan = refs["xl/charts/chart2.xml"]
    for col in "BCDEFGH":
        assert f"'Eget kapital'!${col}$2:${col}$4" in fan, (col, fan)
    assert "<c:upDownBars>" in z.read("xl/charts/chart2.xml").decode()
    assert any(r.startswith("Deltagare!") or r.startswith("'Deltagare'!") for r in refs["xl/charts/chart3.xml"])
    sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r"<v>\d+\.\d+</v>", sheet1), "numbers with a decimal point in the XML"
    assert not re.search(r"<v>-?\d+,\d+</v>", sheet1), "a decimal comma in the XML"
print(f"workbook read back: {len(book.sheetnames)} sheets, {checked} numbers equal to the HDF5, 3 charts")
