"""Command-line conventions: --version, options after the command, names, help, what was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ce_tui import __version__
from ce_tui.cli import main

TODAY = "2026-11-28"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in process; (exit code, stdout, stderr), SystemExit included."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`--version` prints the version and exits 0."""
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"ce-tui {__version__}"


def test_global_options_are_accepted_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`status --demo --today D` says what `--demo --today D status` says."""
    before = run(capsys, "--demo", "--today", TODAY, "status", "--json")
    after = run(capsys, "status", "--json", "--today", TODAY, "--demo")
    assert before == after and json.loads(after[1])["today"] == TODAY
    db = tmp_path / "x.json"
    code, _out, _err = run(capsys, "--demo", "export", str(tmp_path / "d.json"))
    assert code == 0
    code, _out, _err = run(capsys, "import", str(tmp_path / "d.json"), "--db", str(db))
    assert code == 0 and db.exists()


def test_status_help_has_a_legend_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """The states, the `*` and every exit code are explained."""
    code, out, _ = run(capsys, "status", "--help")
    assert code == 0
    for word in ("ACTIVE", "EXPIRING", "EXPIRED", "RETIRED", "UPCOMING", "* marks the target"):
        assert word in out
    assert "exit codes:" in out
    for line in ("  0  all well", "  1  attention", "  2  critical", "  3  the store"):
        assert line in out


def test_status_uses_the_apps_badges(capsys: pytest.CaptureFixture[str]) -> None:
    """A certification expiring within 90 days is EXPIRING in text and JSON, as on its card."""
    _code, out, _ = run(capsys, "--demo", "--today", TODAY, "status")
    line = next(x for x in out.splitlines() if "CCNP Security" in x)
    assert "] EXPIRING," in line
    assert "RETIRED (active)" in out
    _code, out, _ = run(capsys, "--demo", "--today", TODAY, "status", "--json")
    badges = {c["id"]: (c["state"], c["badge"]) for c in json.loads(out)["certifications"]}
    assert badges["ccnp-sec"] == ("active", "EXPIRING")
    assert badges["ccde"] == ("expired", "EXPIRED")
    assert badges["ccda"] == ("active", "RETIRED")


def test_plan_takes_a_certification_by_name_in_any_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """By id, or by name in any case; a miss lists the known names, exit 3."""
    by_id = run(capsys, "--demo", "--today", TODAY, "plan", "--cert", "ccnp-sec")
    by_name = run(capsys, "--demo", "--today", TODAY, "plan", "--cert", "ccnp SECURITY")
    assert by_id == by_name and by_id[0] == 0
    code, out, err = run(capsys, "--demo", "--today", TODAY, "plan", "--cert", "CCNP Enterprise")
    assert code == 3 and not out
    assert "no certification 'CCNP Enterprise'" in err and "CCNP Security (ccnp-sec)" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("flag", "counted"),
    [
        ((), "5 certifications, 3 exams, 8 claims, 0 activities of your own"),
        (("--csv",), "8 claims"),
        (("--ics",), "events"),
    ],
)
def test_export_says_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: tuple[str, ...], counted: str
) -> None:
    """To a file: the file and the counts; to standard output: only the document."""
    target = tmp_path / "out"
    code, out, _ = run(capsys, "--demo", "--today", TODAY, "export", *flag, str(target))
    assert code == 0 and target.exists()
    assert out.startswith(f"Wrote {target}: ") and counted in out
    code, out, _ = run(capsys, "--demo", "--today", TODAY, "export")
    assert "Wrote" not in out and json.loads(out)["format"] == "ce-tui/1"


def test_status_json_says_why_each_claim_counts_or_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every claim has a note: counted toward the target, or the rule that left it out."""
    _code, out, _ = run(capsys, "--demo", "--today", TODAY, "status", "--json")
    data = json.loads(out)
    notes = {n["claim"]: n for n in data["claims"]}
    assert {n["certification"] for n in notes.values()} == {data["target"]}
    assert all(n["counts"] == (n["reason"] == "") for n in notes.values())
    reasons = {n["reason"] for n in notes.values()}
    assert "rejected" in reasons and "pending: counts once approved" in reasons
