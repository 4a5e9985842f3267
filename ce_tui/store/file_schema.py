"""The shape of a store file for pydantic: imported only when a file must be validated.

A file this store sealed is decoded without it (see :mod:`ce_tui.store.codec`).
"""

from __future__ import annotations

from typing import Annotated, NotRequired

from pydantic import ConfigDict, StringConstraints, TypeAdapter, with_config
from typing_extensions import TypedDict

from ce_tui.domain.models import Activity, Certification, Claim, Exam, Profile

DocId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,17}$")]
"""A TinyDB document id as written in the file: a positive whole number."""


@with_config(ConfigDict(extra="forbid"))
class MetaDoc(TypedDict):
    """The one document of the meta table."""

    seal: NotRequired[str]
    schema: int
    profile: NotRequired[Profile]


@with_config(ConfigDict(extra="forbid"))
class FileDoc(TypedDict):
    """A whole (current-schema) store file."""

    meta: dict[DocId, MetaDoc]
    certifications: NotRequired[dict[DocId, Certification]]
    exams: NotRequired[dict[DocId, Exam]]
    claims: NotRequired[dict[DocId, Claim]]
    catalog: NotRequired[dict[DocId, Activity]]


FILE_ADAPTER: TypeAdapter[FileDoc] = TypeAdapter(FileDoc)
"""Validates a whole store file in one call."""
