"""File modes, and files we refuse to read: named in the error, left byte for byte."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ce_tui.domain.models import Ledger
from ce_tui.domain.schema import dump
from ce_tui.store import SCHEMA, StoreCorrupt, StoreError, StoreNewer, TinyDBStore
from tests.store.helpers import add_claim, make_claim


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would make every new file world-writable."""
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_new_file_is_0600_and_new_folders_0700(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "ce-tui.json"
    TinyDBStore(path).update(add_claim(make_claim(1)))
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    assert mode(path.with_name("ce-tui.json.lock")) == 0o600


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    TinyDBStore(tmp_path / "ce-tui.json").update(add_claim(make_claim(1)))
    assert mode(tmp_path) == 0o755


def test_a_loose_file_is_saved_back_as_0600(store: TinyDBStore, saved: bytes) -> None:
    store.path.chmod(0o644)
    store.update(add_claim(make_claim(3)))
    assert mode(store.path) == 0o600


def test_load_creates_nothing(store: TinyDBStore, store_path: Path) -> None:
    store_path.parent.mkdir()
    store.load()
    assert list(store_path.parent.iterdir()) == []


def current(doc: dict[str, object]) -> dict[str, object]:
    """A document of the current schema with the given tables."""
    return {"meta": {"1": {"schema": SCHEMA, "profile": {}}}, **doc}


GOOD_CLAIM = dump(make_claim(1))

REFUSED: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n", "the file is empty"),
    "not json": (b"claims: 3\n", "not valid JSON"),
    "truncated": (
        json.dumps(current({"claims": {"1": GOOD_CLAIM}})).encode()[:-7],
        "not valid JSON",
    ),
    "not utf-8": (
        json.dumps(current({})).encode().replace(b"{}", b'{"x": "\xff\xfe"}', 1),
        "not UTF-8 text (byte 0xff",
    ),
    "utf-16": (json.dumps(current({})).encode("utf-16"), "not UTF-8 text"),
    "a list": (b"[1, 2]", "the JSON is not an object"),
    "a string": (b'"ce-tui"', "the JSON is not an object"),
    "an export document": (
        json.dumps({"format": "ce-tui/1", "claims": []}).encode(),
        "looks like an exported document",
    ),
    "unknown table": (json.dumps(current({"notes": {}})).encode(), "notes: is not a known table"),
    "table not an object": (json.dumps(current({"claims": []})).encode(), "claims"),
    "bad document id": (
        json.dumps(current({"claims": {"one": GOOD_CLAIM}})).encode(),
        "is not a document id",
    ),
    "bad record": (
        json.dumps(current({"claims": {"1": GOOD_CLAIM | {"credits": 0}}})).encode(),
        'claim "Course 1" (claims #1): credits must be more than 0',
    ),
    "unknown field": (
        json.dumps(current({"claims": {"1": GOOD_CLAIM | {"colour": "red"}}})).encode(),
        "colour is not a known field",
    ),
    "record not an object": (json.dumps(current({"exams": {"1": 5}})).encode(), "exams #1"),
    "two meta documents": (
        json.dumps({"meta": {"1": {"schema": 1}, "2": {"schema": 1}}}).encode(),
        "the meta table must hold one document",
    ),
    "schema not a number": (
        json.dumps({"meta": {"1": {"schema": "1"}}}).encode(),
        "meta schema is '1', not a whole number",
    ),
    "schema negative": (json.dumps({"meta": {"1": {"schema": -1}}}).encode(), "whole number"),
    "meta with unknown field": (
        json.dumps({"meta": {"1": {"schema": SCHEMA, "owner": "x"}}}).encode(),
        "owner is not a known field",
    ),
    "nested too deeply": (b"[" * 100_000 + b"]" * 100_000, "not"),
}


@pytest.mark.parametrize("content,expected", REFUSED.values(), ids=REFUSED.keys())
def test_refused_files_are_named_and_left_untouched(
    store: TinyDBStore, store_path: Path, content: bytes, expected: str
) -> None:
    store_path.parent.mkdir()
    store_path.write_bytes(content)
    with pytest.raises(StoreCorrupt) as caught:
        store.load()
    assert str(store_path) in str(caught.value)
    assert expected in str(caught.value)
    with pytest.raises(StoreCorrupt):
        store.update(add_claim(make_claim(2)))
    assert store_path.read_bytes() == content
    assert sorted(p.name for p in store_path.parent.iterdir()) == [
        "ce-tui.json",
        "ce-tui.json.lock",
    ]


def test_every_bad_record_is_listed_up_to_ten(store: TinyDBStore, store_path: Path) -> None:
    bad = {str(n): GOOD_CLAIM | {"id": f"c{n}", "status": "maybe"} for n in range(1, 31)}
    store_path.parent.mkdir()
    store_path.write_text(json.dumps(current({"claims": bad})))
    with pytest.raises(StoreCorrupt) as caught:
        store.load()
    message = str(caught.value)
    assert "claims #1)" in message
    assert "claims #10)" in message
    assert "claims #11)" not in message
    assert "and 20 more problems" in message


def test_a_newer_schema_is_refused_naming_both_versions(
    store: TinyDBStore, store_path: Path
) -> None:
    content = json.dumps({"meta": {"1": {"schema": SCHEMA + 1}}, "claims": {}, "tags": {}})
    store_path.parent.mkdir()
    store_path.write_text(content)
    with pytest.raises(StoreNewer) as caught:
        store.load()
    message = str(caught.value)
    assert str(store_path) in message
    assert f"schema {SCHEMA + 1}" in message
    assert f"schema {SCHEMA}" in message
    with pytest.raises(StoreNewer):
        store.update(lambda _: Ledger())
    assert store_path.read_text() == content


def test_a_folder_in_place_of_the_file_is_an_error(store: TinyDBStore, store_path: Path) -> None:
    store_path.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder"):
        store.load()


@pytest.mark.parametrize("kind", ["fifo", "folder", "large"])
def test_a_settings_file_that_is_not_a_small_regular_file_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    """A FIFO in the settings' place is refused, not waited on (the app would hang at start)."""
    import threading

    from ce_tui.store.settings import read_settings

    path = tmp_path / "ce-tui.settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text(json.dumps({"theme": "x" * 5000}))
    outcome: list[object] = []

    def read() -> None:
        """Read the settings, keeping what came of it."""
        try:
            outcome.append(read_settings(path))
        except StoreError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading the settings waited on a FIFO"
    assert isinstance(outcome[0], StoreError) and "settings ignored" in str(outcome[0])
    assert " 0 MiB" not in str(outcome[0])
