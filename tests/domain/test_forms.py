"""Typed form text to records, with each problem on its own field."""

from __future__ import annotations

from ce_tui.domain.forms import parse_activity, parse_certification, parse_claim, parse_exam
from ce_tui.domain.rules import default_rules

RULES = default_rules()

CLAIM = {
    "activity": "ENCOR course",
    "credits": "64",
    "completed": "2025-01-31",
    "submitted": "2025-02-05",
    "status": "pending",
}


def test_valid_claim_gets_the_placeholder_id() -> None:
    """A new record carries the id 'new' until the service assigns one."""
    claim, errors = parse_claim(CLAIM, RULES)
    assert errors == {}
    assert claim is not None and claim.id == "new" and claim.credits == 64


def test_every_field_reports_its_own_problem_at_once() -> None:
    """Blank, unparsable and out-of-range fields are all reported together."""
    _, errors = parse_claim(
        {
            "activity": " ",
            "credits": "lots",
            "completed": "",
            "submitted": "2025-13-01",
            "status": "pending",
        },
        RULES,
    )
    assert errors == {
        "activity": "is required",
        "credits": "must be a number like 12 or 12.5",
        "completed": "is required",
        "submitted": "2025-13-01 is not a calendar date",
    }


def test_claim_rules_land_on_the_submitted_field() -> None:
    """Window, order and draft rules are shown next to the submitted date."""
    late = parse_claim(dict(CLAIM, submitted="2026-02-03"), RULES)[1]
    assert late == {
        "submitted": "submitted 2026-02-03 is 368 days after completion "
        "2025-01-31; a claim must be submitted within 365 days"
    }
    early = parse_claim(dict(CLAIM, submitted="2025-01-01"), RULES)[1]
    assert list(early) == ["submitted"] and "before completion" in early["submitted"]
    missing = parse_claim(dict(CLAIM, submitted=""), RULES)[1]
    assert missing == {"submitted": "submitted date is required when the status is pending"}
    draft = parse_claim(dict(CLAIM, status="draft"), RULES)[1]
    assert list(draft) == ["submitted"]


def test_credits_rules() -> None:
    """Credits must be positive with at most two decimals."""
    assert "more than 0" in parse_claim(dict(CLAIM, credits="0"), RULES)[1]["credits"]
    assert "2 decimals" in parse_claim(dict(CLAIM, credits="1.005"), RULES)[1]["credits"]
    assert parse_claim(dict(CLAIM, credits="12.5"), RULES)[1] == {}


def test_only_plain_decimal_numbers() -> None:
    """Exponents, separators, a plus sign and non-ASCII digits are refused."""
    for typed in ("1_0", "１２", "٣", "1e3", "+3", "nan", "inf", "1,5"):
        assert parse_claim(dict(CLAIM, credits=typed), RULES)[1] == {
            "credits": "must be a number like 12 or 12.5"
        }, typed


def test_dates_must_be_iso() -> None:
    """Only YYYY-MM-DD is a date."""
    assert parse_claim(dict(CLAIM, completed="31/01/2025"), RULES)[1] == {
        "completed": "type a date as YYYY-MM-DD"
    }


def test_certification_form() -> None:
    """Required fields, expiry order and a path of the level."""
    fields = {
        "name": "CCNP",
        "level": "professional",
        "earned": "2024-03-01",
        "expires": "",
        "path": "",
    }
    cert, errors = parse_certification(fields, RULES)
    assert errors == {} and cert is not None and cert.expires is None
    assert parse_certification(dict(fields, level="", earned=""), RULES)[1] == {
        "level": "is required",
        "earned": "is required",
    }
    assert list(parse_certification(dict(fields, expires="2024-01-01"), RULES)[1]) == ["expires"]
    assert list(parse_certification(dict(fields, path="ce+core"), RULES)[1]) == ["path"]


def test_exam_and_activity_forms() -> None:
    """Exams need a kind and a date; activities a title, provider, type, technology, credits."""
    exam, errors = parse_exam(
        {"code": "350-401", "name": "ENCOR", "kind": "core", "passed": "2025-09-15"}
    )
    assert errors == {} and exam is not None
    assert parse_exam({"code": "", "name": "X", "kind": "", "passed": "x"})[1] == {
        "kind": "is required",
        "passed": "type a date as YYYY-MM-DD",
    }
    activity, errors = parse_activity(
        {
            "title": "My lab",
            "provider": "Me",
            "type": "elearning",
            "technology": "Security",
            "credits": "8",
            "hours": "6",
            "price_clc": "",
            "sessions": "2027-01-10, 2027-02-10",
        }
    )
    assert errors == {} and activity is not None and len(activity.sessions) == 2
