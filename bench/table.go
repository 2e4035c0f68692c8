package main

import (
	"fmt"
	"math"
	"strings"
)

// row is one measured tool in one stage.
type row struct {
	Stage string
	Tool  string
	// Amount of work and its unit ("pages", "rows", "cells").
	Amount float64
	Unit   string
	// Seconds is the work as the child timed it; Wall is the whole child
	// process, start-up included.
	Seconds float64
	Wall    float64
	CPU     float64
	PeakKiB int64
	// Base marks gongkai's row of the stage: the others are compared to it.
	Base bool
	// Floor marks the row a goal of the stage compares gongkai with.
	Floor bool
}

func (r row) rate() float64 {
	if r.Seconds <= 0 {
		return 0
	}
	return r.Amount / r.Seconds
}

// markdownTable renders the rows as one Markdown table. Speed compares
// throughput (work per second of the child's own timing), CPU compares CPU
// seconds per unit of work, memory compares peak RSS; all against
// gongkai's row of the same stage.
func markdownTable(rows []row) string {
	var b strings.Builder
	b.WriteString("| stage | tool | work | time (s) | throughput | process wall (s) | CPU (s) | peak RSS | speed vs gongkai | CPU per unit vs gongkai | memory vs gongkai |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	base := map[string]row{}
	for _, r := range rows {
		if r.Base {
			base[r.Stage] = r
		}
	}
	for _, r := range rows {
		speed, cpu, mem := "—", "—", "—"
		if bs, ok := base[r.Stage]; ok {
			if r.Base {
				speed, cpu, mem = "1.00×", "1.00×", "1.00×"
			} else {
				speed = ratio(r.rate(), bs.rate())
				cpu = ratio(r.CPU/r.Amount, bs.CPU/bs.Amount)
				mem = ratio(float64(r.PeakKiB), float64(bs.PeakKiB))
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s %s | %.2f | %s %s/s | %.2f | %.2f | %s | %s | %s | %s |\n",
			r.Stage, r.Tool, thousands(r.Amount), r.Unit, r.Seconds, thousands(r.rate()), r.Unit,
			r.Wall, r.CPU, mib(r.PeakKiB), speed, cpu, mem)
	}
	return b.String()
}

func ratio(a, b float64) string {
	if b == 0 || math.IsNaN(a/b) {
		return "—"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func mib(kib int64) string {
	return fmt.Sprintf("%.0f MiB", float64(kib)/1024)
}

// thousands formats a non-negative amount rounded to an integer with
// comma separators.
func thousands(v float64) string {
	n := int64(math.Round(v))
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
