"""What-if projections: the ledger plus hypothetical claims and exams, evaluated ahead.

A :class:`HypotheticalClaim` is treated as an approved claim submitted on the
day it is completed; a :class:`HypotheticalExam` as an exam passed on its date.
:func:`project` evaluates the ledger with them as of the latest hypothetical
date (or `today`, if later), so a caller can show the projected states.

:func:`outlook` says, per certification, when the hypotheses would make it
recertify (or be renewed by a cascade), its new expiry, and what doing it then
costs compared with completing the requirements on the last possible day.
Under ``renew_from = completion`` a recertification on day ``d`` gives
``max(d + 3 years, old expiry)`` (docs/policy.md section 4.2), so recertifying early
never shortens the current term, but the new term ends sooner than the
``old expiry + 3 years`` that completing on the old expiry day would give.
Under ``renew_from = expiration`` both give ``old expiry + 3 years``.

Pure: no I/O, no Textual, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from ce_tui.domain.engine import evaluate
from ce_tui.domain.evaluation import Evaluation, HistoryEvent, State
from ce_tui.domain.models import (
    Claim,
    Credits,
    Exam,
    ExamKind,
    Ledger,
    Record,
    RecordId,
    Text,
    add_years,
)
from ce_tui.domain.rules import Rules

ID_PREFIX = "what-if-"
"""Prefix of the ids given to hypothetical records in the projected ledger."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HypotheticalClaim(Record):
    """An activity the person might complete: counted as approved, submitted on completion."""

    type: Literal["claim"] = "claim"
    activity: Text
    credits: Credits
    completed: date
    catalog_id: RecordId | None = None


