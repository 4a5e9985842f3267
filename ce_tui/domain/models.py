"""The records of a person's recertification history (the *ledger*).

Every record is a frozen, slotted dataclass. Field-level rules live here, as
annotations pydantic reads (types, enumerations, credit precision, text
limits) when :mod:`ce_tui.domain.schema` validates input; rules that need the
whole ledger or the rules file (claim window, duplicate ids, a path valid for
the level) live in :mod:`ce_tui.domain.validation`.

Nothing here imports pydantic: reading a store ce-tui wrote itself and
evaluating it (``ce-tui status``, the app's first screen) never needs it. The
annotations' markers build their pydantic-core schema only when asked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, get_args

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

Level = Literal["associate", "specialist", "professional", "expert"]
"""A certification level, lowest first."""

LEVELS: tuple[Level, ...] = get_args(Level)
"""Every level, lowest first."""

LEVEL_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LEVELS, start=1)}
"""The rank of each level: associate 1 ... expert 4."""

ExamKind = Literal["associate", "concentration", "core", "expert-lab"]
"""The kind of an exam; a *professional-level exam* is `core` or `concentration`."""

EXAM_KINDS: tuple[ExamKind, ...] = get_args(ExamKind)
"""Every exam kind."""

ClaimStatus = Literal["draft", "pending", "approved", "rejected"]
"""Where a claim stands with Cisco."""

CLAIM_STATUSES: tuple[ClaimStatus, ...] = get_args(ClaimStatus)
"""Every claim status."""

MAX_TEXT = 500
"""Longest free text accepted in any field (titles, names, notes)."""


def _check_credits(value: Any) -> Decimal:
    """Accept a JSON number (not a string, bool, NaN or infinity) with at most 2 decimals."""
    if type(value) is int and 0 < value <= 10_000:
        return Decimal(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError("credits must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("credits must be a finite number")
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - int/float always convert
        raise ValueError("credits must be a number") from exc
    if not amount.is_finite():
        raise ValueError("credits must be a finite number")
    if amount <= 0:
        raise ValueError(f"credits must be more than 0, not {_fmt(amount)}")
    try:
        cents = amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # too many digits to count in cents: far above the maximum
        raise ValueError(f"credits {_fmt(amount)} are more than 10000") from None
    if amount != cents:
        raise ValueError(f"credits {_fmt(amount)} have more than 2 decimals")
    if amount > 10_000:
        raise ValueError(f"credits {_fmt(amount)} are more than 10000")
    return amount.quantize(Decimal("0.01")).normalize() if amount % 1 else Decimal(int(amount))


def _fmt(amount: Decimal) -> str:
    """Format a credit amount the way a person writes it (64, 12.5)."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")


def _stored_credits(value: int | float) -> Decimal:
    """A credit amount as the store writes it (valid already) back to the Decimal it was.

    Stored amounts are whole numbers or floats of at most 2 decimals, written
    by `number_json` in their shortest form, so the text of the float is the
    normalised amount `_check_credits` made of it. Anything else (a string, a
    bool, NaN, 0 or less, more than 10000, more than 2 decimals) raises
    ValueError: the file is then validated whole.
    """
    kind = type(value)
    if kind is int and 0 < value <= MAX_CREDITS:
        return Decimal(value)
    if kind is float and 0 < value <= MAX_CREDITS and round(value, 2) == value:
        return Decimal(repr(value))
    raise ValueError(f"stored credits {value!r:.40} are not an amount ce-tui writes")


def number_json(value: Decimal) -> int | float:
    """An amount of credits as a JSON number: an int when whole, else a float."""
    return int(value) if value % 1 == 0 else float(value)


MAX_CREDITS = 10_000
"""The most credits one claim or activity may carry."""


