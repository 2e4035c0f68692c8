//go:build !unix

package etl

import "time"

// processCPU is unknown here; the benchmark then reports 0 CPU seconds.
func processCPU() time.Duration { return 0 }
