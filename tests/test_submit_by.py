"""The calendar's submit-by day never falls after the expiry the claim is needed for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import icalendar

from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import Certification, Claim, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.exports import to_ics

TODAY = date(2026, 11, 28)
CCNP = Certification(
    id="ccnp",
    name="CCNP Security",
    level="professional",
    earned=date(2024, 2, 2),
    expires=date(2027, 2, 2),
)
DRAFT = Claim(
    id="d1",
    activity="Cisco Live breakout",
    credits=Decimal(2),
    completed=date(2026, 11, 1),
    submitted=None,
    status="draft",
)


def deadline(ledger: Ledger) -> tuple[date, str]:
    """The draft's calendar event: its day and description."""
    rules = default_rules()
    calendar = icalendar.Calendar.from_ical(to_ics(evaluate(ledger, rules, TODAY), ledger, rules))
    event = next(e for e in calendar.walk("VEVENT") if "Submit CE claim" in str(e["SUMMARY"]))
    return event.decoded("DTSTART"), str(event["DESCRIPTION"])


def test_the_deadline_is_the_expiry_when_it_comes_before_the_window_closes() -> None:
    """Window closes 2027-11-01, the CCNP expires 2027-02-02: the event is on 2027-02-02."""
    day, text = deadline(Ledger(certifications=(CCNP,), claims=(DRAFT,)))
    assert day == date(2027, 2, 2)
    assert "to count toward CCNP Security" in text and "closes 2027-11-01" in text


def test_without_an_earlier_expiry_the_window_sets_the_deadline() -> None:
    """A certification expiring after the window: the window's last day."""
    later = Certification(
        id="ccnp", name="CCNP Security", level="professional", earned=date(2026, 1, 10)
    )
    day, text = deadline(Ledger(certifications=(later,), claims=(DRAFT,)))
    assert day == date(2027, 11, 1) and "can no longer be claimed" in text
