"""The Progress screen: cards, badges, live figures, alerts, history, first run."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from rich.console import Console
from textual.widgets import Static

from ce_tui.domain.models import Claim
from ce_tui.tui.app import CeApp
from ce_tui.tui.screens.path import PathScreen
from ce_tui.tui.screens.progress import ProgressScreen
from ce_tui.tui.widgets.cert_card import CertCard
from ce_tui.tui.widgets.credit_bar import bar_cells, bar_content
from ce_tui.tui.widgets.grid_text import GridText, grid_table
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]


def cards(app: object) -> list[CertCard]:
    """The cards on the Progress screen, top to bottom."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ProgressScreen)
    return list(screen.query(CertCard))


def shown(static: Static) -> str:
    """What a Static holding a Rich renderable (or the rows of a GridText) shows, as plain text."""
    console = Console(width=100, record=True, file=io.StringIO())
    rows = static.rows if isinstance(static, GridText) else None
    console.print(static.content if rows is None else grid_table(rows))
    return console.export_text()


def card_text(card: CertCard) -> str:
    """What a card shows, as plain text."""
    return card.lines(70).plain


async def test_demo_cards_in_order_with_badges(make_app: MakeApp) -> None:
    """Highest level first, each with its badge; one target; the target's card focused."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = [(c.cert_id, c.status.badge) for c in cards(app)]
        assert shown == [
            ("ccde", "EXPIRED"),
            ("ccnp-sec", "EXPIRING"),
            ("spec-scor", "ACTIVE"),
            ("ccda", "RETIRED"),
            ("ccna", "ACTIVE"),
        ]
        texts = {c.cert_id: card_text(c) for c in cards(app)}
        assert "★ target" in texts["ccnp-sec"]
        assert sum("★ target" in t for t in texts.values()) == 1
        assert "EXPIRED" in texts["ccde"] and "39 days ago" in texts["ccde"]
        assert "66 days left" in texts["ccnp-sec"]
        assert "56/80 CE +46 pending" in texts["ccnp-sec"]
        assert "24 CE to go" in texts["ccnp-sec"] and "path ce" in texts["ccnp-sec"]
        assert app.focused is cards(app)[1] and cards(app)[1].cert_id == "ccnp-sec"


async def test_alerts_and_history_are_listed(make_app: MakeApp) -> None:
    """Alerts carry a severity word; history names who renewed whom."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        alerts = shown(app.screen.query_one("#alerts", Static))
        history = shown(app.screen.query_one("#history", Static))
        assert "CRIT" in alerts and "CCDE expired" in alerts
        assert "WARN" in alerts and "INFO" in alerts
        assert "recertified via path ce" in history
        assert "renewed by CCNP Security" in history


async def test_an_approved_claim_updates_the_cards_without_a_key(
    make_app: MakeApp, today: date
) -> None:
    """A write through app.apply redraws the figures by itself."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        claim = Claim(
            id="new",
            activity="Implementing Secure Solutions with VPN (SVPN)",
            credits=Decimal(8),
            completed=today - timedelta(days=10),
            submitted=today - timedelta(days=5),
            status="approved",
        )
        app.apply("Added a claim", lambda: app.services.add_claim(claim))
        await settle(pilot)
        text = {c.cert_id: card_text(c) for c in cards(app)}
        assert "64/80 CE +46 pending" in text["ccnp-sec"]
        assert "16 CE to go" in text["ccnp-sec"]
        assert "24/40 CE" in text["spec-scor"]


async def test_keys_move_between_cards_and_enter_opens_the_path(make_app: MakeApp) -> None:
    """j/k and the arrows move between cards; enter opens that card's Path."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "k", "down")
        assert getattr(app.focused, "cert_id", None) == "spec-scor"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PathScreen)
        assert app.selected_cert == "spec-scor"
        assert "Security Core" in str(app.screen.query_one("#path-head").render())


async def test_layout_beside_when_wide_and_below_when_narrow(make_app: MakeApp) -> None:
    """Alerts and history sit beside the cards when wide, below when narrow."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        side, holder = app.screen.query_one("#side"), app.screen.query_one("#cards")
        assert side.region.x > holder.region.x
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        assert side.region.x == holder.region.x


async def test_first_run_tells_which_key_adds_a_certification(make_app: MakeApp) -> None:
    """An empty store explains how to start, and is still evaluated."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert cards(app) == []
        first_run = app.screen.query_one("#first-run")
        assert first_run.display
        assert "Press a to add your first certification" in str(first_run.render())
        assert app.evaluation is not None
        assert "Nothing needs your attention" in shown(app.screen.query_one("#alerts", Static))


async def test_add_on_progress_opens_the_form_and_shows_the_new_card(make_app: MakeApp) -> None:
    """`a` on Progress adds a certification by keys alone."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"CCNA", "tab", "down", "tab", *"2025-01-15", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert [c.status.name for c in cards(app)] == ["CCNA"]
        assert not app.screen.query_one("#first-run").display


def test_bar_cells_split_approved_pending_missing() -> None:
    """Cells follow the figures; a little credit still shows."""
    assert bar_cells(Decimal(56), Decimal(0), Decimal(80), 20) == (14, 0, 6)
    assert bar_cells(Decimal(56), Decimal(46), Decimal(80), 20) == (14, 6, 0)
    assert bar_cells(Decimal(1), Decimal(0), Decimal(120), 20) == (1, 0, 19)
    assert bar_cells(Decimal(0), Decimal(1), Decimal(120), 20) == (0, 1, 19)
    assert bar_cells(Decimal(200), Decimal(0), Decimal(80), 20) == (20, 0, 0)


def test_bar_reads_without_colour() -> None:
    """Approved, pending and missing use different characters."""
    plain = bar_content(Decimal(40), Decimal(20), Decimal(80), 50).plain
    assert plain.startswith("█" * 5) and "▒" in plain and "░" in plain
    assert plain.endswith("40/80 CE +20 pending")
