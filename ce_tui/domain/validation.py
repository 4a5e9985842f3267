"""Input rules (docs/policy.md section 7) and the `ce-tui/1` document.

Every problem is reported as one sentence that names the record and the field,
for example ``claim "ENCOR course": submitted 2025-02-02 is 367 days after
completion 2024-01-31; a claim must be submitted within 365 days``. Nothing here
writes anything: callers refuse the whole input when any problem is found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ce_tui.domain.models import (
    CLAIM_STATUSES,
    Activity,
    Certification,
    Claim,
    Exam,
    Ledger,
    Profile,
    Record,
    submission_problems,
)
from ce_tui.domain.rules import Rules
from ce_tui.domain.schema import dump, validate
from ce_tui.domain.text import safe

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

FORMAT = "ce-tui/1"
"""The document format this version reads and writes."""

KINDS: dict[str, tuple[str, type[Record], str]] = {
    "certifications": ("certification", Certification, "name"),
    "exams": ("exam", Exam, "name"),
    "claims": ("claim", Claim, "activity"),
    "catalog": ("activity", Activity, "title"),
}
"""Document list -> (record word, model, field that names a record)."""


class InvalidInput(ValueError):
    """Input refused; `problems` lists every reason, one sentence each."""

    def __init__(self, problems: Sequence[str]) -> None:
        """Keep the problems; the message is all of them, one per line."""
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def short(value: object, limit: int = 60) -> str:
    """A record's label, kept short and printable."""
    text = safe(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(word: str, raw: object, name_field: str, index: int | None = None) -> str:
    """How a message names a record: `claim "ENCOR course"`, else its id, else its position."""
    if isinstance(raw, Mapping):
        for key in (name_field, "id"):
            value = raw.get(key)
            if isinstance(value, str) and value.strip():
                return f'{word} "{short(value.strip())}"'
    if index is not None:
        return f"{word} #{index + 1}"
    return word


UNKNOWN_FIELD_ERRORS = frozenset({"extra_forbidden", "unexpected_keyword_argument"})
"""Pydantic's error types for a field that is not declared (TypedDicts, dataclasses)."""


def clean_message(msg: str) -> str:
    """Drop pydantic's prefixes from an error message."""
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    return msg


_DATE_ERRORS = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)


def friendly(item: ErrorDetails) -> str:
    """One pydantic error as words a person understands (without the field name)."""
    kind = item["type"]
    ctx = item.get("ctx") or {}
    shown = short(item.get("input"))
    if kind in ("missing", "string_too_short", "too_short"):
        return "is required"
    if kind in UNKNOWN_FIELD_ERRORS:
        return "is not a known field"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "string_type":
        return "must be text"
    if kind in _DATE_ERRORS:
        return f"{shown!r} is not a date (YYYY-MM-DD)"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind in (
        "float_type",
        "float_parsing",
        "int_type",
        "int_parsing",
        "decimal_type",
        "decimal_parsing",
        "finite_number",
    ):
        return "must be a number"
    if kind == "literal_error":
        return f"{shown!r} is not one of: " + clean_message(
            item["msg"].removeprefix("Input should be ")
        )
    return clean_message(item["msg"])


def describe_errors(error: ValidationError, who: str) -> list[str]:
    """Turn a pydantic error into sentences naming the record and the field."""
    problems = []
    for item in error.errors(include_url=False):
        where = ".".join(short(p) for p in item["loc"])
        msg = friendly(item)
        if where and msg.startswith(f"{where} "):
            where = ""
        problems.append(f"{who}: {where} {msg}" if where else f"{who}: {msg}")
    return problems


def check_ledger(ledger: Ledger, rules: Rules) -> list[str]:
    """The rules that need the whole ledger or the rules file: ids, claim window, paths."""
    problems: list[str] = []
    for key, (word, _model, name_field) in KINDS.items():
        problems.extend(
            duplicate_ids(
                word,
                [{"id": r.id, name_field: getattr(r, name_field)} for r in getattr(ledger, key)],
                name_field,
            )
        )
    return problems + check_rules(ledger, rules)


def duplicate_ids(word: str, records: Sequence[object], name_field: str) -> list[str]:
    """One problem per record whose id an earlier record of the same kind already uses."""
    problems = []
    seen: set[str] = set()
    for record in records:
        if not isinstance(record, Mapping) or not isinstance(record.get("id"), str):
            continue
        record_id = record["id"].strip()
        if record_id in seen:
            who = label(word, record, name_field)
            problems.append(f"{who}: id {record_id!r} is used by another {word}")
        seen.add(record_id)
    return problems


def check_rules(ledger: Ledger, rules: Rules) -> list[str]:
    """The claim window of every claim and the path of every certification."""
    problems: list[str] = []
    for claim in ledger.claims:
        problems.extend(check_claim(claim, rules))
    for cert in ledger.certifications:
        problems.extend(check_certification(cert, rules))
    return problems


def check_claim(claim: Claim, rules: Rules) -> list[str]:
    """The claim-window rule for one claim (field rules are the model's)."""
    return window_problems(claim.activity, claim.completed, claim.submitted, rules)


def same_certification(existing: Sequence[Certification], cert: Certification) -> list[str]:
    """A problem when `existing` holds a certification of the same name earned the same day.

    Names compare in any case and spacing: a second "CCNP Enterprise" earned on
    the same day is the same certification recorded twice.
    """

    def key(c: Certification) -> tuple[str, date]:
        """The name without case or extra spaces, and the day earned."""
        return (" ".join(c.name.casefold().split()), c.earned)

    if any(key(c) == key(cert) for c in existing):
        return [
            f'certification "{short(cert.name)}" earned {cert.earned.isoformat()} is already '
            "recorded; edit it instead of adding it again"
        ]
    return []


