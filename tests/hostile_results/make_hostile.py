#!/usr/bin/python3
"""Writes hostile result files for `finsim report` and `finsim export` from a genuine one.

Usage: make_hostile.py GENUINE.h5 OUT_FOLDER

Each file is a copy of GENUINE.h5 changed in one way a damaged, foreign or crafted file can be:
truncated or flipped bytes, missing groups or datasets, wrong types (text where numbers are,
compound types, fixed-length strings), wrong shapes (2 values for 3 years), soft-link loops,
dangling and external links, a group hard-linked into itself, a 4·10⁹-element sparse dataset.
replay.sh runs both commands on each and expects exit 1, a message naming the file, and nothing
written. The file name says what was done.
"""
import os
import random
import shutil
import sys

import h5py
import numpy as np

genuine, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
made = []


def copy(name):
    path = os.path.join(out, name + ".h5")
    shutil.copyfile(genuine, path)
    made.append(path)
    return path


def edit(name, change):
    path = copy(name)
    with h5py.File(path, "r+") as f:
        change(f)


def replace(f, path, data, **kw):
    """Replaces the dataset at `path` by `data` (scales are not attached: a foreign dataset)."""
    del f[path]
    f.create_dataset(path, data=data, **kw)


def set_attr(obj, name, value):
    """Replaces an attribute with one of another type or shape."""
    del obj.attrs[name]
    obj.attrs[name] = value


