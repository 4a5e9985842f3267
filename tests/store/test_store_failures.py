"""Write failures (full disk, no permission, read-only file system) leave the old file.

The failures are simulated by making the operating-system call fail: the tests
run as root, which chmod cannot stop.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ce_tui.store import StoreError, TinyDBStore
from tests.store.helpers import add_claim, make_claim, temp_files


def failing(
    real: Callable[..., Any], err: int, when: Callable[..., bool] = lambda *a: True
) -> Callable[..., Any]:
    """`real`, except that it raises OSError(err) when `when(*args)` holds."""

    def call(*args: Any, **kwargs: Any) -> Any:
        if when(*args):
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)

    return call


def is_temp(path: Any, *_: Any) -> bool:
    return ".tmp-" in str(path)


def assert_untouched(store: TinyDBStore, saved: bytes) -> None:
    assert store.path.read_bytes() == saved
    assert temp_files(store.path.parent) == []
    assert len(TinyDBStore(store.path).load().claims) == 2


@pytest.mark.parametrize(
    "call,err,reason",
    [
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.EIO, "input/output error"),
        ("replace", errno.EACCES, "permission denied"),
        ("replace", errno.EROFS, "the file system is read-only"),
        ("fchmod", errno.EPERM, "operation not permitted"),
    ],
)
def test_a_failing_call_leaves_the_old_file(
    monkeypatch: pytest.MonkeyPatch,
    store: TinyDBStore,
    saved: bytes,
    call: str,
    err: int,
    reason: str,
) -> None:
    monkeypatch.setattr(os, call, failing(getattr(os, call), err))
    with pytest.raises(StoreError) as caught:
        store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    assert str(store.path) in str(caught.value)
    assert reason in str(caught.value)
    assert "left as it was" in str(caught.value)
    assert isinstance(caught.value.__cause__, OSError)
    assert_untouched(store, saved)


def test_disk_full_half_way_through_the_write(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, saved: bytes
) -> None:
    real_write = os.write
    written: list[int] = []

    def write(fd: int, data: Any) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(real_write(fd, bytes(data[:100])))
        return written[-1]

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(StoreError, match="the disk is full"):
        store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    assert written == [100]
    assert_untouched(store, saved)


def test_a_read_only_folder(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, saved: bytes
) -> None:
    monkeypatch.setattr(os, "open", failing(os.open, errno.EROFS, is_temp))
    with pytest.raises(StoreError, match="read-only"):
        store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    assert_untouched(store, saved)


def test_the_first_save_failing_creates_no_store(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, store_path: Path
) -> None:
    monkeypatch.setattr(os, "replace", failing(os.replace, errno.ENOSPC))
    with pytest.raises(StoreError, match="the disk is full"):
        store.update(add_claim(make_claim(1)))
    monkeypatch.undo()
    assert not store_path.exists()
    assert temp_files(store_path.parent) == []


def test_the_store_works_again_after_a_failure(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, saved: bytes
) -> None:
    monkeypatch.setattr(os, "fsync", failing(os.fsync, errno.ENOSPC))
    with pytest.raises(StoreError):
        store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    store.update(add_claim(make_claim(3)))
    assert [c.id for c in TinyDBStore(store.path).load().claims] == ["c1", "c2", "c3"]


def test_a_folder_that_cannot_be_created(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, store_path: Path
) -> None:
    monkeypatch.setattr(os, "mkdir", failing(os.mkdir, errno.EACCES))
    with pytest.raises(StoreError) as caught:
        store.update(add_claim(make_claim(1)))
    monkeypatch.undo()
    assert f"cannot create the folder {store_path.parent}: permission denied" in str(caught.value)
    assert not store_path.parent.exists()


def test_a_lock_file_that_cannot_be_created(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, store_path: Path
) -> None:
    store_path.parent.mkdir()
    monkeypatch.setattr(os, "open", failing(os.open, errno.EROFS, lambda p, *a: ".lock" in str(p)))
    with pytest.raises(StoreError) as caught:
        store.update(add_claim(make_claim(1)))
    monkeypatch.undo()
    assert f"cannot open the lock file {store.lock_path}" in str(caught.value)
    assert list(store_path.parent.iterdir()) == []


def test_a_file_that_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, saved: bytes
) -> None:
    target = str(store.path)
    monkeypatch.setattr(os, "open", failing(os.open, errno.EACCES, lambda p, *a: str(p) == target))
    with pytest.raises(StoreError) as caught:
        store.load()
    with pytest.raises(StoreError):
        store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    assert f"cannot read {store.path}: permission denied" in str(caught.value)
    assert_untouched(store, saved)


def test_a_folder_that_cannot_be_synced_is_let_be(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, saved: bytes
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    assert len(TinyDBStore(store.path).load().claims) == 3


def test_a_folder_sync_error_is_reported(
    monkeypatch: pytest.MonkeyPatch, store: TinyDBStore, saved: bytes
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StoreError, match="may not survive a power cut"):
        store.update(add_claim(make_claim(3)))
    monkeypatch.undo()
    assert temp_files(store.path.parent) == []


def test_temp_files_of_a_killed_writer_are_removed_on_the_next_save(
    store: TinyDBStore, saved: bytes
) -> None:
    left = store.path.parent / f".{store.path.name}.tmp-0123456789ab"
    left.write_bytes(saved[:50])
    store.update(add_claim(make_claim(3)))
    assert temp_files(store.path.parent) == []
    assert len(store.load().claims) == 3
