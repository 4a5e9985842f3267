"""The Path screen: options, choosing a path, the forms, delete, retire, exams, terms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from ce_tui.demo import demo_ledger
from ce_tui.domain.models import Profile
from ce_tui.services import Services
from ce_tui.store.base import StoreError
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.cert_form import CertForm
from ce_tui.tui.dialogs.confirm import ConfirmDialog
from ce_tui.tui.dialogs.exam_form import ExamForm
from ce_tui.tui.screens.path import PathScreen
from ce_tui.tui.widgets.option_table import OptionTable
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]


def path_screen(app: CeApp) -> PathScreen:
    """The Path screen, which must be the one showing."""
    assert isinstance(app.screen, PathScreen)
    return app.screen


def cert(services: Services, cert_id: str) -> object:
    """The stored certification `cert_id`, or None."""
    return next((c for c in services.load().certifications if c.id == cert_id), None)


def text_of(app: CeApp, selector: str) -> str:
    """The plain text of a Static."""
    return str(app.screen.query_one(selector, Static).render())


async def open_path(pilot: Pilot[None]) -> None:
    """Switch to the Path screen and let it draw."""
    await pilot.press("2")
    await settle(pilot)


async def test_path_shows_the_target_and_its_options(make_app: MakeApp) -> None:
    """By default the target, its five options, the path highlighted, the steps ticked."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_path(pilot)
        screen = path_screen(app)
        assert screen.current() is not None and screen.current().id == "ccnp-sec"
        table = screen.query_one(OptionTable)
        assert table.row_count == 5
        assert app.focused is table
        assert table.highlighted is not None and table.highlighted.id == "ce"
        assert "★ target" in text_of(app, "#path-head")
        steps = text_of(app, "#steps")
        assert "[x] CE program terms accepted on 2023-08-16" in steps
        assert "[x] Path chosen: ce" in steps
        assert "[ ] Claims filed: 2 draft claims not submitted yet" in steps
        assert "[ ] Not recertified yet" in steps


async def test_brackets_switch_certification(make_app: MakeApp) -> None:
    """[ and ] walk through the certifications, wrapping around."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_path(pilot)
        await pilot.press("right_square_bracket")
        assert app.selected_cert == "spec-scor"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.selected_cert == "ccde"
        await pilot.press("left_square_bracket")
        assert app.selected_cert == "ccna"
        await settle(pilot)
        assert "CCNA" in text_of(app, "#path-head")
        steps = text_of(app, "#steps")
        assert "[x] Recertified on" in steps


async def test_enter_sets_the_path_and_ctrl_z_restores_it(
    make_app: MakeApp, services: Services
) -> None:
    """Enter on an option stores it as the path; ctrl+z puts the old one back."""
    app = make_app(demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_path(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert cert(services, "ccnp-sec").path == "ce+exam"  # type: ignore[attr-defined]
        table = path_screen(app).query_one(OptionTable)
        assert table.highlighted is not None and table.highlighted.id == "ce+exam"
        assert str(table.get_row_at(1)[0]).startswith("● ")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert cert(services, "ccnp-sec").path == "ce"  # type: ignore[attr-defined]
        assert str(table.get_row_at(0)[0]).startswith("● ")


async def test_add_by_keys_shows_a_bad_date_inline_and_writes_nothing(
    make_app: MakeApp, services: Services, store_path: Path
) -> None:
    """A bad date is shown next to its field and the store file is untouched."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CertForm)
        await pilot.press(*"CCNP Enterprise", "tab", "down", "down", "down")
        await pilot.press("tab", *"2025-02-30")
        before = store_path.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CertForm)
        error = form.query_one("#error-earned", Static)
        assert error.display and "not a calendar date" in str(error.render())
        assert not form.query_one("#error-name", Static).display
        assert store_path.read_bytes() == before
        assert app.focused is form.query_one("#field-earned", Input)
        await pilot.press("ctrl+u", *"2025-02-28", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)
        added = [c for c in services.load().certifications if c.name == "CCNP Enterprise"]
        assert len(added) == 1 and added[0].level == "professional"
        assert app.selected_cert == added[0].id
        assert "CCNP Enterprise" in text_of(app, "#path-head")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert all(c.name != "CCNP Enterprise" for c in services.load().certifications)


