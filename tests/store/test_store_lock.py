"""The writer's lock: waiting for it, giving up on it, and serialising threads."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ce_tui.domain.models import Ledger
from ce_tui.store import StoreError, StoreLocked, TinyDBStore
from tests.store.helpers import add_claim, make_claim


@contextmanager
def held(lock: Path) -> Iterator[int]:
    """Hold the store's lock the way another process would (its own open file)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield fd
    finally:
        os.close(fd)


def test_lock_file_sits_beside_the_store(store: TinyDBStore, store_path: Path) -> None:
    assert store.lock_path == store_path.with_name("ce-tui.json.lock")


def test_a_writer_gives_up_after_the_timeout(store: TinyDBStore, saved: bytes) -> None:
    impatient = TinyDBStore(store.path, lock_timeout=0.3)
    with held(store.lock_path):
        started = time.monotonic()
        with pytest.raises(StoreLocked) as caught:
            impatient.update(add_claim(make_claim(9)))
        waited = time.monotonic() - started
    assert 0.3 <= waited < 2
    assert str(store.path) in str(caught.value)
    assert "another ce-tui process" in str(caught.value)
    assert store.path.read_bytes() == saved
    assert impatient.load() == store.load()  # readers never wait


def test_a_writer_waits_for_the_lock_then_writes(store: TinyDBStore, saved: bytes) -> None:
    patient = TinyDBStore(store.path, lock_timeout=5)
    locked = threading.Event()

    def holder() -> None:
        with held(store.lock_path):
            locked.set()
            time.sleep(0.3)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert locked.wait(5)
        started = time.monotonic()
        patient.update(add_claim(make_claim(9)))
        waited = time.monotonic() - started
    finally:
        thread.join()
    assert waited >= 0.1
    assert [c.id for c in store.load().claims][-1] == "c9"


def test_the_change_runs_on_what_the_lock_holder_wrote(store: TinyDBStore, saved: bytes) -> None:
    seen: list[int] = []
    other = TinyDBStore(store.path, lock_timeout=5)
    inside = threading.Event()

    def slow_change(ledger: Ledger) -> Ledger:
        inside.set()
        time.sleep(0.2)
        return add_claim(make_claim(100))(ledger)

    def count_then_add(ledger: Ledger) -> Ledger:
        seen.append(len(ledger.claims))
        return add_claim(make_claim(101))(ledger)

    first = threading.Thread(target=store.update, args=(slow_change,))
    first.start()
    assert inside.wait(5)
    other.update(count_then_add)
    first.join()
    assert seen == [3]
    assert [c.id for c in store.load().claims][-2:] == ["c100", "c101"]


def test_threads_each_with_a_store_lose_no_update(store_path: Path) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        mine = TinyDBStore(store_path, lock_timeout=10)
        try:
            for n in range(15):
                mine.update(add_claim(make_claim(n, prefix=name)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"t{i}-",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = [c.id for c in TinyDBStore(store_path).load().claims]
    assert sorted(ids) == sorted(f"t{i}-{n}" for i in range(4) for n in range(15))


def test_the_lock_file_is_kept(store: TinyDBStore) -> None:
    store.update(add_claim(make_claim(1)))
    store.update(add_claim(make_claim(2)))
    assert store.lock_path.exists()


def test_an_update_inside_a_change_is_refused_at_once(store: TinyDBStore, saved: bytes) -> None:
    patient = TinyDBStore(store.path, lock_timeout=5)

    def nested(ledger: Ledger) -> Ledger:
        return patient.update(add_claim(make_claim(9)))

    started = time.monotonic()
    with pytest.raises(StoreError, match="already locked by this thread"):
        store.update(nested)
    assert time.monotonic() - started < 1
    assert store.path.read_bytes() == saved
    store.update(add_claim(make_claim(10)))  # the lock was let go


def test_a_lock_file_that_is_a_dangling_link_creates_nothing(
    store: TinyDBStore, saved: bytes, tmp_path: Path
) -> None:
    """The lock is never opened through a link: ce-tui creates no file where one points."""
    elsewhere = tmp_path / "elsewhere" / "planted"
    elsewhere.parent.mkdir()
    store.lock_path.unlink(missing_ok=True)
    os.symlink(elsewhere, store.lock_path)
    with pytest.raises(StoreError, match="cannot open the lock file"):
        store.update(lambda ledger: ledger)
    assert not elsewhere.exists()
    assert store.path.read_bytes() == saved
