"""Round trips: what is saved is what is read, in order, exactly."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tinydb import Query, TinyDB

from ce_tui.domain.models import Ledger
from ce_tui.domain.validation import InvalidInput, to_document
from ce_tui.store import (
    ENV_VAR,
    SCHEMA,
    StoreError,
    TinyDBStore,
    default_store_path,
)
from ce_tui.store.readonly import ReadOnlyStorage
from tests.store.helpers import add_claim, make_claim, temp_files
from tests.store.strategies import ledgers


def test_missing_file_is_an_empty_ledger_and_is_not_created(
    store: TinyDBStore, store_path: Path
) -> None:
    assert store.load() == Ledger()
    assert not store_path.exists()
    assert not store_path.parent.exists()


def test_round_trip_of_every_kind_of_record(store: TinyDBStore, sample_ledger: Ledger) -> None:
    saved = store.update(lambda _: sample_ledger)
    assert saved == sample_ledger
    assert to_document(store.load()) == to_document(sample_ledger)
    assert to_document(TinyDBStore(store.path).load()) == to_document(sample_ledger)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledger=ledgers())
def test_any_ledger_round_trips(tmp_path_factory: pytest.TempPathFactory, ledger: Ledger) -> None:
    store = TinyDBStore(tmp_path_factory.mktemp("rt") / "ce-tui.json")
    store.update(lambda _: ledger)
    assert to_document(TinyDBStore(store.path).load()) == to_document(ledger)


def test_file_is_a_tinydb_database_with_one_table_per_kind(
    store: TinyDBStore, sample_ledger: Ledger
) -> None:
    store.update(lambda _: sample_ledger)
    raw = json.loads(store.path.read_bytes())
    assert list(raw) == ["meta", "certifications", "exams", "claims", "catalog"]
    meta = raw["meta"]["1"]
    assert list(meta) == ["seal", "schema", "profile"]  # the seal first: see test_store_seal
    assert meta["schema"] == SCHEMA
    assert meta["profile"] == {"terms_accepted": "2024-01-01"}
    assert list(raw["claims"]) == ["1", "2"]
    db = TinyDB(store.path, storage=ReadOnlyStorage)
    assert db.tables() == {"meta", "certifications", "exams", "claims", "catalog"}
    assert [doc["id"] for doc in db.table("claims").all()] == ["c1", "c2"]
    assert db.table("claims").get(doc_id=2)["credits"] == 0.25  # type: ignore[index]


def test_tinydb_queries_a_store_read_only(store: TinyDBStore, sample_ledger: Ledger) -> None:
    """TinyDB's query API reads the store; every write through TinyDB is refused."""
    store.update(lambda _: sample_ledger)
    before = store.path.read_bytes()
    with TinyDB(store.path, storage=ReadOnlyStorage) as db:
        claims = db.table("claims")
        found = claims.search(Query().credits > 1)
        assert [doc["activity"] for doc in found] == ["Course 1"]
        assert db.table("certifications").get(Query().id == "cert2")["retired"] is True  # type: ignore[index]
        for write in (
            lambda: claims.insert({"id": "x"}),
            lambda: claims.update({"credits": 99}, doc_ids=[1]),
            lambda: claims.remove(doc_ids=[1]),
            lambda: db.drop_tables(),
        ):
            with pytest.raises(StoreError, match="read-only"):
                write()
    assert store.path.read_bytes() == before


def test_tinydb_is_refused_a_store_the_store_refuses(store_path: Path) -> None:
    store_path.parent.mkdir()
    store_path.write_text(json.dumps({"_default": {"1": {"not": "ours"}}}))
    with pytest.raises(StoreError, match="not a ce-tui store"):
        TinyDB(store_path, storage=ReadOnlyStorage).tables()


def test_records_keep_their_order_by_document_id(store: TinyDBStore) -> None:
    claims = tuple(make_claim(n) for n in range(12))
    store.update(lambda _: Ledger(claims=claims))
    raw = json.loads(store.path.read_bytes())
    # A hand edit that moved the documents around: the document ids still say the order.
    raw["claims"] = dict(reversed(list(raw["claims"].items())))
    store.path.write_text(json.dumps(raw))
    assert [c.id for c in store.load().claims] == [f"c{n}" for n in range(12)]