async def test_escape_cancels_the_form(make_app: MakeApp, store_path: Path) -> None:
    """Escape closes the form without writing."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        before = store_path.read_bytes()
        await pilot.press("a", *"CCNA", "escape")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)
        assert store_path.read_bytes() == before


async def test_a_store_error_keeps_the_form_open_with_what_was_typed(
    make_app: MakeApp, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing store leaves the form open with its text."""
    app = make_app(demo=True)

    def broken(_cert: object) -> object:
        """A store that cannot write."""
        raise StoreError("disk full")

    monkeypatch.setattr(services, "add_certification", broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        await pilot.press("a", *"CCNA", "tab", "down", "tab", *"2025-01-15")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CertForm)
        assert app.screen.values()["name"] == "CCNA"
        assert app.screen.values()["earned"] == "2025-01-15"


async def test_edit_renames_and_undo_restores(make_app: MakeApp, services: Services) -> None:
    """`e` edits in place; ctrl+z restores the old record."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CertForm)
        assert app.screen.values()["name"] == "CCNP Security"
        await pilot.press("ctrl+u", *"CCNP Security (SCOR)", "ctrl+s")
        await settle(pilot)
        assert cert(services, "ccnp-sec").name == "CCNP Security (SCOR)"  # type: ignore[attr-defined]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert cert(services, "ccnp-sec").name == "CCNP Security"  # type: ignore[attr-defined]


async def test_delete_asks_first_and_can_be_undone(make_app: MakeApp, services: Services) -> None:
    """`delete` asks; `n` keeps, `y` deletes, ctrl+z brings it back."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert cert(services, "ccnp-sec") is not None
        await pilot.press("delete", "y")
        await settle(pilot)
        assert cert(services, "ccnp-sec") is None
        assert path_screen(app).current() is not None
        assert "CCNP Security" not in text_of(app, "#path-head")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert cert(services, "ccnp-sec") is not None


async def test_retire_and_unretire(make_app: MakeApp, services: Services) -> None:
    """`r` toggles retired and the screen stays on that certification."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert cert(services, "ccnp-sec").retired is True  # type: ignore[attr-defined]
        assert "RETIRED" in text_of(app, "#path-head")
        await pilot.press("r")
        await settle(pilot)
        assert cert(services, "ccnp-sec").retired is False  # type: ignore[attr-defined]


async def test_a_passed_core_exam_recertifies_the_professional(
    make_app: MakeApp, services: Services, today: date
) -> None:
    """An exam recorded with `x` counts at once."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExamForm)
        await pilot.press(*"350-701", "tab", *"SCOR", "tab", *["down"] * 3)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)
        exams = [e for e in services.load().exams if e.code == "350-701"]
        assert len(exams) == 1 and exams[0].kind == "core" and exams[0].passed == today
        steps = text_of(app, "#steps")
        assert f"[x] Recertified on {today.isoformat()} via path ce+exam" in steps


async def test_t_records_the_terms_today(
    make_app: MakeApp, services: Services, today: date
) -> None:
    """`t` records acceptance of the program terms today."""
    ledger = replace(demo_ledger(today), profile=Profile())
    app = make_app(ledger, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        assert "[ ] CE program terms not accepted yet" in text_of(app, "#steps")
        await pilot.press("t")
        await settle(pilot)
        assert services.load().profile.terms_accepted == today
        assert f"[x] CE program terms accepted on {today.isoformat()}" in text_of(app, "#steps")


async def test_without_certifications_the_path_screen_says_how_to_add_one(
    make_app: MakeApp,
) -> None:
    """No certification: a hint, and certification keys do nothing."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_path(pilot)
        empty = app.screen.query_one("#path-empty", Static)
        assert empty.display and "Press a to add one" in str(empty.render())
        assert not app.screen.query_one(OptionTable).display
        await pilot.press("e", "r", "delete", "right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)


@pytest.mark.parametrize("name", ["[/]", "[@click=app.quit]Quit[/]", "[bold red]x"])
async def test_a_name_with_markup_is_a_literal_form_heading(make_app: MakeApp, name: str) -> None:
    """The edit form's title shows the certification's name as typed, never as markup."""
    ledger = demo_ledger(date(2026, 11, 28))
    renamed = next(replace(c, name=name) for c in ledger.certifications if c.id == "ccnp-sec")
    certs = tuple(renamed if c.id == renamed.id else c for c in ledger.certifications)
    app = make_app(replace(ledger, certifications=certs))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_path(pilot)
        app.selected_cert = renamed.id
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CertForm)
        box = form.query_one(".form-box")
        assert box.border_title is not None
        assert name in Content.from_markup(box.border_title).plain
