package sitefarm

import (
	"testing"
	"time"
)

func TestOtherAsOf(t *testing.T) {
	asOf := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	f := New(Options{AsOf: asOf, Seed: 9})
	tr := f.Truth()
	if want := time.Date(2026, 3, 15, 0, 0, 0, 0, shanghai); !tr.AsOf.Equal(want) {
		t.Fatalf("AsOf %v, want %v", tr.AsOf, want)
	}
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai)
	for _, u := range tr.Units {
		for _, c := range u.Columns {
			for _, it := range c.Items {
				if it.PublishDate.Before(first) || it.PublishDate.After(tr.AsOf) {
					t.Fatalf("%s: published %v outside [%v, %v]", it.ID, it.PublishDate, first, tr.AsOf)
				}
			}
		}
		for _, m := range u.Mailboxes {
			for _, l := range m.Letters {
				if l.Received.After(tr.AsOf.AddDate(0, 0, 1)) || (!l.Replied.IsZero() && l.Replied.After(tr.AsOf.AddDate(0, 0, 1))) {
					t.Fatalf("%s: letter after AsOf: %+v", m.ID, l)
				}
			}
		}
	}
}
