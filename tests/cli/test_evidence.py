"""Evidence files: attached from a sheet, checked by `doctor`, packed by `export --audit`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from ce_tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in process; (exit code, stdout, stderr)."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def setup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    """A store with two claims with evidence and one without: (store, encor.pdf, live.png)."""
    folder = tmp_path / "certs"
    folder.mkdir()
    encor = folder / "encor.pdf"
    encor.write_bytes(b"%PDF-1.7 ENCOR completion certificate")
    live = folder / "live session.png"
    live.write_bytes(b"\x89PNG Cisco Live badge")
    sheet = tmp_path / "claims.csv"
    sheet.write_text(
        "Course,Credits,Completed,Submitted,Status,Certificate\r\n"
        "ENCOR,64,2025-01-10,2025-02-01,approved,certs/encor.pdf\r\n"
        "Cisco Live,2,2025-06-10,2025-06-11,pending,certs/live session.png\r\n"
        "Webinar,1,2025-07-01,,,\r\n",
        "utf-8",
    )
    db = tmp_path / "ce.json"
    code, _, err = run(capsys, "--db", str(db), "import", "--csv", str(sheet))
    assert code == 0, err
    return db, encor, live


def test_doctor_is_quiet_when_every_file_is_there(setup, capsys) -> None:
    db, _, _ = setup
    code, out, _ = run(capsys, "--db", str(db), "doctor")
    assert code == 0
    assert "Evidence: 2 files attached, all present and unchanged" in out


def test_doctor_reports_changed_and_missing_files(setup, capsys) -> None:
    db, encor, live = setup
    encor.write_bytes(b"%PDF-1.7 a different certificate")
    live.unlink()
    code, out, _ = run(capsys, "--db", str(db), "doctor")
    assert code == 1
    assert 'PROBLEM: claim "ENCOR": evidence changed since it was attached' in out
    assert f'PROBLEM: claim "Cisco Live": evidence missing: {live}' in out


def test_audit_archive_holds_the_transcript_and_every_file(setup, tmp_path, capsys) -> None:
    db, encor, _ = setup
    target = tmp_path / "audit.zip"
    code, out, err = run(capsys, "--db", str(db), "export", "--audit", str(target))
    assert code == 0, err
    assert "3 claims and 2 files of evidence" in out
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        transcript = archive.read("transcript.csv").decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(transcript)))
        assert len(rows) == 3
        stored = {c["id"]: c for c in json.loads(db.read_text())["claims"].values()}
        for row in rows:
            evidence = stored[row["id"]]["evidence"]
            if evidence is None:
                assert row["evidence"] == "" and row["evidence_sha256"] == ""
                continue
            data = archive.read(row["evidence"])
            assert hashlib.sha256(data).hexdigest() == row["evidence_sha256"]
            assert row["evidence_sha256"] == evidence["sha256"]
        assert sorted(names) == sorted(["transcript.csv", *(r["evidence"] for r in rows[:2])])
        assert all(n.startswith("evidence/") for n in names if n != "transcript.csv")
        assert any(n.endswith("-live_session.png") for n in names)
        assert archive.read(rows[0]["evidence"]) == encor.read_bytes()


def test_audit_fails_on_a_changed_file_unless_forced(setup, tmp_path, capsys) -> None:
    db, encor, _ = setup
    encor.write_bytes(b"tampered")
    target = tmp_path / "audit.zip"
    code, _, err = run(capsys, "--db", str(db), "export", "--audit", str(target))
    assert code == 1
    assert 'claim "ENCOR": evidence changed since it was attached' in err
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit")] == []
    code, _, err = run(capsys, "--db", str(db), "export", "--audit", str(target), "--force")
    assert code == 0
    with zipfile.ZipFile(target) as archive:
        assert "changed since it was attached" in archive.read("problems.txt").decode()


def test_reimport_keeps_the_hash_taken_when_attached(setup, tmp_path, capsys) -> None:
    """Importing the sheet again must not bless a file changed behind the app's back."""
    db, encor, _ = setup
    before = db.read_bytes()
    encor.write_bytes(b"tampered")
    code, out, _ = run(capsys, "--db", str(db), "import", "--csv", str(tmp_path / "claims.csv"))
    assert code == 0 and "0 updated, 3 unchanged" in out
    assert json.loads(db.read_bytes()) == json.loads(before)
    assert run(capsys, "--db", str(db), "doctor")[0] == 1


