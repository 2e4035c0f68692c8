package crawl

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/domain"
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
	details := map[string]bool{}
	for _, u := range tr.Units {
		requests++ // robots.txt
		if u.Home != nil {
			requests++
			h := got[u.ID+" home"]
			if u.Home.Fails {
				requests += cfg.Crawl.Retries
				if h.OK() || h.Status != 500 || h.Verdict != domain.VerdictFailed {
					t.Errorf("%s home: %+v, want a failed check", u.ID, h)
				}
			} else if !h.OK() || h.Newest != day(u.Home.NewestDate) {
				t.Errorf("%s home: %+v, want newest %s", u.ID, h, day(u.Home.NewestDate))
			}
		}
		for _, c := range u.Columns {
			cc := got[u.ID+" "+c.ID]
			requests += cc.Pages
			for _, it := range c.Items {
				details[it.URL] = true
			}
			wantEnc := map[string]string{"utf-8": "utf-8", "gbk": "gb18030"}[u.Encoding]
			switch {
			case c.Blocked:
				if !cc.Blocked || cc.OK() || cc.Verdict != domain.VerdictBlocked || cc.Pages != 1 {
					t.Errorf("%s: %+v, want blocked", c.ID, cc)
				}
			case c.Blank:
				if !cc.OK() || cc.Items != 0 || cc.Verdict != domain.VerdictEmpty {
					t.Errorf("%s: %+v, want reachable and verified empty", c.ID, cc)
				}
			default:
				if !cc.OK() || cc.Verdict != domain.VerdictComplete || cc.Items != len(c.Items) || cc.Encoding != wantEnc || cc.Profile != u.Family || cc.Status != 200 {
					t.Errorf("%s: %+v, want complete, %d items, %s", c.ID, cc, len(c.Items), wantEnc)
				}
				if u.Family == "hanweb" || u.Family == "json" {
					if cc.SiteTotal != len(c.Items) {
						t.Errorf("%s: site total %d, want %d", c.ID, cc.SiteTotal, len(c.Items))
					}
				}
			}
		}
		for _, mb := range u.Mailboxes {
			cc := got[u.ID+" "+mb.ID]
			requests += cc.Pages
			for _, l := range mb.Letters {
				details[l.DetailURL] = true
			}
			if !cc.OK() || cc.Items != len(mb.Letters) || cc.Kind != "mailbox" || cc.Verdict != domain.VerdictComplete {
				t.Errorf("%s: %+v, want complete, %d letters", mb.ID, cc, len(mb.Letters))
			}
		}
	}
	// Every list page once, no detail page.
	reqs := f.Requests()
	if len(reqs) != requests {
		t.Errorf("check made %d requests, want %d (list pages only)", len(reqs), requests)
	}
	for _, q := range reqs {
		for u := range details {
			if strings.HasSuffix(u, q.Path) && q.Path != "/" {
				t.Errorf("check fetched detail page %s", q.Path)
			}
		}
	}
}
