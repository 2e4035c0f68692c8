package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
	// Letters are segmented (gse) inside the load; its share is shown so
	// that segmentation never silently becomes the load's cost.
	if n, _ := res.Info["segmented"].(float64); n > 0 {
		secs, _ := res.Info["terms_seconds"].(float64)
		b.note("load: %d letters stored and segmented into terms in %.2f s of the load's %.2f s (%.2f ms per letter)",
			int(n), secs, res.Seconds, 1000*secs/n)
	}
	b.add(readRow, readM)

	b.log("load: DuckDB CREATE TABLE AS SELECT * FROM read_json …")
	floorDB := filepath.Join(dir, "floor.duckdb")
	for _, p := range []string{floorDB, floorDB + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	m, res, err = b.runStageChild(ctx, dir, "store", readJob{RunDir: b.runDir, Create: floorDB})
	if err != nil {
		return err
	}
	b.check(res.Count == records, "the load floor stored %d of %d landing records", res.Count, records)
	b.add(row{Stage: "load", Tool: "floor: DuckDB CREATE TABLE AS SELECT * FROM read_json, same files", Amount: float64(res.Count),
		Unit: "rows", Seconds: res.Seconds, Floor: true}, m)
	if gk, fl, ok := b.baseAndFloor("load"); ok {
		r := gk.Seconds / fl.Seconds
		b.setGoal("load-floor", fmt.Sprintf("%s (%.2f s against %.2f s)", times(r), gk.Seconds, fl.Seconds), r <= 1.5)
	}
	return nil
}
