package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// rowSource yields a result's column names, then its rows in order.
type rowSource interface {
	scan(ctx context.Context, start func(cols []string) error, row func(r []any) error) error
}

// tableRows are rows already in memory (a metric result).
type tableRows struct {
	t    *Table
	rows [][]any // nil: all rows of t
}

func (tr tableRows) scan(ctx context.Context, start func([]string) error, row func([]any) error) error {
	if err := start(tr.t.Columns); err != nil {
		return err
	}
	rows := tr.rows
	if rows == nil {
		rows = tr.t.Rows
	}
	for _, r := range rows {
		if err := row(r); err != nil {
			return err
		}
	}
	return nil
}

// queryRows are read from the database one by one, so a detail sheet of a
// million rows never sits in memory.
type queryRows struct {
	db   *sql.DB
	name string
	q    string
	args []any
}

func (qr queryRows) scan(ctx context.Context, start func([]string) error, row func([]any) error) error {
	rows, err := qr.db.QueryContext(ctx, qr.q, qr.args...)
	if err != nil {
		return fmt.Errorf("run %s: %w", qr.name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("run %s: %w", qr.name, err)
	}
	if err := start(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("run %s: %w", qr.name, err)
		}
		if err := row(vals); err != nil {
			return err
		}
		n++
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("run %s: %w", qr.name, err)
	}
	return nil
}
