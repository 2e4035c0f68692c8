package sitefarm

import (
	"reflect"
	"testing"
)

// TestVerdictCasesLeaveTheFarm: the option adds its units beside the farm
// and changes nothing of the farm's own units or truth.
func TestVerdictCasesLeaveTheFarm(t *testing.T) {
	plain, cases := New(Options{}), New(Options{VerdictCases: true})
	for mode := range 2 {
		if !reflect.DeepEqual(plain.m.truth[mode], cases.m.truth[mode]) {
			t.Errorf("mode %d: truth differs with VerdictCases", mode)
		}
	}
	if err := cases.Start(); err != nil {
		t.Fatal(err)
	}
	defer cases.Close()
	tr := cases.Truth()
	if len(tr.CaseUnits) != len(caseSites) || len(tr.Units) != 8 {
		t.Fatalf("%d case units beside %d units, want %d beside 8", len(tr.CaseUnits), len(tr.Units), len(caseSites))
	}
	for _, c := range tr.Cases {
		found := false
		for _, u := range tr.CaseUnits {
			if u.ID != c.UnitID {
				continue
			}
			found = c.SourceID == "home" && u.Home != nil
			for _, col := range u.Columns {
				found = found || col.ID == c.SourceID
			}
			for _, m := range u.Mailboxes {
				found = found || m.ID == c.SourceID
			}
		}
		if !found {
			t.Errorf("case %q names %s %s, which the case units do not have", c.Name, c.UnitID, c.SourceID)
		}
	}
}
