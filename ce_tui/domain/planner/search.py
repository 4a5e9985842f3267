"""The exact search for the best set of activities under the time model.

The objective is lexicographic (see :func:`packed_costs`) and packed into one
positive integer per activity, so "cheaper" is plain integer order. The search
is exact in two phases:

1. The best cover ignoring time (:func:`~ce_tui.domain.planner.knapsack.cover`,
   a fast dynamic program). When its sessions can be arranged without a clash
   and its stream fits before the deadline (:mod:`.timing`), no feasible set
   can be cheaper, and it is the answer.
2. Otherwise a depth-first branch and bound over the activities in order of
   cost per credit: each is left out, or taken (on demand, or with one of its
   sessions that clashes with none taken so far). A branch is cut when its
   cost plus the linear-relaxation cost of the credits still missing (the
   fractional cover by the activities not yet decided) reaches the best set
   found, or when its stream no longer fits in the free days left. A set found
   later replaces the best only when strictly cheaper, so ties keep the first.

The time of a branch is exact, not estimated: sessions are chosen explicitly,
so the free days are the window's days minus the days they occupy.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from ce_tui.domain.models import Activity
from ce_tui.domain.planner.knapsack import cover
from ce_tui.domain.planner.timing import Span, Window, arrange, clash, class_days, stream_days


@dataclass(frozen=True, slots=True)
class Item:
    """An activity the planner may choose, with what the search needs of it."""

    activity: Activity
    starts: tuple[date, ...]
    """Usable session starts in date order; empty for an on-demand activity."""
    units: int
    """Credits in hundredths."""
    cost: int
    """The packed objective cost (positive)."""


@dataclass(frozen=True, slots=True)
class Found:
    """A set of items, its sessions and its finish (None when nothing is to do)."""

    chosen: tuple[int, ...]
    spans: tuple[Span, ...]
    finish: date | None


def integers(values: Sequence[Fraction]) -> list[int]:
    """Exact values scaled to integers by the least common multiple of their denominators."""
    scale = math.lcm(*(v.denominator for v in values)) if values else 1
    return [int(v * scale) for v in values]


def packed_costs(levels: Sequence[Sequence[int]], count: int) -> list[int]:
    """One positive integer cost per item, ordering sums like the tuple (levels..., items).

    Each level's values are non-negative; each is scaled by more than the total
    of the levels after it, and the last part counts the items (1 each).
    """
    costs = [0] * count
    for level in levels:
        bound = sum(level) + 1
        costs = [c * bound + v for c, v in zip(costs, level, strict=True)]
    return [c * (count + 1) + 1 for c in costs]


def arranged(
    items: Sequence[Item], chosen: Sequence[int], hours: Fraction, count: int, window: Window
) -> Found | None:
    """`chosen` with its earliest-finishing clash-free sessions, or None when they clash.

    `hours` and `count` are the stream's fixed part (exam preparation).
    """
    classes = [(items[i].activity, items[i].starts) for i in chosen if items[i].starts]
    demand = [items[i].activity for i in chosen if not items[i].starts]
    total = hours + sum((Fraction(a.hours) for a in demand), Fraction(0))
    result = arrange(classes, total, count + len(demand), window)
    if result is None:
        return None
    nothing = not chosen and count == 0
    if result[1] is None and not nothing:
        return None  # past the end of the calendar
    return Found(tuple(sorted(chosen)), result[0], result[1])


def best_set(
    items: Sequence[Item],
    need: int,
    hours: Fraction,
    count: int,
    window: Window,
    bounded: bool = True,
) -> Found | None:
    """The cheapest set of `items` covering `need` hundredths that fits the time model.

    With `bounded`, it must finish by the window's deadline; without, its
    sessions must only not clash. None when no such set exists.
    """

    def fits(found: Found | None) -> bool:
        """True when `found` exists and meets the deadline (if bounded)."""
        if found is None:
            return False
        return not bounded or found.finish is None or found.finish <= window.deadline

    first = cover([it.units for it in items], [it.cost for it in items], need)
    if first is None:
        return None
    found = arranged(items, first, hours, count, window)
    if fits(found):
        return found
    if need <= 0:
        return None  # the empty set was the only candidate
    chosen = _branch_and_bound(items, need, hours, count, window, bounded)
    if chosen is None:
        return None
    found = arranged(items, chosen, hours, count, window)
    return found if fits(found) else None


Frame = tuple[int, int, int, Fraction, int, tuple[Span, ...], frozenset[date], tuple[int, ...]]
"""(position, credits missing, cost, stream hours, stream items, sessions, busy days, chosen)."""


def _branch_and_bound(
    items: Sequence[Item],
    need: int,
    hours: Fraction,
    count: int,
    window: Window,
    bounded: bool,
) -> list[int] | None:
    """The exact branch and bound of the module's notes: indices of the best set, or None."""
    n = len(items)
    units = [min(it.units, need) for it in items]
    order = sorted(range(n), key=lambda i: (Fraction(items[i].cost, units[i]), i))
    prefix_units = [0]
    prefix_costs = [0]
    for i in order:
        prefix_units.append(prefix_units[-1] + units[i])
        prefix_costs.append(prefix_costs[-1] + items[i].cost)

    def relaxed(p: int, missing: int) -> Fraction | None:
        """The fractional cost of covering `missing` with the items from position `p` on."""
        k = bisect_left(prefix_units, prefix_units[p] + missing)
        if k > n:
            return None
        last = order[k - 1]
        whole_units = prefix_units[k - 1] - prefix_units[p]
        whole_cost = prefix_costs[k - 1] - prefix_costs[p]
        return whole_cost + Fraction((missing - whole_units) * items[last].cost, units[last])

    def room(busy: frozenset[date], stream: Fraction, stream_items: int) -> bool:
        """True when the stream still fits in the free days (always, when not bounded)."""
        if not bounded:
            return True
        return stream_days(stream, stream_items, window) <= window.days - len(busy)

    if not room(frozenset(), hours, count):
        return None
    best_cost: int | None = None
    best: tuple[int, ...] | None = None
    stack: list[Frame] = [(0, need, 0, hours, count, (), frozenset(), ())]
    while stack:
        p, missing, cost, stream, stream_items, spans, busy, chosen = stack.pop()
        if missing <= 0:
            if best_cost is None or cost < best_cost:
                best_cost, best = cost, chosen
            continue
        bound = relaxed(p, missing)
        if bound is None or (best_cost is not None and cost + bound >= best_cost):
            continue
        i = order[p]
        item = items[i]
        rest = missing - units[i]
        stack.append((p + 1, missing, cost, stream, stream_items, spans, busy, chosen))
        if not item.starts:
            longer = stream + Fraction(item.activity.hours)
            if room(busy, longer, stream_items + 1):
                taken = (p + 1, rest, cost + item.cost, longer, stream_items + 1)
                stack.append((*taken, spans, busy, (*chosen, i)))
            continue
        for start in reversed(item.starts):  # the earliest session is tried first
            if any(clash(item.activity, start, other, when) for other, when in spans):
                continue
            days = {start + timedelta(days=k) for k in range(class_days(item.activity))}
            more = busy | days
            if room(more, stream, stream_items):
                taken = (p + 1, rest, cost + item.cost, stream, stream_items)
                stack.append((*taken, (*spans, (item.activity, start)), more, (*chosen, i)))
    return None if best is None else sorted(best)
