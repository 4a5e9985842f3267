"""Plans assembled: what is needed, the candidates, the exams, the best set, the steps.

For one certification and one option, :func:`plan_for` works out the credits
to plan (the option's missing credits, less the pending credits and the drafts
that can still be submitted in time, unless approved-only), the candidate
activities (see :func:`candidates`), and, for each choice of exam kinds that
is not worse in both price and preparation than another, the best set of
activities under the time model (:mod:`.search`). The best of those by the
objective is the plan; its steps are the drafts to submit, the activities in
date order and the exams.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import combinations_with_replacement

from ce_tui.domain.evaluation import OptionStatus
from ce_tui.domain.models import EXAM_KINDS, Activity, ExamKind
from ce_tui.domain.planner.model import Objective, PlanStep
from ce_tui.domain.planner.search import Found, Item, best_set, integers, packed_costs
from ce_tui.domain.planner.timing import (
    Window,
    plannable,
    session_end,
    stream_days,
    stream_finishes,
    usable_starts,
)
from ce_tui.domain.rules import Rules

UNPLANNED_TYPES = frozenset({"authoring"})
"""Activity types never planned: exam authoring is an invitation-only program."""

ZERO = Decimal(0)
"""Zero credits or CLC."""

EXAM_PRICE_CLC: dict[ExamKind, Decimal] = {
    "associate": Decimal(3),
    "concentration": Decimal(3),
    "core": Decimal(4),
    "expert-lab": Decimal(19),
}
"""Estimated price of one exam in CLC by kind: Cisco's published US list prices
(associate US$300, concentration US$300, core US$400, expert lab US$1,900) at
1 CLC = US$100. Local prices, taxes and travel to a lab location differ."""


def exam_price(kinds: Sequence[ExamKind]) -> Decimal:
    """The estimated CLC price of one exam of the cheapest of `kinds` (any kind if none)."""
    return min(EXAM_PRICE_CLC[k] for k in (kinds or EXAM_KINDS))


@dataclass(frozen=True, slots=True)
class Setting:
    """What one planning run is asked: the objective and the time model's parameters."""

    objective: Objective
    margin_days: int
    hours_per_day: Fraction
    approved_only: bool


@dataclass(frozen=True, slots=True)
class Solved:
    """The best set found for one choice of exams, with its exact key."""

    key: tuple[Fraction | int, ...]
    found: Found
    exams: tuple[ExamKind, ...]


def candidates(
    catalog: Sequence[Activity], claimed: set[str], window: Window
) -> tuple[list[tuple[Activity, tuple[date, ...]]], list[str]]:
    """Activities that can count and be done alone in time (by id), and unplannable classes.

    The first record of each id is considered; claimed ids and the types of
    :data:`UNPLANNED_TYPES` are left out; a class listed without sessions is
    returned among the unplannable ones; an on-demand activity must fit in
    the window alone, a class must have a session from tomorrow to the deadline.
    """
    first: dict[str, Activity] = {}
    for activity in catalog:
        first.setdefault(activity.id, activity)
    found: list[tuple[Activity, tuple[date, ...]]] = []
    unplannable: list[str] = []
    for key in sorted(first):
        activity = first[key]
        if key in claimed or activity.type in UNPLANNED_TYPES:
            continue
        if not plannable(activity):
            unplannable.append(key)
        elif activity.sessions:
            starts = usable_starts(activity, window)
            if starts:
                found.append((activity, starts))
        elif stream_days(Fraction(activity.hours), 1, window) <= window.days:
            found.append((activity, ()))
    return found, unplannable


def items_of(pool: Sequence[tuple[Activity, tuple[date, ...]]], objective: Objective) -> list[Item]:
    """The search's items: credits in hundredths, the objective packed into one cost."""
    prices = integers([Fraction(a.price_clc or 0) for a, _ in pool])
    unknown = [int(a.price_clc is None) for a, _ in pool]
    hours = integers([Fraction(a.hours) for a, _ in pool])
    levels = (prices, unknown, hours) if objective == "price" else (hours, prices, unknown)
    costs = packed_costs(levels, len(pool))
    return [
        Item(a, starts, int(a.credits * 100), cost)
        for (a, starts), cost in zip(pool, costs, strict=True)
    ]


def exam_choices(
    option: OptionStatus, rules: Rules, objective: Objective
) -> list[tuple[ExamKind, ...]]:
    """The choices of exam kinds for the exams missing that no other beats on price and hours.

    In the order of the objective (cheapest first by price, quickest by hours).
    """
    prep = rules.exam_preparation.hours
    kinds = option.exam_kinds or EXAM_KINDS
    costs: dict[tuple[Decimal, float], tuple[ExamKind, ...]] = {}
    for combo in combinations_with_replacement(kinds, option.exams_missing):
        pair = (sum((EXAM_PRICE_CLC[k] for k in combo), ZERO), math.fsum(prep[k] for k in combo))
        costs.setdefault(pair, combo)
    kept = [
        pair
        for pair in costs
        if not any(o != pair and o[0] <= pair[0] and o[1] <= pair[1] for o in costs)
    ]
    kept.sort(key=lambda pair: pair if objective == "price" else (pair[1], pair[0]))
    return [costs[pair] for pair in kept]


