"""The footer: whole labels at 80 columns, the keys that matter kept, none that do nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ce_tui.tui.app import CeApp
from ce_tui.tui.screens.path import PathScreen
from ce_tui.tui.screens.progress import ProgressScreen
from ce_tui.tui.widgets.footer import KeyFooter
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None, demo=False)` fixture of tests/tui/conftest.py."""


def footer_line(app: CeApp) -> str:
    """The footer as drawn."""
    return app.screen.query_one(KeyFooter).render_line(0).text


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
async def test_footer_labels_are_whole_and_keep_screens_undo_help(
    make_app: MakeApp, key: str
) -> None:
    """At 80 columns every label is whole; the screen keys, undo and help always show."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await settle(pilot)
        line = footer_line(app)
        assert len(line) <= 80
        assert "1-5 Screens" in line or "5 Plan" in line
        assert "^z Undo" in line and ("? Help" in line or "? more" in line)
        bindings = [a.binding for a in app.screen.active_bindings.values()]
        words = {b.description for b in bindings} | {"Screens", "more"}
        words |= {b.group.description for b in bindings if b.group}
        for entry in app.screen.query_one(KeyFooter).shown:
            assert entry.label in words
            assert f"{entry.display} {entry.label}" in line


async def test_switching_back_to_progress_draws_it(make_app: MakeApp) -> None:
    """`1` from Path shows Progress at once (the old footer left the Path screen drawn)."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        svg = app.export_screenshot()
        assert "CCDE" in svg and "Set&#160;path" not in svg and "Options&#160;of" not in svg


async def test_an_empty_path_screen_offers_no_certification_actions(make_app: MakeApp) -> None:
    """With no certification there is nothing to edit, retire or delete: those keys are gone."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        line = footer_line(app)
        for label in ("Edit", "Retire", "Delete", "Set path"):
            assert label not in line
        assert "a Add" in line
