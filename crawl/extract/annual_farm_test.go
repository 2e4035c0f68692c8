package extract_test

import (
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// startAnnualFarm serves the annual farm for one test.
func startAnnualFarm(tb testing.TB) *sitefarm.AnnualTruth {
	tb.Helper()
	f := sitefarm.NewAnnual(1, 2025)
	if err := f.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(f.Close)
	return f.Truth()
}

func get(tb testing.TB, url string) string {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != 200 {
		tb.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}

// TestExtractAnnualFarmMarkups reads every report of the annual farm and
// compares each cell with what the farm wrote: value, blank, and no cell
// more or less than the page holds.
func TestExtractAnnualFarmMarkups(t *testing.T) {
	truth := startAnnualFarm(t)
	markups := map[string]int{}
	for _, u := range truth.Units {
		for _, rep := range u.Reports {
			t.Run(u.ID+"/"+rep.Markup+"/"+rep.Title, func(t *testing.T) {
				got := extract.ExtractAnnual(rep.URL, get(t, rep.URL))
				switch rep.Markup {
				case "image", "pdf":
					want := extract.AnnualImage
					if rep.Markup == "pdf" {
						want = extract.AnnualAttachment
					}
					if got.Status != want || len(got.Cells) != 0 {
						t.Fatalf("status %s with %d cells, want %s and none", got.Status, len(got.Cells), want)
					}
					files := append(got.Attachments, got.Images...)
					if len(files) != 1 || files[0] != rep.File {
						t.Fatalf("files %v, want [%s]", files, rep.File)
					}
					return
				}
				if got.Status != extract.AnnualRead {
					t.Fatalf("status %s", got.Status)
				}
				gotCells := map[string]sitefarm.AnnualCell{}
				for _, c := range got.Cells {
					if !c.Valid {
						t.Errorf("cell %s/%s/%s: %q not read as a number (%s)", c.Section, c.Row, c.Col, c.Raw, c.Where)
					}
					gotCells[c.Section+"/"+c.Row+"/"+c.Col] = sitefarm.AnnualCell{Value: c.Value, Blank: c.Blank}
				}
				if diff := cmp.Diff(rep.Cells, gotCells); diff != "" {
					t.Errorf("cells (-want +got):\n%s", diff)
				}
			})
			markups[rep.Markup]++
		}
	}
	var names []string
	for m := range markups {
		names = append(names, m)
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "flat flat-subtotal image national pdf word" {
		t.Errorf("markups covered: %s", got)
	}
}

func TestAnnualYear(t *testing.T) {
	for _, tc := range []struct {
		title string
		year  int
		ok    bool
	}{
		{"市财政局2025年政府信息公开工作年度报告", 2025, true},
		{"2025年度城关镇政府信息公开工作年度报告", 2025, true},
		{"东城街道２０２４年政府信息公开工作年度报告", 2024, true},
		{"市教育局二〇二三年政府信息公开工作年度报告", 2023, true},
		{"关于2025年政府信息公开工作年度报告的说明", 2025, true},
		{"市司法局政府信息公开工作年度报告（2024年）", 2024, true},
		{"2025年部门决算公开", 0, false},
		{"市财政局2025年法治政府建设年度报告", 0, false},
	} {
		y, ok := extract.AnnualYear(tc.title)
		if y != tc.year || ok != tc.ok {
			t.Errorf("AnnualYear(%q) = %d, %t; want %d, %t", tc.title, y, ok, tc.year, tc.ok)
		}
	}
}
