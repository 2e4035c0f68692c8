package config

import "testing"

// The starter configuration that gongkai init writes must always parse.
func TestExampleConfigParses(t *testing.T) {
	c, err := Load("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Units) != 2 || c.Units[0].Columns[2].API == "" || c.Profiles["xinwen-cms"].Family != "generic" {
		t.Errorf("example parsed wrongly: %+v", c.Units)
	}
}

func TestEmbeddedExampleIsTheFile(t *testing.T) {
	c, err := Parse("example.yaml", Example)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Units) != 2 {
		t.Errorf("embedded example has %d units, want 2", len(c.Units))
	}
}
