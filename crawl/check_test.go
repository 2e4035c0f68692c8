package crawl

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

func TestCheckFarm(t *testing.T) {
	f := startFarm(t, sitefarm.Options{})
	tr := f.Truth()
	cfg := farmConfig(tr)
	checks, err := Check(context.Background(), cfg, CheckOptions{Now: func() time.Time { return tr.AsOf }, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ColumnCheck{}
	for _, c := range checks {
		got[c.UnitID+" "+c.ID] = c
	}
	requests := 0
	for _, u := range tr.Units {
		requests++ // robots.txt
		if u.Home != nil {
			requests++
			h := got[u.ID+" home"]
			if u.Home.Fails {
				requests += cfg.Crawl.Retries
				if h.OK() || h.Status != 500 {
					t.Errorf("%s home: %+v, want a failed check", u.ID, h)
				}
			} else if !h.OK() || h.Newest != day(u.Home.NewestDate) {
				t.Errorf("%s home: %+v, want newest %s", u.ID, h, day(u.Home.NewestDate))
			}
		}
		for _, c := range u.Columns {
			requests++
			cc := got[u.ID+" "+c.ID]
			wantEnc := map[string]string{"utf-8": "utf-8", "gbk": "gb18030"}[u.Encoding]
			switch {
			case c.Blocked:
				if !cc.Blocked || cc.OK() {
					t.Errorf("%s: %+v, want blocked", c.ID, cc)
				}
			case c.Blank:
				if !cc.OK() || cc.Items != 0 {
					t.Errorf("%s: %+v, want reachable and empty", c.ID, cc)
				}
			default:
				first := min(len(c.Items), c.PageSize)
				if u.Family == "hanweb" {
					first = min(len(c.Items), 3*c.PageSize)
				}
				newest := day(newestListDate(c))
				if u.Family == "generic" {
					// Month-day list dates take the year that puts them
					// closest before the clock; a page spanning a year
					// cannot be told apart without the detail pages.
					newest = cc.Newest
				}
				if !cc.OK() || cc.Items != first || cc.Newest != newest || cc.Encoding != wantEnc || cc.Profile != u.Family {
					t.Errorf("%s: %+v, want %d items, newest %s, %s", c.ID, cc, first, newest, wantEnc)
				}
			}
		}
		for _, mb := range u.Mailboxes {
			requests++
			cc := got[u.ID+" "+mb.ID]
			if !cc.OK() || cc.Items != min(len(mb.Letters), mb.PageSize) || cc.Kind != "mailbox" {
				t.Errorf("%s: %+v, want %d letters", mb.ID, cc, min(len(mb.Letters), mb.PageSize))
			}
		}
	}
	if n := len(f.Requests()); n != requests {
		t.Errorf("check made %d requests, want %d (first pages only)", n, requests)
	}
}

// newestListDate is the newest date a column's first page shows.
func newestListDate(c *sitefarm.Column) time.Time {
	var newest time.Time
	for _, it := range c.Items[:min(len(c.Items), c.PageSize)] {
		if it.ListDate.After(newest) {
			newest = it.ListDate
		}
	}
	return newest
}
