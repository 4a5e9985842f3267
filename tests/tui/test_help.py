"""The `?` help lists the keys of the screen and of the app, and closes with escape."""

from __future__ import annotations

from ce_tui.tui.screens.help import HelpScreen
from tests.tui.conftest import MakeApp


async def test_help_lists_screen_and_app_keys(make_app: MakeApp) -> None:
    """Claims keys first, then every app key: screens 1-5, undo, redo, quit."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        keys = [key for key, _action, _app in screen.rows]
        for key in ("n", "e", "s", "del", "1", "2", "3", "4", "5", "^z", "^y", "q"):
            assert key in keys, key
        app_rows = [app_key for _k, _a, app_key in screen.rows]
        assert app_rows == sorted(app_rows)  # the screen's keys come first
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
