"""Spreadsheet rows into `ce-tui/1` records: the pure half of ``ce-tui import --csv``.

:func:`parse_csv` is handed the file's bytes and the person's choices (kind of
record, extra column names, date layout) and returns the records of a
`ce-tui/1` document, which then go through the same validation and merge as
any import. It reads nothing, writes nothing and never looks at the clock.

What it decides:

- the text is UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order
  mark, or else Windows-1252, the legacy "CSV" of Excel on Windows;
- the delimiter is the one of comma, semicolon and tab that splits the header
  row into the most columns;
- headers are matched without regard to case, spaces, ``_`` or ``-``, with the
  synonyms people use; ``--map`` names any other column;
- dates are ``YYYY-MM-DD`` unless a layout is given: a date is never guessed;
- a row without an id gets one from the fields that name it (for a claim: the
  activity, the completion date and the catalog id), so importing the same
  sheet again updates those records instead of adding them twice;
- every problem is reported at once, by row (the header is row 1, as in the
  spreadsheet) and column, and nothing is returned when there is one.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ce_tui.domain.rules import Rules
from ce_tui.domain.validation import (
    KINDS,
    InvalidInput,
    describe_errors,
    short,
    window_problems,
)

MAX_BYTES = 10 * 1024 * 1024
"""Largest CSV file read (10 MiB: far more than a career of claims)."""

MAX_ROWS = 100_000
"""Most data rows read from one file."""

MAX_LISTED = 200
"""Most problems listed for one file (the count of the rest follows)."""

DELIMITERS = (",", ";", "\t")
"""The delimiters detected, in the order preferred on a tie."""

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
"""How messages name a delimiter."""

SEP_LINE = re.compile(r"sep=([,;\t|])\r?\n", re.IGNORECASE)
"""The first line Excel writes (and reads) to name a file's delimiter."""

FORMULA_GUARD = ("'=", "'+", "'-", "'@")
"""A leading quote that a spreadsheet export (ours too) puts before a would-be formula."""

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "claims": {
        "id": ("id", "claim id"),
        "activity": ("activity", "course", "title", "name", "activity title", "course title"),
        "catalog_id": ("catalog id", "item id", "code", "course code", "activity id"),
        "credits": ("credits", "ce", "ce credits", "points", "ce points", "credit"),
        "completed": ("completed", "completion date", "date completed", "end date", "completed on"),
        "submitted": (
            "submitted",
            "date submitted",
            "claimed on",
            "submitted on",
            "submission date",
        ),
        "status": ("status", "claim status"),
        "evidence": ("evidence", "certificate", "evidence file", "certificate file"),
    },
    "certifications": {
        "id": ("id",),
        "name": ("name", "certification", "title", "certification name"),
        "level": ("level",),
        "earned": ("earned", "date earned", "certified on", "achieved", "issued"),
        "expires": ("expires", "expiry", "expiration", "expiration date", "valid until"),
        "retired": ("retired",),
        "path": ("path", "option", "recertification path"),
    },
    "exams": {
        "id": ("id",),
        "code": ("code", "exam code", "exam number", "number"),
        "name": ("name", "exam", "title", "exam name"),
        "kind": ("kind", "type", "exam type"),
        "passed": ("passed", "date passed", "exam date", "date", "passed on"),
    },
    "catalog": {
        "id": ("id", "item id"),
        "code": ("code", "course code"),
        "title": ("title", "activity", "course", "name"),
        "provider": ("provider", "vendor", "training partner"),
        "type": ("type", "activity type"),
        "technology": ("technology", "track"),
        "credits": ("credits", "ce", "ce credits", "points"),
        "credits_estimated": ("credits estimated",),
        "format": ("format",),
        "hours": ("hours", "duration"),
        "price_clc": ("price clc", "price", "clc"),
        "price_estimated": ("price estimated",),
        "source": ("source",),
    },
}
"""For each kind: field -> the column headers that mean it (normalised, see :func:`header_key`)."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "claims": ("activity", "credits", "completed"),
    "certifications": ("name", "level", "earned"),
    "exams": ("name", "kind", "passed"),
    "catalog": ("title", "provider", "type", "technology", "credits"),
}
"""The columns a sheet of each kind must have."""

IDENTITY: dict[str, tuple[str, ...]] = {
    "claims": ("activity", "completed", "catalog_id"),
    "certifications": ("name", "level"),
    "exams": ("code", "name", "passed"),
    "catalog": ("code", "title", "provider"),
}
"""The fields a row's generated id is made from: what names the record, not what may change."""

ID_PREFIX = {
    "claims": "csv-c",
    "certifications": "csv-cert",
    "exams": "csv-exam",
    "catalog": "csv-my",
}
"""How generated ids start, by kind."""

