// Command spawn runs one command and writes what it used (wall time, CPU
// time, peak resident set) to a JSON file. The bench starts every measured
// child through it.
//
// Why: on Linux a process's ru_maxrss includes the peak resident set of
// the process image it replaced at exec, and Go starts children with
// vfork, whose image is the parent's. Children started straight from the
// bench (which holds the whole simulated farm) would all report at least
// the bench's own peak. spawn is tiny, so what it reports is the child's.
//
// Usage: spawn -o usage.json -- command [args...]
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

// usage is what spawn writes; the bench reads the same fields.
type usage struct {
	WallNS    int64 `json:"wall_ns"`
	UserNS    int64 `json:"user_ns"`
	SysNS     int64 `json:"sys_ns"`
	MaxRSSKiB int64 `json:"maxrss_kib"`
	ExitCode  int   `json:"exit_code"`
}

func main() {
	out := flag.String("o", "", "write the usage JSON here")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: spawn -o usage.json -- command [args...]")
		os.Exit(2)
	}
	os.Exit(run(*out, flag.Args()))
}

func run(out string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// The child dies with spawn, and spawn dies with the bench.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	// Interrupts reach the child through the process group; spawn waits.
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM)
	start := time.Now()
	err := cmd.Run()
	u := usage{WallNS: int64(time.Since(start))}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		u.ExitCode = ee.ExitCode()
	default:
		fmt.Fprintf(os.Stderr, "spawn: %v\n", err)
		return 127
	}
	ps := cmd.ProcessState
	u.UserNS, u.SysNS = int64(ps.UserTime()), int64(ps.SystemTime())
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		u.MaxRSSKiB = ru.Maxrss // KiB on Linux
	}
	data, _ := json.Marshal(u)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "spawn: %v\n", err)
		return 127
	}
	if u.ExitCode < 0 {
		return 1
	}
	return u.ExitCode
}
