"""The exact covering knapsack: the cheapest subset of items whose credits reach a need.

A minimum-cost covering knapsack solved by dynamic programming over the
credits reached, capped at the requirement. Credits are integers (hundredths
of a CE credit in the planner) divided by the greatest common divisor of all
of them. Costs are positive integers: the planner packs its lexicographic
objective into one integer, so the order of sums is plain integer order.

Before the DP, two exact reductions drop items that no optimal subset needs:

1. Dominance: an item is dropped when at least ``ceil(need / its credits)``
   items before it in (cost, credits descending, id) order each give at least
   as many credits. If a best set held it and all of those, they would cover
   the need without it; otherwise one of them can replace it.
2. Bounds, only when the DP would be large (many fine-grained credit states):
   an upper bound is the cost of a known cover (greedy by cost per credit,
   then exact covers of coarser grids with credits rounded down, which still
   cover the need); an item goes when its cost plus the linear-relaxation
   (fractional) cost of the rest of the need exceeds that bound.

The DP then runs one item at a time over the list of states, and keeps, per
item, a bitmap of the states it improved (plus the source of the capped
state), so the chosen set is rebuilt exactly by walking back. Work is
``O(n log n + m * R)`` for ``n`` items, ``m`` survivors and ``R`` credit
states. Among subsets of equal cost the result is deterministic: items are
taken in (cost, credits descending, index) order and a set found later
replaces an earlier one only when strictly better.

This ignores time: :mod:`ce_tui.domain.planner.search` adds the time model.
"""

from __future__ import annotations

import math
from bisect import bisect_right, insort
from collections.abc import Sequence
from fractions import Fraction
from operator import is_not

DIRECT_WORK = 300_000
"""Above this many DP cell updates, :func:`cover` first prunes items by bounds."""

COARSE_STATES = 256
"""Credit states of the coarse problem that gives :func:`cover` its upper bound."""


