"""The recertification planner: the cheapest set of catalog activities that closes a CE gap.

For one certification and one option of its level, :func:`plan` finds the set
of catalog activities that covers at least the CE credits the option still
needs, where every activity can be finished by ``deadline = expires -
margin_days``, each catalog id is used at most once and never one already
claimed (approved or pending) in the current cycle (it would not count again,
docs/policy.md 3.3). Exam authoring and technical review (type
``authoring``) is never planned: Cisco runs it as an invitation-only subject
matter expert program, so nobody can sign up for it; a person who is invited
claims it like any other activity. The set minimises, lexicographically,

* objective ``"price"``: total CLC price, then the number of activities with
  an unknown price, then total hours, then the number of activities;
* objective ``"hours"``: total hours, then total CLC price, then the number of
  activities with an unknown price, then the number of activities.

Prices. An activity with an unknown price (only the user's own activities;
every shipped one has a price) counts as price 0 and flags the plan
``price_unknown``. Because it looks free, it is only ranked after every set of
the same cost made of known prices: the count of unknown prices is the next
key after the price (an additive cost like the others, so the search stays
exact). Exams are priced too: each exam step carries an estimated price in CLC,
:data:`EXAM_PRICE_CLC` of the cheapest exam kind the option accepts (Cisco's
published US list prices at 1 CLC = US$100). The exams an option needs are
fixed, so their price does not change which activities are chosen, but it is
part of the plan's ``total_price``, so options with and without exams compare
honestly (:func:`rank_key`). A plan is ``price_estimated`` when any of its
prices is an estimate (always, once it holds an exam), so a display can mark
its total ``~``.

The search is exact, not greedy: it is a minimum-cost covering knapsack solved
by dynamic programming over the credits reached, capped at the requirement.
Credits have at most 2 decimals, so they are counted in hundredths divided by
the greatest common divisor of all candidate credits (whole credits when every
credit is whole, halves when they are all multiples of 0.5, ...). Prices and
hours are scaled to exact integers and the four-part cost is packed into one
integer, ``((k1 * B2 + k2) * B3 + k3) * B4 + count``, with each ``B``
larger than any total of its part, so the lexicographic order is plain
integer order.

Before the DP, two exact reductions drop activities that no optimal set needs:

1. Dominance: an activity is dropped when at least ``ceil(need / its
   credits)`` activities before it in (cost, credits descending, id) order each
   give at least as many credits. If a best set held it and all of those, they
   would cover the need without it; otherwise one of them can replace it.
2. Bounds, only when the DP would be large (many fine-grained credit states):
   an upper bound is the cost of a known cover (greedy by cost per credit,
   then exact covers of coarser grids with credits rounded down, which still
   cover the need); an activity goes when its cost plus the linear-relaxation
   (fractional) cost of the rest of the need exceeds that bound.

The DP then runs one activity at a time over the list of states, and keeps,
per activity, a bitmap of the states it improved (plus the source of the
capped state), so the chosen set is rebuilt exactly by walking back. Work is
``O(n log n + m * R)`` for ``n`` candidates, ``m`` survivors and ``R`` credit
states (120 for 120 whole credits, 12,000 when credits differ in hundredths).

Ties between equally good sets (same price, unknown prices, hours and count) are broken
deterministically: candidates are taken in (cost, credits descending, id)
order and a set found later replaces an earlier one only when strictly
better, so the same ledger and catalog always give the same plan, whatever the
catalog's order (when an id appears twice in the catalog, its first record is
the one considered).

Schedule. The chosen activities are then dated as one person would do them,
at most :data:`HOURS_PER_DAY` hours a day:

* a scheduled class keeps its earliest session starting today or later and
  occupies ``max(1, ceil(hours / 8))`` days from it (classes may share days
  with each other, as conference sessions do; they are not moved apart);
* on-demand items are done one after another, shortest first (then by id),
  from tomorrow on, skipping every day a chosen class occupies: their hours
  form one stream of 8 hours per free day, so one item may end and the next
  start on the same day, and an item finishes on the free day its last hour
  falls on (at least the first free day, even for an item of 0 hours).

Each activity step's ``finish`` (and an on-demand step's ``date``) and the
plan's ``finish_date`` come from that schedule.

Deadline rule. Every activity alone fits before the deadline (the candidates
are filtered so), but the on-demand ones together may not. When the schedule of
the chosen set ends after the deadline, the plan is marked ``feasible=False``,
without steps, with a reason that gives the days of study that set needs, the
day it would end and the days left. The set is not re-chosen under the
deadline: with class days shared and hours of any precision, an exact search
with that extra constraint is a two-resource knapsack, far dearer than the
search above, and a heuristic re-choice would no longer be the optimum it
claims to be. So a feasible plan is always both optimal and on time; an
infeasible one of this kind says that the best set by its objective does not
fit, not that no set does (a dearer but quicker one may: the reason of a plan
by price suggests planning by hours).

Exams the option needs appear as steps due on the expiry date, priced as
above; the planner does not schedule exams.

Pure: no I/O, no Textual, no TinyDB.
"""

