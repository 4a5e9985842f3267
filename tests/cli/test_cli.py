"""The command line: status (text, JSON, exit codes), import, export."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ce_tui.cli import main

DOC = {
    "format": "ce-tui/1",
    "certifications": [
        {
            "id": "ccnp-ent",
            "name": "CCNP Enterprise",
            "level": "professional",
            "earned": "2024-03-01",
            "expires": "2027-03-01",
            "retired": False,
            "path": "ce",
        }
    ],
    "exams": [],
    "claims": [
        {
            "id": "a",
            "activity": "ENCOR e-learning",
            "catalog_id": None,
            "credits": 64,
            "completed": "2025-01-10",
            "submitted": "2025-02-01",
            "status": "approved",
        },
        {
            "id": "b",
            "activity": "ENARSI course",
            "catalog_id": None,
            "credits": 24,
            "completed": "2026-02-01",
            "submitted": "2026-02-03",
            "status": "approved",
        },
    ],
    "catalog": [],
}


def write(path: Path, data: object) -> Path:
    """Write a JSON document."""
    path.write_text(json.dumps(data), "utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in process; return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store holding DOC."""
    path = tmp_path / "store.json"
    code, _, err = run(capsys, "--db", str(path), "import", str(write(tmp_path / "d.json", DOC)))
    assert code == 0, err
    return path


