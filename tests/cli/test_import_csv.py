"""`ce-tui import --csv`: spreadsheets' CSV exports, as Excel and LibreOffice write them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ce_tui.cli import main
from ce_tui.domain.csv_import import MAX_BYTES

EXCEL_US = (
    "\ufeffCourse,CE Credits,Date Completed,Date Submitted,Status,Notes\r\n"
    '"Implementing Cisco Enterprise Network Core Technologies (ENCOR), e-learning",64,'
    "1/10/2025,2/1/2025,Accepted,paid by employer\r\n"
    '"Cisco Live session ""BRKENS-2031""\nBarcelona",2,2/6/2025,,,"two lines,\nin one cell"\r\n'
    "ENARSI instructor-led,40,3/14/2025,3/20/2025,In Review,\r\n"
)
"""Excel "CSV UTF-8": a BOM, CRLF, US dates, quoted cells with commas, quotes and line breaks."""

LIBREOFFICE_DE = (
    "Titel;Punkte;Abgeschlossen;Eingereicht;Status\n"
    "Webinar SD-WAN;1,5;10.01.2025;12.01.2025;approved\n"
    "DCCOR e-learning;64;01.02.2025;;draft\n"
)
"""LibreOffice with German settings: semicolons, decimal commas, day.month.year dates."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in process; (exit code, stdout, stderr)."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def sheet(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
    """Write a CSV file exactly as given (no newline translation)."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def claims(db: Path) -> list[dict[str, object]]:
    """The claims of the store, as exported."""
    document = json.loads(db.read_text("utf-8"))
    return sorted(document.get("claims", {}).values(), key=lambda c: str(c["completed"]))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the store goes (not created yet)."""
    return tmp_path / "store" / "ce.json"


def imp(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    """`ce-tui --db DB --today 2026-11-28 import ARGV...`."""
    return run(capsys, "--db", str(db), "--today", "2026-11-28", "import", *argv)


def test_excel_export_with_us_dates(tmp_path: Path, db: Path, capsys) -> None:
    path = sheet(tmp_path, EXCEL_US)
    code, out, err = imp(capsys, db, "--csv", str(path), "--date-format", "%m/%d/%Y")
    assert code == 0, err
    assert "Ignored columns: Notes" in out
    assert ": 3 added, 0 updated, 0 unchanged, 0 removed;" in out
    got = claims(db)
    assert [c["activity"] for c in got] == [
        "Implementing Cisco Enterprise Network Core Technologies (ENCOR), e-learning",
        'Cisco Live session "BRKENS-2031" Barcelona',
        "ENARSI instructor-led",
    ]
    assert [c["status"] for c in got] == ["approved", "draft", "pending"]
    assert [c["completed"] for c in got] == ["2025-01-10", "2025-02-06", "2025-03-14"]
    assert got[0]["submitted"] == "2025-02-01" and got[1]["submitted"] is None


def test_libreoffice_semicolons_and_decimal_commas(tmp_path: Path, db: Path, capsys) -> None:
    path = sheet(tmp_path, LIBREOFFICE_DE)
    code, _, err = imp(
        capsys,
        db,
        "--csv",
        str(path),
        "--date-format",
        "%d.%m.%Y",
        "--map",
        "Titel=activity",
        "--map",
        "Punkte=credits",
        "--map",
        "Abgeschlossen=completed",
        "--map",
        "Eingereicht=submitted",
    )
    assert code == 0, err
    got = claims(db)
    assert [(c["activity"], c["credits"], c["completed"]) for c in got] == [
        ("Webinar SD-WAN", 1.5, "2025-01-10"),
        ("DCCOR e-learning", 64, "2025-02-01"),
    ]


def test_tab_separated_and_legacy_excel_encoding(tmp_path: Path, db: Path, capsys) -> None:
    text = "Title\tCE\tCompleted\r\nRéseaux d'entreprise\t8\t2025-05-05\r\n"
    path = sheet(tmp_path, text, encoding="cp1252")
    code, _, err = imp(capsys, db, "--csv", str(path))
    assert code == 0, err
    assert [c["activity"] for c in claims(db)] == ["Réseaux d'entreprise"]


def test_a_bad_row_in_the_middle_refuses_the_whole_sheet(tmp_path: Path, db: Path, capsys) -> None:
    good = sheet(tmp_path, "activity,credits,completed\r\nFirst,10,2025-01-01\r\n", "good.csv")
    assert imp(capsys, db, "--csv", str(good))[0] == 0
    before = db.read_bytes()
    files = sorted(p.name for p in db.parent.iterdir())
    text = (
        "activity,credits,completed,submitted,status\r\n"
        "Second,10,2025-02-01,2025-02-02,approved\r\n"
        "Third,ten,2025-13-01,,approved\r\n"
        "Fourth,5,2025-03-01,2025-02-01,pending\r\n"
        ",5,2025-04-01,,\r\n"
        "Sixth,5,2025-05-01,,\r\n"
    )
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 1
    assert "nothing was changed" in err
    assert "row 3, column 'credits': 'ten' is not a number" in err
    assert "row 3, column 'completed': '2025-13-01' is not a day of the calendar" in err
    assert "row 3, column 'status'" not in err  # an approved claim without a date: row 3 is
    assert "row 4, column 'submitted': submitted 2025-02-01 is before completion" in err
    assert "row 5, column 'activity': activity is required" in err
    assert "row 2" not in err and "row 6" not in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == files


def test_an_ambiguous_date_is_never_guessed(tmp_path: Path, db: Path, capsys) -> None:
    path = sheet(tmp_path, "activity,credits,completed\nA,1,03/04/2025\n")
    code, _, err = imp(capsys, db, "--csv", str(path))
    assert code == 1
    assert "'03/04/2025' is not a date (YYYY-MM-DD; --date-format" in err
    assert not db.exists()


def test_reimport_adds_nothing_twice_and_updates_what_changed(
    tmp_path: Path, db: Path, capsys
) -> None:
    path = sheet(tmp_path, EXCEL_US)
    args = ("--csv", str(path), "--date-format", "%m/%d/%Y")
    assert imp(capsys, db, *args)[0] == 0
    first = claims(db)
    code, out, _ = imp(capsys, db, *args)
    assert code == 0 and "0 added, 0 updated, 3 unchanged, 0 removed" in out
    assert claims(db) == first
    # The sheet moves on: the pending claim is approved, its title's case fixed.
    path.write_bytes(
        EXCEL_US.replace(
            "ENARSI instructor-led,40,3/14/2025,3/20/2025,In Review",
            "ENARSI Instructor-Led,40,3/14/2025,3/20/2025,approved",
        ).encode()
    )
    code, out, _ = imp(capsys, db, *args)
    assert code == 0 and "0 added, 1 updated, 2 unchanged, 0 removed" in out
    after = claims(db)
    assert len(after) == 3
    assert after[2]["status"] == "approved" and after[2]["id"] == first[2]["id"]


def test_dry_run_reports_and_writes_nothing(tmp_path: Path, db: Path, capsys) -> None:
    path = sheet(
        tmp_path,
        LIBREOFFICE_DE.replace("Titel", "Title")
        .replace("Punkte", "Points")
        .replace("Abgeschlossen", "completion date")
        .replace("Eingereicht", "claimed on"),
    )
    code, out, err = imp(capsys, db, "--csv", str(path), "--date-format", "%d.%m.%Y", "--dry-run")
    assert code == 0, err
    assert "Dry run, nothing written: " in out
    assert "(2 rows of claims, semicolon-separated) would give 2 added, 0 updated" in out
    assert "  add csv-c-" in out and ": Webinar SD-WAN" in out
    assert not db.exists()


def test_missing_and_unknown_columns(tmp_path: Path, db: Path, capsys) -> None:
    path = sheet(tmp_path, "Course,Hours\nA,3\n")
    code, _, err = imp(capsys, db, "--csv", str(path))
    assert code == 1
    assert "the column 'credits' is missing" in err
    assert "the column 'completed' is missing" in err
    code, _, err = imp(capsys, db, "--csv", str(path), "--map", "Hours=cost")
    assert code == 1 and "'cost' is not a field of claims" in err


def test_the_same_claim_twice_in_one_sheet(tmp_path: Path, db: Path, capsys) -> None:
    text = "activity,credits,completed\nA,1,2025-01-01\nB,1,2025-01-01\n a ,2,2025-01-01\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 1
    assert "row 4: the same claim as row 2" in err


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path, db: Path, capsys) -> None:
    text = "activity,credits,completed,note\x1b[31m\n\x1b]52;c;aGk=\x07Evil,1,2025-01-01,x\n"
    code, out, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "row 2, column 'activity': activity must not contain control characters" in err


def test_a_file_too_large_is_refused_before_parsing(tmp_path: Path, db: Path, capsys) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"activity,credits,completed\n" + b"A" * MAX_BYTES)
    code, _, err = imp(capsys, db, "--csv", str(path))
    assert code == 1 and "more than the 10 MiB ce-tui reads" in err
    assert not db.exists()