from __future__ import annotations

import math
from bisect import bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from operator import is_not
from typing import Literal, TypeAlias

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import Amount, CertStatus, Evaluation, OptionStatus
from ce_tui.domain.models import EXAM_KINDS, Activity, ExamKind, Ledger
from ce_tui.domain.rules import Rules

Objective = Literal["price", "hours"]
"""What a plan minimises first: total CLC price or total hours."""

OBJECTIVES: tuple[Objective, ...] = ("price", "hours")
"""Every objective."""

HOURS_PER_DAY = 8
"""Hours of study or class per day when estimating how long an activity takes."""

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

Day: TypeAlias = date
"""A calendar day (an alias, since `PlanStep.date` shadows the type inside the class)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanStep:
    """One thing to do: attend or complete a catalog activity, or pass an exam."""

    kind: Literal["activity", "exam"]
    activity_id: str | None
    """The catalog id of the activity; None for an exam step."""
    title: str
    credits: Amount
    """CE credits the activity earns (0 for an exam step)."""
    price_clc: Amount | None
    """Price in Cisco Learning Credits; None when unknown. An exam step carries
    the estimated list price of the cheapest exam kind it accepts."""
    price_estimated: bool = False
    """True when the price is an estimate (the catalog says so, or an exam's)."""
    hours: float
    date: date
    """The session's start for a scheduled class, the scheduled finish date of an
    on-demand item, or the date to beat (the expiry) for an exam."""
    session: Day | None = None
    """Start of the chosen session; None for on-demand items and exams."""
    finish: Day
    """The day the activity is finished in the plan's schedule (the date to beat for
    an exam)."""
    exam_kinds: tuple[ExamKind, ...] = ()
    """For an exam step: the exam kinds that qualify."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """How one certification can meet one option of its level before its expiry."""

    cert_id: str
    cert_name: str
    option_id: str
    option_label: str
    objective: Objective
    ce_missing: Amount
    """CE credits the option still needs in the current cycle (approved credits only)."""
    ce_pending: Amount
    """Credits pending approval in the cycle: not counted in `ce_missing`, nor planned on."""
    exams_missing: int
    """Exams the option still needs in the current cycle."""
    exam_kinds: tuple[ExamKind, ...]
    expires: date
    """End of the current cycle: the date to beat for exams."""
    deadline: date
    """The last day a planned activity may finish: `expires` minus the margin."""
    steps: tuple[PlanStep, ...]
    """Activities in date order, then the exams."""
    total_price: Amount
    """Total CLC price of the activities and the exams; unknown prices count as 0."""
    exams_price: Amount
    """The part of `total_price` for the exams (an estimate)."""
    price_unknown: bool
    """True when some chosen activity has no known price."""
    price_estimated: bool
    """True when some price in `total_price` is an estimate (an exam's or an activity's)."""
    total_hours: float
    total_credits: Amount
    finish_date: date | None
    """When the last planned activity is finished in the plan's schedule; None when
    no activity is planned."""
    feasible: bool
    reason: str | None = None
    """Why the plan is not feasible; None when it is."""

    @property
    def activities(self) -> tuple[PlanStep, ...]:
        """The activity steps (no exams)."""
        return tuple(s for s in self.steps if s.kind == "activity")


def schedule(activity: Activity, today: date, deadline: date) -> tuple[date | None, date] | None:
    """The earliest way to finish `activity` by `deadline`: (session start or None, finish).

    A scheduled class takes ``ceil(hours / 8)`` days (at least one) from a
    session starting on or after `today`; its finish is the session start plus
    those days minus one. An on-demand item (no sessions) done alone from
    tomorrow is finished ``ceil(hours / 8)`` days after today (at least one).
    None when it cannot be finished by `deadline`. This is the activity on its
    own; :func:`timetable` dates a whole set.
    """
    days = max(1, math.ceil(activity.hours / HOURS_PER_DAY))
    if not activity.sessions:
        finish = today + timedelta(days=days)
        return (None, finish) if finish <= deadline else None
    length = days - 1
    for start in sorted(activity.sessions):
        if start < today:
            continue
        finish = start + timedelta(days=length)
        # Sessions are sorted and all take as long, so no later one finishes sooner.
        return (start, finish) if finish <= deadline else None
    return None


Booking: TypeAlias = tuple[Activity, Day | None, Day]
"""An activity with its session start (None when on demand) and its finish day."""


def timetable(chosen: Sequence[tuple[Activity, Day | None]], today: date) -> list[Booking]:
    """The chosen activities dated as one person does them: the classes, then the rest.

    Each entry is an activity and its session start (None for an on-demand
    item). A class keeps its session and occupies ``max(1, ceil(hours / 8))``
    days from it. On-demand items are done one after another, shortest first
    (then by id), from tomorrow, :data:`HOURS_PER_DAY` hours a day, on the days
    no class occupies: an item finishes on the free day where the running total
    of hours reaches its end, and on the first free day at the earliest.
    """
    taken: set[date] = set()
    result: list[Booking] = []
    for activity, session in chosen:
        if session is not None:
            days = max(1, math.ceil(activity.hours / HOURS_PER_DAY))
            taken.update(session + timedelta(days=k) for k in range(days))
            result.append((activity, session, session + timedelta(days=days - 1)))
    blocked = sorted(d for d in taken if d > today)
    on_demand = sorted(
        (a for a, session in chosen if session is None), key=lambda a: (Fraction(a.hours), a.id)
    )
    total = Fraction(0)
    for activity in on_demand:
        total += Fraction(activity.hours)
        result.append(
            (activity, None, _free_day(today, max(1, math.ceil(total / HOURS_PER_DAY)), blocked))
        )
    return result


def _free_day(today: date, count: int, blocked: Sequence[date]) -> date:
    """The `count`-th day after `today` that is not in `blocked` (sorted, all after today)."""
    day = today + timedelta(days=count)
    for taken in blocked:
        if taken > day:
            break
        day += timedelta(days=1)
    return day


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


def _integers(values: Sequence[Fraction]) -> list[int]:
    """Exact values scaled to integers by the least common multiple of their denominators."""
    scale = math.lcm(*(v.denominator for v in values)) if values else 1
    return [int(v * scale) for v in values]


def _kinds_text(kinds: Sequence[str]) -> str:
    """'core or concentration' from the exam kinds an option accepts."""
    words = [k.replace("-", " ") for k in kinds]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _claimed(ledger: Ledger, status: CertStatus) -> set[str]:
    """Catalog ids done in the certification's current cycle: approved, pending or drafted.

    A draft means the activity was completed but not yet claimed: the plan should
    not suggest taking it again (submitting the draft is the cheaper step).
    """
    return {
        c.catalog_id
        for c in ledger.claims
        if c.catalog_id is not None
        and c.status in ("approved", "pending", "draft")
        and status.cycle_start <= c.completed <= status.expires
    }


def exam_price(kinds: Sequence[ExamKind]) -> Decimal:
    """The estimated CLC price of one exam of the cheapest of `kinds` (any kind if none)."""
    return min(EXAM_PRICE_CLC[k] for k in (kinds or EXAM_KINDS))


def _exam_steps(option: OptionStatus, expires: date) -> list[PlanStep]:
    """One step per exam the option still needs, due on the expiry date, priced."""
    kinds = _kinds_text(option.exam_kinds)
    price = exam_price(option.exam_kinds)
    return [
        PlanStep(
            kind="exam",
            activity_id=None,
            title=f"Pass 1 {kinds} exam by {expires.isoformat()}",
            credits=ZERO,
            price_clc=price,
            price_estimated=True,
            hours=0.0,
            date=expires,
            finish=expires,
            exam_kinds=option.exam_kinds,
        )
        for _ in range(option.exams_missing)
    ]


def _not_possible(status: CertStatus) -> str | None:
    """Why a certification cannot recertify at all, or None."""
    if status.retired:
        return f"{status.name} is retired: it never recertifies"
    if status.state == "upcoming":
        return f"{status.name} is not held yet (earned {status.earned.isoformat()})"
    if status.state == "expired":
        return (
            f"{status.name} expired on {status.expires.isoformat()}: no CE path is left; "
            "the full exam process starts over"
        )
    return None


def _candidates(
    catalog: Sequence[Activity], claimed: set[str], today: date, deadline: date
) -> list[tuple[Activity, date | None, date]]:
    """Activities that can count and be finished by `deadline`, by id; first record per id.

    Claimed ids and the types of :data:`UNPLANNED_TYPES` are left out.
    """
    first: dict[str, Activity] = {}
    for activity in catalog:
        first.setdefault(activity.id, activity)
    found = []
    for key in sorted(first):
        usable = key not in claimed and first[key].type not in UNPLANNED_TYPES
        when = schedule(first[key], today, deadline) if usable else None
        if when is not None:
            found.append((first[key], when[0], when[1]))
    return found


def _choose(
    candidates: Sequence[tuple[Activity, date | None, date]], need: Decimal, objective: Objective
) -> list[int] | None:
    """Indices of the best candidates covering `need` under `objective`, or None."""
    credits = [int(a.credits * 100) for a, _, _ in candidates]
    prices = _integers([Fraction(a.price_clc or 0) for a, _, _ in candidates])
    unknown = [int(a.price_clc is None) for a, _, _ in candidates]
    hours = _integers([Fraction(a.hours) for a, _, _ in candidates])
    levels = (prices, unknown, hours) if objective == "price" else (hours, prices, unknown)
    return cover(credits, _packed(levels, len(candidates)), math.ceil(need * 100))


def _packed(levels: Sequence[Sequence[int]], count: int) -> list[int]:
    """One positive integer cost per item, ordering sums like the tuple (levels..., items).

    Each level's values are non-negative; each is scaled by more than the total
    of the levels after it, and the last part counts the items (1 each).
    """
    costs = [0] * count
    for level in levels:
        bound = sum(level) + 1
        costs = [c * bound + v for c, v in zip(costs, level, strict=True)]
    return [c * (count + 1) + 1 for c in costs]


def _make(
    status: CertStatus,
    option: OptionStatus,
    objective: Objective,
    deadline: date,
    steps: Sequence[PlanStep],
    reason: str | None = None,
) -> Plan:
    """A plan from its steps; the price covers every step, the other totals the activities."""
    done = [s for s in steps if s.kind == "activity"]
    return Plan(
        cert_id=status.id,
        cert_name=status.name,
        option_id=option.id,
        option_label=option.label,
        objective=objective,
        ce_missing=option.ce_missing,
        ce_pending=option.ce_pending,
        exams_missing=option.exams_missing,
        exam_kinds=option.exam_kinds,
        expires=status.expires,
        deadline=deadline,
        steps=tuple(steps),
        total_price=sum((s.price_clc or ZERO for s in steps), ZERO),
        exams_price=sum((s.price_clc or ZERO for s in steps if s.kind == "exam"), ZERO),
        price_unknown=any(s.price_clc is None for s in steps),
        price_estimated=any(s.price_estimated for s in steps),
        total_hours=math.fsum(s.hours for s in done),
        total_credits=sum((s.credits for s in done), ZERO),
        finish_date=max((s.finish for s in done), default=None),
        feasible=reason is None,
        reason=reason,
    )


def _plan_for(
    ledger: Ledger,
    today: date,
    catalog: Sequence[Activity],
    status: CertStatus,
    option: OptionStatus,
    objective: Objective,
    margin_days: int,
) -> Plan:
    """The plan for one option of one evaluated certification."""
    deadline = status.expires - timedelta(days=margin_days)
    reason = _not_possible(status)
    if reason is not None:
        return _make(status, option, objective, deadline, (), reason)
    exams = _exam_steps(option, status.expires)
    if option.ce_missing <= 0:
        return _make(status, option, objective, deadline, exams)
    candidates = _candidates(catalog, _claimed(ledger, status), today, deadline)
    chosen = _choose(candidates, option.ce_missing, objective)
    if chosen is None:
        if deadline < today:
            why = f"the deadline {deadline.isoformat()} has passed"
        else:
            within = sum((a.credits for a, _, _ in candidates), ZERO)
            why = f"only {credits_text(within)} CE can be finished in time"
        reason = (
            f"the catalog cannot cover {credits_text(option.ce_missing)} CE "
            f"by {deadline.isoformat()} (expiry {status.expires.isoformat()} minus "
            f"{margin_days} days): {why}"
        )
        return _make(status, option, objective, deadline, (), reason)
    booked = timetable([candidates[i][:2] for i in chosen], today)
    late = _too_late(booked, today, deadline, objective)
    if late is not None:
        return _make(status, option, objective, deadline, (), late)
    steps = []
    for activity, session, finish in booked:
        steps.append(
            PlanStep(
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
        )
    steps.sort(key=lambda s: (s.date, s.finish, s.activity_id or ""))
    return _make(status, option, objective, deadline, steps + exams)


def _too_late(
    booked: Sequence[Booking], today: date, deadline: date, objective: Objective
) -> str | None:
    """Why the schedule of the chosen set misses `deadline`, or None when it is on time.

    Every day from tomorrow to the last finish is taken, by a class or by study
    (on-demand hours fill each free day before the last), so the days needed
    are the days from tomorrow to the last finish.
    """
    end = max(finish for _, _, finish in booked)
    if end <= deadline:
        return None
    hours = math.fsum(a.hours for a, session, _ in booked if session is None)
    class_days = sum(
        1
        for day in {
            start + timedelta(days=k)
            for _, start, finish in booked
            if start is not None
            for k in range((finish - start).days + 1)
        }
        if today < day <= end
    )
    if objective == "price":
        which = "the cheapest set of activities"
        hint = "; planning by hours may find a quicker set"
    else:
        which, hint = "the set of activities with the fewest hours", ""
    classes = f", and {class_days} days of classes" if class_days else ""
    return (
        f"{which} needs {(end - today).days} days of study "
        f"({hours:g} h on demand at {HOURS_PER_DAY} h a day{classes}), to {end.isoformat()}; "
        f"only {(deadline - today).days} days are left before the deadline "
        f"{deadline.isoformat()}{hint}"
    )


def rank_key(plan: Plan) -> tuple[Decimal | float | bool | int, ...]:
    """How plans of one objective compare: the lower the better.

    By price: total price (exams included), a plan with unknown prices after
    one without, hours, steps; by hours: hours, price, unknown prices, steps.
    """
    if plan.objective == "hours":
        return (plan.total_hours, plan.total_price, plan.price_unknown, len(plan.steps))
    return (plan.total_price, plan.price_unknown, plan.total_hours, len(plan.steps))


def _check(objective: str, margin_days: int) -> None:
    """Refuse an unknown objective or a negative margin."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}, not {objective!r}")
    if margin_days < 0:
        raise ValueError(f"margin_days must be 0 or more, not {margin_days}")


