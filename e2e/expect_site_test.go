package e2e

import (
	"net/url"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// Site expectations: column freshness, home page, vetoes, warnings and
// coverage from the farm's request log.

// columnState is one column's freshness at the cutoff.
type columnState struct {
	col     *sitefarm.Column
	class   string
	items   int
	newest  time.Time
	status  string
	veto2   bool   // counts toward veto 2: dynamic, 通知公告, 政策文件
	deduct  string // dynamic, key (政策文件/政策解读) or other
	covered bool
}

func columnStates(v *view, uv *unitView) []columnState {
	var out []columnState
	for _, c := range uv.u.Columns {
		s := columnState{col: c, class: updateClass(c.Category), covered: !c.Blocked && v.verified(uv.u.ID, "column", c.ID)}
		for _, it := range uv.colItems[c.ID] {
			s.items++
			if d := dateOf(it.PublishDate); d.After(s.newest) {
				s.newest = d
			}
		}
		s.veto2 = s.class == "dynamic" || c.Category == "通知公告" || c.Category == "政策文件"
		switch {
		case s.class == "dynamic":
			s.deduct = "dynamic"
		case c.Category == "政策文件" || c.Category == "政策解读":
			s.deduct = "key"
		default:
			s.deduct = "other"
		}
		stale := false
		switch s.class {
		case "dynamic":
			stale = s.newest.AddDate(0, 0, 14).Before(v.cutoff)
		case "periodic":
			stale = s.newest.AddDate(0, 6, 0).Before(v.cutoff)
		case "annual":
			stale = s.newest.AddDate(0, 12, 0).Before(v.cutoff)
		}
		switch {
		case !s.covered:
			s.status = "unverified"
		case s.items == 0:
			s.status = "blank"
		case s.class == "static":
			s.status = "static"
		case stale:
			s.status = "stale"
		default:
			s.status = "fresh"
		}
		out = append(out, s)
	}
	return out
}

func expectColumnFreshness(v *view) []row {
	var out []row
	for _, uv := range v.units {
		for _, s := range columnStates(v, uv) {
			r := with(unitCols(uv.u), row{
				"column_id": s.col.ID, "category": s.col.Category, "update_class": s.class,
				"items": int64(s.items), "undated_items": int64(0),
				"newest_date": nil, "days_since": nil, "status": s.status,
				"veto_key": s.veto2, "deduct_group": s.deduct, "coverage_ok": s.covered,
				"cutoff": v.cutoff.Format(time.DateOnly),
			})
			if !s.newest.IsZero() {
				r["newest_date"] = s.newest.Format(time.DateOnly)
				r["days_since"] = int64(v.cutoff.Sub(s.newest) / (24 * time.Hour))
			}
			out = append(out, r)
		}
	}
	return out
}

// freshCounts are a unit's column counts at the cutoff.
type freshCounts struct {
	columns, fresh, stale, blank, static, unverified int
	unverifiedVeto2, notCovered                      int
	staleByClass                                     map[string]int
	staleVeto2, staleKey, staleOther                 int
}

func countColumns(v *view, uv *unitView) freshCounts {
	c := freshCounts{staleByClass: map[string]int{}}
	for _, s := range columnStates(v, uv) {
		c.columns++
		c.notCovered += b2i(!s.covered)
		switch s.status {
		case "fresh":
			c.fresh++
		case "blank":
			c.blank++
		case "static":
			c.static++
		case "unverified":
			c.unverified++
			c.unverifiedVeto2 += b2i(s.veto2)
		case "stale":
			c.stale++
			c.staleByClass[s.class]++
			if s.veto2 {
				c.staleVeto2++
			}
			switch s.deduct {
			case "key":
				c.staleKey++
			case "other":
				c.staleOther++
			}
		}
	}
	return c
}

func expectFreshnessSummary(v *view) []row {
	var out []row
	for _, uv := range v.units {
		c := countColumns(v, uv)
		out = append(out, with(unitCols(uv.u), row{
			"columns": int64(c.columns), "fresh": int64(c.fresh), "stale": int64(c.stale), "blank": int64(c.blank),
			"static": int64(c.static), "unverified": int64(c.unverified), "unverified_key": int64(c.unverifiedVeto2),
			"stale_dynamic": int64(c.staleByClass["dynamic"]), "stale_periodic": int64(c.staleByClass["periodic"]),
			"stale_annual": int64(c.staleByClass["annual"]), "stale_key": int64(c.staleVeto2),
			"stale_key_group": int64(c.staleKey), "stale_other": int64(c.staleOther),
		}))
	}
	return out
}

// homeState is a unit's home page at the cutoff; ok false for a failing
// page (a crawl failure, never "not updated").
type homeState struct {
	configured, ok bool
	days           int
}

func homeOf(v *view, uv *unitView) homeState {
	h := uv.u.Home
	if h == nil {
		return homeState{}
	}
	if h.Fails {
		return homeState{configured: true}
	}
	return homeState{configured: true, ok: true, days: int(v.cutoff.Sub(dateOf(h.NewestDate)) / (24 * time.Hour))}
}

func expectHomeFreshness(v *view) []row {
	var out []row
	for _, uv := range v.units {
		h := uv.u.Home
		if h == nil {
			continue
		}
		hs := homeOf(v, uv)
		r := with(unitCols(uv.u), row{"home_url": canonURL(h.URL), "ok": hs.ok, "newest_date": nil, "newest_url": nil, "newest_title": nil,
			"days_stale": nil, "status": "failed", "veto": false, "warning": false, "coverage_ok": hs.ok})
		if hs.ok {
			r["newest_date"], r["newest_url"], r["days_stale"] = dateStr(h.NewestDate), canonURL(h.NewestURL), int64(hs.days)
			r["newest_title"] = h.NewestTitle
			r["veto"], r["warning"] = hs.days > 14, hs.days >= 10
			switch {
			case hs.days > 14:
				r["status"] = "stale"
			case hs.days >= 10:
				r["status"] = "warning"
			default:
				r["status"] = "fresh"
			}
		}
		out = append(out, r)
	}
	return out
}

// vetoState is one veto of one unit. undetermined: it did not fire, but
// sources not verified could make it fire.
type vetoState struct {
	fired        bool
	figure       any
	undetermined bool
}

func vetoesOf(v *view, uv *unitView) map[int]vetoState {
	c := countColumns(v, uv)
	hs := homeOf(v, uv)
	out := map[int]vetoState{}
	if hs.ok {
		out[1] = vetoState{fired: hs.days > 14, figure: float64(hs.days)}
	} else {
		out[1] = vetoState{figure: nil, undetermined: hs.configured}
	}
	count := func(n, unverified, min int) vetoState {
		return vetoState{fired: n >= min, figure: float64(n), undetermined: n < min && n+unverified >= min}
	}
	out[2] = count(c.staleVeto2, c.unverifiedVeto2, 5)
	out[3] = count(c.stale, c.unverified, 10)
	out[4] = count(c.blank, c.unverified, 5)
	mbOK := v.mailboxesVerified(uv)
	allMailboxes := mbOK == len(uv.u.Mailboxes)
	n := 0
	for _, lv := range unanswered(v, uv, 3) {
		if lv.l.Type == "咨询" && dateOf(lv.l.Received).After(v.cutoff.AddDate(-1, 0, 0)) {
			n++
		}
	}
	// 互动回应差 rests only on mailboxes read in full; 无可用信箱 only on a
	// unit without a mailbox (the farm has no mailbox page that is gone).
	out[5] = vetoState{fired: n >= 1 && allMailboxes, figure: float64(n), undetermined: !allMailboxes}
	out[6] = vetoState{fired: uv.u.MustHaveMailbox && len(uv.u.Mailboxes) == 0, figure: float64(mbOK),
		undetermined: uv.u.MustHaveMailbox && len(uv.u.Mailboxes) > 0 && mbOK == 0}
	back := 0
	for _, iv := range uv.items {
		if iv.it.BackDated {
			back++
		}
	}
	out[7] = vetoState{figure: float64(back)} // a finding, not a veto, by default
	return out
}

func expectVetoes(v *view) []row {
	var out []row
	for _, uv := range v.units {
		for no, s := range vetoesOf(v, uv) {
			out = append(out, with(unitCols(uv.u), row{"veto_no": int64(no), "enabled": no != 7, "fired": s.fired, "figure": s.figure,
				"undetermined": s.undetermined}))
		}
	}
	return out
}

// pageStats are a unit's page fetches in one run, from the farm's request
// log.
type pageStats struct {
	requests                        int
	pages, fetched, failed, blocked int
}

func farmPages(u *sitefarm.Unit, log []sitefarm.Request) pageStats {
	blockedPath := map[string]bool{}
	for _, c := range u.Columns {
		if c.Blocked {
			blockedPath[pathOf(c.URL)] = true
		}
	}
	final := map[string]sitefarm.Request{}
	var s pageStats
	for _, r := range log {
		if r.Unit != u.ID {
			continue
		}
		s.requests++
		final[r.Method+" "+r.Path] = r
	}
	for _, r := range final {
		s.pages++
		switch {
		case blockedPath[r.Path]:
			s.blocked++
		case r.Status >= 200 && r.Status < 300:
			s.fetched++
		default:
			s.failed++
		}
	}
	return s
}

// pathOf is the path and query of an absolute URL, as the farm logs it.
func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	return u.RequestURI()
}

