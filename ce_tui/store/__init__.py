"""Where the ledger is kept: a TinyDB JSON file, written atomically under a lock.

Modules: :mod:`.tinydb_store` (the store), :mod:`.codec` (bytes to ledger and
back, the seal), :mod:`.migrations` (schemas), :mod:`.files` (reading with
limits, atomic writes), :mod:`.lock`, :mod:`.backups` (and the doctor's
checks), :mod:`.readonly` (TinyDB's query API on a store, read-only; the only
module that imports TinyDB).
"""

from __future__ import annotations

import os
from pathlib import Path

from ce_tui.store.base import Store, StoreCorrupt, StoreError, StoreLocked, StoreNewer
from ce_tui.store.migrations import SCHEMA
from ce_tui.store.tinydb_store import TinyDBStore

ENV_VAR = "CE_TUI_DB"
"""Environment variable naming the store file, overriding the default location."""

FILE_NAME = "ce-tui.json"
"""Name of the store file in the user's data folder."""


def default_store_path() -> Path:
    """The store file: `$CE_TUI_DB` if set, else `ce-tui.json` in the user's data folder."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir  # only when the default place is used

    return Path(user_data_dir("ce-tui", appauthor=False)) / FILE_NAME


__all__ = [
    "ENV_VAR",
    "SCHEMA",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreNewer",
    "TinyDBStore",
    "default_store_path",
]
