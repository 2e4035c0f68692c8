package main

import (
	"context"
	"fmt"
	"path/filepath"
)

// reportStage writes gongkai's scorecard from the published database,
// exports its cells, and has xlsxwriter and the excelize floor write the
// same cells.
func (b *bench) reportStage(ctx context.Context) error {
	dir, err := b.stageDir("report")
	if err != nil {
		return err
	}
	b.log("report: gongkai …")
	book := filepath.Join(dir, "scorecard.xlsx")
	m, res, err := b.runStageChild(ctx, dir, "report",
		reportJob{jobCommon: b.profile("report"), DB: b.dbPath, From: b.from, To: b.to, Out: book})
	if err != nil {
		return err
	}
	cells := filepath.Join(dir, "cells.jsonl")
	rows, n, err := exportCells(book, cells)
	if err != nil {
		return fmt.Errorf("export cells: %w", err)
	}
	b.check(rows > 0, "the scorecard (%s to %s) holds %s rows, %s non-empty cells; both peers write exactly these",
		b.from.Format("2006-01-02"), b.to.Format("2006-01-02"), thousands(float64(rows)), thousands(float64(n)))
	b.add(row{Stage: "report", Tool: "gongkai (reports.Scorecard on excelize)", Amount: float64(rows), Unit: "rows",
		Seconds: res.Seconds, Base: true}, m)

	if !b.o.peers {
		return b.reportFloor(ctx, dir, cells, rows)
	}
	b.log("report: xlsxwriter …")
	peer := filepath.Join(b.root, "bench", "peers", "write_xlsx.py")
	m, res, err = b.runPeer(ctx, filepath.Join(dir, "xlsxwriter.log"), peer,
		"--cells", cells, "--out", filepath.Join(dir, "xlsxwriter.xlsx"))
	if err != nil {
		return fmt.Errorf("xlsxwriter peer: %w", err)
	}
	b.check(res.Count == rows, "xlsxwriter wrote %d of %d rows", res.Count, rows)
	b.add(row{Stage: "report", Tool: "XlsxWriter " + b.machine.XLSX + " constant_memory, same cells", Amount: float64(res.Count),
		Unit: "rows", Seconds: res.Seconds}, m)

	return b.reportFloor(ctx, dir, cells, rows)
}

// reportFloor has the excelize floor write the scorecard's cells.
func (b *bench) reportFloor(ctx context.Context, dir, cells string, rows int64) error {
	b.log("report: floor …")
	m, res, err := b.runStageChild(ctx, dir, "xlsxfloor", xlsxFloorJob{Cells: cells, Out: filepath.Join(dir, "floor.xlsx")})
	if err != nil {
		return err
	}
	b.check(res.Count == rows, "the excelize floor wrote %d of %d rows", res.Count, rows)
	b.add(row{Stage: "report", Tool: "floor: excelize StreamWriter, unstyled, same cells", Amount: float64(res.Count),
		Unit: "rows", Seconds: res.Seconds, Floor: true}, m)
	if gk, fl, ok := b.baseAndFloor("report"); ok {
		r := gk.Seconds / fl.Seconds
		b.setGoal("report-floor", fmt.Sprintf("%s (%.2f s against %.2f s)", times(r), gk.Seconds, fl.Seconds), r <= 3)
	}
	return nil
}
