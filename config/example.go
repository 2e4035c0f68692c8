package config

import _ "embed"

// Example is the commented starter configuration that `gongkai init`
// writes: every section with its defaults and two example units.
//
//go:embed example.yaml
var Example []byte
