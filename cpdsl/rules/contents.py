"""CP5, what the plan must contain: the parts the guidance lists for every plan.

Readings shared by the rules of this family (each rule's documentation repeats the ones it
takes):

- An unborn child (`expected`, no `born`) gives no views, is not seen alone and is not
  visited: CP502, CP504 and CP505 ask nothing for one.
- Text that is empty (`contingency ""`) says nothing, so it counts as missing; the finding
  points at the empty text.
- Something missing from the whole plan could be hidden by a syntax error anywhere in it
  (a misspelt `contingncy`), so such findings are dropped when the plan has one.
- Each rule's severity follows the strongest word of the sources it cites (`must` an
  error, `should` or `will` a warning, good practice with neither an info), quoted in its
  documentation. Most of the plan's parts come from one list, which the plan "should
  include" (002_107d890e8677bac8.txt, section 3), so most of these rules are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import facts
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.facts import is_family

_B1 = "000_5146a52aabc1ef30.txt, section 1"
_T2 = "002_107d890e8677bac8.txt, section 2"
_T3 = "002_107d890e8677bac8.txt, section 3"
_W = "001_0cf4b60ac317783c.txt"
_F = "003_53fa38a38afc9856.txt, first core group agenda"
_F_FLOW = "003_53fa38a38afc9856.txt, flow chart"

# `views` groups that speak for the parents and carers (CP503).
_FAMILY_GROUPS = ("parents", "carers", "family")
# Members not asked to sign (CP508): an interpreter, who is no party to the plan.
_NOT_SIGNING = ("interpreter",)


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
    yield from _plan_text(
        context, context.plan.contingency,
        f"no contingency plan: the plan should say what is done if circumstances change "
        f"significantly and need prompt action (`contingency \"...\"`) ({_T3})",
        f"the contingency plan is empty: say what happens if the plan is not working ({_T3})")


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
                and is_family(definition.node)):
            return
    yield Finding(plan.header, "no views of the parents or carers: the plan should record "
                               f"them (`views parents \"...\"`) ({_T3})", within=plan.span)


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
        if _unborn(child) or name in seen:
            continue
        yield Finding(child.header, f"no contact arrangement for child `{name}`: say who sees "
                                    f"{name} and how often (`contact {name} by WHO every 2 "
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
    leads = _leads(plan)
    contacts: dict[str, list[m.Contact]] = {}
    for contact in plan.contacts:
        if contact.child is not None:
            contacts.setdefault(contact.child.name, []).append(contact)
    for child in plan.children:
        name = child.id.name
        arrangements = contacts.get(name, [])
        if _unborn(child) or not arrangements:
            continue
        if any(c.alone and _by(c) in leads for c in arrangements):
            continue
        yield _not_seen_alone(plan, child, arrangements, leads)


def _leads(plan: m.Plan) -> set[str]:
    """Who the lead social worker is: the members marked `lead`, or, with none, the
    members whose role is `social-worker`."""
    marked = {member.id.name for member in plan.members if member.lead}
    if marked:
        return marked
    return {member.id.name for member in plan.members
            if member.role is not None and member.role.text == "social-worker"}


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
                   f"add `{{ alone }}` to their contact arrangement with {name} ({_T3})")
    elif any(_by(c) == marked for c in arrangements):
        message = (f"no arrangement for the lead social worker `{marked}` to see child "
                   f"`{name}` alone: add `{{ alone }}` to {marked}'s contact arrangement "
                   f"with {name}, or add one in which {name} is seen alone ({_T3})")
    else:
        message = (f"no arrangement for the lead social worker `{marked}` to see child "
                   f"`{name}` alone: add `contact {name} by {marked} every 2 weeks "
                   f"{{ alone }}` (or as often as agreed) ({_T3})")
    return Finding(child.header, message, related, within=plan.span)


def _how_seen(contact: m.Contact, leads: set[str]) -> str:
    child = contact.child.name
    by = _by(contact)
    if by in leads:
        return f"{child} is seen here by `{by}`, not alone"
    who = f"`{by}`" if by is not None else "someone"
    alone = "alone" if contact.alone else "not alone"
    return f"{child} is seen here {alone}, by {who}, who is not the lead social worker"


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
    """A core group member, family and children included, who has not signed the plan.

    Signed by everyone, the plan is a written agreement: each member, parents included,
    has agreed to their part in it.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Be signed by all members
    of the Core Group including family members. The plan therefore will form a written
    agreement between all members of the Core Group".

    Severity: warning ("should", 002_107d890e8677bac8.txt, section 3).

    Reading: "all members" includes a child who is a member (role `child`): a child old
    enough to be in the core group signs like every member. The one member not asked is
    an `interpreter`, who carries the plan into the family's language and is no party to
    the agreement. Excluded people are not members and do not sign. A signature counts
    whatever its date.

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
                                     f"the core group, family and children included, should "
                                     f"sign it (`signed {name} DATE`) ({_T3})", within=plan.span)


@rule("CP509", "disagreement-without-reason", Severity.WARNING,
      "a recorded disagreement with no reason")
