plan "Northtown blocks" {
  child amy {
    name "Amy Example"
    born 2019-04-12
  }
  member sam {
  }
  member kerry {}
  member ria { name "Ria Khan" role designated-safeguarding-lead agency "Northtown Academy, the big school on the hill" }
  action book "Book Amy's review" { outcome appointments owner kerry support jo due 2026-02-01 status open }
  conference review 2026-04-08 { recommendation end { exceptional "Short" } }
  conference review 2026-10-07 { report-ready 2026-10-01 recommendation end { exceptional "The family moved to a refuge in another area and the plan transfers" } }
  meeting core-group 2026-01-22 { attended sam jo apologies ria { report received } }
}
