"""The parser builds the model the plan describes, with exact spans."""

import datetime as dt
from pathlib import Path

from cpdsl import model as m
from cpdsl.parsing import PieceCache, parse

AMY = (Path(__file__).parents[1] / "examples" / "amy.cp").read_text(encoding="utf-8")


def test_example_builds_every_part():
    result = parse(AMY)
    plan = result.plan
    assert result.syntax_errors == ()
    assert plan.title == m.Text("Amy Example")
    assert plan.profile == m.Word("england")
    assert plan.reference == m.Text("CP-2026-0042")
    assert plan.categories == (m.Word("neglect"),)
    assert [c.id.name for c in plan.children] == ["amy"]
    assert plan.children[0].born.value == dt.date(2019, 4, 12)
    assert [(c.kind.text, c.date.value) for c in plan.conferences] == [
        ("initial", dt.date(2026, 1, 12)), ("review", dt.date(2026, 4, 8))]
    assert plan.conferences[0].concerns[0].value.startswith("Amy is often not brought")
    sam = plan.members[0]
    assert (sam.id.name, sam.role.text, sam.lead) == ("sam", "social-worker", True)
    assert [x.id.name for x in plan.members] == ["sam", "jo", "ria", "kerry"]
    assert plan.exclusions[0].informed_by == m.Ident("sam")
    assert (plan.chair, plan.second_chair) == (m.Ident("sam"), m.Ident("jo"))
    assert plan.needs[0].domains == (m.Word("health"),)
    outcome = plan.outcomes[0]
    assert outcome.needs == (m.Ident("health"),) and outcome.by.value == dt.date(2026, 4, 1)
    action = plan.actions[0]
    assert (action.owner, action.support) == (m.Ident("kerry"), (m.Ident("jo"),))
    assert action.outcomes == (m.Ident("appointments"),)
    contact = plan.contacts[0]
    assert (contact.child.name, contact.by.name, contact.alone) == ("amy", "sam", True)
    assert contact.every == m.Duration(2, "weeks")
    assert plan.contingency.value.startswith("If Amy misses two appointments in a row")
    assert plan.contingency.triple_quoted
    assert [v.subject.name for v in plan.views] == ["child", "parents"]
    assert plan.core_groups.every == m.Duration(4, "weeks")
    meeting = plan.meetings[0]
    assert meeting.attended == (m.Ident("sam"), m.Ident("jo"), m.Ident("kerry"))
    assert meeting.apologies == (m.Absence(m.Ident("ria"), True),)
    assert meeting.minutes_circulated.value == dt.date(2026, 1, 27)


def test_spans_are_one_based_and_end_exclusive():
    plan = parse(AMY).plan
    line = AMY.split("\n").index("  chair sam") + 1
    assert plan.chair.span == m.Span(line, 9, line, 12)
    member = plan.members[0]
    member_line = next(i for i, t in enumerate(AMY.split("\n"), 1) if t.startswith("  member sam"))
    assert member.span.line == member_line and member.span.column == 3
    assert member.header == m.Span(member_line, 3, member_line, 13)
    assert plan.header.line == 2


def test_spans_stay_out_of_equality():
    moved = "\n\n# moved down\n" + AMY.replace("  ", "    ")
    assert parse(moved).plan == parse(AMY).plan
    assert parse(moved).plan.chair.span != parse(AMY).plan.chair.span


def test_comments_are_collected_with_their_places():
    comments = parse(AMY).comments
    first = "# Training example: a neglect plan after the initial conference."
    assert comments[0] == m.Comment(first)
    assert comments[0].span == m.Span(1, 1, 1, len(comments[0].text) + 1)
    assert any("whose procedures" in c.text for c in comments)


def test_text_values():
    text = ('plan "A \\"quoted\\" title \\\\ end" {\n  contingency """First line\n'
            '      indented more\n    back\n  """\n}\n')
    plan = parse(text).plan
    assert plan.title.value == 'A "quoted" title \\ end'
    assert plan.contingency.value == "First line\n  indented more\nback"


