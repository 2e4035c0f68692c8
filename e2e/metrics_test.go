package e2e

import (
	"database/sql"
	"github.com/google/go-cmp/cmp"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// forEach runs check for every database state and period, with the view
// the period's default cutoff resolves to.
func forEach(t *testing.T, check func(t *testing.T, db *sql.DB, pr period, v *view)) {
	p := pl(t)
	for _, s := range p.states() {
		for _, pr := range periods {
			t.Run(s.name+"/"+pr.name, func(t *testing.T) { check(t, s.db, pr, s.view(pr)) })
		}
	}
}

// logFor is the farm's request log of the run a view ends with.
func (p *pipeline) logFor(v *view) []sitefarm.Request {
	if v.runs == 1 {
		return p.requests1
	}
	return p.requests2
}

func TestPublishCounts(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "publish_counts", expectPublishCounts(v, pr), metric(t, db, "publish_counts", pr, nil), "unit_id", "category", "month")
	})
}

func TestPublishSummary(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "publish_summary", expectPublishSummary(v, pr), metric(t, db, "publish_summary", pr, nil), "unit_id")
	})
}

func TestTimeliness(t *testing.T) {
	p := pl(t)
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "timeliness", expectTimeliness(v, p.cal, pr), metric(t, db, "timeliness", pr, nil), "unit_id")
		compareRows(t, "timeliness_items", expectTimelinessItems(v, p.cal, pr), metric(t, db, "timeliness_items", pr, nil), "unit_id", "url")
	})
}

func TestColumnFreshness(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "column_freshness", expectColumnFreshness(v), metric(t, db, "column_freshness", pr, nil), "unit_id", "column_id")
		compareRows(t, "freshness_summary", expectFreshnessSummary(v), metric(t, db, "freshness_summary", pr, nil), "unit_id")
	})
}

func TestLetters(t *testing.T) {
	p := pl(t)
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "letters_summary", expectLettersSummary(v, p.cal, pr), metric(t, db, "letters_summary", pr, nil), "unit_id")
		compareRows(t, "letter_disclosure", expectLetterDisclosure(v, pr), metric(t, db, "letter_disclosure", pr, nil), "unit_id")
		compareRows(t, "long_unanswered", expectLongUnanswered(v), metric(t, db, "long_unanswered", pr, nil), "unit_id", "letter_key")
	})
}

func TestInterpretationLinks(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "interpretation_links", expectInterpretationLinks(v, pr), metric(t, db, "interpretation_links", pr, nil), "unit_id")
	})
}

func TestHomeFreshness(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "home_freshness", expectHomeFreshness(v), metric(t, db, "home_freshness", pr, nil), "unit_id")
	})
}

func TestVetoes(t *testing.T) {
	p := pl(t)
	// The farm's veto cases, so the comparison below is never vacuous:
	// u02's home page is stale (veto 1), u01 left a 咨询 letter unanswered
	// for 120 days (veto 5), u05 must have a mailbox and has none (veto 6).
	for _, v := range []*view{p.v1, p.v2} {
		fired := map[string][]int{}
		for _, uv := range v.units {
			for no := 1; no <= 7; no++ {
				if vetoesOf(v, uv)[no].fired {
					fired[uv.u.ID] = append(fired[uv.u.ID], no)
				}
			}
		}
		want := map[string][]int{"u01": {5}, "u02": {1}, "u05": {6}}
		if d := cmp.Diff(want, fired); d != "" {
			t.Fatalf("truth at %s: vetoes fired (-want +got):\n%s", v.cutoff.Format(time.DateOnly), d)
		}
	}
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "vetoes", expectVetoes(v), metric(t, db, "vetoes", pr, nil), "unit_id", "veto_no")
	})
}

func TestEarlyWarnings(t *testing.T) {
	p := pl(t)
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "early_warnings", expectEarlyWarnings(v, p.logFor(v)), metric(t, db, "early_warnings", pr, nil), "unit_id", "rule")
	})
}

func TestCoverage(t *testing.T) {
	p := pl(t)
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "coverage", expectCoverage(v, p.logFor(v)), metric(t, db, "coverage", pr, nil), "unit_id")
	})
}

// TestExplicitCutoff checks that a period scored as of an earlier run
// gives that run's numbers even after a later run is loaded.
func TestExplicitCutoff(t *testing.T) {
	p := pl(t)
	c := p.cutoff1
	for _, name := range []string{"timeliness", "freshness_summary", "letters_summary", "interpretation_links", "vetoes"} {
		t.Run(name, func(t *testing.T) {
			want := metric(t, p.db1, name, year2026, nil)
			got := metric(t, p.db2, name, year2026, &c)
			compareRows(t, name+" as of run 1", want, got, "unit_id", "veto_no")
		})
	}
}

// TestVetoNames checks the veto names docs/metrics.md promises the
// workbook.
func TestVetoNames(t *testing.T) {
	p := pl(t)
	names := []string{"首页不更新", "栏目不更新(重点)", "栏目不更新(全部)", "空白栏目", "互动回应差", "无可用信箱", "伪造发稿日期"}
	var want []row
	for _, uv := range p.v1.units {
		for i, n := range names {
			want = append(want, row{"unit_id": uv.u.ID, "veto_no": int64(i + 1), "veto": n})
		}
	}
	compareRows(t, "veto names", want, metric(t, p.db1, "vetoes", year2026, nil), "unit_id", "veto_no")
}

func TestBlankMonths(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "blank_months", expectBlankMonths(v, pr), metric(t, db, "blank_months", pr, nil), "unit_id", "month")
	})
}

func TestUnlinkedPolicies(t *testing.T) {
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "unlinked_policies", expectUnlinkedPolicies(v, pr), metric(t, db, "unlinked_policies", pr, nil), "unit_id", "url")
	})
}

// TestBackDated checks the back-dated post: listed once run 2 is loaded
// and the period's cutoff is run 2's; an October scored as of run 1 (its
// default cutoff) does not know it yet.
func TestBackDated(t *testing.T) {
	p := pl(t)
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		compareRows(t, "back_dated", expectBackDated(v, p, pr), metric(t, db, "back_dated", pr, nil), "unit_id", "url")
	})
	c := p.cutoff2
	want := expectBackDated(p.v2, p, oct2026)
	if len(want) != 1 {
		t.Fatalf("truth: %d back-dated posts in October 2026, want 1", len(want))
	}
	compareRows(t, "back_dated October as of run 2", want, metric(t, p.db2, "back_dated", oct2026, &c), "unit_id", "url")
}
