"""Two copies of the app (or the app and a command line) never overwrite each other's edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ce_tui.domain.models import Claim, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.services import Services
from ce_tui.store import TinyDBStore
from ce_tui.tui.dialogs.claim_form import ClaimForm
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle

SIZE = (100, 30)


def claim(cid: str, title: str, credits: int = 100, day: int = 10) -> Claim:
    """An approved claim completed on `day` January 2026."""
    return Claim(
        id=cid,
        activity=title,
        credits=Decimal(credits),
        completed=date(2026, 1, day),
        submitted=date(2026, 1, 20),
        status="approved",
    )


async def test_a_stale_edit_is_refused_and_the_screen_catches_up(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """Window B edits a claim that window A changed meanwhile: refused, A's change kept."""
    app = make_app(Ledger(claims=(claim("a", "A"), claim("b", "B", day=5))))
    other = Services(TinyDBStore(store.path), default_rules())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        # Another window lowers the credits of the first claim shown ("a").
        changed = claim("a", "A", credits=90)
        other.edit_claim(changed, expected=claim("a", "A"))
        before = store.path.read_bytes()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ClaimForm)
        await pilot.press("end", *" renamed")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.path.read_bytes() == before
        assert store.load().claims[0] == changed
        # The refusal re-read the store: the app now holds the other window's version.
        assert app.ledger.claims[0] == changed


async def test_deleting_a_claim_changed_elsewhere_is_refused(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """Delete needs the claim as it was seen; a changed one is kept."""
    app = make_app(Ledger(claims=(claim("a", "A"),)))
    other = Services(TinyDBStore(store.path), default_rules())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        other.edit_claim(claim("a", "A", credits=50))
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [c.credits for c in store.load().claims] == [Decimal(50)]


def test_services_refuse_stale_writes(tmp_path) -> None:
    """Edit, delete and undo check the stored record against what the caller saw."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules())
    added = services.add_claim(claim("a", "A"))
    assert added.created == ("c1",)
    services.edit_claim(claim("c1", "A", 80), expected=claim("c1", "A"))
    for write in (
        lambda: services.edit_claim(claim("c1", "B"), expected=claim("c1", "A")),
        lambda: services.delete_claim("c1", expected=claim("c1", "A")),
        lambda: services.apply(added.undo),
    ):
        try:
            write()
        except ValueError as exc:
            assert "nothing was saved" in str(exc)
        else:  # pragma: no cover - the write must be refused
            raise AssertionError("a stale write was accepted")
    assert services.load().claims == (claim("c1", "A", 80),)
