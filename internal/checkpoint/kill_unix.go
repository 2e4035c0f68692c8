//go:build unix

package checkpoint

import (
	"os"
	"syscall"
)

// kill ends the process the way a power cut or the OOM killer would: no
// deferred function, no flush, no exit handler runs.
func kill() {
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {}
}
