"""`ce-tui plan` and `ce-tui export --ics/--csv` on the demo profile."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from ce_tui.cli import main
from ce_tui.demo import demo_ledger
from ce_tui.domain.validation import to_document

TODAY = date(2026, 11, 28)


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    """A store holding the demo profile."""
    doc = tmp_path / "demo.json"
    doc.write_text(json.dumps(to_document(demo_ledger(TODAY))))
    path = tmp_path / "store.json"
    assert main(["--db", str(path), "import", str(doc)]) == 0
    capsys.readouterr()
    return path


def test_plan_compares_every_option_of_the_target(db: Path, capsys) -> None:
    """Without --cert the target is planned; every option of its level is compared."""
    assert main(["--db", str(db), "--today", TODAY.isoformat(), "plan"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CCNP Security [professional]")
    for option in ("ce ", "ce+exam", "core", "two-concentration", "lab"):
        assert option in out
    assert "Plan for CCNP Security" in out


def test_plan_json_for_one_option(db: Path, capsys) -> None:
    """--cert/--option/--by/--json print one machine-readable plan that covers the gap."""
    assert (
        main(
            [
                "--db",
                str(db),
                "--today",
                TODAY.isoformat(),
                "plan",
                "--cert",
                "ccna",
                "--option",
                "ce",
                "--by",
                "hours",
                "--json",
            ]
        )
        == 0
    )
    plans = json.loads(capsys.readouterr().out)
    assert len(plans) == 1
    plan = plans[0]
    assert plan["feasible"] is True
    assert plan["total_credits"] >= plan["ce_missing"] == 14
    assert all(step["finish"] <= plan["deadline"] for step in plan["steps"])


def test_plan_unknown_certification_is_refused(db: Path, capsys) -> None:
    """An unknown certification: exit 3 and a message."""
    assert main(["--db", str(db), "plan", "--cert", "nope"]) == 3
    assert "nope" in capsys.readouterr().err


def test_export_ics_parses_with_a_calendar_library(db: Path, tmp_path: Path, capsys) -> None:
    """Expiries and draft deadlines as all-day events with 90/60/30/7-day alarms."""
    out = tmp_path / "cal.ics"
    assert main(["--db", str(db), "--today", TODAY.isoformat(), "export", "--ics", str(out)]) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any("CCNP Security" in s for s in summaries)
    assert any("Zero Trust" in s for s in summaries)
    triggers = sorted(str(a["TRIGGER"].to_ical().decode()) for a in events[0].walk("VALARM"))
    assert triggers == sorted(["-P90D", "-P60D", "-P30D", "-P7D"])


def test_export_csv_is_the_claims_transcript(db: Path, capsys) -> None:
    """The claims, one row each, readable by the csv module."""
    assert main(["--db", str(db), "export", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(demo_ledger(TODAY).claims)
    assert {r["status"] for r in rows} == {"approved", "pending", "draft", "rejected"}