def _status(evaluation: Evaluation, cert_id: str) -> CertStatus:
    """The evaluated certification `cert_id`, or ValueError."""
    status = evaluation.cert(cert_id)
    if status is None:
        raise ValueError(f"certification {cert_id!r} does not exist")
    return status


def plan(
    ledger: Ledger,
    rules: Rules,
    today: date,
    catalog: Sequence[Activity],
    cert_id: str,
    option_id: str | None = None,
    objective: Objective = "price",
    margin_days: int = 30,
) -> Plan:
    """The best plan for `cert_id` to meet `option_id` (default: its path) by its expiry.

    Raises ValueError for an unknown certification, option or objective.
    """
    _check(objective, margin_days)
    evaluation = evaluate(ledger, rules, today)
    status = _status(evaluation, cert_id)
    wanted = option_id or status.path
    option = next((o for o in status.options if o.id == wanted), None)
    if option is None:
        raise ValueError(f"{status.level} has no option {wanted!r}")
    return _plan_for(ledger, today, catalog, status, option, objective, margin_days)


def compare_options(
    ledger: Ledger,
    rules: Rules,
    today: date,
    catalog: Sequence[Activity],
    cert_id: str,
    objective: Objective = "price",
    margin_days: int = 30,
) -> list[Plan]:
    """One plan per option of `cert_id`'s level, in the rules' order, for a side-by-side view."""
    _check(objective, margin_days)
    evaluation = evaluate(ledger, rules, today)
    status = _status(evaluation, cert_id)
    return [
        _plan_for(ledger, today, catalog, status, option, objective, margin_days)
        for option in status.options
    ]
