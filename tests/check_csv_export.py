"""Reads finsim's CSV export back as Excel's users would get it (csv module, ';' and decimal comma)
and compares every value with the HDF5 file it came from."""
import csv
import math
import os
import sys

import h5py
import numpy as np

h5_path, folder, style = sys.argv[1], sys.argv[2], sys.argv[3]
delimiter, decimal, bom = (";", ",", True) if style == "swedish" else (",", ".", False)


def number(text):
    return math.nan if text == "" else float(text.replace(decimal, "."))


checked = 0
with h5py.File(h5_path, "r") as f:
    datasets = []
    f.visititems(lambda name, obj: datasets.append(name)
                 if isinstance(obj, h5py.Dataset) and obj.attrs.get("CLASS") != b"DIMENSION_SCALE" else None)
    files = sorted(n for n in os.listdir(folder) if n.endswith(".csv"))
    assert files == sorted(name.replace("/", ".") + ".csv" for name in datasets), "one file per dataset"
    for name in datasets:
        path = os.path.join(folder, name.replace("/", ".") + ".csv")
        raw = open(path, "rb").read()
        assert raw.startswith(b"\xef\xbb\xbf") == bom, path
        assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"), f"{path}: CRLF line ends"
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle, delimiter=delimiter))
        data = f[name]
        dims = [data.dims[k][0].name.split("/")[-1] for k in range(data.ndim)] if data.ndim else []
        assert rows[0] == dims + ["value", "unit"], (path, rows[0])
        values = np.asarray(data[()]).reshape(-1)
        assert len(rows) - 1 == values.size, (path, len(rows), values.size)
        unit = data.attrs.get("units", b"")
        unit = unit.decode() if isinstance(unit, bytes) else str(unit)
        for row, expected in zip(rows[1:], values):
            assert row[-1] == unit, (path, row)
            if isinstance(expected, (bytes, str)):
                text = expected.decode() if isinstance(expected, bytes) else expected
                assert row[-2] == text, (path, row, text)
            elif math.isnan(float(expected)):
                assert row[-2] == "", (path, row)
            else:
                assert number(row[-2]) == float(expected), (path, row, expected)
                # Fixed notation, never an exponent; amounts in kronor with at most two decimals (öre).
                assert "e" not in row[-2].lower(), (path, row)
                if unit == "SEK" or unit.startswith("SEK/"):
                    assert len(row[-2].partition(decimal)[2]) <= 2 and row[-2] != "-0", (path, row)
            checked += 1
        if data.ndim:  # the coordinates of the first row are the scales' first values
            for k in range(data.ndim):
                first = data.dims[k][0][0]
                text = first.decode() if isinstance(first, bytes) else str(first)
                cell = rows[1][k]
                if isinstance(first, (bytes, str)):
                    assert cell == text, (path, cell, text)
                else:
                    assert number(cell) == float(first), (path, cell, first)
print(f"{len(datasets)} CSV files read back, {checked} values equal to the HDF5 ({style})")

# The README: the answer's sentences first, then every column key and stored label in Swedish (issue 21).
readme = open(os.path.join(folder, "README.txt"), encoding="utf-8-sig", newline="").read()
with h5py.File(h5_path, "r") as f:
    summary = [s.decode() if isinstance(s, bytes) else str(s) for s in f.attrs["summary"]]
assert readme.index("Resultatet i korthet:") < readme.index("Filer:"), readme[:400]
for sentence in summary:
    assert sentence in readme, sentence
assert "\r\n  reason: avslutsorsak\r\n" in readme and "\r\n  year: år\r\n" in readme, readme
assert "\r\n  aktivt_arbetssokande: aktivt arbetssökande\r\n" in readme
assert "\r\n  insats.MySam.utilization: Förbrukningsgrad: MySam\r\n" in readme
print("README: the sentences and the Swedish names of", readme.count("\r\n  "), "keys and labels")
