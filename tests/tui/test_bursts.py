"""Keys that arrive in one burst fill the forms exactly as the same keys typed slowly.

A terminal hands the app every key of a paste, a fast typist or a slow SSH link
in one read. :func:`burst` posts keys the same way: all of them reach the app
before it handles the first, so each is routed to whatever has the focus when
the app reads it, not after the previous key's effects have settled (which is
what `pilot.press` waits for between keys).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from ce_tui.domain.models import Certification, Ledger
from ce_tui.tui.app import CeApp
from ce_tui.tui.dialogs.cert_form import CertForm
from ce_tui.tui.dialogs.claim_form import ClaimForm
from ce_tui.tui.dialogs.exam_form import ExamForm
from tests.tui.helpers import settle

MakeApp = Callable[..., CeApp]
"""The `make_app(ledger=None)` fixture of tests/tui/conftest.py."""

CCNP = Certification(
    id="ccnp", name="CCNP Enterprise", level="professional", earned=date(2025, 3, 1), path="ce"
)
CHARACTERS = {"tab": "\t", "enter": "\r", "space": " "}
"""The character a terminal sends for the named keys used here."""


def burst(app: CeApp, *keys: str) -> None:
    """Post every key to the app at once, as a terminal delivers a burst of input."""
    for key in keys:
        char = key if len(key) == 1 else CHARACTERS.get(key)
        app.post_message(events.Key(key, char))


def fields(app: CeApp) -> dict[str, object]:
    """What each field of the open form holds, by field name."""
    inputs = {w.id: w.value for w in app.screen.query(Input)}
    selects = {w.id: w.value for w in app.screen.query(Select)}
    return {str(k).removeprefix("field-"): v for k, v in {**inputs, **selects}.items()}


async def open_form(pilot: Pilot[None], *keys: str) -> None:
    """Press `keys` one by one (to open a form) and let it draw."""
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.parametrize("opening", [(), ("n",)], ids=["form open", "n in the burst"])
async def test_a_burst_with_tabs_fills_each_claim_field(
    make_app: MakeApp, opening: tuple[str, ...]
) -> None:
    """`Lab`, tab, `12`, tab, a date, tab in one burst (after `n`, or with `n` as its first key):
    three fields filled, the focus on the fourth."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "4", *([] if opening else ["n"]))
        burst(app, *opening, *"Lab", "tab", *"12", "tab", *"2026-11-01", "tab")
        for _ in range(5):
            await settle(pilot)
        assert isinstance(app.screen, ClaimForm)
        values = fields(app)
        assert (values["activity"], values["credits"], values["completed"]) == (
            "Lab",
            "12",
            "2026-11-01",
        )
        assert app.focused is app.screen.query_one("#field-submitted")


async def test_a_burst_with_enter_and_shift_tab_goes_where_typed_slowly(make_app: MakeApp) -> None:
    """Enter moves on like tab; shift+tab goes back; the same keys pressed slowly agree."""
    keys = ("tab", *"5", "shift+tab", *"Talk", "enter", "enter", *"2026-10-01")
    results = []
    for send in ("burst", "slow"):
        app = make_app(Ledger(certifications=(CCNP,)))
        async with app.run_test(size=(80, 24)) as pilot:
            await open_form(pilot, "4", "n")
            if send == "burst":
                burst(app, *keys)
            else:
                await pilot.press(*keys)
            await settle(pilot)
            results.append(fields(app))
    assert results[0] == results[1]
    assert (results[0]["activity"], results[0]["credits"], results[0]["completed"]) == (
        "Talk",
        "5",
        "2026-10-01",
    )


async def test_a_burst_through_a_choice_leaves_no_list_open(make_app: MakeApp) -> None:
    """↓ chooses in place: the level is set, no list stays open, the date lands in Earned."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "2", "a")
        assert isinstance(app.screen, CertForm)
        burst(app, *"CCNA", "tab", "down", "tab", *"2025-01-15", "tab")
        await settle(pilot)
        values = fields(app)
        assert (values["name"], values["level"], values["earned"]) == (
            "CCNA",
            "associate",
            "2025-01-15",
        )
        assert not app.screen.query_one("#field-level", Select).expanded
        assert app.focused is app.screen.query_one("#field-expires")


async def test_a_letter_chooses_the_option_it_starts(make_app: MakeApp) -> None:
    """In a choice, `c` picks concentration, a second `c` core; enter moves to the date."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "2", "x")
        assert isinstance(app.screen, ExamForm)
        burst(app, *"350-701", "enter", *"SCOR", "enter", "c", "c", "enter", "ctrl+a")
        await settle(pilot)
        values = fields(app)
        assert (values["code"], values["name"], values["kind"]) == ("350-701", "SCOR", "core")
        assert app.focused is app.screen.query_one("#field-passed")


async def test_a_long_title_shows_its_start_and_typing_still_replaces_it(
    make_app: MakeApp,
) -> None:
    """Editing a claim with a long title: its start is in view; a burst replaces it whole."""
    from tests.tui.helpers import claim

    title = "Cisco Live 2026 Amsterdam: BRKSEC-2345 Zero Trust architecture breakout, part 2"
    app = make_app(Ledger(certifications=(CCNP,), claims=(claim("c1", title),)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "4", "e")
        assert isinstance(app.screen, ClaimForm)
        box = app.screen.query_one("#field-activity", Input)
        assert box.has_focus and box.cursor_position == 0
        assert box.render_line(0).text.strip().startswith("Cisco Live 2026")
        burst(app, *"Short talk", "tab")
        await settle(pilot)
        assert box.value == "Short talk"


async def test_a_burst_into_the_exam_form_from_the_path_screen(make_app: MakeApp) -> None:
    """`x` and the whole exam at once, choice and enter included."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "2")
        burst(app, "x", *"350-701", "tab", *"SCOR", "tab", "c", "c", "tab")
        for _ in range(5):
            await settle(pilot)
        assert isinstance(app.screen, ExamForm)
        values = fields(app)
        assert (values["code"], values["name"], values["kind"]) == ("350-701", "SCOR", "core")


async def test_slash_and_a_search_in_one_burst_all_go_in_the_box(make_app: MakeApp) -> None:
    """`/` then `cisco live` at once: every letter is searched for (`c` opens no claim form)."""
    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "3")
        burst(app, "slash", *"cisco live")
        for _ in range(3):
            await settle(pilot)
        assert app.screen.query_one("#catalog-search", Input).value == "cisco live"
        burst(app, "escape", "e")
        for _ in range(3):
            await settle(pilot)
        assert app.screen.query_one("#catalog-search", Input).value == ""
        assert not isinstance(app.screen, ClaimForm)


async def test_catalog_titles_sharing_a_long_start_stay_apart(make_app: MakeApp) -> None:
    """Cut in the middle at 80 columns: each Cisco Live session keeps its own ending."""
    from ce_tui.tui.widgets.lazy_table import LazyTable

    app = make_app(Ledger(certifications=(CCNP,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "3", "slash", *"cisco live las", "enter")
        table = app.screen.query_one("#catalog-table", LazyTable)
        lines = [table.render_line(y).text[:40] for y in range(1, 8)]
        assert all("…" in line for line in lines)
        assert len(set(lines)) == len(lines)
