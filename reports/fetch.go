package reports

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// fetcher runs metric SQL for one period. Metric results come from the
// queries macros; the few extra selects (joins, filters, 合计 rows) are SQL
// over the same macros, so every figure is computed by DuckDB.
type fetcher struct {
	opts Options
}

// metric runs one metric as the queries package defines it.
func (fe fetcher) metric(ctx context.Context, name string) (*Table, error) {
	return runMetric(ctx, fe.opts.DB, name, fe.opts.From, fe.opts.To, fe.opts.Cutoff)
}

// sheet runs a sheet macro (queries/sql/07*_*.sql) for this period:
// the rows a sheet prints, in its order.
func (fe fetcher) sheet(ctx context.Context, macro string) (*Table, error) {
	return fe.sql(ctx, macro, sheetSQL(macro))
}

// sheetSQL is the call of a sheet macro with the period's parameters.
func sheetSQL(macro string) string { return "SELECT * FROM {" + macro + "}" }

// sql runs a select in which {name} stands for the call of metric macro
// name with this period and cutoff.
func (fe fetcher) sql(ctx context.Context, name, q string) (*Table, error) {
	q = expandMacros(q)
	var c any
	if fe.opts.Cutoff != nil {
		c = fe.opts.Cutoff.Format(time.DateOnly)
	}
	return runSQL(ctx, fe.opts.DB, name, q,
		fe.opts.From.Format(time.DateOnly), fe.opts.To.Format(time.DateOnly), c)
}

// expandMacros replaces {name} by name($1::DATE, $2::DATE, cutoff := $3::DATE).
func expandMacros(q string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(q, '{')
		if i < 0 {
			b.WriteString(q)
			return b.String()
		}
		j := strings.IndexByte(q[i:], '}')
		if j < 0 {
			b.WriteString(q)
			return b.String()
		}
		b.WriteString(q[:i])
		fmt.Fprintf(&b, "%s($1::DATE, $2::DATE, cutoff := $3::DATE)", q[i+1:i+j])
		q = q[i+j+1:]
	}
}

// unitOrder sorts per-unit rows: 部门 first, then towns and streets, then
// by name.
const unitOrder = `ORDER BY (kind_group = '部门') DESC, kind_group, unit_name, unit_id`
