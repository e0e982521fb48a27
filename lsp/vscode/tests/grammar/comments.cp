# SYNTAX TEST "source.cpdsl" "comments and suppression comments"
# A comment on a line of its own.
# <- comment.line.number-sign.cpdsl punctuation.definition.comment.cpdsl
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.cpdsl
plan "Comments" {  # after code, a comment runs to the end of the line
#                  ^ comment.line.number-sign.cpdsl punctuation.definition.comment.cpdsl
#                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.cpdsl
# <--- keyword.control.plan.cpdsl - comment.line.number-sign.cpdsl
  chair sam  # cplint: ignore[CP302] second chair agreed by phone with the team manager
#            ^ comment.line.number-sign.suppression.cpdsl punctuation.definition.comment.cpdsl
#              ^^^^^^ comment.line.number-sign.suppression.cpdsl keyword.other.directive.cpdsl
#                    ^ comment.line.number-sign.suppression.cpdsl punctuation.separator.key-value.cpdsl
#                      ^^^^^^ comment.line.number-sign.suppression.cpdsl keyword.control.suppression.cpdsl
#                            ^ comment.line.number-sign.suppression.cpdsl punctuation.definition.list.begin.cpdsl
#                             ^^^^^ comment.line.number-sign.suppression.cpdsl support.constant.rule.cpdsl
#                                  ^ comment.line.number-sign.suppression.cpdsl punctuation.definition.list.end.cpdsl
#                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.suppression.cpdsl
#                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - support.constant.rule.cpdsl keyword.control.suppression.cpdsl
  # cplint: ignore-file[CP302, unowned-action,CP5] the whole file, several codes
# ^ comment.line.number-sign.suppression.cpdsl punctuation.definition.comment.cpdsl
#           ^^^^^^^^^^^ comment.line.number-sign.suppression.cpdsl keyword.control.suppression.cpdsl
#                       ^^^^^ support.constant.rule.cpdsl
#                            ^ punctuation.separator.comma.cpdsl
#                              ^^^^^^^^^^^^^^ support.constant.rule.cpdsl
#                                            ^ punctuation.separator.comma.cpdsl
#                                             ^^^ support.constant.rule.cpdsl
  #cplint:ignore[CP107]reason
# ^ comment.line.number-sign.suppression.cpdsl punctuation.definition.comment.cpdsl
#  ^^^^^^ keyword.other.directive.cpdsl
#         ^^^^^^ keyword.control.suppression.cpdsl
#                ^^^^^ support.constant.rule.cpdsl
  # cplint: not a suppression, so a plain comment
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.cpdsl
#   ^^^^^^ - keyword.other.directive.cpdsl
  name "# not a comment inside a string"
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.cpdsl - comment.line.number-sign.cpdsl
}  # closing
#  ^^^^^^^^^ comment.line.number-sign.cpdsl
