plan "Northtown constructs" {
  profile england
  reference "CP-2026-0001"
  language "Polish"
  accessible-format "Large print"
  category emotional neglect
  child maya { name "Maya Example" known-as "May" born 2014-06-03 }
  child baby { expected 2026-05-20 }
  conference initial 2026-01-05 { concern "Maya hears arguments" concern "Leo's weight has fallen" }
  conference review 2026-03-30 {
    report-ready 2026-03-25
    recommendation end { exceptional "The family moved to a refuge" }
  }
  conference reconvened 2026-02-16 { reason "Police were called again" }
  member sam {
    name "Sam Patel"
    role social-worker
    agency "Northtown Children's Social Care"
    contact "01632 960123"
    lead
  }
  member may { name "Maya Example" role child for maya }
  member ana { name "Ana Example" role parent interpreter "Polish" accessible-format "Easy read" }
  excluded dan { name "Dan Example" role parent reason "A court order" informed-by sam }
  chair sam
  vice-chair jo
  need rows "Arguments at home" { domain emotional-warmth ensuring-safety }
  need weight
  outcome calm "Maya says home feels calm" {
    need rows
    measure "Her worry score is 3 or lower"
    by 2026-06-30
    milestone "Ana has started the course" by 2026-02-16
  }
  action course "Ana attends the course" {
    outcome calm
    owner ana
    support sam kasia
    agreed 2026-01-05
    due 2026-04-13
    status dropped "The course was cancelled"
    monitoring
  }
  monitoring-only "Reason"
  contact maya by sam every 10 working days { alone }
  contact leo by jo every 1 month
  communication "Email Sam"
  services "Family Hub"
  resources "Interpreter"
  assessment "Dietitian's assessment" { by jo due 2026-02-27 }
  views maya "Maya wants the shouting to stop"
  disagreement "Ana disagrees" { by ana reason "Leo has always been small" }
  signed ana 2026-01-19
  copy ana 2026-01-19 { format "Polish" }
  copy sam 2026-01-19
  amended 2026-02-18
  core-groups every 4 weeks { agreed-by sam reason "Agreed at the conference" }
  delay-reason "The interpreter was away"
  meeting core-group 2026-01-21 {
    venue "Family Hub"
    time 16:00
    chair sam
    notes tm
    attended sam tm
    apologies ria { report received }
    absent may { report received }
    views maya "Glad it was after school"
    minutes-circulated 2026-01-26
    recommendation continue
  }
  meeting core-group 2026-02-18 { cancelled "Snow" }
  meeting core-group 2026-03-18 { cancelled }
  ended 2026-09-28
  moved 2026-09-01 { to "Southtown Council" }
  cin-meeting 2026-10-12
  profile "profiles/northtown.toml"
}
