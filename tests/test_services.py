"""Services that write several records do it in one write: all or none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ce_tui.domain.models import Claim
from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import InvalidInput
from ce_tui.services import Services
from ce_tui.store import TinyDBStore


def draft(title: str, completed: date = date(2026, 11, 1)) -> Claim:
    """A draft claim."""
    return Claim(id="new", activity=title, credits=Decimal(8), completed=completed, status="draft")


def test_add_claims_is_one_write_with_fresh_ids(tmp_path) -> None:
    """Three drafts get c1..c3 in one write; delete_claims takes them back in one."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules())
    change = services.add_claims([draft("A"), draft("B"), draft("C")])
    ledger, ids = change.ledger, list(change.created)
    assert ids == ["c1", "c2", "c3"]
    assert [c.activity for c in ledger.claims] == ["A", "B", "C"]
    assert services.delete_claims(["c1", "c3", "gone"]).ledger.claims == (ledger.claims[1],)


def test_add_claims_all_or_none(tmp_path) -> None:
    """A refused record leaves the store byte-identical."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules())
    services.add_claims([draft("A")])
    before = (tmp_path / "s.json").read_bytes()
    bad = Claim(
        id="new",
        activity="Late",
        credits=Decimal(8),
        completed=date(2024, 1, 1),
        submitted=date(2025, 6, 1),
        status="pending",
    )
    with pytest.raises(InvalidInput):
        services.add_claims([draft("B"), bad])
    assert (tmp_path / "s.json").read_bytes() == before
