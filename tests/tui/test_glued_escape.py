"""Escape and the next key read as one (ESC g is alt+g, ESC 2 is `™`) act as both keys."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ce_tui.tui.dialogs.exams_dialog import ExamsDialog
from ce_tui.tui.screens.catalog import CatalogScreen
from tests.tui.conftest import MakeApp


async def test_escape_glued_to_g_closes_the_exams_list_and_shows_the_timeline(
    make_app: MakeApp,
) -> None:
    """On Path, X lists the exams; escape and g in one read close it and open the timeline."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "X")
        await pilot.pause()
        assert isinstance(app.screen, ExamsDialog)
        app.post_message(events.Key("alt+g", "g"))
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, ExamsDialog)
        assert app.screen.query_one("#timeline").display


async def test_escape_glued_to_a_digit_closes_the_form_and_switches_screen(
    make_app: MakeApp,
) -> None:
    """The add-certification form is open on Progress; escape then 3 (read as `£`) shows Catalog."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab")  # off the name box, onto the level list
        assert not isinstance(app.focused, Input)
        app.post_message(events.Key("pound_sign", "£"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)


async def test_escape_glued_to_a_digit_in_a_form_field_cancels_and_switches(
    make_app: MakeApp,
) -> None:
    """In the exam form's code box, escape then 5 (read as `∞`): no `∞` stored, Plan shown."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "x")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        app.post_message(events.Key("infinity", "∞"))
        for _ in range(4):
            await pilot.pause()
        assert type(app.screen).__name__ == "PlanScreen"
        assert app.services.load().exams == ()


async def test_a_pasted_pound_sign_stays_in_the_field(make_app: MakeApp) -> None:
    """A paste arrives as text: `£300` pasted in a form's field is kept as typed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        app.post_message(events.Paste("£300"))
        await pilot.pause()
        assert app.focused.value == "£300"


async def test_escape_glued_to_a_digit_in_a_search_box_switches_screen(make_app: MakeApp) -> None:
    """Searching the catalog, escape then 4 (read as `¢`), `/web`: Claims searched for "web"."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "slash", *"live")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        app.post_message(events.Key("cent_sign", "¢"))
        for key in ("slash", *"web"):
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        for _ in range(4):
            await pilot.pause()
        assert type(app.screen).__name__ == "ClaimsScreen"
        assert app.screen.query_one("#claims-search", Input).value == "web"
