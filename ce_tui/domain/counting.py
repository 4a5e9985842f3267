"""Why each claim counts, or does not, toward the certification the credits work toward.

The engine totals what counts; this says, claim by claim, which rule of
docs/policy.md section 3 left a claim out: a draft or rejected claim, an activity
completed after today, outside the certification's current cycle, submitted
after its expiry, or a catalog activity already counted in the cycle; a
pending claim counts once approved. It is judged against the target (else the
first certification not retired) with the cycle the evaluation found, and
computed once per evaluation for every claim (the Claims screen and
`status --json` show it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ce_tui.domain.evaluation import CertStatus, Evaluation
from ce_tui.domain.models import Claim, Ledger


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimNote:
    """Whether one claim counts toward `certification`, and if not, why."""

    claim: str
    certification: str | None
    """The certification judged against (None: there is none)."""
    counts: bool
    """True when its credits count as approved credits of that certification's cycle."""
    reason: str
    """Why it does not count, or what it waits for (pending); empty when it counts."""


def judged_against(evaluation: Evaluation) -> CertStatus | None:
    """The certification claims are judged against: the target, else the first not retired."""
    if evaluation.target is not None:
        return evaluation.cert(evaluation.target)
    return next((c for c in evaluation.certifications if not c.retired), None)


def claim_notes(ledger: Ledger, evaluation: Evaluation) -> tuple[ClaimNote, ...]:
    """A note for every claim of `ledger`, in its order."""
    cert = judged_against(evaluation)
    first = _first_by_activity(ledger.claims, cert) if cert else {}
    return tuple(_note(c, cert, first, evaluation) for c in ledger.claims)


def _in_cycle(claim: Claim, cert: CertStatus) -> bool:
    """Completed and submitted in time for `cert`'s current cycle."""
    return (
        cert.cycle_start <= claim.completed <= cert.expires
        and claim.submitted is not None
        and claim.submitted <= cert.expires
    )


def _first_by_activity(claims: Sequence[Claim], cert: CertStatus) -> dict[str, Claim]:
    """Per catalog id, the earliest approved claim (by completed, then id) in `cert`'s cycle."""
    first: dict[str, Claim] = {}
    for claim in claims:
        if claim.status != "approved" or not claim.catalog_id or not _in_cycle(claim, cert):
            continue
        held = first.get(claim.catalog_id)
        if held is None or (claim.completed, claim.id) < (held.completed, held.id):
            first[claim.catalog_id] = claim
    return first


def _note(
    claim: Claim, cert: CertStatus | None, first: dict[str, Claim], evaluation: Evaluation
) -> ClaimNote:
    """The note of one claim (see the module)."""
    reason = _reason(claim, cert, first, evaluation)
    counts = not reason and claim.status == "approved"
    if not reason and claim.status == "pending" and cert is not None:
        reason = "pending: counts once approved"
    return ClaimNote(
        claim=claim.id, certification=cert.id if cert else None, counts=counts, reason=reason
    )


def _reason(
    claim: Claim, cert: CertStatus | None, first: dict[str, Claim], evaluation: Evaluation
) -> str:
    """Which rule leaves `claim` out of `cert`'s credits ("" when none does)."""
    if claim.status == "draft":
        return "draft: counts once submitted and approved"
    if claim.status == "rejected":
        return "rejected"
    if claim.completed > evaluation.today:
        return f"completed {claim.completed.isoformat()}, after today"
    if cert is None:
        return "no certification to count toward"
    if claim.completed < cert.cycle_start:
        return (
            f"completed before {cert.name}'s current cycle (from "
            f"{cert.cycle_start.isoformat()}): used up or too old"
        )
    if claim.completed > cert.expires:
        return f"completed after {cert.name} expired ({cert.expires.isoformat()})"
    if claim.submitted is not None and claim.submitted > cert.expires:
        return f"submitted after {cert.name} expired ({cert.expires.isoformat()})"
    held = first.get(claim.catalog_id or "")
    if held is not None and held.id != claim.id:
        return f"the same catalog activity already counts in this cycle (claim {held.id})"
    return ""
