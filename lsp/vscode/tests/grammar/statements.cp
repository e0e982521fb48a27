# SYNTAX TEST "source.cpdsl" "keywords, ids and the values from fixed lists"
plan "Statements" {
  profile england
# ^^^^^^^ keyword.control.statement.cpdsl
#         ^^^^^^^ constant.language.profile.cpdsl
  profile "profiles/northtown.toml"
#         ^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.cpdsl
  category emotional neglect
# ^^^^^^^^ keyword.control.statement.cpdsl
#          ^^^^^^^^^ constant.language.category.cpdsl
#                    ^^^^^^^ constant.language.category.cpdsl
  child maya-m { name "Maya Sample" known-as "May" born 2014-09-03 }
# ^^^^^ keyword.control.statement.cpdsl
#       ^^^^^^ variable.other.cpdsl
#              ^ punctuation.section.block.begin.cpdsl
#                ^^^^ keyword.other.field.cpdsl
#                                   ^^^^^^^^ keyword.other.field.cpdsl
#                                                  ^^^^ keyword.other.field.cpdsl
#                                                                  ^ punctuation.section.block.end.cpdsl
  conference initial 2026-01-19 { recommendation continue { exceptional "Reasons" } }
# ^^^^^^^^^^ keyword.control.statement.cpdsl
#            ^^^^^^^ constant.language.conference-kind.cpdsl
#                    ^^^^^^^^^^ constant.numeric.date.cpdsl
#                                 ^^^^^^^^^^^^^^ keyword.other.field.cpdsl
#                                                ^^^^^^^^ constant.language.recommendation.cpdsl
#                                                           ^^^^^^^^^^^ keyword.other.field.cpdsl
  member time { name "Jo Lee" role health-visitor agency "Westford Health" lead for maya-m }
# ^^^^^^ keyword.control.statement.cpdsl
#        ^^^^ variable.other.cpdsl - keyword.other.field.cpdsl
#                             ^^^^ keyword.other.field.cpdsl
#                                  ^^^^^^^^^^^^^^ constant.language.role.cpdsl
#                                                 ^^^^^^ keyword.other.field.cpdsl
#                                                                          ^^^^ keyword.other.field.cpdsl
#                                                                               ^^^ keyword.other.field.cpdsl
#                                                                                   ^^^^^^ variable.other.cpdsl
  excluded piotr { reason "Bail conditions" informed-by ola }
# ^^^^^^^^ keyword.control.statement.cpdsl
#          ^^^^^ variable.other.cpdsl
#                  ^^^^^^ keyword.other.field.cpdsl
#                                           ^^^^^^^^^^^ keyword.other.field.cpdsl
#                                                       ^^^ variable.other.cpdsl
  chair ola  vice-chair nina
# ^^^^^ keyword.control.statement.cpdsl
#       ^^^ variable.other.cpdsl
#            ^^^^^^^^^^ keyword.control.statement.cpdsl
#                       ^^^^ variable.other.cpdsl
  need weight "Leo is not gaining weight" { domain health basic-care }
# ^^^^ keyword.control.statement.cpdsl
#      ^^^^^^ variable.other.cpdsl
#                                           ^^^^^^ keyword.other.field.cpdsl
#                                                  ^^^^^^ constant.language.domain.cpdsl
#                                                         ^^^^^^^^^^ constant.language.domain.cpdsl
  outcome safe-home "A home free from violence" { need safety weight by 2026-04-10 }
# ^^^^^^^ keyword.control.statement.cpdsl
#         ^^^^^^^^^ variable.other.cpdsl
#                                                 ^^^^ keyword.control.statement.cpdsl
#                                                      ^^^^^^ variable.other.cpdsl
#                                                             ^^^^^^ variable.other.cpdsl
#                                                                    ^^ keyword.other.field.cpdsl
#                                                                       ^^^^^^^^^^ constant.numeric.date.cpdsl
  action weigh "Weigh Leo" { outcome leo-weight owner nina support ewa tia due 2026-04-03 status done "Weighed" }
# ^^^^^^ keyword.control.statement.cpdsl
#        ^^^^^ variable.other.cpdsl
#                                    ^^^^^^^^^^ variable.other.cpdsl
#                                               ^^^^^ keyword.other.field.cpdsl
#                                                     ^^^^ variable.other.cpdsl
#                                                          ^^^^^^^ keyword.other.field.cpdsl
#                                                                  ^^^ variable.other.cpdsl
#                                                                      ^^^ variable.other.cpdsl
#                                                                          ^^^ keyword.other.field.cpdsl
#                                                                                         ^^^^^^ keyword.other.field.cpdsl
#                                                                                                ^^^^ constant.language.status.cpdsl
#                                                                                                     ^^^^^^^^^ string.quoted.double.cpdsl
  views child "Maya wants to stay at her school"
# ^^^^^ keyword.control.statement.cpdsl
#       ^^^^^ constant.language.views-group.cpdsl - keyword.control.statement.cpdsl
  views maya-m "Maya says she likes her key adult"
#       ^^^^^^ variable.other.cpdsl
  signed ola 2026-01-22
# ^^^^^^ keyword.control.statement.cpdsl
#        ^^^ variable.other.cpdsl
#            ^^^^^^^^^^ constant.numeric.date.cpdsl
  copy ewa 2026-01-23 { format "Polish" }
# ^^^^ keyword.control.statement.cpdsl
#      ^^^ variable.other.cpdsl
#                       ^^^^^^ keyword.other.field.cpdsl
  assessment "Parenting assessment" { by sam due 2026-03-27 }
# ^^^^^^^^^^ keyword.control.statement.cpdsl
#                                     ^^ keyword.other.field.cpdsl
#                                        ^^^ variable.other.cpdsl
  core-groups every 4 weeks { agreed-by tm reason "Stable" }
# ^^^^^^^^^^^ keyword.control.statement.cpdsl
#             ^^^^^ keyword.other.cpdsl
#                             ^^^^^^^^^ keyword.other.field.cpdsl
#                                       ^^ variable.other.cpdsl
  meeting core-group 2026-01-22 {
# ^^^^^^^ keyword.control.statement.cpdsl
#         ^^^^^^^^^^ constant.language.meeting-kind.cpdsl
    notes jo
#   ^^^^^ keyword.other.field.cpdsl
#         ^^ variable.other.cpdsl
    attended sam jo kerry  time 15:30
#   ^^^^^^^^ keyword.other.field.cpdsl
#            ^^^ variable.other.cpdsl
#                ^^ variable.other.cpdsl
#                   ^^^^^ variable.other.cpdsl
#                          ^^^^ keyword.other.field.cpdsl
    apologies ria { report received }
#   ^^^^^^^^^ keyword.other.field.cpdsl
#             ^^^ variable.other.cpdsl
#                   ^^^^^^ keyword.other.field.cpdsl
#                          ^^^^^^^^ keyword.other.cpdsl
    absent dev
#   ^^^^^^ keyword.other.field.cpdsl
#          ^^^ variable.other.cpdsl
    cancelled "Snow"  minutes-circulated 2026-01-27
#   ^^^^^^^^^ keyword.other.field.cpdsl
#                     ^^^^^^^^^^^^^^^^^^ keyword.other.field.cpdsl
  }
  ended 2026-06-01  moved 2026-06-02 { to "Eastham" }  cin-meeting 2026-06-20
# ^^^^^ keyword.control.statement.cpdsl
#                   ^^^^^ keyword.control.statement.cpdsl
#                                      ^^ keyword.other.field.cpdsl
#                                                      ^^^^^^^^^^^ keyword.control.statement.cpdsl
  Member leader nmae
# ^^^^^^^^^^^^^^^^^^ source.cpdsl - keyword.control.statement.cpdsl keyword.other.field.cpdsl variable.other.cpdsl
}
