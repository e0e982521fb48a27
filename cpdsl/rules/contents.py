"""CP5, what the plan must contain: the parts the guidance lists for every plan.

Readings shared by the rules of this family (each rule's documentation repeats the ones it
takes):

- An unborn child (`expected`, no `born`) gives no views, is not seen alone and is not
  visited: CP502, CP504 and CP505 ask nothing for one.
- Text that is empty (`contingency ""`) says nothing, so it counts as missing; the finding
  points at the empty text.
- Something missing from the whole plan could be hidden by a syntax error anywhere in it
  (a misspelt `contingncy`), so such findings are dropped when the plan has one.
"""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.facts import is_family

_B1 = "000_5146a52aabc1ef30.txt, section 1"
_T3 = "002_107d890e8677bac8.txt, section 3"
_T63 = "002_107d890e8677bac8.txt, section 6.3"
_W = "001_0cf4b60ac317783c.txt"
_F = "003_53fa38a38afc9856.txt, first core group agenda"

# `views` groups that speak for the parents and carers (CP503).
_FAMILY_GROUPS = ("parents", "carers", "family")
# Members not asked to sign (CP508): a child, and an interpreter, who is no party to it.
_NOT_SIGNING = ("child", "interpreter")


@rule("CP501", "missing-contingency", Severity.ERROR, "no contingency plan")
def missing_contingency(context: Context) -> Iterator[Finding]:
    """A plan with no contingency plan: what happens if it is not working or things change.

    A contingency plan says in advance who does what if the family does not keep to the
    plan or the risk to the child grows, so that nobody has to improvise in a crisis.

    Source: 002_107d890e8677bac8.txt, section 6.3, "Areas in Which Clarity is Required in
    Child Care Planning": "Contingency plans."; section 3: "A Contingency Plan to be
    followed if circumstances change significantly and require prompt action";
    001_0cf4b60ac317783c.txt: "identifying contingency arrangements in the event of family
    members not complying with the plan". An error: section 6.3 says clarity is required.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        contingency "If Amy misses two appointments, Sam calls a core group within 5 working days"
    """
    yield from _plan_text(
        context, context.plan.contingency,
        f"no contingency plan: the plan must say what happens if it is not working or "
        f"circumstances change (`contingency \"...\"`) ({_T63})",
        f"the contingency plan is empty: say what happens if the plan is not working ({_T63})")


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
    item 7 of the first core group agenda in 003_53fa38a38afc9856.txt. A warning: the
    guidance says "should".

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
    children = [child for child in plan.children if not _unborn(child)]
    views = _all_views(plan)
    heard = _children_heard(context, children, views)
    unclear = None
    if len(children) > 1:
        unclear = next((view for view in views if _subject(view) == "child"), None)
    for child in children:
        name = child.id.name
        if name in heard:
            continue
        message = (f"no views of child `{name}`: the plan should record the wishes and "
                   f"feelings of each child (`views {name} \"...\"`) ({_T3})")
        related: tuple[Related, ...] = ()
        if unclear is not None:
            message += "; `views child` does not say which of the children it is"
            related = (Related("`views child` does not say which child", unclear.span),)
        yield Finding(child.header, message, related, within=plan.span)


@rule("CP503", "missing-parent-views", Severity.WARNING, "no views of the parents or carers")
def missing_parent_views(context: Context) -> Iterator[Finding]:
    """A plan with no views of the parents or carers, in the plan or at any meeting.

    The plan is negotiated with the family: what the parents think of it, and what help
    they ask for, belong in it.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Take into consideration
    the wishes and feelings of the child, and the views of the parents";
    001_0cf4b60ac317783c.txt: everyone "should have a clear understanding of" "the views
    of the parent/s"; 000_5146a52aabc1ef30.txt, section 5: "the child's wishes and
    feelings and parental view". A warning: the guidance says "should".

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
                and is_family(definition.node)):
            return
    yield Finding(plan.header, "no views of the parents or carers: the plan should record "
                               f"them (`views parents \"...\"`) ({_T3})", within=plan.span)


@rule("CP504", "missing-contact", Severity.ERROR, "a child with no contact arrangement")
def missing_contact(context: Context) -> Iterator[Finding]:
    """A child with no contact arrangement: nobody is named to see the child, how often.

    Seeing the child regularly is how the core group knows whether the child is safe;
    the plan names who sees each child and how often.

    Source: 002_107d890e8677bac8.txt, section 6.3, "Areas in Which Clarity is Required in
    Child Care Planning": "Timing and nature of professional contact";
    000_5146a52aabc1ef30.txt, section 1: the plan will "specify frequency of contact with
    each child"; 001_0cf4b60ac317783c.txt: "agree the frequency of contact with the
    child". An error: section 6.3 says clarity is required.

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
        if _unborn(child) or name in seen:
            continue
        yield Finding(child.header, f"no contact arrangement for child `{name}`: say who sees "
                                    f"{name} and how often (`contact {name} by WHO every 2 "
                                    f"weeks`) ({_T63})", within=plan.span)