DATES = {"completed", "submitted", "earned", "expires", "passed"}
"""Fields holding a date."""

NUMBERS = {"credits", "hours", "price_clc"}
"""Fields holding a number."""

FLAGS = {"retired", "credits_estimated", "price_estimated"}
"""Fields holding yes or no."""

STATUS_WORDS = {
    "approved": "approved",
    "accepted": "approved",
    "pending": "pending",
    "submitted": "pending",
    "in review": "pending",
    "under review": "pending",
    "rejected": "rejected",
    "denied": "rejected",
    "declined": "rejected",
    "draft": "draft",
    "not submitted": "draft",
}
"""Status words people write -> ours (keys normalised by :func:`header_key`)."""

FLAG_WORDS = {"yes": True, "y": True, "true": True, "1": True, "x": True}
FLAG_WORDS |= {"no": False, "n": False, "false": False, "0": False, "": False}
"""Yes/no cells."""

ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")
"""An ISO date, possibly with the midnight time a spreadsheet adds to it."""

NUMBER = re.compile(r"-?(?:\d+(?:[.,]\d{1,2})?|[.,]\d{1,2})")
"""A credit-like number; a comma may be the decimal mark (``12,5``) but never groups thousands."""


@dataclass(frozen=True, slots=True)
class CsvSheet:
    """What :func:`parse_csv` read: the records and what it left out."""

    kind: str
    """The document list the records belong to (claims, certifications, exams, catalog)."""
    records: tuple[dict[str, Any], ...]
    """The records, as a `ce-tui/1` document holds them (evidence still a path, for claims)."""
    rows: tuple[int, ...]
    """The spreadsheet row of each record."""
    ignored: tuple[str, ...]
    """Headers of the columns that were not used."""
    delimiter: str
    """The delimiter found."""
    columns: Mapping[str, str]
    """Field -> the header of the column it was read from."""

    @property
    def separated(self) -> str:
        """How the file was read: ``semicolon-separated``."""
        return f"{DELIMITER_NAMES[self.delimiter]}-separated"

    def document(self) -> dict[str, Any]:
        """The records as a `ce-tui/1` document."""
        return {"format": "ce-tui/1", self.kind: list(self.records)}


def header_key(text: str) -> str:
    """A header or word as compared: lower case, ``_``/``-``/runs of spaces as one space."""
    return " ".join(re.sub(r"[_\-]+", " ", text).split()).casefold()


