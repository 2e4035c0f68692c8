package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// printed converts workbooks to PDF with LibreOffice, as a reader prints
// them, and returns each PDF's path; the test is skipped without soffice.
func printed(t *testing.T, books ...string) []string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (Debian package libreoffice-calc-nogui); skipping the printed-page checks")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("soffice is installed but pdftotext is not (Debian package poppler-utils)")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// A profile of its own, so a desktop LibreOffice or a parallel run
	// does not lock it.
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir}
	if out, err := exec.CommandContext(ctx, soffice, append(args, books...)...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	var pdfs []string
	for _, b := range books {
		pdfs = append(pdfs, filepath.Join(dir, strings.TrimSuffix(filepath.Base(b), ".xlsx")+".pdf"))
	}
	return pdfs
}

// pdfWord is a word of a printed page and its box, in points.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var (
	pageRe  = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe2 = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// pdfPages reads every page's words with pdftotext -bbox.
func pdfPages(t *testing.T, pdf string) (pages [][]pdfWord, widths []float64) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	s := string(out)
	for _, m := range pageRe.FindAllStringSubmatch(s, -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		widths = append(widths, w)
	}
	for _, p := range strings.Split(s, "<page ")[1:] {
		var words []pdfWord
		for _, m := range wordRe2.FindAllStringSubmatch(p, -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			words = append(words, pdfWord{f(1), f(2), f(3), f(4), m[5]})
		}
		pages = append(pages, words)
	}
	return pages, widths
}

// TestPrintsWithLibreOffice prints the scorecard and a 问题清单: the first
// page is the 概览 with the title; and no sheet prints wider than the page
// — every page of a sheet shows its first and its last column's header
// (a sheet too wide for one page spills its right-hand columns onto pages
// without the first one), and the print is not shrunk below 55% to fit
// (its median word no lower than 55% of the unscaled 概览's).
func TestPrintsWithLibreOffice(t *testing.T) {
	_, scorecard, units := workbooks(t)
	books := []string{scorecard, units[0]}
	pdfs := printed(t, books...)
	for i, pdf := range pdfs {
		pages, width := pdfPages(t, pdf)
		if len(pages) == 0 {
			t.Fatalf("%s: no pages", pdf)
		}
		f := open(t, books[i])
		first := words(pages[0])
		if i == 0 && (!strings.Contains(first, scorecardTitle) || !strings.Contains(first, "概览")) {
			t.Errorf("first page is not the 概览 with the title:\n%s", first)
		}
		checkPrintedWidths(t, filepath.Base(books[i]), f, pages, width)
		if i == 1 {
			checkAddressesPrinted(t, f, pages)
		}
	}
}

// checkAddressesPrinted checks that no address of the 问题清单 is cut at
// its column's edge in print. A PDF keeps a clipped cell's whole text, so
// the check is geometric: every word printed in the 网址 column ends
// before the column's right edge, found from the two headers' centres and
// the sheet's column widths.
func checkAddressesPrinted(t *testing.T, f *excelize.File, pages [][]pdfWord) {
	t.Helper()
	const sheet = "问题清单"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	urlCol := -1
	for _, r := range rows {
		for i, c := range r {
			if c == "网址" && i+1 < len(r) {
				urlCol = i
			}
		}
		if urlCol >= 0 {
			break
		}
	}
	if urlCol < 0 {
		t.Fatal("the 问题清单 has no 网址 column")
	}
	width := func(i int) float64 {
		name, _ := excelize.ColumnNumberToName(i + 1)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	w1, w2 := width(urlCol), width(urlCol+1)
	checked := 0
	for n, page := range pages {
		var head, next *pdfWord
		for i := range page {
			if page[i].text == "网址" {
				head = &page[i]
			}
		}
		if head == nil {
			continue
		}
		for i := range page {
			w := &page[i]
			if w.x0 > head.x1 && abs(w.y0-head.y0) < 2 && (next == nil || w.x0 < next.x0) {
				next = w
			}
		}
		if next == nil {
			t.Fatalf("page %d: no header right of 网址", n+1)
		}
		// A column of width w is w×7+5 pixels wide (the width counts
		// digits of the default font, plus padding), printed at some scale.
		px := func(w float64) float64 { return w*7 + 5 }
		c1, c2 := (head.x0+head.x1)/2, (next.x0+next.x1)/2
		k := (c2 - c1) / ((px(w1) + px(w2)) / 2) // points per pixel
		left, right := c1-px(w1)*k/2, c1+px(w1)*k/2
		for _, w := range page {
			if w.y0 <= head.y1 || w.x0 < left || w.x0 > right || !strings.Contains(w.text, ".") {
				continue
			}
			checked++
			if w.x1 > right+1 {
				t.Errorf("page %d: %q runs past the 网址 column's edge (%.0f > %.0f pt): cut in print", n+1, w.text, w.x1, right)
			}
		}
	}
	if checked == 0 {
		t.Error("the 问题清单 printed no address to check")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func words(ws []pdfWord) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.text)
	}
	return b.String()
}

