package queries

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/gongkai/gongkai/rules"
)

// ref computes the metrics from plain Go values by walking the rows and
// the calendar day by day: an implementation independent of the SQL, to
// compare it with. Each metric gives the rows the SQL must return, keyed by
// column name.
type ref struct {
	d     *Dataset
	cal   calendar
	r     *rules.Rules
	runs  map[string]RunRec
	units map[string]Unit
}

type refRow map[string]any

func newRef(d *Dataset, cal calendar, r *rules.Rules) *ref {
	x := &ref{d: d, cal: cal, r: r, runs: map[string]RunRec{}, units: map[string]Unit{}}
	for _, run := range d.Runs {
		x.runs[run.ID] = run
	}
	for _, u := range d.Units {
		x.units[u.ID] = u
	}
	return x
}

func null(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func ratio(a, b int) any {
	if b == 0 {
		return nil
	}
	return float64(a) / float64(b)
}

// addMonths adds calendar months, clamping the day to the month's end.
func addMonths(t time.Time, n int) time.Time {
	y, m := t.Year(), int(t.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	first := time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := t.Day()
	if day > last {
		day = last
	}
	return time.Date(y, time.Month(m+1), day, 0, 0, 0, 0, time.UTC)
}

func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// cutoff resolves the default cutoff of a period ending on to: the first
// run after it that may be a default cutoff, else the newest such run,
// else the newest run.
func (x *ref) cutoff(to time.Time) time.Time {
	var best, newestDefault, newest time.Time
	for _, run := range x.d.Runs {
		if run.DefaultCutoff && run.Cutoff.After(to) && (best.IsZero() || run.Cutoff.Before(best)) {
			best = run.Cutoff
		}
		if run.DefaultCutoff && run.Cutoff.After(newestDefault) {
			newestDefault = run.Cutoff
		}
		if run.Cutoff.After(newest) {
			newest = run.Cutoff
		}
	}
	switch {
	case !best.IsZero():
		return best
	case !newestDefault.IsZero():
		return newestDefault
	}
	return newest
}

// newer orders runs: later cutoff first, then a run that may be a default
// cutoff, then later run id.
func (x *ref) newer(a, b string) bool {
	ra, rb := x.runs[a], x.runs[b]
	if !ra.Cutoff.Equal(rb.Cutoff) {
		return ra.Cutoff.After(rb.Cutoff)
	}
	if ra.DefaultCutoff != rb.DefaultCutoff {
		return ra.DefaultCutoff
	}
	return a > b
}

// verified is domain.Verified.
func verified(v string) bool { return v == "complete" || v == "empty" }

// upTo is the last day of [from, to] that is scored at cutoff c.
func upTo(to, c time.Time) time.Time {
	if c.Before(to) {
		return c
	}
	return to
}

func (x *ref) seen(run string, c time.Time) bool {
	r, ok := x.runs[run]
	return ok && !r.Cutoff.After(c)
}

func (x *ref) unitRow(id string) refRow {
	u := x.units[id]
	return refRow{"unit_id": u.ID, "unit_name": u.Name, "kind": u.Kind, "kind_group": u.KindGroup}
}

// unitRun is each unit's as-of run.
func (x *ref) unitRun(c time.Time) map[string]string {
	out := map[string]string{}
	touch := func(run, unit string) {
		if !x.seen(run, c) {
			return
		}
		if cur, ok := out[unit]; !ok || x.newer(run, cur) {
			out[unit] = run
		}
	}
	for _, cr := range x.d.Crawls {
		touch(cr.Run, cr.Unit)
	}
	for _, h := range x.d.Homes {
		touch(h.Run, h.Unit)
	}
	for _, p := range x.d.Pages {
		touch(p.Run, p.Unit)
	}
	return out
}

// crawl is the newest crawl of a column or mailbox at c.
func (x *ref) crawl(c time.Time, unit, kind, col string) *Crawl {
	var best *Crawl
	for i := range x.d.Crawls {
		cr := &x.d.Crawls[i]
		if cr.Unit == unit && cr.Kind == kind && cr.Column == col && x.seen(cr.Run, c) && (best == nil || x.newer(cr.Run, best.Run)) {
			best = cr
		}
	}
	return best
}

func (x *ref) items(c time.Time) []Item {
	var out []Item
	for _, it := range x.d.Items {
		if x.seen(it.FirstSeenRun, c) && !x.seen(it.RemovedRun, c) {
			out = append(out, it)
		}
	}
	return out
}

// listedUnverified: the item's detail page failed by c and no run read it.
func (x *ref) listedUnverified(it Item, c time.Time) bool {
	return x.seen(it.DetailFailedRun, c) && !x.seen(it.DetailFetchedRun, c)
}

func (x *ref) inPeriod(from, to, c time.Time) (verified, unverified []Item) {
	for _, it := range x.items(c) {
		if !it.Publish.IsZero() && !it.Publish.Before(from) && !it.Publish.After(to) {
			if x.listedUnverified(it, c) {
				unverified = append(unverified, it)
			} else {
				verified = append(verified, it)
			}
		}
	}
	return verified, unverified
}

func (x *ref) published(from, to, c time.Time) []Item {
	v, _ := x.inPeriod(from, to, c)
	return v
}

type colState struct {
	col                  Column
	items, undated       int
	newest               time.Time
	newestURL            string
	crawl                *Crawl
	drift, coverageOK    bool
	class                string
	limitDays, limitMons int
	status               string
}

func (x *ref) drifted(cr *Crawl) bool {
	if cr == nil || (cr.Found != nil && *cr.Found != 0) || (cr.Outcome != "ok" && cr.Outcome != "empty") {
		return false
	}
	for _, s := range x.d.Sightings {
		if s.Unit == cr.Unit && s.Column == cr.Column && s.Run < cr.Run {
			return true
		}
	}
	return false
}

func (x *ref) columns(c time.Time) []colState {
	its := map[string]Item{}
	for _, it := range x.items(c) {
		its[it.Unit+"|"+it.CanonicalURL] = it
	}
	member := map[string]map[string]bool{} // unit|column → canonical URLs
	add := func(unit, col, url string) {
		if _, ok := its[unit+"|"+url]; !ok {
			return
		}
		k := unit + "|" + col
		if member[k] == nil {
			member[k] = map[string]bool{}
		}
		member[k][url] = true
	}
	for _, s := range x.d.Sightings {
		if x.seen(s.Run, c) {
			add(s.Unit, s.Column, s.CanonicalURL)
		}
	}
	for _, it := range its {
		add(it.Unit, it.Column, it.CanonicalURL)
	}
	var out []colState
	for _, col := range x.d.Columns {
		s := colState{col: col}
		for url := range member[col.Unit+"|"+col.ID] {
			it := its[col.Unit+"|"+url]
			s.items++
			if it.Publish.IsZero() {
				s.undated++
				continue
			}
			if it.Publish.After(s.newest) || (it.Publish.Equal(s.newest) && it.URL < s.newestURL) {
				s.newest, s.newestURL = it.Publish, it.URL
			}
		}
		s.crawl = x.crawl(c, col.Unit, "column", col.ID)
		s.drift = x.drifted(s.crawl)
		s.coverageOK = s.crawl != nil && verified(s.crawl.Verdict) && !s.drift
		s.class = x.r.ClassOf(col.Category)
		cl := x.r.Classes[s.class]
		s.limitDays, s.limitMons = cl.Days, cl.Months
		switch {
		case s.items == 0:
			s.status = "blank"
		case s.limitDays == 0 && s.limitMons == 0:
			s.status = "static"
		case s.newest.IsZero():
			s.status = "stale"
		case s.limitDays > 0 && s.newest.AddDate(0, 0, s.limitDays).Before(c):
			s.status = "stale"
		case s.limitMons > 0 && addMonths(s.newest, s.limitMons).Before(c):
			s.status = "stale"
		default:
			s.status = "fresh"
		}
		if !s.coverageOK && (s.status == "stale" || s.status == "blank") {
			s.status = "unverified"
		}
		out = append(out, s)
	}
	return out
}

func (x *ref) columnFreshness(c time.Time) []refRow {
	var out []refRow
	for _, s := range x.columns(c) {
		row := x.unitRow(s.col.Unit)
		row["column_id"], row["column_name"], row["url"], row["category"] = s.col.ID, s.col.Name, s.col.URL, s.col.Category
		row["update_class"], row["items"], row["undated_items"] = s.class, s.items, s.undated
		row["limit_days"], row["limit_months"] = nil, nil
		if s.limitDays > 0 {
			row["limit_days"] = s.limitDays
		}
		if s.limitMons > 0 {
			row["limit_months"] = s.limitMons
		}
		row["newest_date"], row["newest_url"], row["days_since"] = null(s.newest), nullStr(s.newestURL), nil
		if !s.newest.IsZero() {
			row["days_since"] = days(s.newest, c)
		}
		row["status"], row["veto_key"], row["deduct_group"] = s.status, x.r.VetoKey(s.col.Category), x.r.DeductGroup(s.col.Category)
		row["run_id"], row["outcome"] = nil, nil
		if s.crawl != nil {
			row["run_id"], row["outcome"] = s.crawl.Run, s.crawl.Outcome
		}
		row["drift"], row["coverage_ok"], row["cutoff"] = s.drift, s.coverageOK, c
		switch {
		case s.crawl == nil:
			row["verdict"] = "failed"
		case s.drift && verified(s.crawl.Verdict):
			row["verdict"] = "suspect"
		default:
			row["verdict"] = s.crawl.Verdict
		}
		out = append(out, row)
	}
	return out
}

type freshCounts struct {
	columns, fresh, stale, blank, static, unverified   int
	unverifiedKey                                      int
	staleDynamic, stalePeriodic, staleAnnual, staleKey int
	staleKeyGroup, staleOther, staleDynamicGroup       int
	coverage                                           bool
	staleURLs, blankURLs                               []string
}

func (x *ref) freshness(c time.Time) map[string]*freshCounts {
	out := map[string]*freshCounts{}
	for _, u := range x.d.Units {
		out[u.ID] = &freshCounts{coverage: true}
	}
	for _, s := range x.columns(c) {
		f := out[s.col.Unit]
		f.columns++
		f.coverage = f.coverage && s.coverageOK
		switch s.status {
		case "fresh":
			f.fresh++
		case "blank":
			f.blank++
			f.blankURLs = append(f.blankURLs, s.col.URL)
		case "static":
			f.static++
		case "unverified":
			f.unverified++
			if x.r.VetoKey(s.col.Category) {
				f.unverifiedKey++
			}
		case "stale":
			f.stale++
			f.staleURLs = append(f.staleURLs, s.col.URL)
			switch s.class {
			case rules.Dynamic:
				f.staleDynamic++
			case rules.Periodic:
				f.stalePeriodic++
			case rules.Annual:
				f.staleAnnual++
			}
			if x.r.VetoKey(s.col.Category) {
				f.staleKey++
			}
			switch x.r.DeductGroup(s.col.Category) {
			case "dynamic":
				f.staleDynamicGroup++
			case "key":
				f.staleKeyGroup++
			default:
				f.staleOther++
			}
		}
	}
	return out
}

func (x *ref) freshnessSummary(c time.Time) []refRow {
	var out []refRow
	for id, f := range x.freshness(c) {
		row := x.unitRow(id)
		for k, v := range map[string]any{"columns": f.columns, "fresh": f.fresh, "stale": f.stale, "blank": f.blank,
			"static": f.static, "unverified": f.unverified, "unverified_key": f.unverifiedKey, "stale_dynamic": f.staleDynamic, "stale_periodic": f.stalePeriodic,
			"stale_annual": f.staleAnnual, "stale_key": f.staleKey, "stale_key_group": f.staleKeyGroup,
			"stale_other": f.staleOther, "stale_dynamic_group": f.staleDynamicGroup, "coverage_complete": f.coverage} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

type homeState struct {
	unit       Unit
	obs        *Home
	days       int
	status     string
	coverageOK bool
}

func (x *ref) homes(c time.Time) []homeState {
	var out []homeState
	for _, u := range x.d.Units {
		if u.HomeURL == "" {
			continue
		}
		h := homeState{unit: u}
		for i := range x.d.Homes {
			o := &x.d.Homes[i]
			if o.Unit == u.ID && x.seen(o.Run, c) && (h.obs == nil || x.newer(o.Run, h.obs.Run)) {
				h.obs = o
			}
		}
		switch {
		case h.obs == nil:
			h.status = "not_crawled"
		case h.obs.Verdict == "blocked":
			h.status = "blocked"
		case h.obs.Verdict != "complete" || !h.obs.OK:
			h.status = "failed"
		case h.obs.Newest.IsZero():
			h.status = "undated"
		default:
			h.days = days(h.obs.Newest, c)
			switch {
			case h.days > x.r.Home.VetoDays:
				h.status = "stale"
			case h.days >= x.r.Home.WarningDays:
				h.status = "warning"
			default:
				h.status = "fresh"
			}
			h.coverageOK = true
		}
		out = append(out, h)
	}
	return out
}

func (x *ref) homeFreshness(c time.Time) []refRow {
	var out []refRow
	for _, h := range x.homes(c) {
		row := x.unitRow(h.unit.ID)
		row["home_url"] = h.unit.HomeURL
		for _, k := range []string{"run_id", "ok", "newest_date", "newest_url", "newest_title", "days_stale"} {
			row[k] = nil
		}
		if h.obs != nil {
			row["run_id"], row["ok"] = h.obs.Run, h.obs.OK
			row["newest_date"], row["newest_url"], row["newest_title"] = null(h.obs.Newest), nullStr(h.obs.NewestURL), nullStr(h.obs.NewestTitle)
			if !h.obs.Newest.IsZero() {
				row["days_stale"] = days(h.obs.Newest, c)
			}
		}
		row["status"], row["veto"] = h.status, h.status == "stale"
		row["warning"] = h.status == "stale" || h.status == "warning"
		row["coverage_ok"] = h.coverageOK
		row["verdict"] = "failed"
		if h.obs != nil {
			row["verdict"] = h.obs.Verdict
		}
		out = append(out, row)
	}
	return out
}

type pageFinal struct{ unit, kind, url, outcome string }

func (x *ref) pages(c time.Time) []pageFinal {
	ur := x.unitRun(c)
	best := map[string]Page{}
	for _, p := range x.d.Pages {
		if ur[p.Unit] != p.Run {
			continue
		}
		k := p.Unit + "|" + p.Kind + "|" + p.URL
		b, ok := best[k]
		if !ok || p.Attempt > b.Attempt || (p.Attempt == b.Attempt && (p.FetchedAt.After(b.FetchedAt) ||
			(p.FetchedAt.Equal(b.FetchedAt) && p.Outcome < b.Outcome))) {
			best[k] = p
		}
	}
	var out []pageFinal
	for _, p := range best {
		out = append(out, pageFinal{p.Unit, p.Kind, p.URL, p.Outcome})
	}
	return out
}

type coverageState struct {
	run                                                 string
	pages, fetched, failed, blocked, robots             int
	columns, columnsFailed, drift, mailboxes, mailboxOK int
	homeOK                                              any
	complete, itemsComplete                             bool
	itemPagesFailed                                     int
	failRate                                            any
	failedURLs                                          []string
}

func (x *ref) coverage(c time.Time) map[string]*coverageState {
	ur := x.unitRun(c)
	out := map[string]*coverageState{}
	for _, u := range x.d.Units {
		out[u.ID] = &coverageState{run: ur[u.ID]}
	}
	for _, p := range x.pages(c) {
		s := out[p.unit]
		s.pages++
		switch p.outcome {
		case "ok":
			s.fetched++
		case "failed":
			s.failed++
			s.failedURLs = append(s.failedURLs, p.url)
		case "blocked":
			s.blocked++
			s.failedURLs = append(s.failedURLs, p.url)
		}
		if (p.outcome == "failed" || p.outcome == "blocked") && (p.kind == "list" || p.kind == "detail") {
			s.itemPagesFailed++
		}
		switch p.outcome {
		case "robots":
			s.robots++
		}
	}
	for _, col := range x.d.Columns {
		s := out[col.Unit]
		s.columns++
		cr := x.crawl(c, col.Unit, "column", col.ID)
		if cr == nil || !verified(cr.Verdict) {
			s.columnsFailed++
		}
		if x.drifted(cr) {
			s.drift++
		}
	}
	for _, m := range x.d.Mailboxes {
		s := out[m.Unit]
		s.mailboxes++
		if cr := x.crawl(c, m.Unit, "mailbox", m.ID); cr != nil && verified(cr.Verdict) {
			s.mailboxOK++
		}
	}
	for _, h := range x.homes(c) {
		out[h.unit.ID].homeOK = h.obs != nil && h.obs.Verdict == "complete"
	}
	for _, u := range x.d.Units {
		s := out[u.ID]
		s.failRate = ratio(s.failed+s.blocked, s.pages)
		s.complete = s.run != "" && s.failed+s.blocked == 0 && s.columnsFailed == 0 && s.drift == 0 &&
			(s.homeOK == nil || s.homeOK == true) && s.mailboxes == s.mailboxOK
		s.itemsComplete = s.run != "" && s.itemPagesFailed == 0 && s.columnsFailed == 0 && s.drift == 0
	}
	return out
}

func (x *ref) coverageRows(c time.Time) []refRow {
	var out []refRow
	for id, s := range x.coverage(c) {
		row := x.unitRow(id)
		row["run_id"] = nullStr(s.run)
		for k, v := range map[string]any{"pages": s.pages, "fetched": s.fetched, "failed": s.failed, "blocked": s.blocked,
			"robots": s.robots, "fail_rate": s.failRate, "columns": s.columns, "columns_failed": s.columnsFailed,
			"drift_columns": s.drift, "home_ok": s.homeOK, "mailboxes_failed": s.mailboxes - s.mailboxOK, "complete": s.complete} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

func month(t time.Time) string { return t.Format("2006-01") }

func (x *ref) publishCounts(from, to, c time.Time) []refRow {
	n := map[[3]string]int{}
	for _, it := range x.published(from, to, c) {
		n[[3]string{it.Unit, it.Category, month(it.Publish)}]++
	}
	var out []refRow
	for k, v := range n {
		row := x.unitRow(k[0])
		row["category"], row["month"], row["items"] = k[1], k[2], v
		out = append(out, row)
	}
	return out
}

func (x *ref) target(u Unit) (rules.Target, bool) { return x.r.TargetFor(u.ID, u.Kind) }

func (x *ref) publishSummary(from, to, c time.Time) map[string]refRow {
	n, lu := map[string]int{}, map[string]int{}
	pub, unv := x.inPeriod(from, to, c)
	for _, it := range pub {
		n[it.Unit]++
	}
	for _, it := range unv {
		lu[it.Unit]++
	}
	periodDays := math.Max(float64(days(from, upTo(to, c))+1), 0)
	y := from.Year()
	yearDays := float64(days(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)))
	out := map[string]refRow{}
	for _, u := range x.d.Units {
		row := x.unitRow(u.ID)
		row["published"], row["listed_unverified"] = n[u.ID], lu[u.ID]
		row["yearly_target"], row["target"], row["completion"], row["completion_scored"] = nil, nil, nil, nil
		if t, ok := x.target(u); ok {
			row["yearly_target"] = t.Yearly
			target := t.Yearly * periodDays / yearDays
			row["target"] = target
			if target > 0 {
				comp := float64(n[u.ID]) / target
				row["completion"], row["completion_scored"] = comp, math.Min(comp, 1)
			}
		}
		out[u.ID] = row
	}
	return out
}

func (x *ref) blankMonths(from, to, c time.Time) []refRow {
	n := map[[2]string]int{}
	for _, it := range x.published(from, to, c) {
		n[[2]string{it.Unit, month(it.Publish)}]++
	}
	var out []refRow
	for _, u := range x.d.Units {
		minimum := 1
		if t, ok := x.target(u); ok {
			minimum = t.MonthlyMinimum
		}
		for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(upTo(to, c)); m = m.AddDate(0, 1, 0) {
			row := x.unitRow(u.ID)
			p := n[[2]string{u.ID, month(m)}]
			judged := !m.AddDate(0, 1, -1).After(c)
			row["month"], row["published"], row["minimum"], row["blank"], row["judged"] = month(m), p, minimum, judged && p < minimum, judged
			out = append(out, row)
		}
	}
	return out
}

func (x *ref) timelinessItems(from, to, c time.Time) []refRow {
	var out []refRow
	for _, it := range x.published(from, to, c) {
		row := x.unitRow(it.Unit)
		row["column_id"], row["category"], row["url"], row["title"] = it.Column, it.Category, it.URL, nullStr(it.Title)
		row["formed_date"], row["publish_date"], row["detail_sha256"] = null(it.Formed), it.Publish, nullStr(it.DetailSHA)
		row["working_days"], row["on_time"] = nil, nil
		if !it.Formed.IsZero() {
			wd := x.cal.span(it.Formed, it.Publish)
			row["working_days"], row["on_time"] = wd, wd <= x.r.Timeliness.WorkingDays
		}
		out = append(out, row)
	}
	return out
}

func (x *ref) timeliness(from, to, c time.Time) map[string]refRow {
	out := map[string]refRow{}
	for _, u := range x.d.Units {
		row := x.unitRow(u.ID)
		row["published"], row["with_formed"], row["on_time"], row["late"] = 0, 0, 0, 0
		row["limit_days"] = x.r.Timeliness.WorkingDays
		out[u.ID] = row
	}
	for _, it := range x.timelinessItems(from, to, c) {
		row := out[it["unit_id"].(string)]
		row["published"] = row["published"].(int) + 1
		if it["on_time"] != nil {
			row["with_formed"] = row["with_formed"].(int) + 1
			if it["on_time"].(bool) {
				row["on_time"] = row["on_time"].(int) + 1
			} else {
				row["late"] = row["late"].(int) + 1
			}
		}
	}
	for _, row := range out {
		row["without_formed"] = row["published"].(int) - row["with_formed"].(int)
		row["rate"] = ratio(row["on_time"].(int), row["with_formed"].(int))
	}
	return out
}

type policy struct {
	it               Item
	linked, bothWays bool
	linksOut         int
}

func (x *ref) policies(from, to, c time.Time) []policy {
	interp := map[string]bool{}
	for _, it := range x.items(c) {
		if it.Category == "政策解读" {
			interp[it.Unit+"|"+it.CanonicalURL] = true
		}
	}
	var out []policy
	for _, it := range x.published(from, to, c) {
		if it.Category != "政策文件" {
			continue
		}
		p := policy{it: it}
		to, from := map[string]bool{}, map[string]bool{}
		for _, l := range x.d.Links {
			if l.Unit != it.Unit {
				continue
			}
			if l.From == it.CanonicalURL {
				p.linksOut++
				if interp[l.Unit+"|"+l.To] {
					to[l.To] = true
				}
			}
			if l.To == it.CanonicalURL && interp[l.Unit+"|"+l.From] {
				from[l.From] = true
			}
		}
		p.linked = len(to)+len(from) > 0
		for j := range to {
			if from[j] {
				p.bothWays = true
			}
		}
		out = append(out, p)
	}
	return out
}

func (x *ref) interpretationLinks(from, to, c time.Time) map[string]refRow {
	out := map[string]refRow{}
	for _, u := range x.d.Units {
		row := x.unitRow(u.ID)
		row["policies"], row["linked"], row["both_ways"] = 0, 0, 0
		out[u.ID] = row
	}
	for _, p := range x.policies(from, to, c) {
		row := out[p.it.Unit]
		row["policies"] = row["policies"].(int) + 1
		if p.linked {
			row["linked"] = row["linked"].(int) + 1
		}
		if p.bothWays {
			row["both_ways"] = row["both_ways"].(int) + 1
		}
	}
	for _, row := range out {
		row["unlinked"] = row["policies"].(int) - row["linked"].(int)
		row["rate"] = ratio(row["linked"].(int), row["policies"].(int))
	}
	return out
}

func (x *ref) unlinkedPolicies(from, to, c time.Time) []refRow {
	var out []refRow
	for _, p := range x.policies(from, to, c) {
		if p.linked {
			continue
		}
		row := x.unitRow(p.it.Unit)
		row["url"], row["title"], row["publish_date"], row["links_out"], row["detail_sha256"] = p.it.URL, nullStr(p.it.Title), p.it.Publish, p.linksOut, nullStr(p.it.DetailSHA)
		out = append(out, row)
	}
	return out
}

type letterState struct {
	l                    Letter
	status, handler, sha string
	replied              time.Time
}

func (x *ref) letters(c time.Time) []letterState {
	var out []letterState
	for _, l := range x.d.Letters {
		if !x.seen(l.FirstSeenRun, c) {
			continue
		}
		s := letterState{l: l, status: l.Status, handler: l.Handler, sha: l.DetailSHA, replied: l.Replied}
		var best *LetterState
		for i := range x.d.LetterObs {
			o := &x.d.LetterObs[i]
			if o.Unit == l.Unit && o.Mailbox == l.Mailbox && o.Key == l.Key && x.seen(o.Run, c) && (best == nil || x.newer(o.Run, best.Run)) {
				best = o
			}
		}
		if best != nil {
			s.status, s.handler, s.replied = best.Status, best.Handler, best.Replied
			if best.DetailSHA != "" {
				s.sha = best.DetailSHA
			}
		}
		out = append(out, s)
	}
	return out
}

type letterRow struct {
	s                     letterState
	deadlineDays          int
	deadline              time.Time
	replied, due, overdue bool
	replyDays             any
	onTime                any
}

func (x *ref) letterRows(from, to, c time.Time) []letterRow {
	var out []letterRow
	for _, s := range x.letters(c) {
		if s.l.Received.IsZero() || s.l.Received.Before(from) || s.l.Received.After(to) {
			continue
		}
		r := letterRow{s: s, deadlineDays: x.r.Deadline(s.l.Type), replied: s.status == "replied"}
		r.deadline = x.cal.addWorkdays(s.l.Received, r.deadlineDays)
		// A letter due on the cutoff day still has that day to be answered.
		r.due = r.deadline.Before(c)
		if r.replied && !s.replied.IsZero() {
			r.replyDays = x.cal.span(s.l.Received, s.replied)
		}
		switch {
		case r.replied && r.replyDays != nil && r.replyDays.(int) <= r.deadlineDays:
			r.onTime = true
		case r.due:
			r.onTime = false
		}
		r.overdue = !r.replied && r.due
		out = append(out, r)
	}
	return out
}

func (x *ref) lettersDetail(from, to, c time.Time) []refRow {
	var out []refRow
	for _, r := range x.letterRows(from, to, c) {
		row := x.unitRow(r.s.l.Unit)
		l := r.s.l
		for k, v := range map[string]any{"mailbox_id": l.Mailbox, "letter_key": l.Key, "letter_no": nullStr(l.No), "url": nullStr(l.URL),
			"title": nullStr(l.Title), "type": l.Type, "received_date": l.Received, "deadline_days": r.deadlineDays,
			"deadline": r.deadline, "status": r.s.status, "replied_date": null(r.s.replied), "reply_days": r.replyDays,
			"on_time": r.onTime, "overdue": r.overdue, "handler": nullStr(r.s.handler), "detail_sha256": nullStr(r.s.sha)} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func (x *ref) lettersSummary(from, to, c time.Time) map[string]refRow {
	type acc struct {
		received, replied, overdue, due, onTime int
		days                                    []float64
	}
	a := map[string]*acc{}
	for _, u := range x.d.Units {
		a[u.ID] = &acc{}
	}
	for _, r := range x.letterRows(from, to, c) {
		s := a[r.s.l.Unit]
		s.received++
		if r.replied {
			s.replied++
		}
		if r.overdue {
			s.overdue++
		}
		if r.due {
			s.due++
			if r.onTime == true {
				s.onTime++
			}
		}
		if r.replyDays != nil {
			s.days = append(s.days, float64(r.replyDays.(int)))
		}
	}
	mailboxes := map[string]int{}
	for _, m := range x.d.Mailboxes {
		mailboxes[m.Unit]++
	}
	out := map[string]refRow{}
	for id, s := range a {
		row := x.unitRow(id)
		row["mailboxes"], row["received"], row["replied"], row["open"] = mailboxes[id], s.received, s.replied, s.received-s.replied
		row["overdue"], row["due"], row["on_time"] = s.overdue, s.due, s.onTime
		row["reply_rate"], row["on_time_rate"] = ratio(s.replied, s.received), ratio(s.onTime, s.due)
		row["mean_reply_days"], row["median_reply_days"] = nil, nil
		if len(s.days) > 0 {
			sum := 0.0
			for _, d := range s.days {
				sum += d
			}
			row["mean_reply_days"], row["median_reply_days"] = sum/float64(len(s.days)), median(s.days)
		}
		out[id] = row
	}
	return out
}

func boolOr(p *bool, dflt bool) bool {
	if p == nil {
		return dflt
	}
	return *p
}

func (x *ref) disclosureItems(from, to, c time.Time) []refRow {
	var out []refRow
	for _, r := range x.letterRows(from, to, c) {
		if !r.replied {
			continue
		}
		l := r.s.l
		row := x.unitRow(l.Unit)
		for k, v := range map[string]any{"mailbox_id": l.Mailbox, "letter_key": l.Key, "url": nullStr(l.URL), "title": nullStr(l.Title),
			"type": l.Type, "received_date": l.Received, "replied_date": null(r.s.replied),
			"missing_reply_time":    !boolOr(l.ShowsReplyTime, !r.s.replied.IsZero()),
			"missing_handler":       !boolOr(l.ShowsHandler, r.s.handler != ""),
			"missing_reply_content": !boolOr(l.ShowsReplyContent, false),
			"detail_sha256":         nullStr(r.s.sha)} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

func (x *ref) disclosure(from, to, c time.Time) []refRow {
	out := map[string]refRow{}
	for _, u := range x.d.Units {
		row := x.unitRow(u.ID)
		for _, k := range []string{"replied", "complete", "missing_reply_time", "missing_handler", "missing_reply_content", "missing_fields"} {
			row[k] = 0
		}
		out[u.ID] = row
	}
	for _, it := range x.disclosureItems(from, to, c) {
		row := out[it["unit_id"].(string)]
		row["replied"] = row["replied"].(int) + 1
		missing := 0
		for _, k := range []string{"missing_reply_time", "missing_handler", "missing_reply_content"} {
			if it[k].(bool) {
				row[k] = row[k].(int) + 1
				missing++
			}
		}
		row["missing_fields"] = row["missing_fields"].(int) + missing
		if missing == 0 {
			row["complete"] = row["complete"].(int) + 1
		}
	}
	return values(out)
}

func values(m map[string]refRow) []refRow {
	var out []refRow
	for _, r := range m {
		out = append(out, r)
	}
	return out
}

func (x *ref) unanswered(c time.Time, months int) []refRow {
	var out []refRow
	for _, s := range x.letters(c) {
		l := s.l
		if s.status == "replied" || l.Received.IsZero() || !addMonths(l.Received, months).Before(c) {
			continue
		}
		row := x.unitRow(l.Unit)
		within := !l.Received.Before(addMonths(c, -12))
		for k, v := range map[string]any{"mailbox_id": l.Mailbox, "letter_key": l.Key, "url": nullStr(l.URL), "title": nullStr(l.Title),
			"type": l.Type, "received_date": l.Received, "status": s.status, "days_open": days(l.Received, c),
			"within_year": within, "veto": l.Type == "咨询" && within} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

func (x *ref) backDated(from, to, c time.Time) []refRow {
	var out []refRow
	for _, it := range x.published(from, to, c) {
		cols := map[string]bool{it.Column: true}
		for _, s := range x.d.Sightings {
			if s.Unit == it.Unit && s.CanonicalURL == it.CanonicalURL && s.Run == it.FirstSeenRun {
				cols[s.Column] = true
			}
		}
		var best *Crawl
		for i := range x.d.Crawls {
			cr := &x.d.Crawls[i]
			if cr.Unit != it.Unit || cr.Kind != "column" || !cols[cr.Column] || (cr.Outcome != "ok" && cr.Outcome != "empty") ||
				(cr.Complete != nil && !*cr.Complete) || cr.Run >= it.FirstSeenRun || !x.runs[cr.Run].Cutoff.After(it.Publish) {
				continue
			}
			if best == nil || x.newer(cr.Run, best.Run) || (cr.Run == best.Run && cr.Column < best.Column) {
				best = cr
			}
		}
		if best == nil {
			continue
		}
		first := x.runs[it.FirstSeenRun].Cutoff
		row := x.unitRow(it.Unit)
		for k, v := range map[string]any{"column_id": best.Column, "url": it.URL, "title": nullStr(it.Title), "publish_date": it.Publish,
			"first_seen_run": it.FirstSeenRun, "first_seen_cutoff": first, "earlier_run": best.Run,
			"earlier_cutoff": x.runs[best.Run].Cutoff, "days_late": days(it.Publish, first), "detail_sha256": nullStr(it.DetailSHA)} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

type vetoRow struct {
	no       int
	name     string
	enabled  bool
	fired    bool
	figure   any
	thresh   float64
	reason   any
	coverage bool
	// undetermined: not fired, but unverified sources could fire it.
	undetermined bool
}

func (x *ref) vetoes(from, to, c time.Time) map[string][]vetoRow {
	fs := x.freshness(c)
	homes := map[string]homeState{}
	for _, h := range x.homes(c) {
		homes[h.unit.ID] = h
	}
	lu := map[string]int{}
	for _, row := range x.unanswered(c, x.r.Letters.LongUnansweredMonths) {
		if row["veto"].(bool) {
			lu[row["unit_id"].(string)]++
		}
	}
	bd := map[string]int{}
	for _, row := range x.backDated(from, to, c) {
		bd[row["unit_id"].(string)]++
	}
	mb, mbOK, missing := map[string]int{}, map[string]int{}, map[string]int{}
	for _, m := range x.d.Mailboxes {
		mb[m.Unit]++
		cr := x.crawl(c, m.Unit, "mailbox", m.ID)
		if cr != nil && verified(cr.Verdict) {
			mbOK[m.Unit]++
			continue
		}
		for _, p := range x.d.Pages {
			if cr != nil && p.Run == cr.Run && p.Unit == m.Unit && p.Column == m.ID && p.Kind == "mailbox_list" && (p.Status == 404 || p.Status == 410) {
				missing[m.Unit]++
				break
			}
		}
	}
	v := x.r.Vetoes
	out := map[string][]vetoRow{}
	for _, u := range x.d.Units {
		f := fs[u.ID]
		var rows []vetoRow
		h, hasHome := homes[u.ID]
		r1 := vetoRow{no: 1, name: "首页不更新", enabled: v.HomeStale.Enabled, thresh: float64(x.r.Home.VetoDays), coverage: true}
		if hasHome {
			r1.coverage = h.coverageOK
			if h.obs != nil && !h.obs.Newest.IsZero() {
				r1.figure = float64(days(h.obs.Newest, c))
			}
			if r1.enabled && h.status == "stale" {
				r1.fired, r1.reason = true, "首页"+itoa(h.days)+"天未更新"
			}
			r1.undetermined = r1.enabled && (h.status == "failed" || h.status == "blocked" || h.status == "not_crawled")
		}
		rows = append(rows, r1)
		count := func(no int, name string, s rules.Switch, n, unverified int, reason string) vetoRow {
			r := vetoRow{no: no, name: name, enabled: s.Enabled, figure: float64(n), thresh: float64(s.Min), coverage: f.coverage}
			if s.Enabled && n >= s.Min {
				r.fired, r.reason = true, reason
			}
			r.undetermined = s.Enabled && n < s.Min && n+unverified >= s.Min
			return r
		}
		rows = append(rows,
			count(2, "栏目不更新(重点)", v.StaleKeyColumns, f.staleKey, f.unverifiedKey, "重点栏目"+itoa(f.staleKey)+"个未按期更新"),
			count(3, "栏目不更新(全部)", v.StaleColumns, f.stale, f.unverified, itoa(f.stale)+"个栏目未按期更新"),
			count(4, "空白栏目", v.BlankColumns, f.blank, f.unverified, "空白栏目"+itoa(f.blank)+"个"))
		mbVerified := mbOK[u.ID] == mb[u.ID]
		r5 := count(5, "互动回应差", v.UnansweredConsultation, lu[u.ID], 0, "咨询留言超过"+itoa(x.r.Letters.LongUnansweredMonths)+"个月未答复"+itoa(lu[u.ID])+"条")
		if !mbVerified {
			r5.fired, r5.reason = false, nil
		}
		r5.coverage, r5.undetermined = mbVerified, r5.enabled && !mbVerified
		rows = append(rows, r5)
		r6 := vetoRow{no: 6, name: "无可用信箱", enabled: v.NoMailbox.Enabled, figure: float64(mbOK[u.ID]), thresh: 1, coverage: mbVerified}
		if r6.enabled && u.MustHaveMailbox && mb[u.ID] == missing[u.ID] {
			r6.fired, r6.reason = true, "信箱页面不存在(404)"
			if mb[u.ID] == 0 {
				r6.reason = "未设置信箱"
			}
		}
		r6.undetermined = r6.enabled && u.MustHaveMailbox && mbOK[u.ID] == 0 && mb[u.ID] > missing[u.ID]
		rows = append(rows, r6, count(7, "伪造发稿日期", v.BackDated, bd[u.ID], 0, "倒签发稿"+itoa(bd[u.ID])+"条"))
		out[u.ID] = rows
	}
	return out
}

func itoa(n int) string { return strings.TrimSpace(Format(int64(n))) }

func (x *ref) vetoRows(from, to, c time.Time) []refRow {
	var out []refRow
	for id, rows := range x.vetoes(from, to, c) {
		for _, v := range rows {
			row := x.unitRow(id)
			row["veto_no"], row["veto"], row["enabled"], row["fired"] = v.no, v.name, v.enabled, v.fired
			row["figure"], row["threshold"], row["reason"], row["coverage_complete"] = v.figure, v.thresh, v.reason, v.coverage
			row["undetermined"] = v.undetermined
			out = append(out, row)
		}
	}
	return out
}

func minString(xs []string) any {
	if len(xs) == 0 {
		return nil
	}
	m := xs[0]
	for _, s := range xs {
		if s < m {
			m = s
		}
	}
	return m
}

func (x *ref) earlyWarnings(c time.Time) []refRow {
	var out []refRow
	add := func(unit, rule, name string, figure, thresh float64, evidence any) {
		row := x.unitRow(unit)
		row["rule"], row["warning"], row["figure"], row["threshold"], row["evidence_url"] = rule, name, figure, thresh, evidence
		out = append(out, row)
	}
	w := x.r.Warnings
	for _, h := range x.homes(c) {
		if h.coverageOK && h.days >= x.r.Home.WarningDays {
			ev := any(h.unit.HomeURL)
			if h.obs.NewestURL != "" {
				ev = h.obs.NewestURL
			}
			add(h.unit.ID, "home_stale", "首页更新预警", float64(h.days), float64(x.r.Home.WarningDays), ev)
		}
	}
	for id, f := range x.freshness(c) {
		if f.blank > w.BlankColumns {
			add(id, "blank_columns", "空白栏目预警", float64(f.blank), float64(w.BlankColumns), minString(f.blankURLs))
		}
		if f.stale > w.StaleColumns {
			add(id, "stale_columns", "栏目更新预警", float64(f.stale), float64(w.StaleColumns), minString(f.staleURLs))
		}
	}
	n, urls := map[string]int{}, map[string][]string{}
	for _, row := range x.unanswered(c, w.LetterMonths) {
		id := row["unit_id"].(string)
		n[id]++
		if u, ok := row["url"].(string); ok {
			urls[id] = append(urls[id], u)
		}
	}
	for id, k := range n {
		add(id, "letter_unanswered", "留言超期预警", float64(k), float64(w.LetterMonths), minString(urls[id]))
	}
	for id, s := range x.coverage(c) {
		if s.failRate != nil && s.failRate.(float64) >= w.FailRate {
			add(id, "fail_rate", "采集失败预警", s.failRate.(float64), w.FailRate, minString(s.failedURLs))
		}
	}
	return out
}

// score is one unit's scorecard for a period.
func (x *ref) score(from, to, c time.Time) map[string]refRow {
	ps := x.publishSummary(from, to, c)
	tl := x.timeliness(from, to, c)
	il := x.interpretationLinks(from, to, c)
	ls := x.lettersSummary(from, to, c)
	fs := x.freshness(c)
	vt := x.vetoes(from, to, c)
	cov := x.coverage(c)
	sc := x.r.Scorecard
	w, m, in := sc.Weights, sc.Maintenance, sc.Interaction
	out := map[string]refRow{}
	for _, u := range x.d.Units {
		row := x.unitRow(u.ID)
		max, raw := 0.0, 0.0
		part := func(name string, v any, weight float64) {
			row[name] = v
			if v != nil {
				max += weight
				raw += v.(float64)
			}
		}
		var pub, tim, mnt, ded, itp, ia any
		if v := ps[u.ID]["completion_scored"]; v != nil {
			pub = v.(float64) * w.Publish
		}
		if v := tl[u.ID]["rate"]; v != nil {
			tim = v.(float64) * w.Timeliness
		}
		f := fs[u.ID]
		if f.columns > 0 {
			d := m.KeyStale*float64(f.staleKeyGroup) + m.OtherStale*float64(f.staleOther) + m.Blank*float64(f.blank)
			if f.staleDynamicGroup > 0 {
				d += m.DynamicStale
			}
			ded, mnt = d, math.Max(w.Maintenance-d, 0)
		}
		if v := il[u.ID]["rate"]; v != nil {
			itp = v.(float64) * w.Interpretation
		}
		part("publish_points", pub, w.Publish)
		part("timeliness_points", tim, w.Timeliness)
		part("maintenance_points", mnt, w.Maintenance)
		part("interpretation_points", itp, w.Interpretation)
		l := ls[u.ID]
		row["interaction_points"] = nil
		if l["received"].(int) > 0 {
			p := l["reply_rate"].(float64) * in.ReplyRate
			max += in.ReplyRate + in.Speed
			if l["on_time_rate"] != nil {
				p += l["on_time_rate"].(float64) * in.OnTimeRate
				max += in.OnTimeRate
			}
			if mean, ok := l["mean_reply_days"].(float64); ok {
				switch {
				case mean <= in.FastDays:
					p += in.Speed
				case mean < in.SlowDays:
					p += in.Speed * (in.SlowDays - mean) / (in.SlowDays - in.FastDays)
				}
			}
			ia = p
			raw += p
			row["interaction_points"] = ia
		}
		// Parts whose sources are not verified are 待核实: no points, no
		// total.
		cs, _ := ps[u.ID]["completion_scored"].(float64)
		mbFailed := cov[u.ID].mailboxes - cov[u.ID].mailboxOK
		pending := map[string]bool{
			"publish_points":        !f.coverage && cs < 1,
			"timeliness_points":     !f.coverage,
			"maintenance_points":    f.unverified > 0,
			"interpretation_points": !f.coverage,
			"interaction_points":    mbFailed > 0,
		}
		anyPending := false
		for k, p := range pending {
			if p {
				row[k] = nil
				anyPending = true
			}
		}
		if pending["maintenance_points"] {
			ded = nil
		}
		row["maintenance_deduction"], row["max_points"], row["raw_points"] = ded, max, raw
		var total any
		if max > 0 && !anyPending {
			total = math.Round(raw*100/max*100) / 100
		}
		row["total"] = total
		var fired []string
		undetermined := false
		for _, v := range vt[u.ID] {
			if v.fired {
				fired = append(fired, v.name)
			}
			undetermined = undetermined || v.undetermined
		}
		row["vetoes"], row["veto_count"] = strings.Join(fired, "、"), len(fired)
		switch {
		case len(fired) > 0:
			row["grade"] = sc.FailGrade
		case undetermined || anyPending:
			row["grade"] = "待核实"
		case total == nil:
			row["grade"] = nil
		default:
			row["grade"] = sc.FailGrade
			for _, g := range sc.Grades {
				if total.(float64) >= g.Min {
					row["grade"] = g.Grade
					break
				}
			}
		}
		row["coverage_complete"], row["cutoff"] = cov[u.ID].complete, c
		out[u.ID] = row
	}
	rankAll(out)
	return out
}

// rankAll ranks the units by total, within their group and overall.
func rankAll(out map[string]refRow) {
	rank := func(group func(refRow) string, key string) {
		for _, a := range out {
			if a["total"] == nil {
				a[key] = nil
				continue
			}
			n := 1
			for _, b := range out {
				if b["total"] != nil && group(a) == group(b) && b["total"].(float64) > a["total"].(float64) {
					n++
				}
			}
			a[key] = n
		}
	}
	rank(func(r refRow) string { return r["kind_group"].(string) }, "rank_in_group")
	rank(func(refRow) string { return "" }, "rank_overall")
}

// switched applies the rules' switches to the scorecard of the period
// graded (gk.switch_points): the 舆情 deductions come off 互动回应 and the
// total follows; the 年报 switches can only wait on the fixture, whose
// units have no 年报 column: after the deadline a switched-on deduction
// leaves the total unknown and the grade 待核实 unless a veto fired.
func (x *ref) switched(rows map[string]refRow, from, to, c time.Time) {
	off := map[string]float64{}
	for _, r := range x.opinionDeductions(from, to, c) {
		off[r["unit_id"].(string)] = r["points_off"].(float64)
	}
	annual, annualDeduct := false, false
	for _, p := range x.r.AnnualReport.Penalties {
		annual = annual || p.Deduct != 0 || p.Veto
		annualDeduct = annualDeduct || p.Deduct != 0
	}
	deadline := time.Date(from.Year(), 1, 31, 0, 0, 0, 0, time.UTC)
	for id, row := range rows {
		if ia, ok := row["interaction_points"].(float64); ok {
			net := math.Max(ia-off[id], 0)
			raw := row["raw_points"].(float64) - (ia - net)
			row["interaction_points"], row["raw_points"] = net, raw
			if row["total"] != nil {
				total := math.Round(math.Max(raw*100/row["max_points"].(float64), 0)*100) / 100
				row["total"] = total
				if row["veto_count"].(int) == 0 && row["grade"] != "待核实" {
					row["grade"] = x.r.Scorecard.FailGrade
					for _, g := range x.r.Scorecard.Grades {
						if total >= g.Min {
							row["grade"] = g.Grade
							break
						}
					}
				}
			}
		}
		if annual && c.After(deadline) {
			if annualDeduct {
				row["total"] = nil
			}
			if row["veto_count"].(int) == 0 {
				row["grade"] = "待核实"
			}
		}
	}
	rankAll(rows)
}

func wholeMonths(from, to time.Time) bool {
	return from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1
}

func (x *ref) hasRun(to, c time.Time) bool {
	for _, r := range x.d.Runs {
		if r.DefaultCutoff && r.Cutoff.After(to) && !r.Cutoff.After(c) {
			return true
		}
	}
	return false
}

func (x *ref) scorecard(from, to, c time.Time) []refRow {
	cur := x.score(from, to, c)
	x.switched(cur, from, to, c)
	var pf, pt, lf, lt time.Time
	pt = from.AddDate(0, 0, -1)
	lf = addMonths(from, -12)
	if wholeMonths(from, to) {
		n := (to.Year()*12 + int(to.Month())) - (from.Year()*12 + int(from.Month())) + 1
		pf = addMonths(from, -n)
		lt = addMonths(lf, n).AddDate(0, 0, -1)
	} else {
		pf = from.AddDate(0, 0, -(days(from, to) + 1))
		lt = addMonths(to, -12)
	}
	other := func(f, t time.Time) map[string]refRow {
		if !x.hasRun(t, c) {
			return nil
		}
		return x.score(f, t, x.cutoff(t))
	}
	prev, ly := other(pf, pt), other(lf, lt)
	var rows []refRow
	for id, row := range cur {
		for _, o := range []struct {
			m          map[string]refRow
			total, chg string
		}{{prev, "previous_total", "change"}, {ly, "last_year_total", "yoy_change"}} {
			row[o.total], row[o.chg] = nil, nil
			if o.m == nil || o.m[id]["total"] == nil {
				continue
			}
			row[o.total] = o.m[id]["total"]
			if row["total"] != nil {
				row[o.chg] = row["total"].(float64) - o.m[id]["total"].(float64)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// all computes every metric for the period as of cutoff (nil: default).
func (x *ref) all(from, to time.Time, cutoff *time.Time) map[string][]refRow {
	c := x.cutoff(to)
	if cutoff != nil {
		c = *cutoff
	}
	cov := x.coverage(c)
	withCov := func(m map[string]refRow) []refRow {
		for id, row := range m {
			row["coverage_complete"] = cov[id].itemsComplete
		}
		return values(m)
	}
	lsum := x.lettersSummary(from, to, c)
	for id, row := range lsum {
		row["coverage_complete"] = cov[id].mailboxes == cov[id].mailboxOK
	}
	bm := x.blankMonths(from, to, c)
	for _, row := range bm {
		row["coverage_complete"] = cov[row["unit_id"].(string)].itemsComplete
	}
	var missing []refRow
	for _, row := range x.disclosureItems(from, to, c) {
		if row["missing_reply_time"].(bool) || row["missing_handler"].(bool) || row["missing_reply_content"].(bool) {
			missing = append(missing, row)
		}
	}
	counts := x.publishCounts(from, to, c)
	for _, row := range counts {
		row["coverage_complete"] = cov[row["unit_id"].(string)].itemsComplete
	}
	disc := x.disclosure(from, to, c)
	for _, row := range disc {
		s := cov[row["unit_id"].(string)]
		row["coverage_complete"] = s.mailboxes == s.mailboxOK
	}
	return roundOutput(map[string][]refRow{
		"publish_counts":          counts,
		"publish_summary":         withCov(x.publishSummary(from, to, c)),
		"timeliness":              withCov(x.timeliness(from, to, c)),
		"timeliness_items":        x.timelinessItems(from, to, c),
		"column_freshness":        x.columnFreshness(c),
		"freshness_summary":       x.freshnessSummary(c),
		"blank_months":            bm,
		"interpretation_links":    withCov(x.interpretationLinks(from, to, c)),
		"unlinked_policies":       x.unlinkedPolicies(from, to, c),
		"letters_summary":         values(lsum),
		"letters_detail":          x.lettersDetail(from, to, c),
		"letter_disclosure":       disc,
		"letter_disclosure_items": missing,
		"long_unanswered":         x.unanswered(c, x.r.Letters.LongUnansweredMonths),
		"home_freshness":          x.homeFreshness(c),
		"back_dated":              x.backDated(from, to, c),
		"coverage":                x.coverageRows(c),
		"vetoes":                  x.vetoRows(from, to, c),
		"early_warnings":          x.earlyWarnings(c),
		"scorecard":               x.scorecard(from, to, c),
		"source_verdicts":         x.sourceVerdicts(c, false),
		"recrawl_needed":          x.sourceVerdicts(c, true),
		"listed_unverified":       x.listedUnverifiedRows(from, to, c),
		"removed_items":           x.removedItems(from, to, c),
		"letter_topics":           x.letterTopics(from, to, c),
		"topic_months":            x.topicMonths(from, to, c),
		"topic_surges":            x.topicSurges(from, to, c),
		"surge_responses":         x.surgeResponses(from, to, c),
		"repeat_letters":          x.repeatLetters(from, to, c),
		"boilerplate_replies":     x.boilerplateReplies(from, to, c),
		"opinion_deductions":      x.opinionDeductions(from, to, c),
	})
}

// roundOutput rounds the reference's output columns as the macros do.
func roundOutput(m map[string][]refRow) map[string][]refRow {
	for name, rows := range m {
		for _, row := range rows {
			for c, v := range row {
				row[c] = RoundOutput(name, c, v)
			}
		}
	}
	return m
}

// sourceVerdicts lists every source with its verdict at c (only the
// unverified ones with onlyUnverified).
func (x *ref) sourceVerdicts(c time.Time, onlyUnverified bool) []refRow {
	var out []refRow
	add := func(unit, kind, id, verdict, run string) {
		if onlyUnverified && verified(verdict) {
			return
		}
		row := x.unitRow(unit)
		row["source_kind"], row["source_id"], row["verdict"], row["run_id"] = kind, id, verdict, nullStr(run)
		if !onlyUnverified {
			row["verified"] = verified(verdict)
		}
		out = append(out, row)
	}
	for _, r := range x.columnFreshness(c) {
		add(r["unit_id"].(string), "column", r["column_id"].(string), r["verdict"].(string), strOf(r["run_id"]))
	}
	for _, m := range x.d.Mailboxes {
		v, run := "failed", ""
		if cr := x.crawl(c, m.Unit, "mailbox", m.ID); cr != nil {
			v, run = cr.Verdict, cr.Run
		}
		add(m.Unit, "mailbox", m.ID, v, run)
	}
	for _, h := range x.homes(c) {
		v, run := "failed", ""
		if h.obs != nil {
			v, run = h.obs.Verdict, h.obs.Run
		}
		add(h.unit.ID, "home", "home", v, run)
	}
	return out
}

func strOf(v any) string {
	s, _ := v.(string)
	return s
}

func (x *ref) listedUnverifiedRows(from, to, c time.Time) []refRow {
	_, unv := x.inPeriod(from, to, c)
	var out []refRow
	for _, it := range unv {
		row := x.unitRow(it.Unit)
		row["url"], row["publish_date"], row["detail_failed_run"] = it.URL, it.Publish, it.DetailFailedRun
		out = append(out, row)
	}
	return out
}

func (x *ref) removedItems(from, to, c time.Time) []refRow {
	var out []refRow
	for _, it := range x.d.Items {
		if !x.seen(it.FirstSeenRun, c) || !x.seen(it.RemovedRun, c) || it.Publish.IsZero() || it.Publish.Before(from) || it.Publish.After(to) {
			continue
		}
		row := x.unitRow(it.Unit)
		row["url"], row["publish_date"], row["removed_run"] = it.URL, it.Publish, it.RemovedRun
		out = append(out, row)
	}
	return out
}
