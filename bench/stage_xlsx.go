package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxFloorJob is the report's floor: an unstyled excelize StreamWriter
// writing the same cells as gongkai's workbook, nothing else (no styles,
// conditional formats, charts, links or print setup).
type xlsxFloorJob struct {
	jobCommon
	Cells string `json:"cells"`
	Out   string `json:"out"`
}

func stageXLSXFloor(ctx context.Context, data []byte) (childResult, error) {
	var job xlsxFloorJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	start := time.Now()
	f := excelize.NewFile()
	defer f.Close()
	var (
		sw      *excelize.StreamWriter
		current string
		rowNo   int
		rows    int64
	)
	err := readCellRows(job.Cells, func(r cellRow) error {
		if r.Sheet != current {
			if sw == nil {
				if err := f.SetSheetName("Sheet1", r.Sheet); err != nil {
					return err
				}
			} else {
				if err := sw.Flush(); err != nil {
					return err
				}
				if _, err := f.NewSheet(r.Sheet); err != nil {
					return err
				}
			}
			var err error
			if sw, err = f.NewStreamWriter(r.Sheet); err != nil {
				return err
			}
			current, rowNo = r.Sheet, 0
		}
		for i, v := range r.Row {
			if v == "" {
				r.Row[i] = nil // an empty cell is no cell
			}
		}
		rowNo++
		rows++
		cell, _ := excelize.CoordinatesToCellName(1, rowNo)
		return sw.SetRow(cell, r.Row)
	})
	if err != nil {
		return childResult{}, fmt.Errorf("write cells: %w", err)
	}
	if sw != nil {
		if err := sw.Flush(); err != nil {
			return childResult{}, err
		}
	}
	if err := f.SaveAs(job.Out); err != nil {
		return childResult{}, fmt.Errorf("save workbook: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return childResult{}, err
	}
	return childResult{Seconds: time.Since(start).Seconds(), Count: rows}, nil
}
