#!/usr/bin/python3
"""The HTML report (finsim report RESULT.h5 --html) as a board member gets it, for every kind of
result: a run, a helårsprognos, compare, room, sensitivity, backtest and merger, and a scenario
whose names are HTML.

    check_html_report.py pages FINSIM SOURCE WORK    the files: sentences, key table against the
                                                     HDF5, nothing from the network, Chart.js
                                                     inlined, Swedish names only, escaping, print
                                                     stylesheet
    check_html_report.py browser FINSIM SOURCE WORK  the same files in Debian's chromium: the charts
                                                     drawn, printed to PDF on A4 landscape

The browser part fails, naming the packages, when chromium is missing (clarification 74).
"""
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import h5py
import numpy as np

CHART_JS = "/usr/share/javascript/chart.js/chart.min.js"
CHROMIUM = "/usr/bin/chromium"
HOSTILE = "<script>alert(1)</script> & \"Ö\" 'x'"
HOSTILE_INSATS = "<script>alert(2)</script>"

# As tests/check_workbooks_readable.py: a word with an underscore between lower-case letters, or a
# key path (a top-level scenario key followed by "." or "[") (clarification 87).
RAW = re.compile(
    r"(?<![A-Za-z0-9])[a-z]+_[a-z]+|(?<![A-Za-zåäöÅÄÖ0-9])"
    r"(forbund|funding|member|income|cost|insats|actual|correlation|year_to_date|valuation)[.\[]\S")

# Each kind: the command (after the binary), the result file, the section its analysis has.
def kinds(s):
    q = ["--runs", "300", "-q"]
    return [
        ("so", ["run", f"{s}/solleftea-2024.toml"] + q, None),
        ("sn", ["run", f"{s}/skelleftea-norsjo-2018.toml"] + q, None),
        ("det", ["run", f"{s}/solleftea-2024.toml", "--deterministic", "-q"], None),
        ("ytd", ["run", f"{s}/backtest/year-to-date/norra-vastmanland-2023-aug.toml"] + q, "prognos"),
        ("compare", ["compare", f"{s}/solleftea-2024.toml", f"{s}/variants/solleftea-2024-samcoach-fortsatter.toml"] + q,
         "jamforelse"),
        ("room", ["room", f"{s}/variants/skelleftea-norsjo-2018-utan-nya.toml", "--from", "2018", "--to", "2018-12",
                  "--equity-target", "800000"] + q, "utrymme"),
        ("sens", ["sensitivity", f"{s}/skelleftea-norsjo-2018.toml", "--base-runs", "64", "--resamples", "20"] + q,
         "kanslighet"),
        ("tornado", ["sensitivity", f"{s}/skelleftea-norsjo-2018.toml", "--method", "tornado"] + q, "kanslighet"),
        ("backtest", ["backtest", f"{s}/backtest"] + q, "backtest"),
        ("lan", ["merge", f"{s}/vastmanland-2024/norra-vastmanland.toml", f"{s}/vastmanland-2024/vasteras.toml",
                 f"{s}/vastmanland-2024/vastra-malardalen.toml", "-o", "lan.toml", "--name", "Länsförbundet", "--from",
                 "2024", "--kansli", "2200000", "--styrelse", "600000", "--report", "lan.h5"] + q, "sammanslagning"),
        ("hostile", ["run", "hostile.toml"] + q, None),
    ]


