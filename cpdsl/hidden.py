"""Characters a reader cannot see: control characters, and the bidirectional controls
that make a line show in another order than it is read ("Trojan Source", CVE-2021-42574).

CP108 flags them in a plan; every output format shows them escaped (`<U+202E>`), never
raw, so that no terminal, editor or code review shows other text than the plan holds.
"""

from __future__ import annotations

import re

# Embeddings, overrides and isolates: what Trojan Source uses (the marks LRM, RLM and ALM
# only nudge neutral characters, and right-to-left names need them: they are left alone).
BIDI_NAMES = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
}
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Control characters that are not the whitespace of a plan (tab, line ends, form feed,
# vertical tab), with DEL and the C1 controls (0x9b starts a terminal command, as ESC does).
_CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x9f"
HIDDEN = re.compile(f"[{_CONTROL}{_BIDI}]")
# Shown escaped: those, and the whitespace that would move a terminal's cursor.
_SHOWN_ESCAPED = re.compile(f"[{_CONTROL}{_BIDI}\r\x0b\x0c]")


def escaped(text: str) -> str:
    """The text with every hidden character written `<U+XXXX>`."""
    if text.isascii() and text.isprintable():
        return text
    return _SHOWN_ESCAPED.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def json_escaped(text: str) -> str:
    """JSON text with hidden characters as `\\uXXXX` escapes: the same JSON values (they
    can only stand inside strings), but nothing raw for a terminal to act on."""
    return _SHOWN_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def describe(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`, `U+0000 NUL`."""
    code = ord(character)
    name = BIDI_NAMES.get(code) or _CONTROL_NAMES.get(code, "a control character")
    return f"U+{code:04X} {name}"


_CONTROL_NAMES = {0x00: "NUL", 0x07: "BELL", 0x08: "BACKSPACE", 0x1B: "ESCAPE",
                  0x7F: "DELETE", 0x9B: "CONTROL SEQUENCE INTRODUCER"}
