"""Plans as plain text for `ce-tui plan`: a comparison of options and the steps of the best."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.planner import Plan, rank_key
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

    By price, exams count at their estimated list price, and a plan whose price
    is partly unknown comes after a plan of the same price that is fully known.
    """
    feasible = [p for p in plans if p.feasible]
    if not feasible:
        return None
    return min(feasible, key=rank_key)


def comparison_rows(plans: Sequence[Plan]) -> list[tuple[str, ...]]:
    """One row per option: option, CE still needed, exams, cost, hours, finish."""
    rows: list[tuple[str, ...]] = []
    for p in plans:
        exams = str(p.exams_missing) if p.exams_missing else "-"
        if p.feasible:
            cost = price_text(p.total_price, p.price_unknown, p.price_estimated)
            hours = f"{p.total_hours:g} h"
            finish = p.finish_date.isoformat() if p.finish_date else "-"
        else:
            cost, hours, finish = "not possible", "-", "-"
        rows.append((p.option_id, credits_text(p.ce_missing), exams, cost, hours, finish))
    return rows


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Left-aligned columns separated by two spaces."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def plan_lines(plan: Plan) -> list[str]:
    """The steps of one plan, with totals."""
    lines = [
        f"Plan for {safe(plan.cert_name)}, option {plan.option_id} ({safe(plan.option_label)}), "
        f"by {plan.objective}:",
    ]
    if not plan.feasible:
        lines.append(f"  not possible: {safe(plan.reason or 'no combination fits')}")
        return lines
    if not plan.steps:
        lines.append("  nothing left to do for this option")
    for step in plan.steps:
        if step.kind == "exam":
            price = price_text(step.price_clc, estimated=step.price_estimated)
            lines.append(f"  by {step.date.isoformat()}  {safe(step.title)}  {price} (list price)")
            continue
        when = (
            f"session {step.session.isoformat()}"
            if step.session
            else f"finish by {step.finish.isoformat()}"
        )
        lines.append(
            f"  {step.date.isoformat()}  {safe(step.title)} [{safe(step.activity_id or '')}]  "
            f"{credits_text(step.credits)} CE, {step.hours:g} h, "
            f"{price_text(step.price_clc, estimated=step.price_estimated)}, {when}"
        )
    if plan.activities:
        done = plan.finish_date.isoformat() if plan.finish_date else "-"
        lines.append(
            f"  total: {credits_text(plan.total_credits)} CE for {credits_text(plan.ce_missing)} "
            f"needed, {plan_price_text(plan)}, "
            f"{plan.total_hours:g} h, done by {done} "
            f"(deadline {plan.deadline.isoformat()}, expiry {plan.expires.isoformat()})"
        )
    elif plan.exams_missing:
        plural = "s" if plan.exams_missing > 1 else ""
        lines.append(f"  total: {plan_price_text(plan)} for {plan.exams_missing} exam{plural}")
    if plan.ce_pending:
        lines.append(
            f"  {credits_text(plan.ce_pending)} CE pending approval are not counted; "
            "once approved they reduce what is needed"
        )
    return lines


def format_plans(plans: Sequence[Plan], status: CertStatus | None) -> str:
    """A comparison table of the options (when there are several), then the best plan."""
    lines: list[str] = []
    if status is not None:
        lines.append(
            f"{safe(status.name)} [{status.level}] expires {status.expires.isoformat()} "
            f"({status.days_left} days), path {status.path}"
        )
    if len(plans) > 1:
        lines.append("")
        lines.extend(
            _table(
                ("option", "CE needed", "exams", "cost", "hours", "finish"), comparison_rows(plans)
            )
        )
        chosen = best_plan(plans)
        lines.append("")
        if chosen is None:
            lines.append("No option can be met from the catalog before the deadline.")
            return "\n".join(lines)
        lines.extend(plan_lines(chosen))
    elif plans:
        lines.append("")
        lines.extend(plan_lines(plans[0]))
    return "\n".join(lines)
