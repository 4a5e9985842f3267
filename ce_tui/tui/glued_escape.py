"""Escape glued to the next key of a burst, split back into the two keys.

A terminal sends escape as the byte ESC, and alt+key as ESC followed by the
key. When escape and the next key arrive in one read (a burst: a paste, a fast
typist, a slow SSH link), the app cannot tell them apart from alt+key: escape
then `2` reads as `™` (the macOS option+2 character), escape then `n` as
alt+n. The app binds no alt+ key, so such a key is taken to be escape followed
by the key. So are the option+digit characters (`£`, `™` ...), even in a text
box: escape then a screen's digit is a common burst (cancel a form, show a
screen), and the same characters pasted arrive as a paste, not as keys, so a
pasted `£` stays a `£`.
"""

from __future__ import annotations

from textual import events

OPTION_DIGITS = {
    "º": "0",
    "¡": "1",
    "™": "2",
    "£": "3",
    "¢": "4",
    "∞": "5",
    "§": "6",
    "¶": "7",
    "•": "8",
    "ª": "9",
}
"""The character read for escape followed by each digit, and that digit."""


def glued_key(event: events.Key) -> str | None:
    """The key that followed a glued escape in `event`, or None when `event` is a key of its own."""
    if event.key.startswith("alt+"):
        rest = event.key.removeprefix("alt+")
        if rest.startswith("shift+"):
            rest = rest.removeprefix("shift+").upper()
        return rest if len(rest) == 1 and rest.isascii() and rest.isalnum() else None
    if event.character is not None:
        return OPTION_DIGITS.get(event.character)
    return None


def split(key: str) -> tuple[events.Key, events.Key]:
    """Escape and `key`, as the two keys a user typed."""
    return events.Key("escape", "\x1b"), events.Key(key, key)
