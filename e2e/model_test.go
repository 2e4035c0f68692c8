package e2e

import (
	"sort"
	"time"

	"github.com/gongkai/gongkai/canon"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/domain"
)

// view is what a perfect crawl knows at a cutoff, derived from the farm's
// truth alone: the truths of the runs with cutoff on or before it, in run
// order. Nothing here reads the database.
type view struct {
	cutoff time.Time // date, midnight UTC
	runs   int       // how many runs (truths) it covers
	units  []*unitView
	// verdicts are the crawler's own verdicts of each source in the
	// newest run, by "unit|kind|id" (kind column or mailbox): the one
	// input the view takes from the crawl, because which reads can be
	// judged on is the crawler's evidence, not the farm's.
	verdicts map[string]string
}

// verified reports whether the crawler's read of a source can be judged
// on (domain.Verified).
func (v *view) verified(unit, kind, id string) bool {
	return domain.Verified(v.verdicts[unit+"|"+kind+"|"+id])
}

// mailboxesVerified counts a unit's mailboxes whose read is verified.
func (v *view) mailboxesVerified(uv *unitView) int {
	n := 0
	for _, m := range uv.u.Mailboxes {
		n += b2i(v.verified(uv.u.ID, "mailbox", m.ID))
	}
	return n
}

// upTo is the last day of a period ending on to that is scored at the
// view's cutoff.
func (v *view) upTo(to time.Time) time.Time {
	if v.cutoff.Before(to) {
		return v.cutoff
	}
	return to
}

type unitView struct {
	u *sitefarm.Unit // as in the newest truth
	// items known by canonical URL: listed by a column that is not blocked.
	items map[string]*itemView
	// colItems are the items each column listed in any covered run.
	colItems map[string][]*sitefarm.Item
	letters  []*letterView
	mailbox  map[string]*sitefarm.Mailbox // by mailbox ID
}

type itemView struct {
	it        *sitefarm.Item
	url       string // canonical
	col       *sitefarm.Column
	firstRun  int // 1-based
	lastRun   int
	unit      *unitView
	linksOut  map[string]bool // canonical URLs the detail page links to
	published time.Time       // date, midnight UTC
}

type letterView struct {
	l        *sitefarm.Letter // state in the newest run that listed it
	mb       *sitefarm.Mailbox
	firstRun int
	lastRun  int
	statuses []string // status per run that listed it
}

// canonURL is the canonical spelling the crawler records.
func canonURL(raw string) string {
	c, err := canon.URL(raw)
	if err != nil {
		panic(err)
	}
	return c
}

// newView builds the view of the first n truths.
func newView(truths []*sitefarm.Truth, cutoff time.Time) *view {
	v := &view{cutoff: dateOf(cutoff), runs: len(truths)}
	newest := truths[len(truths)-1]
	for ui, u := range newest.Units {
		uv := &unitView{u: u, items: map[string]*itemView{}, colItems: map[string][]*sitefarm.Item{}, mailbox: map[string]*sitefarm.Mailbox{}}
		byNo := map[string]*letterView{}
		for ri, tr := range truths {
			run := ri + 1
			tu := tr.Units[ui]
			for _, c := range tu.Columns {
				if c.Blocked {
					continue
				}
				for _, it := range c.Items {
					if !containsItem(uv.colItems[c.ID], it) {
						uv.colItems[c.ID] = append(uv.colItems[c.ID], it)
					}
					key := canonURL(it.URL)
					iv := uv.items[key]
					if iv == nil {
						iv = &itemView{it: it, url: key, col: c, firstRun: run, unit: uv, published: dateOf(it.PublishDate)}
						uv.items[key] = iv
					}
					iv.lastRun = run
				}
			}
			for _, m := range tu.Mailboxes {
				uv.mailbox[m.ID] = m
				for _, l := range m.Letters {
					lv := byNo[l.No]
					if lv == nil {
						lv = &letterView{firstRun: run}
						byNo[l.No] = lv
						uv.letters = append(uv.letters, lv)
					}
					lv.l, lv.mb, lv.lastRun = l, m, run
					lv.statuses = append(lv.statuses, l.Status)
				}
			}
		}
		// The first column in config order wins, whatever the run.
		for _, c := range u.Columns {
			for _, it := range uv.colItems[c.ID] {
				if iv := uv.items[canonURL(it.URL)]; iv != nil && iv.col.ID != c.ID && colIndex(u, iv.col.ID) > colIndex(u, c.ID) {
					iv.col = c
				}
			}
		}
		for _, iv := range uv.items {
			iv.linksOut = map[string]bool{}
			for _, l := range iv.it.Links {
				iv.linksOut[canonURL(l)] = true
			}
		}
		v.units = append(v.units, uv)
	}
	return v
}

func containsItem(xs []*sitefarm.Item, it *sitefarm.Item) bool {
	for _, x := range xs {
		if x == it {
			return true
		}
	}
	return false
}

func colIndex(u *sitefarm.Unit, id string) int {
	for i, c := range u.Columns {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// sortedItems are the unit's known items by URL.
func (uv *unitView) sortedItems() []*itemView {
	out := make([]*itemView, 0, len(uv.items))
	for _, iv := range uv.items {
		out = append(out, iv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].url < out[j].url })
	return out
}

// blockedColumns counts the unit's columns behind a WAF.
// replyKnown says whether a crawl can know the letter's 回复时间: the list
// shows it (JSON rows always carry replyTime; HTML lists when they have the
// column) or the detail page does.
func (lv *letterView) replyKnown() bool {
	return lv.l.Status == "replied" && (lv.mb.Format == "json" || lv.mb.ListShowsReplied || lv.l.ShowsReplyTime)
}

func inPeriod(d, from, to time.Time) bool {
	d = dateOf(d)
	return !d.Before(from) && !d.After(to)
}

// day builds a date (midnight UTC) like the ones DuckDB returns.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// updateClass follows rules/2026.yaml's categories (METRICS.md).
func updateClass(category string) string {
	switch category {
	case "部门动态":
		return "dynamic"
	case "通知公告", "政策文件", "政策解读":
		return "periodic"
	case "人事信息", "规划计划", "财政预决算":
		return "annual"
	}
	return "static"
}

// letterDeadlineDays follows rules/2026.yaml: 咨询 5 working days, other
// types 15.
func letterDeadlineDays(typ string) int {
	if typ == "咨询" {
		return 5
	}
	return 15
}
