#!/usr/bin/python3
"""Every workbook a board reads (issue 21): no raw name on a sheet a board member reads, print
setup on every sheet, text at least 8 pt when fitted to the page width, the summary sentences on
the first sheet.

Usage: check_workbooks_readable.py FILE.xlsx... (each beside its FILE.h5)
"""
import re
import sys

import h5py
import openpyxl

# A word with an underscore between lower-case letters, or a key path: a top-level scenario key
# followed by "." or "[" (clarification 87).
RAW = re.compile(
    r"(?<![A-Za-z0-9])[a-z]+_[a-z]+|(?<![A-Za-zåäöÅÄÖ0-9])"
    r"(forbund|funding|member|income|cost|insats|actual|correlation|year_to_date|valuation)[.\[]\S")

# A4 landscape with the workbook's 0.4 in side margins: 10.89 in = 784 pt printable; Excel's
# column width w (characters of the default 11 pt font) is 7 w + 5 pixels of 0.75 pt.
PRINTABLE_PT = (11.69 - 0.8) * 72
DEFAULT_FONT = 11.0
MIN_PT = 8.0


def sheet_width_pt(ws):
    widths = {}
    for key, dim in ws.column_dimensions.items():
        if dim.width is None:
            continue
        lo, hi = dim.min or openpyxl.utils.column_index_from_string(key), dim.max or dim.min
        for c in range(lo, hi + 1):
            widths[c] = dim.width
    last = ws.max_column
    total = 0.0
    for c in range(1, last + 1):
        w = widths.get(c, 8.43)
        total += (7 * w + 5) * 0.75
    return total


def check(path):
    problems = []
    book = openpyxl.load_workbook(path)
    with h5py.File(path[:-5] + ".h5", "r") as f:
        forbund = f.attrs["scenario_name"]
        forbund = forbund.decode() if isinstance(forbund, bytes) else str(forbund)
        summary = [s.decode() if isinstance(s, bytes) else str(s) for s in f.attrs.get("summary", [])]
    for ws in book.worksheets:
        where = f"{path}: {ws.title}"
        keys_allowed = ws.title == "Om" or ws.title.startswith("Indata")
        if not keys_allowed:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and RAW.search(cell.value):
                        problems.append(f"{where}!{cell.coordinate}: raw name in {cell.value!r}")
        # Print setup (clarification 65).
        if not ws.print_title_rows:
            problems.append(f"{where}: no repeated header rows")
        head = ws.oddHeader
        if forbund.replace("&", "&&") not in (head.left.text or "") or ws.title not in (head.right.text or ""):
            problems.append(f"{where}: header is {head.left.text!r} / {head.right.text!r}")
        if "Sida &P av &N" not in (ws.oddFooter.center.text or ""):
            problems.append(f"{where}: footer is {ws.oddFooter.center.text!r}")
        if ws.page_setup.orientation != "landscape" or str(ws.page_setup.paperSize) != "9":
            problems.append(f"{where}: not A4 landscape")
        if not ws.sheet_properties.pageSetUpPr.fitToPage or ws.page_setup.fitToWidth not in (1, "1", None):
            problems.append(f"{where}: not fitted to the page width")
        scale = min(1.0, PRINTABLE_PT / sheet_width_pt(ws))
        if DEFAULT_FONT * scale < MIN_PT:
            problems.append(f"{where}: text prints at {DEFAULT_FONT * scale:.1f} pt (width {sheet_width_pt(ws):.0f} pt)")
    first = book.worksheets[0]
    cells = [c.value for row in first.iter_rows(max_row=3 + len(summary)) for c in row if isinstance(c.value, str)]
    for sentence in summary:
        if sentence not in cells:
            problems.append(f"{path}: the first sheet lacks the sentence {sentence!r}")
    if not summary:
        problems.append(f"{path}: the result file has no summary sentences")
    return problems


def main():
    problems = []
    for path in sys.argv[1:]:
        problems += check(path)
    for p in problems:
        print(p)
    print(f"{len(sys.argv) - 1} workbooks, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