def test_claim_window_is_checked_by_row(tmp_path: Path, db: Path, capsys) -> None:
    text = "activity,credits,completed,submitted\nLate,1,2024-01-31,2025-02-02\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 1
    assert "row 2, column 'submitted': submitted 2025-02-02 is 368 days after" in err


def test_evidence_column_attaches_the_file(tmp_path: Path, db: Path, capsys) -> None:
    (tmp_path / "certs").mkdir()
    pdf = tmp_path / "certs" / "encor.pdf"
    pdf.write_bytes(b"%PDF-1.4 ENCOR certificate")
    text = "activity,credits,completed,certificate\nENCOR,64,2025-01-10,certs/encor.pdf\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 0, err
    evidence = claims(db)[0]["evidence"]
    assert evidence == {
        "path": str(pdf),
        "size": pdf.stat().st_size,
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
    }
    missing = "activity,credits,completed,evidence\nB,1,2025-01-11,certs/nope.pdf\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, missing, "m.csv")))
    assert code == 1
    assert "row 2, column 'evidence':" in err and "nope.pdf does not exist" in err


def test_other_kinds(tmp_path: Path, db: Path, capsys) -> None:
    certs = "Certification,Level,Certified on\nCCNP Enterprise,Professional,2024-03-01\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, certs)), "--kind", "certifications")
    assert code == 0, err
    exams = "Exam code,Exam,Type,Date passed\n350-401,ENCOR,Core,2025-09-15\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, exams, "e.csv")), "--kind", "exams")
    assert code == 0, err
    stored = json.loads(db.read_text())
    assert [c["level"] for c in stored["certifications"].values()] == ["professional"]
    assert [e["kind"] for e in stored["exams"].values()] == ["core"]


