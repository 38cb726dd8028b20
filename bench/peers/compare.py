"""finsim against its Numba and NumPy peers on one scenario (issue 24's goals: >= 3x the Numba
peer, >= 30x the NumPy peer, at 100 000 runs with the same threads).

Runs build/finsim_bench (finsim's runs/s with 1 and 2 threads, timed inside the process as the
peers time themselves: no start-up, compilation or file writing), then each peer (Numba with
numpy's draws, Numba drawing each count by inversion as finsim does, NumPy) with the same
runs and threads, ROUNDS times in turn (3 unless given), and prints the medians and their
ratios. Then checks that the peers run finsim's model: the
means of the eight outcomes per year from `finsim run` and from each peer, as the largest
difference in finsim's standard errors (combined with the peer's), and the breach
probabilities.

Usage: python3 bench/peers/compare.py [SCENARIO] [RUNS] [ROUNDS]
(after the build; needs apt-get install python3-numba python3-scipy python3-h5py)
"""

import os
import re
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numba_peer  # noqa: E402
import numpy_peer  # noqa: E402
from peer_scenario import BREACHES, OUTCOMES, Scenario  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def finsim_speed(path, runs):
    out = subprocess.run([os.path.join(ROOT, "build", "finsim_bench"), path, str(runs)], check=True,
                         capture_output=True, text=True).stdout
    return {int(t): float(r) for t, r in re.findall(r"^finsim threads (\d+): [\d.]+ s, (\d+) runs/s", out, re.M)}


def finsim_summary(path, runs):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "finsim.h5")
        subprocess.run([os.path.join(ROOT, "build", "finsim"), "run", path, "--runs", str(runs), "--output", out],
                       check=True, capture_output=True)
        with h5py.File(out) as f:
            mc = f["montecarlo"]
            means = np.stack([mc[f"{o}_mean"][()] for o in OUTCOMES], axis=1)
            se = np.stack([mc[f"{o}_se"][()] for o in OUTCOMES], axis=1)
            p = np.stack([mc[f"p_{b}"][()] for b in BREACHES], axis=1)
    return means, se, p


def timed(run, threads, runs):
    start = time.perf_counter()
    values, flags = run(threads, runs)
    return runs / (time.perf_counter() - start), values, flags


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "bench", "large.toml")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    scenario = Scenario(path)

    def numba_run(by_inversion):
        def run(threads, n):
            numba_peer.numba.set_num_threads(threads)
            return numba_peer.run(scenario, n, by_inversion=by_inversion)
        return run

    def numpy_run(threads, n):
        return numpy_peer.run(scenario, n, threads)

    # Rounds in turn (finsim, Numba, NumPy), so that a slow spell of the machine touches all three.
    peers = (("numba", numba_run(False)), ("numba-inversion", numba_run(True)), ("numpy", numpy_run))
    for _, run in peers[:2]:
        run(2, 1000)  # compiles and starts the threads outside the timing
    speed = {name: {1: [], 2: []} for name in ["finsim"] + [name for name, _ in peers]}
    results = {}
    for _ in range(rounds):
        for threads, value in finsim_speed(path, runs).items():
            speed["finsim"][threads].append(value)
        for name, run in peers:
            for threads in (1, 2):
                value, values, flags = timed(run, threads, runs)
                speed[name][threads].append(value)
            results[name] = (values, flags)

    print(f"{path}: {runs} runs, {rounds} rounds; runs/s, median (least-most), and finsim's median / the peer's")
    for threads in (1, 2):
        row = [f"{threads} thread{'s' if threads > 1 else ''}:"]
        f = np.median(speed["finsim"][threads])
        for name in speed:
            x = speed[name][threads]
            row.append(f"{name} {np.median(x):.0f} ({min(x):.0f}-{max(x):.0f})")
            if name != "finsim":
                row.append(f"= {f / np.median(x):.2f}x")
        print("  ".join(row))
    print("goals: >= 3x the Numba peer, >= 30x the NumPy peer")

    means, se, p = finsim_summary(path, runs)
    print("\nsame model: largest |peer mean - finsim mean| / combined standard error over the years")
    print(f"{'outcome':>20}" + "".join(f" {name:>15}" for name, _ in peers))
    for k, outcome in enumerate(OUTCOMES):
        row = []
        for name, _ in peers:
            v = results[name][0][:, :, k]
            combined = np.sqrt(se[:, k] ** 2 + v.var(axis=0, ddof=1) / len(v))
            row.append(np.nanmax(np.abs(v.mean(axis=0) - means[:, k]) / combined))
        print(f"{outcome:>20}" + "".join(f" {x:>15.2f}" for x in row))
    for k, breach in enumerate(BREACHES):
        row = []
        for name, _ in peers:
            q = results[name][1][:, :, k].mean(axis=0)
            combined = np.sqrt(p[:, k] * (1 - p[:, k]) / runs + q * (1 - q) / runs)
            row.append(np.nanmax(np.where(combined > 0, np.abs(q - p[:, k]) / np.maximum(combined, 1e-300), 0.0)))
        print(f"{'p_' + breach:>20}" + "".join(f" {x:>15.2f}" for x in row))


if __name__ == "__main__":
    main()
