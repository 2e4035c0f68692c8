package csvcell

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestInert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"@SUM(1)", "'@SUM(1)"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"-5", "-5"},
		{"+3", "+3"},
		{"-1.5e3", "-1.5e3"},
		{"-.5", "-.5"},
		{"-", "'-"},
		{"-e5", "'-e5"},
		{"-1e", "'-1e"},
		{"- 5", "'- 5"},
		{"市教育局", "市教育局"},
		{"5-3", "5-3"},
		{"", ""},
		{"'=1", "'=1"},
	} {
		if got := Inert(tc.in); got != tc.want {
			t.Errorf("Inert(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzInert: whatever the text, the cell a CSV reader gets back never
// starts a formula, and a cell that was no formula comes back unchanged.
func FuzzInert(f *testing.F) {
	for _, s := range []string{"=1+1", "+cmd|' /C calc'!A0", "@SUM(1)", "-5", "\t", "\r\n=1", "普通文本", "-1e5", "\"=1\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.Write([]string{Inert(s)}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		r := csv.NewReader(&b)
		r.LazyQuotes = true
		rec, err := r.Read()
		if err != nil {
			return // a cell of only a line break reads back as no record
		}
		got := strings.Join(rec, ",")
		if got != "" && strings.ContainsRune(triggers, rune(got[0])) && !IsNumber(got) {
			t.Errorf("Inert(%q) reads back as %q, a formula", s, got)
		}
		if !Formula(s) && Inert(s) != s {
			t.Errorf("Inert changed %q, which is no formula", s)
		}
	})
}
