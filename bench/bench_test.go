package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

func TestThousands(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {62345.6, "62,346"}, {1234567, "1,234,567"}} {
		t.Run(tc.want, func(t *testing.T) {
			if got := thousands(tc.in); got != tc.want {
				t.Errorf("thousands(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseStages(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"crawl,load,report,e2e", []string{"crawl", "load", "report", "e2e"}, false},
		{"e2e, crawl", []string{"crawl", "e2e"}, false},
		{"report,load,crawl", []string{"crawl", "load", "report"}, false},
		{"load", nil, true},
		{"crawl,report", nil, true},
		{"crawl,index", nil, true},
		{"e2e,history,crawl", []string{"crawl", "history", "e2e"}, false},
		{"scale,detail,load,crawl", []string{"crawl", "load", "detail", "scale"}, false},
		{"crawl,detail", nil, true},
		{"history", nil, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseStages(tc.in, false)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseStages(%q) error = %v, want error %t", tc.in, err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseStages(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestParseStagesReuse(t *testing.T) {
	got, err := parseStages("load,report", true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"load", "report"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := parseStages("crawl,load", true); err == nil {
		t.Error("crawl with -reuse accepted")
	}
}

func TestIsPlainNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{{"12", true}, {"-3.5", true}, {"0.25", true}, {"0", true}, {"0012", false}, {"1e5", false},
		{"2026-10-31", false}, {"+1", false}, {"12%", false}} {
		t.Run(tc.in, func(t *testing.T) {
			if got := isPlainNumber(tc.in); got != tc.want {
				t.Errorf("isPlainNumber(%q) = %t, want %t", tc.in, got, tc.want)
			}
		})
	}
}

func TestMarkdownTableRatios(t *testing.T) {
	rows := []row{
		{Stage: "crawl", Tool: "gongkai", Amount: 1000, Unit: "pages", Seconds: 2, Wall: 2.1, CPU: 1.5, PeakKiB: 102400, Base: true},
		{Stage: "crawl", Tool: "peer", Amount: 1000, Unit: "pages", Seconds: 4, Wall: 5, CPU: 3, PeakKiB: 51200},
		{Stage: "end to end", Tool: "run", Amount: 10, Unit: "pages", Seconds: 1, Wall: 1, CPU: 1, PeakKiB: 1024},
	}
	got := markdownTable(rows)
	for _, want := range []string{
		"| crawl | gongkai | 1,000 pages | 2.00 | 500 pages/s | 2.10 | 1.50 | 100 MiB | 1.00× | 1.00× | 1.00× |",
		"| crawl | peer | 1,000 pages | 4.00 | 250 pages/s | 5.00 | 3.00 | 50 MiB | 0.50× | 2.00× | 0.50× |",
		"| end to end | run | 10 pages | 1.00 | 10 pages/s | 1.00 | 1.00 | 1 MiB | — | — | — |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks row\n%s\ngot:\n%s", want, got)
		}
	}
}

// TestCheckExtraction feeds the checker the truth itself, then spoils one
// record of each kind: it must notice exactly those.
func TestCheckExtraction(t *testing.T) {
	truth := sitefarm.New(sitefarm.Options{}).Truth()
	size := sizeOf(truth)
	var items []gotItem
	var letters []gotLetter
	for _, u := range truth.Units {
		for _, c := range u.Columns {
			if c.Blocked {
				continue
			}
			for _, it := range c.Items {
				items = append(items, gotItem{Unit: u.ID, Column: c.ID, URL: it.URL, Title: it.Title,
					Published: day(it.PublishDate), Formed: day(it.FormedDate), IndexNo: it.IndexNo,
					Publisher: it.Publisher, DocNo: it.DocNo, Links: sameHostLinks(it)})
			}
		}
		for _, m := range u.Mailboxes {
			for _, l := range m.Letters {
				replied := l.Status == "replied"
				g := gotLetter{Unit: u.ID, Mailbox: m.ID, URL: l.DetailURL, No: l.No, Type: l.Type,
					Received: day(l.Received), Status: l.Status,
					ShowsReplyTime: replied && l.ShowsReplyTime, ShowsHandler: replied && l.ShowsHandler,
					ShowsReplyContent: replied && l.ShowsReplyContent}
				if replied && (m.ListShowsReplied || l.ShowsReplyTime) {
					g.Replied = day(l.Replied)
				}
				if m.ListShowsHandler || (replied && l.ShowsHandler) {
					g.Handler = l.Handler
				}
				letters = append(letters, g)
			}
		}
	}
	if e := checkExtraction(truth, items, letters); !e.ok(size) {
		t.Fatalf("the truth does not check against itself: %s", e)
	}

	items[0].Published = "1999-01-01"
	items = items[:len(items)-1]
	letters = append(letters, letters[0])
	e := checkExtraction(truth, items, letters)
	want := extraction{ItemRecords: size.ItemRecords - 1, Items: size.Items - 1, Letters: size.Letters + 1,
		Missing: 1, Unexpected: 1, Wrong: map[string]int{"publish date": 1}}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("spoiled extraction (-want +got):\n%s", diff)
	}
	if e.ok(size) {
		t.Error("a spoiled extraction passes")
	}
}
