//go:build unix

package queries

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time of the process (all threads), which a busy
// machine distorts less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