class _CreditRule:
    """Pydantic marker: a credit amount checked by `_check_credits`, written as a JSON number."""

    decode = staticmethod(_stored_credits)
    """How :func:`ce_tui.domain.schema.decode` reads a stored amount back."""
    repeats = True
    """A store holds few distinct amounts: the decoder shares each one read back."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """`_check_credits` before the Decimal schema; a JSON number when serialised."""
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(
            _check_credits,
            handler(source),
            serialization=core_schema.plain_serializer_function_ser_schema(
                number_json, when_used="json"
            ),
        )


Credits = Annotated[Decimal, _CreditRule()]
"""A positive credit amount with at most 2 decimals, written as a JSON number."""


class Bounds:
    """Pydantic marker: a finite number (int, float or Decimal) from `ge` to `le`."""

    def __init__(self, ge: int, le: int) -> None:
        """Numbers from `ge` to `le`, both included."""
        self.ge = ge
        self.le = le

    def check(self, value: Any) -> Any:
        """A stored number checked against the bounds (ValueError if outside or not a number)."""
        if type(value) is Decimal and not value.is_finite():
            raise ValueError(f"stored number {value} is not finite")
        if type(value) not in (int, float, Decimal) or not self.ge <= value <= self.le:
            raise ValueError(f"stored number {value!r:.40} is outside {self.ge}..{self.le}")
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The number schema of `source` with the bounds."""
        from pydantic_core import core_schema

        if source is int:
            return core_schema.int_schema(ge=self.ge, le=self.le)
        if source is float:
            return core_schema.float_schema(ge=self.ge, le=self.le, allow_inf_nan=False)
        return core_schema.decimal_schema(
            ge=Decimal(self.ge), le=Decimal(self.le), allow_inf_nan=False
        )


CONTROL = r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
"""The characters text may not hold: C0, DEL and C1 (terminal escapes, newlines) and the
bidirectional overrides and isolates (which make text read differently from what it holds)."""

FIRST_DAY = date(1990, 1, 1)
"""The earliest date ce-tui accepts in any field (and as the evaluation day)."""

LAST_DAY = date(2100, 12, 31)
"""The latest date ce-tui accepts in any field (and as the evaluation day)."""


def range_problem(day: date) -> str | None:
    """Why `day` is outside the accepted dates (None when it is inside)."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return (
        f"{day.isoformat()} is outside the dates ce-tui accepts "
        f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
    )


def _day_text(value: Any) -> Any:
    """A date as its text (or a date already): a number is not a day (pydantic would read
    1735689600 as the Unix time of 2025-01-01)."""
    if isinstance(value, str | date):
        return value
    raise ValueError("is not a date (YYYY-MM-DD)")


class _StrictBool:
    """Pydantic marker: true or false only (not "yes", 1 or "on", which pydantic would read)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The strict bool schema."""
        from pydantic_core import core_schema

        return core_schema.bool_schema(strict=True)


Flag = Annotated[bool, _StrictBool()]
"""A yes/no field: JSON true or false."""


class _DayRange:
    """Pydantic marker: a date from FIRST_DAY to LAST_DAY, with one clear message."""

    repeats = True
    """A store holds the same days many times: the decoder shares each one read back."""

    @staticmethod
    def decode(value: Any) -> date:
        """A stored ISO date, checked to be a date inside the range (else ValueError)."""
        day = date.fromisoformat(value)
        problem = range_problem(day)
        if problem is not None:
            raise ValueError(problem)
        return day

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The date schema, then the range as a custom error."""
        from pydantic_core import core_schema

        return core_schema.chain_schema(
            [
                core_schema.no_info_plain_validator_function(_day_text),
                handler(source),
                core_schema.custom_error_schema(
                    core_schema.date_schema(ge=FIRST_DAY, le=LAST_DAY),
                    custom_error_type="date_out_of_range",
                    custom_error_message=(
                        f"is outside the dates ce-tui accepts "
                        f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
                    ),
                ),
            ]
        )


Day = Annotated[date, _DayRange()]
"""A date inside the accepted range (FIRST_DAY to LAST_DAY)."""