def text_of(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def kronor(x):
    """format_kronor: whole kronor, half away from zero, a space between thousands."""
    if not np.isfinite(x):
        return "–"
    r = int(Decimal(repr(float(x))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ("-" if r < 0 else "") + f"{abs(r):,}".replace(",", " ")


def percent(x):
    if not np.isfinite(x):
        return "–"
    d = Decimal(repr(float(x) * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{d}".replace(".", ",").replace("-0,0", "0,0") + " %"


class Page(html.parser.HTMLParser):
    """The visible text (no script, style or attributes), the attributes that load something, the
    scripts, and the key table's cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.visible, self.loads, self.scripts, self.tags = [], [], [], []
        self.in_skip = None
        self.in_title = False
        self.table_id, self.key_rows, self.cell = None, [], None
        self.script_attrs = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for name in ("src", "href", "data", "action", "formaction", "poster", "srcset"):
            if name in a and a[name] is not None:
                self.loads.append((tag, name, a[name]))
        if tag in ("script", "style"):
            self.in_skip = tag
            self.script_attrs = a
            self.scripts.append([tag, a, ""])
        if tag == "table":
            self.table_id = a.get("id")
        if self.table_id == "nyckeltal":
            if tag == "tr":
                self.key_rows.append([])
            if tag in ("td", "th"):
                self.cell = ""

    def handle_endtag(self, tag):
        if tag == self.in_skip:
            self.in_skip = None
        if tag == "table":
            self.table_id = None
        if self.table_id == "nyckeltal" and tag in ("td", "th") and self.cell is not None:
            self.key_rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.in_skip:
            self.scripts[-1][2] += data
            return
        self.visible.append(data)
        if self.cell is not None:
            self.cell += data


def check_page(path, h5path, analysis, chart_js, hostile=False):
    problems = []
    where = os.path.basename(path)
    if not os.path.isfile(path):
        return [f"{where}: not written"]
    raw = open(path, encoding="utf-8").read()
    if not raw.startswith("<!DOCTYPE html>"):
        problems.append(f"{where}: does not start with <!DOCTYPE html>")
    page = Page()
    page.feed(raw)
    page.close()
    visible = re.sub(r"\s+", " ", " ".join(page.visible))
    with h5py.File(h5path, "r") as f:
        summary = [text_of(s) for s in f.attrs.get("summary", [])]
        forbund = text_of(f.attrs["scenario_name"])
        det = {name: f["deterministic"][name][()] for name in
               ("year", "driftbidrag", "income", "costs", "result", "equity", "equity_ratio", "equity_cap", "cash_min")}
        montecarlo = "montecarlo" in f
        det_groups = set(f["deterministic"].keys())
    # The sentences, first.
    if not summary:
        problems.append(f"{where}: the result file has no summary sentences")
    for sentence in summary:
        if re.sub(r"\s+", " ", sentence) not in visible:
            problems.append(f"{where}: lacks the sentence {sentence!r}")
    if summary and visible.find(summary[0]) > visible.find("Nyckeltal per år"):
        problems.append(f"{where}: the sentences do not come before the key table")
    # The key table against /deterministic.
    rows = [r for r in page.key_rows if r and r[0].isdigit()]
    if len(rows) != len(det["year"]):
        problems.append(f"{where}: the key table has {len(rows)} years, the file {len(det['year'])}")
    for y, row in enumerate(rows[:len(det["year"])]):
        expected = [str(int(det["year"][y]))] + [
            percent(det[n][y]) if n == "equity_ratio" else kronor(det[n][y])
            for n in ("driftbidrag", "income", "costs", "result", "equity", "equity_ratio", "equity_cap", "cash_min")]
        if row != expected:
            problems.append(f"{where}: key table row {row} is not {expected}")
    # Nothing from the network: no URL in an attribute that loads, no external script, style or frame.
    for tag, name, value in page.loads:
        v = value.strip().lower()
        if v.startswith(("http:", "https:", "//", "ftp:")) or "://" in v:
            problems.append(f"{where}: <{tag} {name}={value!r}> loads from the network")
    if re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", raw, re.I):
        problems.append(f"{where}: an http(s) URL in a src or href attribute")
    for tag in ("link", "iframe", "img", "object", "embed", "base"):
        if tag in page.tags:
            problems.append(f"{where}: has a <{tag}> element")
    styles = "".join(s[2] for s in page.scripts if s[0] == "style")
    if re.search(r"@import|url\(", styles):
        problems.append(f"{where}: the style sheet loads something")
    # Chart.js inlined, the data as JSON, the drawing.
    scripts = [s for s in page.scripts if s[0] == "script"]
    if any("src" in s[1] for s in scripts):
        problems.append(f"{where}: a <script src=…>")
    if not any(chart_js[:300] in s[2] for s in scripts) or not any(chart_js[-300:] in s[2] for s in scripts):
        problems.append(f"{where}: Chart.js is not inlined whole")
    data = [s for s in scripts if s[1].get("id") == "finsim-data"]
    if len(data) != 1 or data[0][1].get("type") != "application/json":
        problems.append(f"{where}: no JSON data block")
    else:
        if "</" in data[0][2] or "<!--" in data[0][2]:
            problems.append(f"{where}: '</' or '<!--' in the JSON")
        charts = json.loads(data[0][2])["charts"]
        kinds_drawn = {c["kind"] for c in charts}
        if montecarlo and "fan" not in kinds_drawn:
            problems.append(f"{where}: no fan chart")
        if "cash" not in kinds_drawn:
            problems.append(f"{where}: no cash chart")
        for c in charts:
            if f'id="{c["id"]}"' not in raw:
                problems.append(f"{where}: chart {c['id']} has no canvas")
    if not any("new Chart(" in s[2] for s in scripts):
        problems.append(f"{where}: the charts are never drawn")
    if len(scripts) != 3:
        problems.append(f"{where}: {len(scripts)} <script> elements, expected 3 (data, Chart.js, drawing)")
    # Swedish names only in what a reader sees.
    for m in RAW.finditer(visible):
        problems.append(f"{where}: raw name {m.group(0)!r} in …{visible[max(0, m.start() - 60):m.end() + 30]}…")
    # The sections: the summary and the statements always, the analysis the file holds, the fan with /montecarlo.
    all_ids = re.findall(r'\sid="([^"]+)"', raw)
    twice = sorted({i for i in all_ids if all_ids.count(i) > 1})
    if twice:
        problems.append(f"{where}: ids used twice: {twice}")
    ids = set(re.findall(r'<section id="([^"]+)"', raw))
    expected_ids = {"sammanfattning", "resultatrakning", "balansrakning", "kassaflode", "om"}
    if montecarlo:
        expected_ids.add("eget-kapital")
    if analysis:
        expected_ids.add(analysis)
    if "participants" in det_groups:
        expected_ids.add("deltagare")
    if not expected_ids <= ids:
        problems.append(f"{where}: sections {sorted(expected_ids - ids)} missing")
    # Print: A4 landscape, page breaks between sections, charts whole, at least 9 pt, the förbund above.
    if "@page { size: A4 landscape; margin: 12mm" not in styles:
        problems.append(f"{where}: no @page A4 landscape 12 mm")
    printing = styles[styles.find("@media print"):]
    if "break-before: page" not in printing or "break-inside: avoid" not in styles:
        problems.append(f"{where}: no page breaks between sections or charts may split")
    for size in re.findall(r"font-size:\s*([\d.]+)pt", styles):
        if float(size) < 9:
            problems.append(f"{where}: text printed at {size} pt")
    if "@top-left" not in styles:
        problems.append(f"{where}: no page header")
    elif not hostile and f'@top-left {{ content: "{forbund}"' not in styles:
        problems.append(f"{where}: the page header does not name {forbund!r}")
    if forbund not in visible:
        problems.append(f"{where}: the förbund's name {forbund!r} is not shown")
    # Every probability as the terminal writes it: never "0,0 %" or "100,0 %".
    for bad in (" 0,0 %", "100,0 %"):
        if bad in visible:
            problems.append(f"{where}: a probability reads {bad.strip()!r}")
    if hostile:
        for needle in ("<script>alert", "alert(1)</script>", "alert(2)</script>"):
            if needle in raw:
                problems.append(f"{where}: the hostile name stands unescaped ({needle!r})")
        if HOSTILE not in visible or HOSTILE_INSATS not in visible:
            problems.append(f"{where}: the hostile names are not shown as text")
        title = re.search(r"<title>(.*?)</title>", raw, re.S)
        if not title or HOSTILE not in html.unescape(title.group(1)):
            problems.append(f"{where}: the title does not show the name as text")
        if "\\3c script\\3e" not in styles:
            problems.append(f"{where}: the page header's name is not escaped for CSS")
    return problems


def make_pages(finsim, source, work):
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    s = f"{source}/scenarios"
    text = open(f"{s}/solleftea-2024.toml", encoding="utf-8").read()
    text = text.replace('name = "Samordningsförbundet i Sollefteå"',
                        'name = "' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"', 1)
    text = text.replace('name = "SamCoach"', 'name = "' + HOSTILE_INSATS + '"', 1)
    open(os.path.join(work, "hostile.toml"), "w", encoding="utf-8").write(text)
    made = []
    for name, command, analysis in kinds(s):
        out = [] if command[0] == "merge" else ["-o", f"{name}.h5"]
        run = subprocess.run([finsim] + command + out, cwd=work, capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"{name}: finsim {' '.join(command)} failed: {run.stderr}")
        report = subprocess.run([finsim, "report", f"{name}.h5", "--html"], cwd=work, capture_output=True, text=True)
        if report.returncode != 0:
            raise SystemExit(f"{name}: finsim report --html failed ({report.returncode}): {report.stderr}")
        if f"{name}.html" not in report.stdout:
            raise SystemExit(f"{name}: report did not say where it wrote: {report.stdout!r}")
        made.append((name, analysis))
    return made


def pages(finsim, source, work):
    chart_js = open(CHART_JS, encoding="utf-8").read()
    made = make_pages(finsim, source, work)
    problems = []
    for name, analysis in made:
        problems += check_page(os.path.join(work, f"{name}.html"), os.path.join(work, f"{name}.h5"), analysis,
                               chart_js, hostile=name == "hostile")
    # -o, and no workbook beside it; --tkr is the workbook's.
    o = subprocess.run([finsim, "report", "so.h5", "--html", "-o", "styrelsen/rapport.html"], cwd=work,
                       capture_output=True, text=True)
    if o.returncode != 0 or not os.path.isfile(os.path.join(work, "styrelsen/rapport.html")):
        problems.append(f"-o: {o.returncode} {o.stderr}")
    if os.path.exists(os.path.join(work, "so.xlsx")):
        problems.append("--html also wrote a workbook")
    tkr = subprocess.run([finsim, "report", "so.h5", "--html", "--tkr"], cwd=work, capture_output=True, text=True)
    if tkr.returncode != 2:
        problems.append(f"--html --tkr exits {tkr.returncode}, not 2")
    leftovers = [f for f in os.listdir(work) if f.startswith(".finsim-")]
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    for p in problems:
        print(p)
    print(f"{len(made)} HTML reports, {len(problems)} problems")
    return 1 if problems else 0


def browser(finsim, source, work):
    missing = [p for p in (CHROMIUM, "/usr/bin/pdfinfo") if not os.path.exists(p)]
    if missing:
        print(f"the browser test needs {', '.join(missing)}: install the Debian packages chromium and poppler-utils "
              f"(bash tools/setup.sh --tests, or apt-get install chromium chromium-driver python3-selenium "
              f"poppler-utils); this test is never skipped (clarification 74)")
        return 1
    work = work + "-browser"
    made = make_pages(finsim, source, work)
    problems = []
    flags = ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run", "--disable-gpu",
             f"--user-data-dir={work}/profile", "--window-size=1400,900"]
    for name, _ in made:
        url = "file://" + os.path.abspath(os.path.join(work, f"{name}.html"))
        # The charts drawn: Chart.js sizes each canvas it draws on; no error in the console.
        dom = subprocess.run([CHROMIUM] + flags + ["--enable-logging=stderr", "--v=0", "--dump-dom", url],
                             capture_output=True, text=True, timeout=120)
        canvases = re.findall(r"<canvas[^>]*>", dom.stdout)
        if not canvases:
            problems.append(f"{name}: no canvas in the page as the browser shows it")
        undrawn = [c for c in canvases if "box-sizing" not in c]
        if undrawn:
            problems.append(f"{name}: {len(undrawn)} of {len(canvases)} charts not drawn: {undrawn[0]}")
        for line in dom.stderr.splitlines():
            if "CONSOLE" in line and ("Uncaught" in line or "Error" in line):
                problems.append(f"{name}: browser console: {line}")
        # Printed to PDF on A4 landscape.
        pdf = os.path.join(work, f"{name}.pdf")
        subprocess.run([CHROMIUM] + flags + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
                       capture_output=True, text=True, timeout=120)
        if not os.path.isfile(pdf) or os.path.getsize(pdf) == 0:
            problems.append(f"{name}: no PDF printed")
            continue
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages_ = re.search(r"Pages:\s+(\d+)", info)
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        if not pages_ or int(pages_.group(1)) < 1:
            problems.append(f"{name}: the PDF has no pages: {info}")
        if not size or abs(float(size.group(1)) - 842) > 1.5 or abs(float(size.group(2)) - 595) > 1.5:
            problems.append(f"{name}: the PDF's pages are not A4 landscape (842 x 595 pt): {info}")
    for p in problems:
        print(p)
    print(f"{len(made)} HTML reports opened in chromium and printed, {len(problems)} problems")
    return 1 if problems else 0


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("pages", "browser"):
        print(__doc__)
        return 2
    mode, finsim, source, work = sys.argv[1], *(os.path.abspath(a) for a in sys.argv[2:])
    return pages(finsim, source, work) if mode == "pages" else browser(finsim, source, work)


if __name__ == "__main__":
    sys.exit(main())
