"""finsim serve's JSON API (docs/serve.md) against the command line's HDF5 files for the same
scenario, runs and seed, and every refusal of its security model (clarifications 71-80, 89-90).

Usage: check_serve_api.py FINSIM SCENARIOS_FOLDER
Starts `finsim serve <a copy of the folder> --port 0`, asks with urllib only, and stops the server
in `finally`; every request has a timeout, so the test cannot hang.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

import h5py
import numpy as np

from serve_process import start_server, stop_server

FINSIM, SCENARIOS = sys.argv[1], sys.argv[2]
RUNS, SEED = 500, 3
SERVE_OPTIONS = ("--runs", str(RUNS), "--seed", str(SEED))
TIMEOUT = 120


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def cpu_seconds(proc):
    """The CPU time process `proc` has used (user + system), from /proc."""
    with open(f"/proc/{proc.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_cpu(proc, seconds, limit=TIMEOUT):
    """Waits until `proc` has used `seconds` more CPU time: a long request is being worked on
    (a fixed sleep is too short on a slow or sanitised build)."""
    start, deadline = cpu_seconds(proc), time.time() + limit
    while cpu_seconds(proc) - start < seconds:
        assert time.time() < deadline, f"the server used no {seconds} s of CPU within {limit} s"
        time.sleep(0.05)


def request(base, path, body=None, method=None, headers=None, raw=None):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
    h = dict(headers or {})
    if data is not None and "Content-Type" not in h:
        h["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, method=method or ("POST" if data is not None else "GET"),
                                 headers=h)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return Answer(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Answer(e.code, e.headers, e.read())


def refused(answer, status, what):
    assert answer.status == status, (what, answer.status, answer.body[:300])
    body = answer.json()
    assert isinstance(body.get("error"), str) and body["error"], (what, body)
    return body


def cli(*args, cwd=None):
    r = subprocess.run([FINSIM, *args], capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd)
    assert r.returncode == 0, (args, r.stdout[-2000:], r.stderr[-2000:])
    return r.stdout


def as_array(values):
    """A JSON array (null for NaN) as numbers."""
    return np.array(values, dtype=float) if values is not None else None


def same_dataset(name, answer, dataset):
    stored = dataset[()]
    if dataset.dtype.kind in "OSU":
        stored = np.vectorize(lambda s: s.decode() if isinstance(s, bytes) else s, otypes=[object])(stored)
        assert np.array_equal(np.array(answer, dtype=object), stored), name
        return
    got = np.array(nan_for_null(answer), dtype=float)
    want = np.asarray(stored, dtype=float)
    if want.size == 0:  # an empty dimension: JSON holds [] whatever the other dimensions are
        assert got.size == 0, (name, got)
        return
    assert got.shape == want.shape, (name, got.shape, want.shape)
    assert np.array_equal(got, want, equal_nan=True), (name, got.ravel()[:5], want.ravel()[:5])


def nan_for_null(values):
    if values is None:
        return np.nan
    if isinstance(values, list):
        return [nan_for_null(v) for v in values]
    return values


def same_group(prefix, answer, group, units, dims):
    """Every dataset of the HDF5 group, equal to the answer's value of the same name, with its units
    and dimensions."""
    count = 0
    for name, item in group.items():
        if isinstance(item, h5py.Group):
            assert name in answer, (prefix, name)
            count += same_group(prefix + "/" + name, answer[name], item, units, dims)
            continue
        assert name in answer, (prefix, name, sorted(answer)[:20])
        same_dataset(prefix + "/" + name, answer[name], item)
        key = prefix + "/" + name
        if "units" in item.attrs:
            assert units.get(key) == (item.attrs["units"].decode() if isinstance(item.attrs["units"], bytes)
                                      else item.attrs["units"]), key
        if key in dims:
            assert len(dims[key]) == item.ndim, key
        count += 1
    return count


# Seed 002's "Budget 2024-2025" as a spreadsheet copies it: its rows and cells, tab-separated.
def pasted_table(name):
    """A seed's table as a spreadsheet copies it (tab-separated), kept in tests/pasted/."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pasted", name), encoding="utf-8") as f:
        return f.read()


SEED_002_BUDGET = pasted_table("seed-002-budget.tsv")  # "Budget 2024-2025"

SEED_002_FORBUND = {"name": "Samordningsförbundet i Sollefteå", "first_year": 2024, "years": 3,
                    "opening_equity": 500000, "opening_cash": 500000, "equity_cap_share": 0.2}
SEED_002_MEMBERS = [{"name": "Försäkringskassan", "kind": "state"}, {"name": "Arbetsförmedlingen", "kind": "state"},
                    {"name": "Region Västernorrland", "kind": "region"},
                    {"name": "Sollefteå kommun", "kind": "kommun", "population": 18800}]


