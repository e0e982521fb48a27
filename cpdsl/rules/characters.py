"""CP108: characters a reader cannot see, in the plan's text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cpdsl.diagnostics import Severity
from cpdsl.hidden import BIDI_NAMES, HIDDEN, describe
from cpdsl.model import Span
from cpdsl.rules.base import Context, Finding, rule


@rule("CP108", "hidden-character", Severity.WARNING,
      "a control character or bidirectional control in the plan's text")
def hidden_character(context: Context) -> Iterator[Finding]:
    """A character that cannot be seen: a NUL or other control character, or a
    bidirectional control (embedding, override or isolate), anywhere in the plan, comments
    included.

    A bidirectional control makes an editor, a terminal or a code review show a line in
    another order than it is read, so a plan can be made to say one thing and show
    another (the "Trojan Source" problem, CVE-2021-42574); a NUL or another control
    character is invisible, and some programs stop reading at it or act on it. cplint
    shows such characters escaped (`<U+202E>`) in all its output. One finding a word (a
    run of characters between spaces), at its first such character, so that a file full
    of them (UTF-16 read as UTF-8) is not a finding a character. The marks that
    right-to-left names need (U+200E, U+200F, U+061C) are not flagged.

    Severity: warning. No guidance speaks of characters: the plan may be right, but what a
    reader sees may not be what it says.

    Fails:
        views child "Amy says she likes school\u202e dinners"

    Passes:
        views child "Amy says she likes school dinners"
    """
    text = context.text
    line, line_start, word_end = 1, 0, 0
    for match in HIDDEN.finditer(text):
        start = match.start()
        if start < word_end:
            continue  # in a word already reported
        space = _SPACE.search(text, start)
        word_end = space.start() if space else len(text)
        line += text.count("\n", line_start, start)
        line_start = text.rfind("\n", 0, start) + 1
        column = start - line_start + 1
        yield Finding(Span(line, column, line, column + 1), _message(match.group()))


_SPACE = re.compile(r"[ \t\n\r\f\v]")  # what the formatter may change: words stay whole


def _message(character: str) -> str:
    what = describe(character)
    if ord(character) in BIDI_NAMES:
        return (f"a bidirectional control character ({what}) in the plan: it can make an "
                "editor, a terminal or a code review show the text in another order than "
                "it is read (\"Trojan Source\"); remove it")
    return (f"a control character ({what}) in the plan: it cannot be seen, and some "
            "programs stop reading at it or act on it; remove it")


RULES = (hidden_character,)