def _key(
    found: Found, items: Sequence[Item], exams: Sequence[ExamKind], rules: Rules, objective: str
) -> tuple[Fraction | int, ...]:
    """The exact objective key of a set with its exams (exams priced and prepared)."""
    chosen = [items[i].activity for i in found.chosen]
    price = sum((Fraction(a.price_clc or 0) for a in chosen), Fraction(0))
    price += sum((Fraction(EXAM_PRICE_CLC[k]) for k in exams), Fraction(0))
    unknown = sum(1 for a in chosen if a.price_clc is None)
    hours = sum((Fraction(a.hours) for a in chosen), Fraction(0))
    hours += sum((Fraction(rules.exam_preparation.hours[k]) for k in exams), Fraction(0))
    count = len(chosen) + len(exams)
    if objective == "price":
        return (price, unknown, hours, count)
    return (hours, price, unknown, count)


@dataclass(frozen=True, slots=True)
class Problem:
    """One option to plan: its candidates, the rules, the setting and the study window."""

    items: Sequence[Item]
    option: OptionStatus
    rules: Rules
    setting: Setting
    window: Window


def solve(problem: Problem, need: Decimal, bounded: bool = True) -> tuple[Solved | None, bool]:
    """The best set and exams for `need` credits under the time model, or None; and whether
    every search was complete."""
    best: Solved | None = None
    exact = True
    items, rules, window = problem.items, problem.rules, problem.window
    objective = problem.setting.objective
    prep = rules.exam_preparation.hours
    for exams in exam_choices(problem.option, rules, objective):
        hours = sum((Fraction(prep[k]) for k in exams), Fraction(0))
        found, complete = best_set(items, math.ceil(need * 100), hours, len(exams), window, bounded)
        exact = exact and complete
        if found is None:
            continue
        key = _key(found, items, exams, rules, objective)
        if best is None or key < best.key:
            best = Solved(key, found, exams)
    return best, exact


def activity_steps(items: Sequence[Item], found: Found, window: Window) -> list[PlanStep]:
    """The chosen activities dated: classes on their sessions, on-demand items in the stream."""
    steps = []
    for activity, start in found.spans:
        steps.append(_step(activity, start, session_end(activity, start)))
    demand = sorted(
        (items[i].activity for i in found.chosen if not items[i].starts),
        key=lambda a: (Fraction(a.hours), a.id),
    )
    finishes = stream_finishes([Fraction(a.hours) for a in demand], found.spans, window)
    for activity, finish in zip(demand, finishes, strict=True):
        assert finish is not None  # a found set ends within the calendar
        steps.append(_step(activity, None, finish))
    steps.sort(key=lambda s: (s.date, s.finish, s.activity_id or ""))
    return steps


def _step(activity: Activity, session: date | None, finish: date) -> PlanStep:
    """The step of one chosen activity."""
    return PlanStep(
        kind="activity",
        activity_id=activity.id,
        title=activity.title,
        credits=activity.credits,
        price_clc=activity.price_clc,
        price_estimated=activity.price_estimated,
        hours=activity.hours,
        date=session or finish,
        session=session,
        finish=finish,
    )


def exam_steps(
    solved: Solved, items: Sequence[Item], rules: Rules, window: Window, expires: date
) -> list[PlanStep]:
    """One step per exam: its preparation after the on-demand activities, passed by expiry."""
    demand = [Fraction(items[i].activity.hours) for i in solved.found.chosen if not items[i].starts]
    prep = [Fraction(rules.exam_preparation.hours[k]) for k in solved.exams]
    finishes = stream_finishes([*demand, *prep], solved.found.spans, window)[len(demand) :]
    steps = []
    for kind, finish in zip(solved.exams, finishes, strict=True):
        assert finish is not None
        hours = rules.exam_preparation.hours[kind]
        steps.append(
            PlanStep(
                kind="exam",
                activity_id=None,
                title=(
                    f"Prepare ({hours:g} h) and pass 1 {kind.replace('-', ' ')} exam "
                    f"by {expires.isoformat()}"
                ),
                credits=ZERO,
                price_clc=EXAM_PRICE_CLC[kind],
                price_estimated=True,
                hours=hours,
                date=expires,
                finish=finish,
                exam_kinds=(kind,),
            )
        )
    return steps
