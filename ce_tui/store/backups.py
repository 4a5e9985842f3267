"""Backups of the store file, restoring one, and the checks of a `doctor` command.

A backup is a byte-for-byte copy of the store beside it, named after the
store, a sequence number one above the highest already there, and the time it
was made (UTC), for example ``ce-tui.json.000007.2026-11-28T161230Z.bak``.
Backups have mode 0600 and only the :data:`KEEP` with the highest numbers are
kept: the order never depends on the clock (a clock that was once fast cannot
make a new backup the oldest), and a backup just made is never the one pruned.
Backups are made only under the store's lock. Backups of earlier versions,
named by time alone (``ce-tui.json.2026-11-28T161230Z.bak``), count as older
than any numbered one.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ce_tui import clock
from ce_tui.domain.rules import Rules, default_rules
from ce_tui.store.base import StoreCorrupt, StoreError
from ce_tui.store.codec import decode_store, parse_bytes, store_problems
from ce_tui.store.files import (
    ensure_folder,
    read_bytes,
    reason,
    refuse_read_only,
    temp_prefix,
    write_atomic,
)
from ce_tui.store.lock import LOCK_TIMEOUT, hold_lock
from ce_tui.store.migrations import META, is_schema_0

KEEP = 5
"""How many backups of a store are kept."""

_STAMP = "%Y-%m-%dT%H%M%SZ"


def _real(path: Path) -> Path:
    """The real file behind `path` (the one the store writes)."""
    return Path(os.path.realpath(path))


def _pattern(store: Path) -> re.Pattern[str]:
    """Names of the backups of `store`: `<name>.<seq>.<time>.bak`, or `<name>.<time>[-<n>].bak`."""
    return re.compile(
        rf"^{re.escape(store.name)}\.(?:(\d+)\.)?"
        rf"(\d{{4}}-\d\d-\d\dT\d{{6}}Z)(?:-(\d{{1,4}}))?\.bak$"
    )


def _backups(store: Path) -> list[tuple[tuple[int, str, int], Path]]:
    """(sort key, path) of every backup of the real store file, newest first."""
    pattern = _pattern(store)
    found = []
    try:
        entries = list(os.scandir(store.parent))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"cannot list the backups in {store.parent}: {reason(exc)}") from exc
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_file(follow_symlinks=False):
            key = (int(match.group(1) or 0), match.group(2), int(match.group(3) or 0))
            found.append((key, store.parent / entry.name))
    found.sort(reverse=True)
    return found


def list_backups(store_path: Path) -> list[Path]:
    """The backups of the store at `store_path`, newest first."""
    return [path for _key, path in _backups(_real(store_path))]


def _prune(store: Path, keep: int, spare: Path | None = None) -> None:
    """Delete all but the newest `keep` backups (never `spare`)."""
    for _key, path in _backups(store)[keep:]:
        if spare is not None and path == spare:
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot delete the old backup {path}: {exc.strerror}") from exc


def backup_locked(store: Path, keep: int = KEEP, spare: Path | None = None) -> Path:
    """Copy the real store file to a new numbered backup and prune the old ones.

    Call only while holding the store's lock. The new backup takes the number
    after the highest one there, so it is the newest and never pruned; `spare`
    (a backup being restored) is not pruned either.
    """
    data = read_bytes(store)
    if data is None:
        raise StoreError(f"cannot back up {store}: the file does not exist")
    existing = _backups(store)
    number = existing[0][0][0] + 1 if existing else 1
    stamp = clock.timestamp().strftime(_STAMP)
    backup = store.parent / f"{store.name}.{number:06d}.{stamp}.bak"
    write_atomic(backup, data)
    _prune(store, keep, spare)
    return backup


def make_backup(store_path: Path, keep: int = KEEP, lock_timeout: float = LOCK_TIMEOUT) -> Path:
    """Copy the store to a numbered backup beside it (mode 0600), under its lock.

    Keeps the `keep` newest. Returns the new backup. Raises StoreError when the
    store does not exist or the copy cannot be written.
    """
    store = _real(store_path)
    if read_bytes(store) is None:
        raise StoreError(f"cannot back up {store}: the file does not exist")
    with hold_lock(store, lock_timeout):
        return backup_locked(store, keep)


def find_backup(store_path: Path, name: Path) -> Path:
    """The backup `name` names: a path, or the name of one of the store's backups."""
    if name.exists() or name.parent != Path("."):
        return name
    for backup in list_backups(store_path):
        if backup.name == name.name:
            return backup
    return name


