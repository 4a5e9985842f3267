"""Hostile stores, files and processes: refused clearly, nothing lost, never a traceback.

One test per way a tester once lost data or crashed ce-tui with ordinary
commands (validate-then-act, backups, the load path, files we do not own,
output that cannot be written, signals).
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ce_tui.cli import main
from ce_tui.domain.rules import default_rules, shipped_rules_data
from ce_tui.store.backups import list_backups
from ce_tui.store.codec import SEAL_START, _digest, encode_document, seal_key
from ce_tui.store.files import MAX_BYTES

pytestmark = pytest.mark.faults

CERT = {
    "id": "ccnp",
    "name": "CCNP Enterprise",
    "level": "professional",
    "earned": "2024-03-01",
    "path": "ce",
}
CLAIM = {
    "id": "c1",
    "activity": "ENCOR course",
    "credits": 8,
    "completed": "2025-01-10",
    "submitted": "2025-02-01",
    "status": "approved",
}


def document(**lists: list[dict[str, object]]) -> dict[str, object]:
    """A ce-tui/1 document holding `lists`."""
    return {"format": "ce-tui/1", **lists}


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def run_process(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run `ce-tui` as its own process (10 s at most)."""
    return subprocess.run(
        [sys.executable, "-m", "ce_tui", *argv],
        capture_output=kwargs.pop("capture_output", True),  # type: ignore[arg-type]
        text=True,
        timeout=10,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store holding one certification and one claim."""
    path = tmp_path / "store" / "ce-tui.json"
    source = tmp_path / "first.json"
    source.write_text(json.dumps(document(certifications=[CERT], claims=[CLAIM])))
    assert run("--db", str(path), "import", str(source), capsys=capsys)[0] == 0
    return path


def write_doc(tmp_path: Path, name: str, doc: object) -> Path:
    """A JSON file in `tmp_path`."""
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def sealed(doc: dict[str, object]) -> bytes:
    """A store file holding `doc` with a seal recomputed as anyone could (shipped rules)."""
    meta = doc["meta"]["1"]  # type: ignore[index]
    doc["meta"] = {"1": {"seal": "0" * 32, **meta}}
    data = encode_document(doc)
    assert data.startswith(SEAL_START)
    start = len(SEAL_START)
    seal = _digest(data, seal_key(default_rules())).encode()
    return data[:start] + seal + data[start + 32 :]


def hand_edited(db: Path, edit: object) -> bytes:
    """Apply `edit(raw)` to the store's JSON, write it back unsealed; the new bytes."""
    raw = json.loads(db.read_bytes())
    del raw["meta"]["1"]["seal"]
    edit(raw)  # type: ignore[operator]
    db.write_text(json.dumps(raw))
    return db.read_bytes()


def assert_restore_refused(
    db: Path, name: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`doctor --restore name` exits 3 saying `reason` and leaves the store as it was."""
    before = db.read_bytes()
    code, _, err = run("--db", str(db), "doctor", "--restore", name, capsys=capsys)
    assert code == 3 and reason in err
    assert db.read_bytes() == before


# 1. Validate, then act, under one lock ---------------------------------------


def test_a_refused_replace_import_makes_no_backup(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    bad = write_doc(tmp_path, "bad.json", document(claims=[dict(CLAIM, credits=-1)]))
    for _ in range(6):
        code, _, err = run("--db", str(db), "import", "--replace", str(bad), capsys=capsys)
        assert code == 1 and "nothing was changed" in err
    assert list_backups(db) == []
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["ce-tui.json", "ce-tui.json.lock"]


def test_the_replace_backup_is_taken_under_the_lock(db: Path, tmp_path: Path) -> None:
    """A write that finishes while --replace waits for the lock is in the backup."""
    new = write_doc(tmp_path, "new.json", document(claims=[dict(CLAIM, id="other")]))
    lock = os.open(db.with_name("ce-tui.json.lock"), os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    child = subprocess.Popen(
        [sys.executable, "-m", "ce_tui", "--db", str(db), "import", "--replace", str(new)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)  # the child has read its document and waits for the lock
    # What a merge import finishing now would leave: a claim "late".
    hand_edited(db, lambda raw: raw["claims"].update({"9": dict(CLAIM, id="late")}))
    fcntl.flock(lock, fcntl.LOCK_UN)
    os.close(lock)
    _, err = child.communicate(timeout=10)
    assert child.returncode == 0, err
    (backup,) = list_backups(db)
    assert "late" in {c["id"] for c in json.loads(backup.read_bytes())["claims"].values()}


# 2. Backups that cannot eat themselves -----------------------------------------


def test_future_dated_backups_never_prune_a_new_one(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(5):
        (db.parent / f"ce-tui.json.2099-01-0{n + 1}T000000Z.bak").write_bytes(b"{}")
    before = db.read_bytes()
    new = write_doc(tmp_path, "new.json", document(claims=[dict(CLAIM, id="x")]))
    assert run("--db", str(db), "import", "--replace", str(new), capsys=capsys)[0] == 0
    backups = list_backups(db)
    assert len(backups) == 5
    assert backups[0].read_bytes() == before  # the replaced data is kept


def test_a_planted_huge_backup_number_never_makes_backups_overwrite_each_other(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (db.parent / f"ce-tui.json.{'9' * 18}.2020-01-01T000000Z.bak").write_bytes(b"{}")
    states = []
    for n in range(2):
        states.append(db.read_bytes())
        new = write_doc(tmp_path, f"n{n}.json", document(claims=[dict(CLAIM, id=f"x{n}")]))
        assert run("--db", str(db), "import", "--replace", str(new), capsys=capsys)[0] == 0
    newest = list_backups(db)[:2]
    assert [b.read_bytes() for b in newest] == states[::-1]


def test_a_merge_that_changes_records_backs_up_and_counts(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    doc = document(claims=[dict(CLAIM, credits=16), dict(CLAIM, id="c2")], certifications=[CERT])
    code, out, _ = run(
        "--db", str(db), "import", str(write_doc(tmp_path, "m.json", doc)), capsys=capsys
    )
    assert code == 0
    assert "1 added, 1 updated, 1 unchanged, 0 removed" in out
    (backup,) = list_backups(db)
    assert backup.read_bytes() == before


def test_a_merge_that_only_adds_needs_no_backup_and_replace_counts_removals(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add = write_doc(tmp_path, "a.json", document(claims=[dict(CLAIM, id="c2")]))
    code, out, _ = run("--db", str(db), "import", str(add), capsys=capsys)
    assert code == 0 and "1 added, 0 updated, 0 unchanged, 0 removed" in out
    assert list_backups(db) == []
    code, out, _ = run("--db", str(db), "import", "--replace", str(add), capsys=capsys)
    assert code == 0 and "0 added, 0 updated, 1 unchanged, 2 removed" in out
    assert len(list_backups(db)) == 1


# 3. One sound load path --------------------------------------------------------


def test_duplicate_ids_in_a_hand_edited_store_are_refused_not_merged_away(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = hand_edited(db, lambda raw: raw["claims"].update({"2": dict(CLAIM, credits=4)}))
    code, _, err = run("--db", str(db), "status", capsys=capsys)
    assert code == 3
    assert "id 'c1' is used by another claim" in err
    merge = write_doc(tmp_path, "m.json", document(claims=[dict(CLAIM, id="c9")]))
    code, _, err = run("--db", str(db), "import", str(merge), capsys=capsys)
    assert code == 3 and "id 'c1' is used by another claim" in err
    assert db.read_bytes() == edited


@pytest.mark.parametrize("command", [["status"], ["plan"], ["export", "--ics"], ["export"]])
def test_a_path_the_rules_do_not_know_is_refused_naming_the_record(
    db: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    hand_edited(db, lambda raw: raw["certifications"]["1"].update(path="nope"))
    code, out, err = run("--db", str(db), *command, capsys=capsys)
    assert code == 3
    assert "certification \"CCNP Enterprise\": path 'nope' is not an option" in err
    assert out == ""


def test_a_seal_forged_with_escapes_still_keeps_them_out(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anyone can recompute a seal: a store holding raw escapes is validated anyway."""
    raw = json.loads(db.read_bytes())
    del raw["meta"]["1"]["seal"]
    raw["claims"]["1"]["activity"] = "x\x1b]52;c;cHduZWQ=\x07\x9b\u202ey"
    db.write_bytes(sealed(raw))
    code, out, err = run("--db", str(db), "export", "--csv", capsys=capsys)
    assert code == 3 and "control characters" in err
    for text in (out, err):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")


FORGED = {
    "negative credits": ("claims", "credits", -500, "credits must be more than 0"),
    "credits as text": ("claims", "credits", "abc", "credits must be a number"),
    "credits beyond any number": ("claims", "credits", 10**30, "more than 10000"),
    "credits of 1e308": ("claims", "credits", 1e308, "more than 10000"),
    "credits with 3 decimals": ("claims", "credits", 1.125, "more than 2 decimals"),
    "a day before the bounds": ("certifications", "earned", "0001-01-01", "outside the dates"),
    "a day after the bounds": ("certifications", "expires", "9999-12-31", "outside the dates"),
    "expires before earned": ("certifications", "expires", "2020-01-01", "is before earned"),
    "an unknown level": ("certifications", "level", "wizard", "level"),
    "an unknown path": ("certifications", "path", "nope", "is not an option"),
    "an unknown status": ("claims", "status", "bogus", "status"),
    "a name that is a number": ("certifications", "name", 5, "valid string"),
    "a name that is a list": ("certifications", "name", ["a"], "valid string"),
    "a name that is null": ("certifications", "name", None, "valid string"),
    "a name of 10,000 characters": ("certifications", "name", "A" * 10_000, "at most 500"),
    "a draft with a submitted day": ("claims", "status", "draft", "draft"),
    "evidence of a negative size": (
        "claims",
        "evidence",
        {"path": "/dev/zero", "size": -1, "sha256": "0" * 64},
        "evidence.size",
    ),
    "evidence that is text": ("claims", "evidence", "cert.pdf", "evidence"),
    "evidence at a relative path": (
        "claims",
        "evidence",
        {"path": "rel/cert.pdf", "size": 1, "sha256": "0" * 64},
        "is not absolute",
    ),
    "a profile day after the bounds": ("meta", "profile", {"terms_accepted": "3000-01-01"}, ""),
}


@pytest.mark.parametrize("command", [["status"], ["export", "--ics"], ["export", "--csv"]])
@pytest.mark.parametrize("case", FORGED, ids=list(FORGED))
def test_a_forged_seal_over_bad_values_is_validated_and_refused(
    db: Path, capsys: pytest.CaptureFixture[str], case: str, command: list[str]
) -> None:
    """Anyone can recompute a seal: bad values under one are refused with exit 3, never a crash."""
    table, field, value, reason = FORGED[case]
    raw = json.loads(db.read_bytes())
    del raw["meta"]["1"]["seal"]
    raw[table]["1"][field] = value
    db.write_bytes(sealed(raw))
    code, out, err = run("--db", str(db), *command, capsys=capsys)
    assert code == 3, out
    assert "not a valid ce-tui store" in err and reason in err


def test_a_forged_seal_over_a_duplicate_id_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(db.read_bytes())
    del raw["meta"]["1"]["seal"]
    raw["claims"]["2"] = dict(raw["claims"]["1"])
    db.write_bytes(sealed(raw))
    code, _, err = run("--db", str(db), "status", capsys=capsys)
    assert code == 3 and "is used by another claim" in err


def test_a_store_written_under_other_rules_is_checked_against_the_current_ones(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = shipped_rules_data()
    rules["levels"]["professional"].append({"id": "extra", "label": "Extra", "ce": 10})
    rules_file = write_doc(tmp_path, "rules.json", rules)
    doc = document(certifications=[dict(CERT, path="extra")])
    new = write_doc(tmp_path, "n.json", doc)
    args = ("--db", str(db), "--rules", str(rules_file))
    assert run(*args, "import", str(new), capsys=capsys)[0] == 0
    assert run(*args, "status", capsys=capsys)[0] in (0, 1, 2)
    code, _, err = run("--db", str(db), "status", capsys=capsys)
    assert code == 3 and "path 'extra' is not an option" in err


def test_restore_refuses_a_backup_the_rules_cannot_evaluate(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(db.read_bytes())
    del raw["meta"]["1"]["seal"]
    raw["certifications"]["1"]["path"] = "nope"
    bad = db.parent / "ce-tui.json.000001.2026-01-01T000000Z.bak"
    bad.write_text(json.dumps(raw))
    assert_restore_refused(db, bad.name, "path 'nope' is not an option", capsys)


def test_restore_takes_a_backup_name_as_doctor_lists_it(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    new = write_doc(tmp_path, "new.json", document(claims=[dict(CLAIM, id="x")]))
    assert run("--db", str(db), "import", "--replace", str(new), capsys=capsys)[0] == 0
    (backup,) = list_backups(db)
    code, out, _ = run("--db", str(db), "doctor", "--restore", backup.name, capsys=capsys)
    assert code == 0 and "Restored" in out
    assert db.read_bytes() == before


# 4. Bounded dates --------------------------------------------------------------


@pytest.mark.parametrize(
    "record",
    [
        {"claims": [dict(CLAIM, completed="9999-12-30", submitted=None, status="draft")]},
        {"certifications": [dict(CERT, earned="9999-12-31")]},
        {"certifications": [dict(CERT, expires="9999-12-31")]},
        {"claims": [dict(CLAIM, completed="1989-12-31")]},
    ],
)
def test_dates_outside_the_range_are_refused_at_input(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], record: dict[str, object]
) -> None:
    before = db.read_bytes()
    doc = write_doc(tmp_path, "d.json", document(**record))  # type: ignore[arg-type]
    code, _, err = run("--db", str(db), "import", str(doc), capsys=capsys)
    assert code == 1
    assert "outside the dates ce-tui accepts (1990-01-01 to 2100-12-31)" in err
    assert db.read_bytes() == before


@pytest.mark.parametrize(("today", "code"), [("9999-12-31", 3), ("1989-12-31", 3)])
def test_today_outside_the_range_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str], today: str, code: int
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db), "--today", today, "status"])
    assert caught.value.code == code
    assert "outside the dates ce-tui accepts" in capsys.readouterr().err


