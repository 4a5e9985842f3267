"""The recertification rules as data (POLICY.md section 2) and their loading.

The shipped `rules.json` holds the default options per level; a user can point
the app at another file of the same shape.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ce_tui.domain.models import LEVELS, ExamKind, Level


class Option(BaseModel):
    """One way to recertify a level: CE credits, exams, or both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, max_length=64)]
    label: str = ""
    ce: Annotated[int, Field(ge=0, le=1000)] = 0
    """CE credits needed."""
    exams: Annotated[int, Field(ge=0, le=10)] = 0
    """How many exams are needed."""
    exam_kinds: tuple[ExamKind, ...] = ()
    """Which exam kinds qualify for `exams`."""

    @model_validator(mode="after")
    def _needs_something(self) -> Option:
        """An option asks for credits or exams, and exams name their kinds."""
        if self.ce == 0 and self.exams == 0:
            raise ValueError(f"option {self.id!r} requires nothing")
        if self.exams and not self.exam_kinds:
            raise ValueError(f"option {self.id!r} needs exams but names no exam kind")
        return self


class Rules(BaseModel):
    """The whole rules file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cycle_years: Annotated[int, Field(ge=1, le=10)] = 3
    claim_window_days: Annotated[int, Field(ge=1, le=3650)] = 365
    renew_from: Literal["completion", "expiration"] = "completion"
    levels: dict[Level, tuple[Option, ...]]

    @model_validator(mode="after")
    def _every_level(self) -> Rules:
        """Every level has at least one option and unique option ids."""
        for level in LEVELS:
            options = self.levels.get(level)
            if not options:
                raise ValueError(f"level {level} has no options")
            ids = [option.id for option in options]
            if len(set(ids)) != len(ids):
                raise ValueError(f"level {level} repeats an option id")
        return self

    def options(self, level: Level) -> tuple[Option, ...]:
        """The options of `level`, in the file's order."""
        return self.levels[level]

    def option(self, level: Level, option_id: str) -> Option | None:
        """The option `option_id` of `level`, or None."""
        return next((o for o in self.levels[level] if o.id == option_id), None)

    def default_path(self, level: Level) -> str:
        """The option a certification follows when it names none: `ce`, else the first."""
        ids = [o.id for o in self.levels[level]]
        return "ce" if "ce" in ids else ids[0]


@cache
def default_rules() -> Rules:
    """The shipped rules (POLICY.md section 2), loaded once."""
    text = resources.files("ce_tui.domain").joinpath("rules.json").read_text("utf-8")
    return Rules.model_validate_json(text)


def load_rules(path: Path) -> Rules:
    """Rules from a user's file; raises ValueError with a readable message if invalid."""
    try:
        return Rules.model_validate(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError) as exc:
        raise ValueError(f"rules file {path}: {exc}") from exc
