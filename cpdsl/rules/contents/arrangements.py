"""CP5, the arrangements the plan makes: a contingency plan, who sees each child and
how often, the lead social worker seeing the child alone, communication between agencies,
the family's language (CP501, CP504-CP507)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.citations import B, T
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.edits import (
    insert_into_plan,
    plan_statement_indentation,
    skeleton,
    text_block,
)
from cpdsl.rules.missing import plan_text

_B1 = f"{B}, section 1"
_T3 = f"{T}, section 3"


@rule("CP501", "missing-contingency", Severity.WARNING, "no contingency plan")
def missing_contingency(context: Context) -> Iterator[Finding]:
    """A plan with no contingency plan: what happens if it is not working or things change.

    A contingency plan says in advance who does what if the family does not keep to the
    plan or the risk to the child grows, so that nobody has to improvise in a crisis.

    Source: 002_107d890e8677bac8.txt, section 3: the plan "should include ... A Contingency
    Plan to be followed if circumstances change significantly and require prompt
    action"; section 6.3, "Areas in Which Clarity is Required in Child Care Planning":
    "Contingency plans."; 001_0cf4b60ac317783c.txt: "identifying contingency arrangements
    in the event of family members not complying with the plan".

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        contingency "If Amy misses two appointments, Sam calls a core group within 5 working days"
    """
    yield from plan_text(
        context, context.plan.contingency,
        f"no contingency plan: the plan should say what is done if circumstances change "
        f"significantly and need prompt action (`contingency \"...\"`) ({_T3})",
        f"the contingency plan is empty: say what happens if the plan is not working ({_T3})",
        skeleton("Add a contingency plan to fill in", insert_into_plan(
            context, text_block(context, "contingency", plan_statement_indentation(context)))))


@rule("CP504", "missing-contact", Severity.WARNING, "a child with no contact arrangement")
def missing_contact(context: Context) -> Iterator[Finding]:
    """A child with no contact arrangement: nobody is named to see the child, how often.

    Seeing the child regularly is how the core group knows whether the child is safe;
    the plan names who sees each child and how often.

    Source: 002_107d890e8677bac8.txt, section 3: the plan "should include ... Clear
    identification of the roles and responsibilities of professionals and family members
    including the nature and frequency of contact"; section 6.3, "Areas in Which Clarity
    is Required in Child Care Planning": "Timing and nature of professional contact";
    000_5146a52aabc1ef30.txt, section 1: the plan "will cover" how to "specify frequency
    of contact with each child"; 001_0cf4b60ac317783c.txt: "agree the frequency of
    contact with the child".

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: an unborn child (`expected`, no `born`) cannot be visited and needs no
    arrangement of its own; before the birth the visits are to the mother.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }
        member sam { name "Sam Patel"  role social-worker  lead }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        member sam { name "Sam Patel"  role social-worker  lead }
        contact amy by sam every 2 weeks
    """
    plan = context.plan
    seen = {contact.child.name for contact in plan.contacts if contact.child is not None}
    for child in plan.children:
        name = child.id.name
        if facts.is_unborn(child) or name in seen:
            continue
        yield Finding(child.header, f"no contact arrangement for child `{name}`: say who sees "
                                    f"`{name}` and how often (`contact {name} by WHO every 2 "
                                    f"weeks`) ({_T3})", within=plan.span)


@rule("CP505", "child-not-seen-alone", Severity.WARNING,
      "no arrangement for the lead social worker to see a child alone")
def child_not_seen_alone(context: Context) -> Iterator[Finding]:
    """A child whom the lead social worker has no arrangement to see alone.

    A child may only say what is happening at home when no family member is in the room,
    and the guidance gives that time to the one professional who leads the plan: the
    plan says when the lead social worker sees the child alone.

    Source: 002_107d890e8677bac8.txt, section 3: the plan "should include ... When and in
    what situations the child will be seen by the child's Lead Social Worker, both alone
    and with other family members or caregivers present".

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: the lead social worker is the member marked `lead`; the arrangement that
    counts is theirs, `contact CHILD by LEAD every ... { alone }`. A nursery worker, a
    health visitor or an advocate who sees the child alone does not meet the rule: the
    guidance names the Lead Social Worker. With no member marked `lead` (CP301's), an
    arrangement by a member whose role is `social-worker` counts. A child with no
    contact arrangement at all is CP504's, not also this rule's. An unborn child cannot
    be seen alone and is not asked for.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }
        member sam { name "Sam Patel"  role social-worker  lead }
        member nia { name "Nia Obi"  role other  agency "Northtown Nursery" }
        contact amy by sam every 2 weeks
        contact amy by nia every 1 week { alone }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        member sam { name "Sam Patel"  role social-worker  lead }
        contact amy by sam every 2 weeks { alone }
    """
    plan = context.plan
    leads = facts.lead_social_workers(plan)
    contacts: dict[str, list[m.Contact]] = {}
    for contact in plan.contacts:
        if contact.child is not None:
            contacts.setdefault(contact.child.name, []).append(contact)
    for child in plan.children:
        name = child.id.name
        arrangements = contacts.get(name, [])
        if facts.is_unborn(child) or not arrangements:
            continue
        if any(c.alone and _by(c) in leads for c in arrangements):
            continue
        yield _not_seen_alone(plan, child, arrangements, leads)


def _by(contact: m.Contact) -> str | None:
    return contact.by.name if contact.by is not None else None


def _not_seen_alone(plan: m.Plan, child: m.Child, arrangements: list[m.Contact],
                    leads: set[str]) -> Finding:
    name = child.id.name
    related = tuple(Related(_how_seen(c, leads), c.span) for c in arrangements)
    marked = next((member.id.name for member in plan.members if member.lead), None)
    if marked is None:
        message = (f"no arrangement for the lead social worker to see child `{name}` alone, "
                   f"and no member is marked `lead`: mark the lead social worker `lead` and "
                   f"add `{{ alone }}` to their contact arrangement with `{name}` ({_T3})")
    elif any(_by(c) == marked for c in arrangements):
        message = (f"no arrangement for the lead social worker `{marked}` to see child "
                   f"`{name}` alone: add `{{ alone }}` to `{marked}`'s contact arrangement "
                   f"with `{name}`, or add one in which `{name}` is seen alone ({_T3})")
    else:
        message = (f"no arrangement for the lead social worker `{marked}` to see child "
                   f"`{name}` alone: add `contact {name} by {marked} every 2 weeks "
                   f"{{ alone }}` (or as often as agreed) ({_T3})")
    return Finding(child.header, message, related, within=plan.span)


def _how_seen(contact: m.Contact, leads: set[str]) -> str:
    child = contact.child.name
    by = _by(contact)
    if by in leads:
        return f"`{child}` is seen here by `{by}`, not alone"
    who = f"`{by}`" if by is not None else "someone"
    alone = "alone" if contact.alone else "not alone"
    return f"`{child}` is seen here {alone}, by {who}, who is not the lead social worker"


@rule("CP506", "missing-communication", Severity.WARNING,
      "no arrangement for communication between agencies")
def missing_communication(context: Context) -> Iterator[Finding]:
    """A plan that does not say how the agencies share information between meetings.

    A worry found between core groups must reach the others the same day, not wait for
    the next meeting; the plan says how it gets there.

    Source: 000_5146a52aabc1ef30.txt, section 1: the plan "will cover" how to "clarify the
    arrangements for inter-agency communication"; section 4: "The responsibility for
    effective inter-agency communication rests with individual members of the core
    group".

    Severity: warning ("will cover", 000_5146a52aabc1ef30.txt, section 1).

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        communication "Members share any new concern with Sam the same day, by secure email"
    """
    yield from plan_text(
        context, context.plan.communication,
        "no arrangement for communication between agencies: say how members share "
        f"information between meetings (`communication \"...\"`) ({_B1})",
        f"the arrangement for communication between agencies is empty ({_B1})")


@rule("CP507", "missing-language", Severity.WARNING,
      "no preferred language or format recorded for the family")
def missing_language(context: Context) -> Iterator[Finding]:
    """A plan that records neither the family's preferred language nor the format they
    need their copy in.

    The family can only keep to a plan they can read and understand; the plan is made,
    and their copy given, in their language and an accessible format.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Be constructed with the
    family in their preferred language/communication method and they should be given a
    copy in that format".

    Severity: warning ("should", 002_107d890e8677bac8.txt, section 3). The same passage
    goes on: "Where the parent has a learning disability, care must be taken to ascertain
    their level of understanding"; that "must" is for a parent with a learning
    disability, which a plan does not record, so it does not make this rule an error.

    Reading: `language` or `accessible-format` satisfies the rule (docs/language.md).

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        language "English"
    """
    plan = context.plan
    given = [text for text in (plan.language, plan.accessible_format) if text is not None]
    if any(facts.has_text(text) for text in given):
        return
    if given:
        yield Finding(given[0].span, f"the family's preferred language is empty ({_T3})")
    else:
        yield Finding(plan.header, "no preferred language or communication format recorded for "
                                   "the family: the plan should be made in their language and "
                                   f"given to them in a format they can use (`language "
                                   f"\"...\"`) ({_T3})", within=plan.span)


RULES = (missing_contingency, missing_contact, child_not_seen_alone, missing_communication,
         missing_language)
