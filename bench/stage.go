package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
)

// stageFunc runs one measured stage in a child process; job is its job
// file's JSON.
type stageFunc func(ctx context.Context, job []byte) (childResult, error)

func stageFuncs() map[string]stageFunc {
	return map[string]stageFunc{
		"crawl":     stageCrawl,
		"floor":     stageFloor,
		"history":   stageHistory,
		"load":      stageLoad,
		"macros":    stageMacros,
		"read":      stageRead,
		"store":     stageRead,
		"report":    stageReport,
		"xlsxfloor": stageXLSXFloor,
	}
}

// jobCommon holds what every job may carry.
type jobCommon struct {
	// Profile, when set, is where the stage writes its CPU profile.
	Profile string `json:"profile,omitempty"`
}

// runStage is the child side of runStageChild.
func runStage(ctx context.Context, name, jobPath, resultPath string) error {
	fn, ok := stageFuncs()[name]
	if !ok {
		return fmt.Errorf("unknown stage %q", name)
	}
	job, err := os.ReadFile(jobPath)
	if err != nil {
		return fmt.Errorf("read job: %w", err)
	}
	var common jobCommon
	if err := json.Unmarshal(job, &common); err != nil {
		return fmt.Errorf("decode job: %w", err)
	}
	if common.Profile != "" {
		f, err := os.Create(common.Profile)
		if err != nil {
			return fmt.Errorf("create profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("start profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	res, err := fn(ctx, job)
	if err != nil {
		return fmt.Errorf("stage %s: %w", name, err)
	}
	return writeJSON(resultPath, res)
}
