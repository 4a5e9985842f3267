"""What-if projections: hypothetical claims and exams, and the early-versus-waiting outlook."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import Certification, Claim, Exam, Ledger
from ce_tui.domain.rules import default_rules
from ce_tui.domain.schema import validate
from ce_tui.domain.whatif import (
    Hypothesis,
    HypotheticalClaim,
    HypotheticalExam,
    outlook,
    project,
    projection_day,
    with_hypotheses,
)

RULES = default_rules()
TODAY = date(2025, 6, 1)

CCNP = Certification(
    id="ccnp",
    name="CCNP Enterprise",
    level="professional",
    earned=date(2024, 3, 1),
    expires=date(2027, 3, 1),
)
CCNA = Certification(
    id="ccna",
    name="CCNA",
    level="associate",
    earned=date(2023, 6, 30),
    expires=date(2026, 6, 30),
)


def approved(ident: str, credits: int, completed: date, catalog_id: str | None = None) -> Claim:
    """An approved claim submitted on its completion day."""
    return Claim(
        id=ident,
        activity=f"Activity {ident}",
        catalog_id=catalog_id,
        credits=credits,
        completed=completed,
        submitted=completed,
        status="approved",
    )


def hypo(credits: int | str, completed: date, catalog_id: str | None = None) -> HypotheticalClaim:
    """A hypothetical claim."""
    return HypotheticalClaim(
        activity="Planned course",
        credits=Decimal(credits) if isinstance(credits, str) else credits,
        completed=completed,
        catalog_id=catalog_id,
    )


def test_project_policy_example_1() -> None:
    """64 CE approved; 24 more hypothetically on 2026-02-01: recertified that day."""
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 64, date(2025, 1, 10)),))
    result = project(ledger, RULES, TODAY, [hypo(24, date(2026, 2, 1))])
    assert result.today == date(2026, 2, 1)
    status = result.cert("ccnp")
    assert status is not None
    assert status.state == "active"
    assert status.renewed_on == date(2026, 2, 1)
    assert status.expires == date(2029, 2, 1)
    assert status.cycle_start == date(2026, 2, 2)
    assert status.approved == 0
    # The ledger itself is untouched, and without the hypothesis nothing happens.
    assert len(ledger.claims) == 1
    assert evaluate(ledger, RULES, date(2026, 2, 1)).cert("ccnp").renewed_on is None  # type: ignore[union-attr]


def test_project_with_an_exam() -> None:
    """Worked example 2: 40 CE approved and a hypothetical core exam meet `ce+exam`."""
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 40, date(2025, 6, 1)),))
    exam = HypotheticalExam(kind="core", passed=date(2025, 9, 15))
    result = project(ledger, RULES, TODAY, [exam])
    status = result.cert("ccnp")
    assert status is not None
    assert status.expires == date(2028, 9, 15)
    assert any(
        e.event == "recertified" and e.by == "ce+exam" and e.date == date(2025, 9, 15)
        for e in result.history
    )


def test_projection_day() -> None:
    """The latest hypothetical date, or today when every hypothesis is in the past."""
    assert projection_day(TODAY, []) == TODAY
    assert projection_day(TODAY, [hypo(1, date(2025, 1, 1))]) == TODAY
    later: list[Hypothesis] = [
        hypo(1, date(2025, 7, 1)),
        HypotheticalExam(kind="core", passed=date(2025, 8, 1)),
    ]
    assert projection_day(TODAY, later) == date(2025, 8, 1)


def test_with_hypotheses_records() -> None:
    """Hypothetical claims become approved claims submitted on completion, with fresh ids."""
    ledger = Ledger(
        certifications=(CCNP,),
        claims=(approved("what-if-1", 5, date(2025, 1, 10)),),
        exams=(Exam(id="what-if-1", name="ENCOR", kind="core", passed=date(2024, 5, 1)),),
    )
    ahead = with_hypotheses(
        ledger,
        [
            hypo(3, date(2025, 7, 1), "cat-1"),
            hypo("2.5", date(2025, 7, 2)),
            HypotheticalExam(kind="concentration", passed=date(2025, 8, 1), name="ENARSI"),
        ],
    )
    new_claims = ahead.claims[1:]
    assert [c.id for c in new_claims] == ["what-if-2", "what-if-3"]
    assert all(c.status == "approved" and c.submitted == c.completed for c in new_claims)
    assert new_claims[0].catalog_id == "cat-1"
    assert new_claims[1].credits == Decimal("2.5")
    assert [e.id for e in ahead.exams] == ["what-if-1", "what-if-2"]
    assert ahead.exams[1].kind == "concentration" and ahead.exams[1].name == "ENARSI"


def test_hypotheses_are_validated() -> None:
    """Credits follow the ledger's rules: positive, at most 2 decimals."""
    claim = {"activity": "Planned course", "completed": TODAY}
    with pytest.raises(ValidationError):
        validate(HypotheticalClaim, claim | {"credits": Decimal("1.005")})
    with pytest.raises(ValidationError):
        validate(HypotheticalClaim, claim | {"credits": 0})
    with pytest.raises(ValidationError):
        validate(HypotheticalExam, {"kind": "written", "passed": TODAY})


