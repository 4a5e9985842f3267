"""Exports: the iCalendar file (read back with the icalendar library) and the CSV transcript."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from ce_tui.domain.engine import evaluate
from ce_tui.domain.models import Activity, Certification, Claim, Ledger
from ce_tui.domain.planner import Plan, plan
from ce_tui.domain.rules import default_rules
from ce_tui.domain.text import safe, safe_json
from ce_tui.exports import CSV_COLUMNS, escape_text, fold, safe_cell, to_csv, to_ics

RULES = default_rules()
TODAY = date(2026, 6, 1)

TRICKY = 'Routing, Switching; Paths \\ "Quoted" — Économie réseau ' + "x" * 40


def claim(
    ident: str,
    activity: str,
    completed: date,
    status: str,
    credits: float = 8,
    catalog_id: str | None = None,
) -> Claim:
    """A claim; submitted on completion unless it is a draft."""
    return Claim(
        id=ident,
        activity=activity,
        catalog_id=catalog_id,
        credits=credits,
        completed=completed,
        submitted=None if status == "draft" else completed,
        status=status,
    )


def ledger() -> Ledger:
    """Certifications in every state, and claims of every status."""
    return Ledger(
        certifications=(
            Certification(
                id="ccnp", name="CCNP Enterprise", level="professional", earned=date(2025, 1, 15)
            ),
            Certification(id="ccna", name="CCNA", level="associate", earned=date(2024, 1, 10)),
            Certification(
                id="old", name="CCDA", level="associate", earned=date(2019, 1, 1), retired=True
            ),
            Certification(
                id="lapsed", name="CCNP Security", level="professional", earned=date(2020, 1, 1)
            ),
            Certification(id="next", name="CCIE", level="expert", earned=date(2026, 9, 1)),
        ),
        claims=(
            claim("c2", '=HYPERLINK("http://x")', date(2025, 8, 1), "draft"),
            claim("c1", TRICKY, date(2025, 7, 1), "draft", credits=2.5),
            claim("c3", "Closed window", date(2025, 1, 1), "draft"),
            claim("c4", "-Submitted course", date(2025, 3, 1), "approved", catalog_id="+cat"),
            claim("c5", "@pending", date(2025, 3, 1), "pending"),
        ),
    )


def planned() -> list[Plan]:
    """Two plans (from approved credits) sharing one scheduled session, plus an on-demand item."""
    start = date(2026, 9, 14)
    catalog = [
        Activity(
            id="encor",
            title="ENCOR; Core, Routing",
            provider="NIL",
            type="ilt",
            technology="Enterprise",
            credits=64,
            hours=40,
            price_clc=Decimal(38),
            sessions=(start,),
        ),
        Activity(
            id="el",
            title="On-demand",
            provider="Cisco",
            type="elearning",
            technology="Enterprise",
            credits=20,
            hours=10,
            price_clc=Decimal(1),
        ),
    ]
    data = ledger()
    return [
        plan(data, RULES, TODAY, catalog, "ccnp", "ce", approved_only=True),
        plan(data, RULES, TODAY, catalog, "ccnp", "ce+exam", approved_only=True),
    ]


def events(text: str) -> list[icalendar.Component]:
    """The VEVENTs of an exported calendar, parsed by the icalendar library."""
    calendar = icalendar.Calendar.from_ical(text)
    return [c for c in calendar.walk("VEVENT")]


def test_calendar_events() -> None:
    """Expiries of active and upcoming certifications, open draft windows, planned sessions."""
    data = ledger()
    evaluation = evaluate(data, RULES, TODAY)
    text = to_ics(evaluation, data, RULES, planned())
    parsed = events(text)
    found = {str(e["UID"]): e for e in parsed}
    assert len(found) == len(parsed)  # the session planned twice appears once
    assert all(p.feasible for p in planned())
    assert sum(1 for p in planned() for s in p.steps if s.session) == 2
    assert set(found) == {
        "expiry-ccnp@ce-tui",
        "expiry-ccna@ce-tui",
        "expiry-next@ce-tui",
        "claim-window-c1@ce-tui",
        "claim-window-c2@ce-tui",
        "session-encor-20260914@ce-tui",
    }
    ccnp = found["expiry-ccnp@ce-tui"]
    assert ccnp.decoded("DTSTART") == date(2028, 1, 15)
    assert ccnp.decoded("DTEND") == date(2028, 1, 16)
    assert str(ccnp["SUMMARY"]) == "CCNP Enterprise expires"
    assert "72 CE credits still needed (8 CE approved, 8 pending)" in str(ccnp["DESCRIPTION"])
    window = found["claim-window-c1@ce-tui"]
    assert window.decoded("DTSTART") == date(2025, 7, 1) + timedelta(days=365)
    assert str(window["SUMMARY"]) == f"Submit CE claim: {TRICKY}"
    session = found["session-encor-20260914@ce-tui"]
    assert session.decoded("DTSTART") == date(2026, 9, 14)
    assert session.decoded("DTEND") == date(2026, 9, 19)  # five days, end exclusive
    assert str(session["SUMMARY"]) == "ENCOR; Core, Routing (64 CE)"
    for event in found.values():
        assert event.decoded("DTSTAMP").date() == TODAY
        alarms = event.walk("VALARM")
        assert [a.decoded("TRIGGER") for a in alarms] == [
            -timedelta(days=d) for d in (90, 60, 30, 7)
        ]
        assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)


def test_calendar_header_and_uids_are_stable() -> None:
    """The calendar is valid 2.0 with a PRODID; UIDs do not change from one export to the next."""
    data = ledger()
    first = to_ics(evaluate(data, RULES, TODAY), data, RULES)
    later = to_ics(evaluate(data, RULES, TODAY + timedelta(days=20)), data, RULES)
    calendar = icalendar.Calendar.from_ical(first)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    assert [str(e["UID"]) for e in events(first)] == [str(e["UID"]) for e in events(later)]
    assert to_ics(evaluate(data, RULES, TODAY), data, RULES) == first  # deterministic


def test_calendar_lines() -> None:
    """CRLF endings only, no line over 75 octets, continuation lines start with a space."""
    data = ledger()
    text = to_ics(evaluate(data, RULES, TODAY), data, RULES, planned())
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the tricky title was folded
    assert "Routing\\, Switching\\; Paths \\\\" in text.replace("\r\n ", "")


def test_escape_text() -> None:
    """Backslash, semicolon, comma and newlines are escaped, backslash first."""
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    original = "one, two; three \\ four\nfive " + "é" * 60
    description = fold("DESCRIPTION:" + escape_text(original))
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTAMP:20260101T000000Z\r\n" + description + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (event,) = events(calendar)
    assert str(event["DESCRIPTION"]) == original


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_fold_round_trip(value: str) -> None:
    """Folding keeps every line within 75 octets, never splits a character, and unfolds back."""
    line = "SUMMARY:" + value
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_calendar_without_anything_to_show() -> None:
    """An empty ledger gives an empty but valid calendar."""
    text = to_ics(evaluate(Ledger(), RULES, TODAY), Ledger(), RULES)
    assert events(text) == []
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


# --- CSV -----------------------------------------------------------------------------------


def test_csv_transcript() -> None:
    """Every claim, in completion order, with its window's closing day; quoting round-trips."""
    rows = list(csv.reader(io.StringIO(to_csv(ledger(), RULES))))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = rows[1:]
    assert [r[0] for r in body] == ["c3", "c4", "c5", "c1", "c2"]
    by_id = {r[0]: dict(zip(CSV_COLUMNS, r, strict=True)) for r in body}
    assert by_id["c1"]["activity"] == TRICKY
    assert by_id["c1"]["credits"] == "2.5"
    assert by_id["c1"]["submitted"] == "" and by_id["c1"]["status"] == "draft"
    assert by_id["c1"]["window_closes"] == "2026-07-01"
    assert by_id["c4"]["submitted"] == "2025-03-01"
    assert by_id["c4"]["credits"] == "8"


