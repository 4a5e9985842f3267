"""A writer the fault tests run in a child process (not a test module).

    python fault_child.py burst STORE PREFIX COUNT GO
        print "ready", wait until the file GO exists, then add COUNT claims
        PREFIX0, PREFIX1... with one `update` each
    python fault_child.py hold STORE
        take the store's lock (inside `update`), print "locked" and sleep

Each claim id is printed and flushed once the `update` adding it has returned,
so the parent knows which writes were acknowledged.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from ce_tui.domain.models import Claim, Ledger
from ce_tui.store import TinyDBStore


def claim(claim_id: str) -> Claim:
    """A valid claim with the given id."""
    return Claim(
        id=claim_id,
        activity=f"Course {claim_id}",
        credits=1,
        completed=date(2025, 1, 2),
        submitted=date(2025, 1, 3),
        status="pending",
    )


def append(store: TinyDBStore, claim_id: str) -> None:
    """Add one claim in one update, then acknowledge it on stdout."""
    new = claim(claim_id)
    store.update(lambda ledger: replace(ledger, claims=(*ledger.claims, new)))
    print(claim_id, flush=True)


def burst(store: TinyDBStore, prefix: str, count: int, go: Path) -> None:
    """Wait for the start signal, then add `count` claims one update at a time."""
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.002)
    for number in range(count):
        append(store, f"{prefix}{number}")


def hold(store: TinyDBStore) -> None:
    """Take the lock and keep it until killed."""

    def forever(ledger: Ledger) -> Ledger:
        print("locked", flush=True)
        time.sleep(600)
        return ledger

    store.update(forever)


def main(argv: list[str]) -> None:
    """Run the mode named by the first argument."""
    mode, path = argv[0], Path(argv[1])
    store = TinyDBStore(path, lock_timeout=60)
    if mode == "burst":
        burst(store, argv[2], int(argv[3]), Path(argv[4]))
    elif mode == "hold":
        hold(store)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
