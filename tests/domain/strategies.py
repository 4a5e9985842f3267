"""Hypothesis strategies for valid ledgers."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from ce_tui.domain.models import (
    CLAIM_STATUSES,
    EXAM_KINDS,
    LEVELS,
    Certification,
    Claim,
    Exam,
    Ledger,
)
from ce_tui.domain.schema import validate

DAYS = st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31))
CREDITS = st.sampled_from([1, 2, 4, 8, 10, 12.5, 16, 24, 30, 40, 64, 0.25])
CATALOG_IDS = st.one_of(st.none(), st.sampled_from(["K1", "K2", "K3"]))


@st.composite
def certifications(draw: st.DrawFn, index: int) -> Certification:
    """A certification with id cert<index>."""
    earned = draw(DAYS)
    expires = draw(st.one_of(st.none(), st.integers(0, 1500).map(lambda n: earned + timedelta(n))))
    return Certification(
        id=f"cert{index}",
        name=f"Certification {index}",
        level=draw(st.sampled_from(LEVELS)),
        earned=earned,
        expires=expires,
        retired=draw(st.booleans()),
    )


@st.composite
def claims(draw: st.DrawFn, index: int) -> Claim:
    """A claim with id c<index>, submitted within the 365-day window."""
    completed = draw(DAYS)
    status = draw(st.sampled_from(CLAIM_STATUSES))
    submitted = None
    if status != "draft":
        submitted = completed + timedelta(days=draw(st.integers(0, 365)))
    return validate(
        Claim,
        {
            "id": f"c{index}",
            "activity": f"Activity {index}",
            "catalog_id": draw(CATALOG_IDS),
            "credits": draw(CREDITS),
            "completed": completed,
            "submitted": submitted,
            "status": status,
        },
    )


@st.composite
def exams(draw: st.DrawFn, index: int) -> Exam:
    """An exam with id e<index>."""
    return Exam(
        id=f"e{index}",
        name=f"Exam {index}",
        kind=draw(st.sampled_from(EXAM_KINDS)),
        passed=draw(DAYS),
    )


@st.composite
def ledgers(draw: st.DrawFn, max_claims: int = 25) -> Ledger:
    """A valid ledger of a few certifications, claims and exams."""
    n_certs = draw(st.integers(0, 4))
    n_claims = draw(st.integers(0, max_claims))
    n_exams = draw(st.integers(0, 4))
    return Ledger(
        certifications=tuple(draw(certifications(i)) for i in range(n_certs)),
        claims=tuple(draw(claims(i)) for i in range(n_claims)),
        exams=tuple(draw(exams(i)) for i in range(n_exams)),
    )
