"""Prices in the plan displays: `ce-tui plan` text and the Plan screen's cells and totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ce_tui.domain.models import Activity, Certification, Ledger
from ce_tui.domain.planner import Plan, compare_options, plan
from ce_tui.domain.rules import default_rules
from ce_tui.plan_text import best_plan, comparison_rows, plan_lines, price_text
from ce_tui.tui.widgets.plan_table import step_cells, totals_text

RULES = default_rules()
TODAY = date(2026, 6, 1)
LEDGER = Ledger(
    certifications=(
        Certification(id="ccnp", name="CCNP Test", level="professional", earned=date(2025, 1, 15)),
    )
)


def activity(ident: str, credits: int, price: int | None, estimated: bool = False) -> Activity:
    """An on-demand activity of 8 hours."""
    return Activity(
        id=ident,
        title=f"Course {ident}",
        provider="Test",
        type="elearning",
        technology="Enterprise",
        credits=credits,
        price_clc=None if price is None else Decimal(price),
        price_estimated=estimated,
        hours=8,
    )


def options(catalog: list[Activity]) -> dict[str, Plan]:
    """Every option of the CCNP by price, by id."""
    return {p.option_id: p for p in compare_options(LEDGER, RULES, TODAY, catalog, "ccnp")}


def test_price_text() -> None:
    assert price_text(Decimal(40)) == "40 CLC"
    assert price_text(Decimal(40), estimated=True) == "~40 CLC"
    assert price_text(Decimal(40), unknown=True) == "40+ CLC"
    assert price_text(Decimal(40), unknown=True, estimated=True) == "~40+ CLC"
    assert price_text(None) == "price unknown"


def test_comparison_marks_estimated_totals() -> None:
    """Exam options cost their list price, marked '~'; a published CE plan has no '~'."""
    rows = {row[0]: row for row in comparison_rows(list(options([activity("a", 80, 12)]).values()))}
    assert rows["ce"][3] == "12 CLC"
    assert rows["ce+exam"][3] == "~15 CLC"  # 40 CE from "a" (12) and a concentration exam (~3)
    assert rows["core"][3] == "~4 CLC"
    assert rows["two-concentration"][3] == "~6 CLC"
    assert rows["lab"][3] == "~19 CLC"
    estimated = {
        row[0]: row
        for row in comparison_rows(
            [plan(LEDGER, RULES, TODAY, [activity("e", 80, 12, True)], "ccnp")]
        )
    }
    assert estimated["ce"][3] == "~12 CLC"


def test_best_plan_counts_exam_prices() -> None:
    """A CE plan dearer than an exam loses to it; a cheaper one wins."""
    best = best_plan(list(options([activity("a", 80, 12)]).values()))
    assert best is not None and best.option_id == "core"
    best = best_plan(list(options([activity("a", 80, 2)]).values()))
    assert best is not None and best.option_id == "ce"


def test_best_plan_puts_unknown_prices_after_known_ones() -> None:
    """Two plans of the same price: the one whose price is fully known is best."""
    unknown = plan(LEDGER, RULES, TODAY, [activity("u", 80, None)], "ccnp")
    known = plan(LEDGER, RULES, TODAY, [activity("k", 80, 0)], "ccnp")
    assert best_plan([unknown, known]) is known
    assert best_plan([known, unknown]) is known


def test_plan_lines_show_exam_prices_and_totals() -> None:
    by_id = options([activity("a", 40, 12, True)])
    exam_only = plan_lines(by_id["core"])
    assert "Prepare (80 h) and pass 1 core exam by 2028-01-15  ~4 CLC (list price)" in exam_only[1]
    # 80 h of preparation at 2 h a day from 2026-06-02: ready on 2026-07-11.
    assert exam_only[1].endswith("prepared by 2026-07-11")
    assert exam_only[2] == "  total: ~4 CLC for 1 exam, 80 h of preparation, ready by 2026-07-11"
    both = plan_lines(by_id["ce+exam"])
    total = next(line for line in both if line.startswith("  total:"))
    assert "~15 CLC (incl. ~3 CLC for 1 exam)" in total
    two = plan_lines(by_id["two-concentration"])
    total = next(line for line in two if line.startswith("  total:"))
    assert total == "  total: ~6 CLC for 2 exams, 80 h of preparation, ready by 2026-07-11"


def test_plan_lines_mark_unknown_prices() -> None:
    lines = plan_lines(plan(LEDGER, RULES, TODAY, [activity("u", 80, None)], "ccnp"))
    assert "price unknown" in lines[1]
    assert ", 0+ CLC, " in lines[2]


def test_plan_screen_cells_and_totals() -> None:
    """The steps table prices an exam; the totals line gives the exams' share or price."""
    by_id = options([activity("a", 40, 12, True)])
    exam = by_id["core"].steps[-1]
    cells = step_cells(exam, whatif=False)
    assert cells[3:] == ("80 h", "~4 CLC", "ready 2026-07-11")
    assert str(totals_text(by_id["core"])) == (
        "~4 CLC for 1 exam, 80 h of preparation, ready by 2026-07-11"
    )
    both = str(totals_text(by_id["ce+exam"]))
    assert "~15 CLC (incl. ~3 CLC for 1 exam)" in both and "48 h" in both
