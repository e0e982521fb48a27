plan "Broken" {
  member sam { name "Sam" role social-worker
