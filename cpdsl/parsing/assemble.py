"""Put the statements of every parsed piece into one `Plan`."""

from __future__ import annotations

from collections.abc import Iterable

from cpdsl import model as m
from cpdsl.parsing.transform import Piece

# Top-level statements that a plan has once, and the Plan attribute each fills.
_ONCE = {
    "profile": "profile", "reference": "reference", "language": "language",
    "accessible_format": "accessible_format", "chair": "chair", "second_chair": "second_chair",
    "monitoring_only": "monitoring_only", "communication": "communication",
    "contingency": "contingency", "core_groups": "core_groups", "delay_reason": "delay_reason",
    "ended": "ended", "moved": "moved", "cin_meeting": "cin_meeting",
}
# Top-level statements a plan may have many of.
_MANY = {
    "child": "children", "conference": "conferences", "member": "members",
    "excluded": "exclusions", "need": "needs", "outcome": "outcomes", "action": "actions",
    "contact": "contacts", "services": "services", "resources": "resources",
    "assessment": "assessments", "views": "views", "disagreement": "disagreements",
    "signed": "signatures", "copy": "copies", "amended": "amendments", "meeting": "meetings",
}


def assemble_plan(pieces: Iterable[Piece], end: tuple[int, int]) -> m.Plan:
    title = None
    header = None
    once: dict[str, object] = {}
    many: dict[str, list] = {name: [] for name in _MANY.values()}
    categories: list[m.Word] = []
    repeats: list[m.Repeat] = []
    for piece in pieces:
        if piece.header is not None:
            title, header = piece.title, piece.header
        for field in piece.fields:
            if field.value is None:
                continue
            if field.key == "category":
                categories.extend(field.value)
            elif field.key in _MANY:
                many[_MANY[field.key]].append(field.value)
            elif field.key in once:
                repeats.append(m.Repeat(field.keyword, field.value, field.span))
            else:
                once[_ONCE[field.key]] = field.value
    header = header or m.Span(1, 1, 1, 1)
    return m.Plan(
        title=title, categories=tuple(categories), repeats=tuple(repeats),
        span=m.Span(header.line, header.column, *end), header=header,
        **once, **{name: tuple(values) for name, values in many.items()},
    )