def test_updates_see_each_other_and_other_writers(store: TinyDBStore) -> None:
    other = TinyDBStore(store.path)
    store.update(add_claim(make_claim(1)))
    other.update(add_claim(make_claim(2)))
    store.update(add_claim(make_claim(3)))
    assert [c.id for c in store.load().claims] == ["c1", "c2", "c3"]
    assert [c.id for c in other.load().claims] == ["c1", "c2", "c3"]


def test_load_sees_a_file_replaced_behind_its_back(store: TinyDBStore, tmp_path: Path) -> None:
    store.update(add_claim(make_claim(1)))
    assert len(store.load().claims) == 1
    elsewhere = TinyDBStore(tmp_path / "elsewhere.json")
    elsewhere.update(add_claim(make_claim(2)))
    os.replace(elsewhere.path, store.path)
    assert [c.id for c in store.load().claims] == ["c2"]


def test_change_that_raises_writes_nothing(store: TinyDBStore, saved: bytes) -> None:
    before = store.path.stat()

    def boom(ledger: Ledger) -> Ledger:
        raise InvalidInput(["claim: no"])

    with pytest.raises(InvalidInput):
        store.update(boom)
    assert store.path.read_bytes() == saved
    assert store.path.stat().st_mtime_ns == before.st_mtime_ns
    assert store.path.stat().st_ino == before.st_ino
    assert temp_files(store.path.parent) == []


def test_change_that_raises_on_a_new_store_creates_no_store(
    store: TinyDBStore, store_path: Path
) -> None:
    with pytest.raises(RuntimeError):
        store.update(lambda _: (_ for _ in ()).throw(RuntimeError("no")))
    assert not store_path.exists()


def test_a_record_built_without_validation_is_refused(store: TinyDBStore, saved: bytes) -> None:
    def sneaky(ledger: Ledger) -> Ledger:
        bad = replace(ledger.claims[0], credits=Decimal("-3"), activity="Bad")
        return replace(ledger, claims=(bad, *ledger.claims[1:]))

    with pytest.raises(InvalidInput, match='claim "Bad": credits must be more than 0'):
        store.update(sneaky)
    assert store.path.read_bytes() == saved


def test_change_must_return_a_ledger(store: TinyDBStore, saved: bytes) -> None:
    with pytest.raises(TypeError, match="not a Ledger"):
        store.update(lambda _: None)  # type: ignore[arg-type,return-value]
    assert store.path.read_bytes() == saved


def test_update_returns_the_ledger_as_saved(store: TinyDBStore) -> None:
    claim = replace(make_claim(1), credits=8)  # not a Decimal: made without validation
    saved = store.update(add_claim(claim))
    assert saved == store.load()
    assert isinstance(saved.claims[0].credits, Decimal)


def test_text_that_cannot_be_utf8_is_refused(store: TinyDBStore, saved: bytes) -> None:
    odd = replace(make_claim(9), activity="half \ud800")
    with pytest.raises(InvalidInput, match="activity"):
        store.update(add_claim(odd))
    assert store.path.read_bytes() == saved


def test_non_ascii_text_is_written_as_utf8(store: TinyDBStore, sample_ledger: Ledger) -> None:
    store.update(lambda _: sample_ledger)
    assert "Réseaux — cours avancé ✓".encode() in store.path.read_bytes()


def test_a_symbolic_link_to_the_store_is_kept(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "ce-tui.json"
    real.parent.mkdir()
    link = tmp_path / "ce-tui.json"
    link.symlink_to(real)
    store = TinyDBStore(link)
    store.update(add_claim(make_claim(1)))
    assert link.is_symlink()
    assert [c.id for c in TinyDBStore(real).load().claims] == ["c1"]
    assert (real.parent / "ce-tui.json.lock").exists()


def test_default_path_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    path = default_store_path()
    assert path.name == "ce-tui.json"
    assert path.parent.name == "ce-tui"


def test_default_path_is_overridden_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine.json"))
    assert default_store_path() == tmp_path / "mine.json"
    monkeypatch.setenv(ENV_VAR, "~/ce.json")
    assert default_store_path() == Path.home() / "ce.json"
    monkeypatch.setenv(ENV_VAR, "")
    assert default_store_path().name == "ce-tui.json"
