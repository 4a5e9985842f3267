"""Toasts appear at the top: at the bottom they hid the what-if panel and plan totals."""

from __future__ import annotations

from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


async def test_a_toast_shows_near_the_top_at_80x24(make_app: MakeApp) -> None:
    """On Plan at 80x24 a toast stays in the top half, below the header."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        app.notify("Saved something")
        for _ in range(5):
            await settle(pilot)
        toasts = list(app.screen.query("Toast"))
        assert toasts
        assert all(t.region.y >= 1 and t.region.bottom <= 12 for t in toasts)
