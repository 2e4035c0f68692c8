package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/landing"
)

// historyStage measures whether a monthly load costs in proportion to
// the new run or to the history: the crawl's landing run, copied as the
// runs of -months consecutive months, is loaded month by month into one
// database, each month by its own publish, and the last load is compared
// with the first.
func (b *bench) historyStage(ctx context.Context) error {
	dir, err := b.stageDir("history")
	if err != nil {
		return err
	}
	root := filepath.Join(dir, "landing")
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	ids, err := monthlyRuns(b.runDir, root, b.to, b.o.months)
	if err != nil {
		return fmt.Errorf("make monthly runs: %w", err)
	}
	db := filepath.Join(dir, "history.duckdb")
	if err := os.RemoveAll(db); err != nil {
		return err
	}
	b.log("history: %d monthly loads into one database …", len(ids))
	var months []historyMonth
	var total row
	for i, id := range ids {
		m, res, err := b.runStageChildAs(ctx, dir, "history", fmt.Sprintf("history-%02d", i+1), historyJob{Landing: root, RunID: id, DB: db})
		if err != nil {
			return err
		}
		ls, _ := res.Info["load_seconds"].(float64)
		bytes, _ := res.Info["bytes"].(float64)
		months = append(months, historyMonth{RunID: id, Seconds: res.Seconds, LoadSeconds: ls,
			CPU: m.CPU.Seconds(), PeakKiB: m.PeakKiB, Bytes: int64(bytes)})
		b.log("history: month %d of %d: %.2f s, %s", i+1, len(ids), res.Seconds, mib(m.PeakKiB))
		total.Amount += float64(res.Count)
		total.Seconds += res.Seconds
		total.Wall += m.Wall.Seconds()
		total.CPU += m.CPU.Seconds()
		total.PeakKiB = max(total.PeakKiB, m.PeakKiB)
	}
	b.add(row{Stage: "monthly loads", Tool: fmt.Sprintf("gongkai: %d monthly publishes into one database, one process each", len(ids)),
		Amount: total.Amount, Unit: "rows", Seconds: total.Seconds},
		measure{Wall: time.Duration(total.Wall * float64(time.Second)), CPU: time.Duration(total.CPU * float64(time.Second)), PeakKiB: total.PeakKiB})
	b.history = months
	first, last := months[0], months[len(months)-1]
	r := last.Seconds / first.Seconds
	b.setGoal("load-monthly", fmt.Sprintf("%s (load %d: %.2f s, %.1f CPU s; load 1: %.2f s, %.1f CPU s)", times(r),
		len(months), last.Seconds, last.CPU, first.Seconds, first.CPU), r <= 1.2)
	return nil
}

// historyTable shows each monthly load's time and the database's size
// after it.
func historyTable(months []historyMonth) string {
	var s strings.Builder
	s.WriteString("| month | run | publish (s) | of which LoadRun (s) | CPU (s) | peak RSS | database after it |\n" +
		"| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n")
	for i, m := range months {
		fmt.Fprintf(&s, "| %d | %s | %.2f | %.2f | %.2f | %s | %.1f MiB |\n", i+1, m.RunID, m.Seconds, m.LoadSeconds,
			m.CPU, mib(m.PeakKiB), float64(m.Bytes)/(1<<20))
	}
	return s.String()
}

// monthlyRuns copies the landing run in runDir into root as the runs of
// n consecutive months ending with the month of last, oldest first, and
// returns their IDs. The unit files are hard links (the same records each
// month); each copy has its own manifest, with the month's run ID, period
// and cutoff.
func monthlyRuns(runDir, root string, last time.Time, n int) ([]string, error) {
	var m landing.Manifest
	if err := readJSON(filepath.Join(runDir, "manifest.json"), &m); err != nil {
		return nil, err
	}
	var ids []string
	for i := n - 1; i >= 0; i-- {
		// The last day of the month i months before last's.
		end := time.Date(last.Year(), last.Month()-time.Month(i)+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		started := end.Add(20 * time.Hour)
		id := landing.NewRunID(started)
		run, err := landing.CreateRun(root, id)
		if err != nil {
			return nil, err
		}
		if err := linkTree(runDir, run.Dir); err != nil {
			return nil, err
		}
		mm := m
		mm.RunID, mm.Period, mm.Cutoff = id, end.Format("2006-01"), end.Format(time.DateOnly)
		mm.StartedAt, mm.FinishedAt = started, started.Add(time.Hour)
		if err := run.WriteManifest(mm); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// linkTree hard-links every file under src into dst (manifest.json left
// out: each copy writes its own), making directories as needed.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if rel == "manifest.json" {
			return nil
		}
		return os.Link(p, target)
	})
}
