// Package redistest starts a private Redis server on a loopback port for
// tests, from Debian's redis-server, and skips the test with a clear
// message where it is not installed.
package redistest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Start runs redis-server on 127.0.0.1 with nothing persisted and returns
// its URL. The server stops when the test ends.
func Start(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		tb.Skip("redis-server is not installed (Debian: apt-get install redis-server); the fleet tests need it")
	}
	dir := tb.TempDir()
	port := freePort(tb)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--port", fmt.Sprint(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start redis-server: %v", err)
	}
	tb.Cleanup(func() { cancel(); cmd.Wait() })
	// The server says when it accepts connections; reading its log avoids
	// guessing how long start-up takes.
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		var log []string
		for sc.Scan() {
			log = append(log, sc.Text())
			if strings.Contains(sc.Text(), "Ready to accept connections") {
				ready <- nil
				for sc.Scan() {
				}
				return
			}
		}
		ready <- fmt.Errorf("redis-server exited: %s", strings.Join(log, "\n"))
	}()
	select {
	case err := <-ready:
		if err != nil {
			tb.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		tb.Fatal("redis-server did not start within 30s")
	}
	return fmt.Sprintf("redis://127.0.0.1:%d/0", port)
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
