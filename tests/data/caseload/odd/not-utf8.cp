plan "Bad ÿ bytes" {
}