def test_status_json_matches_worked_example_1(db: Path, capsys) -> None:
    """Worked example 1 through the command line, field by field."""
    code, out, _ = run(capsys, "--db", str(db), "--today", "2026-11-28", "status", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["today"] == "2026-11-28"
    assert data["target"] == "ccnp-ent"
    cert = data["certifications"][0]
    expected = {
        "id": "ccnp-ent",
        "name": "CCNP Enterprise",
        "level": "professional",
        "retired": False,
        "state": "active",
        "cycle_start": "2026-02-02",
        "expires": "2029-02-01",
        "days_left": 796,
        "renewed_on": "2026-02-01",
        "path": "ce",
        "required": 80,
        "approved": 0,
        "pending": 0,
        "remaining": 80,
    }
    assert {k: cert[k] for k in expected} == expected
    assert isinstance(cert["options"], list) and cert["options"][0]["id"] == "ce"
    assert {
        "date": "2026-02-01",
        "certification": "ccnp-ent",
        "event": "recertified",
        "by": "ce",
    } in data["history"]
    assert data["alerts"] == []


def test_status_text(db: Path, capsys) -> None:
    """One line per certification, with state, expiry, days left, credits and pending."""
    code, out, _ = run(capsys, "--db", str(db), "--today", "2026-11-28", "status")
    assert code == 0
    line = out.splitlines()[0]
    for part in (
        "CCNP Enterprise",
        "professional",
        "ACTIVE",
        "2029-02-01",
        "796 days",
        "0/80 CE",
        "0 pending",
    ):
        assert part in line


@pytest.mark.parametrize(
    ("today", "code"),
    [
        ("2028-11-01", 0),  # 92 days before expiry: nothing yet
        ("2028-11-05", 1),  # 88 days before expiry, path unmet: attention
        ("2029-01-10", 2),  # 22 days before expiry: critical
        ("2029-02-02", 2),  # expired yesterday: critical
        ("2030-02-02", 0),  # expired more than 365 days ago: nothing to act on
    ],
)
def test_status_exit_codes_for_expiry(db: Path, capsys, today: str, code: int) -> None:
    """0 fine, 1 within 90 days unmet, 2 within 30 days or expired in the last year."""
    assert run(capsys, "--db", str(db), "--today", today, "status")[0] == code


def test_status_exit_code_for_draft_window(tmp_path: Path, capsys) -> None:
    """A draft whose window closes within 30 days needs attention."""
    doc = copy.deepcopy(DOC)
    doc["claims"].append(
        {"id": "d", "activity": "Draft", "credits": 4, "completed": "2025-12-20", "status": "draft"}
    )
    db = tmp_path / "s.json"
    assert run(capsys, "--db", str(db), "import", str(write(tmp_path / "d.json", doc)))[0] == 0
    assert run(capsys, "--db", str(db), "--today", "2026-11-28", "status")[0] == 1
    assert run(capsys, "--db", str(db), "--today", "2026-10-01", "status")[0] == 0


def test_status_exit_3_on_corrupt_store_and_bad_arguments(tmp_path: Path, capsys) -> None:
    """Unreadable store or wrong arguments: 3, the file left as it was."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    code, _, err = run(capsys, "--db", str(bad), "status")
    assert code == 3
    assert str(bad) in err
    assert bad.read_bytes() == b"{not json"
    with pytest.raises(SystemExit) as info:
        main(["--today", "2026-02-30", "status"])
    assert info.value.code == 3
    with pytest.raises(SystemExit) as info:
        main(["status", "--nonsense"])
    assert info.value.code == 3


def test_import_refuses_invalid_documents_and_changes_nothing(
    db: Path, tmp_path: Path, capsys
) -> None:
    """Every problem listed, exit 1, the store byte-for-byte unchanged, no traceback."""
    before = db.read_bytes()
    doc = copy.deepcopy(DOC)
    doc["claims"][0]["credits"] = -3
    doc["claims"][1]["submitted"] = "2027-06-01"
    doc["certifications"][0]["level"] = "guru"
    code, _out, err = run(capsys, "--db", str(db), "import", str(write(tmp_path / "x.json", doc)))
    assert code == 1
    assert "Traceback" not in err
    assert err.count("\n  - ") == 3
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe\x00garbage",
        b'{"format": "ce-tui/1", "claims": [{"credits": NaN}]}',
        b"[" * 100000,
        b'"just a string"',
    ],
)
def test_import_refuses_broken_files(db: Path, tmp_path: Path, capsys, content: bytes) -> None:
    """Not JSON, not UTF-8, NaN, too deep, not an object: a clear refusal, nothing written."""
    before = db.read_bytes()
    bad = tmp_path / "broken.json"
    bad.write_bytes(content)
    code, _, err = run(capsys, "--db", str(db), "import", str(bad))
    assert code == 1
    assert "Traceback" not in err and err.strip()
    assert db.read_bytes() == before


def test_import_merges_by_id_and_replace_replaces(db: Path, tmp_path: Path, capsys) -> None:
    """Merge keeps other records and replaces same ids; --replace keeps only the new ones."""
    extra = {
        "format": "ce-tui/1",
        "claims": [
            {
                "id": "a",
                "activity": "Renamed",
                "credits": 10,
                "completed": "2025-01-10",
                "submitted": "2025-02-01",
                "status": "approved",
            },
            {
                "id": "n",
                "activity": "New",
                "credits": 5,
                "completed": "2026-03-01",
                "submitted": "2026-03-02",
                "status": "pending",
            },
        ],
    }
    path = write(tmp_path / "extra.json", extra)
    assert run(capsys, "--db", str(db), "import", str(path))[0] == 0
    exported = json.loads(run(capsys, "--db", str(db), "export")[1])
    assert [c["id"] for c in exported["claims"]] == ["a", "b", "n"]
    assert exported["claims"][0]["activity"] == "Renamed"
    assert len(exported["certifications"]) == 1
    assert run(capsys, "--db", str(db), "import", "--replace", str(path))[0] == 0
    exported = json.loads(run(capsys, "--db", str(db), "export")[1])
    assert [c["id"] for c in exported["claims"]] == ["a", "n"]
    assert exported["certifications"] == []


def test_export_then_import_gives_the_same_store(db: Path, tmp_path: Path, capsys) -> None:
    """Export to a file, import into a new store, export again: identical."""
    out = tmp_path / "out.json"
    assert run(capsys, "--db", str(db), "export", str(out))[0] == 0
    other = tmp_path / "other.json"
    assert run(capsys, "--db", str(other), "import", str(out))[0] == 0
    again = tmp_path / "again.json"
    assert run(capsys, "--db", str(other), "export", str(again))[0] == 0
    assert json.loads(out.read_text()) == json.loads(again.read_text())
    # Every claim is written with its evidence (null when none is attached).
    assert json.loads(out.read_text())["claims"] == [
        claim | {"evidence": None} for claim in DOC["claims"]
    ]


def test_default_store_comes_from_the_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    """CE_TUI_DB chooses the store when --db is absent."""
    path = tmp_path / "env.json"
    monkeypatch.setenv("CE_TUI_DB", str(path))
    assert run(capsys, "import", str(write(tmp_path / "d.json", DOC)))[0] == 0
    assert path.exists()
    assert path.stat().st_mode & 0o777 == 0o600


def _modules_after_status(db: Path, extra: list[str]) -> tuple[str, set[str]]:
    """The output of `ce-tui status` run in a fresh Python, and the modules it had loaded."""
    code = (
        "import json, sys, runpy\n"
        f"sys.argv = ['ce-tui', '--db', {str(db)!r}, '--today', '2026-11-28', 'status', *{extra}]\n"
        "try:\n    runpy.run_module('ce_tui', run_name='__main__')\n"
        "except SystemExit as e:\n    rc = e.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *shown, modules = out.stdout.strip().splitlines()
    return "\n".join(shown), set(json.loads(modules))


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_console_script_runs_without_textual_or_pydantic(db: Path, extra: list[str]) -> None:
    """`python -m ce_tui status` on a store ce-tui wrote imports no Textual, pydantic or TinyDB.

    The store's seal says its records were validated when they were written,
    so they are decoded without pydantic, each value still checked (see
    tests/store/test_store_seal.py); TinyDB is only for reading a store
    through its query API (ce_tui.store.readonly).
    """
    shown, modules = _modules_after_status(db, extra)
    assert "CCNP Enterprise" in shown
    assert {m.split(".")[0] for m in modules} & {"textual", "pydantic", "rich", "tinydb"} == set()


def test_status_loads_neither_the_write_side_nor_shutil(db: Path) -> None:
    """`status` only reads: the patches and changes of the write side stay unloaded, and so
    does shutil, which argparse would import to find the terminal's width."""
    shown, modules = _modules_after_status(db, [])
    assert "CCNP Enterprise" in shown
    assert modules & {"shutil", "ce_tui.domain.changes"} == set()


@pytest.mark.parametrize("columns", ["50", "72", "120"])
def test_help_is_laid_out_to_the_columns_variable(columns: str) -> None:
    """Help wraps to COLUMNS as argparse's own default does (its width, less 2).

    (Some commands hold lines argparse cannot break: the status legend is laid
    out by hand and a usage line keeps a group of choices whole.)
    """
    env = {**os.environ, "COLUMNS": columns}
    for command in ([], ["plan"]):
        out = subprocess.run(
            [sys.executable, "-m", "ce_tui", *command, "--help"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        widest = max(len(line) for line in out.splitlines())
        assert widest <= int(columns) - 2
        assert widest > int(columns) - 12  # filled to the width, not to a fixed one


def test_demo_commands_never_touch_the_users_file(tmp_path: Path, capsys, monkeypatch) -> None:
    """--demo with a command works on the temporary demo store, not on $CE_TUI_DB."""
    mine = tmp_path / "mine.json"
    monkeypatch.setenv("CE_TUI_DB", str(mine))
    code, out, _ = run(capsys, "--demo", "--today", "2026-11-28", "status")
    assert code == 2
    assert "CCDE" in out
    doc = write(tmp_path / "d.json", DOC)
    assert run(capsys, "--demo", "import", str(doc))[0] == 0
    assert not mine.exists()


def test_status_says_one_day_and_today(db: Path, capsys) -> None:
    """Singular and zero day counts read naturally."""
    out = run(capsys, "--db", str(db), "--today", "2029-02-02", "status")[1]
    assert "(1 day ago)" in out
    out = run(capsys, "--db", str(db), "--today", "2029-01-31", "status")[1]
    assert "(1 day left)" in out
    out = run(capsys, "--db", str(db), "--today", "2029-02-01", "status")[1]
    assert "(today)" in out


def test_import_lists_record_rules_even_when_a_field_is_bad(tmp_path: Path, capsys) -> None:
    """A bad field does not hide the same record's other problems, nor a duplicate id."""
    doc = {
        "format": "ce-tui/1",
        "certifications": [{"id": "x", "name": "X", "level": "associate", "earned": "2024-02-30"}],
        "claims": [
            {
                "id": "c",
                "activity": "A",
                "credits": 1.234,
                "completed": "2025-01-10",
                "submitted": "2025-01-01",
                "status": "draft",
            },
            {
                "id": "c",
                "activity": "B",
                "credits": 3,
                "completed": "2025-01-10",
                "submitted": "2026-06-01",
                "status": "pending",
            },
        ],
    }
    code, _, err = run(
        capsys, "--db", str(tmp_path / "s.json"), "import", str(write(tmp_path / "d.json", doc))
    )
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith("  - ")]
    assert problems == [
        "  - certification \"X\": earned '2024-02-30' is not a date (YYYY-MM-DD)",
        '  - claim "A": credits 1.234 have more than 2 decimals',
        '  - claim "A": submitted 2025-01-01 is given but the status is draft; a draft has no '
        "submitted date (choose pending once it is submitted)",
        '  - claim "A": submitted 2025-01-01 is before completion 2025-01-10',
        "  - claim \"B\": id 'c' is used by another claim",
        '  - claim "B": submitted 2026-06-01 is 507 days after completion 2025-01-10; '
        "a claim must be submitted within 365 days",
    ]
