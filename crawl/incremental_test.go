package crawl

import (
	"testing"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// TestIncrementalLater crawls the farm, switches it one month on and
// crawls again: the second run must read only the list pages down to what
// the first run saw (plus overlap), the detail pages of new items, every
// mailbox page and the details of letters that were still open.
func TestIncrementalLater(t *testing.T) {
	f := startFarm(t, sitefarm.Options{})
	normal := f.Truth()
	cfg := farmConfig(normal)
	cfg.Crawl.Overlap = 2
	root := testRoot(t)
	runCrawl(t, testOptions(t, cfg, root, normal.AsOf))

	f.SetLater(true)
	f.ResetRequests()
	later := f.Truth()
	res := runCrawl(t, testOptions(t, cfg, root, later.AsOf))
	if len(res.Failed) != 0 {
		t.Fatalf("failed units: %v", res.Failed)
	}

	want, fetched := expectedLater(normal, later, cfg.Crawl.Overlap, cfg.Crawl.Retries)
	got := map[string]int{}
	for _, q := range f.Requests() {
		got[q.Unit]++
	}
	for _, u := range later.Units {
		if got[u.ID] != want[u.ID] {
			t.Errorf("%s: %d requests, want %d", u.ID, got[u.ID], want[u.ID])
		}
	}

	r := readRecords(t, res.Run, unitIDs(later))
	byKey := map[string]landing.Item{}
	for _, it := range r.items {
		byKey[itemKey(it.ColumnID, it.URL)] = it
	}
	for _, u := range later.Units {
		for _, c := range u.Columns {
			for _, ti := range c.Items {
				k := itemKey(c.ID, ti.URL)
				it, ok := byKey[k]
				if !fetched[k] {
					if ok {
						t.Errorf("%s: recorded from a list page that should not have been read", k)
					}
					continue
				}
				if !ok {
					t.Errorf("%s: not recorded", k)
					continue
				}
				isNew := !inColumn(normal, c.ID, ti.URL)
				if it.DetailFetched != isNew || it.Published.Value != day(ti.PublishDate) || it.Title != ti.Title || it.Formed.Value != day(ti.FormedDate) {
					t.Errorf("%s: fetched=%v published=%s title=%q formed=%s, want %v %s %q %s", k, it.DetailFetched,
						it.Published.Value, it.Title, it.Formed.Value, isNew, day(ti.PublishDate), ti.Title, day(ti.FormedDate))
				}
				if !isNew && it.DetailSHA256 == "" {
					t.Errorf("%s: copied record lacks the earlier detail snapshot", k)
				}
			}
		}
	}
	cols := map[string]landing.Column{}
	for _, c := range r.columns {
		cols[c.ColumnID] = c
	}
	for _, u := range later.Units {
		for _, c := range u.Columns {
			incr := !c.Blocked && len(c.Items) > 0 && len(columnOf(normal, c.ID).Items) > 0
			if rec := cols[c.ID]; rec.Incremental != incr || (incr && !rec.Complete) {
				t.Errorf("%s: incremental=%v complete=%v, want incremental=%v", c.ID, rec.Incremental, rec.Complete, incr)
			}
		}
	}
	letters := map[string]landing.Letter{}
	for _, l := range r.letters {
		letters[l.MailboxID+" "+l.Key] = l
	}
	for _, u := range later.Units {
		for _, mb := range u.Mailboxes {
			for _, tl := range mb.Letters {
				l := letters[mb.ID+" "+tl.No]
				if l.Status != tl.Status || l.ShowsReplyContent != tl.ShowsReplyContent || l.ShowsReplyTime != tl.ShowsReplyTime {
					t.Errorf("%s %s: status %s shows %v/%v, want %s %v/%v", mb.ID, tl.No, l.Status,
						l.ShowsReplyContent, l.ShowsReplyTime, tl.Status, tl.ShowsReplyContent, tl.ShowsReplyTime)
				}
			}
		}
	}
}

// expectedLater computes, from the truth alone, how many requests an
// incremental run over the later farm makes per unit, and which column
// items it reads from list pages.
func expectedLater(normal, later *sitefarm.Truth, overlap, retries int) (map[string]int, map[string]bool) {
	want := map[string]int{}
	fetched := map[string]bool{}
	for _, u := range later.Units {
		n := 1 // robots.txt
		if u.Home != nil {
			n++
			if u.Home.Fails {
				n += retries // a 500 is retried
			}
		}
		details := map[string]bool{}
		for _, c := range u.Columns {
			if c.Blocked || len(c.Items) == 0 {
				n++
				continue
			}
			before := columnOf(normal, c.ID)
			chunk := c.PageSize
			if u.Family == "hanweb" {
				chunk *= 3 // the first group, then dataproxy POSTs of a group each
			}
			seen := 0
			for start := 0; start < len(c.Items); start += chunk {
				n++
				for _, it := range c.Items[start:min(start+chunk, len(c.Items))] {
					fetched[itemKey(c.ID, it.URL)] = true
					if inColumn(normal, c.ID, it.URL) {
						seen++
					} else {
						details[canonical(it.URL)] = true
					}
				}
				if len(before.Items) > 0 && seen > overlap {
					break
				}
			}
		}
		n += len(details)
		for _, mb := range u.Mailboxes {
			n += max(1, (len(mb.Letters)+mb.PageSize-1)/mb.PageSize)
			was := map[string]string{}
			for _, l := range mailboxOf(normal, mb.ID).Letters {
				was[l.No] = l.Status
			}
			for _, l := range mb.Letters {
				if was[l.No] != landing.StatusReplied {
					n++
				}
			}
		}
		want[u.ID] = n
	}
	return want, fetched
}

func columnOf(tr *sitefarm.Truth, id string) *sitefarm.Column {
	for _, u := range tr.Units {
		for _, c := range u.Columns {
			if c.ID == id {
				return c
			}
		}
	}
	return &sitefarm.Column{}
}

func mailboxOf(tr *sitefarm.Truth, id string) *sitefarm.Mailbox {
	for _, u := range tr.Units {
		for _, m := range u.Mailboxes {
			if m.ID == id {
				return m
			}
		}
	}
	return &sitefarm.Mailbox{}
}

func inColumn(tr *sitefarm.Truth, colID, u string) bool {
	for _, it := range columnOf(tr, colID).Items {
		if canonical(it.URL) == canonical(u) {
			return true
		}
	}
	return false
}
