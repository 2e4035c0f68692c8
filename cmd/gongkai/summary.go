package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/queries"
)

func printCrawlSummary(e *env, res *crawl.Result) {
	m := res.Manifest
	var items, letters, pages, failed, blocked int
	for _, u := range m.Units {
		items += u.Items
		letters += u.Letters
		pages += u.Pages
		failed += u.Failed
		blocked += u.Blocked
	}
	// errors is the count the progress bar and the log lines show: requests
	// that still failed after their retries (crawl.Tally).
	fmt.Fprintf(e.stdout, "crawl run %s: %d units, %d items, %d letters, %d pages, %d errors, %d sources blocked\n",
		m.RunID, len(m.Units), items, letters, pages, failed, blocked)
	fmt.Fprintf(e.stdout, "landing: %s\n", res.Run.Dir)
	for _, f := range res.Failed {
		fmt.Fprintf(e.stdout, "  unit %s failed: %v\n", f.UnitID, f.Err)
	}
}

// unitGrade is one unit's published grade for a period, with the coverage
// behind it.
type unitGrade struct {
	name, grade string
	total       any
	verified    int // sources verified at the cutoff
	sources     int
	unverified  []string
}

// publishedGrades reads every unit's grade for period p from the
// published database; a missing database has no grades.
func (s *stages) publishedGrades(ctx context.Context, p period) (map[string]unitGrade, error) {
	if _, err := os.Stat(s.cfg.DatabasePath()); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	db, err := s.openPublished(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	sc, err := queries.Run(ctx, db, "scorecard", p.from, p.to, nil)
	if err != nil {
		return nil, fmt.Errorf("read published grades: %w", err)
	}
	out := map[string]unitGrade{}
	for _, r := range sc.Rows {
		id := fmt.Sprint(r[sc.Column("unit_id")])
		g := unitGrade{name: fmt.Sprint(r[sc.Column("unit_name")]), total: r[sc.Column("total")]}
		if v := r[sc.Column("grade")]; v != nil {
			g.grade = fmt.Sprint(v)
		}
		out[id] = g
	}
	src, err := queries.Run(ctx, db, "source_verdicts", p.from, p.to, nil)
	if err != nil {
		return nil, fmt.Errorf("read published grades: %w", err)
	}
	for _, r := range src.Rows {
		id := fmt.Sprint(r[src.Column("unit_id")])
		g, ok := out[id]
		if !ok {
			continue
		}
		g.sources++
		if v, _ := r[src.Column("verified")].(bool); v {
			g.verified++
		} else {
			g.unverified = append(g.unverified, fmt.Sprintf("%s %s", r[src.Column("source_name")],
				domain.VerdictLabel(fmt.Sprint(r[src.Column("verdict")]))))
		}
		out[id] = g
	}
	return out, nil
}

// printGradeChanges lists every unit whose grade for the period differs
// from the previous publish, with the coverage behind the new grade.
func printGradeChanges(e *env, p period, before, after map[string]unitGrade) {
	if before == nil {
		fmt.Fprintf(e.stdout, "first publish of %s: %d units graded\n", p, len(after))
		return
	}
	ids := make([]string, 0, len(after))
	for id := range after {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var lines []string
	for _, id := range ids {
		a := after[id]
		b, had := before[id]
		if had && b.grade == a.grade {
			continue
		}
		was := "—"
		if had && b.grade != "" {
			was = b.grade
		}
		now := a.grade
		if now == "" {
			now = "—"
		}
		line := fmt.Sprintf("  %s (%s): %s → %s, total %s → %s; sources verified %d/%d",
			a.name, id, was, now, points(b.total), points(a.total), a.verified, a.sources)
		if len(a.unverified) > 0 {
			line += " (not verified: " + strings.Join(a.unverified, ", ") + ")"
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		fmt.Fprintf(e.stdout, "no grade for %s changed against the previous publish\n", p)
		return
	}
	fmt.Fprintf(e.stdout, "grades for %s changed against the previous publish (%d):\n", p, len(lines))
	for _, l := range lines {
		fmt.Fprintln(e.stdout, l)
	}
}

func points(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', 2, 64)
	}
	return "—"
}

// allUnitsFailed reports whether a crawl reached none of its units, by
// the manifest (which also holds the units a resumed run finished before).
func allUnitsFailed(res *crawl.Result) bool {
	for _, u := range res.Manifest.Units {
		if u.Error == "" {
			return false
		}
	}
	return len(res.Manifest.Units) > 0
}
