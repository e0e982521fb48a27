"""Citations for people: a finding's message names the guidance by the short name a
practitioner recognises and its section ("Bolton core group guidance, s3"); the rules'
documentation, `cplint explain` and docs/rules.md keep the file, for whoever checks.

Rules and profiles write citations with the file name, the one thing that cannot be
mistaken; this module turns them into the short names as a message is made.
"""

from __future__ import annotations

import re

# The five guidance files, by the letters RULES.md gives them, for the rules to cite:
# `f"({B}, section 3)"`. One spelling of each, so that every citation is shortened.
B = "000_5146a52aabc1ef30.txt"  # Bolton
W = "001_0cf4b60ac317783c.txt"  # Wales
T = "002_107d890e8677bac8.txt"  # the partnership procedure
F = "003_53fa38a38afc9856.txt"  # the flow chart, agendas and notes
M = "004_256d3034f79780c2.txt"  # West Midlands

SHORT_NAMES = {
    B: "Bolton core group guidance",
    W: "Wales core group procedure",
    T: "Partnership plans and core groups procedure",
    F: "Core group flow chart and agendas",
    M: "West Midlands core groups briefing",
}
_NUMBER = r"\d+(?:\.\d+)?"
_CITATION = re.compile(rf"(\d{{3}}_[0-9a-f]{{16}}\.txt)(?:,? (sections?) ({_NUMBER}"
                       rf"(?: and {_NUMBER})*))?")


def for_people(message: str) -> str:
    """The message with each guidance file named by its short name, and `section 3` as
    `s3` (`sections 2 and 4` as `s2 and s4`)."""
    if ".txt" not in message:
        return message
    return _CITATION.sub(_short, message)


def _short(match: re.Match) -> str:
    name = SHORT_NAMES.get(match.group(1), match.group(1))
    if match.group(2) is None:
        return name
    sections = " and ".join(f"s{number}" for number in match.group(3).split(" and "))
    return f"{name}, {sections}"
