"""The planner's entry points: one plan, or every option compared; their reasons and totals."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import CertStatus, Evaluation, OptionStatus
from ce_tui.domain.models import Activity, Ledger
from ce_tui.domain.planner.assembly import (
    ZERO,
    Problem,
    Setting,
    Solved,
    activity_steps,
    candidates,
    exam_steps,
    items_of,
    solve,
)
from ce_tui.domain.planner.inflight import at_expiry, claimed_ids, submittable_drafts
from ce_tui.domain.planner.model import (
    OBJECTIVES,
    Assumptions,
    AtExpiry,
    IfRejected,
    Objective,
    Plan,
    PlanStep,
    Shortfall,
    rank_key,
)
from ce_tui.domain.planner.search import MAX_BRANCHES
from ce_tui.domain.planner.timing import CLASS_DAY_HOURS, Window
from ce_tui.domain.rules import Rules

DEFAULT_HOURS_PER_DAY = 2.0
"""Hours of study a day beside a full-time job: an evening's worth, about 14 a week."""

MAX_HOURS_PER_DAY = 24.0
"""No day has more hours than this."""

STOPPED = (
    f"the search stopped after {MAX_BRANCHES:,} branches without finding a set that fits: "
    "one may exist (a large catalog with a close deadline)"
)
"""The reason of a plan whose search was cut short before it found any set."""


def plan_for(
    ledger: Ledger,
    rules: Rules,
    today: date,
    catalog: Sequence[Activity],
    status: CertStatus,
    option: OptionStatus,
    setting: Setting,
) -> Plan:
    """The plan for one option of one evaluated certification."""
    deadline = status.expires - timedelta(days=setting.margin_days)
    window = Window(today, deadline, setting.hours_per_day)
    drafts = (
        [] if setting.approved_only else submittable_drafts(ledger, status, rules, today, deadline)
    )
    ce_drafts = sum((Decimal(str(claim.credits)) for claim, _ in drafts), ZERO)
    expected = ZERO if setting.approved_only else option.ce_pending + ce_drafts
    to_plan = max(ZERO, option.ce_missing - expected)
    head = Plan(
        cert_id=status.id,
        cert_name=status.name,
        option_id=option.id,
        option_label=option.label,
        objective=setting.objective,
        ce_missing=option.ce_missing,
        ce_pending=option.ce_pending,
        ce_drafts=ce_drafts,
        ce_to_plan=to_plan,
        exams_missing=option.exams_missing,
        exam_kinds=option.exam_kinds,
        expires=status.expires,
        deadline=deadline,
        steps=(),
        total_price=ZERO,
        exams_price=ZERO,
        price_unknown=False,
        price_estimated=False,
        total_hours=0.0,
        total_credits=ZERO,
        finish_date=None,
        feasible=False,
        assumptions=_assumptions(today, deadline, setting, rules),
    )
    reason = _not_possible(status)
    if reason is not None:
        expiry = at_expiry(ledger, rules, today, status)
        return replace(head, reason=_expiry_reason(status, expiry) or reason, at_expiry=expiry)
    pool, unplannable = candidates(catalog, claimed_ids(ledger, status), window)
    head = replace(head, unplannable=tuple(unplannable))
    items = items_of(pool, setting.objective)
    problem = Problem(items, option, rules, setting, window)
    solved, exact = solve(problem, to_plan)
    if solved is None and not exact:
        return replace(head, reason=STOPPED, exact=False)
    if solved is None:
        shortfall, why = _shortfall(problem, to_plan)
        return replace(head, reason=why, shortfall=shortfall)
    claims = [
        PlanStep(
            kind="claim",
            activity_id=claim.catalog_id,
            title=f"Submit claim {claim.activity} by {by.isoformat()}",
            credits=claim.credits,
            price_clc=ZERO,
            hours=0.0,
            date=by,
            finish=by,
            claim_id=claim.id,
        )
        for claim, by in drafts
    ]
    steps = (*claims, *_steps(solved, problem, status.expires))
    rejected = None
    if not setting.approved_only and option.ce_pending > 0:
        rejected = _if_rejected(problem, option.ce_missing - ce_drafts)
    return replace(_totals(head, steps), feasible=True, if_rejected=rejected, exact=exact)


def _steps(solved: Solved, problem: Problem, expires: date) -> list[PlanStep]:
    """The activity steps of a solved set, then its exam steps."""
    items, window = problem.items, problem.window
    return [
        *activity_steps(items, solved.found, window),
        *exam_steps(solved, items, problem.rules, window, expires),
    ]


def _totals(head: Plan, steps: Sequence[PlanStep]) -> Plan:
    """`head` with `steps` and their totals (claims cost nothing and take no time)."""
    work = [s for s in steps if s.kind != "claim"]
    done = [s for s in steps if s.kind == "activity"]
    return replace(
        head,
        steps=tuple(steps),
        total_price=sum((s.price_clc or ZERO for s in work), ZERO),
        exams_price=sum((s.price_clc or ZERO for s in work if s.kind == "exam"), ZERO),
        price_unknown=any(s.price_clc is None for s in work),
        price_estimated=any(s.price_estimated for s in work),
        total_hours=math.fsum(s.hours for s in work),
        total_credits=sum((s.credits for s in done), ZERO),
        finish_date=max((s.finish for s in work), default=None),
    )


def _assumptions(today: date, deadline: date, setting: Setting, rules: Rules) -> Assumptions:
    """The time model and counting of one planning run, as stated with its plans."""
    return Assumptions(
        study_from=today + timedelta(days=1),
        deadline=deadline,
        margin_days=setting.margin_days,
        hours_per_day=float(setting.hours_per_day),
        class_day_hours=CLASS_DAY_HOURS,
        expected=("approved",) if setting.approved_only else ("approved", "pending", "drafts"),
        exam_preparation_estimated=rules.exam_preparation.estimated,
    )