def paste(url, text, first_year=None):
    body = {"text": text}
    if first_year is not None:
        body["first_year"] = first_year
    a = request(url, "/api/budget-table", body)
    assert a.status == 200, (a.status, a.body[:300])
    return a.json()


def errors(answer):
    return [p for p in answer["problems"] if p["level"] == "error"]


def check_new_forbund(tmp, procs):
    """Nytt förbund (issue 27): the pasted table and the new förbund's file, from an empty folder."""
    folder = os.path.join(tmp, "tom")
    os.makedirs(folder)
    proc, address, _ = start_server(FINSIM, folder, *SERVE_OPTIONS)
    procs.append(proc)
    url = address.rstrip("/")
    assert request(url, "/api/scenarios").json() == []

    # Every cell form: spaces ordinary, non-breaking and narrow; kr, tkr, Mkr; three ways of minus.
    forms = [("1 416 000 kr", 1416000), ("1\u00a0416\u00a0000 kr", 1416000), ("1\u202f416\u202f000", 1416000),
             ("1 416 000", 1416000), ("0 kr", 0), ("1416000", 1416000), ("\u221248 000", -48000),
             ("-48 000", -48000), ("(48 000)", -48000), ("1,5", 1.5), ("250 tkr", 250000), ("1,5 Mkr", 1500000),
             ("", 0)]
    text = "Kostnader för insatser\t2024\t2025\n" + "".join(f"Rad {k}\t{cell}\t1\n" for k, (cell, _) in enumerate(forms))
    b = paste(url, text)
    assert not errors(b), b["problems"]
    assert b["years"] == [2024, 2025], b["years"]
    got = [r["amounts"][0] for r in b["rows"]]
    assert got == [x for _, x in forms], got
    assert all(r["kind"] == "insats_individual" and r["section"] == "Kostnader för insatser" for r in b["rows"])
    # A tkr table: "1,5" is 1 500 kr (clarification 100).
    b = paste(url, "Belopp i tkr\t2024\nKansli\t1,5\n")
    assert b["rows"][0]["amounts"] == [1500] and b["rows"][0]["kind"] == "kansli", b
    # Not an amount: an error on its row and column.
    b = paste(url, "Insatser\t2024\nX\ttolv\n")
    assert [(p["row"], p["column"]) for p in errors(b)] == [(2, 2)], b["problems"]

    # Seed 002: the subtotal that does not add up is shown, the rows are read in.
    b = paste(url, SEED_002_BUDGET, 2024)
    assert not errors(b), b["problems"]
    assert len(b["rows"]) == 15, [r["name"] for r in b["rows"]]
    assert not any(r["name"].startswith("Summa") for r in b["rows"])
    styrelse = [s for s in b["subtotals"] if s["name"] == "Summa styrelse och kansli"]
    assert [(s["year"], s["expected"], s["found"]) for s in styrelse] == [(2025, 687000, 667000),
                                                                          (2026, 687000, 667000)], styrelse
    assert not any(s["name"] in ("Summa Driftbidrag", "Summa kostnader för insatser") for s in b["subtotals"])
    kinds = {r["name"]: r["kind"] for r in b["rows"]}
    assert kinds["Driftbidrag från staten"] == "driftbidrag" and kinds["Kansli"] == "kansli"
    assert kinds["Styrelse"] == "styrelse" and kinds["Övriga finansiella kostnader"] == "finansiell"
    assert kinds["SamCoach"] == "insats_individual" and kinds["Psykiatriveckan"] == "insats_structural"

    # Too many and too few amounts, a year header out of order, an empty paste, no section row.
    b = paste(url, "Insatser\t2024\t2025\nA\t1\t2\t3\nB\t1\nC\t1\t2\n")
    assert sorted(p["row"] for p in errors(b)) == [2, 3], b["problems"]
    assert [r["name"] for r in b["rows"]] == ["C"]
    b = paste(url, "Insatser\t2025\t2024\t2026\nA\t1\t2\t3\n")
    assert any(p["row"] == 1 and p["column"] == 3 for p in errors(b)), b["problems"]
    for empty in ["", "\n\n", "\t\t\n"]:
        b = paste(url, empty)
        assert errors(b) and b["rows"] == [], (empty, b)
    b = paste(url, "Okänd rad\t100\t200\n", 2024)
    assert b["rows"][0]["kind"] == "other" and b["years"] == [2024, 2025], b
    assert [p["level"] for p in b["problems"]] == ["info"], b["problems"]
    # 10 000 rows.
    big = "Kostnader för insatser\t2024\t2025\n" + "".join(f"Insats {k}\t{k} kr\t0\n" for k in range(10000))
    b = paste(url, big)
    assert len(b["rows"]) == 10000 and b["rows"][-1]["amounts"] == [9999, 0] and not errors(b)
    refused(request(url, "/api/budget-table", {"text": 5}), 400, "text not a string")
    refused(request(url, "/api/budget-table", {"text": "x", "first_year": "i fjol"}), 400, "bad first_year")

    # The new förbund: a name that would leave the folder is refused and nothing is written.
    rows = paste(url, SEED_002_BUDGET, 2024)["rows"]
    new = {"forbund": SEED_002_FORBUND, "members": SEED_002_MEMBERS, "rows": rows}
    for bad in ["../ut.toml", "/tmp/ut.toml", "sub/ut.toml", "..toml", ".dold.toml", "ut.txt", "ut"]:
        refused(request(url, "/api/new", {**new, "file": bad}), 400, bad)
    assert not os.path.exists(os.path.join(tmp, "ut.toml")) and os.listdir(folder) == []
    # A check writes nothing; a row without a name is an error on its row.
    check = request(url, "/api/new", {**new, "file": "solleftea.toml", "check": True}).json()
    assert check["ok"] and "inklistrad budget, rad 7" in check["text"], check["problems"]
    bad_rows = rows + [{"name": "", "kind": "kansli", "amounts": [1], "row": 30}]
    body = refused(request(url, "/api/new", {**new, "rows": bad_rows, "file": "solleftea.toml"}), 400, "no name")
    assert any(p["row"] == 30 for p in body["problems"]), body
    assert os.listdir(folder) == []
    # Saved: 201, then 409 without replace, and the file untouched.
    saved = request(url, "/api/new", {**new, "file": "solleftea.toml"})
    assert saved.status == 201 and saved.json()["file"] == "solleftea.toml", saved.body
    path = os.path.join(folder, "solleftea.toml")
    first = open(path, "rb").read()
    refused(request(url, "/api/new", {**new, "file": "solleftea.toml"}), 409, "exists")
    assert open(path, "rb").read() == first
    assert request(url, "/api/new", {**new, "file": "solleftea.toml", "replace": True}).status == 201
    # Read back: the budget has the pasted amounts, and the förbund is in the listing.
    listing = request(url, "/api/scenarios").json()
    assert [e["file"] for e in listing] == ["solleftea.toml"] and "error" not in listing[0], listing
    budget = request(url, "/api/budget?file=solleftea.toml").json()
    amounts = {r["name"]: r["amounts"] for r in budget["rows"]}
    for r in rows:
        if r["kind"] != "driftbidrag":
            assert amounts[r["name"]] == r["amounts"], (r, amounts.get(r["name"]))
    # To the krona: the same yearly driftbidrag, costs, result and eget kapital as the seed scenario.
    cli("run", path, "--deterministic", "-q", "-o", os.path.join(tmp, "ny.h5"))
    cli("run", os.path.join(SCENARIOS, "solleftea-2024.toml"), "--deterministic", "-q", "-o",
        os.path.join(tmp, "seed.h5"))
    with h5py.File(os.path.join(tmp, "ny.h5")) as a, h5py.File(os.path.join(tmp, "seed.h5")) as b:
        for name in ["driftbidrag", "costs", "result", "equity"]:
            assert np.array_equal(a["deterministic/" + name][:], b["deterministic/" + name][:]), name

    # Seed 004's "Ekonomiskt utfall per 31 augusti" as it stands (ID column, Årsbudget among Utfall,
    # Prognos and Avvikelse, costs with a minus, "SUMMA" the result): to the krona against
    # scenarios/norra-vastmanland-2023.toml, with that file's members and opening balance.
    b = paste(url, pasted_table("seed-004-ekonomiskt-utfall.tsv"), 2023)
    assert not errors(b) and len(b["rows"]) == 19 and b["subtotals"] == [], b
    members = [{"name": "Försäkringskassan", "kind": "state"}, {"name": "Arbetsförmedlingen", "kind": "state"},
               {"name": "Region Västmanland", "kind": "region"}] + [
        {"name": n, "kind": "kommun", "population": p} for n, p in [
            ("Fagersta kommun", 13200), ("Hallstahammars kommun", 16500), ("Norbergs kommun", 5600),
            ("Sala kommun", 22900), ("Skinnskattebergs kommun", 4300), ("Surahammars kommun", 10000)]]
    forbund = {"name": "Norra Västmanlands Samordningsförbund", "first_year": 2023, "years": 1,
               "opening_equity": "1 406 000", "opening_cash": "1 406 000 kr"}
    saved = request(url, "/api/new", {"forbund": forbund, "members": members, "rows": b["rows"], "file": "nv.toml"})
    assert saved.status == 201, saved.body
    cli("run", os.path.join(folder, "nv.toml"), "--deterministic", "-q", "-o", os.path.join(tmp, "nv.h5"))
    cli("run", os.path.join(SCENARIOS, "norra-vastmanland-2023.toml"), "--deterministic", "-q", "-o",
        os.path.join(tmp, "nv-seed.h5"))
    with h5py.File(os.path.join(tmp, "nv.h5")) as a, h5py.File(os.path.join(tmp, "nv-seed.h5")) as b:
        for name in ["driftbidrag", "costs", "result", "equity"]:
            assert np.array_equal(a["deterministic/" + name][:], b["deterministic/" + name][:]), name
    stop_server(proc)


