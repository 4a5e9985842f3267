"""Small builders for domain tests: records from short, readable arguments."""

from __future__ import annotations

from datetime import date

from ce_tui.domain.models import Certification, Claim, Exam, Ledger
from ce_tui.domain.schema import validate

TODAY = date(2026, 11, 28)
"""The evaluation day of the worked examples (docs/policy.md section 8)."""


def d(text: str) -> date:
    """An ISO date."""
    return date.fromisoformat(text)


def cert(
    cid: str,
    level: str,
    earned: str,
    expires: str | None = None,
    retired: bool = False,
    path: str | None = None,
) -> Certification:
    """A certification."""
    return validate(
        Certification,
        {
            "id": cid,
            "name": cid.upper(),
            "level": level,
            "earned": earned,
            "expires": expires,
            "retired": retired,
            "path": path,
        },
    )


def claim(
    cid: str,
    credits: float,
    completed: str,
    status: str = "approved",
    submitted: str | None = None,
    catalog_id: str | None = None,
) -> Claim:
    """A claim; submitted defaults to the completion day unless it is a draft."""
    if submitted is None and status != "draft":
        submitted = completed
    return validate(
        Claim,
        {
            "id": cid,
            "activity": f"activity {cid}",
            "catalog_id": catalog_id,
            "credits": credits,
            "completed": completed,
            "submitted": submitted,
            "status": status,
        },
    )


def exam(eid: str, kind: str, passed: str) -> Exam:
    """A passed exam."""
    return validate(Exam, {"id": eid, "name": eid, "kind": kind, "passed": passed})


def ledger(certs=(), claims=(), exams=()) -> Ledger:
    """A ledger of the given records."""
    return Ledger(certifications=tuple(certs), claims=tuple(claims), exams=tuple(exams))
