"""The claim form warns about an activity dated after today and will not approve it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Select, Static

from ce_tui.domain.models import Certification, Ledger
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.claim_form import ClaimForm
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None)` fixture of tests/tui/conftest.py."""

CCNP = Certification(
    id="ccnp", name="CCNP Enterprise", level="professional", earned=date(2025, 3, 1), path="ce"
)


async def test_a_claim_completed_after_today_is_warned_and_not_approved(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """The note names today; approved is refused on save; nothing is written."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ClaimForm)
        await pilot.press(*"Talk", "tab", "2", "tab", *"2026-12-05", "tab", *"2026-12-06")
        await settle(pilot)
        note = form.query_one("#claim-note", Static)
        assert note.display and "after today (2026-11-28)" in str(note.render())
        form.query_one("#field-status", Select).value = "approved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "completed after today" in str(form.query_one("#error-status", Static).render())
        assert store.load().claims == ()
