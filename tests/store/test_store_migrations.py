"""Older schemas are migrated in memory on read and on disk (after a backup) on write."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ce_tui.domain.schema import dump
from ce_tui.store import SCHEMA, StoreCorrupt, TinyDBStore
from ce_tui.store.backups import list_backups
from ce_tui.store.migrations import MIGRATIONS
from tests.store.helpers import add_claim, make_claim

CLAIM = dump(make_claim(1))

SCHEMA_0 = {
    # A file of schema 0: TinyDB tables, no meta table, the profile in a table of its own.
    "_default": {},
    "certifications": {},
    "claims": {"1": CLAIM},
    "profile": {"1": {"terms_accepted": "2024-02-29"}},
}


@pytest.fixture
def old_file(store_path: Path) -> bytes:
    store_path.parent.mkdir()
    content = json.dumps(SCHEMA_0, indent=2).encode()
    store_path.write_bytes(content)
    return content


def test_every_older_schema_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA))


def test_migration_0_adds_the_meta_table() -> None:
    migrated = MIGRATIONS[0](SCHEMA_0)
    assert migrated["meta"] == {"1": {"schema": 1, "profile": {"terms_accepted": "2024-02-29"}}}
    assert "profile" not in migrated
    assert "_default" not in migrated
    assert migrated["claims"] == SCHEMA_0["claims"]
    assert "meta" not in SCHEMA_0  # the input is not changed


def test_migration_0_of_an_empty_database() -> None:
    assert MIGRATIONS[0]({}) == {"meta": {"1": {"schema": 1, "profile": {}}}}


def test_an_old_file_is_read_without_writing(
    store: TinyDBStore, store_path: Path, old_file: bytes
) -> None:
    ledger = store.load()
    assert [c.id for c in ledger.claims] == ["c1"]
    assert ledger.profile.terms_accepted == date(2024, 2, 29)
    assert store_path.read_bytes() == old_file
    assert list_backups(store_path) == []


def test_the_first_write_backs_up_then_migrates(
    store: TinyDBStore, store_path: Path, old_file: bytes
) -> None:
    store.update(add_claim(make_claim(2)))
    raw = json.loads(store_path.read_bytes())
    assert raw["meta"]["1"]["schema"] == SCHEMA
    assert raw["meta"]["1"]["profile"] == {"terms_accepted": "2024-02-29"}
    assert "profile" not in raw
    assert [c.id for c in TinyDBStore(store_path).load().claims] == ["c1", "c2"]
    (backup,) = list_backups(store_path)
    assert backup.read_bytes() == old_file
    store.update(add_claim(make_claim(3)))
    assert len(list_backups(store_path)) == 1  # only the migrating write backs up


def test_a_failed_change_on_an_old_file_makes_no_backup(
    store: TinyDBStore, store_path: Path, old_file: bytes
) -> None:
    with pytest.raises(ValueError):
        store.update(lambda _: (_ for _ in ()).throw(ValueError("no")))
    assert store_path.read_bytes() == old_file
    assert list_backups(store_path) == []


def test_an_old_file_that_cannot_be_migrated_is_refused(
    store: TinyDBStore, store_path: Path
) -> None:
    store_path.parent.mkdir()
    content = json.dumps(SCHEMA_0 | {"profile": {"1": {}, "2": {}}}).encode()
    store_path.write_bytes(content)
    with pytest.raises(StoreCorrupt, match="cannot migrate store schema 0 to 1"):
        store.load()
    with pytest.raises(StoreCorrupt):
        store.update(add_claim(make_claim(2)))
    assert store_path.read_bytes() == content
    assert list_backups(store_path) == []


def test_a_schema_1_store_gains_evidence_on_its_first_write(store_path: Path) -> None:
    """Schema 1 (no evidence) reads unchanged; the first write backs it up and writes schema 2."""
    store_path.parent.mkdir()
    content = json.dumps({"meta": {"1": {"schema": 1, "profile": {}}}, "claims": {"1": CLAIM}})
    store_path.write_text(content)
    store = TinyDBStore(store_path)
    (claim,) = store.load().claims
    assert claim == make_claim(1) and claim.evidence is None
    store.update(add_claim(make_claim(2)))
    raw = json.loads(store_path.read_bytes())
    assert raw["meta"]["1"]["schema"] == SCHEMA == 2
    assert raw["claims"]["1"] == CLAIM | {"evidence": None}
    (backup,) = list_backups(store_path)
    assert backup.read_text() == content
