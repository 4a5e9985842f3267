"""Property: any sheet of valid claims, however a spreadsheet writes it, imports whole, once."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ce_tui.domain.rules import default_rules
from ce_tui.services import Services
from ce_tui.store import TinyDBStore

TITLE = st.text(
    st.characters(codec="utf-8", exclude_categories=("C", "Zl", "Zp", "Zs"))
    | st.sampled_from([" ", ",", ";", '"', "\n", "é", "'"]),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() and not t.strip().startswith(("'=", "'+", "'-", "'@")))

ROW = st.tuples(
    TITLE,
    st.integers(1, 9999),
    st.integers(0, 99),
    st.dates(date(2020, 1, 1), date(2026, 11, 1)),
    st.sampled_from(["approved", "Accepted", "pending", "In Review", "", "draft"]),
)


def _sheet(rows: list[tuple[str, int, int, date, str]], delimiter: str, bom: bool) -> bytes:
    """The rows as a spreadsheet's CSV export."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Course", "CE Credits", "Date Completed", "Date Submitted", "Status"])
    for title, whole, cents, done, status in rows:
        sent = "" if status in ("draft", "") else (done + timedelta(days=3)).isoformat()
        credits = f"{whole}.{cents:02d}" if delimiter != ";" else f"{whole},{cents:02d}"
        writer.writerow([title, credits, done.isoformat(), sent, status])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        ROW, min_size=1, max_size=8, unique_by=lambda r: (" ".join(r[0].split()).casefold(), r[3])
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
)
def test_import_then_reimport_changes_nothing(rows, delimiter, bom) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        services = Services(TinyDBStore(Path(folder) / "ce.json"), default_rules())
        data = _sheet(rows, delimiter, bom)
        sheet = services.read_sheet(data)
        _ledger, first = services.import_sheet(sheet)
        assert first.added == len(rows)
        stored = services.load().claims
        assert [" ".join(c.activity.split()) for c in stored] == [
            " ".join(r[0].replace("\n", " ").split()) for r in rows
        ]
        _ledger, again = services.import_sheet(services.read_sheet(data))
        assert (again.added, again.updated, again.unchanged) == (0, 0, len(rows))
        assert services.load().claims == stored
