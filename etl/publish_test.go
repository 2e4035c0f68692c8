package etl

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/landing"
)

const readerEnv = "GONGKAI_ETL_TEST_READER"

// TestHelperReader is the analyst's process in TestPublishWhileReading: it
// opens the database read-only, prints the item count, waits for a line on
// stdin, prints the count again on the same handle, then reopens and
// prints the count once more.
func TestHelperReader(t *testing.T) {
	path := os.Getenv(readerEnv)
	if path == "" {
		t.Skip("helper process for TestPublishWhileReading")
	}
	count := func(ctx context.Context) int {
		db, err := OpenReadOnly(ctx, path)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		defer db.Close()
		return queryInt(t, db, `SELECT count(*) FROM items`)
	}
	ctx := context.Background()
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("count", queryInt(t, db, `SELECT count(*) FROM items`))
	bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Println("count", queryInt(t, db, `SELECT count(*) FROM items`))
	db.Close()
	fmt.Println("count", count(ctx))
	os.Exit(0)
}

func publishRun(r *landing.Run) func(*Store) error {
	return func(s *Store) error {
		_, err := s.LoadRun(context.Background(), r, LoadOptions{Now: fixedNow, Logger: quiet})
		return err
	}
}

func TestPublishWhileReading(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	r2 := writeRun(t, root, fixtureRun2())
	published := filepath.Join(t.TempDir(), "gongkai.duckdb")
	ctx := context.Background()
	check(t, Publish(ctx, published, publishRun(r1)))

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperReader$", "-test.count=1")
	cmd.Env = append(os.Environ(), readerEnv+"="+published)
	stdin, err := cmd.StdinPipe()
	check(t, err)
	stdout, err := cmd.StdoutPipe()
	check(t, err)
	cmd.Stderr = os.Stderr
	check(t, cmd.Start())
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	next := func() string {
		t.Helper()
		if !lines.Scan() {
			t.Fatalf("reader ended early: %v", lines.Err())
		}
		return lines.Text()
	}
	if got := next(); got != "count 8" {
		t.Fatalf("reader before publish: %q, want count 8", got)
	}

	// The reader holds the published file open while run 2 is published.
	if err := Publish(ctx, published, publishRun(r2)); err != nil {
		t.Fatalf("publish while a reader holds the database: %v", err)
	}
	fmt.Fprintln(stdin)
	if got := next(); got != "count 8" {
		t.Errorf("reader's open handle after publish: %q, want count 8 (the old database)", got)
	}
	if got := next(); got != "count 10" {
		t.Errorf("reader after reopening: %q, want count 10", got)
	}
	check(t, cmd.Wait())
	assertNoLeftovers(t, published)
}

func TestPublishFailureKeepsPublished(t *testing.T) {
	t.Parallel()
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun1())
	bad := fixtureRun2()
	bad.corrupt = []string{"jyj"}
	r2 := writeRun(t, root, bad)
	published := filepath.Join(t.TempDir(), "gongkai.duckdb")
	ctx := context.Background()
	check(t, Publish(ctx, published, publishRun(r1)))
	before := dumpFile(t, published)
	before2, err := os.ReadFile(published)
	check(t, err)

	err = Publish(ctx, published, publishRun(r2))
	if err == nil || !strings.Contains(err.Error(), "load items") {
		t.Fatalf("publish of a corrupt run: err = %v", err)
	}
	after, err := os.ReadFile(published)
	check(t, err)
	if string(before2) != string(after) {
		t.Error("the published file changed after a failed publish")
	}
	if diff := cmp.Diff(before, dumpFile(t, published)); diff != "" {
		t.Errorf("published tables changed (-before +after):\n%s", diff)
	}
	assertNoLeftovers(t, published)

	// A copy left by a crash is replaced by the next publish.
	check(t, os.WriteFile(published+".next", []byte("half a database"), 0o644))
	check(t, Publish(ctx, published, func(*Store) error { return nil }))
	if diff := cmp.Diff(before, dumpFile(t, published)); diff != "" {
		t.Errorf("publish after a crash (-before +after):\n%s", diff)
	}
}

func TestPublishOneAtATime(t *testing.T) {
	t.Parallel()
	published := filepath.Join(t.TempDir(), "gongkai.duckdb")
	ctx := context.Background()
	err := Publish(ctx, published, func(*Store) error {
		return Publish(ctx, published, func(*Store) error { return nil })
	})
	if err == nil || !strings.Contains(err.Error(), "another publish") {
		t.Errorf("nested publish: err = %v", err)
	}
}

func dumpFile(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := OpenReadOnly(context.Background(), path)
	check(t, err)
	defer db.Close()
	return dump(t, db)
}

func assertNoLeftovers(t *testing.T, published string) {
	t.Helper()
	for _, p := range []string{published + ".next", published + ".next.wal", published + ".wal"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left behind", filepath.Base(p))
		}
	}
}
