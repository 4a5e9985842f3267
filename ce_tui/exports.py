"""Exports: an iCalendar file of the dates to beat and a CSV transcript of the claims.

Both are built as strings from the domain's records; nothing here touches the
disk or the clock (the calendar's DTSTAMP is the evaluation day), so the same
input always gives the same text.

The calendar follows RFC 5545: CRLF line endings, content lines folded at 75
octets without splitting a UTF-8 character, TEXT values escaped (``\\``, ``;``,
``,`` and newlines), one all-day VEVENT per date with four DISPLAY alarms (90,
60, 30 and 7 days before) and UIDs that stay the same from one export to the
next, so a calendar application updates its events rather than duplicating
them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from urllib.parse import quote

from ce_tui.domain.alerts import credits_text, submit_by, window_closes
from ce_tui.domain.evaluation import CertStatus, Evaluation
from ce_tui.domain.models import Ledger
from ce_tui.domain.planner import Plan, PlanStep
from ce_tui.domain.rules import Rules
from ce_tui.domain.text import safe, safe_lines

PRODID = "-//ce-tui//ce-tui//EN"
"""The calendar's product identifier."""

UID_DOMAIN = "ce-tui"
"""The right-hand side of every UID."""

ALARM_DAYS = (90, 60, 30, 7)
"""Each event reminds this many days before it."""

CSV_COLUMNS = (
    "id",
    "activity",
    "catalog_id",
    "credits",
    "completed",
    "submitted",
    "status",
    "window_closes",
)
"""The columns of the claims transcript."""

AUDIT_COLUMNS = ("evidence", "evidence_sha256")
"""The columns an audit archive's transcript adds: the evidence file in the archive, its hash."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula."""

MAX_OCTETS = 75
"""Longest content line in octets, line break excluded (RFC 5545 section 3.1)."""


# --- iCalendar -----------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT property value: backslash, semicolon, comma and newlines escaped.

    Other unprintable characters are replaced (see :func:`ce_tui.domain.text.safe`).
    """
    value = safe_lines(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, joined by CRLF and a space.

    A fold never splits a UTF-8 encoded character.
    """
    if len(line.encode("utf-8")) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # a continuation line starts with a space
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _day(value: date) -> str:
    """A DATE value: 20270301."""
    return value.strftime("%Y%m%d")


def _uid(*parts: str) -> str:
    """A stable UID from record ids, percent-encoded to plain characters."""
    return "-".join(quote(p, safe="") for p in parts) + "@" + UID_DOMAIN