class _Line:
    """Single-line text of `min_length` to `max_length` characters, validated in pydantic-core.

    Three steps, in the order a person would be told about a problem: a string
    at all ("Input should be a valid string"), no control character ("must not
    contain control characters"), then, once surrounding spaces are stripped,
    its length.
    """

    def __init__(self, min_length: int, max_length: int) -> None:
        """Text of `min_length` to `max_length` characters after stripping."""
        self.min_length = min_length
        self.max_length = max_length

    def decode(self, value: Any) -> str:
        """A stored string checked for its type and length (else ValueError).

        Control characters are not looked for here: a file holding one is
        validated whatever its seal says (see the store's codec).
        """
        if type(value) is not str or not (self.min_length <= len(value.strip()) <= self.max_length):
            raise ValueError(f"stored text {value!r:.40} is not a valid text field")
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The core schema of the three steps."""
        from pydantic_core import core_schema

        return core_schema.chain_schema(
            [
                core_schema.str_schema(),
                core_schema.custom_error_schema(
                    core_schema.str_schema(pattern=f"^[^{CONTROL[1:-1]}]*$"),
                    custom_error_type="control_characters",
                    custom_error_message="must not contain control characters",
                ),
                core_schema.str_schema(
                    strip_whitespace=True, min_length=self.min_length, max_length=self.max_length
                ),
            ]
        )


Text = Annotated[str, _Line(1, MAX_TEXT)]
"""Non-empty single-line text without control characters."""

OptionalText = Annotated[str, _Line(0, MAX_TEXT)]
"""Single-line text without control characters, possibly empty."""

RecordId = Annotated[str, _Line(1, 64)]
"""An identifier unique within one kind of record."""


class Record:
    """Base of every stored record: pydantic refuses unknown fields when validating one."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


