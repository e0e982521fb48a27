"""The open documents' memory: the piece cache trimmed to what the text needs, and parse
trees kept only for the documents analysed last."""

from __future__ import annotations

import datetime as dt

from cpdsl_lsp.documents import Documents
from lsp_client import example

from cpdsl.analysis import analyse
from cpdsl.parsing import PieceCache

TODAY = dt.date(2026, 3, 1)
PLAN = example("good/neglect.cp")


def entries(cache: PieceCache) -> int:
    return len(cache._entries)


def test_trimming_keeps_what_the_last_parse_used():
    cache = PieceCache()
    analyse(PLAN, cache, today=TODAY)
    cache.trim(spare=0)
    opened = entries(cache)
    for n in range(30):  # thirty versions of one line typed
        analyse(PLAN.replace("Amy Example", f"Amy Example {n}"), cache, today=TODAY)
        cache.trim(spare=0)
    assert entries(cache) <= opened + 4  # the pieces that changed, not thirty versions


def test_released_trees_are_parsed_again_only_where_a_piece_moves():
    cache = PieceCache()
    first = analyse(PLAN, cache, today=TODAY)
    cache.release_trees()
    assert all(len(key) == 4 for key in cache._entries)  # the built pieces stay
    again = analyse(PLAN, cache, today=TODAY)
    assert again.diagnostics == first.diagnostics
    moved = analyse("\n" + PLAN, cache, today=TODAY)  # every piece a line lower
    assert [d.span.line for d in moved.diagnostics] == [d.span.line + 1
                                                         for d in first.diagnostics]


def test_only_the_documents_analysed_last_keep_their_trees():
    documents = Documents()
    states = [documents.open(f"file:///plans/{n}.cp", PLAN, 1) for n in range(5)]
    for state in states:
        state.analysis(lambda s: analyse(s.text, s.cache, today=TODAY), 0)
        documents.analysed(state)
    assert [state.has_trees for state in states] == [False, False, True, True, True]
    assert all(len(key) == 4 for key in states[0].cache._entries)
    states[0].analysis(lambda s: analyse(s.text + " ", s.cache, today=TODAY), 1)
    documents.analysed(states[0])
    assert [state.has_trees for state in states] == [True, False, False, True, True]