def _event(
    uid: str,
    stamp: date,
    start: date,
    end: date,
    summary: str,
    description: str,
    categories: str,
) -> list[str]:
    """The content lines of one all-day VEVENT from `start` to `end` (inclusive), with alarms."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_day(stamp)}T000000Z",
        f"DTSTART;VALUE=DATE:{_day(start)}",
        f"DTEND;VALUE=DATE:{_day(end + timedelta(days=1))}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(categories)}",
        "TRANSP:TRANSPARENT",
    ]
    for days in ALARM_DAYS:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(f'{summary} (in {days} days)')}",
            f"TRIGGER:-P{days}D",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def _needs(status: CertStatus) -> str:
    """What the path option still needs, in words."""
    option = status.path_option
    parts = []
    if option.ce_missing:
        parts.append(f"{credits_text(option.ce_missing)} CE credits")
    if option.exams_missing:
        plural = "s" if option.exams_missing > 1 else ""
        parts.append(f"{option.exams_missing} exam{plural}")
    return " and ".join(parts) or "nothing more"


def _expiry_events(evaluation: Evaluation) -> Iterable[list[str]]:
    """One event per expiry of a non-retired, active or upcoming certification."""
    for status in evaluation.certifications:
        if status.retired or status.state not in ("active", "upcoming"):
            continue
        yield _event(
            _uid("expiry", status.id),
            evaluation.today,
            status.expires,
            status.expires,
            f"{status.name} expires",
            (
                f"{status.name} ({status.level}) expires {status.expires.isoformat()}. "
                f"Path {status.path}: {_needs(status)} still needed "
                f"({credits_text(status.approved)} CE approved, "
                f"{credits_text(status.pending)} pending)."
            ),
            "Certification expiry",
        )


def _window_events(evaluation: Evaluation, ledger: Ledger, rules: Rules) -> Iterable[list[str]]:
    """One event per draft claim, on the last day it can be submitted and still count."""
    for claim in ledger.claims:
        if claim.status != "draft":
            continue
        closes = window_closes(claim, rules)
        if closes < evaluation.today:
            continue
        by, cert = submit_by(claim, evaluation.certifications, rules)
        description = (
            f'The draft claim "{claim.activity}" ({credits_text(claim.credits)} CE, '
            f"completed {claim.completed.isoformat()}) must be submitted by {by.isoformat()}"
        )
        if cert is None:
            description += "; after that day it can no longer be claimed."
        else:
            description += (
                f" to count toward {cert.name}, which expires that day "
                f"(the claim window itself closes {closes.isoformat()})."
            )
        yield _event(
            _uid("claim-window", claim.id),
            evaluation.today,
            by,
            by,
            f"Submit CE claim: {claim.activity}",
            description,
            "CE claim deadline",
        )


def _session_events(evaluation: Evaluation, plans: Sequence[Plan]) -> Iterable[list[str]]:
    """One event per planned session (the same session in several plans appears once)."""
    seen: set[tuple[str, date]] = set()
    for plan in plans:
        for step in plan.steps:
            if step.session is None or step.activity_id is None:
                continue
            key = (step.activity_id, step.session)
            if key in seen:
                continue
            seen.add(key)
            yield _event(
                _uid("session", step.activity_id, _day(step.session)),
                evaluation.today,
                step.session,
                step.finish,
                f"{step.title} ({credits_text(step.credits)} CE)",
                _session_text(plan, step),
                "Planned CE activity",
            )


def _session_text(plan: Plan, step: PlanStep) -> str:
    """The description of a planned session."""
    price = (
        "price unknown"
        if step.price_clc is None
        else f"{credits_text(step.price_clc)} CLC{' (estimated)' if step.price_estimated else ''}"
    )
    return (
        f"Planned for {plan.cert_name} (option {plan.option_id}): {step.title}, "
        f"{step.session.isoformat() if step.session else ''} to {step.finish.isoformat()}, "
        f"{credits_text(step.credits)} CE, {price}."
    )


def to_ics(evaluation: Evaluation, ledger: Ledger, rules: Rules, plans: Sequence[Plan] = ()) -> str:
    """An RFC 5545 calendar of expiries, draft-claim deadlines and planned sessions."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Cisco recertification",
    ]
    for event in (
        *_expiry_events(evaluation),
        *_window_events(evaluation, ledger, rules),
        *_session_events(evaluation, plans),
    ):
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# --- CSV -----------------------------------------------------------------------------------


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ``'`` when it could."""
    value = safe(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(ledger: Ledger, rules: Rules, evidence: Mapping[str, str] | None = None) -> str:
    """The claims transcript, in completion order (then id), one row per claim.

    With `evidence` (claim id -> the evidence file's name in an audit archive),
    two more columns name each claim's evidence file and its recorded SHA-256.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS + (AUDIT_COLUMNS if evidence is not None else ()))
    for claim in sorted(ledger.claims, key=lambda c: (c.completed, c.id)):
        row: tuple[str, ...] = (
            claim.id,
            claim.activity,
            claim.catalog_id or "",
            credits_text(claim.credits),
            claim.completed.isoformat(),
            claim.submitted.isoformat() if claim.submitted else "",
            claim.status,
            window_closes(claim, rules).isoformat(),
        )
        if evidence is not None:
            row += (
                evidence.get(claim.id, ""),
                claim.evidence.sha256 if claim.evidence else "",
            )
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
