"""The open app follows the store file: another process's save shows within two seconds."""

from __future__ import annotations

import asyncio
import os
from datetime import date
from decimal import Decimal

from textual import events

from ce_tui.domain.models import Claim, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.services import Services
from ce_tui.store import TinyDBStore
from ce_tui.tui.app import CeApp
from tests.tui.conftest import MakeApp
from tests.tui.helpers import settle

A = Claim(
    id="a",
    activity="ENCOR e-learning",
    credits=Decimal(16),
    completed=date(2026, 1, 10),
    submitted=date(2026, 1, 20),
    status="approved",
)


async def test_a_save_by_another_process_shows_without_a_key(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """An import elsewhere appears within two seconds, with a toast saying so."""
    app = make_app(Ledger())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        Services(TinyDBStore(store.path), default_rules()).add_claims([A])
        for _ in range(20):
            await asyncio.sleep(0.1)
            if app.ledger.claims:
                break
        assert [c.activity for c in app.ledger.claims] == ["ENCOR e-learning"]
        await settle(pilot)
        assert "changed by another" in toasts(app)


def toasts(app: CeApp) -> str:
    """The text of every notification on screen."""
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_an_unchanged_file_is_not_read_again(make_app: MakeApp, store: TinyDBStore) -> None:
    """Same inode, size and time: not re-read (garbage written in place goes unseen)."""
    app = make_app(Ledger(claims=(A,)))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        info = os.stat(store.path)
        size = info.st_size
        with open(store.path, "r+b") as handle:
            handle.write(b"x" * size)
        os.utime(store.path, ns=(info.st_atime_ns, info.st_mtime_ns))
        await asyncio.sleep(1.5)
        await settle(pilot)
        assert app.ledger.claims == (A,) and "Cannot read" not in toasts(app)
        os.utime(store.path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        await asyncio.sleep(1.5)
        await settle(pilot)
        assert "Cannot read the store" in toasts(app)


async def test_coming_back_to_the_terminal_reads_only_a_changed_file(
    make_app: MakeApp, store: TinyDBStore
) -> None:
    """Focus back on the app: the same cheap check as the timer, no read when nothing changed."""
    app = make_app(Ledger(claims=(A,)))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        info = os.stat(store.path)
        with open(store.path, "r+b") as handle:
            handle.write(b"x" * info.st_size)
        os.utime(store.path, ns=(info.st_atime_ns, info.st_mtime_ns))
        app.post_message(events.AppFocus())
        await settle(pilot)
        assert app.ledger.claims == (A,) and "Cannot read" not in toasts(app)


async def test_a_store_read_for_the_app_is_not_read_again_at_start(
    make_app: MakeApp, services: Services, today: date
) -> None:
    """The command line reads the store before the app starts: the app shows that reading.

    The file is made unreadable after that first reading; the app still opens
    on the ledger read, with its stamp, and nothing about the file is shown:
    it read the store once, not twice.
    """
    make_app(Ledger(claims=(A,)))
    opened = services.read()
    data = services.store.path.read_bytes()
    services.store.path.write_bytes(b"x" * len(data))
    app = CeApp(services, today, opened=opened)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert app.return_code is None
        assert app.ledger is opened[1]
        assert app.stamp == opened[0]
        assert toasts(app) == ""
