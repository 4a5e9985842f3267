"""The store's lock: an exclusive ``flock`` on ``<file>.lock``, waited for with a timeout."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ce_tui.store.base import StoreError, StoreLocked
from ce_tui.store.files import FILE_MODE, reason

LOCK_TIMEOUT = 5.0
"""Seconds a writer waits for another process's lock before giving up."""

_held = threading.local()
"""The store files each thread holds the lock of (to refuse a nested update)."""


def lock_path_of(path: Path) -> Path:
    """The lock file beside a store file."""
    return path.with_name(path.name + ".lock")


@contextmanager
def hold_lock(
    path: Path, timeout: float = LOCK_TIMEOUT, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the exclusive lock of the store at `path`, waiting up to `timeout` seconds.

    `waiting()` is called once when another holder makes it wait (the app says
    so on screen).

    The lock is an ``flock`` on ``<file>.lock`` (mode 0600), which the kernel
    releases when its holder exits or is killed, so a crashed process never
    leaves the store locked. The lock file itself is never deleted.
    """
    held: set[Path] = _held.__dict__.setdefault("paths", set())
    if path in held:
        raise StoreError(
            f"{path} is already locked by this thread: a change must return the new "
            "ledger, not update the store itself"
        )
    lock = lock_path_of(path)
    try:
        # Never through a symbolic link: a dangling one would have ce-tui create a
        # file wherever it points.
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, FILE_MODE)
    except OSError as exc:
        raise StoreError(f"cannot open the lock file {lock}: {reason(exc)}") from exc
    try:
        deadline = time.monotonic() + timeout
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                    waiting = None
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreLocked(
                        f"{path} is being changed by another ce-tui process (waited "
                        f"{timeout:g} s for {lock}); try again once it has finished"
                    ) from None
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.025)
            except OSError as exc:
                raise StoreError(f"cannot lock {lock}: {reason(exc)}") from exc
        held.add(path)
        try:
            yield
        finally:
            held.discard(path)
    finally:
        os.close(fd)
