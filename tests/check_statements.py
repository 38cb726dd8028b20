"""Reads the workbook's familiar statements back with openpyxl and checks that they add up, against
the HDF5 they came from: the Resultaträkning's subtotals are the sums of their rows and its result
is /deterministic/result (with year-to-date actuals also the budget, utfall and avvikelse to date
per line against /forecast); the Balansräkning balances at the opening balance and every
31 December, and EK vid årets ingång + årets resultat = summa eget kapital; the kassaflödesanalys
reconciles to the cash at December. Every amount is a number rounded to öre in the kronor format,
every subtotal bold, no label an identifier.

Usage: check_statements.py RESULT.h5 WORKBOOK.xlsx [RESULT.h5 WORKBOOK.xlsx ...] [--tkr WORKBOOK.xlsx]
"""
import re
import sys

import h5py
import openpyxl

TOLERANCE = 0.01  # kronor: the cells are rounded to öre


def close(a, b, what):
    assert a is not None and b is not None and abs(float(a) - float(b)) <= TOLERANCE, (what, a, b)


def rows_of(ws):
    """The sheet's rows below the header as (label, stripped label, [amount per column], bold)."""
    out = []
    for r in range(2, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if label is None:
            continue
        values = [ws.cell(r, c).value for c in range(2, ws.max_column + 1)]
        out.append((r, label, label.strip(), values, bool(ws.cell(r, 1).font.bold)))
    return out


def check_cells(ws, kronor_format):
    """Every amount a number rounded to öre in the kronor format; no label an identifier."""
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if isinstance(v, str):
                assert not re.search(r"[a-z]+_[a-z]+", v), (ws.title, cell.coordinate, v)
                assert not re.search(r"\b[a-z]{2,}\.[a-z]{2,}", v), (ws.title, cell.coordinate, v)
            elif isinstance(v, (int, float)) and cell.column > 1 and cell.row > 1:
                assert abs(v * 100 - round(v * 100)) < 1e-6, (ws.title, cell.coordinate, v, "not rounded to öre")
                assert cell.number_format == kronor_format, (ws.title, cell.coordinate, cell.number_format)


def sum_of(values_list, c):
    present = [v[c] for v in values_list if v[c] is not None]
    return sum(present) if present else None


def check_income_statement(ws, det, forecast, years):
    rows = rows_of(ws)
    labels = [label for _, _, label, _, _ in rows]
    by_label = {label: (r, values, bold) for r, _, label, values, bold in rows}
    Y = len(years)
    to_date = forecast is not None and "budget_to_date" in forecast
    columns = Y + (3 if to_date else 0)
    for label in ["Verksamhetens intäkter", "Summa driftbidrag", "Verksamhetens kostnader", "Kostnader för insatser",
                  "Summa kostnader för insatser", "Summa kostnader", "Årets resultat"]:
        assert label in by_label, (label, labels)
    if len(det["line_kind"][()]) and any(k.decode() in ("kansli", "styrelse") for k in det["line_kind"][()]):
        assert "Summa styrelse och kansli" in by_label, labels

    # Each subtotal (a bold "Summa …" after indented lines) is the sum of the lines just above it.
    lines, sums = [], {}
    checked = 0
    for _, raw, label, values, bold in rows:
        if raw.startswith("  "):
            assert not bold, label
            lines.append(values)
        elif label.startswith("Summa") and lines:
            assert bold, label
            for c in range(columns):
                expected = sum_of(lines, c)
                if expected is None:  # the driftbidrag to date stands on its sum only
                    continue
                close(values[c], expected, (label, c))
                checked += 1
            sums[label] = values
            lines = []
        elif label.startswith("Summa") or label == "Årets resultat":
            assert bold, label
            sums[label] = values
        else:
            lines = []  # a heading starts a new group

    # The totals against the file, year by year.
    for y in range(Y):
        close(sums["Summa driftbidrag"][y], det["driftbidrag"][y], "driftbidrag")
        close(sums["Summa kostnader"][y], det["costs"][y], "costs")
        close(sums["Årets resultat"][y], det["result"][y], "result")
        revenue = sums.get("Summa verksamhetens intäkter", sums["Summa driftbidrag"])
        close(sums["Årets resultat"][y], revenue[y] - sums["Summa kostnader"][y], "result = intäkter - kostnader")
        checked += 4
    # Summa kostnader is the sum of the cost subtotals; Summa verksamhetens intäkter of the income ones.
    cost_parts = [sums[k] for k in ["Summa kostnader för insatser", "Summa styrelse och kansli",
                                    "Summa övriga kostnader"] if k in sums]
    for c in range(columns):
        close(sums["Summa kostnader"][c], sum_of(cost_parts, c), ("Summa kostnader", c))
    if "Summa verksamhetens intäkter" in sums:
        for c in range(columns):
            close(sums["Summa verksamhetens intäkter"][c],
                  sum_of([sums["Summa driftbidrag"], sums["Summa övriga intäkter"]], c), ("intäkter", c))
    # Every insats and cost line, year by year.
    for name, dataset in [("insats", "insats_costs"), ("line", "line_costs"), ("income_line", "income_lines")]:
        for k, n in enumerate(det[name][()]):
            _, values, _ = by_label[n.decode()]
            for y in range(Y):
                close(values[y], det[dataset][k, y], n.decode())
                checked += 1

    if to_date:
        # Budget, utfall and avvikelse to date: each line as /forecast holds it, the result as the sums.
        names = [n.decode() for n in forecast["line"][()]]
        for i, name in enumerate(names):
            label = "Summa driftbidrag" if name == "driftbidrag" else name
            _, values, _ = by_label[label]
            for c, dataset in enumerate(["budget_to_date", "actual_to_date", "deviation_to_date"]):
                x = forecast[dataset][i]
                if x != x:  # NaN: an empty cell
                    assert values[Y + c] is None, (name, dataset, values[Y + c])
                else:
                    close(values[Y + c], x, (name, dataset))
                checked += 1
            if forecast["actual_to_date"][i] == forecast["actual_to_date"][i]:
                income = i == 0 or name in [n.decode() for n in det["income_line"][()]]
                budget, actual = forecast["budget_to_date"][i], forecast["actual_to_date"][i]
                close(values[Y + 2], actual - budget if income else budget - actual, (name, "avvikelse"))
        result = sums["Årets resultat"]
        revenue = sums.get("Summa verksamhetens intäkter", sums["Summa driftbidrag"])
        close(result[Y], revenue[Y] - sums["Summa kostnader"][Y], "budget result to date")
        close(result[Y + 1], revenue[Y + 1] - sums["Summa kostnader"][Y + 1], "actual result to date")
        close(result[Y + 2], result[Y + 1] - result[Y], "deviation of the result to date")
        header = [ws.cell(1, c).value for c in range(2, columns + 2)]
        assert header[Y].startswith("Budget jan–") and header[Y + 1].startswith("Utfall jan–"), header
        assert header[0] == f"Prognos {years[0]}", header
    return checked


def check_balance_sheet(ws, det, years):
    rows = rows_of(ws)
    by_label = {label: values for _, _, label, values, _ in rows}
    bold = {label: b for _, _, label, _, b in rows}
    Y = len(years)
    header = [ws.cell(1, c).value for c in range(1, Y + 3)]
    assert header[1] == f"Ingående balans {years[0]}-01-01" and header[2] == f"{years[0]}-12-31", header
    order = [label for _, _, label, _, _ in rows]
    for label in ["TILLGÅNGAR", "Kassa och bank", "Fordringar", "Summa tillgångar", "EGET KAPITAL OCH SKULDER",
                  "Eget kapital", "EK vid årets ingång", "Årets resultat", "Summa eget kapital", "Skulder",
                  "Kortfristiga skulder", "Summa skulder", "Summa eget kapital och skulder"]:
        assert label in by_label, (label, order)
    assert order.index("Summa tillgångar") < order.index("EGET KAPITAL OCH SKULDER")
    for label in ["Summa tillgångar", "Summa eget kapital", "Summa skulder", "Summa eget kapital och skulder"]:
        assert bold[label], label
    other = float(det.attrs["other_net_assets"])
    remainder = abs(other) >= 0.005
    assert ("Övriga nettotillgångar" in by_label or "Övriga nettoskulder" in by_label) == remainder, order
    checked = 0
    opening = [det.attrs["opening_cash"], det.attrs["opening_receivables"], det.attrs["opening_payables"],
               det.attrs["opening_equity"]]
    for c in range(Y + 1):
        assets = by_label["Summa tillgångar"][c]
        close(assets, by_label["Summa eget kapital och skulder"][c], ("balances", c))
        close(assets, by_label["Kassa och bank"][c] + by_label["Fordringar"][c] +
              (by_label["Övriga nettotillgångar"][c] if "Övriga nettotillgångar" in by_label else 0), ("assets", c))
        close(by_label["EK vid årets ingång"][c] + (by_label["Årets resultat"][c] or 0),
              by_label["Summa eget kapital"][c], ("EK vid årets ingång + årets resultat", c))
        close(by_label["Summa eget kapital och skulder"][c],
              by_label["Summa eget kapital"][c] + by_label["Summa skulder"][c], ("EK och skulder", c))
        if remainder:
            shown = by_label.get("Övriga nettotillgångar", by_label.get("Övriga nettoskulder"))[c]
            close(shown, abs(other), "övriga nettotillgångar")
        if c == 0:
            for label, x in zip(["Kassa och bank", "Fordringar", "Kortfristiga skulder", "Summa eget kapital"],
                                opening):
                close(by_label[label][0], x, ("opening", label))
            assert by_label["Årets resultat"][0] is None
        else:
            dec = 12 * (c - 1) + 11
            close(by_label["Kassa och bank"][c], det["cash"][dec], "cash")
            close(by_label["Fordringar"][c], det["receivables"][dec], "receivables")
            close(by_label["Kortfristiga skulder"][c], det["payables"][dec], "payables")
            close(by_label["Summa eget kapital"][c], det["equity"][c - 1], "equity")
            close(by_label["Årets resultat"][c], det["result"][c - 1], "result")
            close(by_label["EK vid årets ingång"][c], by_label["Summa eget kapital"][c - 1], "EK chain")
        checked += 6
    return checked


def check_cash_flow(ws, det, years):
    rows = rows_of(ws)
    by_label = {label: values for _, _, label, values, _ in rows}
    Y = len(years)
    assert [ws.cell(1, c + 2).value for c in range(Y)] == years
    order = [label for _, _, label, _, _ in rows]
    month_header = next(r for r in range(1, 80) if ws.cell(r, 1).value == "Månad")
    top = [label for r, _, label, _, _ in rows if r < month_header]
    assert top.index("Likvida medel vid årets slut") < top.index("Månad för månad"), top
    checked = 0
    cash = det["cash"]
    for y in range(Y):
        result = by_label["Årets resultat"][y]
        receivables = by_label["Ökning/minskning av kortfristiga fordringar"][y]
        payables = by_label["Ökning/minskning av kortfristiga skulder"][y]
        flow = by_label["Kassaflöde från den löpande verksamheten"][y]
        start, end = by_label["Likvida medel vid årets början"][y], by_label["Likvida medel vid årets slut"][y]
        close(result, det["result"][y], "result")
        close(flow, result + receivables + payables, "flow = result + changes")
        close(start + flow, end, "reconciles")
        close(end, cash[12 * y + 11], "cash at December")
        close(start, det.attrs["opening_cash"] if y == 0 else cash[12 * y - 1], "cash at the start")
        previous_receivables = det.attrs["opening_receivables"] if y == 0 else det["receivables"][12 * y - 1]
        close(receivables, previous_receivables - det["receivables"][12 * y + 11], "receivables change")
        checked += 6
    # The monthly table below its own header.
    for m in range(cash.shape[0]):
        close(ws.cell(month_header + 1 + m, 2).value, cash[m], ("month", m))
        checked += 1
    assert order  # the sheet is not empty
    return checked


def check(h5_path, xlsx_path):
    book = openpyxl.load_workbook(xlsx_path)
    f = h5py.File(h5_path, "r")
    det = f["deterministic"]
    forecast = f["forecast"] if "forecast" in f else None
    years = [int(y) for y in det["year"][()]]
    checked = 0
    for name in ["Resultaträkning", "Balansräkning", "Kassaflöde"]:
        ws = book[name]
        assert ws.cell(1, 1).value == "Belopp i kr", (name, ws.cell(1, 1).value)
        assert ws.freeze_panes == "B2", (name, ws.freeze_panes)
        check_cells(ws, "#,##0")
    checked += check_income_statement(book["Resultaträkning"], det, forecast, years)
    checked += check_balance_sheet(book["Balansräkning"], det, years)
    checked += check_cash_flow(book["Kassaflöde"], det, years)
    print(f"{xlsx_path}: the statements add up ({checked} checks)")


def check_thousands(xlsx_path):
    book = openpyxl.load_workbook(xlsx_path)
    for name in ["Resultaträkning", "Balansräkning", "Kassaflöde"]:
        ws = book[name]
        assert ws.cell(1, 1).value == "Belopp i tkr", (name, ws.cell(1, 1).value)
        check_cells(ws, "#,##0,")
    print(f"{xlsx_path}: the statements in tkr")


args = sys.argv[1:]
if "--tkr" in args:
    k = args.index("--tkr")
    check_thousands(args[k + 1])
    args = args[:k] + args[k + 2:]
assert args and len(args) % 2 == 0, __doc__
for h5_path, xlsx_path in zip(args[::2], args[1::2]):
    check(h5_path, xlsx_path)
