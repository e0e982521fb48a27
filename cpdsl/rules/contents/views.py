"""CP5, the views in the plan: the wishes and feelings of each child, and the views of
the parents or carers (CP502, CP503)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import T
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.edits import insert_into_plan, skeleton

_T3 = f"{T}, section 3"

# `views` groups that speak for the parents and carers (CP503).
_FAMILY_GROUPS = ("parents", "carers", "family")


@rule("CP502", "missing-child-views", Severity.WARNING,
      "no views (wishes and feelings) of a child")
def missing_child_views(context: Context) -> Iterator[Finding]:
    """A child whose views (wishes and feelings) are recorded nowhere in the plan.

    The plan is for the child: what the child wants and feels shapes it, and each child
    in a plan for siblings has views of their own.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Take into consideration
    the wishes and feelings of the child, and the views of the parents";
    001_0cf4b60ac317783c.txt: by the end of the first core group everyone "should have a
    clear understanding of" "the wishes and feelings of the child"; the child's views are
    item 7 of the first core group agenda in 003_53fa38a38afc9856.txt.

    Severity: warning ("should", 002_107d890e8677bac8.txt, section 3).

    Reading: views count wherever they are recorded, in the plan or at a meeting (even a
    cancelled one: what was written down is recorded). A
    child's views are `views CHILD` with the child's id, views by a member with role
    `child` or `advocate` who is `for` that child (an advocate without `for` speaks for
    every child), or `views children`, which speaks for every child. `views child` speaks
    for the child only where one child can give views: with several, it does not say
    whose they are, so each child still needs views of their own. An unborn child
    (`expected`, no `born`) cannot give views and is not asked for any. Empty text is
    no views.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }
        child ben { name "Ben Example"  born 2021-09-30 }
        views amy "Amy says she likes school dinners"

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        child ben { name "Ben Example"  born 2021-09-30 }
        views amy "Amy says she likes school dinners"
        views ben "Ben says he wants to stay at his nursery"
    """
    plan = context.plan
    children = [child for child in plan.children if not facts.is_unborn(child)]
    views = _all_views(plan)
    heard = _children_heard(context, children, views)
    unclear = None
    if len(children) > 1:
        unclear = next((view for view in views if _subject(view) == "child"), None)
    for child in children:
        name = child.id.name
        if name in heard:
            continue
        why = ""
        related: tuple[Related, ...] = ()
        if unclear is not None:
            why = ", as `views child` does not say which of the children it is"
            related = (Related("`views child` does not say which child", unclear.span),)
        message = (f"no views of child `{name}`{why}: the plan should record the wishes and "
                   f"feelings of each child (`views {name} \"...\"`) ({_T3})")
        whose = "child" if len(children) == 1 else name  # `views child`: the only one
        fix = skeleton(f"Add the views of {name} to fill in",
                       insert_into_plan(context, f'views {whose} "..."', plan.views))
        yield Finding(child.header, message, related, within=plan.span, fix=fix)


@rule("CP503", "missing-parent-views", Severity.WARNING, "no views of the parents or carers")
def missing_parent_views(context: Context) -> Iterator[Finding]:
    """A plan with no views of the parents or carers, in the plan or at any meeting.

    The plan is negotiated with the family: what the parents think of it, and what help
    they ask for, belong in it.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Take into consideration
    the wishes and feelings of the child, and the views of the parents";
    001_0cf4b60ac317783c.txt: everyone "should have a clear understanding of" "the views
    of the parent/s"; 000_5146a52aabc1ef30.txt, section 5: each member's report "will
    include" "the child's wishes and feelings and parental view".

    Severity: warning ("should", 002_107d890e8677bac8.txt, section 3).

    Reading: `views parents`, `views carers` and `views family` count, and so do views
    by the id of a member or excluded person whose role is parent, carer or relative,
    in the plan or at a meeting. Empty text is no views.

    Fails:
        member kerry { name "Kerry Example"  role parent }
        views child "Amy says she likes school dinners"

    Passes:
        member kerry { name "Kerry Example"  role parent }
        views child "Amy says she likes school dinners"
        views kerry "Kerry agrees the plan and asks for help with transport"
    """
    plan = context.plan
    for view in _all_views(plan):
        subject = _subject(view)
        if subject in _FAMILY_GROUPS:
            return
        definition = context.index.lookup(subject) if subject else None
        if (definition is not None and definition.kind in ("member", "excluded")
                and facts.is_family(definition.node)):
            return
    yield Finding(plan.header, "no views of the parents or carers: the plan should record "
                               f"them (`views parents \"...\"`) ({_T3})", within=plan.span)


def _subject(view: m.Views) -> str | None:
    return view.subject.name if view.subject is not None else None


def _all_views(plan: m.Plan) -> list[m.Views]:
    """Every `views` that says something, in the plan and at its meetings."""
    views = [*plan.views, *(view for meeting in plan.meetings for view in meeting.views)]
    return [view for view in views if facts.has_text(view.text)]


def _children_heard(context: Context, children: list[m.Child],
                    views: list[m.Views]) -> set[str]:
    """The ids of the children (of those who can give views) whose views are recorded."""
    ids = {child.id.name for child in children}
    heard: set[str] = set()
    for view in views:
        subject = _subject(view)
        if subject == "children" or (subject == "child" and len(ids) == 1):
            heard |= ids
            continue
        definition = context.index.lookup(subject) if subject else None
        if definition is None:
            continue
        if definition.kind == "child":
            heard.add(subject)
        elif definition.kind == "member":
            heard |= _speaks_for(definition.node, ids)
    return heard & ids


def _speaks_for(member: m.Member, ids: set[str]) -> set[str]:
    """The children a member's views are the views of: a child member's own, an advocate's."""
    role = member.role.text if member.role is not None else None
    if role not in ("child", "advocate"):
        return set()
    if member.for_child is not None:
        return {member.for_child.name}
    return set(ids) if role == "advocate" or len(ids) == 1 else set()


RULES = (missing_child_views, missing_parent_views)
