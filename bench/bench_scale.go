package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/internal/filecopy"
)

// scaleUnits is the size of the generated store of the scale stage.
const scaleUnits = 10_000

// scaleStage measures the metrics at scale: the load stage's database
// (the farm's units, the year so far) is copied and its units repeated
// until it holds scaleUnits units, every row of every table that has a
// unit_id repeated under a new unit ID; then the scorecard is written
// from it, and every metric macro is timed at the farm's size and at
// scaleUnits units.
func (b *bench) scaleStage(ctx context.Context) error {
	dir, err := b.stageDir("scale")
	if err != nil {
		return err
	}
	db := filepath.Join(dir, "scale.duckdb")
	if err := filecopy.Copy(b.dbPath, db); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	b.log("scale: repeating the units up to %d …", scaleUnits)
	small, units, err := repeatUnits(ctx, db, scaleUnits)
	if err != nil {
		return fmt.Errorf("generate store: %w", err)
	}

	b.log("scale: metric macros at %d units …", small)
	_, smallRes, err := b.runStageChildAs(ctx, dir, "macros", "macros-small", macrosJob{DB: b.dbPath, From: b.from, To: b.to})
	if err != nil {
		return err
	}
	b.log("scale: metric macros at %d units …", units)
	_, big, err := b.runStageChildAs(ctx, dir, "macros", "macros-big", macrosJob{DB: db, From: b.from, To: b.to})
	if err != nil {
		return err
	}
	b.scale = scaleTimes(smallRes.Info, big.Info)
	b.scaleUnits = [2]int{small, units}

	b.log("scale: scorecard at %d units …", units)
	m, res, err := b.runStageChild(ctx, dir, "report",
		reportJob{jobCommon: b.profile("scale"), DB: db, From: b.from, To: b.to, Out: filepath.Join(dir, "scorecard.xlsx")})
	if err != nil {
		return err
	}
	b.add(row{Stage: "metrics at scale", Tool: fmt.Sprintf("gongkai scorecard over %s units (generated)", thousands(float64(units))),
		Amount: float64(units), Unit: "units", Seconds: res.Seconds}, m)
	b.setGoal("scale-scorecard", fmt.Sprintf("%.2f s, %s (%s units)", res.Seconds, mib(m.PeakKiB), thousands(float64(units))), res.Seconds < 2)
	return nil
}

// repeatUnits repeats every unit of the database at path until it holds
// at least target units: each row of each table with a unit_id column is
// copied with the unit ID suffixed ~k. It returns the units the database
// held before and after.
func repeatUnits(ctx context.Context, path string, target int) (before, after int, err error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM units`).Scan(&before); err != nil {
		return 0, 0, err
	}
	if before == 0 {
		return 0, 0, fmt.Errorf("the database holds no units")
	}
	factor := (target + before - 1) / before
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM duckdb_columns()
		WHERE column_name = 'unit_id' AND schema_name = 'main' AND NOT internal
			AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE NOT temporary)
		ORDER BY table_name`)
	if err != nil {
		return 0, 0, err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return 0, 0, err
		}
		tables = append(tables, t)
	}
	if err := rows.Close(); err != nil {
		return 0, 0, err
	}
	for _, t := range tables {
		// Table names come from the catalog, quoted.
		name := `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		q := `INSERT INTO ` + name + ` SELECT t.* REPLACE (t.unit_id || '~' || r.k AS unit_id)
			FROM ` + name + ` AS t, range(1, $1) r(k)`
		if _, err := db.ExecContext(ctx, q, factor); err != nil {
			return 0, 0, fmt.Errorf("repeat %s: %w", t, err)
		}
	}
	if _, err := db.ExecContext(ctx, `CHECKPOINT`); err != nil {
		return 0, 0, err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM units`).Scan(&after)
	return before, after, err
}

// macroTime is one metric's time at the two sizes.
type macroTime struct {
	Name       string
	Small, Big float64
}

func scaleTimes(small, big map[string]any) []macroTime {
	var out []macroTime
	for name, v := range small {
		s, _ := v.(float64)
		g, _ := big[name].(float64)
		out = append(out, macroTime{Name: name, Small: s, Big: g})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Big > out[j].Big })
	return out
}

// scaleTable shows how each macro's time grows with the units.
func scaleTable(units [2]int, times []macroTime) string {
	var s strings.Builder
	fmt.Fprintf(&s, "| metric macro | %s units (s) | %s units (s) | growth |\n| --- | ---: | ---: | ---: |\n",
		thousands(float64(units[0])), thousands(float64(units[1])))
	for _, t := range times {
		g := "—"
		if t.Small > 0 {
			g = fmt.Sprintf("%.1f×", t.Big/t.Small)
		}
		fmt.Fprintf(&s, "| %s | %.3f | %.3f | %s |\n", t.Name, t.Small, t.Big, g)
	}
	return s.String()
}
