package sitefarm

import (
	"slices"
	"strings"
	"testing"
)

func TestLaterModeDiffersAsTruthSays(t *testing.T) {
	f := startFarm(t, Options{})
	normal := f.Truth()
	f.SetLater(true)
	later := f.Truth()
	t.Cleanup(func() { f.SetLater(false) })

	if want := normal.AsOf.AddDate(0, 1, 0); !later.AsOf.Equal(want) {
		t.Fatalf("later AsOf %v, want %v", later.AsOf, want)
	}
	if len(normal.Deleted) != 0 || len(later.Deleted) != 1 {
		t.Fatalf("deleted: normal %d, later %d; want 0 and 1", len(normal.Deleted), len(later.Deleted))
	}
	deleted := later.Deleted[0]

	added, backDated := 0, 0
	for ui, u := range later.Units {
		for ci, c := range u.Columns {
			nc := normal.Units[ui].Columns[ci]
			// later = normal − deleted + added, in date order.
			var want []*Item
			for _, it := range nc.Items {
				if it != deleted {
					want = append(want, it)
				}
			}
			for k, it := range c.Items {
				if it.Added {
					added++
					want = append(want, it)
					if it.BackDated {
						backDated++
						if !it.PublishDate.Before(normal.AsOf) {
							t.Errorf("%s: back-dated item dated %v, not before %v", it.URL, it.PublishDate, normal.AsOf)
						}
						if k >= c.PageSize {
							t.Errorf("%s: back-dated item at position %d, not on the first page", it.URL, k)
						}
					} else if !it.PublishDate.After(normal.AsOf) || it.PublishDate.After(later.AsOf) {
						t.Errorf("%s: added item dated %v, outside (%v, %v]", it.URL, it.PublishDate, normal.AsOf, later.AsOf)
					}
				}
			}
			for _, it := range nc.Items {
				if it.Added {
					t.Errorf("%s: added item listed in normal mode", it.URL)
				}
			}
			slices.SortStableFunc(want, func(a, b *Item) int { return b.PublishDate.Compare(a.PublishDate) })
			if len(want) != len(c.Items) {
				t.Fatalf("%s: %d items in later mode, want %d", c.ID, len(c.Items), len(want))
			}
			for k := range want {
				if !want[k].PublishDate.Equal(c.Items[k].PublishDate) {
					t.Errorf("%s: item %d dated %v, want %v", c.ID, k, c.Items[k].PublishDate, want[k].PublishDate)
				}
			}
		}
	}
	if added < 5 || backDated != 1 {
		t.Errorf("added %d items (want ≥5), back-dated %d (want 1)", added, backDated)
	}

	// Letters: some open letters are answered by the later crawl, none
	// goes back.
	nowReplied := 0
	for ui, u := range later.Units {
		for mi, m := range u.Mailboxes {
			before := map[string]*Letter{}
			for _, l := range normal.Units[ui].Mailboxes[mi].Letters {
				before[l.No] = l
			}
			for _, l := range m.Letters {
				b, ok := before[l.No]
				if !ok {
					if !l.Received.After(normal.AsOf) {
						t.Errorf("%s: new in later mode but received %v", l.No, l.Received)
					}
					continue
				}
				if b.Status == "replied" && (l.Status != "replied" || !l.Replied.Equal(b.Replied)) {
					t.Errorf("%s: replied before, now %s", l.No, l.Status)
				}
				if b.Status != "replied" && l.Status == "replied" {
					nowReplied++
					if !l.Replied.After(normal.AsOf) {
						t.Errorf("%s: answered in later mode at %v, before normal AsOf", l.No, l.Replied)
					}
					page := getText(t, l.DetailURL)
					if !strings.Contains(page, "回复信息") || !strings.Contains(page, l.StatusRaw) {
						t.Errorf("%s: later detail page does not show the reply", l.No)
					}
				}
			}
		}
	}
	if nowReplied == 0 {
		t.Error("no letter answered between the crawls")
	}

	// Serving follows the mode.
	var anAdded *Item
	for _, c := range unitByID(t, later, "u01").Columns {
		for _, it := range c.Items {
			if it.Added && anAdded == nil {
				anAdded = it
			}
		}
	}
	for _, tc := range []struct {
		later bool
		url   string
		want  int
	}{
		{false, deleted.URL, 200}, {true, deleted.URL, 404},
		{false, anAdded.URL, 404}, {true, anAdded.URL, 200},
	} {
		f.SetLater(tc.later)
		if status, _, _ := get(t, tc.url); status != tc.want {
			t.Errorf("later=%v %s: status %d, want %d", tc.later, tc.url, status, tc.want)
		}
	}
}

func TestSetLaterKeepsPorts(t *testing.T) {
	f := startFarm(t, Options{})
	a := f.Truth().Units[0].BaseURL
	f.SetLater(true)
	b := f.Truth().Units[0].BaseURL
	f.SetLater(false)
	if a != b || !strings.HasPrefix(a, "http://127.0.0.1:") {
		t.Fatalf("base URLs %q and %q", a, b)
	}
}