def test_repeated_catalog_item_adds_nothing() -> None:
    """A hypothetical claim for an item already claimed in the cycle does not count again."""
    ledger = Ledger(
        certifications=(CCNP,),
        claims=(approved("c1", 64, date(2025, 1, 10), "encor"),),
    )
    result = project(ledger, RULES, TODAY, [hypo(24, date(2026, 2, 1), "encor")])
    status = result.cert("ccnp")
    assert status is not None and status.renewed_on is None and status.approved == 64


def test_outlook_early_recertification_ends_sooner() -> None:
    """Recertifying on 2026-02-01 gives 2029-02-01; waiting to 2027-03-01 would give 2030-03-01."""
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 64, date(2025, 1, 10)),))
    (view,) = outlook(ledger, RULES, TODAY, [hypo(24, date(2026, 2, 1))])
    assert view.cert_id == "ccnp"
    assert view.state_now == "active" and view.state_projected == "active"
    assert view.expires_now == date(2027, 3, 1)
    assert view.renewed_on == date(2026, 2, 1)
    assert view.renewed_by == "ce" and view.own
    assert view.expires_before == date(2027, 3, 1)
    assert view.new_expires == date(2029, 2, 1)
    assert view.expires_if_waiting == date(2030, 3, 1)
    assert view.days_given_up == (date(2030, 3, 1) - date(2029, 2, 1)).days == 393
    assert view.ends_sooner
    assert "393 days sooner" in view.explanation
    assert "the later of 2026-02-01 + 3 years and its expiry 2027-03-01" in view.explanation


def test_outlook_on_the_last_day_loses_nothing() -> None:
    """Completing on the expiry day itself gives the same term as waiting."""
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 64, date(2025, 1, 10)),))
    (view,) = outlook(ledger, RULES, TODAY, [hypo(16, date(2027, 3, 1))])
    assert view.renewed_on == date(2027, 3, 1)
    assert view.new_expires == view.expires_if_waiting == date(2030, 3, 1)
    assert view.days_given_up == 0 and not view.ends_sooner
    assert "no sooner" in view.explanation


def test_outlook_never_earlier_than_the_old_expiry() -> None:
    """A cascade renewal keeps the later expiry: never earlier than the one it had."""
    ledger = Ledger(
        certifications=(CCNP, CCNA),
        claims=(approved("c1", 35, date(2025, 5, 1)),),
    )
    # Worked example 3: the CCNA recertified on its own on 2025-05-01 (expires 2028-05-01).
    views = {v.cert_id: v for v in outlook(ledger, RULES, TODAY, [hypo(50, date(2026, 1, 10))])}
    ccnp, ccna = views["ccnp"], views["ccna"]
    assert ccnp.own and ccnp.renewed_on == date(2026, 1, 10)
    assert ccnp.new_expires == date(2029, 1, 10)
    assert not ccna.own and ccna.renewed_by == "ccnp"
    assert ccna.renewed_on == date(2026, 1, 10)
    assert ccna.expires_before == date(2028, 5, 1)
    assert ccna.new_expires == date(2029, 1, 10)  # the later of 2028-05-01 and 2029-01-10
    assert ccna.expires_if_waiting == date(2031, 5, 1)
    assert ccna.ends_sooner and "renewed on 2026-01-10 by the recertification of ccnp" in (
        ccna.explanation
    )


