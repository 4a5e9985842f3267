"""`ce-tui doctor`: check the store, list backups, restore one."""

from __future__ import annotations

import json
from pathlib import Path

from ce_tui.cli import main

DOC = {
    "format": "ce-tui/1",
    "claims": [
        {
            "id": "a",
            "activity": "A",
            "credits": 8,
            "completed": "2025-01-10",
            "submitted": "2025-02-01",
            "status": "approved",
        }
    ],
}


def test_doctor_reports_ok_then_a_problem_and_restores(tmp_path: Path, capsys) -> None:
    """A healthy store is OK; import --replace keeps a backup; restore brings it back."""
    db = tmp_path / "s.json"
    doc = tmp_path / "d.json"
    doc.write_text(json.dumps(DOC))
    assert main(["--db", str(db), "import", str(doc)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "Backups: none yet" in out

    replacement = dict(DOC, claims=[])
    doc.write_text(json.dumps(replacement))
    assert main(["--db", str(db), "import", "--replace", str(doc)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "doctor"]) == 0
    out = capsys.readouterr().out
    backup = Path(out.strip().splitlines()[-1].strip())
    assert backup.exists() and "Backups (1)" in out

    db.chmod(0o644)
    assert main(["--db", str(db), "doctor"]) == 1
    assert "PROBLEM" in capsys.readouterr().out
    db.chmod(0o600)

    assert main(["--db", str(db), "doctor", "--restore", str(backup)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "export"]) == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)["claims"]] == ["a"]


def test_doctor_on_a_corrupt_store_names_it_and_leaves_it(tmp_path: Path, capsys) -> None:
    """A corrupt store is reported, not changed."""
    db = tmp_path / "s.json"
    db.write_bytes(b'{"claims": {"1": {"id": ')
    assert main(["--db", str(db), "doctor"]) == 1
    assert "PROBLEM" in capsys.readouterr().out
    assert db.read_bytes() == b'{"claims": {"1": {"id": '