def test_keywords_are_whole_words():
    text = 'plan "x" {\n  member sam { name "Sam" role parent }\n  chairs sam\n}\n'
    errors = parse(text).syntax_errors
    assert [(e.code, e.span.line, e.span.column) for e in errors] == [("CP101", 3, 3)]


def test_bom_and_crlf_are_read():
    text = AMY.replace("\n", "\r\n")
    result = parse(text)
    assert result.syntax_errors == ()
    assert result.plan == parse(AMY).plan


def _trees(cache):
    return [key for key in cache._entries if len(key) == 2]


def _placed(cache):
    return [key for key in cache._entries if len(key) == 4]


def test_cache_reuses_unchanged_pieces_and_places_them_anew():
    cache = PieceCache()
    first = parse(AMY, cache)
    trees = len(_trees(cache))
    shifted = AMY.replace("  chair sam\n", "  chair sam\n\n\n")
    second = parse(shifted, cache)
    assert len(_trees(cache)) <= trees + 2  # only the pieces around the edit are parsed
    assert second.plan == first.plan
    assert second.plan.meetings[0].span.line == first.plan.meetings[0].span.line + 2
    assert second.plan == parse(shifted).plan


def test_typing_within_a_line_rebuilds_only_that_piece():
    cache = PieceCache()
    parse(AMY, cache)
    placed = len(_placed(cache))
    edited = AMY.replace('reference "CP-2026-0042"', 'reference "CP-2026-0043"')
    result = parse(edited, cache)
    assert len(_placed(cache)) == placed + 1
    assert result.plan == parse(edited).plan
    assert result.plan.reference.value == "CP-2026-0043"


def test_cached_errors_name_the_right_line():
    cache = PieceCache()
    broken = 'plan "x" {\n  member sam {\n    name "Sam"\n  member jo { name "Jo" }\n}\n'
    parse(broken, cache)
    later = broken.replace('plan "x" {\n', 'plan "x" {\n\n\n')
    errors = parse(later, cache).syntax_errors
    assert errors[0].message.startswith("this `{` opened on line 4 ")
    assert errors[0].span.line == 4


def test_nodes_are_frozen_hashable_and_readable():
    import attrs
    import pytest

    a = m.Ident("sam", m.Span(1, 1, 1, 4))
    b = m.Ident("sam", m.Span(9, 9, 9, 12))
    assert a == b and hash(a) == hash(b) and a != m.Ident("jo")
    assert m.Ident("sam") != m.Word("sam")
    assert repr(a) == "Ident(name='sam')"
    assert repr(m.Span(1, 2, 3, 4)) == "Span(line=1, column=2, end_line=3, end_column=4)"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.name = "jo"


def test_recovery_leaves_what_was_read_as_it_was():
    # Trying repairs once fed Lark's tree callbacks, which extended the trees already
    # read: `role` came back seven times and `jo` dozens.
    text = ('plan "x" {\n  member sam { name "Sam Patel" role social-worker leed }\n'
            '  action a "x" { support jo %% }\n  meeting core-group 2026-01-22 '
            '{ attended sam jo %% }\n}\n')
    plan = parse(text).plan
    assert plan.members[0].repeats == ()
    assert plan.members[0].role == m.Word("social-worker")
    assert plan.actions[0].support == (m.Ident("jo"),)
    assert plan.meetings[0].attended == (m.Ident("sam"), m.Ident("jo"))


def test_a_block_reads_the_same_with_crlf_line_endings_and_a_bom_is_not_text():
    text = 'plan "x" {\n  contingency """\n    a\n\n    b\n  """\n}\n'
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    assert parse(crlf).syntax_errors == ()
    assert parse(crlf).plan == parse(text).plan
    assert parse(text).plan.contingency.value == "a\n\nb"


COPIES = '''plan "Ada Sample" {
  member kerry {
    name "Kerry Example"
    role parent
    interpreter "Polish"
    accessible-format "Easy read"
  }
  conference reconvened 2026-02-16 { reason "Police were called to the home again" }
  copy kerry 2026-01-22 { format "Polish" }
  copy kerry 2026-01-23
  amended 2026-02-19
  amended 2026-02-26
  moved 2026-03-02 { to "Southtown Council" }
}
'''