def disagreement_without_reason(context: Context) -> Iterator[Finding]:
    """A recorded disagreement that does not give its reason.

    A disagreement with the family is acknowledged, not hidden: the reason lets the
    review conference weigh it.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Acknowledge and give
    reasons for any disagreements with family members about how to best safeguard and
    promote the welfare of the child"; 000_5146a52aabc1ef30.txt, section 6: the report
    "should also indicate any areas of dissent".

    Severity: warning ("should", 002_107d890e8677bac8.txt, section 3).

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

    Severity: warning ("should", 001_0cf4b60ac317783c.txt; "will establish",
    000_5146a52aabc1ef30.txt, section 1).

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


@rule("CP511", "missing-category", Severity.WARNING, "no category of abuse or neglect")
def missing_category(context: Context) -> Iterator[Finding]:
    """A plan that names no category of abuse or neglect, where the procedures need one.

    The conference decides the category the child is subject to a plan under, and the
    assessment and the outcomes follow from it.

    Source: national guidance, through the profile setting `categories-required`, whose
    source the message cites. In England, Working Together 2023 names the categories a
    child is made subject to a plan under: "Physical, Emotional, Neglect or Sexual abuse"
    (PROFILES.md E5, a local page that restates it); in Wales, "physical, emotional,
    psychological, financial or sexual abuse or neglect" (PROFILES.md W6). In Scotland it
    is "not necessary to identify a category of registration" (National Guidance 2021,
    para 1.88, PROFILES.md S5).

    Severity: warning. The national texts name the categories without a "must" or a
    "should"; the catalogue (RULES.md, CP511) makes the rule a warning because a plan in
    England, Wales or Northern Ireland is made under a category, and a plan that names
    none leaves it to be guessed.

    Reading: the profile decides. With `profile scotland` the rule asks nothing. A
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
    made".

    Severity: warning ("will be responsible", 000_5146a52aabc1ef30.txt, section 6).

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


@rule("CP513", "missing-outcomes", Severity.WARNING,
      "a plan with no need, no outcome or no action")
def missing_outcomes(context: Context) -> Iterator[Finding]:
    """A plan with no need, no outcome or no action: the heart of the plan is missing.

    The needs found by the assessment, the outcomes wanted for the child and the actions
    that reach them are what the plan is; the rest of it supports them.

    Source: 002_107d890e8677bac8.txt, section 3: the plan "should include; Identification
    of the child's needs derived from the findings of the Single Assessment; ...
    Specific, achievable, child-focused outcomes; Realistic strategies and specific
    actions to achieve the planned outcomes"; 003_53fa38a38afc9856.txt: "The plan should
    clearly identify what the need is for the child; what outcomes are desired for the
    child; and what actions are required".

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: one finding, at the `plan` line, names every part that is missing. A
    dropped action (`status dropped "why"`) is no longer part of the plan, so a plan
    whose every action is dropped has no action. The rules that tie one part to another
    say nothing about a part that is missing altogether: a plan with needs and no
    outcome is this rule's, not also CP210's for each need (and likewise CP203, CP208 and
    CP209).

    Fails:
        child amy { name "Amy Example"  born 2019-04-12 }
        need health "Amy's health needs are not being met"

    Passes:
        child amy { name "Amy Example"  born 2019-04-12 }
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    plan = context.plan
    live = facts.live_actions(plan)
    missing = [what for what, there in (("no need", plan.needs), ("no outcome", plan.outcomes))
               if not there]
    if not live:
        missing.append("no action that is not dropped" if plan.actions else "no action")
    if not missing:
        return
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    yield Finding(plan.header, f"the plan has {listed}: it should include the child's needs, "
                               "the outcomes wanted for the child and the actions to reach them "
                               f"(`need`, `outcome` and `action`) ({_T3})", within=plan.span)


@rule("CP514", "assessment-after-review", Severity.WARNING,
      "an assessment due after the first review conference")
def assessment_after_review(context: Context) -> Iterator[Finding]:
    """An assessment due after the first review conference, which is to hear it done.

    The first review conference judges the plan on the assessment's findings: due after
    it, the assessment comes too late for the review to weigh.

    Source: 003_53fa38a38afc9856.txt, flow chart: "SINGLE ASSESSMENT (completed by RCPC)"
    (RCPC: the review child protection conference); the agenda for the core group before
    the review, item 9: "[FIRST REVIEW CORE GROUP] – PROGRESS OF THE ASSESSMENT: (Date
    for completion and arrangements for providing a copy to family members, core group
    members and independent chair)"; 002_107d890e8677bac8.txt, section 2: "the outcome
    of the completed Single Assessment will also be presented to the Review Conference".

    Severity: warning ("will also be presented", 002_107d890e8677bac8.txt, section 2).

    Reading: the first review conference is the earliest `conference review` with a real
    date, and the rule judges the plan while that review is still to come (on or after
    `--today`): once it has been held, an assessment arranged there for a new need may
    rightly be due later, and the plan does not record when an assessment was arranged.
    An assessment due on the day of the review is in time. Every `assessment` counts: a
    specialist assessment is part of the one the review hears (pieces of the work "may
    be contracted out ... and a report submitted to the core group for inclusion in the
    overall assessment", 000_5146a52aabc1ef30.txt, section 6). An assessment with no
    `due` date is CP512's.

    Fails:
        conference review 2026-04-08
        assessment "Parenting assessment of Kerry" { due 2026-05-01 }

    Passes:
        conference review 2026-04-08
        assessment "Parenting assessment of Kerry" { due 2026-03-27 }
    """
    reviews = facts.review_conferences(context.plan)
    if not reviews or reviews[0].date.value < context.today:
        return
    review = reviews[0].date
    for assessment in context.plan.assessments:
        due = assessment.due
        if due is None or due.value is None or due.value <= review.value:
            continue
        yield Finding(due.span, f"this assessment is due {due.text}, after the first review "
                                f"conference ({review.text}), which is to hear it completed: "
                                f"bring its due date forward to {review.text} or before "
                                f"({_F_FLOW}; {_T2})",
                      (Related(f"the first review conference is on {review.text}", review.span),))


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
    missing_outcomes, assessment_after_review,
)
