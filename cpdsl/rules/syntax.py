"""CP100 and CP101: found by the parser, documented here like every other rule."""

from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Rule, cleandoc

SYNTAX_ERROR = Rule(
    "CP100", "syntax-error", Severity.ERROR, "text that does not parse",
    cleandoc("""Text that does not parse: every one is reported, each at its place, in plain words.

    A plan is `plan "Title" { ... }` holding statements that start with a keyword.
    After a syntax error cplint mends what it can (closes a block, assumes a missing
    value) and reads on, so every mistake in the file is reported and the rest of the
    plan is still checked.

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        action book-review "Book the review" {
          due 2026-2-1
        }

    Passes:
        action book-review "Book the review" {
          due 2026-02-01
        }
    """),
)

UNKNOWN_KEYWORD = Rule(
    "CP101", "unknown-keyword", Severity.ERROR, "a keyword the language does not have",
    cleandoc("""A statement that starts with a word the language does not have.

    Usually a slip of the keyboard: cplint names the keyword it most looks like among
    those the block can hold.

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        member sam { nmae "Sam Patel" role social-worker }

    Passes:
        member sam { name "Sam Patel" role social-worker }
    """),
)

RULES = (SYNTAX_ERROR, UNKNOWN_KEYWORD)
