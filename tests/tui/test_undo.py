"""Undo and redo through the keys, writes in the write worker, and the what-ifs' own undo.

Every write runs in the app's one store-write worker; the tests wait for it
with `settle` (the worker done, the screen drawn) before they look.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ce_tui.demo import demo_ledger
from ce_tui.domain.changes import Change
from ce_tui.domain.models import Certification, Ledger
from ce_tui.services import Services
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from ce_tui.tui.screens.claims import ClaimsScreen
from ce_tui.tui.screens.progress import ProgressScreen
from tests.tui.helpers import claim, settle

SIZE = (100, 30)
TODAY = date(2026, 11, 28)
MakeApp = Callable[..., CeApp]

CCNP = Certification(
    id="ccnp", name="CCNP Enterprise", level="professional", earned=date(2025, 3, 1), path="ce"
)
A = claim("c1", "First", status="pending")
B = claim("c2", "Second", status="pending")
LEDGER = Ledger(certifications=(CCNP,), claims=(A, B))

HOLDER = """
import sys
from pathlib import Path
from ce_tui.store.lock import hold_lock
with hold_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""
"""A program that holds the store's lock until it reads a line."""


async def test_undo_redo_and_a_new_change_clears_redo(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """Delete, undo, redo, undo; then a new change: redo has nothing left, the store is right."""
    app = make_app(LEDGER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("delete", "y")
        await settle(pilot)
        gone = store.load().claims
        assert len(gone) == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().claims == LEDGER.claims
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert store.load().claims == gone
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.load().claims == LEDGER.claims
        assert len(app.history.redo) == 1

        # A new change (a status) clears the redo stack.
        await pilot.press("s", "a", "ctrl+s")
        await settle(pilot)
        after = store.load()
        assert sorted(c.status for c in after.claims) == ["approved", "pending"]
        assert app.history.redo == []
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert store.load() == after
        # Two undos in a row step back two changes (the status, then nothing else is left).
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await settle(pilot)
        assert store.load().claims == LEDGER.claims
        assert app.history.undo == []


async def test_an_undo_of_a_record_changed_elsewhere_is_refused(
    make_app: MakeApp, store: TinyDBStore, services: Services
) -> None:
    """Another window edits the claim the app just changed: ctrl+z writes nothing and says why."""
    app = make_app(LEDGER)
    other = Services(TinyDBStore(store.path), services.rules)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("s", "a", "ctrl+s")
        await settle(pilot)
        (approved,) = [c for c in store.load().claims if c.status == "approved"]
        changed = replace(approved, credits=Decimal(3))
        other.edit_claim(changed)
        data = store.path.read_bytes()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.path.read_bytes() == data
        assert changed in app.ledger.claims
        assert len(app.history.undo) == 1


def patient_app(make_app: MakeApp, services: Services, store_path: Path) -> CeApp:
    """An app on LEDGER whose store waits up to a minute for its lock."""
    make_app(LEDGER)
    return CeApp(Services(TinyDBStore(store_path, lock_timeout=60), services.rules), TODAY)


@contextmanager
def lock_held(store_path: Path) -> Iterator[None]:
    """Another process holds the store's lock for the duration of the block."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.stdin.write("go\n")
        holder.stdin.close()
        holder.wait(timeout=30)


async def test_a_write_waits_for_the_lock_without_freezing_the_app(
    make_app: MakeApp, services: Services, store_path: Path
) -> None:
    """While another process holds the store, keys still switch screens; the save lands later."""
    app = patient_app(make_app, services, store_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        with lock_held(store_path):
            await pilot.press("delete", "y")
            for _ in range(200):
                if "saving: waiting for the store" in app.sub_title:
                    break
                await pilot.pause(0.05)
            assert "saving: waiting for the store" in app.sub_title
            await pilot.press("1")
            await pilot.pause()
            assert isinstance(app.screen, ProgressScreen)
            assert app.writing is not None
            assert app.services.load().claims == LEDGER.claims
        await settle(pilot)
        assert app.services.load().claims in ((A,), (B,))
        assert app.writing is None
        assert "waiting" not in app.sub_title


async def test_quitting_while_a_save_waits_quits_once_it_has_landed(
    make_app: MakeApp, services: Services, store_path: Path
) -> None:
    """`q` during a save that waits for the lock: the app stays until the save lands, then quits."""
    app = patient_app(make_app, services, store_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        with lock_held(store_path):
            await pilot.press("delete", "y", "q")
            await pilot.pause(0.2)
            assert app.return_code is None and app.writing is not None
        for _ in range(400):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.025)
    assert app.return_code == 0
    assert len(app.services.load().claims) == 1


async def test_ctrl_z_acts_on_the_what_ifs_while_they_are_shown(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """A stored approval, then a what-if: ctrl+z takes the what-if back, not the approval.

    A clear is a what-if step too; after the what-if steps ctrl+z undoes the approval.
    """
    from tests.tui.test_whatif import what_if_the_planned_activity

    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("s", "a", "ctrl+s")
        await settle(pilot)
        approved = store.load()
        await what_if_the_planned_activity(pilot)
        assert len(app.hypotheses) == 1
        shown = app.hypotheses

        for keys, expected in (
            (("ctrl+z",), ()),
            (("ctrl+y",), shown),
            # Clearing the what-ifs is a step too: ctrl+z brings them back.
            (("1", "c"), ()),
            (("ctrl+z",), shown),
        ):
            await pilot.press(*keys)
            await settle(pilot)
            assert app.hypotheses == expected, keys
            assert store.load() == approved

        # Once the what-if steps are undone, ctrl+z is back to the stored changes.
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.hypotheses == ()
        assert store.load().claims == demo_ledger(TODAY).claims


async def test_a_write_that_fails_unexpectedly_changes_nothing_and_the_next_one_lands(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """An unexpected error in a write: no undo step, nothing written, the worker goes on."""
    app = make_app(LEDGER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        data = store.path.read_bytes()

        def broken() -> Change:
            """A service call that fails in a way no service reports."""
            raise RuntimeError("disk on fire")

        failed = app.apply("Broken", broken)
        refused: list[bool] = []
        failed.when_refused(lambda: refused.append(True))
        await settle(pilot)
        assert refused == [True]
        assert store.path.read_bytes() == data
        assert app.history.undo == [] and app.writing is None
        app.apply("Deleted", lambda: app.services.delete_claim("c1"))
        await settle(pilot)
        assert store.load().claims == (B,)
        assert len(app.history.undo) == 1