// checkPrintedWidths checks each printed page against the sheet it
// belongs to, found by the sheet name printed top right in the page
// header.
func checkPrintedWidths(t *testing.T, name string, f *excelize.File, pages [][]pdfWord, widths []float64) {
	t.Helper()
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	// A full-size word: the page header's, printed at 100% on every page
	// whatever the sheet's scale.
	var full []float64
	for _, w := range pages[0] {
		if w.y1 < 45 {
			full = append(full, w.y1-w.y0)
		}
	}
	sort.Float64s(full)
	if len(full) == 0 {
		t.Fatalf("%s: no page header on the first page", name)
	}
	unit := full[len(full)/2]
	checked := 0
	for n, page := range pages {
		sheet := ""
		right := 0.0
		for _, w := range page {
			if w.y1 < 45 && w.x1 > right && sheets[w.text] {
				sheet, right = w.text, w.x1
			}
		}
		if sheet == "" {
			t.Errorf("%s page %d: no sheet name in the page header", name, n+1)
			continue
		}
		var hs []float64
		width := widths[n]
		for _, w := range page {
			if w.x1 > width+1 {
				t.Errorf("%s page %d (%s): %q ends at %.0fpt, past the page's %.0fpt", name, n+1, sheet, w.text, w.x1, width)
			}
			if w.y1 >= 45 {
				hs = append(hs, w.y1-w.y0)
			}
		}
		sort.Float64s(hs)
		if len(hs) > 0 && hs[len(hs)/2] < 0.55*unit {
			t.Errorf("%s page %d (%s): printed at about %.0f%%, shrunk to fit: columns too wide", name, n+1, sheet, 100*hs[len(hs)/2]/unit)
		}
		head, err := f.GetRows(sheet)
		if err != nil || len(head) < headerRow || len(head[headerRow-1]) < 2 || sheet == "概况" || sheet == "说明" {
			continue // no header row (概况, 说明): one column of labels
		}
		row := head[headerRow-1]
		text := words(page)
		for _, h := range []string{row[0], row[len(row)-1]} {
			if h == "" {
				continue
			}
			// A wrapped header prints in pieces: its first two characters.
			if r := []rune(h); len(r) > 2 {
				h = string(r[:2])
			}
			if !strings.Contains(text, h) {
				t.Errorf("%s page %d (%s) lacks the header %q: the sheet prints wider than the page", name, n+1, sheet, h)
			}
		}
		checked++
	}
	if checked == 0 {
		t.Errorf("%s: no page with a header row checked", name)
	}
}

// TestPrintedPNG writes the first printed page of the scorecard and of a
// 问题清单 as PNG into $GONGKAI_PNG_DIR, for a reader to look at; skipped
// unless that is set.
func TestPrintedPNG(t *testing.T) {
	dir := os.Getenv("GONGKAI_PNG_DIR")
	if dir == "" {
		t.Skip("GONGKAI_PNG_DIR not set")
	}
	_, scorecard, units := workbooks(t)
	for i, pdf := range printed(t, scorecard, units[0]) {
		out := filepath.Join(dir, []string{"scorecard", "unit"}[i])
		if b, err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
	}
}