def _if_rejected(problem: Problem, need: Decimal) -> IfRejected:
    """What the plan would be without the pending credits (drafts still counted)."""
    to_plan = max(ZERO, need)
    solved, _ = solve(problem, to_plan)
    if solved is None:
        return IfRejected(
            ce_to_plan=to_plan, feasible=False, total_price=ZERO, total_hours=0.0, finish_date=None
        )
    steps = _steps(solved, problem, problem.window.deadline)
    return IfRejected(
        ce_to_plan=to_plan,
        feasible=True,
        total_price=sum((s.price_clc or ZERO for s in steps), ZERO),
        total_hours=math.fsum(s.hours for s in steps),
        finish_date=max((s.finish for s in steps), default=None),
    )


def _shortfall(problem: Problem, to_plan: Decimal) -> tuple[Shortfall, str]:
    """By how much no set fits, and the sentence that says so.

    Credits short when even every candidate together does not cover what is
    to plan; otherwise when the best set ignoring the deadline (its sessions
    still may not clash) could finish.
    """
    window, setting = problem.window, problem.setting
    deadline = window.deadline.isoformat()
    within = sum((item.activity.credits for item in problem.items), ZERO)
    if within < to_plan:
        short = to_plan - within
        why = (
            f"the deadline {deadline} has passed"
            if window.days == 0
            else f"what can be done by {deadline} gives only {credits_text(within)} CE"
        )
        return Shortfall(credits_short=short), (
            f"{credits_text(short)} CE short: {credits_text(to_plan)} CE to plan and {why}"
        )
    unbounded, exact = solve(problem, to_plan, bounded=False)
    if unbounded is None and not exact:
        return Shortfall(), STOPPED
    if unbounded is None:
        return Shortfall(), (
            f"every set that covers {credits_text(to_plan)} CE has classes on the same days"
        )
    which = "cheapest" if setting.objective == "price" else "quickest"
    hours = f"{float(setting.hours_per_day):g} h a day"
    finish = unbounded.found.finish
    if finish is None:
        return Shortfall(), f"at {hours}, the {which} set that covers the need never finishes"
    late = (finish - window.deadline).days
    return Shortfall(earliest_finish=finish, days_late=late), (
        f"nothing fits before the deadline {deadline} at {hours}: the {which} set "
        f"that covers the need could finish on {finish.isoformat()}, {late} days late"
    )


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


def _expiry_reason(status: CertStatus, expiry: AtExpiry | None) -> str | None:
    """For an expired certification with credits pending at expiry: what they do, or None."""
    if expiry is None:
        return None
    pending = f"the {credits_text(expiry.ce_pending)} CE pending at expiry"
    rejected = "if they are rejected, the full exam process starts over"
    if expiry.restores and expiry.recertified_on is not None and expiry.new_expires is not None:
        return (
            f"{status.name} expired on {status.expires.isoformat()}; once approved, {pending} "
            f"restore it (recertified on {expiry.recertified_on.isoformat()}, "
            f"expires {expiry.new_expires.isoformat()}); {rejected}"
        )
    return (
        f"{status.name} expired on {status.expires.isoformat()}; even once approved, {pending} "
        f"do not restore it; no CE path is left: the full exam process starts over"
    )


def _setting(
    objective: str, margin_days: int, hours_per_day: float, approved_only: bool
) -> Setting:
    """The run's setting; ValueError for an unknown objective or out-of-range numbers."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}, not {objective!r}")
    if margin_days < 0:
        raise ValueError(f"margin_days must be 0 or more, not {margin_days}")
    if not (0 < hours_per_day <= MAX_HOURS_PER_DAY) or not math.isfinite(hours_per_day):
        raise ValueError(f"hours per day must be more than 0 and at most 24, not {hours_per_day:g}")
    chosen: Objective = "price" if objective == "price" else "hours"
    return Setting(chosen, margin_days, Fraction(hours_per_day), approved_only)


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
    hours_per_day: float = DEFAULT_HOURS_PER_DAY,
    approved_only: bool = False,
) -> Plan:
    """The best plan for `cert_id` to meet `option_id` (default: its path) by its deadline.

    Raises ValueError for an unknown certification, option or objective, a
    negative margin or hours a day outside (0, 24].
    """
    setting = _setting(objective, margin_days, hours_per_day, approved_only)
    status = _status(evaluate(ledger, rules, today), cert_id)
    wanted = option_id or status.path
    option = next((o for o in status.options if o.id == wanted), None)
    if option is None:
        raise ValueError(f"{status.level} has no option {wanted!r}")
    result = plan_for(ledger, rules, today, catalog, status, option, setting)
    return replace(result, best=result.feasible)


def compare_options(
    ledger: Ledger,
    rules: Rules,
    today: date,
    catalog: Sequence[Activity],
    cert_id: str,
    objective: Objective = "price",
    margin_days: int = 30,
    hours_per_day: float = DEFAULT_HOURS_PER_DAY,
    approved_only: bool = False,
) -> list[Plan]:
    """One plan per option of `cert_id`'s level, in the rules' order; the best one marked.

    The best is the feasible plan with the least :func:`rank_key` (the first of
    equals in the rules' order).
    """
    setting = _setting(objective, margin_days, hours_per_day, approved_only)
    status = _status(evaluate(ledger, rules, today), cert_id)
    plans = [
        plan_for(ledger, rules, today, catalog, status, option, setting)
        for option in status.options
    ]
    feasible = [p for p in plans if p.feasible]
    if not feasible:
        return plans
    chosen = min(feasible, key=rank_key)
    return [replace(p, best=p is chosen) for p in plans]
