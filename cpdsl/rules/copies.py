"""CP5, copies of the plan: each member given one they can use, and an amended plan signed
and circulated again (CP515, CP516).

Readings shared by the rules of this family:

- The plan in force is the plan as last `amended` (the latest `amended DATE` whose date
  names a day); a copy or a signature of it is one dated on or after that day. A plan
  never amended is in force as first agreed, and any copy is a copy of it.
- A date that names no day (CP104's) neither counts for a member nor against them: a
  copy or a signature with such a date counts as given, and an `amended` with one is
  not read.
- One finding for one fault: a member who has never signed the plan is CP508's, and a
  member with no copy in the language or format they need is CP515's; CP516 lists the
  others.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from cpdsl import model as m
from cpdsl.citations import T
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule

_T3 = f"{T}, section 3"
# Members not asked to sign (as CP508) nor given copies: an interpreter carries the plan
# into the family's language and is no party to it.
_NO_PARTY = ("interpreter",)
_SPACES = re.compile(r"[\s_-]+")


class _Need(NamedTuple):
    """A member's communication need: the language or format their copy must be in."""

    text: m.Text
    described: str  # `an interpreter in Polish`, `the plan in "easy read"`
    shown: str  # how the copy's format is named: `Polish`, `"easy read"`
    duty: str  # what the guidance asks, in the message


@rule("CP515", "copy-not-accessible", Severity.ERROR,
      "a member who needs an interpreter or an accessible format with no copy in it")
def copy_not_accessible(context: Context) -> Iterator[Finding]:
    """A member who needs an interpreter (`interpreter "Polish"`) or the plan in an
    accessible format (`accessible-format "easy read"`) and has no copy of the plan in
    force in that language or format (`copy ID DATE { format "..." }`).

    A plan is a written agreement: a member who cannot read their copy cannot keep to it,
    nor say where they disagree. The family is given the plan in their language, and a
    parent who needs it is given a copy they can understand.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Be constructed with the
    family in their preferred language/communication method and they should be given a
    copy in that format. Where the parent has a learning disability, care must be taken
    to ascertain their level of understanding and give them a copy of the plan in a
    format that is accessible to them".

    Severity: error ("care must be taken ... give them a copy of the plan in a format
    that is accessible to them", 002_107d890e8677bac8.txt, section 3).

    Reading: the "must" is said of a parent with a learning disability; a member's own
    `accessible-format` or `interpreter` is the record that they need a copy "accessible
    to them", whoever they are (a copy in a language a member cannot read is not
    accessible to them), so the rule judges every member with either need, as an error
    for both. A copy meets a need when it was given to that member and its `format`
    names the need's language or format, case, spaces and hyphens aside (`"Easy Read"`
    meets `"easy-read"`); a copy without `format` is the standard copy, in English. Once
    the plan has been `amended`, the copy must be of the amended plan: dated on or after
    the latest amendment (CP516 asks the rest of the core group for theirs). Each need
    unmet is one finding, at the member's header; empty text (`interpreter ""`) names no
    need.

    Fails:
        member kerry { name "Kerry Example"  role parent  interpreter "Polish" }
        copy kerry 2026-01-22

    Passes:
        member kerry { name "Kerry Example"  role parent  interpreter "Polish" }
        copy kerry 2026-01-22 { format "Polish" }
    """
    plan = context.plan
    amendment = latest_amendment(plan)
    since = amendment.date.value if amendment is not None else None
    for member in plan.members:
        for need in _needs(member):
            copies = [c for c in plan.copies if _to(c, member) and _meets(c, need)]
            if any(_on_or_after(c.date, since) for c in copies):
                continue
            yield _not_accessible(plan, member, need, amendment, copies)


def _not_accessible(plan: m.Plan, member: m.Member, need: _Need,
                    amendment: m.Amendment | None, earlier: list[m.Copy]) -> Finding:
    """The finding for a need no copy of the plan in force meets."""
    name = member.id.name
    which = (f"in {need.shown} of the plan as amended on {amendment.date.value}"
             if amendment is not None else f"of the plan in {need.shown}")
    statement = f"`copy {name} DATE {{ format {_quoted(need.text.value)} }}`"
    related = []
    if amendment is not None:
        related.append(Related(f"the plan was amended on {amendment.date.value}",
                               amendment.span))
        related.extend(Related(f"the copy in {need.shown} given on {c.date.text}, before the "
                               "amendment", c.span) for c in earlier)
    return Finding(member.header,
                   f"member {_who(member)} needs {need.described} and has no copy {which}: "
                   f"{need.duty}; give one and record it ({statement}) ({_T3})",
                   tuple(related), within=plan.span)


@rule("CP516", "amended-plan-not-recirculated", Severity.WARNING,
      "an amended plan not signed again or not circulated to every member")