def test_csv_neutralises_formulas() -> None:
    """Cells starting with =, +, - or @ get a leading apostrophe."""
    rows = list(csv.reader(io.StringIO(to_csv(ledger(), RULES))))
    by_id = {r[0]: dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_id["c2"]["activity"] == '\'=HYPERLINK("http://x")'
    assert by_id["c4"]["activity"] == "'-Submitted course"
    assert by_id["c4"]["catalog_id"] == "'+cat"
    assert by_id["c5"]["activity"] == "'@pending"
    for prefix in "=+-@":
        assert safe_cell(prefix + "1") == "'" + prefix + "1"
    assert safe_cell("plain") == "plain" and safe_cell("") == ""


def test_csv_empty() -> None:
    """No claims: just the header."""
    assert to_csv(Ledger(), RULES) == ",".join(CSV_COLUMNS) + "\r\n"


def test_no_unprintable_character_reaches_an_export() -> None:
    """One sanitiser: JSON keeps such characters escaped, CSV and ICS replace them."""

    hostile = "a\x1b]52;c;eA==\x07b\x9b\x7f\u202ec\U000e0001"
    text = safe_json({hostile: [hostile]})
    assert json.loads(text) == {hostile: [hostile]}
    assert all(ch.isprintable() or ch in " \n" for ch in text)
    assert safe(hostile) == "a?]52;c;eA==?b???c?"
    assert escape_text(hostile + "\r\nnext") == "a?]52\\;c\\;eA==?b???c?\\nnext"
    assert safe_cell("=" + hostile) == "'=a?]52;c;eA==?b???c?"