def main():
    tmp = tempfile.mkdtemp(prefix="finsim-serve-test-")
    procs = []
    try:
        folder = os.path.join(tmp, "scenarier")
        shutil.copytree(SCENARIOS, folder)
        outside = os.path.join(tmp, "utanfor.toml")
        shutil.copy(os.path.join(folder, "solleftea-2024.toml"), outside)
        os.symlink(outside, os.path.join(folder, "lank-ut.toml"))
        with open(os.path.join(folder, "trasig.toml"), "w") as f:
            f.write("[forbund]\nname = \"Trasig\"\nfirst_year = \n")
        with open(os.path.join(folder, "bygger-utanfor.toml"), "w") as f:
            f.write('extends = "../utanfor.toml"\n')
        out = os.path.join(tmp, "cli")
        os.makedirs(out)
        base = os.path.join(folder, "solleftea-2024.toml")

        proc, address, _ = start_server(FINSIM, folder, *SERVE_OPTIONS)
        procs.append(proc)
        assert address.startswith("http://127.0.0.1:") and address.endswith("/"), address
        url = address.rstrip("/")

        # --- The web files and the library files.
        page = request(url, "/")
        assert page.status == 200 and "text/html" in page.headers["Content-Type"], page.status
        assert "finsim" in page.body.decode()
        assert page.headers.get("Set-Cookie", "").startswith("finsim_session="), page.headers
        assert "HttpOnly" in page.headers["Set-Cookie"] and "SameSite=Strict" in page.headers["Set-Cookie"]
        chart = request(url, "/chart.js")
        if os.path.exists("/usr/share/javascript/chart.js/chart.min.js"):
            assert chart.status == 200 and "javascript" in chart.headers["Content-Type"], chart.status
        else:
            assert "libjs-chart.js" in refused(chart, 500, "chart.js")["error"]
        assert request(url, "/favicon.ico").status == 204
        refused(request(url, "/finns-inte.js"), 404, "unknown static file")
        refused(request(url, "/api/finns-inte"), 404, "unknown route")

        # --- GET /api/scenarios
        listing = request(url, "/api/scenarios").json()
        files = [e["file"] for e in listing]
        assert files == sorted(files), files
        by_file = {e["file"]: e for e in listing}
        s = by_file["solleftea-2024.toml"]
        assert s["first_year"] == 2024 and s["years"] == 3 and s["extends"] is None and s["name"], s
        v = by_file["variants/solleftea-2024-samcoach-fortsatter.toml"]
        assert v["extends"] == "solleftea-2024.toml", v
        assert "error" in by_file["trasig.toml"] and "first_year" not in by_file["trasig.toml"], by_file["trasig.toml"]
        assert "lank-ut.toml" not in by_file, "a symlink out of the folder is not listed"
        assert "error" in by_file["bygger-utanfor.toml"], by_file["bygger-utanfor.toml"]

        # --- GET /api/scenario
        got = request(url, "/api/scenario?file=solleftea-2024.toml").json()
        assert got == {"file": "solleftea-2024.toml", "text": open(base, encoding="utf-8").read()}

        # --- GET /api/budget (clarification 89)
        budget = request(url, "/api/budget?file=solleftea-2024.toml").json()
        assert budget["file"] == "solleftea-2024.toml" and budget["first_year"] == 2024 and budget["years"] == 3
        keys = [r["key"] for r in budget["rows"]]
        assert any(k.startswith("insats.") and k.endswith(".budget") for k in keys), keys
        assert any(k.startswith("cost.") for k in keys), keys
        for r in budget["rows"]:
            assert len(r["amounts"]) == 3 and len(r["editable"]) == 3, r
            assert r["section"] in ("driftbidrag", "income", "cost", "insats"), r
            for amount, editable in zip(r["amounts"], r["editable"]):
                assert not editable or amount is not None, r
        insats = next(r for r in budget["rows"] if r["section"] == "insats" and r["editable"][0])

        # --- POST /api/validate
        ok = request(url, "/api/validate", {"text": open(base, encoding="utf-8").read()}).json()
        assert ok["ok"] is True and ok["problems"] == [], ok
        bad = request(url, "/api/validate", {"text": "[forbund]\nname = \"X\"\nfirst_year = 20x4\n"}).json()
        assert bad["ok"] is False and bad["problems"], bad
        assert bad["problems"][0]["line"] == 3 and bad["problems"][0]["column"] > 0, bad
        variant_text = open(os.path.join(folder, "variants", "solleftea-2024-samcoach-fortsatter.toml"),
                            encoding="utf-8").read()
        ok = request(url, "/api/validate", {"text": variant_text,
                                            "base": "variants/solleftea-2024-samcoach-fortsatter.toml"}).json()
        assert ok["ok"] is True, ok
        unknown = request(url, "/api/validate", {"text": "[forbund]\nnamn = 1\n"}).json()
        assert unknown["ok"] is False and all(p["message"] for p in unknown["problems"]), unknown

        # --- POST /api/run against finsim run, dataset by dataset
        run = request(url, "/api/run", {"file": "solleftea-2024.toml", "runs": RUNS, "seed": SEED})
        assert run.status == 200, run.body[:500]
        run = run.json()
        # Names come from the server's one table (output/display_names), never from the page.
        assert run["labels"]["equity"] == "Eget kapital", run["labels"]
        assert run["runs"] == RUNS and run["equity_floor"] == 0, (run.get("runs"), run.get("equity_floor"))
        names = request(url, "/api/names").json()
        assert names["payments"]["quarterly_arrears"] == "kvartalsvis i efterskott", names
        assert names["limits"]["max_p_cash_negative"] == "kassan" and names["outcomes"]["above_cap"], names
        cli("run", base, "--runs", str(RUNS), "--seed", str(SEED), "--quiet", "-o", os.path.join(out, "run.h5"))
        with h5py.File(os.path.join(out, "run.h5"), "r") as f:
            assert np.array_equal(np.array(run["deterministic"]["equity"]), f["deterministic/equity"][()])
            assert np.array_equal(np.array(run["montecarlo"]["equity_q"], dtype=float), f["montecarlo/equity_q"][()])
            assert run["dims"]["montecarlo/equity_q"] == ["year", "quantile"], run["dims"]["montecarlo/equity_q"]
            assert run["units"]["deterministic/equity"] == "SEK", run["units"]
            n = same_group("deterministic", run["deterministic"], f["deterministic"], run["units"], run["dims"])
            n += same_group("montecarlo", run["montecarlo"], f["montecarlo"], run["units"], run["dims"])
            assert n > 20, n
            summary = [s.decode() if isinstance(s, bytes) else s for s in f.attrs["summary"]]
            assert run["summary"] == summary and summary, (run["summary"], summary)
            assert run["years"] == [2024, 2025, 2026] and run["first_year"] == 2024, run["years"]
            assert run["forbund"] == (f.attrs["scenario_name"].decode() if isinstance(f.attrs["scenario_name"], bytes)
                                      else f.attrs["scenario_name"])
            assert isinstance(run["warnings"], list)

        # The text of a variant, with its base, gives the variant file's numbers.
        vrun = request(url, "/api/run", {"text": variant_text, "runs": RUNS, "seed": SEED,
                                         "base": "variants/solleftea-2024-samcoach-fortsatter.toml"})
        assert vrun.status == 200, vrun.body[:500]
        vrun = vrun.json()
        cli("run", os.path.join(folder, "variants", "solleftea-2024-samcoach-fortsatter.toml"), "--runs", str(RUNS),
            "--seed", str(SEED), "--quiet", "-o", os.path.join(out, "variant.h5"))
        with h5py.File(os.path.join(out, "variant.h5"), "r") as f:
            same_group("montecarlo", vrun["montecarlo"], f["montecarlo"], vrun["units"], vrun["dims"])

        # --- POST /api/variant with a budget edit, then the same edit in /api/run: same numbers.
        edited = [round(a * 1.5) for a in insats["amounts"] if a is not None]
        edit = {insats["key"]: edited}
        made = request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "större-insats", "text": "",
                                             "budget": edit})
        assert made.status == 201, made.body[:500]
        assert made.json() == {"file": "variants/större-insats.toml"}, made.json()
        written = os.path.join(folder, "variants", "större-insats.toml")
        content = open(written, encoding="utf-8").read()
        assert content.startswith('extends = "../solleftea-2024.toml"\n'), content
        cli("validate", written)
        cli("run", written, "--runs", str(RUNS), "--seed", str(SEED), "--quiet", "-o", os.path.join(out, "edit.h5"))
        erun = request(url, "/api/run", {"file": "solleftea-2024.toml", "budget": edit, "runs": RUNS, "seed": SEED})
        assert erun.status == 200, erun.body[:500]
        erun = erun.json()
        with h5py.File(os.path.join(out, "edit.h5"), "r") as f:
            same_group("deterministic", erun["deterministic"], f["deterministic"], erun["units"], erun["dims"])
            same_group("montecarlo", erun["montecarlo"], f["montecarlo"], erun["units"], erun["dims"])
        assert erun["deterministic"]["equity"] != run["deterministic"]["equity"]
        # Swedish cell text is read as the number.
        swedish = {insats["key"]: ["{:,}".format(int(x)).replace(",", "\u00a0") for x in edited]}
        srun = request(url, "/api/run", {"file": "solleftea-2024.toml", "budget": swedish, "runs": RUNS,
                                         "seed": SEED}).json()
        assert srun["deterministic"]["equity"] == erun["deterministic"]["equity"]
        refused(request(url, "/api/run", {"file": "solleftea-2024.toml", "budget": {insats["key"]: ["mycket"]}}), 400,
                "bad cell")

        # 409 for an existing variant, the file unchanged; replaced with "replace": true.
        again = request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "större-insats",
                                              "text": "[forbund]\nopening_equity = 1\n"})
        refused(again, 409, "existing variant")
        assert open(written, encoding="utf-8").read() == content
        replaced = request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "större-insats",
                                                 "text": "[forbund]\nopening_equity = 1000000\n", "replace": True})
        assert replaced.status == 201, replaced.body
        assert "opening_equity = 1000000" in open(written, encoding="utf-8").read()
        # A variant that does not validate is not written.
        badvar = request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "trasig-variant",
                                               "text": "[forbund]\nfirst_year = \"x\"\n"})
        body = refused(badvar, 400, "invalid variant")
        assert body["problems"] and body["problems"][0]["line"] == 3, body
        assert not os.path.exists(os.path.join(folder, "variants", "trasig-variant.toml"))
        refused(request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "../ut", "text": ""}), 400,
                "bad variant name")
        refused(request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "a b", "text": ""}), 400,
                "variant name with a space")
        # A text naming another base is refused.
        refused(request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "annan-bas",
                                              "text": 'extends = "../mphla-2016.toml"\n'}), 400, "other base")

        # --- POST /api/compare against finsim compare
        variant = "variants/solleftea-2024-samcoach-fortsatter.toml"
        comp = request(url, "/api/compare", {"base": "solleftea-2024.toml", "variants": [variant], "runs": RUNS,
                                             "seed": SEED})
        assert comp.status == 200, comp.body[:500]
        comp = comp.json()
        cli("compare", base, os.path.join(folder, variant), "--runs", str(RUNS), "--seed", str(SEED), "--quiet", "-o",
            os.path.join(out, "compare.h5"))
        with h5py.File(os.path.join(out, "compare.h5"), "r") as f:
            assert same_group("compare", comp["compare"], f["compare"], comp["units"], comp["dims"]) > 10
            assert comp["summary"] == [s.decode() if isinstance(s, bytes) else s for s in f.attrs["summary"]]

        # --- POST /api/room against finsim room
        skel = "variants/skelleftea-norsjo-2018-utan-nya.toml"
        room = request(url, "/api/room", {"file": skel, "from": 2018, "to": "2018-12", "equity_target": 800000,
                                          "runs": RUNS, "seed": SEED})
        assert room.status == 200, room.body[:500]
        room = room.json()
        cli("room", os.path.join(folder, skel), "--from", "2018", "--to", "2018-12", "--equity-target", "800000",
            "--runs", str(RUNS), "--seed", str(SEED), "--quiet", "-o", os.path.join(out, "room.h5"))
        with h5py.File(os.path.join(out, "room.h5"), "r") as f:
            assert same_group("room", room["room"], f["room"], room["units"], room["dims"]) > 3
        refused(request(url, "/api/room", {"file": skel}), 400, "room without from")
        # A field's value never becomes another option of the command line (here -o).
        planted = os.path.join(tmp, "planterad.h5")
        refused(request(url, "/api/room", {"file": skel, "from": 2018, "to": "-o" + planted}), 400, "option in a value")
        refused(request(url, "/api/room", {"file": skel, "from": "--output=" + planted}), 400, "option as a value")
        assert not os.path.exists(planted)

        # --- POST /api/sensitivity against finsim sensitivity
        sens = request(url, "/api/sensitivity", {"file": "skelleftea-norsjo-2018.toml", "base_runs": 64,
                                                 "resamples": 20, "runs": 100, "seed": SEED})
        assert sens.status == 200, sens.body[:500]
        sens = sens.json()
        cli("sensitivity", os.path.join(folder, "skelleftea-norsjo-2018.toml"), "--base-runs", "64", "--resamples",
            "20", "--runs", "100", "--seed", str(SEED), "--quiet", "-o", os.path.join(out, "sens.h5"))
        with h5py.File(os.path.join(out, "sens.h5"), "r") as f:
            assert same_group("sensitivity", sens["sensitivity"], f["sensitivity"], sens["units"], sens["dims"]) > 3
        refused(request(url, "/api/sensitivity", {"file": "skelleftea-norsjo-2018.toml", "method": "alla"}), 400,
                "bad method")

        # --- POST /api/merge against finsim merge --report
        v = "vastmanland-2024/"
        parts = [v + "norra-vastmanland.toml", v + "vasteras.toml", v + "vastra-malardalen.toml"]
        merge = request(url, "/api/merge", {"files": parts, "name": "Samordningsförbundet Västmanland", "from": 2024,
                                            "kansli": 2200000, "styrelse": 600000, "runs": 300, "seed": SEED})
        assert merge.status == 200, merge.body[:500]
        merge = merge.json()
        cli("merge", *[os.path.join(folder, p) for p in parts], "-o", os.path.join(out, "lan.toml"), "--name",
            "Samordningsförbundet Västmanland", "--from", "2024", "--kansli", "2200000", "--styrelse", "600000",
            "--report", os.path.join(out, "lan.h5"), "--runs", "300", "--seed", str(SEED), "--quiet")
        with h5py.File(os.path.join(out, "lan.h5"), "r") as f:
            assert same_group("merger", merge["merger"], f["merger"], merge["units"], merge["dims"]) > 10
        assert "Samordningsförbundet Västmanland" in merge["text"] and "[forbund]" in merge["text"]
        refused(request(url, "/api/merge", {"files": parts, "name": "X", "from": 2024, "equity": "keep -o /tmp/x"}),
                400, "bad equity")

        # --- GET /api/download
        toml = request(url, "/api/download?file=solleftea-2024.toml&kind=toml")
        assert toml.status == 200 and toml.body == open(base, "rb").read()
        assert "attachment" in toml.headers["Content-Disposition"], toml.headers
        h5 = request(url, "/api/download?file=solleftea-2024.toml&kind=h5")
        assert h5.status == 200 and "attachment" in h5.headers["Content-Disposition"], h5.status
        with open(os.path.join(out, "download.h5"), "wb") as g:
            g.write(h5.body)
        with h5py.File(os.path.join(out, "download.h5"), "r") as d, h5py.File(os.path.join(out, "run.h5"), "r") as f:
            assert np.array_equal(d["montecarlo/equity_q"][()], f["montecarlo/equity_q"][()])
        xlsx = request(url, "/api/download?file=solleftea-2024.toml&kind=xlsx")
        assert xlsx.status == 200 and xlsx.body[:2] == b"PK", (xlsx.status, xlsx.body[:200])
        assert ".xlsx" in xlsx.headers["Content-Disposition"]
        refused(request(url, "/api/download?file=solleftea-2024.toml&kind=pdf"), 400, "unknown kind")

        # --- Refusals (clarifications 72, 78, 79, 90)
        refused(request(url, "/api/scenarios", headers={"Host": "evil.example:8080"}), 403, "foreign Host")
        refused(request(url, "/api/scenarios", headers={"Host": "localhost.evil.example"}), 403, "Host prefix")
        assert request(url, "/api/scenarios", headers={"Host": "localhost:1"}).status == 200
        assert request(url, "/api/scenarios", headers={"Host": "[::1]:8080"}).status == 200
        refused(request(url, "/api/scenario?file=../utanfor.toml"), 400, "traversal")
        refused(request(url, "/api/scenario?file=variants/../../utanfor.toml"), 400, "traversal inside")
        refused(request(url, "/api/scenario?file=" + outside), 400, "absolute path")
        refused(request(url, "/api/run", {"file": "/etc/passwd"}), 400, "absolute path in a body")
        refused(request(url, "/api/scenario?file=lank-ut.toml"), 403, "symlink out")
        refused(request(url, "/api/run", {"file": "bygger-utanfor.toml"}), 403, "extends out")
        refused(request(url, "/api/validate", {"text": 'extends = "../utanfor.toml"\n'}), 403, "extends out in text")
        sneaky = 'extends = """../../../../../../../../etc/passwd"""\n'
        refused(request(url, "/api/run", {"text": sneaky}), 403, "extends out in a multi-line string")
        refused(request(url, "/api/validate", {"text": sneaky, "base": "variants/" + os.listdir(
            os.path.join(folder, "variants"))[0]}), 403, "extends out from a base's folder")
        refused(request(url, "/api/scenario?file=finns-inte.toml"), 404, "unknown file")
        refused(request(url, "/api/run", {"file": "finns-inte.toml"}), 404, "unknown file to run")
        big = b'{"text": "' + b"#" * (5 << 20) + b'"}'
        try:
            refused(request(url, "/api/validate", raw=big), 413, "body over 4 MiB")
        except (ConnectionError, urllib.error.URLError) as e:  # the server may close before reading it all
            raise AssertionError("no 413 for a large body: %r" % e)
        refused(request(url, "/api/validate", raw=b"{not json"), 400, "bad JSON")
        refused(request(url, "/api/validate", raw=b"[1, 2]"), 400, "JSON that is not an object")
        bad_toml = request(url, "/api/run", {"text": "[forbund]\nname = \"X\"\nyears = tre\n"})
        body = refused(bad_toml, 400, "bad TOML")
        assert body["problems"][0]["line"] == 3 and body["problems"][0]["column"] > 0, body
        # Cross-site requests: text/plain and a foreign Origin get 403 and do nothing.
        plain = request(url, "/api/variant", raw=json.dumps({"base": "solleftea-2024.toml", "name": "fran-annan",
                                                             "text": ""}).encode(),
                        headers={"Content-Type": "text/plain"})
        refused(plain, 403, "text/plain POST")
        foreign = request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "fran-annan", "text": ""},
                          headers={"Origin": "http://evil.example"})
        refused(foreign, 403, "foreign Origin")
        other_port = request(url, "/api/variant", {"base": "solleftea-2024.toml", "name": "fran-annan", "text": ""},
                             headers={"Origin": "http://127.0.0.1:1"})
        refused(other_port, 403, "Origin with another port")
        assert not os.path.exists(os.path.join(folder, "variants", "fran-annan.toml"))
        same_origin = request(url, "/api/validate", {"text": "[forbund]\n"}, headers={"Origin": url})
        assert same_origin.status == 200, same_origin.body
        # The memory check's refusal is 429: 30 years of 10^8 runs need some 200 GB.
        long = {"text": 'extends = "solleftea-2024.toml"\n[forbund]\nyears = 30\n', "runs": 100000000}
        assert "--runs" in refused(request(url, "/api/run", long), 429, "memory")["error"]
        refused(request(url, "/api/run", {"file": "solleftea-2024.toml", "runs": 0}), 400, "zero runs")

        # A newer request from the same browser session cancels the one still running.
        cookie = {"Cookie": "finsim_session=testsession"}
        first = {}

        def long_run():
            first["answer"] = request(url, "/api/run", {"file": "solleftea-2024.toml", "runs": 3000000},
                                      headers=cookie)

        t = threading.Thread(target=long_run)
        t.start()
        wait_for_cpu(proc, 1.0)
        second = request(url, "/api/run", {"file": "solleftea-2024.toml", "runs": 200}, headers=cookie)
        t.join(TIMEOUT)
        assert not t.is_alive()
        assert second.status == 200, second.body[:300]
        refused(first["answer"], 409, "superseded run")

        # The server still answers after all of that.
        assert request(url, "/api/scenarios").status == 200
        code = stop_server(proc)
        assert code == 128 + signal.SIGTERM, code

        # --- Token mode: bound elsewhere than loopback (clarifications 73, 78).
        proc, address, _ = start_server(FINSIM, folder, *SERVE_OPTIONS, "--host", "0.0.0.0")
        procs.append(proc)
        assert "?token=" in address, address
        token = address.split("?token=")[1]
        assert len(token) == 32 and all(c in "0123456789abcdef" for c in token), token
        port = address.split(":")[2].split("/")[0]
        local = "http://127.0.0.1:" + port
        refused(request(local, "/api/scenarios"), 403, "no token")
        refused(request(local, "/"), 403, "no token for the page")
        refused(request(local, "/api/scenarios?token=" + "0" * 32), 403, "wrong token")
        first_visit = request(local, "/?token=" + token, headers={"Host": "maskinen.lan:" + port})
        assert first_visit.status == 200, first_visit.body
        set_cookie = first_visit.headers.get_all("Set-Cookie")
        token_cookie = next(c for c in set_cookie if c.startswith("finsim_token="))
        assert "HttpOnly" in token_cookie and "SameSite=Strict" in token_cookie, token_cookie
        assert request(local, "/api/scenarios", headers={"Cookie": "finsim_token=" + token}).status == 200
        assert request(local, "/api/scenarios", headers={"Authorization": "Bearer " + token}).status == 200
        refused(request(local, "/api/scenarios", headers={"Authorization": "Bearer " + token[:-1] + "x"}), 403,
                "wrong bearer")
        code = stop_server(proc)
        assert code == 128 + signal.SIGTERM, code
        check_new_forbund(tmp, procs)
        print("check_serve_api: every route and refusal as expected")
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
