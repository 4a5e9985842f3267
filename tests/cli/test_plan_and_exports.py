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
    assert plan["ce_missing"] == 14 and plan["best"] is True
    assert plan["total_credits"] >= plan["ce_to_plan"]
    assert plan["ce_to_plan"] == max(0, 14 - plan["ce_pending"] - plan["ce_drafts"])
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


def plan_json(capsys, db: Path, *extra: str) -> tuple[int, list[dict]]:
    """`ce-tui plan --json` with `extra` options: the exit status and the plans."""
    code = main(["--db", str(db), "--today", TODAY.isoformat(), "plan", "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def test_plan_json_carries_the_model_and_marks_the_best(db: Path, capsys) -> None:
    """Assumptions (hours a day, margin, what counts) on every plan; one option marked best."""
    code, plans = plan_json(capsys, db, "--hours-per-day", "3.5", "--margin", "20")
    assert code == 0 and sum(p["best"] for p in plans) == 1
    for p in plans:
        a = p["assumptions"]
        assert a["hours_per_day"] == 3.5 and a["margin_days"] == 20
        assert a["expected"] == ["approved", "pending", "drafts"]
        assert a["study_from"] == "2026-11-29" and a["deadline"] == p["deadline"]
        if not p["feasible"]:
            assert p["shortfall"] is not None and p["reason"]
    code, strict = plan_json(capsys, db, "--approved-only", "--option", "ce")
    assert strict[0]["assumptions"]["expected"] == ["approved"]
    assert strict[0]["ce_to_plan"] == strict[0]["ce_missing"]
    assert not [s for s in strict[0]["steps"] if s["kind"] == "claim"]


def test_plan_counts_claims_in_flight_by_default(db: Path, capsys) -> None:
    """The demo's CCNP Security: pending credits and drafts cover the gap; drafts are steps."""
    code, (ce,) = plan_json(capsys, db, "--option", "ce")
    assert code == 0 and ce["ce_pending"] > 0 and ce["ce_to_plan"] == 0
    claims = [s for s in ce["steps"] if s["kind"] == "claim"]
    assert claims and all(s["title"].startswith("Submit claim ") for s in claims)
    assert all(s["date"] <= ce["deadline"] for s in claims)
    assert ce["if_rejected"]["ce_to_plan"] > 0


@pytest.mark.parametrize(
    "option",
    [
        ["--hours-per-day", "0"],
        ["--hours-per-day", "25"],
        ["--hours-per-day", "x"],
        ["--margin", "-1"],
        ["--margin", "999999"],
    ],
)
def test_plan_refuses_out_of_range_numbers(db: Path, capsys, option: list[str]) -> None:
    """Hours a day outside (0, 24] and margins outside 0-3650: exit 3, one line, no traceback."""
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db), "plan", *option])
    assert stop.value.code == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and option[1] in err


def test_plan_of_an_expired_certification_with_pending_credits(tmp_path: Path, capsys) -> None:
    """It says what approval restores, and when; the header says how long ago; exit 1."""
    doc = {
        "format": "ce-tui/1",
        "certifications": [
            {
                "id": "ccie",
                "name": "CCIE",
                "level": "expert",
                "earned": "2023-05-01",
                "expires": "2026-05-01",
            }
        ],
        "claims": [
            {
                "id": "a",
                "activity": "Courses",
                "credits": 100,
                "completed": "2025-01-10",
                "submitted": "2025-01-11",
                "status": "approved",
            },
            {
                "id": "p",
                "activity": "Lab",
                "credits": 30,
                "completed": "2026-04-20",
                "submitted": "2026-04-25",
                "status": "pending",
            },
        ],
    }
    file = tmp_path / "d.json"
    file.write_text(json.dumps(doc))
    store = tmp_path / "s.json"
    assert main(["--db", str(store), "import", str(file)]) == 0
    capsys.readouterr()
    code = main(["--db", str(store), "--today", "2026-06-09", "plan", "--cert", "ccie"])
    out = capsys.readouterr().out
    assert code == 1
    assert "CCIE [expert] expired on 2026-05-01 (39 days ago)" in out and "-39" not in out
    assert "restore it (recertified on 2026-04-20, expires 2029-04-20)" in out
    assert "if they are rejected, the full exam process starts over" in out
    code, plans = plan_json(capsys, store, "--cert", "ccie")
    assert code == 1 and plans[0]["at_expiry"]["restores"] is True
