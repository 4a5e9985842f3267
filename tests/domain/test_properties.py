"""Properties of the engine and the document format, over random ledgers."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import parse_document, to_document
from tests.domain.strategies import DAYS, ledgers

RULES = default_rules()


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.randoms(use_true_random=False), DAYS)
def test_evaluation_does_not_depend_on_record_order(ledger: Ledger, rnd, today) -> None:
    """Shuffling every list of records gives the same evaluation."""
    shuffled = []
    for records in (ledger.certifications, ledger.claims, ledger.exams):
        items = list(records)
        rnd.shuffle(items)
        shuffled.append(tuple(items))
    other = Ledger(certifications=shuffled[0], claims=shuffled[1], exams=shuffled[2])
    assert evaluate(other, RULES, today) == evaluate(ledger, RULES, today)


@settings(max_examples=200, deadline=None)
@given(ledgers(), DAYS)
def test_approved_never_exceeds_the_approved_claims_of_the_cycle(ledger: Ledger, today) -> None:
    """A certification's approved credit is at most the sum of approved claims in its cycle."""
    result = evaluate(ledger, RULES, today)
    for status in result.certifications:
        in_cycle = sum(
            (
                c.credits
                for c in ledger.claims
                if c.status == "approved"
                and status.cycle_start <= c.completed <= min(status.expires, today)
            ),
            Decimal(0),
        )
        assert status.approved <= in_cycle
        assert status.remaining == max(Decimal(0), status.required - status.approved)
        assert status.approved >= 0 and status.pending >= 0


@settings(max_examples=100, deadline=None)
@given(ledgers(), DAYS)
def test_history_is_dated_in_order_and_not_after_today(ledger: Ledger, today) -> None:
    """Events are replayed in date order and none lies after the evaluation day."""
    history = evaluate(ledger, RULES, today).history
    days = [h.date for h in history]
    assert days == sorted(days)
    assert all(day <= today for day in days)


@settings(max_examples=100, deadline=None)
@given(ledgers())
def test_document_round_trip(ledger: Ledger) -> None:
    """to_document then parse_document gives the same ledger."""
    assert parse_document(to_document(ledger), RULES) == ledger
