"""A Numba-compiled per-replication peer of finsim's Monte Carlo on bench/large.toml (issue 24).

Each replication, in parallel over replications (numba.prange): the normal scores of every
uncertain number, mixed through the correlations' Cholesky factor, turned into values by their
tabulated quantile functions; each insats' early end and renewal (three uniforms a year, as
finsim); its participant flows person by person with the law of docs/model.md (Poisson
referrals, binomial abandonment, places filled from the queue, each newcomer's gender, geometric
months to exit cut at the time limit and exit to work or studies drawn at admission); the
accruals summed per payment schedule and paid by it; the yearly statements, the eight outcomes
and the three breach flags, stored per replication as finsim stores them.

The flows come in two versions: with numpy's Poisson, binomial and geometric draws as Numba
compiles them (Poisson by multiplying uniforms: about mean + 1 uniforms a draw), and with one
uniform per count by inversion, as finsim draws them (`run(..., by_inversion=True)`), the leaner.

Usage: python3 bench/peers/numba_peer.py [SCENARIO] [RUNS] [THREADS ...]
Needs python3-numba (Debian 12). Prints runs/s per version and thread count, and the outcomes' means.
"""

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_scenario import OUTCOMES, SCORE_LOW, SCORE_POINTS, SCORE_STEP, arguments, print_means  # noqa: E402

import numba  # noqa: E402
from numba import njit, prange  # noqa: E402



@njit(cache=True)
def quantile(table, z):
    x = (z - SCORE_LOW) / SCORE_STEP
    if x <= 0.0:
        return table[0]
    if x >= SCORE_POINTS - 1:
        return table[SCORE_POINTS - 1]
    i = int(x)
    f = x - i
    return table[i] + f * (table[i + 1] - table[i])


@njit(cache=True)
def pay(accrued, schedule, paid):
    """Adds the payments of monthly accruals `accrued` on `schedule` into `paid`."""
    months = accrued.shape[0]
    for m in range(months):
        a = accrued[m]
        if schedule == 0:
            at = m
        elif schedule == 1:
            at = m - m % 3
        elif schedule == 2:
            at = m - m % 3 + 3
        elif schedule == 3:
            at = m - m % 12
        else:
            at = m - m % 12 + 12
        if at < months:
            paid[at] += a