func expectCoverage(v *view, log []sitefarm.Request) []row {
	var out []row
	for _, uv := range v.units {
		s := farmPages(uv.u, log)
		homeOK := any(nil)
		if uv.u.Home != nil {
			homeOK = !uv.u.Home.Fails
		}
		c := countColumns(v, uv)
		mbFailed := len(uv.u.Mailboxes) - v.mailboxesVerified(uv)
		out = append(out, with(unitCols(uv.u), row{
			"pages": int64(s.pages), "fetched": int64(s.fetched), "failed": int64(s.failed), "blocked": int64(s.blocked),
			"robots": int64(0), "fail_rate": rate(s.failed+s.blocked, s.pages),
			"columns": int64(len(uv.u.Columns)), "columns_failed": int64(c.notCovered), "drift_columns": int64(0),
			"home_ok": homeOK, "mailboxes_failed": int64(mbFailed),
			"complete": s.failed+s.blocked == 0 && c.notCovered == 0 && mbFailed == 0 && homeOK != false,
		}))
	}
	return out
}

func expectEarlyWarnings(v *view, log []sitefarm.Request) []row {
	var out []row
	for _, uv := range v.units {
		add := func(rule string, figure, threshold float64) {
			out = append(out, with(unitCols(uv.u), row{"rule": rule, "figure": figure, "threshold": threshold}))
		}
		if hs := homeOf(v, uv); hs.ok && hs.days >= 10 {
			add("home_stale", float64(hs.days), 10)
		}
		c := countColumns(v, uv)
		if c.blank > 2 {
			add("blank_columns", float64(c.blank), 2)
		}
		if c.stale > 6 {
			add("stale_columns", float64(c.stale), 6)
		}
		if n := len(unanswered(v, uv, 2)); n > 0 {
			add("letter_unanswered", float64(n), 2)
		}
		s := farmPages(uv.u, log)
		if r := float64(s.failed+s.blocked) / float64(s.pages); s.pages > 0 && r >= 0.03 {
			add("fail_rate", r, 0.03)
		}
	}
	return out
}
