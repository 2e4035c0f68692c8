package landing

import (
	"testing"
	"time"
)

// TestAddAnnualReplacesPage: a page read again replaces its record; other
// pages stay, in the order first added.
func TestAddAnnualReplacesPage(t *testing.T) {
	run, err := CreateRun(t.TempDir(), NewRunID(time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	add := func(url, status string, cells int) {
		t.Helper()
		rec := Annual{RunID: run.ID, UnitID: "u1", URL: url, CanonicalURL: url, Year: 2025, Status: status}
		for range cells {
			rec.Cells = append(rec.Cells, AnnualCell{Section: "三", Row: "本年新收", Col: "自然人", Value: 1, Valid: true})
		}
		if err := run.AddAnnual("u1", rec); err != nil {
			t.Fatal(err)
		}
	}
	add("http://a/1.html", "no_table", 0)
	add("http://a/2.html", "read", 2)
	add("http://a/1.html", "read", 1)
	var got []string
	err = ReadFile(run.UnitPath("u1", FileAnnual), func(a Annual) error {
		got = append(got, a.URL+" "+a.Status+" "+string(rune('0'+len(a.Cells))))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"http://a/2.html read 2", "http://a/1.html read 1"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("records %v, want %v", got, want)
	}
	if err := run.AddAnnual("../x", Annual{}); err == nil {
		t.Error("a unit id with a path in it was accepted")
	}
}
