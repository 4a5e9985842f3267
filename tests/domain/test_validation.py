"""docs/policy.md section 7: every input rule refused with a message naming record and field."""

from __future__ import annotations

import copy

import pytest

from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import InvalidInput, parse_document, to_document

RULES = default_rules()

GOOD = {
    "format": "ce-tui/1",
    "certifications": [
        {
            "id": "ccnp-ent",
            "name": "CCNP Enterprise",
            "level": "professional",
            "earned": "2024-03-01",
            "expires": "2027-03-01",
            "retired": False,
            "path": "ce+exam",
        }
    ],
    "exams": [
        {
            "id": "encor-2025",
            "code": "350-401",
            "name": "ENCOR",
            "kind": "core",
            "passed": "2025-09-15",
        }
    ],
    "claims": [
        {
            "id": "c1",
            "activity": "ENCOR course",
            "catalog_id": "CLN-ENCOR",
            "credits": 64,
            "completed": "2024-01-31",
            "submitted": "2024-02-01",
            "status": "approved",
        }
    ],
    "catalog": [],
}


def problems(change) -> list[str]:
    """Apply `change` to a copy of GOOD and return the refusal's problems."""
    doc = copy.deepcopy(GOOD)
    change(doc)
    with pytest.raises(InvalidInput) as info:
        parse_document(doc, RULES)
    return info.value.problems


def test_the_good_document_parses_and_round_trips() -> None:
    """The issue's example document is valid, and export gives it back."""
    ledger = parse_document(copy.deepcopy(GOOD), RULES)
    again = parse_document(to_document(ledger), RULES)
    assert again == ledger
    assert to_document(ledger)["claims"][0]["credits"] == 64


def test_optional_expires_and_path() -> None:
    """`expires`, `path` and `catalog` may be absent."""
    doc = copy.deepcopy(GOOD)
    del doc["certifications"][0]["expires"]
    del doc["certifications"][0]["path"]
    del doc["catalog"]
    ledger = parse_document(doc, RULES)
    assert ledger.certifications[0].expires is None


def test_submitted_after_the_window() -> None:
    """The message names the record, the field, both dates and the day count."""
    found = problems(
        lambda d: d["claims"][0].update(completed="2025-01-31", submitted="2026-02-02")
    )
    assert found == [
        'claim "ENCOR course": submitted 2026-02-02 is 367 days after completion 2025-01-31; '
        "a claim must be submitted within 365 days"
    ]


def test_window_counts_real_days_across_a_leap_year() -> None:
    """2024-01-31 to 2025-02-02 spans 29 February: 368 days."""
    found = problems(lambda d: d["claims"][0].update(submitted="2025-02-02"))
    assert "is 368 days after completion 2024-01-31" in found[0]


def test_submitted_on_the_last_day_of_the_window_is_fine() -> None:
    """365 days after completion is still in time."""
    doc = copy.deepcopy(GOOD)
    doc["claims"][0]["submitted"] = "2025-01-30"
    parse_document(doc, RULES)


def test_submitted_before_completed() -> None:
    """A claim cannot be submitted before the activity was completed."""
    found = problems(lambda d: d["claims"][0].update(submitted="2024-01-30"))
    assert len(found) == 1
    assert found[0].startswith('claim "ENCOR course": submitted 2024-01-30 is before completion')


def test_draft_with_submitted_date() -> None:
    """A draft has no submitted date."""
    found = problems(lambda d: d["claims"][0].update(status="draft"))
    assert 'claim "ENCOR course"' in found[0] and "draft" in found[0]


@pytest.mark.parametrize("status", ["pending", "approved", "rejected"])
def test_other_status_without_submitted(status: str) -> None:
    """Every status but draft needs a submitted date."""
    found = problems(lambda d: d["claims"][0].update(status=status, submitted=None))
    assert found == [
        f'claim "ENCOR course": submitted date is required when the status is {status}'
    ]


@pytest.mark.parametrize(
    ("credits", "words"),
    [
        (0, "more than 0"),
        (-5, "more than 0"),
        ("64", "must be a number"),
        (True, "must be a number"),
        (None, "must be a number"),
        (1.234, "more than 2 decimals"),
        (12.345, "more than 2 decimals"),
    ],
)
def test_bad_credits(credits: object, words: str) -> None:
    """Credits: > 0, a number, at most 2 decimals."""
    found = problems(lambda d: d["claims"][0].update(credits=credits))
    assert len(found) == 1
    assert found[0].startswith('claim "ENCOR course": credits ')
    assert words in found[0]


def test_two_decimals_are_fine() -> None:
    """12.25 credits is a valid amount."""
    doc = copy.deepcopy(GOOD)
    doc["claims"][0]["credits"] = 12.25
    assert float(parse_document(doc, RULES).claims[0].credits) == 12.25


def test_expires_before_earned() -> None:
    """A certification cannot expire before it was earned."""
    found = problems(lambda d: d["certifications"][0].update(expires="2024-02-01"))
    assert found == [
        'certification "CCNP Enterprise": expires 2024-02-01 is before earned 2024-03-01'
    ]


@pytest.mark.parametrize(
    ("section", "field", "value", "who"),
    [
        ("certifications", "level", "guru", 'certification "CCNP Enterprise": level'),
        ("exams", "kind", "oral", 'exam "ENCOR": kind'),
        ("claims", "status", "lost", 'claim "ENCOR course": status'),
    ],
)
def test_unknown_enumerations(section: str, field: str, value: str, who: str) -> None:
    """Unknown level, exam kind or claim status."""
    found = problems(lambda d: d[section][0].update({field: value}))
    assert any(p.startswith(who) and repr(value) in p for p in found), found


@pytest.mark.parametrize("section", ["certifications", "exams", "claims"])
def test_duplicate_ids(section: str) -> None:
    """Ids are unique within one kind of record."""
    found = problems(lambda d: d[section].append(copy.deepcopy(d[section][0])))
    assert len(found) == 1
    assert "is used by another" in found[0]


def test_same_id_in_different_kinds_is_fine() -> None:
    """Uniqueness is per kind."""
    doc = copy.deepcopy(GOOD)
    doc["exams"][0]["id"] = "c1"
    parse_document(doc, RULES)


def test_every_problem_is_listed() -> None:
    """Several bad records: every problem is reported at once."""

    def change(d: dict) -> None:
        d["claims"][0]["credits"] = -1
        d["exams"][0]["kind"] = "oral"
        d["certifications"][0]["level"] = "guru"

    assert len(problems(change)) == 3


def test_path_must_be_an_option_of_the_level() -> None:
    """A path names an option of the certification's level."""
    found = problems(lambda d: d["certifications"][0].update(path="ce+core"))
    assert "is not an option of the professional level" in found[0]


def test_wrong_format_and_unknown_fields() -> None:
    """The format must be ce-tui/1; unknown sections and fields are refused."""
    assert "this version reads 'ce-tui/1'" in problems(lambda d: d.update(format="other/2"))[0]
    assert "is not a known section" in problems(lambda d: d.update(extra=[]))[0]
    found = problems(lambda d: d["claims"][0].update(colour="red"))
    assert found == ['claim "ENCOR course": colour is not a known field']


@pytest.mark.parametrize("bad", [None, [], "text", 3])
def test_not_an_object(bad: object) -> None:
    """A document that is not an object is refused with one clear message."""
    with pytest.raises(InvalidInput):
        parse_document(bad, RULES)


def test_control_characters_are_refused() -> None:
    """Terminal escape sequences in text are refused, not stored."""
    found = problems(lambda d: d["claims"][0].update(activity="\x1b[2Jboom"))
    assert "control characters" in found[0]
