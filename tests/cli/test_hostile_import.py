"""Hostile documents through `ce-tui import`: imported or refused clearly, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ce_tui.cli import main

BASE_CLAIM = {
    "id": "c1",
    "activity": "ENCOR",
    "credits": 8,
    "completed": "2025-01-10",
    "submitted": "2025-02-01",
    "status": "approved",
}


def import_bytes(tmp_path: Path, content: bytes, capsys) -> tuple[int, str, str, Path]:
    """Import `content` into a fresh store; return (code, out, err, store path)."""
    store = tmp_path / "store.json"
    doc = tmp_path / "doc.json"
    doc.write_bytes(content)
    code = main(["--db", str(store), "import", str(doc)])
    out = capsys.readouterr()
    return code, out.out, out.err, store


@pytest.mark.parametrize(
    ("title", "stored"),
    [
        ("[bold red]loud[/]", True),
        ("[@click=app.quit]click me[/]", True),
        ("\x1b]0;pwned\x07title", False),
        ("\x1b[2J\x1b[Hclear", False),
        ("x" * 1_000_000, False),
        ("tab\there", False),
        ("émoji 🚀 ok", True),
    ],
)
def test_text_is_stored_literally_or_refused(
    tmp_path: Path, capsys, title: str, stored: bool
) -> None:
    """Markup is data (stored as typed); escapes, control characters, 1 MB strings refused."""
    doc = {"format": "ce-tui/1", "claims": [dict(BASE_CLAIM, activity=title)]}
    code, _, err, store = import_bytes(tmp_path, json.dumps(doc).encode(), capsys)
    assert "Traceback" not in err
    if stored:
        assert code == 0
        main(["--db", str(store), "export", str(tmp_path / "out.json")])
        assert json.loads((tmp_path / "out.json").read_text())["claims"][0]["activity"] == title
    else:
        assert code == 1
        assert not store.exists()
        assert "\x1b" not in err and len(err) < 2000


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + json.dumps({"format": "ce-tui/1", "claims": [BASE_CLAIM]}).encode(),
    ],
)
def test_a_bom_is_accepted(tmp_path: Path, capsys, content: bytes) -> None:
    """A UTF-8 byte order mark at the start is tolerated."""
    assert import_bytes(tmp_path, content, capsys)[0] == 0


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "ce-tui/1", "claims": [{"credits": Infinity}]}',
        b'{"format": "ce-tui/1", "claims": [{"credits": -Infinity}]}',
        b'{"format": "ce-tui/1", "claims": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
        b'{"format": "ce-tui/1", "claims": "nope"}',
        b'{"format": "ce-tui/1", "claims": [1, "two", null]}',
        b'{"format": "ce-tui/1", "profile": {"terms_accepted": "yesterday"}}',
        b"\xc3\x28 invalid utf-8",
        b"null",
    ],
)
def test_broken_documents_are_refused(tmp_path: Path, capsys, content: bytes) -> None:
    """NaN/Infinity, deep nesting, wrong shapes, invalid UTF-8: exit 1 with a message."""
    code, _, err, store = import_bytes(tmp_path, content, capsys)
    assert code == 1
    assert "Traceback" not in err and "ce-tui" in err
    assert not store.exists()


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2025-01-10", "approved", "draft", "expert", "core"]),
)
JSON = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        k: JSON
        for k in (
            "id",
            "activity",
            "credits",
            "completed",
            "submitted",
            "status",
            "catalog_id",
            "name",
            "level",
            "earned",
            "expires",
            "kind",
            "passed",
            "extra",
        )
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.fixed_dictionaries(
        {"format": st.sampled_from(["ce-tui/1", "ce-tui/1", "other"])},
        optional={
            "certifications": st.lists(FIELDS, max_size=3) | JSON,
            "exams": st.lists(FIELDS, max_size=3),
            "claims": st.lists(FIELDS, max_size=3),
            "catalog": st.lists(FIELDS, max_size=2),
            "profile": JSON,
        },
    )
)
def test_fuzzed_documents_import_or_refuse_cleanly(tmp_path_factory, capsys, doc) -> None:
    """Any JSON document: exit 0 (imported) or 1 (refused with reasons), never a traceback."""
    tmp = tmp_path_factory.mktemp("fuzz")
    code, _, err, store = import_bytes(tmp, json.dumps(doc).encode(), capsys)
    assert code in (0, 1)
    assert "Traceback" not in err
    if code == 1:
        assert err.strip()
        assert not store.exists()


CERT = {"id": "a", "name": "CCNA", "level": "associate", "earned": "2025-01-01"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b'{"format": "ce-tui/1", "claims": [{"id": "x", "id": "y", "activity": "a", '
            b'"credits": 1, "completed": "2025-01-01", "status": "draft"}]}',
            "names the key 'id' twice in one object",
        ),
        (b'{"format": "ce-tui/1", "format": "ce-tui/1"}', "names the key 'format' twice"),
        (
            json.dumps({"format": "ce-tui/1", "claims": [dict(BASE_CLAIM, completed=1735689600)]}),
            "completed is not a date (YYYY-MM-DD)",
        ),
        (
            json.dumps({"format": "ce-tui/1", "certifications": [dict(CERT, earned=20250101)]}),
            "earned is not a date (YYYY-MM-DD)",
        ),
        (
            json.dumps({"format": "ce-tui/1", "certifications": [dict(CERT, retired="yes")]}),
            "retired must be true or false",
        ),
        (
            json.dumps({"format": "ce-tui/1", "certifications": [dict(CERT, retired=1)]}),
            "retired must be true or false",
        ),
        (
            json.dumps(
                {
                    "format": "ce-tui/1",
                    "claims": [
                        dict(
                            BASE_CLAIM,
                            evidence={"path": "../cert.pdf", "size": 1, "sha256": "0" * 64},
                        )
                    ],
                }
            ),
            "evidence path '../cert.pdf' is not absolute",
        ),
    ],
    ids=["duplicate id", "duplicate format", "Unix time", "number date", "yes", "one", "relative"],
)
def test_values_json_leaves_open_are_refused_not_guessed(
    tmp_path: Path, capsys, content: bytes | str, reason: str
) -> None:
    """A key given twice, a number for a date, "yes" for true: refused, never read as a guess."""
    data = content.encode() if isinstance(content, str) else content
    code, _, err, store = import_bytes(tmp_path, data, capsys)
    assert code == 1 and reason in err and "Traceback" not in err
    assert not store.exists()
