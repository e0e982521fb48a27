"""Every id a plan defines, and what kind of thing it names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from cpdsl import model as m

PEOPLE = ("child", "member", "excluded")


class Definition(NamedTuple):
    kind: str  # child, member, excluded, need, outcome, action
    node: object

    @property
    def id(self) -> m.Ident:
        return self.node.id


class PlanIndex(NamedTuple):
    by_id: dict[str, tuple[Definition, ...]]

    @classmethod
    def of(cls, plan: m.Plan) -> PlanIndex:
        found: dict[str, list[Definition]] = {}
        for definition in definitions(plan):
            found.setdefault(definition.id.name, []).append(definition)
        return cls({name: tuple(defs) for name, defs in found.items()})

    def lookup(self, name: str) -> Definition | None:
        """The first definition of `name`, or None."""
        defs = self.by_id.get(name)
        return defs[0] if defs else None

    def names(self, *kinds: str) -> list[str]:
        return [name for name, defs in self.by_id.items() if defs[0].kind in kinds]


def definitions(plan: m.Plan) -> Iterator[Definition]:
    """In file order within each kind: children, members, exclusions, needs, ..."""
    for kind, nodes in (
        ("child", plan.children), ("member", plan.members), ("excluded", plan.exclusions),
        ("need", plan.needs), ("outcome", plan.outcomes), ("action", plan.actions),
    ):
        for node in nodes:
            yield Definition(kind, node)


class Reference(NamedTuple):
    """An id used somewhere, the keyword it follows, and what kinds it may name."""

    ident: m.Ident
    keyword: str
    kinds: tuple[str, ...]


def references(plan: m.Plan) -> Iterator[Reference]:
    def refs(idents, keyword, kinds=PEOPLE):
        for ident in idents:
            if ident is not None:
                yield Reference(ident, keyword, kinds)

    yield from refs([plan.chair], "chair")
    yield from refs([plan.second_chair], "second-chair")
    for member in plan.members:
        yield from refs([member.for_child], "for", ("child",))
    for exclusion in plan.exclusions:
        yield from refs([exclusion.informed_by], "informed-by")
    for outcome in plan.outcomes:
        yield from refs(outcome.needs, "need", ("need",))
    for action in plan.actions:
        yield from refs(action.outcomes, "outcome", ("outcome",))
        yield from refs([action.owner], "owner")
        yield from refs(action.support, "support")
    for contact in plan.contacts:
        yield from refs([contact.child], "contact", ("child",))
        yield from refs([contact.by], "by")
    for assessment in plan.assessments:
        yield from refs([assessment.by], "by")
    for disagreement in plan.disagreements:
        yield from refs([disagreement.by], "by")
    for signature in plan.signatures:
        yield from refs([signature.member], "signed")
    for copy in plan.copies:
        yield from refs([copy.person], "copy")
    if plan.core_groups is not None:
        yield from refs([plan.core_groups.agreed_by], "agreed-by")
    for meeting in plan.meetings:
        yield from refs([meeting.chair], "chair")
        yield from refs([meeting.notes], "notes")
        yield from refs(meeting.attended, "attended")
        yield from refs([a.member for a in meeting.apologies], "apologies")
        yield from refs([a.member for a in meeting.absent], "absent")
        yield from views_references(meeting.views)
    yield from views_references(plan.views)


def views_references(views: tuple[m.Views, ...]) -> Iterator[Reference]:
    from cpdsl.vocabulary import VIEWS_GROUPS

    for view in views:
        if view.subject.name not in VIEWS_GROUPS:
            yield Reference(view.subject, "views", PEOPLE)
