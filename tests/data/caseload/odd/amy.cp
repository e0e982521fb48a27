# Training example: a neglect plan after the initial conference.
plan "Amy Example" {
  profile england  # whose procedures' timescales apply
  reference "CP-2026-0042"
  language "English"  # the family's preferred language for the plan
  category neglect

  child amy { name "Amy Example" born 2019-04-12 }

  conference initial 2026-01-12 {
    concern "Amy is often not brought to health appointments and arrives at school hungry"
  }
  conference review 2026-04-08

  member sam { name "Sam Patel" role social-worker agency "Northtown Children's Social Care" lead }
  member jo { name "Jo Lee" role health-visitor agency "Northtown NHS Trust" }
  member ria { name "Ria Khan" role teacher agency "Northtown Primary School" }
  member kerry { name "Kerry Example" role parent }

  excluded dan {
    name "Dan Example"
    role parent
    reason "A non-molestation order prevents contact with Kerry"
    informed-by sam
  }

  chair sam
  second-chair jo

  need health "Amy's health needs are not being met" { domain health }

  outcome appointments "Amy attends every health appointment" {
    need health
    measure "All appointments attended, per the health visitor's records"
    by 2026-04-01
  }

  action book-review "Book Amy's developmental review and take her to it" {
    outcome appointments
    owner kerry
    support jo
    due 2026-02-01
  }

  contact amy by sam every 2 weeks { alone }
  communication "Members share any new concern with Sam the same day, by secure email"

  contingency """
    If Amy misses two appointments in a row, Sam will convene a core group within
    5 working days and discuss a reconvened conference with the team manager.
  """

  views child "Amy says she likes school dinners and wants her mum to come to sports day"
  views parents "Kerry agrees the plan and asks for help with transport"

  core-groups every 4 weeks

  meeting core-group 2026-01-22 {
    venue "Northtown Primary School"
    chair sam
    notes jo
    attended sam jo kerry
    apologies ria { report received }
    minutes-circulated 2026-01-27
  }
}
