//go:build !unix

package queries

import "time"

// cpuTime is not measured here; TestPerfStore logs 0.
func cpuTime() time.Duration { return 0 }