def cover(credits: Sequence[int], costs: Sequence[int], need: int) -> list[int] | None:
    """Indices of a subset whose `credits` sum to at least `need` at the least total cost.

    `credits` and `costs` are positive integers (hundredths of a CE credit and
    a packed cost in the planner), `need` an integer. Exact: a dynamic program
    over the credits reached, capped at `need`, after scaling by the common
    divisor of `credits` and dropping items that no optimal subset needs (see
    the module's notes). Among subsets of equal cost the result is
    deterministic. Returns None when even all items together fall short; an
    empty list when `need <= 0`.
    """
    if need <= 0:
        return []
    if not credits:
        return None
    if len(costs) != len(credits):
        raise ValueError("credits and costs must have the same length")
    if min(credits) <= 0 or min(costs) <= 0:
        raise ValueError("credits and costs must be positive")
    divisor = math.gcd(*credits)
    cap = -(-need // divisor)
    units = [min(c // divisor, cap) for c in credits]
    if sum(units) < cap:
        return None
    kept = _undominated(units, costs, cap)
    if len(kept) * cap > DIRECT_WORK:
        bound = _greedy_bound(units, costs, cap, kept)
        states = COARSE_STATES
        while len(kept) * cap > DIRECT_WORK and states < cap:
            found = _coarse_bound(units, costs, cap, kept, states)
            if found is not None:
                bound = min(bound, found)
            kept = _within_bound(units, costs, cap, kept, bound)
            states *= 4
    return _cheapest_cover(units, costs, cap, kept)


def _undominated(units: Sequence[int], costs: Sequence[int], cap: int) -> list[int]:
    """Items in (cost, units descending, index) order, without those no optimal subset needs.

    An item is dropped when at least ``ceil(cap / units)`` items before it in
    that order (so costing no more) each have at least as many units: an
    optimal subset holding it either holds all of those, which cover `cap`
    without it, or misses one, which can take its place.
    """
    order = sorted(range(len(units)), key=lambda i: (costs[i], -units[i], i))
    seen: list[int] = []  # -units of the items already passed, ascending
    kept: list[int] = []
    for i in order:
        u = units[i]
        if bisect_right(seen, -u) < -(-cap // u):
            kept.append(i)
        insort(seen, -u)
    return kept


def _greedy_bound(units: Sequence[int], costs: Sequence[int], cap: int, kept: Sequence[int]) -> int:
    """The cost of a cover built by taking items in order of cost per unit."""
    total = spent = 0
    for i in sorted(kept, key=lambda i: (Fraction(costs[i], units[i]), i)):
        total += units[i]
        spent += costs[i]
        if total >= cap:
            break
    return spent


def _coarse_bound(
    units: Sequence[int], costs: Sequence[int], cap: int, kept: Sequence[int], states: int
) -> int | None:
    """The cost of a cover found exactly on a coarse grid of about `states` credit states.

    Units are rounded down to multiples of ``ceil(cap / states)``, so a subset
    covering the coarse need covers `cap` too; items it holds but does not need
    (with their true units) are then dropped, dearest first.
    """
    scale = -(-cap // states)
    coarse = [i for i in kept if units[i] >= scale]
    if not coarse:
        return None
    found = cover([units[i] // scale for i in coarse], [costs[i] for i in coarse], -(-cap // scale))
    if found is None:
        return None
    chosen = sorted((coarse[k] for k in found), key=lambda i: (-costs[i], i))
    total = sum(units[i] for i in chosen)
    spent = 0
    for i in chosen:
        if total - units[i] >= cap:
            total -= units[i]
        else:
            spent += costs[i]
    return spent


def _within_bound(
    units: Sequence[int], costs: Sequence[int], cap: int, kept: Sequence[int], bound: int
) -> list[int]:
    """`kept` without the items that make every subset holding them cost more than `bound`.

    The lower bound of a subset holding item i is its cost plus the fractional
    (linear relaxation) cover of the remaining units by the items of `kept`:
    when that is above `bound`, the cost of a known cover, no optimal subset
    holds i.
    """
    by_ratio = sorted(kept, key=lambda i: (Fraction(costs[i], units[i]), i))
    prefix_units = [0]
    prefix_costs = [0]
    for i in by_ratio:
        prefix_units.append(prefix_units[-1] + units[i])
        prefix_costs.append(prefix_costs[-1] + costs[i])
    result = []
    for i in kept:
        rest = cap - units[i]
        if rest <= 0:
            if costs[i] <= bound:
                result.append(i)
            continue
        k = bisect_right(prefix_units, rest) - 1  # whole items of the relaxation
        if k == len(by_ratio):  # pragma: no cover - `rest` < cap <= all units of `kept`
            result.append(i)
            continue
        nxt = by_ratio[k]
        # cost_i + prefix_costs[k] + (rest - prefix_units[k]) * cost_nxt / units_nxt <= bound
        lower = (costs[i] + prefix_costs[k] - bound) * units[nxt]
        if lower + (rest - prefix_units[k]) * costs[nxt] <= 0:
            result.append(i)
    return result


def _cheapest_cover(
    units: Sequence[int], costs: Sequence[int], cap: int, kept: Sequence[int]
) -> list[int] | None:
    """The exact DP over credit states ``0..cap`` (capped) using the items `kept`, in order."""
    infinity = sum(costs) + 1
    best = [infinity] * (cap + 1)
    best[0] = 0
    reach = 0  # highest state below `cap` reached so far
    records: list[tuple[int, int, bytes | None, int]] = []
    for i in kept:
        w, c = units[i], costs[i]
        # Into the capped state `cap`: from any state in [cap - w, cap].
        low = max(0, cap - w)
        window = best[low:]
        smallest = min(window)
        source_cap = low + window.index(smallest) if smallest + c < best[cap] else -1
        # Into the states below the cap: from state t to t + w.
        improved: bytes | None = None
        top = min(reach, cap - w - 1)
        if top >= 0:
            current = best[w : w + top + 1]
            # `zip` stops at the end of `current`: sources 0..top.
            updated = [
                new if (new := old + c) < now else now
                for old, now in zip(best, current, strict=False)
            ]
            flags = bytes(map(is_not, updated, current))
            last = flags.rfind(1)
            if last >= 0:
                best[w : w + top + 1] = updated
                improved = flags
                reach = max(reach, w + last)
        if source_cap >= 0:
            best[cap] = smallest + c
        records.append((i, w, improved, source_cap))
    if best[cap] >= infinity:
        return None

    chosen: list[int] = []
    state = cap
    for i, w, improved, source_cap in reversed(records):
        if state == cap:
            if source_cap >= 0:
                chosen.append(i)
                state = source_cap
        elif improved is not None and 0 <= state - w < len(improved) and improved[state - w]:
            chosen.append(i)
            state -= w
    if state != 0:  # pragma: no cover - a broken invariant, never expected
        raise AssertionError("planner reconstruction did not reach the empty set")
    return sorted(chosen)
