package e2e

import (
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// The expectations in expect_*_test.go are METRICS.md and the defaults of
// rules/2026.yaml applied in plain Go to a view of the truth. They never
// read the database.

func unitCols(u *sitefarm.Unit) row {
	group := u.Kind
	if u.Kind != "部门" {
		group = "乡镇街道"
	}
	return row{"unit_id": u.ID, "unit_name": u.Name, "kind": u.Kind, "kind_group": group}
}

func with(base row, more row) row {
	out := row{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// itemsIn are the unit's known items with 发布日期 in the period.
func (uv *unitView) itemsIn(from, to time.Time) []*itemView {
	var out []*itemView
	for _, iv := range uv.sortedItems() {
		if inPeriod(iv.it.PublishDate, from, to) {
			out = append(out, iv)
		}
	}
	return out
}

// coverageOK says every column of the unit could be listed (none behind a
// WAF): the item metrics of such a unit are complete.
func expectPublishCounts(v *view, pr period) []row {
	var out []row
	for _, uv := range v.units {
		n := map[[2]string]int64{}
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			n[[2]string{iv.col.Category, iv.it.PublishDate.Format("2006-01")}]++
		}
		for k, c := range n {
			out = append(out, with(unitCols(uv.u), row{"category": k[0], "month": k[1], "items": c}))
		}
	}
	return out
}

func yearlyTarget(kind string) float64 {
	if kind == "部门" {
		return 120
	}
	return 60
}

func expectPublishSummary(v *view, pr period) []row {
	var out []row
	// A period past the cutoff is pro-rated to the cutoff.
	days := float64(v.upTo(pr.to).Sub(pr.from)/(24*time.Hour) + 1)
	y := pr.from.Year()
	yearDays := float64(day(y+1, 1, 1).Sub(day(y, 1, 1)) / (24 * time.Hour))
	for _, uv := range v.units {
		n := len(uv.itemsIn(pr.from, pr.to))
		target := yearlyTarget(uv.u.Kind) * days / yearDays
		completion := float64(n) / target
		out = append(out, with(unitCols(uv.u), row{
			"published": int64(n), "yearly_target": yearlyTarget(uv.u.Kind), "target": target,
			"completion": completion, "completion_scored": minf(completion, 1),
		}))
	}
	return out
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func expectTimeliness(v *view, cal *calendar, pr period) []row {
	var out []row
	for _, uv := range v.units {
		var published, formed, onTime int
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			published++
			if iv.it.FormedDate.IsZero() {
				continue
			}
			formed++
			if cal.span(iv.it.FormedDate, iv.it.PublishDate) <= 20 {
				onTime++
			}
		}
		out = append(out, with(unitCols(uv.u), row{
			"published": int64(published), "with_formed": int64(formed), "on_time": int64(onTime),
			"late": int64(formed - onTime), "without_formed": int64(published - formed),
			"limit_days": int64(20), "rate": rate(onTime, formed),
		}))
	}
	return out
}

func expectTimelinessItems(v *view, cal *calendar, pr period) []row {
	var out []row
	for _, uv := range v.units {
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			r := with(unitCols(uv.u), row{
				"url": iv.url, "column_id": iv.col.ID, "category": iv.col.Category,
				"formed_date": dateStr(iv.it.FormedDate), "publish_date": dateStr(iv.it.PublishDate),
				"working_days": nil, "on_time": nil,
			})
			if !iv.it.FormedDate.IsZero() {
				wd := cal.span(iv.it.FormedDate, iv.it.PublishDate)
				r["working_days"], r["on_time"] = int64(wd), wd <= 20
			}
			out = append(out, r)
		}
	}
	return out
}

// links reports whether the policy is linked with a 政策解读 item of the
// same unit, by a link either way, and both ways.
func (uv *unitView) links(p *itemView) (linked, both bool) {
	for _, i := range uv.items {
		if i.col.Category != "政策解读" {
			continue
		}
		out, back := p.linksOut[i.url], i.linksOut[p.url]
		linked = linked || out || back
		both = both || (out && back)
	}
	return linked, both
}

func expectInterpretationLinks(v *view, pr period) []row {
	var out []row
	for _, uv := range v.units {
		var policies, linked, both int
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			if iv.col.Category != "政策文件" {
				continue
			}
			policies++
			l, b := uv.links(iv)
			linked += b2i(l)
			both += b2i(b)
		}
		out = append(out, with(unitCols(uv.u), row{
			"policies": int64(policies), "linked": int64(linked), "both_ways": int64(both),
			"unlinked": int64(policies - linked), "rate": rate(linked, policies),
		}))
	}
	return out
}

func expectBlankMonths(v *view, pr period) []row {
	var out []row
	for _, uv := range v.units {
		n := map[string]int{}
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			n[iv.it.PublishDate.Format("2006-01")]++
		}
		// Months after the cutoff are not listed; a month still running at
		// the cutoff is not judged.
		for m := pr.from; !m.After(v.upTo(pr.to)); m = m.AddDate(0, 1, 0) {
			k := m.Format("2006-01")
			judged := !m.AddDate(0, 1, -1).After(v.cutoff)
			out = append(out, with(unitCols(uv.u), row{"month": k, "published": int64(n[k]), "minimum": int64(1),
				"blank": judged && n[k] < 1, "judged": judged}))
		}
	}
	return out
}

func expectUnlinkedPolicies(v *view, pr period) []row {
	var out []row
	for _, uv := range v.units {
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			if iv.col.Category != "政策文件" {
				continue
			}
			if l, _ := uv.links(iv); l {
				continue
			}
			out = append(out, with(unitCols(uv.u), row{
				"url": iv.url, "title": iv.it.Title, "publish_date": dateStr(iv.it.PublishDate), "links_out": int64(len(iv.linksOut)),
			}))
		}
	}
	return out
}

// expectBackDated lists the back-dated posts known at the view's cutoff:
// first seen by a later run although an earlier complete crawl of their
// column, with a cutoff after their 发布日期, should have seen them.
func expectBackDated(v *view, p *pipeline, pr period) []row {
	var out []row
	for _, uv := range v.units {
		for _, iv := range uv.itemsIn(pr.from, pr.to) {
			if iv.firstRun < 2 || !p.cutoff1.After(iv.published) {
				continue
			}
			out = append(out, with(unitCols(uv.u), row{
				"column_id": iv.col.ID, "url": iv.url, "publish_date": dateStr(iv.it.PublishDate),
				"first_seen_run": p.runID(2), "first_seen_cutoff": p.cutoff2.Format(time.DateOnly),
				"earlier_run": p.runID(1), "earlier_cutoff": p.cutoff1.Format(time.DateOnly),
				"days_late": int64(p.cutoff2.Sub(iv.published) / (24 * time.Hour)),
			}))
		}
	}
	return out
}
