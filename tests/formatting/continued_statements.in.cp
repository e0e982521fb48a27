plan "Northtown continued" {
  child amy { name "Amy Example" born 2019-04-12 }
  views
    child "Amy says she likes school dinners"
  contact amy
    by sam
    every 2 weeks
  core-groups
    every
    4
    weeks
  need housing
    "Kerry needs a home"
    { domain housing }
  member time { name "Tim Example" }
  meeting core-group 2026-01-22 { attended time sam chair sam }
}