def test_csv_options_need_csv(tmp_path: Path, db: Path, capsys) -> None:
    code, _, err = imp(capsys, db, str(tmp_path / "x.json"), "--dry-run")
    assert code == 3 and "go with --csv" in err


def test_every_problem_at_once_evidence_included(tmp_path: Path, db: Path, capsys) -> None:
    """Bad cells and bad evidence files are listed together; a named pipe is never waited on."""
    import os

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    text = (
        "activity,credits,completed,evidence\n"
        "A,-5,2025-01-01,\n"
        f"B,1,2025-01-02,{fifo}\n"
        "C,1,2025-01-03,.\n"
        "D,1,2025-01-04,missing.pdf\n"
    )
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 1
    assert "row 2, column 'credits': credits must be more than 0, not -5" in err
    assert "row 3, column 'evidence':" in err and "is not a regular file" in err
    assert "row 4, column 'evidence':" in err and "is a folder, not a file" in err
    assert "row 5, column 'evidence':" in err and "missing.pdf does not exist" in err
    assert not db.exists()


def test_excel_sep_line_and_classic_mac_line_ends(tmp_path: Path, db: Path, capsys) -> None:
    text = "sep=;\r\nTitle;CE;Completed\r\nA, B and C;4;2025-01-01\r\n"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, text)))
    assert code == 0, err
    mac = "Title,CE,Completed\rD,2,2025-02-01\rE,x,2025-02-02\r"
    code, _, err = imp(capsys, db, "--csv", str(sheet(tmp_path, mac, "mac.csv")))
    assert code == 1 and "row 3, column 'CE': 'x' is not a number" in err
    assert [c["activity"] for c in claims(db)] == ["A, B and C"]


