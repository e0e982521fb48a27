"""Syntax fixes: the mends recovery found, kept only where they work, made edits.

Recovery proposes a mend where one insertion (a missing `}` or keyword) or one
replacement (a misspelt keyword with one likely meaning) would let the parse go on. That
is only a guess from the token at hand, so each is tried: the piece, mended, must parse
with that problem gone and no other problem new. Only then is it a safe fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cpdsl.fixes import Edit, Fix
from cpdsl.parsing.chunks import Problem, outline
from cpdsl.parsing.grammar import get_grammar
from cpdsl.parsing.lalr import parse_tree
from cpdsl.parsing.recovery import GiveUp, Mend, Recovery, SyntaxProblem


def tried(text: str, start_symbol: str,
          problems: Sequence[SyntaxProblem]) -> tuple[SyntaxProblem, ...]:
    """`problems` of the piece `text`, each keeping its mend only if the mend works."""
    return tuple(p if p.mend is None or _works(text, start_symbol, problems, p)
                 else p._replace(mend=None) for p in problems)


def _works(text: str, start_symbol: str, problems: Sequence[SyntaxProblem],
           problem: SyntaxProblem) -> bool:
    mended = _problems_of(_applied(text, edit_for(problem.mend, text)), start_symbol)
    if mended is None:
        return False
    left = Counter((p.code, p.message) for p in problems)
    left[problem.code, problem.message] -= 1
    return Counter((p.code, p.message) for p in mended) == +left


def _problems_of(text: str, start_symbol: str) -> list[SyntaxProblem] | None:
    """The problems of a piece, or None when it cannot be read at all."""
    recovery = Recovery()
    try:
        tree = parse_tree(text, start_symbol, recovery)
    except GiveUp:
        return None
    return None if tree is None else recovery.problems


def _applied(text: str, edit: Edit) -> str:
    return text[:edit.start] + edit.new_text + text[edit.end:]


def edit_for(mend: Mend, text: str, base: int = 0) -> Edit:
    """The mend of a piece starting at offset `base` of `text`, as an edit of `text`."""
    start, end = mend.start + base, mend.end + base
    if mend.indent_of is None:
        return Edit(start, end, mend.text)
    line_end = _line_end(text, start)
    newline = "\r\n" if text.startswith("\r\n", line_end) else "\n"
    return Edit.insert(line_end, newline + _indentation(text, mend.indent_of + base) + mend.text)


def fix_for(mend: Mend, text: str, base: int = 0) -> Fix:
    return Fix.safe(mend.title, edit_for(mend, text, base))


def _line_end(text: str, offset: int) -> int:
    """Where the line holding `offset` ends (after any comment, before its line break)."""
    end = text.find("\n", offset)
    if end < 0:
        return len(text)
    return end - 1 if end > offset and text[end - 1] == "\r" else end


def _indentation(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    line = text[line_start:offset]
    return line[:len(line) - len(line.lstrip(" \t"))]


def plan_close_fix(text: str, problems: Sequence[Problem]) -> Fix | None:
    """Add the plan's `}`, never written, on a line of its own at the end of the file
    (`problems` are the outline's of `text`); None when that would not close it (the end
    of the file is inside a triple-quoted text)."""
    newline = "\r\n" if text.endswith("\r\n") else "\n"
    before = "" if text.endswith("\n") or not text else newline
    fix = Fix.safe("Add the `}` that closes the plan",
                   Edit.insert(len(text), before + "}" + newline))
    grammar = get_grammar()
    now = outline(_applied(text, fix.edits[0]), grammar.top_level, grammar.top_level_only)
    left = [p.message for p in problems if not p.plan_unclosed]
    return fix if [p.message for p in now.problems] == left else None
