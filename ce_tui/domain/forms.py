"""Typed text to records, with every problem attached to the field it belongs to.

Forms (the TUI's, and any other front end's) hold strings. :func:`parse_claim`
and friends turn them into records, applying every input rule of docs/policy.md
section 7, and return the errors per field so a form can show each one next
to its field. Nothing is saved here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from ce_tui.domain.models import Activity, Certification, Claim, Exam
from ce_tui.domain.rules import Rules
from ce_tui.domain.schema import required_fields, validate
from ce_tui.domain.validation import (
    approved_before_done,
    check_certification,
    check_claim,
    friendly,
)

M = TypeVar("M")

FieldErrors = dict[str, str]
"""Field name -> the first problem with it ("" key: a problem with the whole record)."""

NEW_ID = "new"
"""The id a form gives a record not saved yet; the service assigns the real one."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> date:
    """A `YYYY-MM-DD` date; ValueError with a readable message otherwise."""
    text = text.strip()
    if not _DATE.match(text):
        raise ValueError("type a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a calendar date") from None


_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
"""A plain decimal number: ASCII digits, an optional minus sign and decimal point."""


def parse_number(text: str) -> Decimal:
    """A plain decimal number typed by a person (12, 12.5); ValueError otherwise.

    Exponents, digit separators, a plus sign and non-ASCII digits are refused:
    what is stored is exactly what was typed.
    """
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise ValueError("must be a number like 12 or 12.5")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError("must be a number like 12 or 12.5") from None


def _field_of(message: str, fields: Mapping[str, Any]) -> str:
    """Which field a record-level message is about: its first word when that is a field."""
    first = message.split(" ", 1)[0]
    return first if first in fields else ""


def build(
    model: type[M],
    text: Mapping[str, str],
    converters: Mapping[str, Callable[[str], Any]],
    optional: frozenset[str] = frozenset(),
) -> tuple[M | None, FieldErrors]:
    """Convert each typed field, then validate the record; return it or the errors by field.

    An empty field in `optional` becomes None; other empty fields are passed on
    as empty text for the model to refuse.
    """
    from pydantic import ValidationError

    errors: FieldErrors = {}
    values: dict[str, Any] = {}
    required = required_fields(model)
    for name, raw in text.items():
        raw = raw.strip()
        if not raw:
            if name in optional:
                values[name] = None
            elif name in required:
                errors[name] = "is required"
                values[name] = None
            continue
        convert = converters.get(name)
        if convert is None:
            values[name] = raw
            continue
        try:
            values[name] = convert(raw)
        except ValueError as exc:
            errors[name] = str(exc)
            values[name] = None
    try:
        record = validate(model, values)
    except ValidationError as exc:
        for item in exc.errors(include_url=False):
            msg = friendly(item)
            name = str(item["loc"][0]) if item["loc"] else _field_of(msg, values)
            errors.setdefault(name, msg)
        return None, errors
    if errors:
        return None, errors
    return record, {}


def parse_claim(
    text: Mapping[str, str], rules: Rules, today: date | None = None
) -> tuple[Claim | None, FieldErrors]:
    """A claim from its form: id, activity, catalog_id, credits, completed, submitted, status.

    With `today`, a claim completed after it cannot be approved.
    """
    claim, errors = build(
        Claim,
        {**text, "id": text.get("id", "").strip() or NEW_ID},
        {"credits": parse_number, "completed": parse_date, "submitted": parse_date},
        optional=frozenset({"submitted", "catalog_id"}),
    )
    if claim is not None:
        for problem in check_claim(claim, rules):
            errors["submitted"] = problem.split(": ", 1)[1]
        if today is not None and approved_before_done(claim, today):
            errors["status"] = "cannot be approved: completed after today"
        if errors:
            return None, errors
    return claim, errors


def parse_certification(
    text: Mapping[str, str], rules: Rules
) -> tuple[Certification | None, FieldErrors]:
    """A certification from its form: id, name, level, earned, expires, path, retired."""
    cert, errors = build(
        Certification,
        {**text, "id": text.get("id", "").strip() or NEW_ID},
        {
            "earned": parse_date,
            "expires": parse_date,
            "retired": lambda s: s.lower() in ("1", "true", "yes", "y"),
        },
        optional=frozenset({"expires", "path"}),
    )
    if cert is not None:
        for problem in check_certification(cert, rules):
            errors["path"] = problem.split(": ", 1)[1]
        if errors:
            return None, errors
    return cert, errors


def parse_exam(text: Mapping[str, str]) -> tuple[Exam | None, FieldErrors]:
    """An exam from its form: id, code, name, kind, passed."""
    return build(Exam, {**text, "id": text.get("id", "").strip() or NEW_ID}, {"passed": parse_date})


def parse_activity(text: Mapping[str, str]) -> tuple[Activity | None, FieldErrors]:
    """A user's own catalog activity from its form."""

    def sessions(raw: str) -> tuple[date, ...]:
        return tuple(parse_date(part) for part in re.split(r"[,\s]+", raw) if part)

    return build(
        Activity,
        {**text, "id": text.get("id", "").strip() or NEW_ID},
        {
            "credits": parse_number,
            "hours": lambda s: float(parse_number(s)),
            "price_clc": parse_number,
            "sessions": sessions,
        },
        optional=frozenset({"price_clc"}),
    )
