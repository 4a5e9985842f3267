"""Hypothesis strategies for any valid ledger the store must keep exactly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ce_tui.domain.models import (
    ACTIVITY_TYPES,
    CLAIM_STATUSES,
    EXAM_KINDS,
    LAST_DAY,
    LEVELS,
    TECHNOLOGIES,
    Activity,
    Certification,
    Claim,
    Exam,
    Ledger,
    Profile,
)
from ce_tui.domain.rules import default_rules

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2095, 12, 31))

_LETTERS = st.characters(
    # Any printable character (accents, CJK, emoji...); no control characters or surrogates.
    blacklist_categories=("Cc", "Cs"),
    blacklist_characters="\x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
    "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f",
)
TEXT = st.text(_LETTERS, min_size=1, max_size=40).map(str.strip).filter(bool)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
CREDITS = st.integers(1, 1_000_000).map(lambda cents: Decimal(cents) / 100)
PRICES = st.integers(0, 10_000_000).map(lambda cents: Decimal(cents) / 100)


@st.composite
def certifications(draw: st.DrawFn, index: int) -> Certification:
    """Any valid certification with id cert<index>."""
    earned = draw(DAYS)
    later = st.integers(0, 3000).map(lambda n: min(earned + timedelta(n), LAST_DAY))
    level = draw(st.sampled_from(LEVELS))
    options = [option.id for option in default_rules().options(level)]
    return Certification(
        id=f"cert{index}",
        name=draw(TEXT),
        level=level,
        earned=earned,
        expires=draw(st.one_of(st.none(), later)),
        retired=draw(st.booleans()),
        path=draw(st.one_of(st.none(), st.sampled_from(options))),
    )


@st.composite
def exams(draw: st.DrawFn, index: int) -> Exam:
    """Any valid exam with id e<index>."""
    return Exam(
        id=f"e{index}",
        code=draw(OPTIONAL_TEXT),
        name=draw(TEXT),
        kind=draw(st.sampled_from(EXAM_KINDS)),
        passed=draw(DAYS),
    )


@st.composite
def claims(draw: st.DrawFn, index: int) -> Claim:
    """Any valid claim with id c<index>."""
    completed = draw(DAYS)
    status = draw(st.sampled_from(CLAIM_STATUSES))
    submitted = None
    if status != "draft":
        submitted = completed + timedelta(days=draw(st.integers(0, 365)))
    return Claim(
        id=f"c{index}",
        activity=draw(TEXT),
        catalog_id=draw(st.one_of(st.none(), TEXT.map(lambda t: t[:64].strip() or "x"))),
        credits=draw(CREDITS),
        completed=completed,
        submitted=submitted,
        status=status,
    )


@st.composite
def activities(draw: st.DrawFn, index: int) -> Activity:
    """Any valid catalog activity with id my<index>."""
    return Activity(
        id=f"my{index}",
        code=draw(OPTIONAL_TEXT),
        title=draw(TEXT),
        provider=draw(TEXT),
        type=draw(st.sampled_from(sorted(ACTIVITY_TYPES))),
        technology=draw(st.sampled_from(TECHNOLOGIES)),
        credits=draw(CREDITS),
        credits_estimated=draw(st.booleans()),
        format=draw(OPTIONAL_TEXT),
        hours=draw(st.floats(0, 10_000, allow_nan=False, allow_infinity=False)),
        price_clc=draw(
            st.one_of(st.none(), st.integers(0, 10_000_000).map(lambda c: Decimal(c) / 100))
        ),
        price_estimated=draw(st.booleans()),
        sessions=tuple(draw(st.lists(DAYS, max_size=3))),
        source=draw(OPTIONAL_TEXT),
    )


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    """Any valid ledger of a few records of every kind."""

    def some(strategy: Callable[[int], st.SearchStrategy[Any]], most: int) -> tuple[Any, ...]:
        count = draw(st.integers(0, most))
        return tuple(draw(strategy(i)) for i in range(count))

    return Ledger(
        certifications=some(certifications, 3),
        exams=some(exams, 3),
        claims=some(claims, 8),
        catalog=some(activities, 3),
        profile=Profile(terms_accepted=draw(st.one_of(st.none(), DAYS))),
    )
