package e2e

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCoverageMarks checks the coverage_complete mark of every per-unit
// metric. METRICS.md: "A unit whose crawl was incomplete is marked in every
// part that depends on the missing pages" — so a blocked column marks the
// item and column metrics of its unit, and a failing home page marks only
// what depends on the home page (veto 1, the home warning), not publish
// counts, timeliness or links.
func TestCoverageMarks(t *testing.T) {
	p := pl(t)
	for _, s := range p.states() {
		t.Run(s.name, func(t *testing.T) {
			v := s.view(year2026)
			for _, name := range []string{"publish_summary", "timeliness", "interpretation_links", "freshness_summary", "letters_summary"} {
				var want []row
				for _, uv := range v.units {
					// Item metrics are marked by columns whose read is not
					// verified (blocked, or an empty list this crawler
					// cannot prove empty); letters by mailboxes.
					ok := countColumns(v, uv).notCovered == 0
					if name == "letters_summary" {
						ok = v.mailboxesVerified(uv) == len(uv.u.Mailboxes)
					}
					want = append(want, row{"unit_id": uv.u.ID, "coverage_complete": ok})
				}
				compareRows(t, name+" coverage_complete", want, metric(t, s.db, name, year2026, nil), "unit_id")
			}
			var want []row
			for _, uv := range v.units {
				for no := 1; no <= 7; no++ {
					ok := true
					switch no {
					case 1:
						ok = uv.u.Home == nil || !uv.u.Home.Fails
					case 2, 3, 4, 7:
						ok = countColumns(v, uv).notCovered == 0
					case 5, 6:
						ok = v.mailboxesVerified(uv) == len(uv.u.Mailboxes)
					}
					want = append(want, row{"unit_id": uv.u.ID, "veto_no": int64(no), "coverage_complete": ok})
				}
			}
			compareRows(t, "vetoes coverage_complete", want, metric(t, s.db, "vetoes", year2026, nil), "unit_id", "veto_no")
		})
	}
}

// TestFarmLogVsPageAttempts checks that every request the farm served is
// one page_attempts row of the run and unit, and the other way round
// (robots refusals never reach the farm).
func TestFarmLogVsPageAttempts(t *testing.T) {
	p := pl(t)
	for _, n := range []int{1, 2} {
		reqs := p.requests1
		if n == 2 {
			reqs = p.requests2
		}
		want := map[string]int64{}
		for _, r := range reqs {
			want[r.Unit]++
		}
		got := map[string]int64{}
		for _, r := range query(t, p.db2, `SELECT unit_id, count(*) AS n FROM page_attempts WHERE run_id = ? AND outcome <> 'robots' GROUP BY unit_id`, p.runID(n)) {
			got[r["unit_id"].(string)] = r["n"].(int64)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("run %d: requests per unit, farm log (-) vs page_attempts (+):\n%s", n, d)
		}
	}
}
