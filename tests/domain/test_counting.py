"""Each claim says whether it counts toward the target, and which rule left it out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ce_tui.domain.counting import claim_notes
from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import Certification, Claim, Ledger
from ce_tui.domain.rules import default_rules

TODAY = date(2026, 11, 28)
CCIE = Certification(
    id="ccie", name="CCIE", level="expert", earned=date(2023, 5, 1), expires=date(2026, 5, 1)
)


def claim(cid: str, completed: date, submitted: date | None, status: str, **more: str) -> Claim:
    """A 10-credit claim."""
    return Claim(
        id=cid,
        activity=f"activity {cid}",
        credits=Decimal(10),
        completed=completed,
        submitted=submitted,
        status=status,  # type: ignore[arg-type]
        catalog_id=more.get("catalog_id"),
    )


def test_every_rule_that_leaves_a_claim_out_is_named() -> None:
    """Counted, duplicate activity, late submission, before the cycle, pending, draft, rejected."""
    ccnp = Certification(
        id="ccnp", name="CCNP", level="professional", earned=date(2024, 3, 1), path="ce"
    )
    claims = (
        claim("ok", date(2025, 1, 10), date(2025, 1, 20), "approved", catalog_id="X"),
        claim("dup", date(2025, 6, 1), date(2025, 6, 2), "approved", catalog_id="X"),
        claim("old", date(2024, 1, 5), date(2024, 1, 9), "approved"),
        claim("wait", date(2026, 9, 1), date(2026, 9, 2), "pending"),
        claim("todo", date(2026, 10, 1), None, "draft"),
        claim("no", date(2026, 2, 1), date(2026, 2, 2), "rejected"),
    )
    ledger = Ledger(certifications=(ccnp,), claims=claims)
    evaluation = evaluate(ledger, default_rules(), TODAY)
    notes = {n.claim: n for n in claim_notes(ledger, evaluation)}
    assert notes["ok"].counts and notes["ok"].reason == ""
    assert "already counts in this cycle (claim ok)" in notes["dup"].reason
    assert "before CCNP's current cycle" in notes["old"].reason
    assert notes["wait"].reason == "pending: counts once approved" and not notes["wait"].counts
    assert notes["todo"].reason.startswith("draft: counts once")
    assert notes["no"].reason == "rejected"
    assert {n.certification for n in notes.values()} == {"ccnp"}
    counted = sum(c.credits for c in claims if notes[c.id].counts)
    status = evaluation.cert("ccnp")
    assert status is not None and counted == status.approved


def test_submitted_after_expiry_is_named() -> None:
    """An expired CCIE: a claim submitted after its expiry does not count toward it."""
    late = claim("late", date(2026, 4, 20), date(2026, 5, 10), "approved")
    ledger = Ledger(certifications=(CCIE,), claims=(late,))
    (note,) = claim_notes(ledger, evaluate(ledger, default_rules(), TODAY))
    assert not note.counts and note.reason == "submitted after CCIE expired (2026-05-01)"


def test_completed_after_today_is_named() -> None:
    """An activity dated after today has not happened yet."""
    ccnp = Certification(id="ccnp", name="CCNP", level="professional", earned=date(2025, 3, 1))
    soon = claim("soon", date(2026, 12, 5), date(2026, 12, 6), "approved")
    ledger = Ledger(certifications=(ccnp,), claims=(soon,))
    (note,) = claim_notes(ledger, evaluate(ledger, default_rules(), TODAY))
    assert not note.counts and note.reason == "completed 2026-12-05, after today"
