package queries

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Table is a query result.
type Table struct {
	Name    string
	Columns []string
	Types   []string // DuckDB type names
	Rows    [][]any
}

// Run runs the metric macro name for the period [from, to] as of cutoff
// (nil: the default cutoff, see docs/metrics.md). Parameters are bound,
// never spliced into the SQL.
func Run(ctx context.Context, db *sql.DB, name string, from, to time.Time, cutoff *time.Time) (*Table, error) {
	if _, ok := Lookup(name); !ok {
		return nil, fmt.Errorf("run metric: unknown metric %q", name)
	}
	var c any
	if cutoff != nil {
		c = day(*cutoff)
	}
	q := fmt.Sprintf("SELECT * FROM %s(CAST(? AS DATE), CAST(? AS DATE), cutoff := CAST(? AS DATE))", name)
	t, err := RunSQL(ctx, db, q, day(from), day(to), c)
	if err != nil {
		return nil, fmt.Errorf("run metric %s: %w", name, err)
	}
	t.Name = name
	return t, nil
}

// day passes a date as text so the driver cannot shift it by a time zone.
func day(t time.Time) string { return t.Format(time.DateOnly) }

// RunSQL runs any query with bound args and collects the result.
func RunSQL(ctx context.Context, db *sql.DB, query string, args ...any) (*Table, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("column types: %w", err)
	}
	t := &Table{}
	for _, c := range cols {
		t.Columns = append(t.Columns, c.Name())
		t.Types = append(t.Types, c.DatabaseTypeName())
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("scan row: %w", err)
		}
		t.Rows = append(t.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read rows: %w", err)
	}
	return t, nil
}

// Column returns the index of the named column, or -1.
func (t *Table) Column(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}
