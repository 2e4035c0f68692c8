// Package checkpoint names the moments of a batch at which a crash must
// lose nothing (a file renamed into place, a database published, a
// workbook written), so that a test can kill the real binary at exactly
// such a moment instead of after a guessed delay.
//
// It does nothing unless the environment variable GONGKAI_CRASH_AT is
// set, which only the crash tests do. GONGKAI_CRASH_AT=name#k makes the
// process kill itself (SIGKILL, no cleanup) the k-th time it reaches the
// checkpoint called name; GONGKAI_CRASH_AT=list prints every checkpoint
// reached to standard error, to plan such a test.
package checkpoint

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// Env is the environment variable that arms the checkpoints.
const Env = "GONGKAI_CRASH_AT"

var (
	once   sync.Once
	mu     sync.Mutex
	target string
	nth    int
	list   bool
	counts map[string]int
)

func setup() {
	v := os.Getenv(Env)
	if v == "" {
		return
	}
	counts = map[string]int{}
	if v == "list" {
		list = true
		return
	}
	name, k, ok := strings.Cut(v, "#")
	n, err := strconv.Atoi(k)
	if !ok || err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "%s=%q: want name#k (k from 1) or list\n", Env, v)
		os.Exit(2)
	}
	target, nth = name, n
}

// Reached marks that the process has reached the checkpoint name.
func Reached(name string) {
	once.Do(setup)
	if counts == nil {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	counts[name]++
	if list {
		fmt.Fprintf(os.Stderr, "checkpoint %s#%d\n", name, counts[name])
		return
	}
	if name == target && counts[name] == nth {
		fmt.Fprintf(os.Stderr, "checkpoint %s#%d: killing the process\n", name, nth)
		kill()
	}
}