def restore_backup(
    store_path: Path,
    backup: Path,
    lock_timeout: float = LOCK_TIMEOUT,
    rules: Rules | None = None,
) -> Path | None:
    """Replace the store with `backup`, after checking it and backing up the current file.

    The backup must load under `rules` (default: the shipped ones), the
    whole-ledger rules included (StoreCorrupt otherwise, naming it; nothing
    changes), and the file it replaces must not be another program's JSON.
    Under the store's lock the current file, if any, is backed up, then
    replaced atomically by the backup's bytes. Returns the backup made of the
    file that was replaced (None when there was none).
    """
    store = _real(store_path)
    source = _real(backup)
    data = read_bytes(source, "a backup")
    if data is None:
        raise StoreError(f"cannot restore {source}: the file does not exist")
    decode_store(data, source, rules or default_rules())
    ensure_folder(store.parent)
    with hold_lock(store, lock_timeout):
        previous = None
        current = read_bytes(store)
        if current is not None:
            _refuse_foreign(current, store)
            refuse_read_only(store)
            previous = backup_locked(store, KEEP, source)
        write_atomic(store, data)
    return previous


def _refuse_foreign(data: bytes, store: Path) -> None:
    """StoreCorrupt when the file at `store` is JSON of another program (never replaced).

    A damaged store (not JSON at all, or records that fail validation) is
    what a restore is for: it is backed up and replaced.
    """
    try:
        doc = parse_bytes(data, store)
    except StoreCorrupt:
        return
    if META not in doc and not is_schema_0(doc):
        raise StoreCorrupt(
            f"{store} is not a ce-tui store (it has no meta table; it may belong to another "
            "program); nothing was restored"
        )


def _mode_problems(path: Path, what: str) -> list[str]:
    """Looser permissions than 0600 (file) / 0700 (folder) that matter, and foreign owners."""
    try:
        info = path.stat()
    except OSError as exc:
        return [f"cannot check the {what} {path}: {exc.strerror}"]
    problems = []
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid != os.getuid():
        problems.append(f"the {what} {path} belongs to user id {info.st_uid}, not to you")
    if what == "file" and mode & 0o077:
        problems.append(
            f"the file {path} can be read or written by other users (mode {mode:04o}); "
            f"run: chmod 600 {path}"
        )
    if what == "folder" and mode & 0o022 and not mode & stat.S_ISVTX:
        problems.append(
            f"the folder {path} can be written by other users (mode {mode:04o}), who could "
            f"replace the store; run: chmod 700 {path}"
        )
    return problems


def check_store(path: Path, rules: Rules | None = None) -> list[str]:
    """Every problem of the store at `path`, one sentence each (empty: all is well).

    Checks that the file is UTF-8 JSON of a schema this version knows, that
    every record is valid and the ledger keeps the rules (ids, claim window,
    paths; `rules` defaults to the shipped ones), the permissions of the file
    (0600) and of its folder, and leftover temporary files. A store that does
    not exist yet has no problems of its own.
    """
    store = _real(path)
    problems: list[str] = []
    if store.parent.is_dir():
        problems.extend(_mode_problems(store.parent, "folder"))
    try:
        data = read_bytes(store)
    except StoreError as exc:
        return [*problems, str(exc)]
    if data is None:
        return problems
    problems.extend(_mode_problems(store, "file"))
    problems.extend(store_problems(data, store, rules or default_rules()))
    try:
        leftovers = sorted(
            entry.name
            for entry in os.scandir(store.parent)
            if entry.name.startswith(temp_prefix(store))
        )
    except OSError as exc:
        return [*problems, f"cannot list the folder {store.parent}: {reason(exc)}"]
    problems.extend(
        f"{store.parent / name} is left from an interrupted save; it is removed on the next save"
        for name in leftovers
    )
    return problems


__all__ = [
    "KEEP",
    "backup_locked",
    "check_store",
    "find_backup",
    "list_backups",
    "make_backup",
    "restore_backup",
]
