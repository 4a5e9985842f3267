"""The one way text from data reaches a terminal or an exported file.

Records, rules files, file names, JSON keys and error messages may hold
characters a terminal acts on (C0 and C1 controls, DEL: escape sequences,
clipboard writes, cursor moves) or that make text read differently from what
it holds (bidirectional overrides and isolates). :func:`safe` replaces every
character that is not printable with ``?``; :func:`safe_json` writes the same
characters as JSON ``\\uXXXX`` escapes, so a document keeps its data exactly.
"""

from __future__ import annotations

import json
import re
from typing import Any

REPLACEMENT = "?"
"""What an unprintable character is shown as."""

_NOT_PLAIN = re.compile(r"[^ -~\n]")
"""Characters other than printable ASCII and newline: each is checked by :func:`_escape`."""


def safe(text: object) -> str:
    """`text` (or its str()) with every unprintable character replaced by '?'."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else REPLACEMENT for ch in value)


def safe_lines(text: object) -> str:
    """`text` made safe line by line: its line breaks (CR, LF, CRLF) kept as newlines."""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(map(safe, value.split("\n")))


def _escape(match: re.Match[str]) -> str:
    """One character as it may appear in JSON output: itself if printable, else escaped."""
    ch = match.group()
    if ch.isprintable() or ch in " \n":
        return ch
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def safe_json(value: Any, indent: int | None = 2) -> str:
    """`value` as JSON text holding no raw unprintable character (they are \\u-escaped).

    The escapes are only needed inside strings (JSON's own whitespace is spaces
    and newlines), and they read back as the same characters.
    """
    return _NOT_PLAIN.sub(_escape, json.dumps(value, indent=indent, ensure_ascii=False))


def counted(n: int, word: str) -> str:
    """'1 claim', '3 claims', '2 activities of your own'."""
    if n == 1:
        return f"1 {word}"
    head, _, tail = word.partition(" ")
    plural = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{n} {plural} {tail}".rstrip()