def approved_before_done(claim: Claim, today: date) -> list[str]:
    """An approved claim whose activity is completed after `today` (it has not happened yet)."""
    if claim.status != "approved" or claim.completed <= today:
        return []
    return [
        f'claim "{short(claim.activity)}": completed {claim.completed.isoformat()} is after '
        f"today ({today.isoformat()}); it cannot be approved before it happened"
    ]


def new_approvals_before_done(before: Ledger, after: Ledger, today: date) -> list[str]:
    """:func:`approved_before_done` for each claim of `after` new or changed since `before`.

    Claims already stored as they are stay as they are (the rule judges a write,
    not what an earlier day allowed).
    """
    old = {c.id: c for c in before.claims}
    problems: list[str] = []
    for claim in after.claims:
        if old.get(claim.id) != claim:
            problems.extend(approved_before_done(claim, today))
    return problems


def window_problems(
    activity: str, completed: date | None, submitted: date | None, rules: Rules
) -> list[str]:
    """A claim must be submitted within the rules' window after completion."""
    if submitted is None or completed is None:
        return []
    days = (submitted - completed).days
    if days > rules.claim_window_days:
        return [
            f'claim "{short(activity)}": submitted {submitted.isoformat()} is '
            f"{days} days after completion {completed.isoformat()}; a claim must be "
            f"submitted within {rules.claim_window_days} days"
        ]
    return []


def _raw_date(value: object) -> date | None:
    """An ISO date from a raw document value, or None."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def raw_claim_problems(item: Mapping[str, Any], who: str, rules: Rules) -> list[str]:
    """The record-level claim rules, for a claim whose fields did not all validate.

    Pydantic checks a record's rules only once its fields are valid; an import
    lists every problem at once, so these are checked on the raw values too.
    """
    status = item.get("status")
    completed = _raw_date(item.get("completed"))
    submitted = _raw_date(item.get("submitted"))
    problems: list[str] = []
    if status in CLAIM_STATUSES and (item.get("submitted") is None or submitted is not None):
        problems.extend(
            f"{who}: {p}" for p in submission_problems(str(status), completed, submitted)
        )
    activity = item.get("activity")
    name = activity.strip() if isinstance(activity, str) and activity.strip() else "?"
    problems.extend(
        p.replace(f'claim "{short(name)}"', who, 1)
        for p in window_problems(name, completed, submitted, rules)
    )
    return problems


def check_certification(cert: Certification, rules: Rules) -> list[str]:
    """A certification's path must be an option of its level."""
    if cert.path is not None and rules.option(cert.level, cert.path) is None:
        ids = ", ".join(o.id for o in rules.options(cert.level))
        return [
            f'certification "{short(cert.name)}": path {cert.path!r} is not an option '
            f"of the {cert.level} level ({ids})"
        ]
    return []


def _records(key: str, raw: object, problems: list[str], rules: Rules) -> list[Any]:
    """Validate one list of the document, collecting every problem."""
    from pydantic import ValidationError

    word, model, name_field = KINDS[key]
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{key}: must be a list of {word} records")
        return []
    records = []
    for index, item in enumerate(raw):
        who = label(word, item, name_field, index)
        if not isinstance(item, dict):
            problems.append(f"{who}: must be an object")
            continue
        try:
            records.append(validate(model, item))
        except ValidationError as exc:
            found = describe_errors(exc, who)
            if model is Claim:
                found.extend(p for p in raw_claim_problems(item, who, rules) if p not in found)
            problems.extend(found)
    problems.extend(duplicate_ids(word, raw, name_field))
    return records


def parse_document(data: object, rules: Rules) -> Ledger:
    """Validate a whole `ce-tui/1` document; raise :class:`InvalidInput` listing every problem."""
    if not isinstance(data, dict):
        raise InvalidInput([f"the document must be a JSON object with format {FORMAT!r}"])
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"format is {short(data.get('format'))!r}; this version reads {FORMAT!r}")
    known = {"format", "profile", *KINDS}
    problems.extend(f"{short(k)}: is not a known section" for k in data if k not in known)
    parts = {key: _records(key, data.get(key), problems, rules) for key in KINDS}
    from pydantic import ValidationError

    profile = Profile()
    if data.get("profile") is not None:
        try:
            profile = validate(Profile, data["profile"])
        except ValidationError as exc:
            problems.extend(describe_errors(exc, "profile"))
    ledger = Ledger(
        certifications=tuple(parts["certifications"]),
        exams=tuple(parts["exams"]),
        claims=tuple(parts["claims"]),
        catalog=tuple(parts["catalog"]),
        profile=profile,
    )
    problems.extend(check_rules(ledger, rules))
    if problems:
        raise InvalidInput(problems)
    return ledger


def to_document(ledger: Ledger) -> dict[str, Any]:
    """The ledger as a `ce-tui/1` document (JSON-ready)."""
    body = dump(ledger)
    return {
        "format": FORMAT,
        "certifications": body["certifications"],
        "exams": body["exams"],
        "claims": body["claims"],
        "catalog": body["catalog"],
        "profile": body["profile"],
    }


def merge(base: Ledger, incoming: Ledger) -> Ledger:
    """`incoming`'s records replace `base`'s with the same id; the rest are kept, in order."""

    def by_id(old: Iterable[Any], new: Iterable[Any]) -> tuple[Any, ...]:
        merged = {r.id: r for r in old}
        merged.update({r.id: r for r in new})
        return tuple(merged.values())

    return Ledger(
        certifications=by_id(base.certifications, incoming.certifications),
        exams=by_id(base.exams, incoming.exams),
        claims=by_id(base.claims, incoming.claims),
        catalog=by_id(base.catalog, incoming.catalog),
        profile=incoming.profile if incoming.profile != Profile() else base.profile,
    )
