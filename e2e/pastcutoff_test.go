package e2e

import (
	"math"
	"testing"
	"time"
)

// TestYearPastCutoff: the demo's 2026 scored with data as of early
// December (the second run, 2026-12-01) is scored up to the cutoff:
// December is listed but not a 空白月 for any unit, and the yearly target
// is pro-rated to 01-01..12-01 (335 of 365 days), not to the whole year.
func TestYearPastCutoff(t *testing.T) {
	p := pl(t)
	if got := p.cutoff2.Format(time.DateOnly); got != "2026-12-01" {
		t.Fatalf("second cutoff = %s; the test expects data as of 2026-12-01", got)
	}
	units := 0
	for _, r := range metric(t, p.db2, "blank_months", year2026, nil) {
		if r["month"] != "2026-12" {
			continue
		}
		units++
		if r["blank"] != false || r["judged"] != false {
			t.Errorf("%s December: blank=%v judged=%v, want a month not yet judged", r["unit_id"], r["blank"], r["judged"])
		}
	}
	if units != len(p.v2.units) {
		t.Errorf("December rows = %d, want one per unit (%d)", units, len(p.v2.units))
	}
	for _, r := range metric(t, p.db2, "publish_summary", year2026, nil) {
		yearly := r["yearly_target"].(float64)
		if want := yearly * 335 / 365; math.Abs(r["target"].(float64)-want) > 1e-9 {
			t.Errorf("%s target = %v, want %v (pro-rated to the cutoff)", r["unit_id"], r["target"], want)
		}
	}
}