def test_an_import_that_changes_stored_claims_backs_them_up_first(
    tmp_path: Path, db: Path, capsys
) -> None:
    """Adding makes no backup; changing a stored claim keeps the replaced file; a refusal none."""
    from ce_tui.store.backups import list_backups

    text = "Title;CE;Completed;Submitted;Status\nA;1,5;2025-01-10;2025-01-12;approved\n"
    text += "B;64;2025-02-01;;draft\n"
    path = sheet(tmp_path, text)
    args = ("--csv", str(path))
    code, out, err = imp(capsys, db, *args)
    assert code == 0, err
    assert "2 added, 0 updated, 0 unchanged, 0 removed" in out
    assert list_backups(db) == []
    before = db.read_bytes()
    path.write_bytes(text.replace(";;draft", ";2025-02-03;pending").encode())
    code, out, err = imp(capsys, db, *args)
    assert code == 0, err
    assert "0 added, 1 updated, 1 unchanged, 0 removed" in out
    (backup,) = list_backups(db)
    assert backup.read_bytes() == before
    path.write_bytes(text.replace(";1,5;", ";-1;").encode())
    assert imp(capsys, db, *args)[0] == 1
    assert list_backups(db) == [backup]


def test_a_named_pipe_as_the_sheet_is_refused_at_once(tmp_path: Path, db: Path) -> None:
    """The sheet is read as every input file is: a FIFO is refused, never waited on."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "ce_tui", "--db", str(db), "import", "--csv", str(fifo)]
    for extra in ([], ["--dry-run"]):
        done = subprocess.run(command + extra, capture_output=True, text=True, timeout=60)
        assert done.returncode == 1
        assert "is not a regular file" in done.stderr
    assert not db.exists()


def test_a_file_name_with_escapes_is_shown_safe(tmp_path: Path, db: Path, capsys) -> None:
    """A sheet's name and an evidence path from a cell reach the terminal without raw escapes."""
    text = "activity,credits,completed,evidence\nA,1,2025-01-01,cert\x1b]52;c;aGk=\x07.pdf\n"
    path = sheet(tmp_path, text, "sheet\x1b[2J.csv")
    code, out, err = imp(capsys, db, "--csv", str(path))
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "sheet?[2J.csv: not imported" in err
    assert "cert?]52;c;aGk=?.pdf does not exist" in err


@pytest.mark.parametrize(
    ("layout", "reason"),
    [
        ("%Y%m%d%Y", "names a part of the date twice"),
        ("%d%d%m%Y", "names a part of the date twice"),
        ("%Q%Y%m%d", "holds a code strptime does not know"),
        ("%%Y%m%d", "does not name the year"),
    ],
)
def test_a_date_format_strptime_cannot_use_is_refused_in_one_line(
    tmp_path: Path, db: Path, capsys, layout: str, reason: str
) -> None:
    path = sheet(tmp_path, "activity,credits,completed\nX,8,20250110\n")
    code, _, err = imp(capsys, db, "--csv", str(path), "--date-format", layout)
    assert code == 1 and "Traceback" not in err
    assert f"date format {layout!r} {reason}" in err
    assert not db.exists()
