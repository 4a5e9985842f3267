"""`q` with unsaved what-ifs asks first instead of dropping them silently."""

from __future__ import annotations

from datetime import date

from ce_tui.domain.whatif import HypotheticalExam
from ce_tui.tui.dialogs.confirm import ConfirmDialog
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle

EXAM = HypotheticalExam(kind="core", passed=date(2026, 12, 15), name="SCOR")


async def test_q_with_what_ifs_asks_and_n_stays(make_app: MakeApp) -> None:
    """q asks; n keeps the app and the what-ifs; q then y quits."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.hypotheses = (EXAM,)
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "forget 1 what-if" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running and app.hypotheses == (EXAM,)
        await pilot.press("q", "y")
        await settle(pilot)
        assert not app.is_running


async def test_q_without_what_ifs_quits_at_once(make_app: MakeApp) -> None:
    """Nothing unsaved: no question."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running
