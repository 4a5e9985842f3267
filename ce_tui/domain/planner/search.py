"""The exact search for the best set of activities under the time model.

The objective is lexicographic (see :func:`packed_costs`) and packed into one
positive integer per activity, so "cheaper" is plain integer order. The search
is exact in two phases:

1. The best cover ignoring time (:func:`~ce_tui.domain.planner.knapsack.cover`,
   a fast dynamic program). When its sessions can be arranged without a clash
   and its stream fits before the deadline (:mod:`.timing`), no feasible set
   can be cheaper, and it is the answer.
2. Otherwise a depth-first branch and bound over the activities that no
   other makes redundant (:func:`.bounds.undominated`), in the order of
   :class:`.bounds.Relaxation`: each is left out, or taken (on demand, or with
   one of its sessions that clashes with none taken so far). A branch is cut
   when its cost plus a lower bound on the rest (the fractional cover of the
   credits still missing, with the time left priced in) reaches the best set
   found, or when its stream no longer fits in the free days left. A set found
   later replaces the best only when strictly cheaper, so ties keep the first.

The time of a branch is exact, not estimated: sessions are chosen explicitly,
so the free days are the window's days minus the days they occupy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from ce_tui.domain.models import Activity
from ce_tui.domain.planner.bounds import CreditCap, Relaxation, time_used, undominated
from ce_tui.domain.planner.knapsack import cover
from ce_tui.domain.planner.timing import Span, Window, arrange, clash, class_days, finish_of

MAX_BRANCHES = 60_000
"""The branch and bound stops after this many branches (about a second) and keeps the
best set seen, marked not exact. Small catalogs never come near it."""


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
    exact: bool = True
    """False when the search stopped at :data:`MAX_BRANCHES` (the best set seen so far)."""


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
) -> tuple[Found | None, bool]:
    """The cheapest set of `items` covering `need` hundredths that fits the time model.

    With `bounded`, it must finish by the window's deadline; without, its
    sessions must only not clash. None when no such set exists (or none was
    found); the flag is False when the search stopped early.
    """

    def fits(found: Found | None) -> bool:
        """True when `found` exists and meets the deadline (if bounded)."""
        if found is None:
            return False
        return not bounded or found.finish is None or found.finish <= window.deadline

    first = cover([it.units for it in items], [it.cost for it in items], need)
    if first is None:
        return None, True
    found = arranged(items, first, hours, count, window)
    if fits(found):
        return found, True
    if need <= 0:
        return None, True  # the empty set was the only candidate
    result, exact = _branch_and_bound(items, need, hours, count, window, bounded)
    if result is None:
        return None, exact
    chosen, spans = result
    found = arranged(items, chosen, hours, count, window)
    if found is None or not fits(found):
        # Too many choices of sessions to try them all: keep the search's own.
        demand = [items[i].activity for i in chosen if not items[i].starts]
        total = hours + sum((Fraction(a.hours) for a in demand), Fraction(0))
        end = finish_of(spans, total, count + len(demand), window)
        found = Found(tuple(sorted(chosen)), spans, end)
    return replace(found, exact=exact), exact


Frame = tuple[int, int, int, int, int, tuple[Span, ...], frozenset[date], tuple[int, ...]]
"""(position, credits missing, cost, stream hours in units, stream items, sessions, busy days,
chosen)."""


def _branch_and_bound(
    items: Sequence[Item],
    need: int,
    hours: Fraction,
    count: int,
    window: Window,
    bounded: bool,
) -> tuple[tuple[tuple[int, ...], tuple[Span, ...]] | None, bool]:
    """The branch and bound of the module's notes: indices of the best set and its sessions
    (or None), and whether the search was complete (False when it stopped at
    :data:`MAX_BRANCHES`).

    Hours are counted in whole units of ``1 / scale`` hour (the least common
    denominator of every figure), so the time test of a branch is integer
    arithmetic: a stream of ``S`` units fits ``free`` days when it is empty, or
    when ``S <= H * free`` and ``free >= 1``.
    """
    h = window.hours_per_day
    demand = [Fraction(it.activity.hours) if not it.starts else None for it in items]
    kept = undominated([it.units for it in items], [it.cost for it in items], demand, need)
    units = [min(items[i].units, need) for i in kept]
    uses = [time_used(items[i].activity, bool(items[i].starts), h) for i in kept]
    budget = h * window.days - hours if bounded else None
    relax = Relaxation(units, [items[i].cost for i in kept], uses, budget, need)
    cap = CreditCap(units, uses)
    order = [kept[k] for k in relax.order]
    step_units = [units[k] for k in relax.order]
    figures = [h, hours, *(d for d in demand if d is not None)]
    scale = math.lcm(*(f.denominator for f in figures))
    per_day = int(h * scale)
    step_hours = [int(Fraction(items[i].activity.hours) * scale) for i in order]
    step_days = [class_days(items[i].activity) for i in order]
    days = window.days

    def room(busy: int, stream: int, stream_items: int) -> bool:
        """True when the stream still fits in the free days (always, when not bounded)."""
        free = days - busy
        return not bounded or stream_items == 0 or (free >= 1 and stream <= per_day * free)

    start_stream = int(hours * scale)
    if not room(0, start_stream, count):
        return None, True
    best_cost: int | None = None
    best: tuple[tuple[int, ...], tuple[Span, ...]] | None = None
    stack: list[Frame] = [(0, need, 0, start_stream, count, (), frozenset(), ())]
    branches = 0
    while stack:
        branches += 1
        if branches > MAX_BRANCHES:
            break
        p, missing, cost, stream, stream_items, spans, busy, chosen = stack.pop()
        if missing <= 0:
            if best_cost is None or cost < best_cost:
                best_cost, best = cost, (chosen, spans)
            continue
        left = Fraction(per_day * (days - len(busy)) - stream, scale) if bounded else None
        if left is not None and cap.most(left) < missing:
            continue
        bound = relax.bound(p, missing, left)
        if bound is None or (best_cost is not None and cost + bound >= best_cost):
            continue
        i = order[p]
        item = items[i]
        rest = missing - step_units[p]
        stack.append((p + 1, missing, cost, stream, stream_items, spans, busy, chosen))
        if not item.starts:
            longer = stream + step_hours[p]
            if room(len(busy), longer, stream_items + 1):
                taken = (p + 1, rest, cost + item.cost, longer, stream_items + 1)
                stack.append((*taken, spans, busy, (*chosen, i)))
            continue
        for start in reversed(item.starts):  # the earliest session is tried first
            if any(clash(item.activity, start, other, when) for other, when in spans):
                continue
            more = busy | {start + timedelta(days=k) for k in range(step_days[p])}
            if room(len(more), stream, stream_items):
                taken = (p + 1, rest, cost + item.cost, stream, stream_items)
                stack.append((*taken, (*spans, (item.activity, start)), more, (*chosen, i)))
    return best, not stack
