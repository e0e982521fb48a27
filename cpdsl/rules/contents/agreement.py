"""CP5, agreement to the plan: every member signs it, and a disagreement gives its reason
(CP508, CP509)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.citations import T
from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule

_T3 = f"{T}, section 3"

# Members not asked to sign (CP508): an interpreter, who is no party to the plan.
_NOT_SIGNING = ("interpreter",)


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
        # No fix: a signature is a person's act on a day; cplint must not write one.
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
        elif not facts.has_text(disagreement.reason):
            yield Finding(disagreement.reason.span, f"the reason for {who} is empty ({_T3})")


RULES = (unsigned_plan, disagreement_without_reason)
