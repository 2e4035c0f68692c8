package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// cellRow is one row of the report's cells, as exported for the peers:
// one JSON line per row, rows of a sheet consecutive, sheets in workbook
// order. Numbers are JSON numbers, everything else strings.
type cellRow struct {
	Sheet string `json:"sheet"`
	Row   []any  `json:"row"`
}

// exportCells writes every cell of the workbook at xlsxPath as cell rows,
// so every writer is given exactly the cells gongkai's workbook holds.
// It returns the number of rows and of non-empty cells.
func exportCells(xlsxPath, outPath string) (rows, cells int64, err error) {
	f, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		return 0, 0, fmt.Errorf("open workbook: %w", err)
	}
	defer f.Close()
	out, err := os.Create(outPath)
	if err != nil {
		return 0, 0, err
	}
	defer out.Close()
	w := bufio.NewWriterSize(out, 1<<20)
	enc := json.NewEncoder(w)
	for _, sheet := range f.GetSheetList() {
		it, err := f.Rows(sheet)
		if err != nil {
			return 0, 0, fmt.Errorf("read sheet %s: %w", sheet, err)
		}
		for it.Next() {
			cols, err := it.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				it.Close()
				return 0, 0, fmt.Errorf("read sheet %s: %w", sheet, err)
			}
			row := make([]any, len(cols))
			for i, c := range cols {
				row[i] = c
				if c == "" {
					continue
				}
				cells++
				if n, err := strconv.ParseFloat(c, 64); err == nil && isPlainNumber(c) {
					row[i] = n
				}
			}
			if err := enc.Encode(cellRow{Sheet: sheet, Row: row}); err != nil {
				it.Close()
				return 0, 0, err
			}
			rows++
		}
		if err := it.Close(); err != nil {
			return 0, 0, err
		}
	}
	if err := w.Flush(); err != nil {
		return 0, 0, err
	}
	return rows, cells, out.Close()
}

// isPlainNumber keeps text such as "0012" or "1e5" as text: only what a
// numeric cell holds raw (digits, sign, point) becomes a number.
func isPlainNumber(s string) bool {
	if len(s) > 1 && s[0] == '0' && s[1] != '.' {
		return false
	}
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '.':
		case r == '-' && i == 0:
		default:
			return false
		}
	}
	return true
}

// readCellRows calls fn for each exported row.
func readCellRows(path string, fn func(cellRow) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var r cellRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("cell rows: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return sc.Err()
}
