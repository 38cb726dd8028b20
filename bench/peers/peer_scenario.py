"""The benchmark scenario's model as plain arrays, for the Numba and NumPy peers of finsim.

The peers implement the law of docs/model.md for the kinds of lines bench/large.toml has
(state funding with a growth rate, incomes with a probability, costs with a growth, individual
insatser with participants, utilisation, early end and renewal, Gaussian-copula correlations)
and refuse anything else, so that a peer never times a smaller model than finsim runs.

Every uncertain number is drawn as finsim draws it: a normal score, mixed through the
correlation's Cholesky factor where the number is correlated, turned into the value by its
quantile function, tabulated once here (scipy) on a grid of scores and interpolated by the
peers.
"""

import math
import os
import sys
import tomllib

import numpy as np
from scipy import stats

# The score grid of the quantile tables: -8 ... 8 in steps of 1/64, as sampling/score_quantile.
SCORE_LOW, SCORE_STEP, SCORE_POINTS = -8.0, 1.0 / 64.0, 16 * 64 + 1

REASONS = ("arbete", "studier", "aktivt_arbetssokande", "ordinarie_rehab", "sjukersattning",
           "aktivitetsersattning", "halsa", "flytt", "foraldraledighet", "annan", "okand")

# Payment schedules, as codes the peers' kernels switch on.
PAYMENTS = {"monthly": 0, "quarterly_advance": 1, "quarterly_arrears": 2, "annual_advance": 3,
            "annual_arrears": 4}


def _quantile_table(spec, low, high):
    """Values at the score grid of a distribution given as in the scenario, clamped to its range."""
    z = SCORE_LOW + SCORE_STEP * np.arange(SCORE_POINTS)
    u = stats.norm.cdf(z)
    if not isinstance(spec, dict):
        return np.full(SCORE_POINTS, float(spec))
    mean, sd, kind = spec["mean"], spec["sd"], spec["dist"]
    if kind == "normal":
        values = mean + sd * z
    elif kind == "gamma":
        shape = (mean / sd) ** 2
        values = stats.gamma.ppf(u, shape, scale=mean / shape)
    elif kind == "beta":
        common = mean * (1 - mean) / sd**2 - 1
        values = stats.beta.ppf(u, mean * common, (1 - mean) * common)
    else:
        raise ValueError(f"the peers do not draw dist = {kind!r}")
    return np.clip(values, low, high)


# The keys the peers model, per table; any other key is refused.
MODELLED = {
    "": {"forbund", "funding", "member", "income", "cost", "insats", "correlation"},
    "forbund": {"name", "first_year", "years", "opening_equity", "opening_cash", "equity_cap_share", "equity_floor"},
    "funding": {"state", "state_growth", "payment"},
    "member": {"name", "kind", "population"},
    "income": {"name", "amount", "probability", "payment"},
    "cost": {"name", "kind", "amount", "growth", "payment"},
    "insats": {"name", "kind", "owner", "budget", "utilization", "early_end_probability", "renewal_probability",
               "payment", "participants"},
    "participants": {"capacity", "referrals_per_month", "mean_stay_months", "max_stay_months",
                     "queue_abandon_per_month", "women_share", "referrers", "exit_reasons", "entry_support",
                     "cost_per_start"},
    "correlation": {"a", "b", "rho"},
}


def _refuse_unmodelled(s):
    def check(table, where):
        extra = set(table) - MODELLED[where]
        if extra:
            raise ValueError(f"the peers do not model {', '.join(sorted(extra))} in [{where or 'top level'}]")

    check(s, "")
    check(s["forbund"], "forbund")
    check(s["funding"], "funding")
    for section in ("member", "income", "cost", "insats", "correlation"):
        for entry in s.get(section, []):
            check(entry, section)
    for insats in s.get("insats", []):
        check(insats["participants"], "participants")
    for spec in _distributions(s):
        if isinstance(spec, dict) and "per" in spec:
            raise ValueError("the peers draw growth and utilisation per year and the rest per run: no per key")


