"""docs/policy.md section 8: every worked example, to the letter."""

from __future__ import annotations

from decimal import Decimal

from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import CertStatus
from ce_tui.domain.rules import default_rules
from tests.domain.helpers import TODAY, cert, claim, d, exam, ledger

RULES = default_rules()


def test_example_1_ce_recertifies_and_restarts_the_cycle() -> None:
    """88 CE on 2026-02-01 >= 80: recertified that day; cycle restarts at 0."""
    result = evaluate(
        ledger(
            [cert("ccnp", "professional", "2024-03-01", "2027-03-01")],
            [claim("a", 64, "2025-01-10"), claim("b", 24, "2026-02-01")],
        ),
        RULES,
        TODAY,
    )
    ccnp = result.cert("ccnp")
    assert ccnp is not None
    assert ccnp.state == "active"
    assert ccnp.renewed_on == d("2026-02-01")
    assert ccnp.expires == d("2029-02-01")
    assert ccnp.cycle_start == d("2026-02-02")
    assert ccnp.approved == 0
    assert ccnp.required == 80
    assert ccnp.remaining == 80
    assert ccnp.days_left == (d("2029-02-01") - TODAY).days
    recert = [h for h in result.history if h.event == "recertified"]
    assert [(h.date, h.certification, h.by) for h in recert] == [(d("2026-02-01"), "ccnp", "ce")]


def test_example_2_ce_plus_exam() -> None:
    """40 CE and a core exam: option ce+exam met on the exam's day."""
    result = evaluate(
        ledger(
            [cert("ccnp", "professional", "2024-03-01", "2027-03-01")],
            [claim("a", 40, "2025-06-01")],
            [exam("encor", "core", "2025-09-15")],
        ),
        RULES,
        TODAY,
    )
    ccnp = result.cert("ccnp")
    assert ccnp is not None
    assert ccnp.renewed_on == d("2025-09-15")
    assert ccnp.expires == d("2028-09-15")
    assert ccnp.cycle_start == d("2025-09-16")
    assert [h.by for h in result.history if h.event == "recertified"] == ["ce+exam"]


def test_example_3_cascade_from_earning_and_recertification() -> None:
    """Earning the CCNP renews the CCNA; each recertifies; the CCNP's cascade renews the CCNA."""
    certs = [
        cert("ccna", "associate", "2023-06-30", "2026-06-30"),
        cert("ccnp", "professional", "2024-03-01", "2027-03-01"),
    ]
    first = evaluate(ledger(certs, [claim("a", 35, "2025-05-01")]), RULES, TODAY)
    ccna, ccnp = first.cert("ccna"), first.cert("ccnp")
    assert ccna is not None and ccnp is not None
    renewals = [(h.date, h.certification, h.event, h.by) for h in first.history]
    assert (d("2024-03-01"), "ccna", "renewed", "ccnp") in renewals
    assert ccna.renewed_on == d("2025-05-01")
    assert ccna.expires == d("2028-05-01")
    assert ccnp.renewed_on is None
    assert ccnp.approved == 35

    second = evaluate(
        ledger(certs, [claim("a", 35, "2025-05-01"), claim("b", 50, "2026-01-10")]),
        RULES,
        TODAY,
    )
    ccna, ccnp = second.cert("ccna"), second.cert("ccnp")
    assert ccna is not None and ccnp is not None
    assert ccnp.renewed_on == d("2026-01-10")
    assert ccnp.expires == d("2029-01-10")
    assert ccna.cycle_start == d("2026-01-11")
    assert ccna.expires == d("2029-01-10")
    assert ccna.renewed_on == d("2026-01-10")
    assert (d("2026-01-10"), "ccna", "renewed", "ccnp") in [
        (h.date, h.certification, h.event, h.by) for h in second.history
    ]


def test_example_3_earning_renewal_dates() -> None:
    """Before any credit: earning the CCNP renews the CCNA to start 2024-03-02, 2027-03-01."""
    result = evaluate(
        ledger(
            [
                cert("ccna", "associate", "2023-06-30", "2026-06-30"),
                cert("ccnp", "professional", "2024-03-01", "2027-03-01"),
            ]
        ),
        RULES,
        d("2024-06-01"),
    )
    ccna = result.cert("ccna")
    assert ccna is not None
    assert ccna.cycle_start == d("2024-03-02")
    assert ccna.expires == d("2027-03-01")
    assert ccna.renewed_on == d("2024-03-01")


def test_example_4_pending_at_expiry_then_approved() -> None:
    """Expired with 30 CE pending; once approved the replay recertifies it retroactively."""
    ccie = cert("ccie", "expert", "2023-05-01", "2026-05-01")
    base = [claim("a", 100, "2025-05-01")]
    pending = claim("b", 30, "2026-04-20", "pending", "2026-04-25")
    before = evaluate(ledger([ccie], [*base, pending]), RULES, TODAY)
    status = before.cert("ccie")
    assert status is not None
    assert status.state == "expired"
    assert status.pending == 30
    assert status.approved == 100
    assert before.target is None

    approved = claim("b", 30, "2026-04-20", "approved", "2026-04-25")
    after = evaluate(ledger([ccie], [*base, approved]), RULES, TODAY)
    status = after.cert("ccie")
    assert status is not None
    assert status.state == "active"
    assert status.renewed_on == d("2026-04-20")
    assert status.expires == d("2029-04-20")
    assert after.target == "ccie"


