package domain

import "testing"

func TestVerified(t *testing.T) {
	want := map[string]bool{VerdictComplete: true, VerdictEmpty: true}
	for _, v := range Verdicts {
		if got := Verified(v); got != want[v] {
			t.Errorf("Verified(%q) = %v, want %v", v, got, want[v])
		}
		if VerdictLabel(v) == v {
			t.Errorf("VerdictLabel(%q) has no Chinese name", v)
		}
	}
	if Verified("") || Verified("ok") {
		t.Error("an unknown verdict must not count as verified")
	}
}
