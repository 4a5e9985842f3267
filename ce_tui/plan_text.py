"""Plans as plain text for `ce-tui plan`: a comparison of options and the steps of the best."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.planner import Plan, PlanStep, rank_key
from ce_tui.domain.text import safe


def price_text(amount: Decimal | None, unknown: bool = False, estimated: bool = False) -> str:
    """A CLC price: '40 CLC', '~40 CLC' when estimated, '40+ CLC' when some prices are
    unknown (they count as 0), 'price unknown' for None."""
    if amount is None:
        return "price unknown"
    text = f"{'~' if estimated else ''}{credits_text(amount)}{'+' if unknown else ''} CLC"
    return text


def plan_price_text(plan: Plan) -> str:
    """A plan's total price, '~' when estimated, with the exams' share when it has both."""
    text = price_text(plan.total_price, plan.price_unknown, plan.price_estimated)
    if plan.exams_missing and plan.activities:
        plural = "s" if plan.exams_missing > 1 else ""
        exams = price_text(plan.exams_price, estimated=True)
        text += f" (incl. {exams} for {plan.exams_missing} exam{plural})"
    return text


def best_plan(plans: Sequence[Plan]) -> Plan | None:
    """The feasible plan with the lowest objective (see :func:`~ce_tui.domain.planner.rank_key`).

    The planner's `compare_options` marks the same plan `best`.
    By price, exams count at their estimated list price, and a plan whose price
    is partly unknown comes after a plan of the same price that is fully known.
    """
    feasible = [p for p in plans if p.feasible]
    if not feasible:
        return None
    return min(feasible, key=rank_key)


def exams_total_text(plan: Plan) -> str:
    """The total of a plan of exams alone: '~4 CLC for 1 exam, 80 h of preparation, ready by D'."""
    plural = "s" if plan.exams_missing > 1 else ""
    done = plan.finish_date.isoformat() if plan.finish_date else "-"
    return (
        f"{plan_price_text(plan)} for {plan.exams_missing} exam{plural}, "
        f"{plan.total_hours:g} h of preparation, ready by {done}"
    )


def comparison_rows(plans: Sequence[Plan]) -> list[tuple[str, ...]]:
    """One row per option: option, CE to plan, exams, cost, hours, finish."""
    rows: list[tuple[str, ...]] = []
    for p in plans:
        exams = str(p.exams_missing) if p.exams_missing else "-"
        if p.feasible:
            cost = price_text(p.total_price, p.price_unknown, p.price_estimated)
            hours = f"{p.total_hours:g} h"
            finish = p.finish_date.isoformat() if p.finish_date else "-"
        else:
            cost, hours, finish = "not possible", "-", "-"
        rows.append((p.option_id, credits_text(p.ce_to_plan), exams, cost, hours, finish))
    return rows


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Left-aligned columns separated by two spaces."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def assumptions_text(plan: Plan) -> str:
    """The time model and counting a plan rests on, in one sentence."""
    a = plan.assumptions
    counted = (
        "approved credits only"
        if a.expected == ("approved",)
        else "pending claims and drafts submitted in time count as expected"
    )
    estimate = " (estimated)" if a.exam_preparation_estimated else ""
    return (
        f"study {a.study_from.isoformat()} to {a.deadline.isoformat()} (expiry minus "
        f"{a.margin_days} days), at most {a.hours_per_day:g} h a day of on-demand study and "
        f"exam preparation{estimate}; classes take their session days "
        f"({a.class_day_hours} h a day) and may not overlap except at Cisco Live; {counted}"
    )


def _step_line(step: PlanStep) -> str:
    """One step of a plan as a line."""
    if step.kind == "claim":
        return (
            f"  by {step.date.isoformat()}  {safe(step.title)}  ({credits_text(step.credits)} CE)"
        )
    if step.kind == "exam":
        price = price_text(step.price_clc, estimated=step.price_estimated)
        return (
            f"  by {step.date.isoformat()}  {safe(step.title)}  {price} (list price), "
            f"prepared by {step.finish.isoformat()}"
        )
    when = (
        f"session {step.session.isoformat()}"
        if step.session
        else f"finish by {step.finish.isoformat()}"
    )
    return (
        f"  {step.date.isoformat()}  {safe(step.title)} [{safe(step.activity_id or '')}]  "
        f"{credits_text(step.credits)} CE, {step.hours:g} h, "
        f"{price_text(step.price_clc, estimated=step.price_estimated)}, {when}"
    )


def _in_flight_lines(plan: Plan) -> list[str]:
    """What the plan counts as expected, and what if the pending claims were rejected."""
    lines = []
    expected = plan.assumptions.expected != ("approved",)
    if plan.ce_pending and expected:
        lines.append(
            f"  {credits_text(plan.ce_pending)} CE pending approval are counted as expected"
        )
    elif plan.ce_pending:
        lines.append(f"  {credits_text(plan.ce_pending)} CE pending approval are not counted")
    rejected = plan.if_rejected
    if rejected is not None:
        if rejected.feasible:
            done = rejected.finish_date.isoformat() if rejected.finish_date else "-"
            what = (
                f"plan {credits_text(rejected.ce_to_plan)} CE instead: "
                f"{price_text(rejected.total_price)}, {rejected.total_hours:g} h, done by {done}"
            )
        else:
            what = f"{credits_text(rejected.ce_to_plan)} CE would be needed and cannot be planned"
        lines.append(f"  if every pending claim were rejected: {what}")
    if plan.unplannable:
        lines.append(f"  {len(plan.unplannable)} classes listed without sessions cannot be planned")
    return lines


def plan_lines(plan: Plan) -> list[str]:
    """The steps of one plan, with totals and its assumptions."""
    lines = [
        f"Plan for {safe(plan.cert_name)}, option {plan.option_id} ({safe(plan.option_label)}), "
        f"by {plan.objective}:",
    ]
    if not plan.feasible:
        lines.append(f"  not possible: {safe(plan.reason or 'no combination fits')}")
    elif not plan.steps:
        lines.append("  nothing left to do for this option")
    if plan.feasible:
        lines.extend(_step_line(step) for step in plan.steps)
    done = plan.finish_date.isoformat() if plan.finish_date else "-"
    if plan.feasible and plan.activities:
        lines.append(
            f"  total: {credits_text(plan.total_credits)} CE for {credits_text(plan.ce_to_plan)} "
            f"to plan ({credits_text(plan.ce_missing)} missing), {plan_price_text(plan)}, "
            f"{plan.total_hours:g} h, done by {done} "
            f"(deadline {plan.deadline.isoformat()}, expiry {plan.expires.isoformat()})"
        )
    elif plan.feasible and plan.exams_missing:
        lines.append(f"  total: {exams_total_text(plan)}")
    if plan.feasible and not plan.exact:
        lines.append("  the search was cut short: the best set found, not proven the best")
    lines.extend(_in_flight_lines(plan))
    lines.append(f"  assumptions: {assumptions_text(plan)}")
    return lines


def format_plans(plans: Sequence[Plan], status: CertStatus | None) -> str:
    """A comparison table of the options (when there are several), then the best plan."""
    lines: list[str] = []
    if status is not None:
        left = (
            f"expired on {status.expires.isoformat()} ({-status.days_left} days ago)"
            if status.days_left < 0
            else f"expires {status.expires.isoformat()} ({status.days_left} days)"
        )
        lines.append(f"{safe(status.name)} [{status.level}] {left}, path {status.path}")
    if len(plans) > 1:
        lines.append("")
        rows = [
            (f"{row[0]} *" if p.best else row[0], *row[1:])
            for p, row in zip(plans, comparison_rows(plans), strict=True)
        ]
        lines.extend(_table(("option", "CE to plan", "exams", "cost", "hours", "finish"), rows))
        lines.append("(* the best option)")
        chosen = best_plan(plans)
        lines.append("")
        if chosen is None:
            lines.append("No option can be met before the deadline. The path option:")
            path = status.path if status is not None else None
            chosen = next((p for p in plans if p.option_id == path), plans[0])
        lines.extend(plan_lines(chosen))
    elif plans:
        lines.append("")
        lines.extend(plan_lines(plans[0]))
    return "\n".join(lines)
