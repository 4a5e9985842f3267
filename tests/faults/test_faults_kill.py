"""SIGKILL a writer at random moments: the store always opens and keeps every acknowledged write."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ce_tui.domain.models import Claim, Ledger
from ce_tui.store import SCHEMA, TinyDBStore
from tests.faults.fault_child import claim

pytestmark = pytest.mark.faults

ROUNDS = 50
BASE_CLAIMS = 2_000
LONGEST_LIFE = 0.2
"""Seconds a child may live: several writes of the 2,000-claim store (about 25 ms each)."""


def writer(store: TinyDBStore, prefix: str, acks: int) -> None:
    """Child: add claims <prefix>0, <prefix>1... one update each, acknowledging each on `acks`.

    The child is forked from the test with `store` just loaded: it starts writing
    at once instead of importing and reading the store first.
    """
    number = 0
    while True:
        claim_id = f"{prefix}{number}"
        store.update(appending(claim(claim_id)))
        os.write(acks, f"{claim_id}\n".encode())
        number += 1


def appending(new: Claim) -> Callable[[Ledger], Ledger]:
    """The change adding one claim."""
    return lambda ledger: replace(ledger, claims=(*ledger.claims, new))


def leftovers(folder: Path) -> set[str]:
    """Temp files of a write in progress (or of a killed one)."""
    return {name for name in os.listdir(folder) if name.startswith(".ce-tui.json.tmp-")}


def wait_for_temp_file(folder: Path, seen_before: set[str]) -> None:
    """Return as soon as a new temp file appears in `folder` (or after a few seconds)."""
    deadline = time.monotonic() + 5
    while not leftovers(folder) - seen_before and time.monotonic() < deadline:
        time.sleep(0.0002)


def read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    path = tmp_path / "ce-tui.json"
    base = tuple(claim(f"base{n}") for n in range(BASE_CLAIMS))
    store = TinyDBStore(path, lock_timeout=10)
    store.update(lambda _: Ledger(claims=base))
    fork = multiprocessing.get_context("fork")
    acknowledged: list[str] = []
    mid_write = 0
    for round_ in range(ROUNDS):
        prefix = f"r{round_}-"
        before = leftovers(tmp_path)
        read_end, write_end = os.pipe()
        child = fork.Process(target=writer, args=(store, prefix, write_end), daemon=True)
        child.start()
        os.close(write_end)
        if round_ % 2:
            time.sleep(rng.uniform(0, LONGEST_LIFE))
        else:
            # Aim at the few milliseconds when the new file is being written.
            wait_for_temp_file(tmp_path, seen_before=before)
            time.sleep(rng.uniform(0, 0.004))
        assert child.is_alive(), f"the writer died on its own (seed {seed})"
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL
        acks = read_all(read_end).split()
        os.close(read_end)
        acknowledged.extend(acks)
        mid_write += bool(leftovers(tmp_path) - before)

        # The file is whole: valid JSON of our layout that loads.
        assert json.loads(path.read_bytes())["meta"]["1"]["schema"] == SCHEMA
        ids = [c.id for c in store.load().claims]
        assert ids[:BASE_CLAIMS] == [c.id for c in base], f"seed {seed}"
        kept = set(ids)
        missing = [i for i in acknowledged if i not in kept]
        assert missing == [], f"acknowledged writes lost: {missing} (seed {seed})"
        # At most one unacknowledged write of this round (done, killed before the ack).
        mine = [i for i in ids if i.startswith(prefix)]
        assert mine[: len(acks)] == acks
        assert len(mine) - len(acks) in (0, 1), f"seed {seed}"

    assert [c.id for c in TinyDBStore(path).load().claims] == ids
    store.update(lambda ledger: ledger)
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert len(store.load().claims) >= BASE_CLAIMS + len(acknowledged)
    print(f"seed {seed}: {len(acknowledged)} acknowledged writes, {mid_write} kills mid-write")
