"""The Catalog screen: search, filters, sort, details, claims from it, the user's own activities."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from rich.console import Console
from textual.widgets import Input, Static

from ce_tui.domain.catalog import filter_activities, search, shipped_catalog, sort_activities
from ce_tui.domain.models import Activity, Ledger
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.activity_detail import ActivityDetail, detail_rows
from ce_tui.tui.dialogs.activity_form import ActivityForm
from ce_tui.tui.dialogs.claim_form import ClaimForm
from ce_tui.tui.screens.catalog import CatalogScreen
from ce_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.helpers import settle

TODAY = date(2026, 11, 28)
SIZE = (120, 40)

MINE = Activity(
    id="my1",
    title="[bold red]x[/] lab [@click=app.quit]",
    provider="Home lab",
    type="authoring",
    technology="Wireless",
    credits=Decimal(3),
    source="my notes",
)


MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None)` fixture of tests/tui/conftest.py."""


def table(app: CeApp) -> LazyTable:
    """The catalog table."""
    return app.screen.query_one("#catalog-table", LazyTable)


def table_text(app: CeApp) -> str:
    """The catalog table as drawn."""
    widget = table(app)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def ids(app: CeApp) -> list[str]:
    """Ids of the activities listed, in order."""
    return [a.id for a in table(app).rows]


async def test_search_filters_as_you_type(make_app: MakeApp, store: TinyDBStore) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, CatalogScreen)
        everything = len(shipped_catalog())
        assert len(table(app).rows) == everything
        await pilot.press("slash")
        assert app.screen.query_one("#catalog-search", Input).has_focus
        counts = []
        for letter in "scor":
            await pilot.press(letter)
            counts.append(len(table(app).rows))
        assert counts == [len(search(shipped_catalog(), "scor"[: i + 1])) for i in range(4)]
        assert counts == sorted(counts, reverse=True) and counts[-1] < everything
        assert all("scor" in (a.title + a.code + a.id).casefold() for a in table(app).rows)
        # Keys typed in the box are text, not commands.
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("down")
        assert table(app).has_focus
        assert app.screen.query_one("#catalog-search", Input).value == "scor"
        # Escape in the table clears the search.
        await pilot.press("escape")
        assert len(table(app).rows) == everything


async def test_type_and_technology_filters_cycle(make_app: MakeApp, store: TinyDBStore) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "t")
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert screen.type_filter == "ilt"
        assert {a.type for a in table(app).rows} == {"ilt"}
        await pilot.press("g", "g")
        assert screen.tech_filter == "Security"
        expected = filter_activities(shipped_catalog(), type="ilt", technology="Security")
        assert sorted(ids(app)) == sorted(a.id for a in expected)
        await pilot.press("T")
        assert screen.type_filter is None
        filters = str(screen.query_one("#catalog-filters", Static).render())
        assert "type: any" in filters and "tech: Security" in filters


async def test_sort_cycles_reverses_and_follows_header_clicks(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        catalog = shipped_catalog()
        assert ids(app) == [a.id for a in sort_activities(catalog, "title")]
        await pilot.press("s")
        assert ids(app) == [a.id for a in sort_activities(catalog, "provider")]
        await pilot.press("S")
        assert ids(app) == [a.id for a in sort_activities(catalog, "provider", reverse=True)]
        assert "Provider▼" in table_text(app)
        # Clicking the CE header sorts by credits; again reverses.
        header = table(app).render_line(0).text
        offset = (header.index(" CE") + 2, 0)
        await pilot.click("#catalog-table", offset=offset)
        assert ids(app) == [a.id for a in sort_activities(catalog, "credits", today=TODAY)]
        await pilot.click("#catalog-table", offset=offset)
        assert ids(app) == [
            a.id for a in sort_activities(catalog, "credits", reverse=True, today=TODAY)
        ]


async def test_enter_shows_every_field_with_its_source(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        first = table(app).current
        assert isinstance(first, Activity)
        await pilot.press("enter")
        assert isinstance(app.screen, ActivityDetail)
        labels = [label for label, _ in detail_rows(first, TODAY)]
        assert {"Title", "Provider", "Type", "Technology", "CE credits", "Source"} <= set(labels)
        await pilot.press("escape")
        assert isinstance(app.screen, CatalogScreen)


async def test_c_prefills_the_claim_form_and_files_a_linked_claim(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "down")
        activity = table(app).current
        assert isinstance(activity, Activity)
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#field-activity", Input).value == activity.title
        assert form.query_one("#field-credits", Input).value == str(int(activity.credits))
        assert form.catalog_id == activity.id
        # The first empty field has the focus.
        assert form.query_one("#field-completed", Input).has_focus
        await pilot.press(*"2026-11-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CatalogScreen)
        (saved,) = store.load().claims
        assert (saved.activity, saved.catalog_id, saved.credits, saved.status) == (
            activity.title,
            activity.id,
            activity.credits,
            "draft",
        )


async def test_c_from_the_details_keeps_the_activity_among_same_titles(
    make_app: MakeApp,
    store: TinyDBStore,
) -> None:
    twin = replace(MINE, id="my2", title="Twin", provider="B")
    app = make_app(Ledger(catalog=(replace(MINE, title="Twin"), twin)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", *"twin", "enter")
        assert ids(app) == ["my1", "my2"]
        await pilot.press("down", "enter", "c")
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.catalog_id == "my2"


async def test_add_an_activity_with_inline_errors_then_undo(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    app = make_app()
    before = store.path.read_bytes() if store.path.exists() else None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        form = app.screen
        assert isinstance(form, ActivityForm)
        await pilot.press(*"Home lab on EVPN")
        await pilot.press("tab", *"Me", "tab", "tab", "tab")
        await pilot.press(*"abc")
        await settle(pilot)
        error = form.query_one("#error-credits", Static)
        assert error.display and "number" in str(error.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActivityForm)
        after = store.path.read_bytes() if store.path.exists() else None
        assert after == before
        await pilot.press("backspace", "backspace", "backspace", "6")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CatalogScreen)
        (mine,) = store.load().catalog
        assert (mine.title, mine.provider, mine.credits) == ("Home lab on EVPN", "Me", Decimal(6))
        assert mine.id in ids(app)
        assert len(table(app).rows) == len(shipped_catalog()) + 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().catalog == ()
        assert len(table(app).rows) == len(shipped_catalog())


async def test_markup_in_a_title_shows_literally(make_app: MakeApp, store: TinyDBStore) -> None:
    app = make_app(Ledger(catalog=(MINE,)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", *"home lab", "enter")
        assert ids(app) == ["my1"]
        assert "[bold red]x[/] lab [@click=app.qu" in table_text(app)
        detail = str(app.screen.query_one("#catalog-detail", Static).render())
        assert MINE.title in detail
        await pilot.press("enter")
        assert isinstance(app.screen, ActivityDetail)
        card = app.screen.query_one("#detail-table", Static).content
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(card)
        assert MINE.title in console.export_text()
        await pilot.press("escape")
        assert app.is_running