def test_old_claims_without_evidence_still_load(tmp_path, capsys) -> None:
    """A schema-1 store (no evidence anywhere) loads, and is migrated on the next write."""
    db = tmp_path / "old.json"
    claim = {
        "id": "c1",
        "activity": "ENCOR",
        "catalog_id": None,
        "credits": 64,
        "completed": "2025-01-10",
        "submitted": "2025-02-01",
        "status": "approved",
    }
    db.write_text(json.dumps({"meta": {"1": {"schema": 1, "profile": {}}}, "claims": {"1": claim}}))
    code, out, _ = run(capsys, "--db", str(db), "export")
    assert code == 0
    assert json.loads(out)["claims"] == [claim | {"evidence": None}]


def test_audit_member_names_are_safe_and_distinct(tmp_path, capsys) -> None:
    """Ids and file names from data never make an absolute, `..` or shared member name."""
    db = tmp_path / "ce.json"
    ids = ["../../etc/passwd", "/abs/a b", "/abs/a?b", ".."]
    files = []
    for number, name in enumerate(("plain", "a b.pdf", "a?b.pdf", ".hidden")):
        folder = tmp_path / f"f{number}"
        folder.mkdir()
        (folder / name).write_bytes(f"certificate {number}".encode())
        files.append(folder / name)
    claims = [
        {
            "id": claim_id,
            "activity": f"Course {number}",
            "credits": 1,
            "completed": f"2025-01-0{number + 1}",
            "status": "draft",
            "evidence": {
                "path": str(path),
                "size": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            },
        }
        for number, (claim_id, path) in enumerate(zip(ids, files, strict=True))
    ]
    document = tmp_path / "doc.json"
    document.write_text(json.dumps({"format": "ce-tui/1", "claims": claims}))
    assert run(capsys, "--db", str(db), "import", str(document))[0] == 0
    target = tmp_path / "audit.zip"
    code, _, err = run(capsys, "--db", str(db), "export", "--audit", str(target))
    assert code == 0, err
    with zipfile.ZipFile(target) as archive:
        names = [n for n in archive.namelist() if n != "transcript.csv"]
        assert len(names) == len(set(names)) == 4
        for name in names:
            parts = name.split("/")
            assert parts[0] == "evidence" and len(parts) == 2
            assert parts[1] not in ("", ".", "..") and not parts[1].startswith(".")
        rows = list(csv.DictReader(io.StringIO(archive.read("transcript.csv").decode())))
        assert sorted(r["evidence"] for r in rows) == sorted(names)
        for row, claim in zip(rows, claims, strict=True):
            assert archive.read(row["evidence"]) == Path(claim["evidence"]["path"]).read_bytes()


def test_audit_writes_through_a_link_and_never_replaces_a_fifo_or_the_store(
    setup, tmp_path, capsys
) -> None:
    """The archive is written as every export is: a link's target, never a FIFO or the store."""
    import os

    db, _, _ = setup
    real = tmp_path / "real.zip"
    link = tmp_path / "link.zip"
    link.symlink_to(real)
    code, _, err = run(capsys, "--db", str(db), "export", "--audit", str(link))
    assert code == 0, err
    assert link.is_symlink() and zipfile.is_zipfile(real)
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "--db", str(db), "export", "--audit", str(fifo))
    assert code == 1 and "not a regular file" in err
    assert fifo.exists() and not fifo.is_file()
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "export", "--audit", str(db))
    assert code == 1 and "it is the store itself" in err
    assert db.read_bytes() == before
