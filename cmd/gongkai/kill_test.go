package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/internal/checkpoint"
)

// killSeedEnv overrides the seed of TestKillAnywhere's schedule, to replay
// or widen it: GONGKAI_KILL_SEED=7 go test ./cmd/gongkai -run TestKillAnywhere
const killSeedEnv = "GONGKAI_KILL_SEED"

// TestKillAnywhere builds the gongkai binary, runs the monthly batch on a
// farm and SIGKILLs it at checkpoints of the crawl, the load, the publish
// and the report (a seeded schedule of at least 12 kills, each the next
// process of the same batch), then runs the documented recovery command,
// run --resume, to the end. The published items and letters must equal
// the farm's truth, with nothing twice and no temporary file left.
func TestKillAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs the batch 14 times")
	}
	seed := uint64(14)
	if v := os.Getenv(killSeedEnv); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", killSeedEnv, v, err)
		}
		seed = n
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("schedule seed %d (%s to replay)", seed, killSeedEnv)

	bin := filepath.Join(t.TempDir(), "gongkai")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	farm, cfgPath := farmWithConfig(t, sitefarm.Options{Seed: 1, Units: 2, AsOf: farmAsOf, ItemsPerColumn: 8})
	dir := filepath.Dir(cfgPath)

	// The schedule: where each process of the batch is killed. The first
	// kills fall in the crawl: the first process before the last of the
	// 10 unit files is in place, so the second still has a unit to write,
	// and the third still has the manifest to write. The load's only
	// checkpoint comes before the first publish is renamed into place;
	// after that every process publishes and reports again, so those
	// kills come in seeded order.
	kills := []string{
		fmt.Sprintf("landing.unit-file#%d", 1+rng.IntN(9)),
		"landing.unit-file#1",
		"landing.json-written#1",
		"load.run#1",
		"publish.copied#1",
		"publish.built#1",
		"publish.checked#1",
		"publish.renamed#1",
	}
	later := []string{
		"report.scorecard#1",
		"publish.checked#1",
		fmt.Sprintf("report.workbook-written#%d", 1+rng.IntN(3)),
		fmt.Sprintf("report.workbook-written#%d", 1+rng.IntN(3)),
		"publish.renamed#1",
	}
	rng.Shuffle(len(later), func(i, j int) { later[i], later[j] = later[j], later[i] })
	kills = append(kills, later...)

	run := func(crashAt string, args ...string) (killed bool, out string) {
		t.Helper()
		cmd := exec.Command(bin, append(args, "--config", cfgPath)...)
		cmd.Env = append(os.Environ(), envNow+"="+farmAsOf.Format(time.RFC3339), "GONGKAI_LOG=warn", checkpoint.Env+"="+crashAt)
		var o bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &o
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
				return true, o.String()
			}
		}
		if err != nil {
			t.Fatalf("gongkai %v (crash at %s): %v\n%s", args, crashAt, err, o.String())
		}
		return false, o.String()
	}
	done := 0
	for i, at := range kills {
		args := []string{"run", "--resume"}
		if i == 0 {
			args = []string{"run", "--period", "2026-10"}
		}
		killed, out := run(at, args...)
		if killed {
			done++
		} else {
			t.Logf("process %d ran to its end without reaching %s:\n%s", i+1, at, out)
		}
	}
	if done < 12 {
		t.Fatalf("%d kills happened, want at least 12", done)
	}
	if _, out := run("", "run", "--resume"); !strings.Contains(out, "scorecard:") {
		t.Fatalf("recovery did not report:\n%s", out)
	}

	data := filepath.Join(dir, "data")
	ctx := context.Background()
	db, err := etl.OpenReadOnly(ctx, filepath.Join(data, "gongkai.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	truth := farm.Truth()
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 12, 31, 0, 0, 0, 0, shanghai)
	if diff := cmp.Diff(expectedCounts(truth, from, to), dbCounts(t, db, from, to)); diff != "" {
		t.Errorf("published items after the kills (-truth +database):\n%s", diff)
	}
	wantLetters := map[string]int{}
	for _, u := range truth.Units {
		for _, mb := range u.Mailboxes {
			wantLetters[u.ID] += len(mb.Letters)
		}
	}
	gotLetters := map[string]int{}
	rows, err := db.Query(`SELECT unit_id, count(*) FROM letters GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u string
		var n int
		if err := rows.Scan(&u, &n); err != nil {
			t.Fatal(err)
		}
		gotLetters[u] = n
	}
	rows.Close()
	if diff := cmp.Diff(wantLetters, gotLetters); diff != "" {
		t.Errorf("published letters after the kills (-truth +database):\n%s", diff)
	}
	for _, q := range []string{
		`SELECT count(*) - count(DISTINCT (unit_id, canonical_url)) FROM items`,
		`SELECT count(*) - count(DISTINCT (unit_id, mailbox_id, letter_key)) FROM letters`,
		`SELECT count(*) - count(DISTINCT run_id) FROM runs`,
		`SELECT count(*) - 1 FROM runs`,
	} {
		var dup int
		if err := db.QueryRow(q).Scan(&dup); err != nil {
			t.Fatal(err)
		}
		if dup != 0 {
			t.Errorf("%s = %d, want 0", q, dup)
		}
	}
	err = filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n := d.Name()
		if strings.HasSuffix(n, ".tmp") || strings.HasPrefix(n, ".gongkai-") || strings.HasSuffix(n, ".next") ||
			strings.HasSuffix(n, ".wal") || (d.IsDir() && n == "journal") {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
