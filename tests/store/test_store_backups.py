"""Backups: made, listed newest first, pruned to five, restored; and the doctor's checks."""

from __future__ import annotations

import fcntl
import json
import os
import re
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ce_tui.domain.models import Ledger
from ce_tui.domain.schema import dump
from ce_tui.store import SCHEMA, StoreCorrupt, StoreError, StoreLocked, TinyDBStore
from ce_tui.store.backups import KEEP, check_store, list_backups, make_backup, restore_backup
from tests.store.helpers import add_claim, make_claim

NAME = re.compile(r"^ce-tui\.json\.\d{6}\.\d{4}-\d\d-\d\dT\d{6}Z\.bak$")


def test_a_backup_is_an_exact_private_copy_beside_the_store(
    store: TinyDBStore, saved: bytes
) -> None:
    backup = make_backup(store.path)
    assert backup.parent == store.path.parent
    assert NAME.match(backup.name)
    assert backup.read_bytes() == saved
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert list_backups(store.path) == [backup]


def test_only_the_newest_five_are_kept(store: TinyDBStore, saved: bytes) -> None:
    folder = store.path.parent
    old = [folder / f"ce-tui.json.2020-01-0{day}T120000Z.bak" for day in range(1, 4)]
    for path in old:
        path.write_bytes(saved)
    made = []
    for n in range(4):
        store.update(add_claim(make_claim(10 + n)))
        made.append(make_backup(store.path))
    kept = list_backups(store.path)
    assert len(kept) == KEEP
    assert kept[:4] == made[::-1]
    assert kept[4] == old[-1]
    assert not old[0].exists() and not old[1].exists()
    assert json.loads(kept[0].read_bytes())["claims"]["6"]["id"] == "c13"


def test_backups_are_listed_newest_first(store: TinyDBStore, saved: bytes) -> None:
    folder = store.path.parent
    names = [
        "ce-tui.json.2021-05-01T090000Z.bak",
        "ce-tui.json.2021-05-01T090000Z-2.bak",
        "ce-tui.json.2021-05-01T090000Z-10.bak",
        "ce-tui.json.2019-12-31T235959Z.bak",
    ]
    for name in names:
        (folder / name).write_bytes(saved)
    (folder / "other.json.2022-01-01T000000Z.bak").write_bytes(saved)
    (folder / "ce-tui.json.bak").write_bytes(saved)
    assert [p.name for p in list_backups(store.path)] == [
        names[2],
        names[1],
        names[0],
        names[3],
    ]


def test_no_backups_of_a_store_that_does_not_exist(store_path: Path) -> None:
    assert list_backups(store_path) == []
    with pytest.raises(StoreError, match="does not exist"):
        make_backup(store_path)


def test_restore_puts_the_backup_back_and_backs_up_the_current_file(
    store: TinyDBStore, saved: bytes
) -> None:
    backup = make_backup(store.path)
    store.update(lambda _: Ledger(claims=(make_claim(7),)))
    current = store.path.read_bytes()
    previous = restore_backup(store.path, backup)
    assert store.path.read_bytes() == saved
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert previous is not None
    assert previous.read_bytes() == current
    assert [c.id for c in store.load().claims] == ["c1", "c2"]
    assert list_backups(store.path) == [previous, backup]


def test_restore_when_there_is_no_store(store: TinyDBStore, saved: bytes, tmp_path: Path) -> None:
    backup = make_backup(store.path)
    fresh = tmp_path / "data" / "fresh.json"
    assert restore_backup(fresh, backup) is None
    assert fresh.read_bytes() == saved


def test_a_bad_backup_is_refused_and_nothing_changes(store: TinyDBStore, saved: bytes) -> None:
    bad = store.path.parent / "ce-tui.json.2020-01-01T000000Z.bak"
    bad.write_bytes(saved[:-10])
    with pytest.raises(StoreCorrupt) as caught:
        restore_backup(store.path, bad)
    assert str(bad) in str(caught.value)
    assert store.path.read_bytes() == saved
    assert list_backups(store.path) == [bad]


def test_a_backup_of_a_newer_schema_is_refused(store: TinyDBStore, saved: bytes) -> None:
    newer = store.path.parent / "newer.json"
    newer.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA + 1}}}))
    with pytest.raises(StoreCorrupt, match=f"schema {SCHEMA + 1}"):
        restore_backup(store.path, newer)
    assert store.path.read_bytes() == saved


