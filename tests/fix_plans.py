"""Plans for the tests of `cplint check --fix`: a plan as its author meant it, and the
mistakes `--fix` mends safely in it (CP102, CP103, CP105, CP107), alone or together.

Every name is invented. The plans are judged with only the CP1 rules selected (the tests
write a `cplint.toml` saying so), so that what is left after a fix is only what the
test put there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

TODAY = "2026-03-01"
CP1_ONLY = 'select = ["CP1"]\n'


def plan(*lines: str) -> str:
    """A plan holding `lines`, each indented by two spaces."""
    return 'plan "Northtown review" {\n' + "".join(f"  {line}\n" for line in lines) + "}\n"


SAMIRA = 'member samira { name "Samira Example" role social-worker }'
JONAH = 'member jonah { name "Jonah Example" role teacher }'

# The plan as its author meant it: nothing for --fix to do.
MEANT = plan(SAMIRA, JONAH, "chair samira", "second-chair jonah")


class Mistake(NamedTuple):
    """A slip made in MEANT, and the rule that finds it: `wrong` put where `right` was,
    or (with `right` empty) the line holding `member samira` written `copies` more times,
    or `wrong` added as a line of its own above that line."""

    code: str
    right: str
    wrong: str = ""
    copies: int = 0


ROLE_TYPO = Mistake("CP105", "role social-worker", "role socal-worker")
OTHER_ROLE_TYPO = Mistake("CP105", "role teacher", "role teachr")
CHAIR_TYPO = Mistake("CP103", "chair samira", "chair samria")
SECOND_CHAIR_TYPO = Mistake("CP103", "second-chair jonah", "second-chair jonha")
REPEATED = Mistake("CP102", "", copies=1)  # the member defined twice, word for word
TWICE_REPEATED = Mistake("CP102", "", copies=2)  # three identical lines
# a suppression with nothing to suppress on the line below it
UNUSED_SUPPRESSION = Mistake("CP107", "", "# cplint: ignore[CP103] agreed with the team manager")

MISTAKES = (ROLE_TYPO, OTHER_ROLE_TYPO, CHAIR_TYPO, SECOND_CHAIR_TYPO, REPEATED,
            UNUSED_SUPPRESSION)


def mistyped(mistakes: Iterable[Mistake]) -> str:
    """MEANT with each of `mistakes` made: the words mistyped first, then the member's
    line repeated (as mistyped), then the suppression put above it."""
    lines = MEANT.splitlines(keepends=True)
    chosen = sorted(mistakes, key=lambda m: (not m.right, m.copies == 0))
    for mistake in chosen:
        member = next(n for n, line in enumerate(lines) if "member samira" in line)
        if mistake.right:
            (at,) = [n for n, line in enumerate(lines)
                     if line.strip() == mistake.right or f" {mistake.right} " in line]
            lines[at] = lines[at].replace(mistake.right, mistake.wrong)
        elif mistake.copies:
            lines[member + 1:member + 1] = [lines[member]] * mistake.copies
        else:
            lines.insert(member, f"  {mistake.wrong}\n")
    return "".join(lines)