def test_example_5_retired_never_recertifies() -> None:
    """A retired specialist with 50 CE stays active until expiry, then expires."""
    spec = cert("spec", "specialist", "2024-01-01", "2027-01-01", retired=True)
    claims = [claim("a", 50, "2025-01-01")]
    active = evaluate(ledger([spec], claims), RULES, TODAY)
    status = active.cert("spec")
    assert status is not None
    assert status.state == "active"
    assert status.renewed_on is None
    assert status.approved == Decimal(50)
    assert active.target is None
    later = evaluate(ledger([spec], claims), RULES, d("2027-01-02"))
    status = later.cert("spec")
    assert status is not None
    assert status.state == "expired"
    assert not [h for h in later.history if h.event == "recertified"]


def ccnp_of(claims=(), exams=()) -> CertStatus:
    """The status on TODAY of a CCNP earned 2024-03-01 holding `claims` and `exams`."""
    result = evaluate(
        ledger([cert("ccnp", "professional", "2024-03-01")], claims, exams), RULES, TODAY
    )
    status = result.cert("ccnp")
    assert status is not None
    return status


def test_example_6_the_exam_of_the_earning_day_never_recertifies() -> None:
    """ENCOR passed on the day the CCNP was earned: that exam earned it, no renewal."""
    encor = exam("encor", "core", "2024-03-01")
    result = evaluate(
        ledger([cert("ccnp", "professional", "2024-03-01")], [], [encor]), RULES, TODAY
    )
    assert [(h.date, h.certification, h.event) for h in result.history] == [
        (d("2024-03-01"), "ccnp", "earned")
    ]
    ccnp = ccnp_of(exams=[encor])
    assert ccnp.state == "active"
    assert ccnp.renewed_on is None
    assert ccnp.cycle_start == d("2024-03-01")
    assert ccnp.expires == d("2027-03-01")
    core = next(o for o in ccnp.options if o.id == "core")
    assert core.exams_passed == ()
    assert core.exams_missing == 1
    assert not core.met


def test_example_6_a_later_exam_still_recertifies() -> None:
    """The day after the earning, the same kind of exam recertifies the CCNP."""
    ccnp = ccnp_of(
        exams=[exam("encor", "core", "2024-03-01"), exam("encor2", "core", "2024-03-02")]
    )
    assert (ccnp.renewed_on, ccnp.expires) == (d("2024-03-02"), d("2027-03-02"))


def test_example_7_the_earning_day_exam_counts_for_another_certification() -> None:
    """The CCNP's earning exam recertifies the CCIE (ce+core), whose cascade skips the CCNP."""
    result = evaluate(
        ledger(
            [
                cert("ccie", "expert", "2023-05-10"),
                cert("ccnp", "professional", "2024-03-01"),
            ],
            [claim("a", 40, "2024-01-15")],
            [exam("encor", "core", "2024-03-01")],
        ),
        RULES,
        TODAY,
    )
    terms = {s.id: (s.renewed_on, s.cycle_start, s.expires) for s in result.certifications}
    assert terms == {
        "ccie": (d("2024-03-01"), d("2024-03-02"), d("2027-03-01")),
        "ccnp": (None, d("2024-03-01"), d("2027-03-01")),
    }
    assert [
        (h.certification, h.event, h.by) for h in result.history if h.date == d("2024-03-01")
    ] == [
        ("ccnp", "earned", None),
        ("ccie", "recertified", "ce+core"),
    ]


def test_example_8_no_pending_credit_for_an_item_already_counted() -> None:
    """A pending claim for a catalog item an approved claim counts shows no pending credit."""
    ccnp = ccnp_of(
        [
            claim("a", 16, "2025-01-10", catalog_id="CLN-ENCOR"),
            claim("b", 16, "2025-06-01", "pending", catalog_id="CLN-ENCOR"),
            claim("c", 8, "2025-06-02", "pending", catalog_id="CLN-ENARSI"),
        ]
    )
    assert (ccnp.approved, ccnp.pending) == (16, 8)


def test_example_9_only_the_earliest_pending_claim_of_an_item_shows() -> None:
    """Of pending claims for one catalog item, only the earliest (completed, then id) shows."""
    ccnp = ccnp_of(
        [
            claim("z", 16, "2025-06-01", "pending", catalog_id="CLN-ENCOR"),
            claim("y", 24, "2025-06-03", "pending", catalog_id="CLN-ENCOR"),
            claim("b", 8, "2025-07-01", "pending", catalog_id="CLN-SEC"),
            claim("a", 4, "2025-07-01", "pending", catalog_id="CLN-SEC"),
        ]
    )
    # z (completed first) for CLN-ENCOR, a (same day as b, lower id) for CLN-SEC.
    assert ccnp.pending == 16 + 4
