"""Searching the Claims screen: `/`, typing filters, `escape` leaves and clears, `enter` returns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, Static

from ce_tui.domain.models import Ledger
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.claim_form import ClaimForm
from ce_tui.tui.screens.claims import ClaimsScreen
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.helpers import claim, settle

SIZE = (100, 30)
MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None)` fixture of tests/tui/conftest.py."""


LEDGER = Ledger(
    claims=(
        claim("c1", "Cisco Live Amsterdam", completed=date(2026, 2, 12)),
        claim(
            "c2",
            "ENCOR class",
            catalog_id="nil-encor",
            completed=date(2026, 6, 1),
            submitted=date(2026, 6, 10),
        ),
        claim("c3", "SCOR e-learning", completed=date(2026, 9, 3), submitted=None, status="draft"),
        claim(
            "c4",
            "Cisco Live Las Vegas",
            completed=date(2026, 6, 9),
            submitted=date(2026, 6, 20),
            status="pending",
        ),
    )
)


def table(app: CeApp) -> LazyTable:
    """The claims table."""
    return app.screen.query_one("#claims-table", LazyTable)


def table_text(app: CeApp) -> str:
    """The claims table as drawn."""
    widget = table(app)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def shown(app: CeApp) -> list[str]:
    """The ids of the listed claims, in order."""
    return [c.id for c in table(app).rows]


def summary(app: CeApp) -> str:
    """The summary line."""
    return str(app.screen.query_one("#claims-count", Static).render())


async def test_typing_filters_as_you_type_and_escape_clears(make_app: MakeApp) -> None:
    app = make_app(LEDGER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert isinstance(app.screen, ClaimsScreen)
        assert shown(app) == ["c3", "c4", "c2", "c1"]
        assert summary(app).startswith("4 claims:")
        await pilot.press("slash")
        box = app.screen.query_one("#claims-search", Input)
        assert box.has_focus
        counts = []
        for letter in "live":
            await pilot.press(letter)
            counts.append(len(shown(app)))
        assert counts == [4, 2, 2, 2]  # every title has an "l"
        assert shown(app) == ["c4", "c1"]
        assert summary(app) == "2 of 4 claims: 0 draft, 1 pending, 1 approved, 0 rejected"
        # Every word, any field, any case: the status and a date.
        await pilot.press("space", *"PEND", "space", *"2026-06")
        assert shown(app) == ["c4"]
        # Keys typed in the box are text: "e" did not open the form, "4" no screen.
        assert isinstance(app.screen, ClaimsScreen)
        # Down moves to the results, keeping the search.
        await pilot.press("down")
        assert table(app).has_focus
        assert box.value == "live PEND 2026-06"
        assert shown(app) == ["c4"]
        # Escape in the table clears the search.
        await pilot.press("escape")
        await settle(pilot)
        assert box.value == ""
        assert shown(app) == ["c3", "c4", "c2", "c1"]
        assert summary(app).startswith("4 claims:")
        # Escape in the box clears the search too, and leaves the box.
        await pilot.press("slash", *"zzz")
        await settle(pilot)
        assert shown(app) == []
        assert "No claim matches the search" in table_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert table(app).has_focus and box.value == ""
        assert shown(app) == ["c3", "c4", "c2", "c1"]


async def test_catalog_id_matches_and_enter_returns_to_the_table(make_app: MakeApp) -> None:
    app = make_app(LEDGER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "slash", *"NIL-enc", "enter")
        assert shown(app) == ["c2"]
        assert table(app).has_focus
        assert isinstance(app.screen, ClaimsScreen)  # enter in the box edits nothing
        await pilot.press("slash", *"nothing like it")
        assert shown(app) == []
        assert summary(app).startswith("0 of 4 claims:")


async def test_the_highlighted_claim_after_filtering_is_the_one_edited(
    make_app: MakeApp,
) -> None:
    app = make_app(LEDGER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "down", "down")
        assert table(app).current.id == "c2"
        await pilot.press("slash", *"cisco", "enter")
        assert shown(app) == ["c4", "c1"]
        await pilot.press("down")
        assert table(app).current.id == "c1"
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#field-activity", Input).value == "Cisco Live Amsterdam"


async def test_markup_looking_text_stays_literal(make_app: MakeApp) -> None:
    app = make_app(Ledger(claims=(claim("c1", "[bold]Lab[/bold] [link=x]day"),)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "slash", *"[bold]", "enter")
        await settle(pilot)
        assert shown(app) == ["c1"]
        assert summary(app).startswith("1 claim:")
        drawn = "\n".join(table(app).render_line(y).text for y in range(table(app).size.height))
        assert "[bold]Lab[/bold] [link=x]day" in drawn
        await pilot.press("slash", *"[/", "x")
        assert shown(app) == []
