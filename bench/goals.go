package main

import (
	"fmt"
	"strings"
)

// goal is one target of the performance work, with the figure a run
// measured for it. A goal the run did not measure (its stage not run, or
// opt-in and not asked for) is shown as such, never as met.
type goal struct {
	ID   string
	What string // what is measured
	Goal string // the target, in words
	// Figure is what this run measured ("" = not measured); Met says
	// whether it reaches the goal.
	Figure string
	Met    bool
	// Why is shown when the goal is not measured: the flag or stage it
	// needs.
	Why string
}

// goalList is every goal in the order the table shows them; each stage
// fills in the figures it measures.
func goalList() []goal {
	return []goal{
		{ID: "crawl-speed", What: "crawl: pages/s against the floor's", Goal: "≥ 80 %", Why: "crawl stage"},
		{ID: "crawl-cpu", What: "crawl: CPU per page against the floor's", Goal: "≤ 1.5×", Why: "crawl stage"},
		{ID: "crawl-rss", What: "crawl: peak RSS", Goal: "≤ 64 MiB", Why: "crawl stage"},
		{ID: "crawl-flat", What: "crawl: peak RSS of the big crawl against the default crawl's", Goal: "≤ 1.10×", Why: "-big-items"},
		{ID: "load-floor", What: "load: time against CREATE TABLE AS SELECT * FROM read_json", Goal: "≤ 1.5×", Why: "load stage"},
		{ID: "load-monthly", What: "load: the last of the monthly loads against the first", Goal: "≤ 1.2×", Why: "history stage"},
		{ID: "report-floor", What: "report: scorecard (its SQL included) against the StreamWriter floor", Goal: "≤ 3×", Why: "report stage"},
		{ID: "detail-floor", What: "report: 1,000,000 detail rows against the StreamWriter floor", Goal: "≤ 1.3×", Why: "detail stage"},
		{ID: "detail-rss", What: "report: 1,000,000 detail rows, peak RSS", Goal: "≤ 256 MiB", Why: "detail stage"},
		{ID: "scale-scorecard", What: "metrics: scorecard over 10,000 units and a year", Goal: "< 2 s", Why: "scale stage"},
		{ID: "e2e-time", What: "end to end: gongkai run", Goal: "< 20 s", Why: "e2e stage"},
		{ID: "e2e-rss", What: "end to end: gongkai run, peak RSS", Goal: "< 256 MiB", Why: "e2e stage"},
	}
}

// setGoal records a run's figure for the goal id.
func (b *bench) setGoal(id, figure string, met bool) {
	for i := range b.goals {
		if b.goals[i].ID == id {
			b.goals[i].Figure, b.goals[i].Met = figure, met
			return
		}
	}
	panic("unknown goal " + id) // a goal id is a constant of this package
}

// goalsTable renders the goals with their figures as Markdown.
func goalsTable(goals []goal) string {
	var s strings.Builder
	s.WriteString("| goal | target | this run | met |\n| --- | --- | ---: | --- |\n")
	for _, g := range goals {
		fig, met := g.Figure, "not met"
		switch {
		case fig == "":
			fig, met = "—", "not measured (needs "+g.Why+")"
		case g.Met:
			met = "met"
		}
		fmt.Fprintf(&s, "| %s | %s | %s | %s |\n", g.What, g.Goal, fig, met)
	}
	return s.String()
}

// pct formats a share as a percentage.
func pct(v float64) string { return fmt.Sprintf("%.0f %%", 100*v) }

// times formats a ratio.
func times(v float64) string { return fmt.Sprintf("%.2f×", v) }
