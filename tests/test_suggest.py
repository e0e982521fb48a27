""""Did you mean ...?": one slip of a finger is likely, whatever the word's length."""

from __future__ import annotations

import pytest

from cpdsl.suggest import close_matches, only_match

CORE_GROUP = ["sam", "jo", "ria", "kerry", "tom", "amy"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("rai", "ria"),  # two letters swapped
    ("sma", "sam"),
    ("kery", "kerry"),  # a letter missed
    ("kerryy", "kerry"),  # one added
    ("amx", "amy"),  # one changed
    ("SAM", "sam"),  # case
])
def test_one_slip_has_one_meaning(typed, meant):
    assert only_match(typed, CORE_GROUP) == meant


def test_a_short_word_needs_more_than_one_slip_to_be_unlikely():
    assert close_matches("xyz", CORE_GROUP) == []
    assert close_matches("jp", CORE_GROUP) == []  # two letters: one slip is half the word


def test_several_likely_meanings_make_no_safe_replacement():
    assert close_matches("tim", ["tom", "tam", "jo"]) == ["tom", "tam"]
    assert only_match("tim", ["tom", "tam", "jo"]) is None


def test_the_closest_comes_first_and_at_most_three():
    found = close_matches("health-visiter", ["health-visitor", "health-visitors", "teacher",
                                             "health-visit", "health"])
    assert found[0] == "health-visitor" and len(found) <= 3


def test_two_ids_one_slip_away_are_both_offered():
    assert close_matches("tam", CORE_GROUP) == ["sam", "tom"]