HYPOTHETICAL_EXAM = "Hypothetical exam"
"""The name of a hypothetical exam the person did not name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HypotheticalExam(Record):
    """An exam the person might pass."""

    type: Literal["exam"] = "exam"
    kind: ExamKind
    passed: date
    name: Text = HYPOTHETICAL_EXAM
    code: str = ""


Hypothesis = HypotheticalClaim | HypotheticalExam
"""One hypothetical item."""


def hypothesis_day(item: Hypothesis) -> date:
    """The date of a hypothetical item: completion of a claim, pass of an exam."""
    return item.completed if isinstance(item, HypotheticalClaim) else item.passed


def projection_day(today: date, hypotheses: Sequence[Hypothesis]) -> date:
    """The day a projection is evaluated on: the latest hypothetical date, or `today` if later."""
    return max([today, *(hypothesis_day(h) for h in hypotheses)])


def _fresh_ids(taken: set[str], count: int) -> list[str]:
    """`count` ids `what-if-<n>` that are not in `taken`."""
    ids: list[str] = []
    n = 0
    while len(ids) < count:
        n += 1
        candidate = f"{ID_PREFIX}{n}"
        if candidate not in taken:
            ids.append(candidate)
    return ids


def with_hypotheses(ledger: Ledger, hypotheses: Sequence[Hypothesis]) -> Ledger:
    """The ledger with the hypothetical items added as approved claims and passed exams."""
    claims = [h for h in hypotheses if isinstance(h, HypotheticalClaim)]
    exams = [h for h in hypotheses if isinstance(h, HypotheticalExam)]
    claim_ids = _fresh_ids({c.id for c in ledger.claims}, len(claims))
    exam_ids = _fresh_ids({e.id for e in ledger.exams}, len(exams))
    new_claims = tuple(
        Claim(
            id=record_id,
            activity=h.activity,
            catalog_id=h.catalog_id,
            credits=h.credits,
            completed=h.completed,
            submitted=h.completed,
            status="approved",
        )
        for record_id, h in zip(claim_ids, claims, strict=True)
    )
    new_exams = tuple(
        Exam(id=record_id, code=h.code, name=h.name, kind=h.kind, passed=h.passed)
        for record_id, h in zip(exam_ids, exams, strict=True)
    )
    return replace(ledger, claims=ledger.claims + new_claims, exams=ledger.exams + new_exams)


def project(
    ledger: Ledger, rules: Rules, today: date, hypotheses: Sequence[Hypothesis]
) -> Evaluation:
    """Evaluate the ledger plus `hypotheses` as of :func:`projection_day`."""
    return evaluate(with_hypotheses(ledger, hypotheses), rules, projection_day(today, hypotheses))


@dataclass(frozen=True, slots=True, kw_only=True)
class Outlook:
    """What the hypotheses would do to one certification."""

    cert_id: str
    name: str
    state_now: State
    """The state on `today`, without the hypotheses."""
    state_projected: State
    """The state on the projection day, with the hypotheses."""
    expires_now: date
    """The expiry on `today`, without the hypotheses."""
    renewed_on: date | None
    """The first day the hypotheses make it recertify or be renewed; None if they do not."""
    renewed_by: str | None
    """The option id of its own recertification, or the certification whose cascade renewed it."""
    own: bool
    """True when it recertifies itself, False when a cascade renews it (or nothing happens)."""
    expires_before: date | None
    """The expiry in force the day before `renewed_on`."""
    new_expires: date
    """The expiry right after `renewed_on` (the projected expiry when nothing happens)."""
    expires_if_waiting: date | None
    """The expiry it would get by completing the requirements on `expires_before` instead."""
    days_given_up: int
    """How much sooner the new term ends than it would by waiting (0 when not sooner)."""
    ends_sooner: bool
    explanation: str


def _first_new_event(
    projected: Sequence[HistoryEvent], base: Sequence[HistoryEvent], cert_id: str
) -> HistoryEvent | None:
    """The earliest renewal of `cert_id` in the projection that the base replay does not have."""
    known = {(e.date, e.event, e.by) for e in base if e.certification == cert_id}
    fresh = [
        e
        for e in projected
        if e.certification == cert_id
        and e.event in ("recertified", "renewed")
        and (e.date, e.event, e.by) not in known
    ]
    return min(fresh, key=lambda e: (e.date, e.event != "recertified"), default=None)


def outlook(
    ledger: Ledger, rules: Rules, today: date, hypotheses: Sequence[Hypothesis]
) -> list[Outlook]:
    """Per certification: when the hypotheses renew it, its new expiry, and what waiting gives."""
    when = projection_day(today, hypotheses)
    ahead = with_hypotheses(ledger, hypotheses)
    projected = evaluate(ahead, rules, when)
    base = evaluate(ledger, rules, when)
    now = evaluate(ledger, rules, today)
    result = []
    for status in projected.certifications:
        current = now.cert(status.id)
        assert current is not None  # the same certifications are evaluated
        event = _first_new_event(projected.history, base.history, status.id)
        common: dict[str, Any] = {
            "cert_id": status.id,
            "name": status.name,
            "state_now": current.state,
            "state_projected": status.state,
            "expires_now": current.expires,
        }
        if event is None:
            result.append(
                Outlook(
                    **common,
                    renewed_on=None,
                    renewed_by=None,
                    own=False,
                    expires_before=None,
                    new_expires=status.expires,
                    expires_if_waiting=None,
                    days_given_up=0,
                    ends_sooner=False,
                    explanation=f"{status.name}: the hypotheses do not renew it",
                )
            )
            continue
        day = event.date
        before = evaluate(ahead, rules, day - timedelta(days=1)).cert(status.id)
        after = evaluate(ahead, rules, day).cert(status.id)
        assert before is not None and after is not None
        waiting = add_years(before.expires, rules.cycle_years)
        given_up = max(0, (waiting - after.expires).days)
        own = event.event == "recertified"
        how = (
            f"recertifies on {day.isoformat()} (option {event.by})"
            if own
            else f"is renewed on {day.isoformat()} by the recertification of {event.by}"
        )
        rule = (
            f"the later of {day.isoformat()} + {rules.cycle_years} years and "
            f"its expiry {before.expires.isoformat()}"
            if rules.renew_from == "completion"
            else f"its expiry {before.expires.isoformat()} + {rules.cycle_years} years"
        )
        if given_up:
            verdict = f"the new term ends {given_up} days sooner"
        else:
            verdict = "the new term ends no sooner"
        explanation = (
            f"{status.name} {how}: new expiry {after.expires.isoformat()} ({rule}); "
            f"completing on the last day, {before.expires.isoformat()}, would give "
            f"{waiting.isoformat()}: {verdict}"
        )
        result.append(
            Outlook(
                **common,
                renewed_on=day,
                renewed_by=event.by,
                own=own,
                expires_before=before.expires,
                new_expires=after.expires,
                expires_if_waiting=waiting,
                days_given_up=given_up,
                ends_sooner=given_up > 0,
                explanation=explanation,
            )
        )
    return result
