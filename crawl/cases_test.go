package crawl

import (
	"fmt"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// TestVerdictCases crawls the farm's verdict cases, then the same sites one
// month on (incremental), and checks every source's verdict and figures
// against the truth exactly.
func TestVerdictCases(t *testing.T) {
	f := startFarm(t, sitefarm.Options{VerdictCases: true})
	normal := f.Truth()
	if len(normal.Cases) == 0 || len(normal.CaseUnits) != 4 {
		t.Fatalf("farm has %d cases in %d units, want the verdict cases", len(normal.Cases), len(normal.CaseUnits))
	}
	cfg := unitsConfig(normal.CaseUnits)
	// No overlap: a pinned row counted as seen would stop the later run on
	// its first page.
	cfg.Crawl.Overlap = 0
	cfg.Crawl.Retries = 1
	root := testRoot(t)
	var ids []string
	for _, u := range normal.CaseUnits {
		ids = append(ids, u.ID)
	}

	check := func(t *testing.T, tr *sitefarm.Truth, res *Result) records {
		r := readRecords(t, res.Run, ids)
		got := map[string]string{}
		for _, c := range r.columns {
			got[c.UnitID+" "+c.ColumnID] = fmt.Sprintf("%s distinct=%d details_failed=%d", c.Verdict, c.Distinct, c.DetailsFailed)
		}
		for _, h := range r.homes {
			got[h.UnitID+" home"] = fmt.Sprintf("%s distinct=0 details_failed=0", h.Verdict)
		}
		var failed []string
		for _, fu := range res.Failed {
			failed = append(failed, fu.UnitID)
		}
		var wantFailed []string
		for _, c := range tr.Cases {
			want := fmt.Sprintf("%s distinct=%d details_failed=%d", c.Verdict, c.Distinct, c.DetailsFailed)
			if g := got[c.UnitID+" "+c.SourceID]; g != want {
				reason := ""
				for _, col := range r.columns {
					if col.ColumnID == c.SourceID {
						reason = col.VerdictReason
					}
				}
				t.Errorf("%s (%s %s): %s (%s), want %s", c.Name, c.UnitID, c.SourceID, g, reason, want)
			}
			if c.UnitFailed && !slices.Contains(wantFailed, c.UnitID) {
				wantFailed = append(wantFailed, c.UnitID)
			}
		}
		if fmt.Sprint(failed) != fmt.Sprint(wantFailed) {
			t.Errorf("failed units %v, want %v", failed, wantFailed)
		}
		return r
	}

	t.Run("normal", func(t *testing.T) {
		res := runCrawl(t, testOptions(t, cfg, root, normal.AsOf))
		check(t, normal, res)
	})

	f.SetLater(true)
	later := f.Truth()
	t.Run("later", func(t *testing.T) {
		res := runCrawl(t, testOptions(t, cfg, root, later.AsOf))
		r := check(t, later, res)
		var edited sitefarm.Case
		var due sitefarm.Case
		for _, c := range later.Cases {
			if c.Edited != "" {
				edited = c
			}
			if c.DueLetter != "" {
				due = c
			}
		}
		// The pinned row is one item, and every new item was read.
		var pinnedCol *sitefarm.Column
		for _, c := range later.CaseUnits[0].Columns {
			if c.ID == "v01-zcwj" {
				pinnedCol = c
			}
		}
		listed := map[string]int{}
		for _, it := range r.items {
			listed[it.URL]++
		}
		for _, it := range pinnedCol.Items[:15] { // the pinned row and the 14 new items
			if listed[it.URL] != 1 {
				t.Errorf("%s (%s) listed %d times, want once", it.Title, it.URL, listed[it.URL])
			}
		}
		// The edited title is recorded from the page read again; the
		// deleted item is not listed.
		for _, it := range r.items {
			if it.URL == edited.Edited && (it.Title != edited.EditedTitle || !it.DetailFetched) {
				t.Errorf("edited item: title %q fetched %v, want %q read again", it.Title, it.DetailFetched, edited.EditedTitle)
			}
			if it.URL == edited.Deleted {
				t.Errorf("deleted item %s listed", it.URL)
			}
		}
		if listed[edited.Edited] != 1 {
			t.Errorf("edited item listed %d times", listed[edited.Edited])
		}
		// The letter due on the cutoff day is read, unanswered.
		found := false
		for _, l := range r.letters {
			if l.LetterNo == due.DueLetter {
				found = true
				if l.Status != landing.StatusUnreplied || l.Type != "咨询" {
					t.Errorf("due letter status %q type %q, want unreplied 咨询", l.Status, l.Type)
				}
			}
		}
		if !found || due.Due.IsZero() {
			t.Errorf("letter %q due %v not read", due.DueLetter, due.Due)
		}
	})
}
