"""Your own catalog activities: edited and deleted with undo; a new one is never hidden."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from textual.pilot import Pilot

from ce_tui.domain.models import Activity, Ledger
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.activity_form import ActivityForm
from ce_tui.tui.dialogs.confirm import ConfirmDialog
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle

MINE = Activity(
    id="my1",
    title="Zeta home lab",
    provider="Home lab",
    type="authoring",
    technology="Wireless",
    credits=Decimal(3),
)
SIZE = (120, 40)


def table(app: CeApp) -> LazyTable:
    """The catalog table."""
    return app.screen.query_one("#catalog-table", LazyTable)


async def open_mine(pilot: Pilot[None], app: CeApp) -> None:
    """Catalog, searched down to the own activity, the cursor on it."""
    await pilot.press("3", "slash", *"zeta home", "enter")
    await settle(pilot)
    assert [a.id for a in table(app).rows] == ["my1"]


async def test_edit_an_own_activity_and_undo(make_app: MakeApp, store: TinyDBStore) -> None:
    """e opens it filled in; the change is stored; ctrl+z restores the old one."""
    app = make_app(Ledger(catalog=(MINE,)))
    async with app.run_test(size=SIZE) as pilot:
        await open_mine(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActivityForm) and form.values()["title"] == "Zeta home lab"
        await pilot.press("tab", "tab", "tab", "tab", "ctrl+u", "5", "ctrl+s")
        await settle(pilot)
        assert store.load().catalog == (replace(MINE, credits=Decimal(5)),)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().catalog == (MINE,)


async def test_delete_an_own_activity_and_undo(make_app: MakeApp, store: TinyDBStore) -> None:
    """delete asks, removes it; ctrl+z brings it back."""
    app = make_app(Ledger(catalog=(MINE,)))
    async with app.run_test(size=SIZE) as pilot:
        await open_mine(pilot, app)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert store.load().catalog == ()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().catalog == (MINE,)


async def test_shipped_activities_cannot_be_edited(make_app: MakeApp, store: TinyDBStore) -> None:
    """e on a shipped activity says why and opens nothing."""
    app = make_app(Ledger())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "e")
        await settle(pilot)
        assert not isinstance(app.screen, ActivityForm)


async def test_a_new_activity_hidden_by_a_search_is_shown(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """A search that would hide the activity just added is cleared, the cursor on it."""
    app = make_app(Ledger())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", *"encor", "enter", "t")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActivityForm)
        await pilot.press(*"Packet walk", "tab", *"Me", "tab", "tab", "tab", "2", "ctrl+s")
        await settle(pilot)
        added = store.load().catalog
        assert [a.title for a in added] == ["Packet walk"]
        current = table(app).current
        assert isinstance(current, Activity) and current.id == added[0].id


async def test_a_new_claim_hidden_by_a_search_is_shown(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """Claims searched for something else: the claim just filed is shown and highlighted."""
    app = make_app(Ledger())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "slash", *"nothing like it", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Webinar", "tab", "1", "tab", *"2026-11-01", "ctrl+s")
        await settle(pilot)
        claims = store.load().claims
        assert [c.activity for c in claims] == ["Webinar"]
        rows = app.screen.query_one("#claims-table", LazyTable)
        assert rows.current is not None and rows.current.id == claims[0].id


async def test_the_catalog_sort_is_always_named(make_app: MakeApp) -> None:
    """At 80 columns the sort column may be hidden: the status line names it and its order."""
    app = make_app(Ledger())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s", "s", "S")
        await settle(pilot)
        status = str(app.screen.query_one("#catalog-filters").render())
        assert "sort: type ↓" in status


async def test_the_claims_screen_says_why_a_claim_does_not_count(make_app: MakeApp) -> None:
    """The highlighted claim's line says whether it counts toward the target, and why not."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        lines = []
        for _ in range(8):
            detail = app.screen.query_one("#claims-detail")
            lines.append(detail.render_line(1).text.strip())
            await pilot.press("j")
            await settle(pilot)
        assert "CCNP Security: pending: counts once approved" in lines
        assert "counts toward CCNP Security" in lines
        assert "not counted toward CCNP Security: rejected" in lines
