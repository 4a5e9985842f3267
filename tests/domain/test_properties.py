"""Properties of the engine and the document format, over random ledgers."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import EXAM_KINDS, LEVEL_RANK, Exam, Ledger
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


def _with_exam_on(ledger: Ledger, kind: str, day) -> Ledger:
    """`ledger` plus one exam of `kind` passed on `day`."""
    extra = Exam(id="earning-day-exam", name="Earning-day exam", kind=kind, passed=day)
    return replace(ledger, exams=(*ledger.exams, extra))


@settings(max_examples=120, deadline=None)
@given(ledgers(), st.data(), st.sampled_from(EXAM_KINDS), DAYS)
def test_an_exam_on_the_earning_day_never_renews_the_top_certification(
    ledger: Ledger, data, kind: str, today
) -> None:
    """docs/policy.md 3.2: adding an exam passed on a certification's earning day never
    changes that certification's `renewed_on` or `expires`.

    Only for a certification that no other one (not retired) ranks with or above: any
    other could recertify earlier through that exam and so cascade differently later on,
    which changes the first one through the other one's history, not through the exam.
    """
    assume(ledger.certifications)
    target = data.draw(st.sampled_from(ledger.certifications))
    rank = LEVEL_RANK[target.level]
    assume(
        all(c is target or c.retired or LEVEL_RANK[c.level] < rank for c in ledger.certifications)
    )
    before = evaluate(ledger, RULES, today).cert(target.id)
    after = evaluate(_with_exam_on(ledger, kind, target.earned), RULES, today).cert(target.id)
    assert before is not None and after is not None
    assert after.renewed_on == before.renewed_on
    assert after.expires == before.expires


@settings(max_examples=120, deadline=None)
@given(ledgers(), st.data(), st.sampled_from(EXAM_KINDS), DAYS)
def test_an_exam_on_the_earning_day_never_recertifies_that_day(
    ledger: Ledger, data, kind: str, today
) -> None:
    """docs/policy.md 3.2, for every certification of any ledger: an exam passed on its
    earning day adds no event of that certification on that day."""
    assume(ledger.certifications)
    target = data.draw(st.sampled_from(ledger.certifications))

    def that_day(led: Ledger) -> list[tuple[str, str | None]]:
        """The target's history events on its earning day."""
        return [
            (h.event, h.by)
            for h in evaluate(led, RULES, today).history
            if h.certification == target.id and h.date == target.earned
        ]

    assert that_day(_with_exam_on(ledger, kind, target.earned)) == that_day(ledger)


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.data(), DAYS)
def test_a_second_pending_claim_for_one_catalog_item_adds_no_pending_credit(
    ledger: Ledger, data, today
) -> None:
    """docs/policy.md 3.3: a copy of a pending catalog claim, under a later id, changes no
    certification (only the earliest pending claim of an item shows)."""
    pending = [c for c in ledger.claims if c.status == "pending" and c.catalog_id is not None]
    assume(pending)
    original = data.draw(st.sampled_from(pending))
    copy = replace(original, id=f"{original.id}~copy", credits=original.credits + 7)
    with_copy = replace(ledger, claims=(*ledger.claims, copy))
    before = evaluate(ledger, RULES, today).certifications
    assert evaluate(with_copy, RULES, today).certifications == before
