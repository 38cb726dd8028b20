"""A vectorised NumPy peer of finsim's Monte Carlo on bench/large.toml (issue 24).

The same model as bench/peers/numba_peer.py, with every replication of a batch side by side in
NumPy arrays: the loops run over insatser, months and the n-th newcomer of a month, and each
step draws and counts for all replications at once (numpy.random.Generator, PCG64).
NumPy runs on one thread; with THREADS > 1 the batches are split over that many threads (NumPy
releases the GIL in its array loops and random draws).

Usage: python3 bench/peers/numpy_peer.py [SCENARIO] [RUNS] [THREADS ...]
"""

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_scenario import SCORE_LOW, SCORE_POINTS, SCORE_STEP, arguments, print_means  # noqa: E402

BATCH = 10000


def quantile(table, z):
    x = np.clip((z - SCORE_LOW) / SCORE_STEP, 0.0, SCORE_POINTS - 1 - 1e-9)
    i = x.astype(np.int64)
    return table[i] + (x - i) * (table[i + 1] - table[i])


def pay(accrued, schedule):
    """Payments, per replication and month, of monthly accruals on `schedule` (codes as PAYMENTS)."""
    runs, months = accrued.shape
    m = np.arange(months)
    at = [m, m - m % 3, m - m % 3 + 3, m - m % 12, m - m % 12 + 12][schedule]
    paid = np.zeros((runs, months + 13))
    np.add.at(paid, (slice(None), at), accrued)  # several months pay at once
    return paid[:, :months]