def test_restore_waits_for_the_lock(store: TinyDBStore, saved: bytes) -> None:
    backup = make_backup(store.path)
    fd = os.open(store.lock_path, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(StoreLocked):
            restore_backup(store.path, backup, lock_timeout=0.2)
    finally:
        os.close(fd)
    assert list_backups(store.path) == [backup]


def test_restoring_the_oldest_backup_keeps_it(store: TinyDBStore, saved: bytes) -> None:
    oldest = store.path.parent / "ce-tui.json.2000-01-01T000000Z.bak"
    oldest.write_bytes(saved)
    for _ in range(KEEP - 1):
        make_backup(store.path)
    restore_backup(store.path, oldest)
    assert oldest.exists()
    assert store.path.read_bytes() == saved


# check_store -------------------------------------------------------------------


def test_a_healthy_store_has_no_problems(store: TinyDBStore, saved: bytes) -> None:
    assert check_store(store.path) == []


def test_a_missing_store_has_no_problems(store_path: Path) -> None:
    assert check_store(store_path) == []


def test_loose_permissions_are_reported(store: TinyDBStore, saved: bytes) -> None:
    store.path.chmod(0o644)
    store.path.parent.chmod(0o777)
    problems = check_store(store.path)
    assert len(problems) == 2
    assert "mode 0777" in problems[0] and f"chmod 700 {store.path.parent}" in problems[0]
    assert "mode 0644" in problems[1] and f"chmod 600 {store.path}" in problems[1]


def test_a_readable_folder_is_fine(store: TinyDBStore, saved: bytes) -> None:
    store.path.parent.chmod(0o755)
    assert check_store(store.path) == []


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file away needs root")
def test_a_file_of_another_user_is_reported(store: TinyDBStore, saved: bytes) -> None:
    os.chown(store.path, 4321, -1)
    assert check_store(store.path) == [f"the file {store.path} belongs to user id 4321, not to you"]


def test_a_corrupt_store_is_reported(store: TinyDBStore, saved: bytes) -> None:
    store.path.write_bytes(saved[:-3])
    (problem,) = check_store(store.path)
    assert problem.startswith(f"{store.path}: not valid JSON")


def test_every_invalid_record_is_reported(store: TinyDBStore, saved: bytes) -> None:
    raw = json.loads(saved)
    for n in range(1, 16):
        raw["claims"][str(n)] = dump(make_claim(n)) | {"credits": -1}
    store.path.write_text(json.dumps(raw))
    problems = check_store(store.path)
    assert len(problems) == 15
    assert problems[0] == (
        f'{store.path}: claim "Course 1" (claims #1): credits must be more than 0, not -1'
    )


def test_rule_breaking_records_are_reported(store: TinyDBStore, store_path: Path) -> None:
    """A file edited by hand breaking whole-ledger rules (the store itself never writes one)."""
    late = replace(make_claim(2), submitted=date(2026, 6, 1))
    claims = [dump(make_claim(1)), dump(make_claim(1)), dump(late)]
    store_path.parent.mkdir()
    store_path.write_text(
        json.dumps(
            {
                "meta": {"1": {"schema": SCHEMA}},
                "claims": {str(n): c for n, c in enumerate(claims, 1)},
            }
        )
    )
    store_path.chmod(0o600)
    with pytest.raises(StoreCorrupt, match="id 'c1' is used by another claim"):
        store.load()
    problems = check_store(store.path)
    assert any("id 'c1' is used by another claim" in p for p in problems)
    assert any("must be submitted within 365 days" in p for p in problems)


def test_an_unmigrated_store_is_checked(store: TinyDBStore, store_path: Path) -> None:
    store_path.parent.mkdir()
    store_path.write_text(json.dumps({"claims": {"1": dump(make_claim(1))}}))
    store_path.chmod(0o600)
    assert check_store(store_path) == []


def test_leftover_temp_files_are_reported(store: TinyDBStore, saved: bytes) -> None:
    left = store.path.parent / ".ce-tui.json.tmp-0123456789ab"
    left.write_bytes(b"{")
    (problem,) = check_store(store.path)
    assert str(left) in problem and "interrupted save" in problem
