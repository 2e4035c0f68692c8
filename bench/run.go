package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// bench is one run of the command: the farm, the working directory and
// what the stages measured so far.
type bench struct {
	o      options
	root   string // module root
	work   string
	farm   *sitefarm.Farm
	truth  *sitefarm.Truth
	size   farmSize
	cs     crawlSettings
	period string // the month before the farm's day, as the monthly batch runs
	from   time.Time
	to     time.Time
	log    func(format string, args ...any)
	spawn  string // the spawn helper binary

	machine machine
	rows    []row
	checks  []string // what the stages checked, one line each
	failed  []string // checks that did not hold
	notes   []string // facts worth reading next to the table
	goals   []goal
	history []historyMonth // the monthly loads, when measured
	// The scale stage's macro times and the two sizes they were taken at.
	scale      []macroTime
	scaleUnits [2]int

	// The farm's log of gongkai's crawl, and each unit's base URL.
	crawlLog []sitefarm.Request
	unitBase map[string]string

	// Set by the crawl stage for the stages after it.
	landingRoot string
	runID       string
	runDir      string
	dbPath      string
}

func run(ctx context.Context, o options, stdout, stderr io.Writer) error {
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	b := &bench{o: o, goals: goalList(), log: func(format string, args ...any) { logger.Info(fmt.Sprintf(format, args...)) }}
	stages, err := parseStages(o.stages, o.reuse != "")
	if err != nil {
		return err
	}
	if b.root, err = moduleRoot(); err != nil {
		return err
	}
	if o.work == "" {
		if b.work, err = os.MkdirTemp("", "gongkai-bench-"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(b.work)
		}
	} else {
		if b.work, err = filepath.Abs(o.work); err != nil {
			return err
		}
		if err := os.MkdirAll(b.work, 0o755); err != nil {
			return err
		}
	}
	if o.overlay != "" {
		if err := b.noteOverlay(o.overlay); err != nil {
			return err
		}
	}
	if o.profile != "" {
		if o.profile, err = filepath.Abs(o.profile); err != nil {
			return err
		}
		if err := os.MkdirAll(o.profile, 0o755); err != nil {
			return err
		}
		b.o.profile = o.profile
	}
	if err := b.buildSpawn(ctx); err != nil {
		return err
	}
	b.machine = describeMachine(ctx)
	b.peerVersions(ctx)

	start := time.Now()
	b.farm = sitefarm.New(sitefarm.Options{Seed: o.seed, Units: o.units, ItemsPerColumn: o.items})
	if err := b.farm.Start(); err != nil {
		return fmt.Errorf("start farm: %w", err)
	}
	defer b.farm.Close()
	b.truth = b.farm.Truth()
	b.unitBase = map[string]string{}
	for _, u := range b.truth.Units {
		b.unitBase[u.ID] = u.BaseURL
	}
	b.size = sizeOf(b.truth)
	asOf := b.truth.AsOf
	last := asOf.AddDate(0, 0, -1)
	b.period = last.Format("2006-01")
	b.from = time.Date(last.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	b.to = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	b.cs = crawlSettings{HostParallelism: o.hostPar, Units: o.unitPar, Retries: 3}
	b.log("farm: %d units, %d columns, %d mailboxes, %d items, %d letters (generated and started in %s); work in %s",
		b.size.Units, b.size.Columns, b.size.Mailboxes, b.size.Items, b.size.Letters, time.Since(start).Round(time.Millisecond), b.work)

	// A stage that fails is reported and the run goes on with the stages
	// that do not need it, so one broken stage still leaves a table.
	done := map[string]bool{}
	needs := map[string]string{"load": "crawl", "report": "load", "detail": "load", "scale": "load", "history": "crawl"}
	if o.reuse != "" {
		if err := b.reuseCrawl(o.reuse); err != nil {
			return err
		}
		done["crawl"] = true
	}
	for _, s := range stages {
		if n := needs[s]; n != "" && !done[n] {
			b.check(false, "%s stage skipped: it needs the %s stage, which failed", s, n)
			continue
		}
		var err error
		switch s {
		case "crawl":
			err = b.crawlStage(ctx)
		case "load":
			err = b.loadStage(ctx)
		case "report":
			err = b.reportStage(ctx)
		case "detail":
			err = b.detailStage(ctx)
		case "scale":
			err = b.scaleStage(ctx)
		case "history":
			err = b.historyStage(ctx)
		case "e2e":
			err = b.endToEndStage(ctx)
		case "fleet":
			err = b.fleetStage(ctx)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			b.check(false, "%s stage failed: %s", s, firstLine(err.Error()))
			b.log("%s stage failed: %v", s, err)
			continue
		}
		done[s] = true
	}

	b.machine.LoadEnd = loadAverage()
	out := b.markdown()
	fmt.Fprint(stdout, out)
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(out), 0o644); err != nil {
			return err
		}
	}
	if len(b.failed) > 0 {
		return fmt.Errorf("checks failed:\n  %s", strings.Join(b.failed, "\n  "))
	}
	return nil
}

// firstLine keeps a table's check line short; the log has the rest.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func parseStages(s string, reuse bool) ([]string, error) {
	known := map[string]bool{"crawl": true, "load": true, "report": true, "detail": true, "scale": true, "history": true, "e2e": true, "fleet": true}
	var out []string
	seen := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !known[p] {
			return nil, fmt.Errorf("unknown stage %q (want crawl, load, report, detail, scale, history, e2e, fleet)", p)
		}
		seen[p] = true
	}
	// Fixed order: each stage uses what the one before produced.
	for _, p := range []string{"crawl", "load", "report", "detail", "scale", "history", "e2e", "fleet"} {
		if seen[p] {
			out = append(out, p)
		}
	}
	if reuse && seen["crawl"] {
		return nil, errors.New("-reuse replaces the crawl stage: leave crawl out of -stages")
	}
	if (seen["load"] || seen["report"] || seen["detail"] || seen["scale"] || seen["history"]) && !seen["crawl"] && !reuse {
		return nil, errors.New("load, report, detail, scale and history measure what the crawl stage produced: add crawl to -stages (or -reuse an earlier crawl)")
	}
	if (seen["report"] || seen["detail"] || seen["scale"]) && !seen["load"] {
		return nil, errors.New("report, detail and scale read what the load stage published: add load to -stages")
	}
	return out, nil
}

// moduleRoot finds the directory of go.mod from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the bench inside the gongkai module (go run ./bench)")
		}
		dir = parent
	}
}

// stageDir makes the working directory of one stage.
func (b *bench) stageDir(name string) (string, error) {
	dir := filepath.Join(b.work, name)
	return dir, os.MkdirAll(dir, 0o755)
}

// profile is the CPU profile path for a gongkai stage, "" when off.
func (b *bench) profile(stage string) jobCommon {
	if b.o.profile == "" {
		return jobCommon{}
	}
	return jobCommon{Profile: filepath.Join(b.o.profile, stage+".pprof")}
}
