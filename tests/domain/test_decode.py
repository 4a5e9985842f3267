"""The decoder of data ce-tui wrote itself (ce_tui.domain.schema.decode): what it reads, what
it refuses, and that it reads the shipped files exactly as validation does."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ce_tui.domain.catalog import CATALOG_RESOURCE, CatalogFile
from ce_tui.domain.models import Claim, Evidence
from ce_tui.domain.rules import Rules, shipped_rules_data
from ce_tui.domain.schema import decode, dump, validate

CLAIM: dict[str, Any] = {
    "id": "c1",
    "activity": "Cisco Live 2026: SD-WAN deep dive",
    "catalog_id": None,
    "credits": 12.5,
    "completed": "2026-06-10",
    "submitted": "2026-06-20",
    "status": "approved",
    "evidence": {
        "path": "/home/me/certificates/sdwan.pdf",
        "size": 12345,
        "sha256": "ab" * 32,
    },
}


def test_a_record_reads_back_as_it_was_validated() -> None:
    """decode(dump(record)) is the record, nested records and nulls included."""
    claim = validate(Claim, CLAIM)
    assert decode(Claim, dump(claim)) == claim
    assert isinstance(decode(Claim, dump(claim)).evidence, Evidence)
    bare = validate(Claim, CLAIM | {"evidence": None, "catalog_id": None})
    assert decode(Claim, dump(bare)) == bare


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"bogus": 1}, TypeError),  # a field the record does not have
        ({"activity": None}, (TypeError, ValueError)),  # null where the field may not be
        ({"credits": True}, ValueError),  # a value of another type
        ({"status": "maybe"}, ValueError),  # not one of the allowed words
        ({"completed": 20260610}, TypeError),
        ({"evidence": {"path": "/x", "size": 1}}, (KeyError, TypeError)),  # nested, a field short
    ],
)
def test_a_record_of_another_shape_is_refused(change: dict[str, Any], error: Any) -> None:
    """Anything other than what ce-tui writes raises, so the store validates the file instead."""
    with pytest.raises(error):
        decode(Claim, CLAIM | change)


@pytest.mark.parametrize("field", ["catalog_id", "submitted", "evidence", "id"])
def test_every_field_must_be_there(field: str) -> None:
    """ce-tui writes every field: a missing one, even one with a default, is refused."""
    raw = {key: value for key, value in CLAIM.items() if key != field}
    with pytest.raises((KeyError, TypeError)):
        decode(Claim, raw)
    with pytest.raises((KeyError, TypeError)):  # and a stray key does not stand in for it
        decode(Claim, raw | {"stray": None})


def test_the_shipped_files_decode_as_they_validate() -> None:
    """The shipped rules and catalog hold every field, and decoding them gives what
    validating them does (so the app never needs pydantic to read them)."""
    from importlib import resources

    rules = shipped_rules_data()
    assert decode(Rules, rules) == validate(Rules, rules)
    data = json.loads(resources.files("ce_tui.domain").joinpath(CATALOG_RESOURCE).read_bytes())
    assert decode(CatalogFile, data) == validate(CatalogFile, data)
