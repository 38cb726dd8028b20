"""The analysis sheets of the workbook: each file of compare, room and sensitivity gets its sheet,
with its numbers from the HDF5 and its chart."""
import sys
import zipfile

import h5py
import openpyxl

for h5_path, xlsx_path, sheet in zip(sys.argv[1::3], sys.argv[2::3], sys.argv[3::3]):
    book = openpyxl.load_workbook(xlsx_path)
    assert sheet in book.sheetnames and book.sheetnames[-1] == "Om" and "Indata" in book.sheetnames, book.sheetnames
    # The analysis right after the summary: the answer before the statements.
    assert book.sheetnames[:2] == ["Sammanfattning", sheet], book.sheetnames
    if sheet == "Jämförelse":  # every scenario's text (clarification 84)
        assert book.sheetnames[-3:-1] == ["Indata", "Indata 2"], book.sheetnames
        assert book["Indata 2"].cell(1, 1).value.endswith(".toml)"), book["Indata 2"].cell(1, 1).value
    ws = book[sheet]
    f = h5py.File(h5_path, "r")
    if sheet == "Jämförelse":
        q = f["compare/equity_q"]
        assert abs(ws.cell(3, 4).value - q[0, 1, 4]) < 0.5  # the base's 2nd year median
    elif sheet == "Utrymme":
        facts = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 40)}
        assert abs(facts["Högst extra per år (kr)"] - f["room/max_extra_spend"][()]) < 0.5, facts
    elif sheet == "Känslighet":
        base = next(r for r in range(1, 40) if str(ws.cell(r, 1).value).startswith("Tornado kring"))
        assert abs(ws.cell(base, 2).value - f["sensitivity/tornado_base"][()]) < 0.5
    with zipfile.ZipFile(xlsx_path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert any(f"'{sheet}'!" in z.read(n).decode() or f"{sheet}!" in z.read(n).decode() for n in charts), sheet
    print(f"{xlsx_path}: sheet {sheet} with its numbers and chart")