# Bytes: truncated, flipped, not HDF5 at all, empty.
data = open(genuine, "rb").read()
for name, cut in (("truncated-half", len(data) // 2), ("truncated-header", 600), ("truncated-tail", len(data) - 100)):
    with open(os.path.join(out, name + ".h5"), "wb") as f:
        f.write(data[:cut])
    made.append(os.path.join(out, name + ".h5"))
rng = random.Random(7)
for k in range(12):
    flipped = bytearray(data)
    for _ in range(8):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    with open(os.path.join(out, f"flipped-{k}.h5"), "wb") as f:
        f.write(flipped)
    made.append(os.path.join(out, f"flipped-{k}.h5"))
with open(os.path.join(out, "text.h5"), "w") as f:
    f.write("år;eget kapital\n2024;500000\n")
made.append(os.path.join(out, "text.h5"))
open(os.path.join(out, "empty.h5"), "wb").close()
made.append(os.path.join(out, "empty.h5"))

# Another program's HDF5 file, and a finsim file of another version or with a wrong root.
with h5py.File(os.path.join(out, "foreign.h5"), "w") as f:
    f["x"] = np.arange(3.0)
made.append(os.path.join(out, "foreign.h5"))
edit("file-type-number", lambda f: set_attr(f, "file_type", 7))
edit("format-version-text", lambda f: set_attr(f, "format_version", "1"))
edit("format-version-2", lambda f: set_attr(f, "format_version", 2))

# Missing pieces.
edit("no-deterministic", lambda f: f.__delitem__("/deterministic"))
edit("no-equity", lambda f: f.__delitem__("/deterministic/equity"))
edit("no-year-scale", lambda f: f.__delitem__("/deterministic/year"))
edit("no-montecarlo-quantile", lambda f: f.__delitem__("/montecarlo/quantile"))
edit("no-equity-floor", lambda f: f["/deterministic"].attrs.__delitem__("equity_floor"))

# Wrong types.
edit("equity-text", lambda f: replace(f, "/deterministic/equity", np.array(["a", "b", "c"], dtype=object),
                                       dtype=h5py.string_dtype()))
edit("equity-fixed-strings", lambda f: replace(f, "/deterministic/equity", np.array([b"1", b"2", b"3"], dtype="S4")))
edit("equity-compound", lambda f: replace(f, "/deterministic/equity",
                                          np.zeros(3, dtype=[("a", "f8"), ("b", "i4")])))
edit("insats-labels-numbers", lambda f: replace(f, "/deterministic/insats", np.arange(3.0)))
edit("floor-text", lambda f: set_attr(f["/deterministic"], "equity_floor", "noll"))
edit("runs-array", lambda f: set_attr(f["/montecarlo"], "runs", np.arange(4)))

# Wrong shapes.
edit("equity-two-values-plain", lambda f: replace(f, "/deterministic/equity", np.arange(2.0)))
edit("equity-2d", lambda f: replace(f, "/deterministic/equity", np.zeros((3, 3))))
edit("equity-scalar", lambda f: replace(f, "/deterministic/equity", 5.0))
edit("cash-short", lambda f: replace(f, "/deterministic/cash", np.zeros(5)))
edit("equity-q-rank5", lambda f: replace(f, "/montecarlo/equity_q", np.zeros((1, 1, 1, 1, 1))))
edit("month-scale-short", lambda f: replace(f, "/deterministic/month", np.arange(5)))


def short_years_everywhere(f):
    """A year scale of 2 values that every 3-year dataset of /montecarlo is attached to."""
    y = f["/montecarlo/year"]
    del f["/montecarlo/year"]
    f["/montecarlo/year"] = np.array([2024, 2025])
    f["/montecarlo/year"].make_scale("year")


edit("montecarlo-year-short", short_years_everywhere)


def quantiles_three(f):
    del f["/montecarlo/quantile"]
    f["/montecarlo/quantile"] = np.array([0.05, 0.5, 0.95])
    f["/montecarlo/quantile"].make_scale("quantile")
    q = f["/montecarlo/equity_q"]
    data = np.zeros((q.shape[0], 3))
    del f["/montecarlo/equity_q"]
    f["/montecarlo/equity_q"] = data
    f["/montecarlo/equity_q"].dims[0].attach_scale(f["/montecarlo/year"])
    f["/montecarlo/equity_q"].dims[1].attach_scale(f["/montecarlo/quantile"])


edit("quantiles-three", quantiles_three)


def two_of_three(f):
    """2 values on a 3-year scale of its own group, attached so that the dims claim 'year'."""
    del f["/deterministic/equity"]
    f["/deterministic/other_year"] = np.array([2024, 2025])
    f["/deterministic/other_year"].make_scale("year")
    f["/deterministic/equity"] = np.arange(2.0)
    f["/deterministic/equity"].dims[0].attach_scale(f["/deterministic/other_year"])


edit("equity-two-of-three-years", two_of_three)

# Links.
def soft_loop(f):
    f["/deterministic/loop_a"] = h5py.SoftLink("/deterministic/loop_b")
    f["/deterministic/loop_b"] = h5py.SoftLink("/deterministic/loop_a")


edit("soft-link-loop", soft_loop)
edit("dangling-soft-link", lambda f: f.__setitem__("/deterministic/ghost", h5py.SoftLink("/nowhere/at/all")))
edit("external-link", lambda f: f.__setitem__("/deterministic/far", h5py.ExternalLink("/etc/passwd", "/x")))


def equity_soft(f):
    del f["/deterministic/equity"]
    f["/deterministic/equity"] = h5py.SoftLink("/deterministic/equity")


edit("equity-soft-self", equity_soft)


def self_group(f):
    f["/deterministic/participants_again"] = f["/deterministic"]  # a hard link to its own parent


edit("group-in-itself", self_group)


def deep(f):
    g = f["/"]
    for k in range(40):
        g = g.create_group(f"d{k}")


edit("deep-groups", deep)
edit("named-type", lambda f: f.__setitem__("/deterministic/a_type", np.dtype("f8")))

# Size.
edit("sparse-4e9", lambda f: f.create_dataset("/deterministic/huge", shape=(4_000_000_000,), dtype="f8",
                                              chunks=(1_000_000,)))
def many_paths(f):
    """Kept paths of 10⁹ runs, sparse: every dimension as long as its scale, too large to read."""
    runs = 1_000_000_000
    for name in [n for n in f["/montecarlo"] if n.startswith("paths_") or n == "run"]:
        del f["/montecarlo/" + name]
    f.create_dataset("/montecarlo/run", shape=(runs,), dtype="i8", chunks=(1_000_000,))
    f["/montecarlo/run"].make_scale("run")
    years = f["/deterministic/year"].shape[0]
    f.create_dataset("/montecarlo/paths_equity", shape=(runs, years), dtype="f8", chunks=(100_000, years))
    f["/montecarlo/paths_equity"].dims[0].attach_scale(f["/montecarlo/run"])
    f["/montecarlo/paths_equity"].dims[1].attach_scale(f["/montecarlo/year"])


edit("paths-1e9-runs", many_paths)
edit("sparse-4e9-equity", lambda f: replace(f, "/deterministic/equity", None, shape=(4_000_000_000,), dtype="f8",
                                            chunks=(1_000_000,)))

print("\n".join(made))
