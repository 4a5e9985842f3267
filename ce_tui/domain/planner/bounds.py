"""Exact reductions and lower bounds for the search under the time model.

Time as a resource. Taking an activity uses at least this much of the hours
``H * free days`` left: an on-demand activity its hours; a class session
``H`` times its days (no other session may share them), except a Cisco Live
session (it may share its days with other Cisco Live sessions, so 0 is the
safe figure). A branch with ``T`` such hours left can only add activities
whose total use is at most ``T``.

Lower bound. For any ``lam >= 0`` and any completion ``x`` of a branch that
fits, ``cost(x) >= sum((c + lam * t) * x) - lam * T``; the sum is at least the
fractional cover of the credits missing with costs ``c + lam * t``. So
``relaxed(p, missing) - lam * T`` is a valid lower bound (Lagrangian
relaxation of the time constraint). ``lam`` is chosen once, at the root, as
the best of a geometric range of values (any choice is valid; a good one cuts
more), and the items are searched in order of ``(c + lam * t) / credits`` so
that the undecided ones are always a contiguous tail of that order.

Dominance. An on-demand activity is dropped when at least ``ceil(need /
its credits)`` other on-demand activities each cost no more, give at least as
many credits and take no more hours (earlier in (cost, credits descending,
hours, index) order): a best set holding it either holds all of those, which
cover the need without it, or misses one, which can take its place without
costing more or taking longer.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from fractions import Fraction

from ce_tui.domain.models import Activity
from ce_tui.domain.planner.timing import SHARED_DAY_TYPES, class_days

SAFETY = 1e-9
"""Relative allowance for floating-point rounding in a bound (far above the real error)."""

LAMBDA_STEPS = range(-12, 13)
"""Powers of two, around the typical cost per hour, tried as the multiplier at the root."""


def time_used(activity: Activity, in_sessions: bool, hours_per_day: Fraction) -> Fraction:
    """The hours of capacity an activity uses at least (see the module's notes)."""
    if not in_sessions:
        return Fraction(activity.hours)
    if activity.type in SHARED_DAY_TYPES:
        return Fraction(0)
    return class_days(activity) * hours_per_day


def undominated(
    units: Sequence[int], costs: Sequence[int], hours: Sequence[Fraction | None], need: int
) -> list[int]:
    """Indices kept after the dominance rule; `hours` None marks a class (never dropped)."""
    order = sorted(range(len(units)), key=lambda i: (costs[i], -units[i], hours[i] or 0, i))
    kept: list[int] = []
    passed: list[int] = []  # on-demand items already seen, in order
    for i in order:
        h = hours[i]
        if h is None:
            kept.append(i)
            continue
        wanted = -(-need // units[i])
        found = 0
        for j in passed:
            hj = hours[j]
            if units[j] >= units[i] and hj is not None and hj <= h:
                found += 1
                if found >= wanted:
                    break
        if found < wanted:
            kept.append(i)
        passed.append(i)
    return kept


class Relaxation:
    """Lagrangian lower bounds over a fixed order of items (see the module's notes).

    Bounds are computed in floating point, then lowered by more than any
    rounding error (a relative :data:`SAFETY` and one unit), so they stay
    valid lower bounds: a weaker bound only cuts fewer branches.
    """

    def __init__(
        self,
        units: Sequence[int],
        costs: Sequence[int],
        uses: Sequence[Fraction],
        budget: Fraction | None,
        need: int,
    ) -> None:
        """Choose the multiplier for `budget` (None: no time limit, multiplier 0) and the order."""
        spent = [float(c) for c in costs]
        used = [float(t) for t in uses]
        self.lam = 0.0 if budget is None else _multiplier(units, spent, used, float(budget), need)
        weights = [c + self.lam * t for c, t in zip(spent, used, strict=True)]
        self.order = sorted(range(len(units)), key=lambda i: (weights[i] / units[i], i))
        self.units = units
        self.weights = weights
        self.prefix_units = [0]
        self.prefix_weights = [0.0]
        for i in self.order:
            self.prefix_units.append(self.prefix_units[-1] + units[i])
            self.prefix_weights.append(self.prefix_weights[-1] + weights[i])
        self.slack = SAFETY * (self.prefix_weights[-1] + 1.0)

    def bound(self, p: int, missing: int, left: Fraction | None) -> float | None:
        """A lower bound on the cost of covering `missing` with the items from position `p`
        on, `left` hours of capacity remaining; None when even all of them fall short."""
        k = bisect_left(self.prefix_units, self.prefix_units[p] + missing)
        if k >= len(self.prefix_units):
            return None
        last = self.order[k - 1]
        whole_units = self.prefix_units[k - 1] - self.prefix_units[p]
        whole = self.prefix_weights[k - 1] - self.prefix_weights[p]
        cover = whole + (missing - whole_units) * self.weights[last] / self.units[last]
        priced = self.lam * float(left) if left is not None and self.lam else 0.0
        return (
            cover
            - priced
            - self.slack * (1.0 + abs(priced) / (self.prefix_weights[-1] + 1.0))
            - 1.0
        )


class CreditCap:
    """The most credits any set can still add in a given time: a fractional knapsack.

    Over every item (those already decided too, so it is an upper bound for
    any branch), by credits per hour of use; an item that uses no time is
    always in. A branch whose cap is below the credits it misses is cut.
    """

    def __init__(self, units: Sequence[int], uses: Sequence[Fraction]) -> None:
        """Sort the items by credits per hour of use, most first, with prefix sums."""
        free = sum(u for u, t in zip(units, uses, strict=True) if t == 0)
        timed = sorted(
            ((Fraction(u) / t, u, t) for u, t in zip(units, uses, strict=True) if t > 0),
            key=lambda x: -x[0],
        )
        self.free = free
        self.ratios = [r for r, _, _ in timed]
        self.prefix_uses = [Fraction(0)]
        self.prefix_units = [0]
        for _, u, t in timed:
            self.prefix_uses.append(self.prefix_uses[-1] + t)
            self.prefix_units.append(self.prefix_units[-1] + u)

    def most(self, left: Fraction) -> Fraction:
        """The most credits (hundredths) that `left` hours of use can still bring."""
        if left <= 0:
            return Fraction(self.free)
        k = bisect_left(self.prefix_uses, left)
        if k >= len(self.prefix_uses):
            return Fraction(self.free + self.prefix_units[-1])
        partial = (left - self.prefix_uses[k - 1]) * self.ratios[k - 1]
        return self.free + self.prefix_units[k - 1] + partial


def _multiplier(
    units: Sequence[int], spent: Sequence[float], used: Sequence[float], budget: float, need: int
) -> float:
    """The multiplier of :data:`LAMBDA_STEPS` (and 0) whose root bound is highest."""
    scale = (sum(spent) or 1.0) / (sum(used) or 1.0)
    best_lam, best_value = 0.0, _dual(units, spent, used, budget, need, 0.0)
    for step in LAMBDA_STEPS:
        lam = scale * 2.0**step
        value = _dual(units, spent, used, budget, need, lam)
        if value > best_value:
            best_lam, best_value = lam, value
    return best_lam


def _dual(
    units: Sequence[int],
    costs: Sequence[float],
    uses: Sequence[float],
    budget: float,
    need: int,
    lam: float,
) -> float:
    """The Lagrangian dual value at `lam`: fractional cover with costs ``c + lam * t``, less
    ``lam * budget``."""
    weights = [c + lam * t for c, t in zip(costs, uses, strict=True)]
    total = 0.0
    missing = need
    for i in sorted(range(len(units)), key=lambda i: weights[i] / units[i]):
        if units[i] >= missing:
            total += weights[i] * missing / units[i]
            return total - lam * budget
        total += weights[i]
        missing -= units[i]
    return float("-inf")  # cannot cover: nothing to learn here