def amended_plan_not_recirculated(context: Context) -> Iterator[Finding]:
    """A plan `amended` at a core group whose amended copy has not been signed again by
    every member who signed it, or not given to every member (`signed ID DATE`,
    `copy ID DATE`, dated on or after the amendment).

    The signed plan is the core group's written agreement; once a core group changes it,
    the agreement is the amended plan, and each member must have it and sign it so that
    nobody works to the old one.

    Source: 002_107d890e8677bac8.txt, section 3: the plan should "Be adjusted as necessary
    at subsequent Core Group meetings and the amended copy signed and circulated"; and
    "Be signed by all members of the Core Group including family members".

    Severity: warning ("The plan should ... Be adjusted as necessary at subsequent Core
    Group meetings and the amended copy signed and circulated", 002_107d890e8677bac8.txt,
    section 3). The "must" of that section is said of an accessible copy (CP515).

    Reading: the latest `amended` is judged (an earlier amendment is overtaken by it).
    "Signed" asks each member who signed the plan to sign again, with a `signed` dated on
    or after the amendment; a member who never signed is CP508's. "Circulated" asks a
    `copy` to each member dated on or after the amendment (in the language or format a
    member needs: a member whose need no such copy meets is CP515's). The guidance gives
    no time for it, so the rule judges from the day of the amendment. An `interpreter`
    member, no party to the plan, is asked for neither, as in CP508. One finding, at the
    latest `amended`, lists the members, with a note at each.

    Fails:
        member sam { name "Sam Patel"  role social-worker  lead }
        signed sam 2026-01-22
        copy sam 2026-01-22
        amended 2026-02-19

    Passes:
        member sam { name "Sam Patel"  role social-worker  lead }
        signed sam 2026-01-22
        copy sam 2026-01-22
        amended 2026-02-19
        signed sam 2026-02-19
        copy sam 2026-02-23
    """
    plan = context.plan
    amendment = latest_amendment(plan)
    if amendment is None:
        return
    since = amendment.date.value
    unsigned, uncopied = [], []
    for member in plan.members:
        if member.role is not None and member.role.text in _NO_PARTY:
            continue
        signatures = [s for s in plan.signatures if s.member.name == member.id.name]
        if signatures and not any(_on_or_after(s.date, since) for s in signatures):
            unsigned.append(member)
        copies = [c for c in plan.copies if _to(c, member)]
        if not any(_on_or_after(c.date, since) for c in copies) and not _needs(member):
            uncopied.append(member)
    if not unsigned and not uncopied:
        return
    yield Finding(amendment.span, _recirculate_message(since, unsigned, uncopied),
                  _notes(plan.members, unsigned, uncopied), within=plan.span)


def _recirculate_message(since: dt.date, unsigned: list[m.Member],
                         uncopied: list[m.Member]) -> str:
    faults = []
    if unsigned:
        faults.append(f"signed again by {_listed(unsigned)}")
    if uncopied:
        faults.append(f"given to {_listed(uncopied)}")
    statements = ([f"`signed {x.id.name} DATE`" for x in unsigned]
                  + [f"`copy {x.id.name} DATE`" for x in uncopied])
    return (f"the plan amended on {since} has not been {', nor '.join(faults)}: the amended "
            f"copy should be signed and circulated; record {_listed_words(statements)}, "
            f"dated on or after {since} ({_T3})")


def _notes(members: tuple[m.Member, ...], unsigned: list[m.Member],
           uncopied: list[m.Member]) -> tuple[Related, ...]:
    """A note at each member listed, in the plan's order of members."""
    notes = []
    signed_ids = {x.id.name for x in unsigned}
    copied_ids = {x.id.name for x in uncopied}
    for member in members:
        name = member.id.name
        if name not in signed_ids and name not in copied_ids:
            continue
        if name in signed_ids and name in copied_ids:
            what = "has neither signed the amended plan nor been given it"
        elif name in signed_ids:
            what = "has not signed the amended plan"
        else:
            what = "has not been given the amended plan"
        notes.append(Related(f"`{name}` {what}", member.header))
    return tuple(notes)


# -- shared ------------------------------------------------------------------------------


def latest_amendment(plan: m.Plan) -> m.Amendment | None:
    """The latest `amended` whose date names a day (the first of those on one day)."""
    dated = [a for a in plan.amendments if a.date.value is not None]
    return max(dated, key=lambda a: a.date.value, default=None)


def _needs(member: m.Member) -> list[_Need]:
    needs = []
    if _said(member.interpreter):
        language = member.interpreter.value
        needs.append(_Need(member.interpreter, f"an interpreter in {language}", language,
                           "the family should be given a copy in their preferred language, "
                           "and care must be taken to give a copy in a format accessible "
                           "to them"))
    if _said(member.accessible_format):
        shown = _quoted(member.accessible_format.value)
        needs.append(_Need(member.accessible_format, f"the plan in {shown}", shown,
                           "care must be taken to give them a copy of the plan in a format "
                           "that is accessible to them"))
    return needs


def _meets(copy: m.Copy, need: _Need) -> bool:
    return copy.format is not None and _plain(copy.format.value) == _plain(need.text.value)


def _plain(text: str) -> str:
    """A language or format with case, spaces and hyphens aside."""
    return _SPACES.sub("", text.casefold())


def _to(copy: m.Copy, member: m.Member) -> bool:
    return copy.person.name == member.id.name


def _on_or_after(date: m.Date, since: dt.date | None) -> bool:
    """Whether a copy or a signature is of the plan in force: on or after the amendment
    (any date when there is none; a date that names no day counts, as CP104's)."""
    return since is None or date.value is None or date.value >= since


def _said(text: m.Text | None) -> bool:
    return text is not None and bool(text.value.strip())


def _who(member: m.Member) -> str:
    name = member.name.value if member.name is not None and member.name.value else ""
    return f"`{member.id.name}`" + (f" ({name})" if name else "")


def _listed(members: list[m.Member]) -> str:
    return _listed_words([f"`{x.id.name}`" for x in members])


def _listed_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


RULES = (copy_not_accessible, amended_plan_not_recirculated)