def with_rule(check: Any, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
    """`source`'s schema followed by `check(record)`, a record-level rule."""
    from pydantic_core import core_schema

    return core_schema.no_info_after_validator_function(check, handler(source))


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February becomes 28 February in a common year.

    A result past the last date Python can hold is that last date (a term so
    far away is reported as such, never crashed on).
    """
    year = day.year + years
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@dataclass(frozen=True, slots=True, kw_only=True)
class Certification(Record):
    """A certification the person holds (or will hold: `earned` may be in the future)."""

    id: RecordId
    name: Text
    level: Level
    earned: Day
    expires: Day | None = None
    """End of the first term; absent means `earned` + the rules' cycle years."""
    retired: Flag = False
    path: RecordId | None = None
    """The option id the holder plans to recertify by; absent means the level's `ce`."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the record rule."""
        return with_rule(cls._expires_after_earned, source, handler)

    @staticmethod
    def _expires_after_earned(cert: Certification) -> Certification:
        """Refuse an expiry date before the earning date."""
        if cert.expires is not None and cert.expires < cert.earned:
            raise ValueError(
                f"expires {cert.expires.isoformat()} is before earned {cert.earned.isoformat()}"
            )
        return cert


@dataclass(frozen=True, slots=True, kw_only=True)
class Exam(Record):
    """A passed exam."""

    id: RecordId
    code: OptionalText = ""
    name: Text
    kind: ExamKind
    passed: Day


class _Digest:
    """Pydantic marker: a SHA-256 digest written as 64 lower-case hex digits."""

    @staticmethod
    def decode(value: Any) -> str:
        """A stored digest checked to be 64 lower-case hex digits (else ValueError)."""
        if type(value) is not str or len(value) != 64 or value.strip("0123456789abcdef"):
            raise ValueError(f"stored digest {value!r:.40} is not a SHA-256 digest")
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """A string of 64 hex digits."""
        from pydantic_core import core_schema

        return core_schema.custom_error_schema(
            core_schema.str_schema(pattern="^[0-9a-f]{64}$"),
            custom_error_type="sha256",
            custom_error_message="must be a SHA-256 digest (64 lower-case hex digits)",
        )


MAX_EVIDENCE_BYTES = 100 * 1024 * 1024
"""Largest evidence file attached to a claim (100 MiB: a certificate is far smaller)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence(Record):
    """The file proving a claim (its completion certificate), as it was when attached."""

    path: Text
    """Where the file is (absolute)."""
    size: Annotated[int, Bounds(0, MAX_EVIDENCE_BYTES)]
    """Its size in bytes when attached."""
    sha256: Annotated[str, _Digest()]
    """Its SHA-256 digest when attached."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the record rule."""
        return with_rule(cls._absolute, source, handler)

    @staticmethod
    def _absolute(evidence: Evidence) -> Evidence:
        """Refuse a relative path: which folder it would be read from is a guess."""
        if not evidence.path.startswith("/"):
            raise ValueError(f"evidence path {evidence.path!r:.80} is not absolute")
        return evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim(Record):
    """A CE credit claim for one completed activity."""

    id: RecordId
    activity: Text
    catalog_id: RecordId | None = None
    credits: Credits
    completed: Day
    submitted: Day | None = None
    status: ClaimStatus
    evidence: Evidence | None = None
    """The completion certificate, when one is attached."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """The fields' schema, then the record rule."""
        return with_rule(cls._status_matches_submission, source, handler)

    @staticmethod
    def _status_matches_submission(claim: Claim) -> Claim:
        """A draft has no submitted date; every other status has one, not before completion."""
        problems = submission_problems(claim.status, claim.completed, claim.submitted)
        if problems:
            raise ValueError(problems[0])
        return claim


def submission_problems(status: str, completed: date | None, submitted: date | None) -> list[str]:
    """What is wrong with a claim's status and dates together (docs/policy.md section 7).

    Each message starts with the field it is about, so forms can show it there.
    `completed` may be None when it is itself invalid: then only the status rules apply.
    """
    problems = []
    if status == "draft" and submitted is not None:
        problems.append(
            f"submitted {submitted.isoformat()} is given but the status is draft; "
            "a draft has no submitted date (choose pending once it is submitted)"
        )
    if status != "draft" and submitted is None:
        problems.append(f"submitted date is required when the status is {status}")
    if submitted is not None and completed is not None and submitted < completed:
        problems.append(
            f"submitted {submitted.isoformat()} is before completion {completed.isoformat()}"
        )
    return problems


ActivityType = Literal[
    "ilt",
    "vilt",
    "elearning",
    "cisco-live",
    "webinar",
    "authoring",
    "learning-path",
]
"""Kinds of qualifying CE items."""

ACTIVITY_TYPES: dict[str, str] = {
    "ilt": "Instructor-led course",
    "vilt": "Virtual instructor-led course",
    "elearning": "E-learning with labs",
    "cisco-live": "Cisco Live session",
    "webinar": "Webinar",
    "authoring": "Authoring exam content",
    "learning-path": "Cisco U. learning path",
}
"""A label for each activity type."""

Technology = Literal[
    "Enterprise",
    "Security",
    "Data Center",
    "Collaboration",
    "Service Provider",
    "Automation/DevNet",
    "CyberOps",
    "Wireless",
]
"""A technology track of the catalog."""

TECHNOLOGIES: tuple[Technology, ...] = get_args(Technology)
"""The technology tracks of the catalog."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity(Record):
    """A catalog activity that earns CE credits."""

    id: RecordId
    code: OptionalText = ""
    title: Text
    provider: Text
    type: ActivityType
    technology: Technology
    credits: Credits
    credits_estimated: Flag = False
    """True when the credit value is an estimate, not a published figure."""
    format: OptionalText = ""
    hours: Annotated[float, Bounds(0, 10_000)] = 0.0
    price_clc: Annotated[Decimal, Bounds(0, 100_000)] | None = None
    """Price in Cisco Learning Credits, when known."""
    price_estimated: Flag = False
    """True when the price is an estimate, not a published figure."""
    sessions: tuple[Day, ...] = ()
    """Start dates of scheduled sessions; empty for on-demand items."""
    source: OptionalText = ""
    """Where the credit value was published."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile(Record):
    """Facts about the person that are not records of one kind."""

    terms_accepted: Day | None = None
    """When the CE program terms and conditions were accepted."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Ledger(Record):
    """Everything recorded: the input of the policy engine."""

    certifications: tuple[Certification, ...] = ()
    exams: tuple[Exam, ...] = ()
    claims: tuple[Claim, ...] = ()
    catalog: tuple[Activity, ...] = ()
    """The user's own activities (the shipped catalog is not stored)."""
    profile: Profile = Profile()
    """Profile is immutable, so one default serves every ledger."""
