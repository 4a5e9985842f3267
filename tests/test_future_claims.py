"""A claim completed after today cannot be approved: in forms, in the services, on import."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ce_tui.cli import main
from ce_tui.domain.forms import parse_claim
from ce_tui.domain.models import Claim, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import InvalidInput
from ce_tui.services import Services
from ce_tui.store import TinyDBStore

TODAY = date(2026, 11, 28)
FORM = {
    "activity": "Cisco Live 2026 session",
    "credits": "2",
    "completed": "2026-12-05",
    "submitted": "2026-12-06",
    "status": "approved",
}


def test_the_form_refuses_approving_a_claim_completed_after_today() -> None:
    """Approved and completed after today: an error on the status; pending is accepted."""
    claim, errors = parse_claim(FORM, default_rules(), TODAY)
    assert claim is None and "completed after today" in errors["status"]
    claim, errors = parse_claim(FORM | {"status": "pending"}, default_rules(), TODAY)
    assert claim is not None and not errors
    claim, errors = parse_claim(FORM | {"completed": "2026-11-28"}, default_rules(), TODAY)
    assert claim is not None and not errors


def future_claim() -> Claim:
    """A claim approved though completed after TODAY."""
    claim, _ = parse_claim(FORM, default_rules())
    assert claim is not None
    return replace(claim, id="c1")


def test_services_refuse_a_new_approval_before_the_activity_and_write_nothing(
    tmp_path: Path,
) -> None:
    """Adding it, or approving a pending one, is refused; the file is unchanged."""
    services = Services(TinyDBStore(tmp_path / "s.json"), default_rules(), TODAY)
    pending = replace(future_claim(), status="pending")
    services.add_claim(pending)
    before = (tmp_path / "s.json").read_bytes()
    with pytest.raises(InvalidInput, match="cannot be approved before it happened"):
        services.add_claim(future_claim())
    with pytest.raises(InvalidInput, match="cannot be approved before it happened"):
        services.set_claim_status("c1", "approved", None)
    assert (tmp_path / "s.json").read_bytes() == before


def test_a_stored_future_approval_does_not_block_other_writes(tmp_path: Path) -> None:
    """The rule judges what a write changes, not what an earlier day stored."""
    path = tmp_path / "s.json"
    TinyDBStore(path).update(lambda _old: Ledger(claims=(future_claim(),)))
    services = Services(TinyDBStore(path), default_rules(), TODAY)
    other = replace(future_claim(), id="x", completed=date(2026, 11, 1), submitted=None)
    ledger = services.add_claim(replace(other, status="draft")).ledger
    assert len(ledger.claims) == 2


def test_import_refuses_an_approved_claim_completed_after_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1, the problem named, nothing written."""
    doc = {"format": "ce-tui/1", "claims": [{"id": "c1", **FORM, "credits": 2}]}
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(doc), "utf-8")
    db = tmp_path / "store.json"
    code = main(["--db", str(db), "--today", TODAY.isoformat(), "import", str(source)])
    err = capsys.readouterr().err
    assert code == 1 and "cannot be approved before it happened" in err
    assert not db.exists() or TinyDBStore(db).load().claims == ()
