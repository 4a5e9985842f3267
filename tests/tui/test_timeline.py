"""The credit timeline chart: shapes for approved, pending, need and today; the `g` key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ce_tui.domain.timeline import Step, Timeline, column_of
from ce_tui.tui.widgets.credit_timeline import (
    NEED,
    chart_content,
    pace_text,
    plot_lines,
)
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


def sample(**changes: object) -> Timeline:
    """40 approved by mid-cycle, 20 pending after, need 80, today two thirds through."""
    data: dict[str, object] = {
        "start": date(2024, 1, 1),
        "deadline": date(2027, 1, 1),
        "today": date(2026, 1, 1),
        "need": 80,
        "steps": (
            Step(day=date(2025, 1, 1), approved=Decimal(40), pending=Decimal(0)),
            Step(day=date(2025, 7, 1), approved=Decimal(40), pending=Decimal(20)),
        ),
        "approved": Decimal(40),
        "pending": Decimal(20),
        "still_needed": Decimal(20),
        "months_left": 12,
        "per_month": Decimal("1.7"),
    }
    return Timeline(**(data | changes))  # type: ignore[arg-type]


def test_plot_uses_shapes_not_colour() -> None:
    grid = plot_lines(sample(), 37, rows=4)
    columns = ["".join(row[x] for row in grid) for x in range(37)]
    assert columns[0] == "─   "  # nothing yet, the need line on the top row (80 of 80)
    assert columns[20] == "─▒██"  # after 2025-07: 40 approved (half) and 20 pending on top
    today = column_of(sample(), date(2026, 1, 1), 37)
    assert today == 24 and columns[today] == "─▒██"  # bars stand in front of the today mark
    assert all(set(c) <= {" ", NEED} for c in columns[today + 1 :])  # the future is empty
    axis = chart_content(sample(), 37 + 7).plain.splitlines()[4]
    assert axis.index("┴") == len("   0 └") + today  # the date axis marks today
    assert columns[14] == "─ ██"  # 2025-01 to 2025-07: 40 approved, nothing pending yet


def test_chart_has_axis_dates_and_legend() -> None:
    text = chart_content(sample(), 60).plain
    lines = text.splitlines()
    assert lines[0].lstrip().startswith("80 │")
    assert "2024-01-01" in lines[-2] and "2027-01-01 deadline" in lines[-2]
    assert "today " not in lines[-2]  # no room between the dates at this width
    wide = chart_content(sample(), 78).plain.splitlines()
    assert wide[-2].index("today") + 2 == wide[-3].index("┴")  # today named under its mark
    assert "█ approved 40" in lines[-1] and "▒ pending 20" in lines[-1]
    assert "─ need 80" in lines[-1] and "┊ today 2026-01-01" in lines[-1]
    assert max(len(line) for line in lines) <= 60


def test_pace_text() -> None:
    assert pace_text(sample()) == "20 CE still to earn: 1.7 a month for 12 months"
    assert pace_text(sample(still_needed=Decimal(0))) == "need met once 40 pending CE are approved"
    assert pace_text(sample(need=0)) == "no CE credits needed on this path"


async def test_g_toggles_the_timeline_on_path(make_app: MakeApp) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        chart = app.screen.query_one("#timeline")
        assert not chart.display
        await pilot.press("g")
        await settle(pilot)
        assert chart.display and not app.screen.query_one("#steps").display
        assert "Credit timeline" in str(app.screen.query_one("#steps-title").render())
        assert chart.region.bottom <= 23  # the whole chart is on an 80x24 screen
        await pilot.press("g")
        await settle(pilot)
        assert not chart.display and app.screen.query_one("#steps").display
