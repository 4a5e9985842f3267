"""A long career: Progress draws a bounded number of alerts and history events."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console

from ce_tui.domain.evaluation import Alert, Evaluation, HistoryEvent
from ce_tui.tui.screens.progress import SHOWN, alert_rows, history_rows
from ce_tui.tui.widgets.grid_text import GridRow, grid_table


def rendered(rows: list[GridRow] | object) -> str:
    """Plain text of the rows (as the Rich grid they are drawn like) or of a Rich renderable."""
    console = Console(width=100, record=True, color_system=None)
    console.print(grid_table(rows) if isinstance(rows, list) else rows)
    return console.export_text()


def test_history_and_alerts_are_capped_with_a_count() -> None:
    """500 events and 100 alerts: SHOWN of each, then how many were left out."""
    day = date(2020, 1, 1)
    history = tuple(
        HistoryEvent(date=day + timedelta(days=i), certification="c", event="earned")
        for i in range(500)
    )
    alerts = tuple(Alert(kind="k", severity="info", message=f"alert {i}") for i in range(100))
    evaluation = Evaluation(
        today=date(2026, 11, 28), target=None, certifications=(), alerts=alerts, history=history
    )
    text = rendered(history_rows(evaluation))
    assert text.count("earned") == SHOWN
    assert f"and {500 - SHOWN} older events" in text
    assert (day + timedelta(days=499)).isoformat() in text  # newest first
    text = rendered(alert_rows(alerts))
    assert f"and {100 - SHOWN} more" in text
    assert "alert 99" not in text
