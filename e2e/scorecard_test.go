package e2e

import (
	"math"
	"sort"
	"testing"
	"time"
)

// score is one unit's scorecard, computed in Go (METRICS.md "Scorecard",
// rules/2026.yaml weights).
type score struct {
	unit                                     *unitView
	publish, timeliness, maintenance, interp any // float64 or nil
	interaction                              any
	deduction, maxPoints, raw, total         float64
	grade                                    string
	vetoes                                   int
	rankGroup, rankAll                       int64
	// pending: a part waits for sources not verified (待核实): no total,
	// no rank.
	pending bool
}

// shown is the total as the scorecard shows it: NULL when 待核实.
func (s *score) shown() any {
	if s.pending {
		return nil
	}
	return s.total
}

func scores(v *view, cal *calendar, pr period) []*score {
	var out []*score
	for _, uv := range v.units {
		s := &score{unit: uv}
		var max, raw float64
		part := func(p any, weight float64) any {
			if p == nil {
				return nil
			}
			max += weight
			raw += p.(float64)
			return p
		}
		// 信息发布 25 × completion (capped at 1).
		items := uv.itemsIn(pr.from, pr.to)
		days := float64(v.upTo(pr.to).Sub(pr.from)/(24*time.Hour) + 1)
		y := pr.from.Year()
		yearDays := float64(day(y+1, 1, 1).Sub(day(y, 1, 1)) / (24 * time.Hour))
		s.publish = part(25*minf(float64(len(items))/(yearlyTarget(uv.u.Kind)*days/yearDays), 1), 25)
		// 发布及时 15 × timeliness rate.
		var formed, onTime int
		for _, iv := range items {
			if !iv.it.FormedDate.IsZero() {
				formed++
				onTime += b2i(cal.span(iv.it.FormedDate, iv.it.PublishDate) <= 20)
			}
		}
		if formed > 0 {
			s.timeliness = part(15*float64(onTime)/float64(formed), 15)
		}
		// 栏目维护 20 minus deductions, floor 0.
		c := countColumns(v, uv)
		if c.columns > 0 {
			if c.staleByClass["dynamic"] > 0 {
				s.deduction += 5
			}
			s.deduction += 5*float64(c.staleKey) + float64(c.staleOther) + 2*float64(c.blank)
			s.maintenance = part(maxf(20-s.deduction, 0), 20)
		}
		// 政策解读 10 × link rate.
		var policies, linked int
		for _, iv := range items {
			if iv.col.Category == "政策文件" {
				policies++
				l, _ := uv.links(iv)
				linked += b2i(l)
			}
		}
		if policies > 0 {
			s.interp = part(10*float64(linked)/float64(policies), 10)
		}
		// 互动回应: reply rate × 10 + on-time rate × 15 (when a letter is
		// due) + 5 at a mean reply ≤ 5 working days, linear to 0 at 15.
		ls := letterStates(v, cal, uv, pr)
		if len(ls) > 0 {
			var replied, due, ot int
			var spans []int
			for _, x := range ls {
				replied += b2i(x.replied)
				due += b2i(x.due)
				ot += b2i(x.onTime)
				if x.dateKnown {
					spans = append(spans, x.replyDays)
				}
			}
			pts, w := 10*float64(replied)/float64(len(ls)), 15.0
			if due > 0 {
				pts += 15 * float64(ot) / float64(due)
				w += 15
			}
			if m := mean(spans); m != nil {
				pts += 5 * minf(1, maxf(0, (15-m.(float64))/10))
			}
			s.interaction = pts
			max += w
			raw += pts
		}
		s.maxPoints, s.raw = max, raw
		// The scorecard shows totals to 2 decimals; grades, ranks and
		// changes use the shown total.
		s.total = math.Round(raw*100/max*100) / 100
		// Parts whose sources are not verified are 待核实 (NULL); a publish
		// count that already meets its target stands.
		c2 := countColumns(v, uv)
		allColumns := c2.notCovered == 0
		if !allColumns && (s.publish == nil || s.publish.(float64) < 25) {
			s.publish, s.pending = nil, true
		}
		if !allColumns {
			s.timeliness, s.interp, s.pending = nil, nil, true
		}
		if c2.unverified > 0 {
			s.maintenance, s.pending = nil, true
		}
		if v.mailboxesVerified(uv) < len(uv.u.Mailboxes) {
			s.interaction, s.pending = nil, true
		}
		undetermined := false
		for _, vs := range vetoesOf(v, uv) {
			s.vetoes += b2i(vs.fired)
			undetermined = undetermined || vs.undetermined
		}
		switch {
		case s.vetoes > 0:
			s.grade = "不合格"
		case s.pending || undetermined:
			s.grade = "待核实"
		case s.total >= 90:
			s.grade = "优秀"
		case s.total >= 80:
			s.grade = "良好"
		case s.total >= 60:
			s.grade = "合格"
		default:
			s.grade = "不合格"
		}
		out = append(out, s)
	}
	rank := func(group func(*score) string, set func(*score, int64)) {
		for _, a := range out {
			if a.pending {
				continue
			}
			n := int64(1)
			for _, b := range out {
				if !b.pending && group(a) == group(b) && b.total > a.total+1e-9 {
					n++
				}
			}
			set(a, n)
		}
	}
	rank(func(s *score) string { return unitCols(s.unit.u)["kind_group"].(string) }, func(s *score, n int64) { s.rankGroup = n })
	rank(func(*score) string { return "" }, func(s *score, n int64) { s.rankAll = n })
	sort.Slice(out, func(i, j int) bool { return out[i].unit.u.ID < out[j].unit.u.ID })
	return out
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// viewFor is the view a period's default cutoff resolves to when the first
// loaded runs are in the database: the earliest run with cutoff after the
// period's end, else the newest.
func (p *pipeline) viewFor(loaded int, pr period) *view {
	if loaded == 1 || pr.to.Before(p.cutoff1) {
		return p.v1
	}
	return p.v2
}

// previous is the period of the same number of whole months before pr.
func previous(pr period) period {
	months := (pr.to.Year()-pr.from.Year())*12 + int(pr.to.Month()-pr.from.Month()) + 1
	from := pr.from.AddDate(0, -months, 0)
	return period{"previous", from, pr.from.AddDate(0, 0, -1)}
}

func lastYear(pr period) period {
	return period{"last year", pr.from.AddDate(-1, 0, 0), pr.to.AddDate(-1, 0, 0)}
}

func TestScorecard(t *testing.T) {
	p := pl(t)
	// The scorecard macro is slow (seconds per call), so it is checked on
	// three cases only: the year after each run, and the month crossing
	// the Spring Festival.
	for _, tc := range []struct {
		loaded int
		pr     period
	}{{0, year2026}, {1, year2026}, {0, feb2026}} {
		loaded, s, pr := tc.loaded, p.states()[tc.loaded], tc.pr
		{
			t.Run(s.name+"/"+pr.name, func(t *testing.T) {
				v := p.viewFor(loaded+1, pr)
				totals := func(q period) map[string]any {
					m := map[string]any{}
					for _, x := range scores(p.viewFor(loaded+1, q), p.cal, q) {
						m[x.unit.u.ID] = x.shown()
					}
					return m
				}
				change := func(a, b any) any {
					if a == nil || b == nil {
						return nil
					}
					return a.(float64) - b.(float64)
				}
				rank := func(pending bool, n int64) any {
					if pending {
						return nil
					}
					return n
				}
				prev, ly := totals(previous(pr)), totals(lastYear(pr))
				var want []row
				for _, x := range scores(v, p.cal, pr) {
					id := x.unit.u.ID
					var ded any = x.deduction
					if x.maintenance == nil {
						ded = nil
					}
					want = append(want, with(unitCols(x.unit.u), row{
						"publish_points": x.publish, "timeliness_points": x.timeliness,
						"maintenance_points": x.maintenance, "interpretation_points": x.interp,
						"interaction_points": x.interaction, "maintenance_deduction": ded,
						"max_points": x.maxPoints, "raw_points": x.raw, "total": x.shown(),
						"grade": x.grade, "veto_count": int64(x.vetoes),
						"rank_in_group": rank(x.pending, x.rankGroup), "rank_overall": rank(x.pending, x.rankAll),
						"previous_total": prev[id], "change": change(x.shown(), prev[id]),
						"last_year_total": ly[id], "yoy_change": change(x.shown(), ly[id]),
						"cutoff": v.cutoff.Format(time.DateOnly), "rule_version": "2026",
					}))
				}
				compareRows(t, "scorecard", want, metric(t, s.db, "scorecard", pr, nil), "unit_id")
			})
		}
	}
}
