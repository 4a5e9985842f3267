"""The Claims screen and its dialogs, driven by keys on a real store in a temp folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.models import Certification, Claim, Ledger
from ce_tui.services import Services
from ce_tui.store import StoreError, TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.claim_form import ClaimForm
from ce_tui.tui.dialogs.confirm import ConfirmDialog
from ce_tui.tui.dialogs.status_dialog import StatusDialog
from ce_tui.tui.screens.claims import ClaimsScreen
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.helpers import claim, settle

TODAY = date(2026, 11, 28)
SIZE = (100, 30)

CCNP = Certification(
    id="ccnp",
    name="CCNP Enterprise",
    level="professional",
    earned=date(2025, 3, 1),
    path="ce",
)


MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None)` fixture of tests/tui/conftest.py."""


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` key by key."""
    await pilot.press(*text)


def table(app: CeApp) -> LazyTable:
    """The claims table."""
    return app.screen.query_one("#claims-table", LazyTable)


def table_text(app: CeApp) -> str:
    """The claims table as drawn, one line per screen line."""
    widget = table(app)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def ccnp(app: CeApp) -> CertStatus:
    """The CCNP's status in the app's evaluation."""
    assert app.evaluation is not None
    return next(s for s in app.evaluation.certifications if s.id == "ccnp")


async def test_file_a_claim_by_keys_updates_store_and_progress(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert isinstance(app.screen, ClaimsScreen)
        assert ccnp(app).pending == 0
        await pilot.press("n")
        assert isinstance(app.screen, ClaimsScreen) is False
        await type_text(pilot, "ENCOR class")
        await pilot.press("tab")
        await type_text(pilot, "64")
        await pilot.press("tab")
        await type_text(pilot, "2026-06-01")
        await pilot.press("tab")
        await type_text(pilot, "2026-06-05")
        await settle(pilot)
        assert app.screen.query_one("#field-status", Select).value == "pending"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        saved = store.load().claims
        assert [(c.activity, c.credits, c.status) for c in saved] == [
            ("ENCOR class", Decimal(64), "pending")
        ]
        assert saved[0].submitted == date(2026, 6, 5)
        assert ccnp(app).pending == 64
        assert "ENCOR class" in table_text(app)

        # Approve it: the credits move from pending to approved.
        await pilot.press("s", "a", "enter")
        await settle(pilot)
        assert store.load().claims[0].status == "approved"
        assert (ccnp(app).approved, ccnp(app).pending) == (Decimal(64), Decimal(0))
        # And undo goes back to pending.
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().claims[0].status == "pending"


async def test_out_of_window_date_is_shown_inline_and_nothing_is_saved(
    make_app: MakeApp,
    store: TinyDBStore,
) -> None:
    app = make_app(Ledger(certifications=(CCNP,), claims=(claim("c1", "Old"),)))
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await type_text(pilot, "Late claim")
        await pilot.press("tab")
        await type_text(pilot, "8")
        await pilot.press("tab")
        await type_text(pilot, "2025-01-10")
        await pilot.press("tab")
        await type_text(pilot, "2026-01-11")
        await settle(pilot)
        error = app.screen.query_one("#error-submitted", Static)
        assert error.display
        assert "366 days after completion" in str(error.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClaimForm)
        assert app.screen.query_one("#field-activity", Input).value == "Late claim"
    assert store.path.read_bytes() == before


async def test_every_input_rule_is_shown_next_to_its_field(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app(Ledger())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        form = app.screen
        assert isinstance(form, ClaimForm)

        async def set_field(name: str, value: str) -> None:
            form.query_one(f"#field-{name}", Input).value = value
            await settle(pilot)

        def error(name: str) -> str:
            widget = form.query_one(f"#error-{name}", Static)
            return str(widget.render()) if widget.display else ""

        await set_field("activity", "Course")
        await set_field("credits", "0")
        assert "more than 0" in error("credits")
        await set_field("credits", "1.234")
        assert "more than 2 decimals" in error("credits")
        await set_field("credits", "ten")
        assert "must be a number" in error("credits")
        await set_field("credits", "4")
        assert error("credits") == ""
        await set_field("completed", "2026-02-30")
        assert "not a calendar date" in error("completed")
        await set_field("completed", "2026-05-10")
        await set_field("submitted", "2026-05-01")
        assert "before completion" in error("submitted")
        # A draft with a submitted date (status chosen by hand).
        form.query_one("#field-status", Select).value = "draft"
        await settle(pilot)
        await set_field("submitted", "2026-05-11")
        assert "draft" in error("submitted")
        # Any other status without a submitted date.
        form.query_one("#field-status", Select).value = "approved"
        await settle(pilot)
        await set_field("submitted", "")
        assert "required" in error("submitted")


async def test_status_follows_the_submitted_date_until_chosen_by_hand(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app(Ledger())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        form = app.screen
        status = form.query_one("#field-status", Select)
        submitted = form.query_one("#field-submitted", Input)
        assert status.value == "draft"
        submitted.value = "2026-05-01"
        await settle(pilot)
        assert status.value == "pending"
        submitted.value = ""
        await settle(pilot)
        assert status.value == "draft"
        status.value = "approved"
        await settle(pilot)
        submitted.value = "2026-05-01"
        await settle(pilot)
        submitted.value = ""
        await settle(pilot)
        assert status.value == "approved"


async def test_delete_asks_and_undo_restores(make_app: MakeApp, store: TinyDBStore) -> None:
    old = claim("c1", "Keep me", catalog_id="CSCO-X")
    app = make_app(Ledger(certifications=(CCNP,), claims=(old,)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert store.load().claims == (old,)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert store.load().claims == ()
        assert "No claims yet" in table_text(app)
        assert ccnp(app).approved == 0
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().claims == (old,)
        assert ccnp(app).approved == 16
        assert "Keep me" in table_text(app)


async def test_edit_a_claim_and_undo_the_edit(make_app: MakeApp, store: TinyDBStore) -> None:
    old = claim("c1", "Typo clas")
    app = make_app(Ledger(claims=(old,)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "e")
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#field-activity", Input).value == "Typo clas"
        assert form.query_one("#field-status", Select).value == "approved"
        await pilot.press("end", "s", "tab")
        await pilot.press(*"24")  # Tab selected the credits; typing replaces them.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.load().claims == (replace(old, activity="Typo class", credits=Decimal(24)),)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().claims == (old,)


async def test_submitting_a_draft_asks_for_the_date_defaulting_to_today(
    make_app: MakeApp,
    store: TinyDBStore,
) -> None:
    draft = claim("c1", "Draft", submitted=None, status="draft", completed=date(2026, 10, 1))
    app = make_app(Ledger(claims=(draft,)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "s")
        dialog = app.screen
        assert isinstance(dialog, StatusDialog)
        assert not dialog.query_one("#status-date-row").display
        await pilot.press("p")
        assert dialog.query_one("#status-date-row").display
        assert dialog.query_one("#status-submitted", Input).value == "2026-11-28"
        await pilot.press("enter")
        await settle(pilot)
        saved = store.load().claims[0]
        assert (saved.status, saved.submitted) == ("pending", TODAY)
        # Back to draft clears the date; undo restores the pending claim.
        await pilot.press("s", "d", "enter")
        await settle(pilot)
        assert store.load().claims[0] == draft
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().claims[0] == saved


async def test_a_store_error_keeps_the_form_open_with_what_was_typed(
    make_app: MakeApp, store: TinyDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(Ledger())

    def broken(self: Services, new: Claim) -> Ledger:
        raise StoreError("disk full")

    monkeypatch.setattr(Services, "add_claim", broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await type_text(pilot, "Course")
        await pilot.press("tab", "4", "tab")
        await type_text(pilot, "2026-05-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClaimForm)
        assert app.screen.query_one("#field-activity", Input).value == "Course"
        assert app.screen.query_one("#field-completed", Input).value == "2026-05-01"
    assert store.load().claims == ()


async def test_draft_window_shows_days_left_or_closed(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    open_draft = claim("c1", "Open", submitted=None, status="draft", completed=date(2026, 1, 1))
    late = claim("c2", "Late", submitted=None, status="draft", completed=date(2025, 1, 1))
    app = make_app(Ledger(claims=(open_draft, late)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        lines = table_text(app).splitlines()
        assert any("Open" in line and "34 days" in line for line in lines)
        assert any("Late" in line and "closed" in line for line in lines)


async def test_markup_in_a_title_shows_literally(make_app: MakeApp, store: TinyDBStore) -> None:
    titles = ("[bold red]x[/]", "[@click=app.quit]quit[/]")
    claims = tuple(claim(f"c{i}", t) for i, t in enumerate(titles, 1))
    app = make_app(Ledger(claims=claims))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        text = table_text(app)
        for title in titles:
            assert title in text
        detail = app.screen.query_one("#claims-detail", Static)
        assert "[" in str(detail.render())
        await pilot.press("delete")
        question = app.screen.query_one("#confirm-question", Static)
        assert "[@click=app.quit]quit[/]" in str(question.render())
