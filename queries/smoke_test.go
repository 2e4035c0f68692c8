package queries

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// documentedColumns reads the output columns of each macro from the tables
// in docs/metrics.md ("## name — title", then "| col, col | type | … |").
func documentedColumns(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open("../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := regexp.MustCompile(`^## ([a-z_]+)( |$)`)
	out := map[string][]string{}
	cur := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			cur = ""
			if m := head.FindStringSubmatch(line); m != nil {
				cur = m[1]
			}
			continue
		}
		if cur == "" || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| column ") || strings.HasPrefix(line, "| ---") {
			continue
		}
		cell := strings.TrimSpace(strings.Split(line, "|")[1])
		for _, c := range strings.Split(cell, ",") {
			out[cur] = append(out[cur], strings.TrimSpace(c))
		}
	}
	return out
}

// Every metric runs on an empty store (no runs, no data: every rate is
// NULL, not 0) and returns exactly the columns docs/metrics.md lists.
func TestEmptyStoreAndDocumentedColumns(t *testing.T) {
	db := openStore(t)
	docs := documentedColumns(t)
	for _, m := range List() {
		tab, err := Run(context.Background(), db, m.Name, date("2026-01-01"), date("2026-12-31"), nil)
		if err != nil {
			t.Errorf("%s: %v", m.Name, err)
			continue
		}
		for _, r := range tab.Rows {
			// A sheet's 合计 row totals nothing on an empty store, but is there.
			if i := tab.Column("is_total"); i < 0 || r[i] != true {
				t.Errorf("%s: %d rows from an empty store", m.Name, len(tab.Rows))
				break
			}
		}
		if diff := cmp.Diff(docs[m.Name], tab.Columns); diff != "" {
			t.Errorf("%s: columns differ from docs/metrics.md (-docs +sql):\n%s", m.Name, diff)
		}
	}
}
