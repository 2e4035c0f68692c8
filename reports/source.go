package reports

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/queries"
)

// Table is a metric result, as package queries returns it.
type Table = queries.Table

// runMetric runs one metric macro for the period.
var runMetric = queries.Run

func runSQL(ctx context.Context, db *sql.DB, name, q string, args ...any) (*Table, error) {
	t, err := queries.RunSQL(ctx, db, q, args...)
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", name, err)
	}
	t.Name = name
	return t, nil
}
