package config

import "testing"

// The example shipped at the top of the repository must always parse.
func TestExampleConfigParses(t *testing.T) {
	c, err := Load("../gongkai.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Units) != 2 || c.Units[0].Columns[2].API == "" || c.Profiles["xinwen-cms"].Family != "generic" {
		t.Errorf("example parsed wrongly: %+v", c.Units)
	}
}
