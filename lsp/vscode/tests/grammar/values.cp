# SYNTAX TEST "source.cpdsl" "dates, times, numbers, durations and braces"
plan "Values" {
  contact amy by sam every 10 working days { alone }
# ^^^^^^^ keyword.control.statement.cpdsl
#         ^^^ variable.other.cpdsl
#             ^^ keyword.other.field.cpdsl
#                ^^^ variable.other.cpdsl
#                    ^^^^^ keyword.other.cpdsl
#                          ^^ constant.numeric.integer.cpdsl
#                             ^^^^^^^^^^^^ keyword.other.unit.cpdsl
#                                          ^ punctuation.section.block.begin.cpdsl
#                                            ^^^^^ keyword.other.field.cpdsl
#                                                  ^ punctuation.section.block.end.cpdsl
  contact ben by jo every 1 day
#                         ^ constant.numeric.integer.cpdsl
#                           ^^^ keyword.other.unit.cpdsl
  contact ben by ria every 3 months
#                          ^ constant.numeric.integer.cpdsl
#                            ^^^^^^ keyword.other.unit.cpdsl
  core-groups every 2 weeks
#                   ^ constant.numeric.integer.cpdsl
#                     ^^^^^ keyword.other.unit.cpdsl
  child amy { born 2019-04-12 }
#                  ^^^^^^^^^^ constant.numeric.date.cpdsl
  amended 2026-02-30
#         ^^^^^^^^^^ constant.numeric.date.cpdsl
  meeting core-group 2026-01-22 { time 9:05 }
#                                      ^^^^ constant.numeric.time.cpdsl
  meeting core-group 2026-02-19 { time 15:30 }
#                                      ^^^^^ constant.numeric.time.cpdsl
  amended 2026-1-12 1st-visit 2026-01-123
#         ^^^^^^^^^ source.cpdsl - constant.numeric.date.cpdsl constant.numeric.integer.cpdsl
#                   ^^^^^^^^^ source.cpdsl - constant.numeric.integer.cpdsl variable.other.cpdsl
#                             ^^^^^^^^^^^ source.cpdsl - constant.numeric.date.cpdsl constant.numeric.integer.cpdsl
  due 42
#     ^^ constant.numeric.integer.cpdsl
}
# <- punctuation.section.block.end.cpdsl
