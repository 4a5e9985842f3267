"""The storage interface every front end writes through.

A store holds one :class:`~ce_tui.domain.models.Ledger`. Reads return the whole
ledger; a write is one call to :meth:`Store.update` with a function from the
current ledger to the new one, done under an exclusive lock on a freshly
re-read document and written atomically, so two processes never lose each
other's updates and a crash leaves the old or the new document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ce_tui.domain.models import Ledger


class StoreError(Exception):
    """The store cannot be read or written; the message names the file and the cause."""


class StoreCorrupt(StoreError):
    """The file is not valid JSON or not our schema; it is left untouched."""


class StoreNewer(StoreCorrupt):
    """The file was written by a newer ce-tui (a higher schema); it is left untouched."""


class StoreLocked(StoreError):
    """Another process held the lock for longer than we wait."""


class Store(Protocol):
    """Where the ledger lives."""

    @property
    def path(self) -> Path:
        """The file the ledger is kept in."""
        ...

    def load(self) -> Ledger:
        """Read the whole ledger (an empty one if the file does not exist yet)."""
        ...

    def update(
        self,
        change: Callable[[Ledger], Ledger],
        backup: Callable[[Ledger, Ledger], bool] | None = None,
        waiting: Callable[[], None] | None = None,
    ) -> Ledger:
        """Apply `change` to the current ledger under the lock and save the result.

        `waiting()` is called once if another writer holds the lock meanwhile.

        `change` may raise to abort: nothing is written (no backup either) and
        the exception propagates. When ``backup(current, new)`` is true, the
        file being replaced is backed up first, under the same lock. Returns
        the ledger as saved.
        """
        ...
