# SYNTAX TEST "source.cpdsl" "the plan header, strings and triple-quoted texts"
plan "Amy \"Example\"" {
# <---- meta.plan.header.cpdsl keyword.control.plan.cpdsl
#    ^ meta.plan.header.cpdsl string.quoted.double.cpdsl punctuation.definition.string.begin.cpdsl
#     ^^^^ meta.plan.header.cpdsl string.quoted.double.cpdsl
#         ^^ string.quoted.double.cpdsl constant.character.escape.cpdsl
#                  ^^ string.quoted.double.cpdsl constant.character.escape.cpdsl
#                    ^ string.quoted.double.cpdsl punctuation.definition.string.end.cpdsl
#                      ^ meta.plan.header.cpdsl punctuation.section.block.begin.cpdsl
  reference "CP-2026-0042"
# ^^^^^^^^^ keyword.control.statement.cpdsl
#           ^^^^^^^^^^^^^^ string.quoted.double.cpdsl
  member sam { contact "Shared folder: \\northtown\cp\sam \n" }
#                      ^^^^^^^^^^^^^^^^ string.quoted.double.cpdsl - constant.character.escape.cpdsl
#                                      ^^ string.quoted.double.cpdsl constant.character.escape.cpdsl
#                                                ^^ string.quoted.double.cpdsl - constant.character.escape.cpdsl
#                                                         ^^ string.quoted.double.cpdsl - constant.character.escape.cpdsl
  communication "A string left open ends with its line
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.cpdsl
  second-chair jo
# ^^^^^^^^^^^^ keyword.control.statement.cpdsl - string.quoted.double.cpdsl
#              ^^ variable.other.cpdsl - string.quoted.double.cpdsl
  contingency """
# ^^^^^^^^^^^ keyword.control.statement.cpdsl
#             ^^^ string.quoted.triple.cpdsl punctuation.definition.string.begin.cpdsl
    If Amy misses two appointments, Sam will call a meeting within
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.triple.cpdsl
#                                                   ^^^^^^^ string.quoted.triple.cpdsl - keyword.control.statement.cpdsl
    5 working days; "quotes", \" and # stay text.
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.triple.cpdsl - constant.numeric.integer.cpdsl keyword.other.unit.cpdsl constant.character.escape.cpdsl comment.line.number-sign.cpdsl
  """
# ^^^ string.quoted.triple.cpdsl punctuation.definition.string.end.cpdsl
  views parents """Kerry agrees the plan."""  # a triple-quoted text on one line
#               ^^^ string.quoted.triple.cpdsl punctuation.definition.string.begin.cpdsl
#                  ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.triple.cpdsl
#                                        ^^^ string.quoted.triple.cpdsl punctuation.definition.string.end.cpdsl
#                                             ^ comment.line.number-sign.cpdsl
}
# <- punctuation.section.block.end.cpdsl
