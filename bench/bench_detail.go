package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gongkai/gongkai/internal/filecopy"
)

// detailMemoryLimit is DuckDB's memory limit in the report child of the
// detail stage: the rows must stream from the query into the workbook,
// not be held.
const detailMemoryLimit = "160MB"

// detailStage measures a scorecard whose 逾期发布明细 sheet has
// -detail-rows rows against the bare StreamWriter writing the same cells.
// The rows are late items added to a copy of the load stage's database:
// one unit and column of the farm, published inside the report's period
// well after their 成文日期.
func (b *bench) detailStage(ctx context.Context) error {
	dir, err := b.stageDir("detail")
	if err != nil {
		return err
	}
	db := filepath.Join(dir, "detail.duckdb")
	if err := filecopy.Copy(b.dbPath, db); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	b.log("detail: adding %d late items …", b.o.detailRows)
	if err := addLateItems(ctx, db, b.o.detailRows, b.to); err != nil {
		return fmt.Errorf("add late items: %w", err)
	}
	b.log("detail: gongkai …")
	book := filepath.Join(dir, "scorecard.xlsx")
	m, res, err := b.runStageChild(ctx, dir, "report", reportJob{jobCommon: b.profile("detail"), DB: db,
		From: b.from, To: b.to, Out: book, MemoryLimit: detailMemoryLimit, TempDir: filepath.Join(dir, "duckdb-tmp")})
	if err != nil {
		return err
	}
	cells := filepath.Join(dir, "cells.jsonl")
	rows, n, err := exportCells(book, cells)
	if err != nil {
		return fmt.Errorf("export cells: %w", err)
	}
	b.check(rows > int64(b.o.detailRows), "the scorecard with %s late items holds %s rows, %s non-empty cells; the floor writes exactly these",
		thousands(float64(b.o.detailRows)), thousands(float64(rows)), thousands(float64(n)))
	stage := fmt.Sprintf("report, %s detail rows", thousands(float64(b.o.detailRows)))
	b.add(row{Stage: stage, Tool: "gongkai (reports.Scorecard, DuckDB memory_limit " + detailMemoryLimit + ")",
		Amount: float64(rows), Unit: "rows", Seconds: res.Seconds, Base: true}, m)
	os.Remove(book) // the floor's book takes its place on disk

	b.log("detail: floor …")
	m, res, err = b.runStageChild(ctx, dir, "xlsxfloor", xlsxFloorJob{Cells: cells, Out: filepath.Join(dir, "floor.xlsx")})
	if err != nil {
		return err
	}
	b.check(res.Count == rows, "the excelize floor wrote %d of %d rows", res.Count, rows)
	b.add(row{Stage: stage, Tool: "floor: excelize StreamWriter, unstyled, same cells", Amount: float64(res.Count),
		Unit: "rows", Seconds: res.Seconds, Floor: true}, m)
	if gk, fl, ok := b.baseAndFloor(stage); ok {
		r := gk.Seconds / fl.Seconds
		b.setGoal("detail-floor", fmt.Sprintf("%s (%.2f s against %.2f s, %s rows)", times(r), gk.Seconds, fl.Seconds, thousands(gk.Amount)), r <= 1.3)
		b.setGoal("detail-rss", fmt.Sprintf("%s (floor %s)", mib(gk.PeakKiB), mib(fl.PeakKiB)), gk.PeakKiB <= 256<<10)
	}
	return nil
}

// addLateItems adds n items to the first column of the first unit of the
// database at path, each published in the 200 days up to to, 120 days
// after its 成文日期, seen by the newest run.
func addLateItems(ctx context.Context, path string, n int, to time.Time) error {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `
INSERT INTO items BY NAME
WITH src AS (
	SELECT unit_id, column_id, category FROM items ORDER BY unit_id, column_id LIMIT 1
), r AS (
	SELECT run_id, cutoff FROM runs ORDER BY run_id DESC LIMIT 1
)
SELECT src.unit_id, src.column_id, src.category,
	u AS canonical_url, u AS url,
	'关于做好第' || i || '项工作的通知' AS title,
	CAST($2 AS DATE) - CAST(i % 200 AS INTEGER) AS publish_date,
	CAST($2 AS DATE) - CAST(i % 200 AS INTEGER) - 120 AS formed_date,
	sha256(u) AS detail_sha256,
	r.run_id AS first_seen_run, r.run_id AS last_seen_run, r.cutoff AS first_seen_date, r.cutoff AS last_seen_date
FROM (SELECT i, 'http://late.bench.test/' || i || '.html' AS u FROM range($1) t(i)), src, r`, n, to.Format("2006-01-02"))
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `CHECKPOINT`)
	return err
}
