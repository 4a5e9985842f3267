"""Processes writing at once, and a lock holder killed with SIGKILL."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ce_tui.domain.models import Ledger
from ce_tui.store import StoreLocked, TinyDBStore

pytestmark = pytest.mark.faults

Spawn = Callable[..., subprocess.Popen[str]]


def first_line(child: subprocess.Popen[str]) -> str:
    """The child's first line of output (its stderr if it died first)."""
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if not line:
        _out, err = child.communicate(timeout=10)
        pytest.fail(f"the child printed nothing; it said:\n{err}")
    return line


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, spawn: Spawn) -> None:
    path = tmp_path / "ce-tui.json"
    go = tmp_path / "go"
    children = [spawn("burst", path, prefix, 200, go) for prefix in ("a", "b")]
    assert [first_line(child) for child in children] == ["ready", "ready"]
    go.touch()
    acknowledged = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        acknowledged.extend(out.split())
    ids = [claim.id for claim in TinyDBStore(path).load().claims]
    expected = {f"{prefix}{n}" for prefix in ("a", "b") for n in range(200)}
    assert len(ids) == 400
    assert set(ids) == expected == set(acknowledged)
    # Each writer's claims are in the order it wrote them.
    for prefix in ("a", "b"):
        assert [i for i in ids if i[0] == prefix] == [f"{prefix}{n}" for n in range(200)]


def test_a_lock_holder_killed_with_sigkill_does_not_block(tmp_path: Path, spawn: Spawn) -> None:
    path = tmp_path / "ce-tui.json"
    store = TinyDBStore(path, lock_timeout=0.3)
    store.update(lambda _: Ledger())
    before = path.read_bytes()
    holder = spawn("hold", path)
    assert first_line(holder) == "locked"
    with pytest.raises(StoreLocked):
        store.update(lambda ledger: ledger)
    holder.kill()
    holder.wait(timeout=10)
    assert holder.returncode == -9
    assert path.read_bytes() == before
    started = time.monotonic()
    TinyDBStore(path, lock_timeout=5).update(lambda ledger: ledger)
    assert time.monotonic() - started < 2.5  # far from the 5 s it would wait for a live holder
