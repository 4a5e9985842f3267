"""Columns and cells of the Plan screen's two tables: the options compared, a plan's steps.

Both tables are :class:`~ce_tui.tui.widgets.lazy_table.LazyTable`s, so a
narrow terminal hides the least important columns instead of scrolling
sideways. Figures come from the planner's :class:`~ce_tui.domain.planner.Plan`
through :func:`~ce_tui.plan_text.comparison_rows`; every cell is a `Text`
or a plain `str`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ce_tui.domain.alerts import credits_text
from ce_tui.domain.planner import Plan, PlanStep
from ce_tui.plan_text import comparison_rows, exams_total_text, plan_price_text, price_text
from ce_tui.tui.whatif import WHATIF_MARK
from ce_tui.tui.widgets.lazy_table import Cell, Column

BEST_MARK = "★"
"""Marks the option the objective picks (the best plan)."""

PATH_MARK = "●"
"""Marks the certification's own path."""


OPTION_COLUMNS = (
    Column("option", "Option", 21, priority=100),
    Column("ce", "CE to plan", 10, align="right", priority=90),
    Column("exams", "Exams", 5, align="right", priority=80),
    Column("cost", "Cost", 12, priority=70),
    Column("hours", "Hours", 7, align="right", priority=60),
    Column("finish", "Finish", 10, priority=50),
    Column("note", "Note", 12, stretch=True, priority=10),
)
"""The comparison table: one row per option of the level."""

STEP_COLUMNS = (
    Column("date", "Date", 10, priority=90),
    Column("step", "Step", 24, stretch=True, priority=100),
    Column("ce", "CE", 4, align="right", priority=80),
    Column("hours", "Hours", 6, align="right", priority=60),
    Column("cost", "Cost", 13, priority=70),
    Column("when", "When", 18, priority=40),
)
"""The steps table: the activities of one plan in date order, then its exams."""


def option_cells(plan: Plan, best: bool, path: bool) -> Sequence[Cell]:
    """One option compared: marks and id, CE still needed, exams, cost, hours, finish, note."""
    option, ce, exams, cost, hours, finish = comparison_rows([plan])[0]
    name = Text(f"{BEST_MARK if best else ' '} {option}")
    if path:
        name.append(f" {PATH_MARK}")
    if best:
        name.stylize("bold")
    price: Cell = cost if plan.feasible else Text(cost, style="italic")
    notes = [f"best by {plan.objective}"] if best else []
    if path:
        notes.append("your path")
    if not plan.feasible:
        notes.append(plan.reason or "no combination fits")
    return (name, ce, exams, price, hours, finish, ", ".join(notes))


def step_cells(step: PlanStep, whatif: bool) -> Sequence[Cell]:
    """One step: its date, title, credits, hours, price and when it happens."""
    if step.kind == "exam":
        price = price_text(step.price_clc, estimated=step.price_estimated)
        hours = f"{step.hours:g} h"
        return (step.date.isoformat(), step.title, "—", hours, price, f"ready {step.finish}")
    if step.kind == "claim":
        return (step.date.isoformat(), step.title, credits_text(step.credits), "—", "—", "submit")
    title = Text(f"{WHATIF_MARK if whatif else ' '} ")
    title.append(step.title)
    when = (
        f"session {step.session.isoformat()}" if step.session else f"done {step.finish.isoformat()}"
    )
    return (
        step.date.isoformat(),
        title,
        credits_text(step.credits),
        f"{step.hours:g} h",
        price_text(step.price_clc, estimated=step.price_estimated),
        when,
    )


def totals_text(plan: Plan) -> Text:
    """What the plan adds up to, or why it cannot be done; and the credits pending."""
    if not plan.feasible:
        return Text(f"Not possible: {plan.reason or 'no combination fits'}")
    parts: list[str] = []
    if not plan.activities and plan.exams_missing:
        parts.append(exams_total_text(plan))
    elif plan.activities:
        done = plan.finish_date.isoformat() if plan.finish_date else "-"
        parts.append(
            f"Total {credits_text(plan.total_credits)} CE for {credits_text(plan.ce_to_plan)} "
            f"to plan · {plan_price_text(plan)} · {plan.total_hours:g} h · done {done}"
        )
    elif plan.steps:
        parts.append("Submitting the drafts is enough.")
    else:
        parts.append("Nothing left to do for this option.")
    counted = plan.assumptions.expected != ("approved",)
    if plan.ce_pending:
        state = "expected" if counted else "not counted"
        parts.append(f"{credits_text(plan.ce_pending)} CE pending {state}")
    return Text(" · ".join(parts))
