"""Any ledger validation accepts can be evaluated, planned and exported at the range's edges.

Dates are accepted from FIRST_DAY to LAST_DAY (see docs/policy.md, "Your data:
bounds"); the property draws them with the edges themselves made likely, and
evaluates on the first and the last accepted day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ce_tui.domain.catalog import full_catalog
from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import (
    CLAIM_STATUSES,
    EXAM_KINDS,
    FIRST_DAY,
    LAST_DAY,
    LEVELS,
    add_years,
    range_problem,
)
from ce_tui.domain.planner import compare_options
from ce_tui.domain.rules import default_rules
from ce_tui.domain.validation import InvalidInput, parse_document, to_document
from ce_tui.exports import to_csv, to_ics

RULES = default_rules()

DAYS = st.one_of(
    st.sampled_from([FIRST_DAY, LAST_DAY, FIRST_DAY + timedelta(1), LAST_DAY - timedelta(1)]),
    st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
)


def _later(day: date, days: int) -> date:
    """`day` plus `days`, but not past LAST_DAY."""
    return min(day + timedelta(days), LAST_DAY)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A ce-tui/1 document of records dated anywhere in the accepted range."""
    certs = []
    for n in range(draw(st.integers(1, 3))):
        earned = draw(DAYS)
        level = draw(st.sampled_from(LEVELS))
        term = draw(st.one_of(st.none(), st.integers(0, 4000)))
        expires = None if term is None else _later(earned, term)
        path = draw(st.sampled_from([o.id for o in RULES.options(level)]))
        certs.append(
            {
                "id": f"cert{n}",
                "name": f"Cert {n}",
                "level": level,
                "earned": earned.isoformat(),
                "expires": expires.isoformat() if expires else None,
                "path": path,
            }
        )
    claims = []
    for n in range(draw(st.integers(0, 6))):
        completed = draw(DAYS)
        status = draw(st.sampled_from(CLAIM_STATUSES))
        submitted = None
        if status != "draft":
            submitted = _later(completed, draw(st.integers(0, RULES.claim_window_days)))
        claims.append(
            {
                "id": f"c{n}",
                "activity": f"Activity {n}",
                "credits": draw(st.sampled_from([1, 8, 16, 40, 80, 120])),
                "completed": completed.isoformat(),
                "submitted": submitted.isoformat() if submitted else None,
                "status": status,
            }
        )
    exams = [
        {
            "id": f"e{n}",
            "name": f"Exam {n}",
            "kind": draw(st.sampled_from(EXAM_KINDS)),
            "passed": draw(DAYS).isoformat(),
        }
        for n in range(draw(st.integers(0, 3)))
    ]
    return {"format": "ce-tui/1", "certifications": certs, "claims": claims, "exams": exams}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), today=st.one_of(st.sampled_from([FIRST_DAY, LAST_DAY]), DAYS))
def test_any_accepted_ledger_evaluates_plans_and_exports_at_the_edges(
    doc: dict[str, Any], today: date
) -> None:
    ledger = parse_document(doc, RULES)
    evaluation = evaluate(ledger, RULES, today)
    catalog = full_catalog(ledger)
    for cert in ledger.certifications:
        for by in ("price", "hours"):
            compare_options(ledger, RULES, today, catalog, cert.id, by, 30)
    to_ics(evaluation, ledger, RULES)
    to_csv(ledger, RULES)
    assert parse_document(to_document(ledger), RULES) == ledger


@pytest.mark.parametrize(
    "day", [FIRST_DAY - timedelta(1), LAST_DAY + timedelta(1), date(9999, 12, 31), date.min]
)
def test_dates_outside_the_range_are_refused_in_every_field(day: date) -> None:
    assert range_problem(day) is not None
    doc = {
        "format": "ce-tui/1",
        "certifications": [
            {"id": "x", "name": "X", "level": "associate", "earned": day.isoformat()}
        ],
        "exams": [{"id": "e", "name": "E", "kind": "core", "passed": day.isoformat()}],
        "claims": [
            {
                "id": "c",
                "activity": "A",
                "credits": 1,
                "completed": day.isoformat(),
                "status": "draft",
            }
        ],
        "profile": {"terms_accepted": day.isoformat()},
    }
    with pytest.raises(InvalidInput) as caught:
        parse_document(doc, RULES)
    assert len([p for p in caught.value.problems if "outside the dates" in p]) == 4


def test_adding_years_past_the_last_date_python_holds_does_not_crash() -> None:
    assert add_years(date(9995, 6, 1), 10) == date.max
    assert add_years(LAST_DAY, 10) == date(2110, 12, 31)
