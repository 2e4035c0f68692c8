package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// measure is what the parent observes of one child process.
type measure struct {
	Wall    time.Duration // from start to exit
	CPU     time.Duration // user + system
	PeakKiB int64         // ru_maxrss: the child's peak resident set
}

// childResult is what a stage child reports about its own work.
type childResult struct {
	// Seconds is the time of the work itself, measured by the child
	// around the call (no interpreter start, no process setup).
	Seconds float64 `json:"seconds"`
	// Count is the amount of work (pages, rows, cells), when the child
	// knows it.
	Count int64 `json:"count"`
	// Info holds stage-specific figures (counts to check, versions).
	Info map[string]any `json:"info,omitempty"`
}

// spawnUsage is what the spawn helper (bench/spawn) writes.
type spawnUsage struct {
	WallNS    int64 `json:"wall_ns"`
	UserNS    int64 `json:"user_ns"`
	SysNS     int64 `json:"sys_ns"`
	MaxRSSKiB int64 `json:"maxrss_kib"`
	ExitCode  int   `json:"exit_code"`
}

// buildSpawn builds the spawn helper into the working directory.
func (b *bench) buildSpawn(ctx context.Context) error {
	b.spawn = filepath.Join(b.work, "spawn")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", b.spawn, "./bench/spawn")
	cmd.Dir = b.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build spawn helper: %w\n%s", err, out)
	}
	return nil
}

// runChild runs name with args through the spawn helper, logs its output
// into logPath and returns what was measured. A child that fails returns
// an error with the end of its log.
func (b *bench) runChild(ctx context.Context, logPath string, env []string, name string, args ...string) (measure, error) {
	var m measure
	logf, err := os.Create(logPath)
	if err != nil {
		return m, fmt.Errorf("create child log: %w", err)
	}
	defer logf.Close()
	usagePath := strings.TrimSuffix(logPath, filepath.Ext(logPath)) + ".usage.json"
	cmd := exec.CommandContext(ctx, b.spawn, append([]string{"-o", usagePath, "--", name}, args...)...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Run(); err != nil {
		// The child's last words usually say why; they lead the error.
		t := tail(logPath, 30)
		last := t[strings.LastIndexByte(t, '\n')+1:]
		return m, fmt.Errorf("%s: %w: %s\n%s %s\n%s", filepath.Base(name), err, last, name, strings.Join(args, " "), t)
	}
	var u spawnUsage
	if err := readJSON(usagePath, &u); err != nil {
		return m, fmt.Errorf("child usage: %w", err)
	}
	m.Wall = time.Duration(u.WallNS)
	m.CPU = time.Duration(u.UserNS + u.SysNS)
	m.PeakKiB = u.MaxRSSKiB
	return m, nil
}

// runStageChild re-executes this binary for one stage with job as its
// job file and reads the stage's result.
func (b *bench) runStageChild(ctx context.Context, dir, stage string, job any) (measure, childResult, error) {
	return b.runStageChildAs(ctx, dir, stage, stage, job)
}

// runStageChildAs is runStageChild with its files (job, result, log)
// named name, for a stage that runs more than once in one directory.
func (b *bench) runStageChildAs(ctx context.Context, dir, stage, name string, job any) (measure, childResult, error) {
	var res childResult
	self, err := os.Executable()
	if err != nil {
		return measure{}, res, fmt.Errorf("find own binary: %w", err)
	}
	jobPath := filepath.Join(dir, name+".job.json")
	resPath := filepath.Join(dir, name+".result.json")
	if err := writeJSON(jobPath, job); err != nil {
		return measure{}, res, err
	}
	m, err := b.runChild(ctx, filepath.Join(dir, name+".log"), nil, self, "-stage", stage, "-job", jobPath, "-result", resPath)
	if err != nil {
		return m, res, err
	}
	if err := readJSON(resPath, &res); err != nil {
		return m, res, fmt.Errorf("stage %s result: %w", stage, err)
	}
	return m, res, nil
}

// runPeer runs a Python peer that prints its result as the last line of
// stdout (JSON); the rest of its output goes to its log.
func (b *bench) runPeer(ctx context.Context, logPath string, args ...string) (measure, childResult, error) {
	var res childResult
	m, err := b.runChild(ctx, logPath, []string{"PYTHONDONTWRITEBYTECODE=1"}, b.o.python, args...)
	if err != nil {
		return m, res, err
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		return m, res, err
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	for i := len(lines) - 1; i >= 0; i-- {
		if bytes.HasPrefix(lines[i], []byte(`{"seconds"`)) {
			if err := json.Unmarshal(lines[i], &res); err != nil {
				return m, res, fmt.Errorf("peer result: %w", err)
			}
			return m, res, nil
		}
	}
	return m, res, fmt.Errorf("peer %s printed no result line\n%s", args[0], tail(logPath, 30))
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	return os.WriteFile(path, data, 0o644)
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// tail returns the last n lines of a log file, for error messages.
func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