def test_copies_amendments_a_move_and_a_member_s_communication_needs():
    result = parse(COPIES)
    plan = result.plan
    assert result.syntax_errors == ()
    kerry = plan.members[0]
    assert (kerry.interpreter, kerry.accessible_format) == (m.Text("Polish"),
                                                             m.Text("Easy read"))
    assert kerry.interpreter.span == m.Span(5, 17, 5, 25)
    assert plan.copies == (
        m.Copy(m.Ident("kerry"), m.Date("2026-01-22", dt.date(2026, 1, 22)), m.Text("Polish")),
        m.Copy(m.Ident("kerry"), m.Date("2026-01-23", dt.date(2026, 1, 23))))
    first = plan.copies[0]
    assert (first.span, first.header) == (m.Span(9, 3, 9, 44), m.Span(9, 3, 9, 24))
    assert [a.date.value for a in plan.amendments] == [dt.date(2026, 2, 19),
                                                        dt.date(2026, 2, 26)]
    assert plan.amendments[0].span == m.Span(11, 3, 11, 21)
    assert plan.moved == m.Move(m.Date("2026-03-02", dt.date(2026, 3, 2)),
                                m.Text("Southtown Council"))
    assert plan.moved.header == m.Span(13, 3, 13, 19)
    conference = plan.conferences[0]
    assert (conference.kind, conference.reason) == (
        m.Word("reconvened"), m.Text("Police were called to the home again"))
    assert plan.repeats == ()


def test_once_only_fields_of_the_new_statements_repeat_as_others_do():
    text = ('plan "x" {\n'
            '  member kerry { interpreter "Polish"  interpreter "Urdu"'
            '  accessible-format "a"  accessible-format "b" }\n'
            '  copy kerry 2026-01-22 { format "Polish"  format "Urdu" }\n'
            '  moved 2026-02-02 { to "Southtown Council"  to "Eastown Council" }\n'
            '  moved 2026-02-09\n'
            '  conference reconvened 2026-02-16 { reason "a"  reason "b" }\n'
            '}\n')
    plan = parse(text).plan
    assert [(r.keyword, r.value) for r in plan.members[0].repeats] == [
        ("interpreter", m.Text("Urdu")), ("accessible-format", m.Text("b"))]
    assert plan.members[0].interpreter == m.Text("Polish")
    assert [(r.keyword, r.value) for r in plan.copies[0].repeats] == [("format", m.Text("Urdu"))]
    assert plan.moved.to == m.Text("Southtown Council")
    assert [(r.keyword, r.value) for r in plan.moved.repeats] == [
        ("to", m.Text("Eastown Council"))]
    assert [r.keyword for r in plan.repeats] == ["moved"]
    assert plan.repeats[0].span.line == 5
    assert [(r.keyword, r.value) for r in plan.conferences[0].repeats] == [
        ("reason", m.Text("b"))]


def test_the_plan_level_accessible_format_keeps_its_meaning():
    text = ('plan "x" {\n  accessible-format "Large print"\n'
            '  member kerry { accessible-format "Easy read" }\n}\n')
    plan = parse(text).plan
    assert plan.accessible_format == m.Text("Large print")
    assert plan.members[0].accessible_format == m.Text("Easy read")


def test_a_copy_to_someone_undefined_is_an_undefined_reference():
    from cpdsl.lint import lint_text

    text = ('plan "x" {\n  member kerry { name "Kerry Example"  role parent }\n'
            '  copy kery 2026-01-22\n}\n')
    [finding] = [d for d in lint_text(text, dt.date(2026, 3, 1)) if d.code == "CP103"]
    assert finding.message == (
        "`copy kery`: no member, child or excluded person has the id `kery`; did you mean "
        "`kerry`?")
    assert (finding.span.line, finding.span.column) == (3, 8)
