"""Facts about the people of a plan: members by id, the lead social worker, who is
family, a child's age, which children the core group asks for, whose name is a child's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cpdsl import model as m
from cpdsl.profile import Profile
from cpdsl.vocabulary import FAMILY_ROLES, ROLES


def members_by_id(plan: m.Plan) -> dict[str, m.Member]:
    """The core group's members by their id (the last, where an id is defined twice)."""
    return {member.id.name: member for member in plan.members}


def is_family(person: m.Member | m.Exclusion) -> bool:
    """Whether a member or excluded person is family: role `parent`, `carer` or
    `relative`."""
    return person.role is not None and person.role.text in FAMILY_ROLES


def lead(plan: m.Plan) -> m.Member | None:
    """The first member marked `lead`: the keyworker, lead social worker or care and
    support protection co-ordinator (000_5146a52aabc1ef30.txt, appendix;
    001_0cf4b60ac317783c.txt, core group membership)."""
    return next((member for member in plan.members if member.lead), None)


def lead_social_workers(plan: m.Plan) -> set[str]:
    """The ids of whoever is the lead social worker: the members marked `lead`, or, with
    none, the members whose role is `social-worker` (002_107d890e8677bac8.txt, section 3:
    the child is "seen by the child's Lead Social Worker")."""
    marked = {member.id.name for member in plan.members if member.lead}
    if marked:
        return marked
    return {member.id.name for member in plan.members
            if member.role is not None and member.role.text == "social-worker"}


def is_unborn(child: m.Child) -> bool:
    """Whether a child is not yet born: `expected`, and no `born`."""
    return child.expected is not None and child.born is None


def age_on(born: dt.date, day: dt.date) -> int:
    """A person's age in whole years on `day` (born on 29 February, a year older on
    1 March in years without one); negative before they are born."""
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


# The age from which a child is asked for in the core group where a profile does not say:
# cplint's reading of "children of sufficient age and understanding"
# (002_107d890e8677bac8.txt, section 2).
CORE_GROUP_MEMBER_AGE = 12


def core_group_member_age(profile: Profile) -> int:
    """The age from which a child is asked for in the core group: the profile's
    `core-group-member-age`, else 12 (cplint's reading of "sufficient age and
    understanding", 002_107d890e8677bac8.txt, section 2)."""
    return profile.number("core-group-member-age", CORE_GROUP_MEMBER_AGE)


def asked_for(child: m.Child, today: dt.date, age: int) -> bool:
    """Whether the core group asks for a child: born on a date that exists and `age`
    years old or older today (001_0cf4b60ac317783c.txt, core group membership)."""
    born = child.born
    return born is not None and born.value is not None and age_on(born.value, today) >= age


def names_of_child(child: m.Child) -> set[str]:
    """A child's name and known-as, casefolded and stripped, as `has_name_in` compares."""
    return {text.value.strip().casefold() for text in (child.name, child.known_as)
            if text is not None and text.value.strip()}


def has_name_in(person: m.Member | m.Exclusion, names: set[str]) -> bool:
    """Whether a person's name is one of `names` (casefolded and stripped)."""
    return person.name is not None and person.name.value.strip().casefold() in names


def same_name(person: m.Member | m.Exclusion, child: m.Child) -> bool:
    """Whether a member or excluded person has a child's name or known-as (case and
    surrounding spaces aside): the child themselves, in the core group."""
    return has_name_in(person, names_of_child(child))


def any_role_unknown(people: Iterable[m.Member | m.Exclusion]) -> bool:
    """Whether someone's role is missing or not a known role: they may be the person
    one looks for (a family member, a team manager)."""
    return any(person.role is None or person.role.text not in ROLES for person in people)
