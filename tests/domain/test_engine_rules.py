"""docs/policy.md sections 3 to 6, one rule at a time."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from ce_tui.domain.engine import evaluate
from ce_tui.domain.rules import default_rules
from tests.domain.helpers import TODAY, cert, claim, d, exam, ledger

RULES = default_rules()


def status(result, cid):
    """The status of one certification (must exist)."""
    found = result.cert(cid)
    assert found is not None
    return found


# Section 3: what counts -------------------------------------------------------


def test_claim_completed_after_today_does_not_count() -> None:
    """An activity completed after the evaluation day has not happened yet."""
    result = evaluate(
        ledger([cert("a", "associate", "2026-01-01")], [claim("x", 30, "2026-12-01")]),
        RULES,
        TODAY,
    )
    assert status(result, "a").approved == 0
    assert status(result, "a").renewed_on is None


def test_claim_submitted_after_today_still_counts() -> None:
    """Claims decided after today are not hidden: an approval applies from completion."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2026-01-01")],
            [claim("x", 10, "2026-11-01", "approved", "2026-12-01")],
        ),
        RULES,
        TODAY,
    )
    assert status(result, "a").approved == 10


def test_exam_after_today_does_not_count() -> None:
    """An exam passed after today is ignored."""
    result = evaluate(
        ledger([cert("a", "associate", "2026-01-01")], exams=[exam("e", "core", "2026-12-01")]),
        RULES,
        TODAY,
    )
    assert status(result, "a").renewed_on is None


def test_claim_submitted_after_expiry_does_not_count() -> None:
    """Only claims submitted by the expiry count toward that cycle."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2023-01-01", "2026-01-01")],
            [claim("x", 30, "2025-12-01", "approved", "2026-01-02")],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert a.state == "expired"
    assert a.approved == 0


def test_claim_submitted_on_expiry_day_counts() -> None:
    """Submitted on the expiry day itself is in time."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2023-01-01", "2026-01-01")],
            [claim("x", 30, "2025-12-01", "approved", "2026-01-01")],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert a.state == "active"
    assert a.renewed_on == d("2025-12-01")


def test_claim_before_cycle_start_does_not_count() -> None:
    """Items dated before the certification was earned do not count."""
    result = evaluate(
        ledger([cert("a", "associate", "2025-01-01")], [claim("x", 30, "2024-12-31")]),
        RULES,
        TODAY,
    )
    assert status(result, "a").approved == 0


@pytest.mark.parametrize("state", ["draft", "rejected"])
def test_draft_and_rejected_never_count(state: str) -> None:
    """Draft and rejected claims add neither approved nor pending credit."""
    result = evaluate(
        ledger([cert("a", "associate", "2025-01-01")], [claim("x", 30, "2025-06-01", state)]),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert (a.approved, a.pending, a.renewed_on) == (0, 0, None)


def test_pending_is_shown_as_pending_never_earned() -> None:
    """A pending claim is projected credit: it neither counts nor recertifies."""
    result = evaluate(
        ledger([cert("a", "associate", "2025-01-01")], [claim("x", 30, "2025-06-01", "pending")]),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert (a.approved, a.pending, a.renewed_on) == (0, 30, None)


def test_catalog_item_counts_once_per_cycle() -> None:
    """The earliest approved claim for a catalog id counts; the repeat adds nothing and alerts."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2025-01-01")],
            [
                claim("x2", 20, "2025-03-01", catalog_id="CSCO-SCOR"),
                claim("x1", 20, "2025-03-01", catalog_id="CSCO-SCOR"),
                claim("y", 20, "2025-05-01", catalog_id="CSCO-SCOR"),
            ],
        ),
        RULES,
        TODAY,
    )
    assert status(result, "p").approved == 20
    repeated = [a for a in result.alerts if a.kind == "repeated-activity"]
    assert sorted(a.claim for a in repeated) == ["x2", "y"]


def test_catalog_item_counts_again_in_the_next_cycle() -> None:
    """Once the cycle restarts, the same catalog item counts again."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2024-01-01")],
            [
                claim("x", 30, "2024-06-01", catalog_id="CSCO-CCNA"),
                claim("y", 10, "2025-06-01", catalog_id="CSCO-CCNA"),
            ],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert a.renewed_on == d("2024-06-01")
    assert a.approved == 10


