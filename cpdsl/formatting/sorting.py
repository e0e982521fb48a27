"""Sorting: the top-level statements in docs/language.md's recommended order of a plan.

Statements are put in the order of the sections below and keep the author's order within
a section (so the model, which keeps file order within each kind of statement, does not
change). A statement takes its comments with it: those are attached to its tokens.
Statements on one line that a suppression comment covers stay together.
"""

from __future__ import annotations

from collections.abc import Sequence

from cpdsl.parsing.syntax import Statement

# docs/language.md, "The order of a plan": each section's grammar rules.
SECTIONS: tuple[tuple[str, ...], ...] = (
    ("profile", "reference", "language", "accessible_format", "category"),  # settings
    ("child",),
    ("conference",),
    ("member",),
    ("excluded",),
    ("chair", "second_chair"),  # `vice-chair` is read as `second_chair`
    ("need",),
    ("outcome",),
    ("action", "monitoring_only"),
    ("contact",),
    ("communication", "contingency", "services", "resources", "assessment", "views",
     "disagreement", "signed", "copy", "amended"),  # plan text
    ("core_groups", "delay_reason"),  # schedule
    ("meeting",),
    ("ended", "moved", "cin_meeting"),  # end
)
SECTION_OF = {rule: i for i, rules in enumerate(SECTIONS) for rule in rules}


def sorted_statements(statements: Sequence[Statement],
                      pinned: frozenset[int] = frozenset()) -> list[Statement]:
    """The statements in the sections' order, stable within a section. Statements that
    share a line a suppression covers (`pinned`) move together, in the place of the first:
    the layout keeps such a line as it is, and split by sorting it would be laid out anew
    the next time (so formatting the result again would change it)."""
    unknown = [s.rule for s in statements if s.rule not in SECTION_OF]
    if unknown:
        raise AssertionError(f"no section for the statement {unknown[0]!r}")
    units: list[list[Statement]] = []
    for statement in statements:
        if units and statement.line == units[-1][-1].end_line in pinned:
            units[-1].append(statement)
        else:
            units.append([statement])
    units.sort(key=lambda unit: SECTION_OF[unit[0].rule])
    return [statement for unit in units for statement in unit]
