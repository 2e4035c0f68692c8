package main

import (
	"context"
	"path/filepath"
)

// loadStage loads the crawl's landing run with gongkai's loader (into a
// fresh database, published) and has DuckDB merely read the same files.
func (b *bench) loadStage(ctx context.Context) error {
	dir, err := b.stageDir("load")
	if err != nil {
		return err
	}
	b.log("load: DuckDB read_json …")
	m, res, err := b.runStageChild(ctx, dir, "read", readJob{RunDir: b.runDir})
	if err != nil {
		return err
	}
	records := res.Count
	readRow := row{Stage: "load", Tool: "DuckDB read_json count(*), same files", Amount: float64(records),
		Unit: "rows", Seconds: res.Seconds}
	readM := m

	b.log("load: gongkai …")
	b.dbPath = filepath.Join(dir, "gongkai.duckdb")
	m, res, err = b.runStageChild(ctx, dir, "load",
		loadJob{jobCommon: b.profile("load"), Landing: b.landingRoot, RunID: b.runID, DB: b.dbPath})
	if err != nil {
		return err
	}
	b.add(row{Stage: "load", Tool: "gongkai (etl.Publish + LoadRun)", Amount: float64(records), Unit: "rows",
		Seconds: res.Seconds, Base: true}, m)
	b.add(readRow, readM)
	return nil
}
