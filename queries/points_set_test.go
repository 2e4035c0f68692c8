package queries

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gk.points_set computes the points of the current, previous and last-year
// periods side by side for scorecard; each of its rows must equal what
// gk.points gives for that period alone, so the two stay in step.
func TestPointsSetMatchesPoints(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	const cols = "unit_id, publish_points, timeliness_points, maintenance_points, interpretation_points, interaction_points, maintenance_deduction, max_points, raw_points, total"
	periods := []struct{ pid, from, to string }{ // each period id's from and to, as expressions of f and t
		{"cur", "f", "t"},
		{"prev", "gk.prev_from(f, t)", "gk.prev_to(f, t)"},
		{"ly", "gk.last_year_from(f, t)", "gk.last_year_to(f, t)"},
	}
	for _, p := range []struct{ from, to string }{{"2026-01-01", "2026-12-31"}, {"2026-03-01", "2026-03-31"}, {"2026-02-01", "2026-02-28"}, {"2026-03-05", "2026-04-20"}} {
		for _, q := range periods {
			pid := q.pid
			t.Run(p.from+"_"+pid, func(t *testing.T) {
				set, err := RunSQL(ctx, db, fmt.Sprintf("SELECT %s FROM gk.points_set(DATE '%s', DATE '%s', NULL) WHERE pid = '%s' ORDER BY unit_id", cols, p.from, p.to, pid))
				if err != nil {
					t.Fatal(err)
				}
				// A previous or last-year period is scored only when a run
				// after it exists by the cutoff (gk.has_run), as scorecard does.
				one, err := RunSQL(ctx, db, fmt.Sprintf(`WITH x AS (SELECT DATE '%[2]s' AS f, DATE '%[3]s' AS t),
y AS (SELECT %[4]s AS pf, %[5]s AS pt, gk.cutoff(t, NULL) AS cd FROM x)
SELECT %[1]s FROM gk.points((SELECT pf FROM y), (SELECT pt FROM y), gk.cutoff((SELECT pt FROM y), NULL), gk.rule_version((SELECT pf FROM y)))
WHERE '%[6]s' = 'cur' OR gk.has_run((SELECT pt FROM y), (SELECT cd FROM y))
ORDER BY unit_id`, cols, p.from, p.to, q.from, q.to, pid))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(one.Rows, set.Rows); diff != "" {
					t.Errorf("gk.points_set differs from gk.points (-points +set):\n%s", diff)
				}
				// The fixture has data for March, February and March 2025.
				if (pid == "cur" || p.from == "2026-03-01") && len(set.Rows) == 0 {
					t.Error("no rows")
				}
			})
		}
	}
}