def simulate(s, runs, rng):
    years, months = s.years, s.months
    # Scores, mixed where correlated, and values.
    slots = len(s.slot_key)
    e = np.zeros((runs, slots))
    drawn = np.flatnonzero(s.slot_drawn)
    e[:, drawn] = rng.standard_normal((runs, len(drawn)))
    z = e.copy()
    for i in range(slots):
        if s.mix_start[i + 1] > s.mix_start[i]:
            cols = s.mix_column[s.mix_start[i]:s.mix_start[i + 1]]
            z[:, i] = e[:, cols] @ s.mix_factor[s.mix_start[i]:s.mix_start[i + 1]]
    value = np.empty_like(z)
    for i in range(slots):
        value[:, i] = quantile(s.quantiles[s.slot_key[i]], z[:, i])

    def yearly(key):
        return value[:, s.slot_of[key]]  # runs × years

    accrued_in = np.zeros((5, runs, months))
    accrued_out = np.zeros((5, runs, months))
    growth = yearly(s.state_growth).copy()
    growth[:, 0] = 0.0
    drift = 2.0 * value[:, s.slot_of[s.state, 0]][:, None] * np.cumprod(1.0 + growth, axis=1)
    accrued_in[s.funding_payment] += np.repeat(drift / 12.0, 12, axis=1)
    income = np.zeros((runs, years))
    for inc in s.incomes:
        if inc["each_year"]:
            occurs = rng.random((runs, years)) < inc["probability"]
        else:
            occurs = np.repeat(rng.random((runs, 1)) < inc["probability"], years, axis=1)
        amount = occurs * inc["amount"][None, :]
        income += amount
        accrued_in[inc["payment"]] += np.repeat(amount / 12.0, 12, axis=1)
    costs = np.zeros((runs, years))
    for c in s.costs:
        g = yearly(c["growth"]).copy()
        g[:, 0] = 0.0
        amount = c["amount"] * np.cumprod(1.0 + g, axis=1)
        costs += amount
        accrued_out[c["payment"]] += np.repeat(amount / 12.0, 12, axis=1)

    served = np.zeros((runs, years))
    exits_ws = np.zeros((runs, years))
    rows = np.arange(runs)
    for ins in s.insatser:
        # Early end and renewal: three uniforms a year; the first year that ends wins.
        u = rng.random((runs, years, 3))
        early = u[:, :, 0] < ins["early"]
        stop = early | (u[:, :, 2] >= ins["renewal"])
        ends = stop.any(axis=1)
        year = np.argmax(stop, axis=1)
        when = np.minimum(11, (u[rows, year, 1] * 12).astype(np.int64))
        last = np.where(ends, 12 * year + np.where(early[rows, year], when, 11), months - 1)
        ws = rng.gamma(ins["work_studies_count"], size=runs)
        work_studies = ws / (ws + rng.gamma(ins["other_count"], size=runs))
        referral_mean = yearly(ins["referrals"])[:, 0]
        limit = ins["limit"]
        schedule = np.zeros((runs, months + max(limit, months) + 1), dtype=np.int64)
        schedule_ws = np.zeros_like(schedule)
        active = np.zeros(runs, dtype=np.int64)
        queue = np.zeros(runs, dtype=np.int64)
        starts = np.zeros((runs, months))
        for m in range(months):
            running = m <= last
            if m % 12 == 0:
                served[:, m // 12] += active
            active -= schedule[:, m] * running
            exits_ws[:, m // 12] += schedule_ws[:, m] * running
            queue += rng.poisson(referral_mean) * running
            queue -= rng.binomial(queue, ins["abandon"])
            admitted = np.minimum(queue, np.maximum(0, ins["capacity"] - active)) * running
            for n in range(int(admitted.max(initial=0))):
                who = np.flatnonzero(admitted > n)
                woman = rng.random(len(who)) < ins["women_share"]
                q = np.where(woman, ins["exit_women"], ins["exit_men"])
                wait = rng.geometric(q)
                at_limit = (wait > limit - 1) if limit > 0 else np.zeros(len(who), dtype=bool)
                delay = np.where(at_limit, limit, wait)
                delay = np.minimum(delay, schedule.shape[1] - 1 - m)
                schedule[who, m + delay] += 1  # one newcomer per replication: no index repeats
                to_ws = ~at_limit & (rng.random(len(who)) < work_studies[who])
                schedule_ws[who[to_ws], m + delay[to_ws]] += 1
            queue -= admitted
            active += admitted
            starts[:, m] = admitted
            served[:, m // 12] += admitted
            # An insats ends after its last month: everyone leaves, the queue gives up.
            ended = m == last
            active[ended] = 0
            queue[ended] = 0
        month = np.arange(months)
        use = np.repeat(yearly(ins["utilization"]), 12, axis=1)
        cost = (ins["budget"] * use / 12.0 + ins["cost_per_start"] * starts) * (month[None, :] <= last[:, None])
        accrued_out[ins["payment"]] += cost
        costs += cost.reshape(runs, years, 12).sum(axis=2)

    paid = sum(pay(accrued_in[k], k) - pay(accrued_out[k], k) for k in range(5))
    cash = s.opening_cash + np.cumsum(paid, axis=1)
    cash_min = cash.reshape(runs, years, 12).min(axis=2)
    result = drift + income - costs
    equity = s.opening_equity + np.cumsum(result, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(drift != 0.0, equity / drift, np.nan)
    values = np.stack([equity, result, ratio, drift, costs, cash_min, served, exits_ws], axis=2)
    flags = np.stack([(equity > s.cap_share * drift) | (drift == 0.0), equity < s.floor, cash_min < 0.0], axis=2)
    return values, flags


def run(scenario, runs, threads, seed=1):
    batches = [min(BATCH, runs - b) for b in range(0, runs, BATCH)]
    streams = np.random.SeedSequence(seed).spawn(len(batches))
    with ThreadPoolExecutor(threads) as pool:
        parts = list(pool.map(lambda a: simulate(scenario, a[0], np.random.default_rng(a[1])), zip(batches, streams)))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def main():
    scenario, runs, thread_counts = arguments()
    for threads in thread_counts:
        start = time.perf_counter()
        values, flags = run(scenario, runs, threads)
        elapsed = time.perf_counter() - start
        print(f"numpy peer threads {threads}: {elapsed:.3f} s, {runs / elapsed:.0f} runs/s")
    print_means(values, flags)


if __name__ == "__main__":
    main()
