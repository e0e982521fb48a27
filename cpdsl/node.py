"""What every model node is: a frozen attrs class sharing one eq, hash and repr; and a walk
over a tree of them."""

from __future__ import annotations

import attrs


class Node:
    """Equality, hashing and repr for every node, written once.

    attrs would generate them for each class, compiling code per class on every start-up
    (most of the cost of importing the model); these read the same attrs metadata:
    fields with eq=False (spans) stay out of equality and hashing, repr=False out of repr.
    """

    __slots__ = ()

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in _eq_fields(type(self)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                          for f in attrs.fields(type(self)) if f.repr)
        return f"{type(self).__name__}({shown})"


_EQ_FIELDS: dict[type, tuple[str, ...]] = {}


def _eq_fields(kind: type) -> tuple[str, ...]:
    names = _EQ_FIELDS.get(kind)
    if names is None:
        names = _EQ_FIELDS[kind] = tuple(f.name for f in attrs.fields(kind) if f.eq)
    return names


# Without __slots__ (attrs would make each class twice) and with the methods above: attrs
# then only writes each class's __init__.
node = attrs.frozen(slots=False, eq=False, repr=False)


def leaf(cls: type) -> type:
    """For the nodes a plan has one of per token (spans, ids, words, texts, dates): a
    class with `__slots__`, which takes a third of the memory of one with a `__dict__`.

    The class writes its own `__slots__` and `__init__`: attrs would build a slotted
    class twice, at every start-up. Its fields are its slots in order, and `span` last
    when a base class keeps the span (cpdsl.model.Placed). This gives it the attrs
    metadata the methods above read (`span` out of equality and repr, as are the names
    in the class's `_not_compared`), frozen attributes, and pickling (worker processes
    send findings back).
    """
    names = cls.__slots__ + (("span",) if hasattr(cls, "span") else ())
    not_compared = getattr(cls, "_not_compared", ())
    fields = {name: attrs.field(eq=name != "span" and name not in not_compared,
                                repr=name != "span")
              for name in names}
    cls.__reduce__ = _reduce
    return attrs.frozen(these=fields, init=False, slots=False, eq=False, repr=False)(cls)


def _reduce(self: Node) -> tuple:
    """Pickle a slotted node as its class and field values: it has no __dict__ to fill,
    and refuses attributes set after __init__."""
    return type(self), tuple(getattr(self, field.name) for field in attrs.fields(type(self)))


def walk(root: object):
    """Every model node under `root` (itself included), depth first in field order."""
    stack = [root]
    while stack:
        current = stack.pop()
        if type(current) is tuple:
            stack.extend(reversed(current))
            continue
        names = _node_fields(type(current))
        if names is None:
            continue  # a str, int, bool, date or None: not a node
        yield current
        stack.extend(reversed([getattr(current, name) for name in names]))


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _node_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a node class that may hold other nodes (None: not a node class).

    Spans are reached only through `span` and `header`, which are left out, so a walk
    yields the plan's nodes and never their spans."""
    try:
        return _FIELDS[kind]
    except KeyError:
        pass
    names = None
    if attrs.has(kind):
        names = tuple(f.name for f in attrs.fields(kind) if f.name not in ("span", "header"))
    _FIELDS[kind] = names
    return names
