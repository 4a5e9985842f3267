"""The credit timeline of a certification's current cycle: the series the Path screen draws.

Approved credits accumulate by completion date; pending ones sit on top of
them; the chosen option's need is a level; the evaluation day and the deadline
are marked; and the credits still needed are spread over the months left.
Which claims count is the engine's decision (:func:`~ce_tui.domain.engine.cycle_claims`);
here they are only added up. Every figure is computed here, none in a widget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_UP, Decimal

from ce_tui.domain.engine import cycle_claims
from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.models import Claim, Ledger

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """The running totals from one completion date on."""

    day: date
    approved: Decimal
    """Approved credits completed by `day` (inclusive)."""
    pending: Decimal
    """Pending credits completed by `day`, on top of the approved ones."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """One certification's current cycle as a credit timeline."""

    start: date
    deadline: date
    today: date
    need: int
    """CE credits the chosen option needs (0 for an exam-only option)."""
    steps: tuple[Step, ...]
    """One per completion date of a counted claim, in date order."""
    approved: Decimal
    pending: Decimal
    still_needed: Decimal
    """Credits the option still needs once the pending ones are approved (0 when met)."""
    months_left: int
    """Calendar months from the evaluation day to the deadline, a part month counting as one."""
    per_month: Decimal | None
    """Credits still needed per remaining month, rounded up to 0.1 (None: no month is left)."""

    def totals_on(self, day: date) -> tuple[Decimal, Decimal]:
        """(approved, pending) completed by `day`."""
        found = (ZERO, ZERO)
        for step in self.steps:
            if step.day > day:
                break
            found = (step.approved, step.pending)
        return found


def months_between(first: date, last: date) -> int:
    """Calendar months from `first` to `last`, a part month counting as one (0 when past)."""
    if last <= first:
        return 0
    months = (last.year - first.year) * 12 + last.month - first.month
    return months + 1 if last.day > first.day else max(months, 1)


def _steps(approved: tuple[Claim, ...], pending: tuple[Claim, ...]) -> tuple[Step, ...]:
    """Running totals at each completion date."""
    dated = sorted(
        [(c.completed, c.credits, ZERO) for c in approved]
        + [(c.completed, ZERO, c.credits) for c in pending],
        key=lambda item: item[0],
    )
    steps: list[Step] = []
    total_approved = total_pending = ZERO
    for day, credit, waiting in dated:
        total_approved += credit
        total_pending += waiting
        if steps and steps[-1].day == day:
            steps.pop()
        steps.append(Step(day=day, approved=total_approved, pending=total_pending))
    return tuple(steps)


def credit_timeline(ledger: Ledger, status: CertStatus, today: date) -> Timeline:
    """The timeline of `status`'s current cycle, as of `today`."""
    approved, pending = cycle_claims(ledger, today, status.cycle_start, status.expires)
    need = status.required
    still = max(ZERO, Decimal(need) - status.approved - status.pending)
    months = months_between(today, status.expires)
    per_month = None
    if months:
        per_month = (still / months).quantize(Decimal("0.1"), rounding=ROUND_UP)
    return Timeline(
        start=status.cycle_start,
        deadline=status.expires,
        today=today,
        need=need,
        steps=_steps(approved, pending),
        approved=status.approved,
        pending=status.pending,
        still_needed=still,
        months_left=months,
        per_month=per_month.normalize() if per_month is not None else None,
    )


def scale_top(timeline: Timeline) -> Decimal:
    """The top of the chart's credit axis: the need or the total reached, whichever is more."""
    top = max(Decimal(timeline.need), timeline.approved + timeline.pending)
    return top if top > 0 else Decimal(1)


def column_days(timeline: Timeline, width: int) -> list[date]:
    """The day each of `width` columns stands for, from the cycle's start to its deadline."""
    span = (timeline.deadline - timeline.start).days
    if width <= 1:
        return [timeline.deadline]
    return [
        date.fromordinal(timeline.start.toordinal() + math.floor(span * x / (width - 1)))
        for x in range(width)
    ]


def column_of(timeline: Timeline, day: date, width: int) -> int | None:
    """The column of `day` in a chart `width` wide (None when outside the cycle)."""
    span = (timeline.deadline - timeline.start).days
    if day < timeline.start or day > timeline.deadline or width <= 0:
        return None
    if span == 0:
        return width - 1
    return min(width - 1, round((day - timeline.start).days * (width - 1) / span))
