"""At 80x24 the most urgent alert is above the cards, not below the fold."""

from __future__ import annotations

from textual.widgets import Static

from ce_tui.domain.models import Ledger
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


async def test_the_most_urgent_alert_is_above_the_cards_when_narrow(make_app: MakeApp) -> None:
    """One line: its severity, how many others are below, its message; visible on screen."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        top = app.screen.query_one("#top-alert", Static)
        evaluation = app.evaluation
        assert evaluation is not None and top.display and top.region.height == 1
        text = top.render_line(0).text
        assert text.startswith("CRIT +") and f"+{len(evaluation.alerts) - 1} more below" in text
        assert top.region.y < app.screen.query_one("#progress-body").region.y


async def test_wide_or_without_alerts_there_is_no_extra_line(make_app: MakeApp) -> None:
    """Beside the cards the alerts are in view already; no alerts, no line."""
    app = make_app(demo=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#top-alert").region.height == 0
    app = make_app(Ledger())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#top-alert").region.height == 0


async def test_path_and_plan_open_on_the_card_highlighted(make_app: MakeApp) -> None:
    """Move to a card, press 2 (or 5): that certification is shown, not the target."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        assert getattr(app.focused, "cert_id", None) == "spec-scor"
        await pilot.press("2")
        await settle(pilot)
        assert "Security Core" in str(app.screen.query_one("#path-head").render())
        await pilot.press("1", "j")
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert app.selected_cert == "ccda"
