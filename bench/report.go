package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func (b *bench) add(r row, m measure) {
	r.Wall, r.CPU, r.PeakKiB = m.Wall.Seconds(), m.CPU.Seconds(), m.PeakKiB
	b.rows = append(b.rows, r)
	b.log("%s / %s: %s %s in %.2fs (wall %.2fs, CPU %.2fs, peak %s)", r.Stage, r.Tool, thousands(r.Amount), r.Unit,
		r.Seconds, r.Wall, r.CPU, mib(r.PeakKiB))
}

func (b *bench) check(ok bool, format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	if ok {
		b.checks = append(b.checks, "✓ "+line)
	} else {
		b.checks = append(b.checks, "✗ "+line)
		b.failed = append(b.failed, line)
	}
	b.log("check: %s (ok=%t)", line, ok)
}

// noteOverlay says in the report which files a -overlay replaced, so a
// table measured with a change not yet made says so.
func (b *bench) noteOverlay(path string) error {
	var ov struct{ Replace map[string]string }
	if err := readJSON(path, &ov); err != nil {
		return fmt.Errorf("read overlay: %w", err)
	}
	var files []string
	for f := range ov.Replace {
		if rel, err := filepath.Rel(b.root, f); err == nil {
			f = rel
		}
		files = append(files, f)
	}
	sort.Strings(files)
	b.note("measured with these files replaced (go build -overlay): %s", strings.Join(files, ", "))
	return nil
}

func (b *bench) note(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	b.notes = append(b.notes, line)
	b.log("note: %s", line)
}

// peerVersions asks the peers' interpreter for its and the packages'
// versions; a missing package is reported when its stage runs.
func (b *bench) peerVersions(ctx context.Context) {
	out, err := exec.CommandContext(ctx, b.o.python, "-c",
		`import sys, scrapy, xlsxwriter; print(sys.version.split()[0], scrapy.__version__, xlsxwriter.__version__)`).Output()
	if err != nil {
		return
	}
	if f := strings.Fields(string(out)); len(f) == 3 {
		b.machine.Python, b.machine.Scrapy, b.machine.XLSX = f[0], f[1], f[2]
	}
}

// markdown is the command's report.
func (b *bench) markdown() string {
	var s strings.Builder
	s.WriteString("### Machine\n\n")
	s.WriteString(b.machine.markdown())
	fmt.Fprintf(&s, "\n### Farm\n\n%d units (%d columns, %d mailboxes), %s listable items (%s item records), %s letters; seed %d; "+
		"every crawler: %d units at once, %d requests at once per host, no delay, robots.txt obeyed.\n",
		b.size.Units, b.size.Columns, b.size.Mailboxes, thousands(float64(b.size.Items)), thousands(float64(b.size.ItemRecords)),
		thousands(float64(b.size.Letters)), b.o.seed, b.cs.Units, b.cs.HostParallelism)
	s.WriteString("\n### Results\n\n")
	s.WriteString(markdownTable(b.rows))
	s.WriteString("\n### Goals\n\n")
	s.WriteString(goalsTable(b.goals))
	if len(b.scale) > 0 {
		s.WriteString("\n### Metric macros at scale\n\n")
		s.WriteString(scaleTable(b.scaleUnits, b.scale))
	}
	if len(b.history) > 0 {
		s.WriteString("\n### Monthly loads\n\n")
		s.WriteString(historyTable(b.history))
	}
	if len(b.notes) > 0 {
		s.WriteString("\n### Notes\n\n")
		for _, n := range b.notes {
			fmt.Fprintf(&s, "- %s\n", n)
		}
	}
	if len(b.checks) > 0 {
		s.WriteString("\n### Checks\n\n")
		for _, c := range b.checks {
			fmt.Fprintf(&s, "- %s\n", c)
		}
	}
	return s.String()
}

// baseAndFloor returns gongkai's row and the floor's row of a stage.
func (b *bench) baseAndFloor(stage string) (base, floor row, ok bool) {
	var hasBase, hasFloor bool
	for _, r := range b.rows {
		if r.Stage != stage {
			continue
		}
		if r.Base {
			base, hasBase = r, true
		}
		if r.Floor {
			floor, hasFloor = r, true
		}
	}
	return base, floor, hasBase && hasFloor && base.Seconds > 0 && floor.Seconds > 0 && base.Amount > 0 && floor.Amount > 0
}
