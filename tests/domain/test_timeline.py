"""The credit timeline's series: the same claims as the evaluation, by completion date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import Certification, Claim, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.domain.schema import validate
from ce_tui.domain.timeline import column_days, column_of, credit_timeline, months_between

RULES = default_rules()
TODAY = date(2026, 11, 28)
CERT = Certification(
    id="ccnp", name="CCNP", level="professional", earned=date(2024, 3, 1), path="ce"
)


def claim(
    cid: str, credits: int, completed: date, status: str = "approved", **more: object
) -> Claim:
    """A claim submitted the day after completion (none for a draft)."""
    submitted = None if status == "draft" else date.fromordinal(completed.toordinal() + 1)
    data = {
        "id": cid,
        "activity": cid,
        "credits": credits,
        "completed": completed,
        "submitted": submitted,
        "status": status,
    } | more
    return validate(Claim, data)


def timeline_of(*claims: Claim):  # type: ignore[no-untyped-def]
    """The target's timeline on TODAY."""
    ledger = Ledger(certifications=(CERT,), claims=claims)
    status = evaluate(ledger, RULES, TODAY).cert("ccnp")
    assert status is not None
    return credit_timeline(ledger, status, TODAY), status


def test_steps_accumulate_by_completion_with_pending_on_top() -> None:
    timeline, status = timeline_of(
        claim("b", 16, date(2025, 6, 1)),
        claim("a", 8, date(2024, 5, 1)),
        claim("p", 30, date(2025, 9, 1), status="pending"),
        claim("d", 99, date(2025, 10, 1), status="draft"),
        claim("r", 99, date(2025, 10, 2), status="rejected"),
        claim("old", 40, date(2023, 5, 1)),  # before the cycle
        claim("later", 5, date(2027, 1, 10)),  # after today: not completed yet
    )
    assert [(s.day, s.approved, s.pending) for s in timeline.steps] == [
        (date(2024, 5, 1), 8, 0),
        (date(2025, 6, 1), 24, 0),
        (date(2025, 9, 1), 24, 30),
    ]
    assert (timeline.approved, timeline.pending) == (status.approved, status.pending)
    assert timeline.need == 80 and timeline.still_needed == 26
    assert (timeline.start, timeline.deadline) == (date(2024, 3, 1), date(2027, 3, 1))
    assert timeline.months_left == 4
    assert timeline.per_month == Decimal("6.5")
    assert timeline.totals_on(date(2025, 8, 31)) == (24, 0)
    assert timeline.totals_on(date(2024, 4, 30)) == (0, 0)


def test_a_catalog_item_counts_once_as_in_the_evaluation() -> None:
    timeline, status = timeline_of(
        claim("a", 10, date(2024, 5, 1), catalog_id="X"),
        claim("b", 10, date(2024, 6, 1), catalog_id="X"),
    )
    assert status.approved == 10
    assert [s.approved for s in timeline.steps] == [10]


def test_recertified_starts_a_new_cycle_and_pending_can_meet_the_need() -> None:
    timeline, _ = timeline_of(claim("a", 90, date(2025, 1, 1)))
    assert timeline.start == date(2025, 1, 2) and timeline.steps == ()  # the new cycle is empty
    assert timeline.still_needed == 80
    timeline, _ = timeline_of(
        claim("a", 50, date(2025, 1, 1)), claim("p", 40, date(2025, 2, 1), status="pending")
    )
    assert timeline.still_needed == 0 and timeline.per_month == 0
    assert months_between(date(2027, 3, 1), date(2027, 3, 1)) == 0


def test_months_between_counts_a_part_month_as_one() -> None:
    assert months_between(date(2026, 11, 28), date(2027, 3, 1)) == 4
    assert months_between(date(2026, 11, 10), date(2026, 12, 20)) == 2
    assert months_between(date(2026, 11, 10), date(2027, 11, 10)) == 12
    assert months_between(date(2026, 11, 28), date(2026, 11, 29)) == 1


def test_columns_span_the_cycle() -> None:
    timeline, _ = timeline_of()
    days = column_days(timeline, 40)
    assert days[0] == timeline.start and days[-1] == timeline.deadline
    assert days == sorted(days)
    assert column_of(timeline, timeline.start, 40) == 0
    assert column_of(timeline, timeline.deadline, 40) == 39
    assert column_of(timeline, date(2020, 1, 1), 40) is None