@rule("CP505", "child-not-seen-alone", Severity.WARNING, "no arrangement to see a child alone")
def child_not_seen_alone(context: Context) -> Iterator[Finding]:
    """A child whose contact arrangements never see the child alone.

    A child may only say what is happening at home when no family member is in the room;
    the plan says when the child is seen alone.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should include "When and in what
    situations the child will be seen by the child's Lead Social Worker, both alone and
    with other family members or caregivers present". A warning: the guidance says
    "should".

    Reading: any contact arrangement with `{ alone }` counts, whoever it is by: the lead
    social worker is the one the guidance names, but the language records `alone` for
    each arrangement and the lead may change. A child with no contact arrangement at all
    is CP504's, not also this rule's. An unborn child cannot be seen alone and is not
    asked for.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }
        member sam { name "Sam Patel"  role social-worker  lead }
        contact amy by sam every 2 weeks

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        member sam { name "Sam Patel"  role social-worker  lead }
        contact amy by sam every 2 weeks { alone }
    """
    plan = context.plan
    contacts: dict[str, list[m.Contact]] = {}
    for contact in plan.contacts:
        if contact.child is not None:
            contacts.setdefault(contact.child.name, []).append(contact)
    for child in plan.children:
        name = child.id.name
        arrangements = contacts.get(name, [])
        if _unborn(child) or not arrangements or any(c.alone for c in arrangements):
            continue
        related = tuple(Related(f"{name} is seen here, not alone", c.span) for c in arrangements)
        message = (f"no arrangement to see child `{name}` alone: add `{{ alone }}` to the "
                   f"contact arrangement in which {name} is seen alone ({_T3})")
        yield Finding(child.header, message, related, within=plan.span)


@rule("CP506", "missing-communication", Severity.WARNING,
      "no arrangement for communication between agencies")
