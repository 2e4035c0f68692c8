package queries

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// opinionMacros are the 政务舆情 macros (090_opinion.sql).
var opinionMacros = []string{"letter_topics", "topic_months", "topic_surges", "surge_responses",
	"repeat_letters", "boilerplate_replies", "opinion_deductions"}

// The opinion macros run on an empty store, find nothing there, and return
// exactly the columns docs/metrics.md lists, with their types.
func TestOpinionMacrosDocumented(t *testing.T) {
	db := openStore(t)
	docs := documentedColumns(t)
	types := documentedTypes(t)
	for _, m := range opinionMacros {
		tab, err := RunSQL(context.Background(), db,
			`SELECT * FROM `+m+`(DATE '2026-01-01', DATE '2026-12-31')`)
		if err != nil {
			t.Errorf("%s: %v", m, err)
			continue
		}
		if len(tab.Rows) != 0 {
			t.Errorf("%s: %d rows from an empty store", m, len(tab.Rows))
		}
		if diff := cmp.Diff(docs[m], tab.Columns); diff != "" {
			t.Errorf("%s: columns differ from docs/metrics.md (-docs +sql):\n%s", m, diff)
		}
		for i, c := range tab.Columns {
			if want := types[m+"."+c]; want != "" && !strings.EqualFold(want, tab.Types[i]) {
				t.Errorf("%s.%s: type %s, docs say %s", m, c, tab.Types[i], want)
			}
		}
	}
}

// documentedTypes reads the type column of docs/metrics.md's column
// tables: "macro.column" → type.
func documentedTypes(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	head := regexp.MustCompile(`^## ([a-z_]+)( |$)`)
	out := map[string]string{}
	cur := ""
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			cur = ""
			if m := head.FindStringSubmatch(line); m != nil {
				cur = m[1]
			}
			continue
		}
		cells := strings.Split(line, "|")
		if cur == "" || len(cells) < 4 || strings.HasPrefix(line, "| column ") || strings.HasPrefix(line, "| ---") {
			continue
		}
		for _, c := range strings.Split(cells[1], ",") {
			out[cur+"."+strings.TrimSpace(c)] = strings.TrimSpace(cells[2])
		}
	}
	return out
}
