"""Triple-quoted blocks moved to a new depth without changing their text.

A block's value is its text normalised as docs/language.md says (the indentation its
lines share is dropped, and so is trailing whitespace), so its lines may be re-indented
freely. The re-indented block is checked against the original's value; a block with
unusual whitespace in it (a form feed, U+001F, which the value's normalising strips too,
so that the check cannot see it go) is kept as written.
"""

from __future__ import annotations

import textwrap

from cpdsl.parsing.transform import normalise_block

INDENT = "  "


def reindent(token: str, depth: int) -> str:
    """The block `token` (quotes included) for a statement indented `depth` levels: its
    lines one level deeper than the statement, the closing quotes level with it."""
    body = token[3:-3].replace("\r\n", "\n")  # the parser reads CRLF blocks as LF ones
    first, newline, rest = body.partition("\n")
    if not newline or any(c.isspace() and c not in " \t\n" for c in body):
        return token  # a control character Python counts as a space would be stripped
    lines = textwrap.dedent(rest).split("\n")
    inner = INDENT * (depth + 1)
    out = [first.rstrip()]
    out.extend(inner + line.rstrip() if line.strip() else "" for line in lines[:-1])
    last = lines[-1]
    out.append(inner + last if last.strip() else INDENT * depth)
    result = '"""' + "\n".join(out) + '"""'
    if normalise_block(result[3:-3]) != normalise_block(body):
        return token
    return result
