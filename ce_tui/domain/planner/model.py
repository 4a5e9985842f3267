"""What the planner returns: plans, their steps, their assumptions and shortfalls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, TypeAlias

from ce_tui.domain.evaluation import Amount
from ce_tui.domain.models import ExamKind

Objective = Literal["price", "hours"]
"""What a plan minimises first: total CLC price or total hours."""

OBJECTIVES: tuple[Objective, ...] = ("price", "hours")
"""Every objective."""

Day: TypeAlias = date
"""A calendar day (an alias, since `PlanStep.date` shadows the type inside the class)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanStep:
    """One thing to do: attend or complete an activity, submit a draft claim, or pass an exam."""

    kind: Literal["activity", "exam", "claim"]
    activity_id: str | None
    """The catalog id of the activity (or of a draft's activity); None for an exam."""
    title: str
    credits: Amount
    """CE credits the step earns (0 for an exam step)."""
    price_clc: Amount | None
    """Price in Cisco Learning Credits; None when unknown. An exam step carries
    the estimated list price of its exam kind; a claim step costs 0."""
    price_estimated: bool = False
    """True when the price is an estimate (the catalog says so, or an exam's)."""
    hours: float
    """Hours of the activity, or of an exam's preparation (an estimate); 0 for a claim."""
    date: date
    """The session's start for a class, the finish of an on-demand item, the date to
    beat for an exam (the expiry) or the submit-by date of a claim."""
    session: Day | None = None
    """Start of the chosen session; None for everything that is not a class."""
    finish: Day
    """The day the step is done in the plan's schedule (an exam's preparation ends)."""
    exam_kinds: tuple[ExamKind, ...] = ()
    """For an exam step: the kind planned (one)."""
    claim_id: str | None = None
    """For a claim step: the id of the draft claim to submit."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Assumptions:
    """The time model and the counting a plan rests on (stated with every plan)."""

    study_from: date
    """The first day of study: the day after the evaluation day."""
    deadline: date
    margin_days: int
    hours_per_day: float
    """At most this many hours of on-demand study or exam preparation a day."""
    class_day_hours: int
    """One day of a class session per this many hours of it."""
    expected: tuple[Literal["approved", "pending", "drafts"], ...]
    """The claims counted: approved always; pending and drafts unless approved-only."""
    exam_preparation_estimated: bool
    """True when the exam preparation hours of the rules are estimates."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Shortfall:
    """By how much an infeasible plan misses: credits short, or days late."""

    credits_short: Amount | None = None
    """Credits that all the activities that can be done in time still leave missing."""
    earliest_finish: date | None = None
    """When the cheapest set that covers the need (ignoring the deadline) could finish."""
    days_late: int | None = None
    """Days from the deadline to `earliest_finish`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IfRejected:
    """What the plan would be if every pending claim were rejected (drafts still count)."""

    ce_to_plan: Amount
    feasible: bool
    total_price: Amount
    total_hours: float
    finish_date: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class AtExpiry:
    """For an expired certification with credits pending at expiry: what approval does."""

    ce_pending: Amount
    restores: bool
    """True when approving every pending claim recertifies it."""
    recertified_on: date | None
    new_expires: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """How one certification can meet one option of its level before its deadline."""

    cert_id: str
    cert_name: str
    option_id: str
    option_label: str
    objective: Objective
    ce_missing: Amount
    """CE credits the option still needs from approved credits alone."""
    ce_pending: Amount
    """Credits pending approval in the cycle (counted as expected unless approved-only)."""
    ce_drafts: Amount
    """Credits of drafts that can still be submitted in time (counted likewise)."""
    ce_to_plan: Amount
    """What the planned activities must cover: `ce_missing` less what is expected."""
    exams_missing: int
    exam_kinds: tuple[ExamKind, ...]
    expires: date
    """End of the current cycle: the date to beat for exams."""
    deadline: date
    """The last day of study: `expires` minus the margin."""
    steps: tuple[PlanStep, ...]
    """Claims to submit, then activities in date order, then the exams."""
    total_price: Amount
    """Total CLC price of the activities and the exams; unknown prices count as 0."""
    exams_price: Amount
    """The part of `total_price` for the exams (an estimate)."""
    price_unknown: bool
    """True when some chosen activity has no known price."""
    price_estimated: bool
    """True when some price in `total_price` is an estimate."""
    total_hours: float
    """Hours of the activities and of the exams' preparation."""
    total_credits: Amount
    """Credits of the planned activities (drafts not included)."""
    finish_date: date | None
    """When the last activity or exam preparation is done; None when there is none."""
    feasible: bool
    reason: str | None = None
    """Why the plan is not feasible; None when it is."""
    best: bool = False
    """True for the best feasible option of a comparison (ties: the rules' order)."""
    assumptions: Assumptions
    shortfall: Shortfall | None = None
    if_rejected: IfRejected | None = None
    at_expiry: AtExpiry | None = None
    unplannable: tuple[str, ...] = ()
    """Ids of classes listed without sessions, left out because nobody can attend them."""
    exact: bool = True
    """False when the search was cut short (a very large catalog under a close deadline):
    the plan is the best found, not proven the best."""

    @property
    def activities(self) -> tuple[PlanStep, ...]:
        """The activity steps (no exams, no claims)."""
        return tuple(s for s in self.steps if s.kind == "activity")


def rank_key(plan: Plan) -> tuple[Decimal | float | bool | int, ...]:
    """How plans of one objective compare: the lower the better.

    By price: total price (exams included), a plan with unknown prices after
    one without, hours, activities and exams; by hours: hours, price, unknown
    prices, activities and exams.
    """
    count = sum(1 for s in plan.steps if s.kind != "claim")
    if plan.objective == "hours":
        return (plan.total_hours, plan.total_price, plan.price_unknown, count)
    return (plan.total_price, plan.price_unknown, plan.total_hours, count)
