"""JSON from outside (an import document, a rules file) read with one-line refusals."""

from __future__ import annotations

import json
from typing import Any

from ce_tui.domain.text import safe


def _refuse_constant(token: str) -> Any:
    """NaN and Infinity are not JSON numbers: refuse them."""
    raise ValueError(f"{token} is not a number JSON allows")


class DuplicateKey(ValueError):
    """An object names the same key twice."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object from its pairs; a key given twice is refused (which one counts is a guess)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in keys if keys.count(key) > 1)
        raise DuplicateKey(f"names the key {safe(repr(twice))[:60]} twice in one object")
    return obj


def load_json(data: bytes, where: str) -> Any:
    """The JSON value in `data` (UTF-8, a leading BOM allowed).

    Raises ValueError with one line naming `where` (made safe for a terminal)
    when the bytes are not UTF-8, not JSON, nested too deeply, hold a number
    too long to read, NaN / Infinity, or an object naming one key twice.
    """
    where = safe(where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where} is not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=unique_keys)
    except DuplicateKey as exc:
        raise ValueError(f"{where} {exc}") from None
    except RecursionError:
        raise ValueError(f"{where} is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except ValueError as exc:
        if "is not a number JSON allows" in str(exc):
            raise ValueError(f"{where}: {exc}") from None
        raise ValueError(f"{where} is not valid JSON: a number with too many digits") from None
