# A plan written as the guidance asks: a sibling group (emotional harm and neglect) under
# Bolton's procedures, judged as of 2026-03-01
# (run: cplint --today 2026-03-01 examples/good/siblings.cp). Every name is invented.
plan "Maya and Leo Sample" {
  profile bolton
  reference "CP-2026-0107"
  language "Polish"
  accessible-format "Plan translated into Polish; an interpreter at every meeting"
  category emotional neglect

  child maya { name "Maya Sample" born 2014-09-03 }
  child leo { name "Leo Sample" born 2022-02-17 }

  conference initial 2026-01-19 {
    concern "Maya and Leo have seen repeated arguments and violence between the adults"
    concern "Leo's weight has fallen below the expected range"
  }
  conference review 2026-04-15 { report-ready 2026-04-13 }

  member ola { name "Ola Brown" role social-worker agency "Westford Children's Services" lead }
  member nina { name "Nina Moss" role health-visitor agency "Westford Health" }
  member dev { name "Dev Shah" role designated-safeguarding-lead agency "Westford High School" }
  member ewa { name "Ewa Sample" role parent }
  member maya-m { name "Maya Sample" role child for maya }
  member iza { name "Iza Nowak" role interpreter agency "Westford Language Service" }
  member tia { name "Tia Grant" role advocate agency "Westford Advocacy" }

  excluded piotr {
    name "Piotr Sample"
    role parent
    reason "Bail conditions forbid contact with Ewa and the children"
    informed-by ola
  }

  chair ola
  second-chair nina

  need safety "Maya and Leo are not safe from the adults' violence" { domain ensuring-safety }
  need weight "Leo is not gaining weight" { domain health basic-care }
  need worries "Maya worries about her mum and finds it hard to concentrate at school" {
    domain emotional-and-behavioural-development education
  }

  outcome safe-home "Maya and Leo live in a home free from violence" {
    need safety
    measure "No incidents reported by police or school for 8 weeks"
    by 2026-04-10
  }
  outcome leo-weight "Leo's weight is back within the expected range" {
    need weight
    measure "Leo's weight on the health visitor's chart, measured every 2 weeks"
    by 2026-04-10
    milestone "Leo has gained 300 g" by 2026-03-10
  }
  outcome maya-school "Maya feels less worried and her attendance is at least 95%" {
    need worries
    measure "Attendance records and Maya's own rating on the worry scale"
    by 2026-04-10
  }

  action safety-plan "Agree a written safety plan with Ewa, in Polish" {
    outcome safe-home
    owner ola
    support iza ewa
    due 2026-01-30
    status done
  }
  action weigh "Weigh Leo every 2 weeks and share the chart with Ola" {
    outcome leo-weight
    owner nina
    support ewa tia
    due 2026-04-03
  }
  action key-adult "Give Maya a named key adult at school and a weekly check-in" {
    outcome maya-school
    owner dev
    support maya-m
    due 2026-02-06
    status done
  }

  contact maya by ola every 2 weeks { alone }
  contact leo by ola every 2 weeks { alone }
  contact leo by nina every 2 weeks
  communication "Any member who hears of an incident tells Ola the same day by phone, then by secure email"

  contingency """
    If there is another incident of violence at home, or Piotr breaks his bail
    conditions, Ola will hold a strategy discussion the same day and consider a
    reconvened conference.
  """

  assessment "Assessment of Ewa's capacity to keep the children safe" { by ola due 2026-03-27 }

  views maya "Maya wants her dad to stay away and wants to keep her friends at school"
  views leo "Leo is too young to say; he is happy and settled at nursery, Nina says"
  views parents "Ewa agrees the plan and wants help with Leo's feeding"

  signed ola 2026-01-28
  signed nina 2026-01-28
  signed dev 2026-01-28
  signed ewa 2026-01-28
  signed maya-m 2026-01-28
  signed tia 2026-01-28

  core-groups every 4 weeks

  meeting core-group 2026-01-28 {
    venue "Westford Children's Centre"
    time 16:00
    chair ola
    notes nina
    attended ola nina dev ewa maya-m iza tia
    views maya "Maya says she feels safer since the safety plan"
    minutes-circulated 2026-02-02
  }
  meeting core-group 2026-02-25 {
    venue "Westford Children's Centre"
    time 16:00
    chair ola
    notes nina
    attended ola nina ewa maya-m iza tia
    apologies dev { report received }
    views maya "Maya says her key adult helps"
    views leo "Leo was playful and chatty at his weigh-in, Nina says"
    minutes-circulated 2026-02-27
  }
}