def test_the_last_accepted_day_evaluates_plans_and_exports(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(certifications=[dict(CERT, id="late", earned="2100-12-31")])
    assert (
        run("--db", str(db), "import", str(write_doc(tmp_path, "l.json", doc)), capsys=capsys)[0]
        == 0
    )
    for command in (
        ["status"],
        ["plan", "--cert", "late"],
        ["export", "--ics"],
        ["export", "--csv"],
    ):
        code, _, _ = run("--db", str(db), "--today", "2100-12-31", *command, capsys=capsys)
        assert code in (0, 1, 2)


# 5. One way out to the terminal ------------------------------------------------


def test_a_rules_file_with_escapes_in_a_label_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = shipped_rules_data()
    rules["levels"]["professional"][0]["label"] = "\x1b]52;c;cHduZWQ=\x07 pwned"
    rules_file = write_doc(tmp_path, "rules.json", rules)
    code, _, err = run("--db", str(db), "--rules", str(rules_file), "status", capsys=capsys)
    assert code == 3 and "control characters" in err
    assert "\x1b" not in err and "\x07" not in err and len(err.splitlines()) == 1


def test_an_escape_in_a_json_key_never_reaches_the_terminal(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_edited(db, lambda raw: raw["claims"]["1"].update({"\x1b]0;owned\x07\x9b": 1}))
    code, _, err = run("--db", str(db), "status", capsys=capsys)
    assert code == 3 and "is not a known field" in err
    assert not any(ch in err for ch in "\x1b\x07\x9b")


@pytest.mark.parametrize("where", ["store", "import"])
def test_a_huge_json_key_is_named_in_a_short_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    key = "k" * 1_000_000
    if where == "store":
        hand_edited(db, lambda raw: raw["claims"]["1"].update({key: 1}))
        code, _, err = run("--db", str(db), "status", capsys=capsys)
        assert code == 3
    else:
        doc = write_doc(tmp_path, "k.json", document(claims=[dict(CLAIM, **{key: 1})]))
        code, _, err = run("--db", str(db), "import", str(doc), capsys=capsys)
        assert code == 1
    assert "is not a known field" in err and len(err) < 1000


def test_bidirectional_overrides_are_refused_in_text(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document(claims=[dict(CLAIM, id="c5", activity="abc\u202edcba")])
    code, _, err = run(
        "--db", str(db), "import", str(write_doc(tmp_path, "b.json", doc)), capsys=capsys
    )
    assert code == 1 and "control characters" in err and "\u202e" not in err


# 6. Files we do not own --------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "huge"])
def test_a_db_that_is_not_a_store_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        with open(path, "wb") as handle:
            handle.truncate(MAX_BYTES + 1)  # sparse: no memory is spent writing it
    for command in (["status"], ["import", "-"], ["doctor"]):
        done = run_process("--db", str(path), *command, input=json.dumps(document()))
        assert "Traceback" not in done.stderr
        assert done.returncode in (1, 3) if command == ["doctor"] else done.returncode == 3
        assert len(done.stderr.strip().splitlines()) <= 2, done.stderr
    if kind == "huge":
        assert path.stat().st_size == MAX_BYTES + 1


@pytest.mark.parametrize("kind", ["fifo", "folder", "link-loop"])
def test_a_db_that_can_never_be_a_store_gets_no_lock_file_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """An import into such a --db is refused before anything is made beside it."""
    path = tmp_path / "db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "other")
        (tmp_path / "other").symlink_to(path)
    doc = write_doc(tmp_path, "doc.json", document())
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = run("--db", str(path), "import", str(doc), capsys=capsys)
    assert code == 3 and str(path) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_another_programs_tinydb_file_is_refused_and_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_doc(tmp_path, "other.json", {"_default": {"1": {"name": "not ours"}}})
    before = path.read_bytes()
    code, _, err = run("--db", str(path), "status", capsys=capsys)
    assert code == 3 and "not a ce-tui store" in err
    new = write_doc(tmp_path, "n.json", document(claims=[CLAIM]))
    code, _, err = run("--db", str(path), "import", str(new), capsys=capsys)
    assert code == 3 and "not a ce-tui store" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.json", "other.json", "other.json.lock"]


def test_restore_never_replaces_another_programs_file_but_mends_a_damaged_store(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = db.read_bytes()
    backup = db.parent / "ce-tui.json.000001.2026-01-01T000000Z.bak"
    backup.write_bytes(good)
    db.write_text(json.dumps({"_default": {"1": {"name": "not ours"}}}))
    assert_restore_refused(db, backup.name, "not a ce-tui store", capsys)
    assert list_backups(db) == [backup]
    db.write_bytes(good[:-20])  # a damaged store: what a restore is for
    code, out, _ = run("--db", str(db), "doctor", "--restore", backup.name, capsys=capsys)
    assert code == 0 and "Restored" in out
    assert db.read_bytes() == good


def test_export_through_a_symbolic_link_writes_its_target(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run("--db", str(db), "export", str(link), capsys=capsys)[0] == 0
    assert link.is_symlink() and link.resolve() == target
    assert json.loads(target.read_text())["format"] == "ce-tui/1"


def test_export_onto_the_store_itself_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(db)
    for target in (db, link):
        code, _, err = run("--db", str(db), "export", str(target), capsys=capsys)
        assert code == 1 and "it is the store itself" in err
    assert db.read_bytes() == before


@pytest.mark.parametrize("number", [b"1" * 5000, b"-" + b"9" * 4400], ids=["long", "negative"])
def test_a_number_too_long_to_read_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: bytes
) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(b'{"meta": {"1": {"schema": ' + number + b"}}}")
    code, _, err = run("--db", str(path), "status", capsys=capsys)
    assert code == 3 and "a number with too many digits" in err and err.count("\n") == 1


@pytest.mark.parametrize("kind", ["fifo", "link-to-device"])
def test_export_never_replaces_a_fifo_or_a_device(tmp_path: Path, db: Path, kind: str) -> None:
    path = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    done = run_process("--db", str(db), "export", str(path))
    assert done.returncode == 1 and "not a regular file" in done.stderr
    assert "Traceback" not in done.stderr
    if kind == "fifo":
        assert path.exists() and not path.is_file()
    else:
        assert path.is_symlink() and Path("/dev/null").is_char_device()


def test_a_read_only_store_is_reported_not_replaced(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.chmod(0o400)
    before = db.read_bytes()
    inode = db.stat().st_ino
    new = write_doc(tmp_path, "n.json", document(claims=[dict(CLAIM, id="c7")]))
    code, _, err = run("--db", str(db), "import", str(new), capsys=capsys)
    assert code == 3 and "read-only" in err
    assert db.read_bytes() == before and db.stat().st_ino == inode


@pytest.mark.parametrize("command", [["status"], ["plan"], ["export"], ["export", "--ics"]])
def test_read_commands_on_a_missing_store_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "missing.json"
    code, out, err = run("--db", str(path), *command, capsys=capsys)
    assert code == 3 and f"no store at {path}" in err and out == ""
    assert not path.exists()


# 7. No traceback anywhere ------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["export"],
        ["export", "-"],
        ["export", "--csv"],
        ["plan"],
        ["doctor"],
        ["--help"],
        ["--version"],
        ["status", "--help"],
    ],
)
def test_output_to_a_full_disk_is_one_line(db: Path, command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = run_process(
            "--db",
            str(db),
            "--today",
            "2026-01-01",
            *command,
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
        )
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "cannot write the output" in done.stderr


def test_doctor_on_a_folder_it_cannot_read(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder refuses to be listed (as a folder without read permission does)."""

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    code, out, err = run("--db", str(db), "doctor", capsys=capsys)
    monkeypatch.undo()
    assert code in (1, 3)
    assert "permission denied" in (out + err)


@pytest.mark.parametrize(
    "content",
    [b"[" * 200_000, b'{"levels": ' * 50_000, b"x"],
    ids=["deep-list", "deep-object", "not-json"],
)
def test_a_nested_or_broken_rules_file_is_one_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    rules_file = tmp_path / "rules.json"
    rules_file.write_bytes(content)
    code, _, err = run("--db", str(db), "--rules", str(rules_file), "status", capsys=capsys)
    assert code == 3 and err.startswith("ce-tui: rules file") and err.count("\n") == 1


def test_a_huge_rules_file_is_refused_before_it_is_read(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_file = tmp_path / "rules.json"
    with open(rules_file, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    code, _, err = run("--db", str(db), "--rules", str(rules_file), "status", capsys=capsys)
    assert code == 3 and "MiB" in err


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_demo_removes_its_temporary_store_on_a_signal(tmp_path: Path, signum: int) -> None:
    """`--demo import -` waits on standard input, as the app waits on the terminal."""
    env = dict(os.environ, TMPDIR=str(tmp_path))
    child = subprocess.Popen(
        [sys.executable, "-m", "ce_tui", "--demo", "import", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 10
    while not list(tmp_path.glob("ce-tui-demo-*/demo.json")):
        assert time.monotonic() < deadline, "the demo store was never made"
        time.sleep(0.05)
    time.sleep(0.2)
    child.send_signal(signum)
    child.communicate(timeout=10)
    assert child.returncode == 128 + signum
    assert list(tmp_path.glob("ce-tui-demo-*")) == []


@pytest.mark.parametrize("command", [["status"], ["import", "DOC"], ["doctor"]])
def test_a_store_naming_a_table_twice_is_refused_and_kept(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Parsed, the second `claims` would win and the next save would drop the first's claims."""
    raw = json.loads(db.read_bytes())
    del raw["meta"]["1"]["seal"]
    text = json.dumps(raw)
    data = (text[:-1] + ', "claims": {}}').encode()
    db.write_bytes(data)
    doc = write_doc(tmp_path, "doc.json", document(claims=[dict(CLAIM, id="c2")]))
    argv = [str(doc) if arg == "DOC" else arg for arg in command]
    code, out, err = run("--db", str(db), *argv, capsys=capsys)
    assert code == (1 if command == ["doctor"] else 3)  # doctor lists it as a problem
    assert "names the key 'claims' twice in one object" in out + err
    assert db.read_bytes() == data