def _distributions(s):
    yield from (s["funding"].get("state"), s["funding"].get("state_growth"))
    for c in s.get("cost", []):
        yield c.get("growth")
    for i in s.get("insats", []):
        yield i.get("utilization")
        yield i["participants"].get("referrals_per_month")


class Scenario:
    """bench/large.toml (or a scenario of its kinds) as the arrays the peers' kernels take."""

    def __init__(self, path):
        with open(path, "rb") as f:
            s = tomllib.load(f)
        _refuse_unmodelled(s)
        forbund = s["forbund"]
        self.years = forbund["years"]
        self.months = 12 * self.years
        self.opening_equity = float(forbund.get("opening_equity", 0.0))
        self.opening_cash = float(forbund.get("opening_cash", 0.0))
        self.cap_share = float(forbund.get("equity_cap_share", 0.2))
        self.floor = float(forbund.get("equity_floor", 0.0))

        # Numbers drawn: one row per (key path, year) where the key is per year, else per run.
        self.tables = []   # quantile tables, one per drawn key
        self.per_year = []  # whether the key is drawn per year
        self.paths = []
        self.drawn = []  # whether the key is uncertain (a fixed number draws nothing)

        def key(path, spec, low, high, per_year):
            self.drawn.append(isinstance(spec, dict))
            self.paths.append(path)
            self.tables.append(_quantile_table(spec, low, high))
            self.per_year.append(per_year)
            return len(self.paths) - 1

        funding = s["funding"]
        self.state = key("funding.state", funding["state"], 0.0, math.inf, False)
        self.state_growth = key("funding.state_growth", funding.get("state_growth", 0.0), -1 + 1e-12, math.inf, True)
        self.funding_payment = PAYMENTS[funding.get("payment", "quarterly_advance")]

        # Incomes: an amount per year (the list's last value repeated), a probability per year for a
        # list, once per run for one amount.
        self.incomes = []
        for inc in s.get("income", []):
            amounts = inc["amount"] if isinstance(inc["amount"], list) else [inc["amount"]]
            per_year = [float(amounts[min(y, len(amounts) - 1)]) for y in range(self.years)]
            self.incomes.append(dict(amount=np.array(per_year), probability=float(inc.get("probability", 1.0)),
                                     each_year=isinstance(inc["amount"], list),
                                     payment=PAYMENTS[inc.get("payment", "annual_advance")]))
        self.costs = []
        for c in s.get("cost", []):
            self.costs.append(dict(amount=float(c["amount"]),
                                   growth=key(f"cost.{c['name']}.growth", c.get("growth", 0.0), -1 + 1e-12, math.inf,
                                              True),
                                   payment=PAYMENTS[c.get("payment", "monthly")]))
        self.insatser = []
        for i in s.get("insats", []):
            p = i["participants"]
            stay = p["mean_stay_months"]
            stay = stay if isinstance(stay, dict) else {"women": stay, "men": stay}
            weights = p["exit_reasons"]
            unknown = set(weights) - set(REASONS)
            if unknown or any(isinstance(v, float) for v in weights.values()):
                raise ValueError("the peers take exit_reasons as counts of the eleven reasons")
            name = i["name"]
            self.insatser.append(dict(
                budget=float(i["budget"]),
                utilization=key(f"insats.{name}.utilization", i.get("utilization", 1.0), 0.0, 1.0, True),
                referrals=key(f"insats.{name}.participants.referrals_per_month", p["referrals_per_month"], 0.0,
                              1e5, False),
                early=float(i.get("early_end_probability", 0.0)), renewal=float(i.get("renewal_probability", 1.0)),
                capacity=int(math.floor(p["capacity"] + 1e-9)) if "capacity" in p else 2**31 - 1,
                exit_women=1.0 / stay["women"], exit_men=1.0 / stay["men"],
                limit=int(p.get("max_stay_months", 0)), abandon=float(p.get("queue_abandon_per_month", 0.0)),
                women_share=float(p.get("women_share", 0.5)),
                work_studies_count=float(weights.get("arbete", 0) + weights.get("studier", 0)),
                other_count=float(sum(v for r, v in weights.items() if r not in ("arbete", "studier"))),
                cost_per_start=float(p.get("cost_per_start", 0.0)),
                payment=PAYMENTS[i.get("payment", "quarterly_arrears")]))

        # The correlation matrix of the normal scores: per-run keys once, per-year keys per year.
        slots = []
        for k, per_year in enumerate(self.per_year):
            slots += [(k, y) for y in range(self.years)] if per_year else [(k, -1)]
        self.slot_key = np.array([k for k, _ in slots])
        where = {slot: n for n, slot in enumerate(slots)}
        corr = np.eye(len(slots))
        for c in s.get("correlation", []):
            a, b = self.paths.index(c["a"]), self.paths.index(c["b"])
            for y in range(self.years) if self.per_year[a] or self.per_year[b] else [-1]:
                ya = y if self.per_year[a] else -1
                yb = y if self.per_year[b] else -1
                i, j = where[(a, ya)], where[(b, yb)]
                corr[i, j] = corr[j, i] = c["rho"]
        # The Cholesky factor's non-zero entries, row by row, for the rows that mix scores; a row
        # whose only entry is its diagonal 1 (most rows) has none and keeps its own score.
        cholesky = np.linalg.cholesky(corr)
        self.slot_drawn = np.array([self.drawn[k] for k, _ in slots])
        self.mix_start = np.zeros(len(slots) + 1, dtype=np.int64)
        columns, factors = [], []
        for i in range(len(slots)):
            for j in range(i + 1):
                if cholesky[i, j] != 0.0 and (i != j or cholesky[i, j] != 1.0):
                    columns.append(j)
                    factors.append(cholesky[i, j])
            self.mix_start[i + 1] = len(columns)
        self.mix_column = np.array(columns, dtype=np.int64)
        self.mix_factor = np.array(factors)
        # Slot of (key, year) for the kernels: year -1 of a per-run key is its only slot.
        self.slot_of = np.zeros((len(self.paths), self.years), dtype=np.int64)
        for (k, y), n in where.items():
            if y < 0:
                self.slot_of[k, :] = n
            else:
                self.slot_of[k, y] = n
        self.quantiles = np.array(self.tables)
        # The inversion peer sums the Poisson terms from exp(-mean) and stops at 200 (numba_peer.py):
        # exact enough only for means up to 100.
        for i in self.insatser:
            if self.quantiles[i["referrals"]].max() > 100.0:
                raise ValueError("the peers draw referral means up to 100 a month")

    def insats_array(self, field, dtype=np.float64):
        return np.array([i[field] for i in self.insatser], dtype=dtype)

    def cost_array(self, field, dtype=np.float64):
        return np.array([c[field] for c in self.costs], dtype=dtype)

    def income_amounts(self):
        return np.array([inc["amount"] for inc in self.incomes]).reshape(len(self.incomes), self.years)

    def income_array(self, field, dtype=np.float64):
        return np.array([inc[field] for inc in self.incomes], dtype=dtype)


# What the peers store per replication and year, in finsim's order (engine/outcome.h).
OUTCOMES = ("equity", "result", "equity_ratio", "driftbidrag", "costs", "cash_min", "served", "exits_work_studies")
BREACHES = ("equity_above_cap", "equity_below_floor", "cash_negative")


def arguments():
    """[SCENARIO] [RUNS] [THREADS ...] from the command line: bench/large.toml, 100 000 runs, 1 and 2 threads."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "large.toml")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    return Scenario(path), runs, [int(t) for t in sys.argv[3:]] or [1, 2]


def print_means(values, flags):
    """Each outcome's and breach's mean per year over the replications."""
    for k, name in enumerate(OUTCOMES):
        print(name, " ".join(f"{x:.6g}" for x in values[:, :, k].mean(axis=0)))
    for k, name in enumerate(BREACHES):
        print(f"p_{name}", " ".join(f"{x:.4f}" for x in flags[:, :, k].mean(axis=0)))