def missing_communication(context: Context) -> Iterator[Finding]:
    """A plan that does not say how the agencies share information between meetings.

    A worry found between core groups must reach the others the same day, not wait for
    the next meeting; the plan says how it gets there.

    Source: 000_5146a52aabc1ef30.txt, section 1: the plan will "clarify the arrangements for
    inter-agency communication"; section 4: "The responsibility for effective inter-agency
    communication rests with individual members of the core group". A warning: Bolton
    says the plan "will cover" it, where it writes "must" for what it requires.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        communication "Members share any new concern with Sam the same day, by secure email"
    """
    yield from _plan_text(
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
    copy in that format". A warning: the guidance says "should".

    Reading: `language` or `accessible-format` satisfies the rule (docs/language.md).

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        language "English"
    """
    plan = context.plan
    given = [text for text in (plan.language, plan.accessible_format) if text is not None]
    if any(_said(text) for text in given):
        return
    if given:
        yield Finding(given[0].span, f"the family's preferred language is empty ({_T3})")
    else:
        yield Finding(plan.header, "no preferred language or communication format recorded for "
                                   "the family: the plan should be made in their language and "
                                   f"given to them in a format they can use (`language "
                                   f"\"...\"`) ({_T3})", within=plan.span)


@rule("CP508", "unsigned-plan", Severity.WARNING, "a member who has not signed the plan")
def unsigned_plan(context: Context) -> Iterator[Finding]:
    """A core group member, family included, who has not signed the plan.

    Signed by everyone, the plan is a written agreement: each member, parents included,
    has agreed to their part in it.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Be signed by all members
    of the Core Group including family members. The plan therefore will form a written
    agreement between all members of the Core Group". A warning: the guidance says
    "should".

    Reading: every member signs except one whose role is `child` (the guidance names the
    family members, not the children, and a child is not asked to sign an agreement about
    their own care) or `interpreter` (who carries the plan into the family's language and
    is no party to it). Excluded people are not members and do not sign. A signature
    counts whatever its date.

    Fails:
        member sam { name "Sam Patel"  role social-worker  lead }
        member kerry { name "Kerry Example"  role parent }
        signed sam 2026-01-22

    Passes:
        member sam { name "Sam Patel"  role social-worker  lead }
        member kerry { name "Kerry Example"  role parent }
        signed sam 2026-01-22
        signed kerry 2026-01-22
    """
    plan = context.plan
    signed = {s.member.name for s in plan.signatures if s.member is not None}
    for member in plan.members:
        name = member.id.name
        role = member.role.text if member.role is not None else None
        if name in signed or role in _NOT_SIGNING:
            continue
        yield Finding(member.header, f"member `{name}` has not signed the plan: every member of "
                                     f"the core group, family included, should sign it "
                                     f"(`signed {name} DATE`) ({_T3})", within=plan.span)


@rule("CP509", "disagreement-without-reason", Severity.WARNING,
      "a recorded disagreement with no reason")
def disagreement_without_reason(context: Context) -> Iterator[Finding]:
    """A recorded disagreement that does not give its reason.

    A disagreement with the family is acknowledged, not hidden: the reason lets the
    review conference weigh it.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Acknowledge and give
    reasons for any disagreements with family members about how to best safeguard and
    promote the welfare of the child"; 000_5146a52aabc1ef30.txt, section 6: the report
    "should also indicate any areas of dissent". A warning: the guidance says "should".

    Fails:
        member kerry { name "Kerry Example"  role parent }
        disagreement "Kerry does not agree that Amy needs a speech assessment" { by kerry }

    Passes:
        member kerry { name "Kerry Example"  role parent }
        disagreement "Kerry does not agree that Amy needs a speech assessment" {
          by kerry
          reason "Kerry says Amy talks well at home and the school has not raised it"
        }
    """
    for disagreement in context.plan.disagreements:
        who = f"`{disagreement.by.name}`'s disagreement" if disagreement.by else "a disagreement"
        if disagreement.reason is None:
            yield Finding(disagreement.header, f"{who} has no reason: the plan should give the "
                                               f"reasons for any disagreement (`reason \"...\"` "
                                               f"in its block) ({_T3})",
                          within=disagreement.span)
        elif not _said(disagreement.reason):
            yield Finding(disagreement.reason.span, f"the reason for {who} is empty ({_T3})")


@rule("CP510", "missing-concerns", Severity.WARNING, "no reasons for concern recorded")
def missing_concerns(context: Context) -> Iterator[Finding]:
    """A plan whose conferences record no reason for concern: no risk to the child.

    The concerns are why the child has a plan; the outcomes and actions answer them, and
    the review conference judges the plan against them.

    Source: 000_5146a52aabc1ef30.txt, section 1: "The child protection conference will
    establish:- the reason/s for concern about the child/ren"; 001_0cf4b60ac317783c.txt:
    everyone "should have a clear understanding of" "the identified risks to the child".
    A warning: the guidance says "should" and "will", not "must".

    Reading: a `concern` in any conference counts. The finding points at the initial
    conference, where the concerns belong, or at the plan when it has none.

    Fails:
        conference initial 2026-01-12

    Passes:
        conference initial 2026-01-12 {
          concern "Amy is often not brought to health appointments"
        }
    """
    plan = context.plan
    if any(_said(concern) for conference in plan.conferences for concern in conference.concerns):
        return
    initial = next((c for c in plan.conferences if c.kind is not None
                    and c.kind.text == "initial"), None)
    at = initial.header if initial is not None else plan.header
    yield Finding(at, "no reason for concern recorded: the conference's reasons for concern, "
                      f"the risks to the child, belong in the plan (`concern \"...\"` in the "
                      f"initial conference) ({_B1})", within=plan.span)


@rule("CP511", "missing-category", Severity.ERROR, "no category of abuse or neglect")
def missing_category(context: Context) -> Iterator[Finding]:
    """A plan that names no category of abuse or neglect, where the procedures need one.

    The conference decides the category the child is subject to a plan under, and the
    assessment and the outcomes follow from it.

    Source: national guidance, through the profile setting `categories-required`: in
    England, Working Together 2023 (the categories "Physical, Emotional, Neglect or Sexual
    abuse", PROFILES.md E5); 000_5146a52aabc1ef30.txt, section 6: "The assessment work
    undertaken must reflect the criteria for registration". An error: a plan in England
    is made under a category.

    Reading: the profile decides. Scotland's guidance finds it "not necessary to identify
    a category of registration", so with `profile scotland` the rule asks nothing. A
    category that is not a real one is CP105's, not also this rule's.

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }

    Passes:
        category neglect
        child amy { name "Amy Example"  born 2019-04-12 }
    """
    plan = context.plan
    if plan.categories or not context.profile.flag("categories-required", True):
        return
    source = context.profile.ref("categories-required") or "national guidance"
    yield Finding(plan.header, "no category of abuse or neglect: the procedures of profile "
                               f"`{context.profile.name}` need the plan to name one "
                               f"(`category neglect`) ({source})", within=plan.span)


@rule("CP512", "missing-assessment", Severity.WARNING,
      "no arrangements for the assessment (who completes it, by when)")
def missing_assessment(context: Context) -> Iterator[Finding]:
    """A plan with no assessment arranged, or an assessment without who completes it
    (`by`) or by when (`due`).

    The assessment's findings shape the plan; it is only arranged when someone is named
    to complete or commission it, with a date to have it by.

    Source: 001_0cf4b60ac317783c.txt: the first core group is to "establish what further
    and specialist assessments are required and who will commission these";
    003_53fa38a38afc9856.txt, first core group agenda, item 6: "ASSESSMENT: CONTRIBUTIONS
    FROM CORE GROUP MEMBERS AND ARRANGEMENTS FOR COMPLETION"; 000_5146a52aabc1ef30.txt,
    section 6: "The core group will be responsible for ensuring that a core assessment is
    made". A warning: none of them says "must".

    Reading: an assessment that lacks `by` or `due` is reported at its own line, once,
    naming what it lacks; the plan is reported only when it has no assessment at all.

    Fails:
        member jo { name "Jo Lee"  role health-visitor }
        assessment "Speech and language assessment for Amy" { by jo }

    Passes:
        member jo { name "Jo Lee"  role health-visitor }
        assessment "Speech and language assessment for Amy" { by jo  due 2026-04-01 }
    """
    plan = context.plan
    for assessment in plan.assessments:
        missing = [f"`{word}`" for word, value in (("by", assessment.by), ("due", assessment.due))
                   if value is None]
        if missing:
            yield Finding(assessment.header, f"assessment with no {' or '.join(missing)}: say who "
                                             f"completes it and by when ({_W}; {_F})",
                          within=assessment.span)
    if not plan.assessments:
        yield Finding(plan.header, "no assessment arranged: say what assessment the plan needs, "
                                   "who completes it and by when (`assessment \"...\" { by WHO  "
                                   f"due DATE }}`) ({_W}; {_F})", within=plan.span)


def _plan_text(context: Context, text: m.Text | None, missing: str,
               empty: str) -> Iterator[Finding]:
    """A finding for a plan statement of text that is not there, or is there but empty."""
    if text is None:
        yield Finding(context.plan.header, missing, within=context.plan.span)
    elif not _said(text):
        yield Finding(text.span, empty)


def _said(text: m.Text | None) -> bool:
    """Whether text says anything: `""` does not."""
    return text is not None and bool((text.value or "").strip())


def _unborn(child: m.Child) -> bool:
    return child.expected is not None and child.born is None


def _subject(view: m.Views) -> str | None:
    return view.subject.name if view.subject is not None else None


def _all_views(plan: m.Plan) -> list[m.Views]:
    """Every `views` that says something, in the plan and at its meetings."""
    views = [*plan.views, *(view for meeting in plan.meetings for view in meeting.views)]
    return [view for view in views if _said(view.text)]


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


RULES = (
    missing_contingency, missing_child_views, missing_parent_views, missing_contact,
    child_not_seen_alone, missing_communication, missing_language, unsigned_plan,
    disagreement_without_reason, missing_concerns, missing_category, missing_assessment,
)