def test_pending_catalog_repeat_adds_no_pending() -> None:
    """A pending claim for an item already counted adds no pending credit."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2025-01-01")],
            [
                claim("x", 20, "2025-03-01", catalog_id="K"),
                claim("y", 20, "2025-04-01", "pending", catalog_id="K"),
            ],
        ),
        RULES,
        TODAY,
    )
    assert (status(result, "p").approved, status(result, "p").pending) == (20, 0)


# Section 4: recertification --------------------------------------------------


def test_items_on_the_recertification_day_are_used_up() -> None:
    """Two claims on day d: both used; the new cycle starts at d + 1 with nothing."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2025-01-01")],
            [claim("x", 20, "2025-06-01"), claim("y", 20, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert a.renewed_on == d("2025-06-01")
    assert a.cycle_start == d("2025-06-02")
    assert a.approved == 0


def test_new_expiry_never_earlier_than_the_current_one() -> None:
    """A recertification keeps a later expiry that a cascade had given."""
    result = evaluate(
        ledger(
            [
                cert("a", "associate", "2024-01-01", "2027-01-01"),
                cert("p", "professional", "2024-02-01", "2030-01-01"),
            ],
            [claim("x", 30, "2024-06-01")],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert a.renewed_on == d("2024-06-01")
    assert a.expires == d("2030-01-01")


def test_leap_day_plus_three_years_is_28_february() -> None:
    """Recertified on 29 February: the new term ends on 28 February."""
    result = evaluate(
        ledger([cert("a", "associate", "2026-01-01")], [claim("x", 30, "2028-02-29")]),
        RULES,
        d("2028-03-01"),
    )
    assert status(result, "a").expires == d("2031-02-28")


def test_default_expiry_is_earned_plus_three_years() -> None:
    """An absent `expires` means earned + 3 years (29 Feb -> 28 Feb)."""
    result = evaluate(ledger([cert("a", "associate", "2024-02-29")]), RULES, TODAY)
    assert status(result, "a").expires == d("2027-02-28")


def test_crossing_day_is_the_claim_that_crossed_the_line() -> None:
    """Recertified on the completion day of the claim that reached the amount."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2025-01-01")],
            [
                claim("x", 10, "2025-02-01"),
                claim("y", 19.5, "2025-03-01"),
                claim("z", 0.5, "2025-04-01"),
            ],
        ),
        RULES,
        TODAY,
    )
    assert status(result, "a").renewed_on == d("2025-04-01")


def test_exam_only_options() -> None:
    """core: a core exam; two-concentration: two; lab: an expert lab."""
    p = cert("p", "professional", "2025-01-01")
    core = evaluate(ledger([p], exams=[exam("e", "core", "2025-05-01")]), RULES, TODAY)
    assert [h.by for h in core.history if h.event == "recertified"] == ["core"]
    one = evaluate(ledger([p], exams=[exam("e", "concentration", "2025-05-01")]), RULES, TODAY)
    assert status(one, "p").renewed_on is None
    two = evaluate(
        ledger(
            [p],
            exams=[
                exam("e", "concentration", "2025-05-01"),
                exam("f", "concentration", "2025-07-01"),
            ],
        ),
        RULES,
        TODAY,
    )
    assert status(two, "p").renewed_on == d("2025-07-01")
    assert [h.by for h in two.history if h.event == "recertified"] == ["two-concentration"]
    lab = evaluate(ledger([p], exams=[exam("e", "expert-lab", "2025-05-01")]), RULES, TODAY)
    assert [h.by for h in lab.history if h.event == "recertified"] == ["lab"]


def test_associate_any_exam_specialist_needs_professional_exam() -> None:
    """Associate: any exam; specialist: a core or concentration exam only."""
    a = cert("a", "associate", "2025-01-01")
    s = cert("s", "specialist", "2025-01-01")
    result = evaluate(ledger([a, s], exams=[exam("e", "associate", "2025-05-01")]), RULES, TODAY)
    assert status(result, "a").renewed_on == d("2025-05-01")
    assert status(result, "s").renewed_on is None


def test_expert_options() -> None:
    """Expert: 40 CE + core; 40 CE + two professional exams; 80 CE + one exam; 120 CE."""
    e = cert("e", "expert", "2025-01-01")
    r = evaluate(
        ledger([e], [claim("x", 40, "2025-02-01")], [exam("c", "core", "2025-03-01")]),
        RULES,
        TODAY,
    )
    assert [h.by for h in r.history if h.event == "recertified"] == ["ce+core"]
    r = evaluate(
        ledger(
            [e],
            [claim("x", 40, "2025-02-01")],
            [exam("c", "concentration", "2025-03-01"), exam("f", "concentration", "2025-04-01")],
        ),
        RULES,
        TODAY,
    )
    assert [(h.date, h.by) for h in r.history if h.event == "recertified"] == [
        (d("2025-04-01"), "ce+two-exams")
    ]
    r = evaluate(
        ledger([e], [claim("x", 80, "2025-02-01")], [exam("c", "concentration", "2025-03-01")]),
        RULES,
        TODAY,
    )
    assert [h.by for h in r.history if h.event == "recertified"] == ["ce80+exam"]
    r = evaluate(ledger([e], [claim("x", 119.99, "2025-02-01")]), RULES, TODAY)
    assert status(r, "e").renewed_on is None
    assert status(r, "e").remaining == Decimal("0.01")


def test_any_option_recertifies_whatever_the_path() -> None:
    """The path sets `required`, but any option of the level recertifies."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2025-01-01", path="two-concentration")],
            [claim("x", 80, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    p = status(result, "p")
    assert p.renewed_on == d("2025-06-01")
    assert p.required == 0
    assert p.path == "two-concentration"
    assert p.exams_missing == 2


def test_tied_options_prefer_the_path() -> None:
    """Two options met the same day: the history names the holder's path."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2025-01-01", path="core")],
            [claim("x", 80, "2025-06-01")],
            [exam("c", "core", "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    assert [h.by for h in result.history if h.event == "recertified"] == ["core"]


def test_cascade_renews_same_level_and_below_only() -> None:
    """A professional recertification renews professional and lower, not expert."""
    result = evaluate(
        ledger(
            [
                cert("e", "expert", "2024-01-01"),
                cert("p", "professional", "2024-01-01"),
                cert("p2", "professional", "2024-01-01"),
                cert("s", "specialist", "2024-01-01", path="exam"),
                cert("a", "associate", "2024-01-01", path="exam"),
            ],
            [claim("x", 80, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    # On 2025-06-01: the expert does not recertify (80 < 120); p and p2 do (by id, p first);
    # p's cascade renews p2, s and a on the same day.
    assert status(result, "e").renewed_on is None
    assert status(result, "p").renewed_on == d("2025-06-01")
    for cid in ("p2", "s", "a"):
        assert status(result, cid).renewed_on == d("2025-06-01")
        assert status(result, cid).cycle_start == d("2025-06-02")
    events = [(h.certification, h.event, h.by) for h in result.history if h.date == d("2025-06-01")]
    assert events[0] == ("p", "recertified", "ce")
    assert ("p2", "renewed", "p") in events


def test_same_day_higher_level_recertifies_first() -> None:
    """Expert and associate both met on one day: the expert goes first and renews the associate."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2024-01-01"), cert("e", "expert", "2024-01-01")],
            [claim("x", 120, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    assert [(h.certification, h.event) for h in result.history if h.date == d("2025-06-01")] == [
        ("e", "recertified"),
        ("a", "renewed"),
    ]


def test_cascade_skips_retired_expired_and_later_earned() -> None:
    """No renewal for a retired, an expired, or one earned on/after the day."""
    result = evaluate(
        ledger(
            [
                cert("p", "professional", "2024-01-01"),
                cert("r", "associate", "2024-01-01", retired=True),
                cert("x", "associate", "2020-01-01", "2023-01-01"),
                cert("n", "associate", "2025-06-01"),
            ],
            [claim("c", 80, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    assert status(result, "p").renewed_on == d("2025-06-01")
    assert status(result, "r").renewed_on is None
    assert status(result, "x").renewed_on is None
    assert status(result, "x").state == "expired"
    # n was earned on the day itself: not held before it, so not renewed by p (its own
    # first cycle starts that day, so the claim of that day recertifies it by itself).
    assert ("n", "renewed") not in [(h.certification, h.event) for h in result.history]


def test_retired_certification_renews_no_one() -> None:
    """A retired certification neither recertifies nor cascades, even when earned."""
    result = evaluate(
        ledger(
            [
                cert("a", "associate", "2023-01-01", "2026-01-01"),
                cert("p", "professional", "2024-01-01", retired=True),
            ],
            [claim("c", 80, "2024-06-01")],
        ),
        RULES,
        d("2024-05-01"),
    )
    assert status(result, "a").renewed_on is None
    assert status(result, "a").expires == d("2026-01-01")


def test_earning_renews_lower_with_later_expiry() -> None:
    """Earning at a level renews held certifications at that level and below."""
    result = evaluate(
        ledger(
            [
                cert("a", "associate", "2023-01-01"),
                cert("s", "specialist", "2023-02-01"),
                cert("p", "professional", "2024-01-01"),
            ]
        ),
        RULES,
        TODAY,
    )
    for cid in ("a", "s"):
        assert status(result, cid).renewed_on == d("2024-01-01")
        assert status(result, cid).expires == d("2027-01-01")
    events = [(h.certification, h.event, h.by) for h in result.history]
    assert ("a", "renewed", "s") in events
    assert ("a", "renewed", "p") in events


def test_same_day_earning_comes_before_recertification() -> None:
    """An earning on day d renews the associate before it can recertify on d."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2024-01-01"), cert("p", "professional", "2025-06-01")],
            [claim("c", 30, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    assert [
        (h.certification, h.event, h.by) for h in result.history if h.date == d("2025-06-01")
    ] == [
        ("p", "earned", None),
        ("a", "renewed", "p"),
    ]
    assert status(result, "a").cycle_start == d("2025-06-02")


def test_replay_continues_into_the_extended_term() -> None:
    """Credits after the original expiry count once an earlier recertification extended it."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2020-01-01", "2023-01-01")],
            [claim("x", 30, "2022-06-01"), claim("y", 30, "2024-06-01")],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert [h.date for h in result.history if h.event == "recertified"] == [
        d("2022-06-01"),
        d("2024-06-01"),
    ]
    assert a.expires == d("2027-06-01")
    assert a.state == "active"


def test_renew_from_expiration_setting() -> None:
    """With renew_from = expiration the new term runs 3 years from the old expiry."""
    rules = replace(RULES, renew_from="expiration")
    result = evaluate(
        ledger(
            [cert("a", "associate", "2024-01-01", "2027-01-01")], [claim("x", 30, "2025-01-01")]
        ),
        rules,
        TODAY,
    )
    assert status(result, "a").expires == d("2030-01-01")


# Section 5: states and target ------------------------------------------------


def test_states() -> None:
    """upcoming before earned, active through expires, expired after."""
    c = cert("a", "associate", "2026-12-01", "2029-12-01")
    assert status(evaluate(ledger([c]), RULES, TODAY), "a").state == "upcoming"
    assert status(evaluate(ledger([c]), RULES, d("2026-12-01")), "a").state == "active"
    assert status(evaluate(ledger([c]), RULES, d("2029-12-01")), "a").state == "active"
    assert status(evaluate(ledger([c]), RULES, d("2029-12-02")), "a").state == "expired"


def test_upcoming_is_never_renewed_nor_target() -> None:
    """A certification earned after today takes no part."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2027-01-01"), cert("a", "associate", "2025-01-01")],
        ),
        RULES,
        TODAY,
    )
    assert result.target == "a"
    assert status(result, "a").renewed_on is None


def test_target_highest_level_then_earliest_expiry_then_id() -> None:
    """Highest level active non-retired; ties by earliest expiry, then id."""
    result = evaluate(
        ledger(
            [
                cert("p1", "professional", "2025-01-01", "2028-06-01"),
                cert("p2", "professional", "2025-02-01", "2028-02-01"),
                cert("e", "expert", "2020-01-01", "2023-01-01"),
                cert("a", "associate", "2025-01-01"),
            ]
        ),
        RULES,
        TODAY,
    )
    assert result.target == "p2"
    tied = evaluate(
        ledger(
            [
                cert("pb", "professional", "2025-01-01", "2028-01-01"),
                cert("pa", "professional", "2025-01-01", "2028-01-01"),
            ]
        ),
        RULES,
        TODAY,
    )
    assert tied.target == "pa"


def test_no_target_when_nothing_active() -> None:
    """Only expired or retired certifications: no target."""
    result = evaluate(ledger([cert("r", "expert", "2025-01-01", retired=True)]), RULES, TODAY)
    assert result.target is None


def test_options_report_met_and_missing() -> None:
    """Each option of the level says what is met and what is missing."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2025-01-01")],
            [claim("x", 30, "2025-02-01"), claim("y", 10, "2025-03-01", "pending")],
            [exam("c", "concentration", "2025-04-01")],
        ),
        RULES,
        TODAY,
    )
    options = {o.id: o for o in status(result, "p").options}
    assert list(options) == ["ce", "ce+exam", "core", "two-concentration", "lab"]
    assert options["ce"].ce_missing == 50
    assert options["ce+exam"].ce_missing == 10
    assert options["ce+exam"].exams_missing == 0
    assert options["ce+exam"].exams_passed == ("c",)
    assert options["two-concentration"].exams_missing == 1
    assert options["core"].exams_missing == 1
    assert options["ce"].ce_pending == 10
    assert not any(o.met for o in options.values())


def test_expired_reports_the_cycle_that_expired() -> None:
    """An expired certification reports the credits of the cycle that expired."""
    result = evaluate(
        ledger(
            [cert("a", "associate", "2022-01-01", "2025-01-01")],
            [claim("x", 12, "2024-06-01"), claim("y", 5, "2025-06-01")],
        ),
        RULES,
        TODAY,
    )
    a = status(result, "a")
    assert a.state == "expired"
    assert a.approved == 12
    assert a.remaining == 18
    assert a.days_left == (d("2025-01-01") - TODAY).days


def test_surplus_alert_only_for_the_target() -> None:
    """Pending credit beyond what the target needs is reported once, for the target."""
    result = evaluate(
        ledger(
            [cert("p", "professional", "2025-01-01"), cert("a", "associate", "2025-01-01")],
            [claim("x", 25, "2025-02-01"), claim("y", 70, "2025-03-01", "pending")],
        ),
        RULES,
        TODAY,
    )
    surplus = [a for a in result.alerts if a.kind == "surplus"]
    assert [a.certification for a in surplus] == ["p"]
    assert "15 CE beyond the 80 needed" in surplus[0].message


def test_many_claim_alerts_of_one_kind_become_one_summary() -> None:
    """Ten stale pending claims: one summary alert, not ten."""
    claims = [claim(f"p{i}", 1, "2026-01-01", "pending", "2026-01-02") for i in range(10)]
    result = evaluate(ledger([cert("a", "associate", "2025-01-01")], claims), RULES, TODAY)
    stale = [a for a in result.alerts if a.kind == "pending-old"]
    assert len(stale) == 1
    assert stale[0].message == "10 claims have been pending for more than 30 days"
    few = evaluate(ledger([cert("a", "associate", "2025-01-01")], claims[:3]), RULES, TODAY)
    assert len([a for a in few.alerts if a.kind == "pending-old"]) == 3
