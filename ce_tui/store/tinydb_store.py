"""The ledger in a TinyDB JSON file, written atomically under a lock.

:class:`TinyDBStore` is the store every front end writes through. Reading
opens the file afresh every time (:mod:`ce_tui.store.files`: a regular file of
at most 64 MiB) and decodes it (:mod:`ce_tui.store.codec`: sealed, or validated
whole under the store's rules; :mod:`ce_tui.store.migrations`: older schemas).
Writing happens only in :meth:`TinyDBStore.update`: under an exclusive
``flock`` on ``<file>.lock`` (:mod:`ce_tui.store.lock`) the document is
re-read, changed, checked, backed up when asked (:mod:`ce_tui.store.backups`)
and written once to a temporary file in the same folder, synced and renamed
over the old one, so a crash at any moment leaves either the old or the new
document.

The file's layout is TinyDB's, and :class:`~ce_tui.store.readonly.ReadOnlyStorage`
lets TinyDB's own query API read it: ``TinyDB(path, storage=ReadOnlyStorage)``. TinyDB never
writes the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ce_tui.domain.models import Ledger
from ce_tui.domain.rules import Rules, default_rules
from ce_tui.domain.validation import InvalidInput, check_ledger
from ce_tui.store.backups import backup_locked
from ce_tui.store.codec import _revalidated, decode_store, encode_ledger, seal_key
from ce_tui.store.files import (
    check_readable,
    ensure_folder,
    read_bytes,
    refuse_read_only,
    remove_stale_temps,
    write_atomic,
)
from ce_tui.store.lock import LOCK_TIMEOUT, hold_lock, lock_path_of
from ce_tui.store.migrations import SCHEMA


class TinyDBStore:
    """The ledger kept in one TinyDB JSON file (see the module documentation)."""

    def __init__(
        self, path: Path, *, lock_timeout: float = LOCK_TIMEOUT, rules: Rules | None = None
    ) -> None:
        """A store at `path` checked under `rules` (default: the shipped ones).

        Nothing is read or created until it is used.
        """
        self._path = Path(path)
        self.lock_timeout = lock_timeout
        self.rules = rules or default_rules()
        """The rules every load checks the ledger against (and the seal is keyed to)."""
        self._key = seal_key(self.rules)
        self._cache: tuple[bytes, Ledger] | None = None

    @property
    def path(self) -> Path:
        """The file the ledger is kept in."""
        return self._path

    def _target(self) -> Path:
        """The real file (a symbolic link is followed, so it is kept, not replaced)."""
        return Path(os.path.realpath(self._path))

    @property
    def lock_path(self) -> Path:
        """The lock file writers hold."""
        return lock_path_of(self._target())

    def _decode(self, data: bytes, target: Path) -> tuple[Ledger, int]:
        """Decode a file's bytes, reusing the last ledger when the bytes are the same."""
        cached = self._cache
        if cached is not None and cached[0] == data:
            return cached[1], SCHEMA
        ledger, original = decode_store(data, target, self.rules)
        if original == SCHEMA:
            self._cache = (data, ledger)
        return ledger, original

    def load(self) -> Ledger:
        """Read the whole ledger (an empty one if the file does not exist; nothing is created)."""
        target = self._target()
        data = read_bytes(target)
        if data is None:
            return Ledger()
        return self._decode(data, target)[0]

    def update(
        self,
        change: Callable[[Ledger], Ledger],
        backup: Callable[[Ledger, Ledger], bool] | None = None,
        waiting: Callable[[], None] | None = None,
    ) -> Ledger:
        """Apply `change` to the freshly read ledger under the lock; save and return the result.

        `waiting()` is called once if another writer holds the lock meanwhile.

        If `change` raises, nothing is written and the exception propagates. A
        ledger that would not read back (a record built without validation)
        raises InvalidInput and nothing is written. Everything is decided under
        the lock: the file is backed up before it is replaced when it is of an
        older schema or when ``backup(current, new)`` is true, and not at all
        when the change is refused. A store file without write permission is
        refused as read-only, never replaced.
        """
        target = self._target()
        check_readable(target)  # a folder, FIFO or link loop: refused before a lock file is made
        ensure_folder(target.parent)
        with hold_lock(target, self.lock_timeout, waiting):
            data = read_bytes(target)
            if data is None:
                current, original = Ledger(), SCHEMA
            else:
                current, original = self._decode(data, target)
            new = change(current)
            if not isinstance(new, Ledger):
                raise TypeError(f"change returned {type(new).__name__}, not a Ledger")
            saved = _revalidated(new, current)
            problems = check_ledger(saved, self.rules)
            if problems:
                raise InvalidInput(problems)  # it would be refused on the next read
            encoded = encode_ledger(saved, self._key)
            if data is not None:
                refuse_read_only(target)
            remove_stale_temps(target)
            if data is not None and (
                original < SCHEMA or (backup is not None and backup(current, saved))
            ):
                backup_locked(target)
            write_atomic(target, encoded)
            self._cache = (encoded, saved)
            return saved