def test_outlook_under_renew_from_expiration() -> None:
    """When terms run from the old expiry, recertifying early costs nothing."""
    rules = replace(RULES, renew_from="expiration")
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 64, date(2025, 1, 10)),))
    (view,) = outlook(ledger, rules, TODAY, [hypo(24, date(2026, 2, 1))])
    assert view.new_expires == view.expires_if_waiting == date(2030, 3, 1)
    assert view.days_given_up == 0 and not view.ends_sooner
    assert "its expiry 2027-03-01 + 3 years" in view.explanation


def test_outlook_leap_day() -> None:
    """Recertifying on 29 February: the new term ends on 28 February three years on."""
    cert = replace(CCNP, earned=date(2026, 3, 1), expires=date(2029, 3, 1))
    ledger = Ledger(certifications=(cert,))
    (view,) = outlook(ledger, RULES, date(2026, 6, 1), [hypo(80, date(2028, 2, 29))])
    assert view.new_expires == date(2031, 2, 28)
    assert view.expires_if_waiting == date(2032, 3, 1)


def test_outlook_without_effect() -> None:
    """Too few hypothetical credits, or none: nothing renews; the projected expiry is shown."""
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 10, date(2025, 1, 10)),))
    for hypotheses in ([], [hypo(5, date(2026, 1, 1))]):
        (view,) = outlook(ledger, RULES, TODAY, hypotheses)
        assert view.renewed_on is None and view.renewed_by is None
        assert view.new_expires == date(2027, 3, 1)
        assert view.expires_if_waiting is None and not view.ends_sooner
        assert "do not renew" in view.explanation


def test_hypotheses_after_expiry_do_not_revive() -> None:
    """Credits completed after the expiry do not count: the certification stays expired."""
    ledger = Ledger(certifications=(CCNP,))
    (view,) = outlook(ledger, RULES, TODAY, [hypo(80, date(2027, 3, 2))])
    assert view.state_projected == "expired" and view.renewed_on is None


def test_hypothetical_claim_in_the_past_counts() -> None:
    """A hypothesis dated before today is projected as of today."""
    ledger = Ledger(certifications=(CCNP,), claims=(approved("c1", 64, date(2025, 1, 10)),))
    result = project(ledger, RULES, TODAY, [hypo(16, date(2025, 5, 1))])
    assert result.today == TODAY
    status = result.cert("ccnp")
    assert status is not None and status.renewed_on == date(2025, 5, 1)


def test_a_hypothetical_exam_on_the_earning_day_does_not_recertify() -> None:
    """docs/policy.md 3.2: a core exam imagined on the day an upcoming CCNP is earned earns
    it; it does not recertify it. The day after, the same exam would."""
    upcoming = Certification(
        id="ccnp", name="CCNP Enterprise", level="professional", earned=date(2025, 9, 15)
    )
    ledger = Ledger(certifications=(upcoming,))
    same_day = project(
        ledger, RULES, TODAY, [HypotheticalExam(kind="core", passed=date(2025, 9, 15))]
    )
    status = same_day.cert("ccnp")
    assert status is not None
    assert status.state == "active"
    assert status.renewed_on is None
    assert status.expires == date(2028, 9, 15)
    day_after = project(
        ledger, RULES, TODAY, [HypotheticalExam(kind="core", passed=date(2025, 9, 16))]
    )
    status = day_after.cert("ccnp")
    assert status is not None
    assert status.renewed_on == date(2025, 9, 16)
