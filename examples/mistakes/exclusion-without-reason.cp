# Mistakes a trainer can show: a parent kept out of the core group with no reason recorded
# and nobody named to tell him. This is examples/good/neglect.cp with an exclusion added.
# Each line marked `# expect:` is one finding
# (run: cplint --today 2026-03-01 examples/mistakes/exclusion-without-reason.cp).
plan "Amy Example" {
  profile england
  reference "CP-2026-0042"
  language "English"
  accessible-format "Easy-read copy for Kerry"
  category neglect

  child amy { name "Amy Example" born 2019-04-12 }

  conference initial 2026-01-12 {
    concern "Amy is often not brought to health appointments and arrives at school hungry"
    concern "The home has had no working heating since November"
  }
  conference review 2026-04-08 { report-ready 2026-04-01 }

  member sam { name "Sam Patel" role social-worker agency "Northtown Children's Social Care" lead }
  member jo { name "Jo Lee" role health-visitor agency "Northtown NHS Trust" }
  member ria { name "Ria Khan" role teacher agency "Northtown Primary School" }
  member kerry { name "Kerry Example" role parent }
  member tom { name "Tom Field" role advocate agency "Northtown Advocacy" for amy }

  excluded dan { name "Dan Example" role parent }  # expect: CP305, CP306

  chair sam
  second-chair jo

  need health "Amy's health needs are not being met" { domain health }
  need food "Amy is not given enough to eat at home" { domain basic-care }

  outcome appointments "Amy attends every health appointment" {
    need health
    measure "All appointments attended, per the health visitor's records"
    by 2026-04-01
  }
  outcome meals "Amy has breakfast and an evening meal every day" {
    need food
    measure "Amy tells Ria she has eaten on at least 9 school days out of 10"
    by 2026-04-01
  }

  action book-review "Book Amy's developmental review and take her to it" {
    outcome appointments
    owner kerry
    support jo
    due 2026-03-20
  }
  action remind "Text Kerry two days before each of Amy's appointments" {
    outcome appointments
    owner jo
    due 2026-03-06
  }
  action food-bank "Refer Kerry to the Northtown food bank and book a slot" {
    outcome meals
    owner sam
    support kerry
    due 2026-01-30
    status done
  }
  action breakfast-club "Enrol Amy in the school breakfast club" {
    outcome meals
    owner ria
    support tom
    due 2026-01-23
    status done
  }

  contact amy by sam every 2 weeks { alone }
  communication "Members share any new concern with Sam the same day, by secure email"

  contingency """
    If Amy misses two appointments in a row, Sam will convene a core group within
    5 working days and discuss a reconvened conference with the team manager.
  """

  assessment "Parenting assessment of Kerry" { by sam due 2026-03-27 }

  views amy "Amy says she likes school dinners and wants her mum to come to sports day"
  views parents "Kerry agrees the plan and asks for help with transport"

  signed sam 2026-01-22
  signed jo 2026-01-22
  signed ria 2026-01-22
  signed kerry 2026-01-22
  signed tom 2026-01-22

  core-groups every 4 weeks

  meeting core-group 2026-01-22 {
    venue "Northtown Primary School"
    time 15:30
    chair sam
    notes jo
    attended sam jo ria kerry tom
    views amy "Amy told Tom she is hungry in the mornings"
    minutes-circulated 2026-01-27
  }
  meeting core-group 2026-02-19 {
    venue "Northtown Primary School"
    time 15:30
    chair sam
    notes jo
    attended sam jo kerry tom
    apologies ria { report received }
    views amy "Amy says breakfast club is fun"
    minutes-circulated 2026-02-24
  }
}
