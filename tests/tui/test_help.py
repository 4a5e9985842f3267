"""The `?` help: the app's own keys grouped by screen (this one first), with a filter."""

from __future__ import annotations

from textual.widgets import Input, Static

from ce_tui.tui.screens.help import EVERYWHERE, HelpScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle


def drawn(widget: Static) -> str:
    """What a widget shows, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_help_lists_every_screens_keys_grouped_this_one_first(make_app: MakeApp) -> None:
    """Claims first, then each other screen, then the keys that work everywhere."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "question_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        groups = list(dict.fromkeys(group for _key, _text, group in screen.rows))
        assert groups == ["Claims (this screen)", "Progress", "Path", "Catalog", "Plan", EVERYWHERE]
        claims = {key for key, _text, group in screen.rows if group == groups[0]}
        assert {"n", "e", "s", "del", "/"} <= claims
        everywhere = {key for key, _text, group in screen.rows if group == EVERYWHERE}
        assert {"1", "2", "3", "4", "5", "^z", "^y", "q", "?"} <= everywhere
        texts = [text for _key, text, _group in screen.rows]
        assert "Focus Next" not in texts and "Copy selected text" not in texts
        assert all(text[0].isupper() for text in texts)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_typing_filters_the_keys(make_app: MakeApp) -> None:
    """Typed words keep only the keys that mention them all."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.screen.query_one("#help-filter", Input).has_focus
        await pilot.press(*"what-if exam")
        await settle(pilot)
        shown = drawn(app.screen.query_one("#help-keys", Static))
        assert "Add a what-if exam by hand" in shown
        assert "File a new claim" not in shown
        await pilot.press(*" zzz")
        await settle(pilot)
        assert "No key matches" in drawn(app.screen.query_one("#help-keys", Static))
