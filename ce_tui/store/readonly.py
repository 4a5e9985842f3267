"""TinyDB's query API on a ce-tui store, read-only.

Kept apart from the store itself so that reading a store for ``status`` or the
app never imports TinyDB: only someone who opens the store through TinyDB pays
for it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ce_tui.domain.rules import Rules, default_rules
from ce_tui.store.base import StoreError
from ce_tui.store.codec import decode_store, parse_bytes
from ce_tui.store.files import read_bytes
from ce_tui.store.migrations import upgrade


class ReadOnlyStorage(Storage):
    """A TinyDB storage that reads a ce-tui store and refuses every write.

    ``TinyDB(path, storage=ReadOnlyStorage)`` gives TinyDB's query API on the
    store (tables, ``search``, ``get``). The file is read afresh on every
    read, with the store's limits, and must load as a store does (under the
    shipped rules, or `rules`); an older schema is shown migrated. Writes
    raise StoreError and change nothing: changes go through
    :meth:`TinyDBStore.update`.
    """

    def __init__(self, path: str | os.PathLike[str], rules: Rules | None = None) -> None:
        """Read the store at `path`."""
        super().__init__()
        self.path = Path(path)
        self.rules = rules or default_rules()

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole store as TinyDB tables; None when it does not exist."""
        data = read_bytes(self.path)
        if data is None:
            return None
        decode_store(data, self.path, self.rules)  # refuses what a store refuses
        return upgrade(parse_bytes(data, self.path), self.path)[0]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Refuse: this storage is read-only."""
        raise StoreError(f"{self.path} is opened read-only through TinyDB; nothing was written")
