"""CP5, what the plan is for: the reasons for concern, the category of abuse or neglect,
and the needs, outcomes and actions at its heart (CP510, CP511, CP513)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.citations import B, T
from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.naming import setting_source

_B1 = f"{B}, section 1"
_T3 = f"{T}, section 3"


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
    if any(facts.has_text(concern) for conference in plan.conferences
           for concern in conference.concerns):
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
    source = setting_source(context.profile, "categories-required") or "national guidance"
    yield Finding(plan.header, f"no category of abuse or neglect: the {context.profile.name} "
                               "profile asks the plan to name one (`category neglect`) "
                               f"({source})", within=plan.span)


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


RULES = (missing_concerns, missing_category, missing_outcomes)
