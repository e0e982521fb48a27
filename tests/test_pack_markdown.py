"""The Markdown renderer of the pack: plan text is text, whatever it holds."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from cpdsl.pack.document import BLANK, Bullets, Pack, Para, Section, Span, Table, ident, \
    with_code
from cpdsl.pack.markdown import _escape, _inline, render_markdown

MARKUP = "\\`*_[]<>#|"


@given(st.text())
def test_escaped_text_reads_back_as_the_text_with_its_spaces_made_one(text):
    escaped = _escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == re.sub(r"\s+", " ", text)
    unescaped = re.sub(r"\\.", "", escaped)
    assert not any(mark in unescaped for mark in MARKUP)


@given(st.text(min_size=1))
def test_a_table_cell_holds_its_text_whatever_it_is(text):
    pack = _pack((Section(1, "TITLE", (Table(("a", "b"), (((Span(text),), ()),)),)),))
    row = render_markdown(pack).splitlines()[-1]
    assert len(re.findall(r"(?<!\\)\|", row)) == 3  # the row's own three pipes only


def test_bold_runs_keep_their_ids_inside():
    spans = (Span("Outcome ", "strong"), ident("meals"), Span(": Amy *eats*", "strong"),
             Span(" (by 2026-04-01)"))
    assert _inline(spans) == "**Outcome `meals`: Amy \\*eats\\*** (by 2026-04-01)"


def test_cplints_own_messages_show_their_ids_as_code():
    assert _inline(with_code("member `ria` has not signed [x]")) == (
        "member `ria` has not signed \\[x\\]")
    assert _inline(with_code("an odd ` backtick")) == "an odd \\` backtick"


def test_blanks_and_paragraph_lines():
    pack = _pack((Section(2, "T", (Para(((Span("Note taker: "), BLANK),
                                         (Span("Chair: a_b"),))),
                                   Bullets(((Span("x"),),), ticks=True,
                                           lead=(Span("Who"),)))),))
    text = render_markdown(pack)
    assert "## 2. T\n\nNote taker: ____  \nChair: a\\_b\n\nWho\n- [ ] x\n" in text


def _pack(notes) -> Pack:
    return Pack("AGENDA", None, "Plan <b>", None, dt.date(2026, 3, 19), None, (), (),
                ((1, "ITEM"),), "NOTES OF CORE GROUP MEETING HELD (TIME, 2026-03-19, VENUE)",
                None, notes, ())
