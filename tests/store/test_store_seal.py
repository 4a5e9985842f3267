"""The seal: a file this store wrote is read back without validation, any other file is validated.

The seal is a digest of the file's bytes taken when every record had just
been validated. A file whose seal matches is decoded directly; a file changed
since (by hand, by another tool) or never sealed goes through pydantic, with
the same errors as always.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ce_tui.domain.catalog import CatalogFile, shipped_catalog
from ce_tui.domain.models import Ledger
from ce_tui.domain.rules import Rules, default_rules, shipped_rules_data
from ce_tui.domain.schema import validate
from ce_tui.domain.validation import to_document
from ce_tui.store import SCHEMA, TinyDBStore
from ce_tui.store.base import StoreCorrupt
from ce_tui.store.codec import (
    SEAL_START,
    _sealed_ledger,
    _to_ledger,
    encode_document,
    is_sealed,
    parse_bytes,
    seal_key,
)
from tests.store.helpers import add_claim, make_claim
from tests.store.strategies import ledgers

KEY = seal_key(default_rules())
"""The seal key of a store under the shipped rules."""


def test_every_write_is_sealed(store: TinyDBStore, sample_ledger: Ledger) -> None:
    store.update(lambda _: sample_ledger)
    data = store.path.read_bytes()
    assert data.startswith(SEAL_START)
    assert is_sealed(data, KEY)


def test_a_changed_byte_breaks_the_seal(store: TinyDBStore, sample_ledger: Ledger) -> None:
    store.update(lambda _: sample_ledger)
    data = store.path.read_bytes()
    assert not is_sealed(data.replace(b'"Course 1"', b'"Course 2"'), KEY)
    schema = f'"schema": {SCHEMA}'.encode()
    assert not is_sealed(data.replace(schema, schema.replace(b" ", b"  ")), KEY)
    assert not is_sealed(data[:-1] + b" }", KEY)
    seal_at = len(SEAL_START)
    assert not is_sealed(data[:seal_at] + b"0" * 32 + data[seal_at + 32 :], KEY)


def test_hand_edit_keeping_the_seal_is_still_validated(
    store: TinyDBStore, sample_ledger: Ledger, store_path: Path
) -> None:
    """Someone changes a value and leaves the seal in place: the file is checked, and refused."""
    store.update(lambda _: sample_ledger)
    raw = json.loads(store_path.read_bytes())
    assert raw["meta"]["1"]["seal"]
    raw["claims"]["1"]["credits"] = -3
    store_path.write_bytes(encode_document(raw))
    assert store_path.read_bytes().startswith(SEAL_START)
    with pytest.raises(StoreCorrupt, match=r"Course 1.*credits must be more than 0"):
        TinyDBStore(store_path).load()


def test_unsealed_file_of_valid_records_loads(
    store: TinyDBStore, sample_ledger: Ledger, store_path: Path
) -> None:
    """A file rewritten by another tool (no seal, other spacing) is validated and read."""
    store.update(lambda _: sample_ledger)
    raw = json.loads(store_path.read_bytes())
    del raw["meta"]["1"]["seal"]
    store_path.write_text(json.dumps(raw, indent=4))
    assert not is_sealed(store_path.read_bytes(), KEY)
    assert TinyDBStore(store_path).load() == sample_ledger


def test_sealed_and_validated_reads_agree(store: TinyDBStore, sample_ledger: Ledger) -> None:
    store.update(lambda _: sample_ledger)
    doc = parse_bytes(store.path.read_bytes(), store.path)
    assert _sealed_ledger(doc, default_rules()) == _to_ledger(doc, default_rules()) == sample_ledger


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledger=ledgers())
def test_any_sealed_file_decodes_as_validation_would(
    tmp_path_factory: pytest.TempPathFactory, ledger: Ledger
) -> None:
    """Exactly the same records, field by field and type by type."""
    path = tmp_path_factory.mktemp("seal") / "ce-tui.json"
    TinyDBStore(path).update(lambda _: ledger)
    doc = parse_bytes(path.read_bytes(), path)
    fast, checked = _sealed_ledger(doc, default_rules()), _to_ledger(doc, default_rules())
    assert fast == checked
    assert repr(fast) == repr(checked)  # the same types too (Decimal, date, tuple)
    assert to_document(fast) == to_document(ledger)


def test_records_made_without_validation_are_validated_before_sealing(
    store: TinyDBStore,
) -> None:
    """A claim built directly with an int amount is stored as the Decimal validation makes."""
    saved = store.update(add_claim(replace(make_claim(1), credits=8)))  # type: ignore[arg-type]
    assert isinstance(saved.claims[0].credits, Decimal)
    assert TinyDBStore(store.path).load() == saved


def test_reading_a_sealed_store_never_imports_pydantic(
    store: TinyDBStore, sample_ledger: Ledger
) -> None:
    store.update(lambda _: sample_ledger)
    code = (
        "import sys\n"
        "from ce_tui.store import TinyDBStore\n"
        f"ledger = TinyDBStore({str(store.path)!r}).load()\n"
        "print(len(ledger.claims), 'pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "False"]


def test_shipped_rules_decode_as_validation_would() -> None:
    """The shipped rules are decoded without validation: they must be exactly valid."""
    assert default_rules() == validate(Rules, shipped_rules_data())


def test_shipped_catalog_decodes_as_validation_would() -> None:
    """The shipped catalog is decoded without validation: it must be exactly valid."""
    from importlib import resources

    raw = resources.files("ce_tui.domain").joinpath("catalog.json").read_bytes()
    checked = validate(CatalogFile, json.loads(raw)).activities
    assert shipped_catalog() == checked
    assert repr(shipped_catalog()) == repr(checked)