def decode_text(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInput([f"the file is not valid UTF-16 text (byte {exc.start})"]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            [f"the file is not text (byte {exc.start}); save it as CSV UTF-8"]
        ) from None


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns (comma on a tie)."""
    first = next(iter(io.StringIO(text, newline="")), "")
    best, most = ",", 0
    for delimiter in DELIMITERS:
        try:
            count = len(next(csv.reader([first], delimiter=delimiter), []))
        except csv.Error:
            continue
        if count > most:
            best, most = delimiter, count
    return best


def check_date_format(layout: str) -> list[str]:
    """What is wrong with a ``--date-format`` layout (it must name day, month and year,
    each once, with codes `strptime` knows; ``%%`` is a literal ``%``)."""
    codes_used = layout.replace("%%", "")
    missing = [
        name
        for name, codes in (
            ("day", ("%d", "%j")),
            ("month", ("%m", "%b", "%B", "%j")),
            ("year", ("%Y", "%y")),
        )
        if not any(code in codes_used for code in codes)
    ]
    if missing:
        return [
            f"date format {short(layout)!r} does not name the {', '.join(missing)} "
            "(for example %d/%m/%Y)"
        ]
    try:
        datetime.strptime("", layout)
    except re.error:  # a code given twice (%Y%m%d%Y)
        return [f"date format {short(layout)!r} names a part of the date twice"]
    except ValueError as exc:
        if "does not match" not in str(exc):  # a code strptime does not know (%Q)
            return [f"date format {short(layout)!r} holds a code strptime does not know"]
    return []


def parse_date(cell: str, layout: str | None) -> str:
    """A cell as an ISO date: ``YYYY-MM-DD``, or `layout` when given; ValueError otherwise."""
    if layout is None:
        match = ISO_DATE.fullmatch(cell)
        if match is None:
            raise ValueError(
                f"{short(cell)!r} is not a date (YYYY-MM-DD; --date-format reads other layouts)"
            )
        try:
            return date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            raise ValueError(f"{short(cell)!r} is not a day of the calendar") from None
    try:
        return datetime.strptime(cell, layout).date().isoformat()
    except ValueError:
        raise ValueError(
            f"{short(cell)!r} does not match the date format {short(layout)!r}"
        ) from None


def parse_number(cell: str) -> Decimal:
    """A cell as a number (``12``, ``12.5``, ``12,5``); ValueError otherwise."""
    if NUMBER.fullmatch(cell) is None:
        raise ValueError(f"{short(cell)!r} is not a number (at most 2 decimals)")
    try:
        return Decimal(cell.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"{short(cell)!r} is not a number") from None


def parse_flag(cell: str) -> bool:
    """A yes/no cell; ValueError otherwise."""
    found = FLAG_WORDS.get(header_key(cell))
    if found is None:
        raise ValueError(f"{short(cell)!r} is not yes or no")
    return found


def parse_status(cell: str, submitted: bool) -> str:
    """A status word as ours; an empty one is draft, or pending when there is a submitted date."""
    if not cell:
        return "pending" if submitted else "draft"
    found = STATUS_WORDS.get(header_key(cell))
    if found is None:
        raise ValueError(
            f"{short(cell)!r} is not a status (approved, pending, rejected, draft, "
            "or accepted, submitted, in review, denied, not submitted)"
        )
    return found


def clean_text(cell: str) -> str:
    """A text cell on one line: line breaks and tabs of a multi-line cell become spaces."""
    text = re.sub(r"[\r\n\t]+", " ", cell).strip()
    return text[1:] if text.startswith(FORMULA_GUARD) else text


def stable_id(kind: str, record: Mapping[str, Any]) -> str:
    """An id from the fields that name a record (case and spacing aside): same content, same id."""
    parts = [" ".join(str(record.get(name) or "").split()).casefold() for name in IDENTITY[kind]]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{ID_PREFIX[kind]}-{digest[:12]}"


def column_map(
    headers: Sequence[str], kind: str, mapping: Mapping[str, str]
) -> tuple[dict[int, str], list[str], list[str]]:
    """Which column holds which field: (index -> field, ignored headers, problems)."""
    fields = SYNONYMS[kind]
    known = {header_key(k): f for f in fields for k in (*fields[f], f)}
    chosen = {header_key(column): field for column, field in mapping.items()}
    problems = [
        f"--map {short(column)}={short(field)}: {short(field)!r} is not a field of "
        f"{kind} ({', '.join(fields)})"
        for column, field in mapping.items()
        if field not in fields
    ]
    keys = [header_key(h) for h in headers]
    problems.extend(
        f"--map {short(column)}={field}: there is no column {short(column)!r}"
        for column, field in mapping.items()
        if header_key(column) not in keys
    )
    columns: dict[int, str] = {}
    ignored: list[str] = []
    taken: dict[str, str] = {}
    for index, (header, key) in enumerate(zip(headers, keys, strict=True)):
        field = chosen.get(key) or known.get(key)
        if field is None or field not in fields:
            if header.strip():
                ignored.append(short(header.strip()))
            continue
        if field in taken:
            problems.append(
                f"columns {taken[field]!r} and {short(header.strip())!r} both give the "
                f"{field}; remove one or name one with --map"
            )
            continue
        taken[field] = short(header.strip())
        columns[index] = field
    problems.extend(
        f"the column {field!r} is missing (one of: {', '.join(fields[field])}; "
        f"or name it with --map COLUMN={field})"
        for field in REQUIRED[kind]
        if field not in taken
    )
    return columns, ignored, problems


EvidenceReader = Callable[[str], Any]
"""Turns an evidence cell (a path) into the claim's evidence; ValueError when it cannot."""


def _cell_value(
    field: str, cell: str, layout: str | None, evidence: EvidenceReader | None = None
) -> Any:
    """One non-empty cell as the document's value for `field`; ValueError when it is not one."""
    if field == "evidence" and evidence is not None:
        return evidence(cell)
    if field in DATES:
        return parse_date(cell, layout)
    if field in NUMBERS:
        return parse_number(cell)
    if field in FLAGS:
        return parse_flag(cell)
    return cell


def read_row(
    cells: Sequence[str],
    columns: Mapping[int, str],
    headers: Sequence[str],
    kind: str,
    layout: str | None,
    evidence: EvidenceReader | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """One data row as a record and the problems of its cells (``column "X": ...``)."""
    record: dict[str, Any] = {}
    problems: list[str] = []
    status_cell = ""
    for index, field in columns.items():
        cell = clean_text(cells[index]) if index < len(cells) else ""
        if field == "status":
            status_cell = cell
        elif cell:
            try:
                record[field] = _cell_value(field, cell, layout, evidence)
            except ValueError as exc:
                problems.append(f"{column_name(headers, columns, field)}: {exc}")
    if kind == "claims":
        try:
            record["status"] = parse_status(status_cell, "submitted" in record)
        except ValueError as exc:
            problems.append(f"{column_name(headers, columns, 'status')}: {exc}")
    word_field = {"certifications": "level", "exams": "kind", "catalog": "type"}.get(kind)
    if word_field is not None and isinstance(record.get(word_field), str):
        # "Expert Lab", "E-Learning": the words of our enumerations, as written in a sheet.
        record[word_field] = header_key(record[word_field]).replace(" ", "-")
    return record, problems


def column_name(headers: Sequence[str], columns: Mapping[int, str], field: str) -> str:
    """How a message names the column holding `field`: ``column "CE Credits"``."""
    for index, name in columns.items():
        if name == field:
            return f"column {short(headers[index].strip())!r}"
    return field


def record_problems(
    kind: str,
    record: Mapping[str, Any],
    columns: Mapping[int, str],
    headers: Sequence[str],
    rules: Rules | None,
) -> list[str]:
    """The model's own rules (and a claim's window) on a row whose cells all read."""
    from pydantic import ValidationError

    from ce_tui.domain.schema import validate

    model = KINDS[kind][1]
    data = {key: value for key, value in record.items() if key != "evidence"}
    data.setdefault("id", "row")
    try:
        validate(model, data)
    except ValidationError as exc:
        found = []
        for problem in describe_errors(exc, "row"):
            text = problem.removeprefix("row: ")
            field = text.split(" ", 1)[0]
            found.append(
                f"{column_name(headers, columns, field)}: {text}"
                if field in columns.values()
                else text
            )
        return found
    if kind == "claims" and rules is not None:
        completed = date.fromisoformat(record["completed"])
        submitted = record.get("submitted")
        return [
            f"{column_name(headers, columns, 'submitted')}: {p.split(': ', 1)[1]}"
            for p in window_problems(
                "row", completed, date.fromisoformat(submitted) if submitted else None, rules
            )
        ]
    return []


def parse_csv(
    data: bytes,
    kind: str = "claims",
    mapping: Mapping[str, str] | None = None,
    date_format: str | None = None,
    rules: Rules | None = None,
    evidence: EvidenceReader | None = None,
) -> CsvSheet:
    """Read a spreadsheet's CSV export as records of `kind`; InvalidInput lists every problem.

    `mapping` names columns the synonyms do not know (header -> field);
    `date_format` is a `strptime` layout for dates that are not ISO; `rules`
    gives the claim window checked on each row; `evidence` reads an evidence
    cell (the caller's: this module reads no file), else the path is kept as text.
    """
    if kind not in SYNONYMS:
        raise InvalidInput([f"kind {short(kind)!r} is not one of: {', '.join(SYNONYMS)}"])
    if len(data) > MAX_BYTES:
        raise InvalidInput([f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB"])
    problems = check_date_format(date_format) if date_format is not None else []
    text = decode_text(data)
    if not text.strip():
        raise InvalidInput(["the file is empty (a header row is needed)"])
    hint = SEP_LINE.match(text)
    if hint is not None:
        # Excel's "sep=;" line names the delimiter; Excel does not show it as a row.
        delimiter, text = hint.group(1), text[hint.end() :]
    else:
        delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        headers = next(reader)
        columns, ignored, found = column_map(headers, kind, mapping or {})
        problems.extend(found)
        if problems:
            raise InvalidInput(problems)
        records: list[dict[str, Any]] = []
        rows: list[int] = []
        ids: dict[str, int] = {}
        for row, cells in enumerate(reader, start=2):
            if row - 1 > MAX_ROWS:
                raise InvalidInput([f"the file has more than {MAX_ROWS} rows"])
            if not any(cell.strip() for cell in cells):
                continue
            record, found = read_row(cells, columns, headers, kind, date_format, evidence)
            if not found:
                found = record_problems(kind, record, columns, headers, rules)
            record.setdefault("id", stable_id(kind, record))
            if record["id"] in ids:
                found.append(
                    f"the same {KINDS[kind][0]} as row {ids[record['id']]}"
                    + (
                        " (same id)"
                        if "id" in columns.values()
                        else f" (same {', '.join(IDENTITY[kind])})"
                    )
                )
            ids.setdefault(record["id"], row)
            problems.extend(
                f"row {row}, {p}" if p.startswith("column") else f"row {row}: {p}" for p in found
            )
            records.append(record)
            rows.append(row)
    except csv.Error as exc:
        raise InvalidInput([*problems, f"row {reader.line_num}: {short(str(exc), 80)}"]) from None
    if problems:
        if len(problems) > MAX_LISTED:
            problems = [
                *problems[:MAX_LISTED],
                f"... and {len(problems) - MAX_LISTED} more problems",
            ]
        raise InvalidInput(problems)
    if not records:
        raise InvalidInput(["the file has a header row but no data rows"])
    used = {field: short(headers[index].strip()) for index, field in columns.items()}
    return CsvSheet(kind, tuple(records), tuple(rows), tuple(ignored), delimiter, used)