@njit(cache=True)
def last_month(early, renewal, months):
    """The month an insats ends (early end or no renewal), or -1 when it runs on: three uniforms a year."""
    for y in range(months // 12):
        u_early, u_when, u_renew = np.random.random(), np.random.random(), np.random.random()
        if u_early < early:
            return 12 * y + min(11, int(u_when * 12))
        if u_renew >= renewal:
            return 12 * y + 11
    return -1


@njit(cache=True, inline="always")
def schedule_departure(hazard_month, month, limit, work_studies, schedule, schedule_ws):
    """Schedules the exit of someone admitted in `month` who would leave at the hazard in
    `hazard_month`: at the time limit instead when that comes first, else to work or studies
    with probability `work_studies`; exits past the schedule's end are not counted."""
    at_limit = limit > 0 and hazard_month - month > limit - 1
    at = month + limit if at_limit else hazard_month
    if at < schedule.shape[0]:
        schedule[at] += 1
        if not at_limit and np.random.random() < work_studies:
            schedule_ws[at] += 1


@njit(cache=True)
def flows_by_numpy(months, ending, referral_mean, abandon, places, women_share, exit_women, exit_men, limit, work_studies,
          served, exits_ws, starts, schedule, schedule_ws):
    """One insats' participants person by person, with numpy's Poisson, binomial and geometric draws;
    adds served and exits to work or studies per year, the starts per month into `starts` (zeros
    on entry, as `schedule` and `schedule_ws`)."""
    active = 0
    queue = 0
    last = months - 1 if ending < 0 else ending
    for m in range(last + 1):
        if m % 12 == 0:
            served[m // 12] += active
        active -= schedule[m]
        exits_ws[m // 12] += schedule_ws[m]
        queue += np.random.poisson(referral_mean)
        if queue > 0 and abandon > 0.0:
            queue -= np.random.binomial(queue, abandon)
        admitted = min(queue, max(0, places - active))
        for _ in range(admitted):
            q = exit_women if np.random.random() < women_share else exit_men
            schedule_departure(m + np.random.geometric(q), m, limit, work_studies, schedule, schedule_ws)
        queue -= admitted
        active += admitted
        starts[m] = admitted
        served[m // 12] += admitted


@njit(cache=True)
def flows_by_inversion(months, ending, referral_mean, abandon, places, women_share, exit_women, exit_men, limit, work_studies,
          served, exits_ws, starts, schedule, schedule_ws):
    """The same with one uniform per count, by inversion, as finsim draws them: the Poisson and
    binomial distribution functions summed term by term, the months to exit from a logarithm."""
    active = 0
    queue = 0
    last = months - 1 if ending < 0 else ending
    none = np.exp(-referral_mean)
    log_w = np.log1p(-exit_women)
    log_m = np.log1p(-exit_men)
    stay = 1.0 - abandon
    for m in range(last + 1):
        if m % 12 == 0:
            served[m // 12] += active
        active -= schedule[m]
        exits_ws[m // 12] += schedule_ws[m]
        u = np.random.random()
        k = 0
        p = none
        c = p
        while u > c and k < 200:
            k += 1
            p *= referral_mean / k
            c += p
        queue += k
        if queue > 0 and abandon > 0.0:
            u = np.random.random()
            g = 0
            p = stay ** queue
            c = p
            odds = abandon / stay
            while u > c and g < queue:
                p *= odds * (queue - g) / (g + 1)
                g += 1
                c += p
            queue -= g
        admitted = min(queue, max(0, places - active))
        for _ in range(admitted):
            woman = np.random.random() < women_share
            wait = 1 + int(np.log(1.0 - np.random.random()) / (log_w if woman else log_m))
            schedule_departure(m + wait, m, limit, work_studies, schedule, schedule_ws)
        queue -= admitted
        active += admitted
        starts[m] = admitted
        served[m // 12] += admitted


@njit(parallel=True, cache=True)
def simulate(runs, years, opening_equity, opening_cash, cap_share, floor, quantiles, slot_key, slot_drawn,
             slot_of, mix_start, mix_column, mix_factor, state_key, growth_key, funding_payment,
             income_amount, income_probability, income_each_year, income_payment,
             cost_amount, cost_growth, cost_payment,
             budget, utilization_key, referral_key, early, renewal, places, exit_women, exit_men, limit, abandon,
             women_share, ws_count, other_count, cost_per_start, insats_payment, by_inversion, values, flags):
    months = 12 * years
    slots = slot_key.shape[0]
    for r in prange(runs):
        # Normal scores, mixed where correlated, and the values of every drawn number.
        e = np.zeros(slots)
        for i in range(slots):
            if slot_drawn[i]:
                e[i] = np.random.standard_normal()
        z = np.empty(slots)
        for i in range(slots):
            if mix_start[i + 1] > mix_start[i]:
                s = 0.0
                for k in range(mix_start[i], mix_start[i + 1]):
                    s += mix_factor[k] * e[mix_column[k]]
                z[i] = s
            else:
                z[i] = e[i]
        value = np.empty(slots)
        for i in range(slots):
            value[i] = quantile(quantiles[slot_key[i]], z[i])

        # Accruals per payment schedule: in (funding, incomes) and out (costs, insatser).
        accrued_in = np.zeros((5, months))
        accrued_out = np.zeros((5, months))
        drift = np.zeros(years)
        income = np.zeros(years)
        costs = np.zeros(years)
        state = value[slot_of[state_key, 0]]
        for y in range(years):
            if y > 0:
                state *= 1.0 + value[slot_of[growth_key, y]]
            drift[y] = 2.0 * state
            for m in range(12 * y, 12 * y + 12):
                accrued_in[funding_payment, m] += drift[y] / 12.0
        for j in range(income_amount.shape[0]):
            occurs = np.random.random() < income_probability[j]
            for y in range(years):
                if y > 0 and income_each_year[j]:
                    occurs = np.random.random() < income_probability[j]
                if occurs:
                    income[y] += income_amount[j, y]
                    for m in range(12 * y, 12 * y + 12):
                        accrued_in[income_payment[j], m] += income_amount[j, y] / 12.0
        for j in range(cost_amount.shape[0]):
            amount = cost_amount[j]
            for y in range(years):
                if y > 0:
                    amount *= 1.0 + value[slot_of[cost_growth[j], y]]
                costs[y] += amount
                for m in range(12 * y, 12 * y + 12):
                    accrued_out[cost_payment[j], m] += amount / 12.0

        served = np.zeros(years, dtype=np.int64)
        exits_ws = np.zeros(years, dtype=np.int64)
        starts = np.zeros(months, dtype=np.int64)
        schedule = np.zeros(months, dtype=np.int64)
        schedule_ws = np.zeros(months, dtype=np.int64)
        for i in range(budget.shape[0]):
            ending = last_month(early[i], renewal[i], months)
            ws = np.random.gamma(ws_count[i])
            work_studies = ws / (ws + np.random.gamma(other_count[i]))
            referral_mean = value[slot_of[referral_key[i], 0]]
            schedule[:] = 0
            schedule_ws[:] = 0
            starts[:] = 0
            if by_inversion:
                flows_by_inversion(months, ending, referral_mean, abandon[i], places[i], women_share[i], exit_women[i],
                                   exit_men[i], limit[i], work_studies, served, exits_ws, starts, schedule, schedule_ws)
            else:
                flows_by_numpy(months, ending, referral_mean, abandon[i], places[i], women_share[i], exit_women[i],
                               exit_men[i], limit[i], work_studies, served, exits_ws, starts, schedule, schedule_ws)
            last = months - 1 if ending < 0 else ending
            for m in range(last + 1):
                cost = budget[i] * value[slot_of[utilization_key[i], m // 12]] / 12.0 + cost_per_start[i] * starts[m]
                accrued_out[insats_payment[i], m] += cost
                costs[m // 12] += cost

        paid_in = np.zeros(months)
        paid_out = np.zeros(months)
        for schedule_kind in range(5):
            pay(accrued_in[schedule_kind], schedule_kind, paid_in)
            pay(accrued_out[schedule_kind], schedule_kind, paid_out)
        equity = opening_equity
        cash = opening_cash
        for y in range(years):
            lowest = np.inf
            for m in range(12 * y, 12 * y + 12):
                cash += paid_in[m] - paid_out[m]
                lowest = min(lowest, cash)
            result = drift[y] + income[y] - costs[y]
            equity += result
            values[r, y, 0] = equity
            values[r, y, 1] = result
            values[r, y, 2] = equity / drift[y] if drift[y] != 0.0 else np.nan
            values[r, y, 3] = drift[y]
            values[r, y, 4] = costs[y]
            values[r, y, 5] = lowest
            values[r, y, 6] = served[y]
            values[r, y, 7] = exits_ws[y]
            flags[r, y, 0] = equity > cap_share * drift[y] or drift[y] == 0.0
            flags[r, y, 1] = equity < floor
            flags[r, y, 2] = lowest < 0.0


def run(scenario, runs, by_inversion=False):
    s = scenario
    values = np.empty((runs, s.years, len(OUTCOMES)))
    flags = np.empty((runs, s.years, 3), dtype=np.bool_)
    ins = s.insats_array
    simulate(runs, s.years, s.opening_equity, s.opening_cash, s.cap_share, s.floor, s.quantiles, s.slot_key,
             s.slot_drawn, s.slot_of, s.mix_start, s.mix_column, s.mix_factor, s.state, s.state_growth,
             s.funding_payment, s.income_amounts(), s.income_array("probability"),
             s.income_array("each_year", np.bool_), s.income_array("payment", np.int64),
             s.cost_array("amount"), s.cost_array("growth", np.int64), s.cost_array("payment", np.int64),
             ins("budget"), ins("utilization", np.int64), ins("referrals", np.int64), ins("early"), ins("renewal"),
             ins("capacity", np.int64), ins("exit_women"), ins("exit_men"), ins("limit", np.int64), ins("abandon"),
             ins("women_share"), ins("work_studies_count"), ins("other_count"), ins("cost_per_start"),
             ins("payment", np.int64), by_inversion, values, flags)
    return values, flags


def main():
    scenario, runs, thread_counts = arguments()
    numba.set_num_threads(max(thread_counts))
    for by_inversion in (False, True):
        run(scenario, 100, by_inversion)  # compiles (or loads the cache) outside the timing
        for threads in thread_counts:
            numba.set_num_threads(threads)
            run(scenario, 1000, by_inversion)  # starts the threads outside the timing
            start = time.perf_counter()
            values, flags = run(scenario, runs, by_inversion)
            elapsed = time.perf_counter() - start
            how = "by inversion" if by_inversion else "numpy's draws"
            print(f"numba peer ({how}) threads {threads}: {elapsed:.3f} s, {runs / elapsed:.0f} runs/s")
        print_means(values, flags)


if __name__ == "__main__":
    main()
