"""Write docs/language.md's tables of meanings from cpdsl/meanings.py (`make language-doc`).

The prose of docs/language.md is written by hand; each table of keywords or values sits
between marker comments, and this rewrites what is between them:

    <!-- meanings: role -->
    | value | meaning | source |
    ...
    <!-- /meanings -->

The marker names the kinds of meaning the table holds (`keyword`, `word unit`, `role`,
...; cpdsl/meanings.py lists them). tests/test_language_doc.py checks each table against
cpdsl/meanings.py, so a stale table fails a test.

    python tools/language_doc.py docs/language.md   # rewrite it
    python tools/language_doc.py                    # print the rewritten text
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from cpdsl import meanings, vocabulary  # noqa: E402

DOC = Path(__file__).resolve().parent.parent / "docs" / "language.md"
REGION = re.compile(r"(<!-- meanings: ([a-z -]+?) -->\n)(.*?)(<!-- /meanings -->)", re.DOTALL)
# Kinds written where a block or statement is named, in the table's `in` column.
PLACED = (meanings.KEYWORD, meanings.WORD, meanings.UNIT)


def place(where: str) -> str:
    """How the `in` column names a block or statement (as "Statements at a glance" does)."""
    return "the file" if where == "file" else where


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def table(kinds: list[str]) -> str:
    """The table of the meanings of those kinds, in cpdsl/meanings.py's order."""
    unknown = [kind for kind in kinds if kind not in kinds_known()]
    if unknown:
        raise ValueError(f"no meanings of kind {', '.join(unknown)}")
    placed = all(kind in PLACED for kind in kinds)
    if placed:
        head = ["keyword" if meanings.KEYWORD in kinds else "word", "in", "meaning", "source"]
    else:
        head = ["word" if kinds == [meanings.SUPPRESSION] else "value", "meaning", "source"]
    lines = [row(head), row(["---"] * len(head))]
    for m in meanings.all_meanings():
        if m.kind in kinds:
            where = [", ".join(place(w) for w in m.where)] if placed else []
            lines.append(row([f"`{m.word}`", *where, m.description, m.source]))
    if meanings.ROLE in kinds:
        family = ", ".join(f"`{word}`" for word in vocabulary.FAMILY_ROLES)
        lines += ["", f"The family roles (the family in the core group, CP308): {family}."]
    return "\n".join(lines) + "\n"


def kinds_known() -> set[str]:
    return {m.kind for m in meanings.all_meanings()}


def rewrite(text: str) -> str:
    """The doc with every marked table written afresh."""
    return REGION.sub(lambda m: m.group(1) + table(m.group(2).split()) + m.group(4), text)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DOC
    text = rewrite(path.read_text(encoding="utf-8"))
    if not argv:
        sys.stdout.write(text)
        return 0
    path.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
