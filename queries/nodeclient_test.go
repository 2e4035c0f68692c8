package queries

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// nodeClient is the independent client's folder; `npm ci` there installs
// it (.ci/run does).
const nodeClient = "testdata/nodeclient"

// TestIndependentClient opens the fixture's database with DuckDB's official
// Node.js client, as an analyst's own tools would, runs every public macro
// for every checked period, and compares its rows with what gongkai's own
// query returns: an analyst gets the numbers of the workbook.
func TestIndependentClient(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the independent-client check needs Node.js and `npm ci` in " + nodeClient)
	}
	if _, err := os.Stat(filepath.Join(nodeClient, "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skip("@duckdb/node-api is not installed: run `npm ci` in " + nodeClient)
	}
	// An installed client that this Node.js cannot load (too old a
	// runtime, a binding built for another platform) is missing too; a
	// client that loads and answers differently is a failure.
	probe := exec.Command(node, "--input-type=module", "-e", "await import('@duckdb/node-api')")
	probe.Dir = nodeClient
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("this Node.js cannot load @duckdb/node-api (%v): %s", err, firstLine(string(out)))
	}
	ctx := context.Background()
	db := openFixture(t)
	var path string
	if err := db.QueryRowContext(ctx, `SELECT path FROM duckdb_databases() WHERE database_name = current_database()`).Scan(&path); err != nil {
		t.Fatal(err)
	}
	type query struct {
		Name string `json:"name"`
		SQL  string `json:"sql"`
	}
	var qs []query
	want := map[string][][]string{}
	for i, p := range periods {
		for _, m := range List() {
			if m.Sheet != "" && i > 0 {
				// A sheet macro only arranges metric rows (checked for
				// every period above): one period shows the other client
				// runs it, at a third of the cost.
				continue
			}
			tab, err := Run(ctx, db, m.Name, date(p.from), date(p.to), nil)
			if err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			// The macro as an analyst types it.
			name := m.Name + " " + p.name
			qs = append(qs, query{Name: name, SQL: fmt.Sprintf("SELECT * FROM %s(DATE '%s', DATE '%s')", m.Name, p.from, p.to)})
			want[name] = textRows(tab.Rows)
		}
	}
	if _, err := db.ExecContext(ctx, "CHECKPOINT"); err != nil {
		t.Fatal(err)
	}
	// DuckDB lets one process write a file or many read it: the Go handle
	// goes before the other client opens the file.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	qpath := filepath.Join(t.TempDir(), "queries.json")
	b, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(qpath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, node, "check.mjs", path, qpath)
	cmd.Dir = nodeClient
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node client: %v\n%s", err, stderr.String())
	}
	var got map[string]struct {
		Columns []string `json:"columns"`
		Rows    [][]any  `json:"rows"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node client output: %v", err)
	}
	for _, q := range qs {
		g, ok := got[q.Name]
		if !ok {
			t.Errorf("%s: the node client returned nothing", q.Name)
			continue
		}
		if diff := cmp.Diff(want[q.Name], textRows(g.Rows)); diff != "" {
			t.Errorf("%s (-gongkai +node client):\n%s", q.Name, diff)
		}
	}
	if len(qs) == 0 {
		t.Fatal("no public macro to check")
	}
}

// textRows renders rows for comparison between the clients, in a fixed
// order (a macro's rows are a set): numbers to 9 decimals (whole ones
// without), dates as 2006-01-02, NULL as NULL, and numbers a client gives
// as text (big integers, decimals) as numbers.
func textRows(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, v := range r {
			out[i][j] = text(v)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return slices.Compare(a, b) })
	return out
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil && !math.IsInf(f, 0) {
			return norm(f)
		}
		return x
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return text(string(x))
	}
	s := norm(v)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return norm(f)
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
