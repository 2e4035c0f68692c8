package crawl

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// childEnv names the spec file of a crawl the test binary runs as a child
// process, to be killed.
const childEnv = "GONGKAI_CRAWL_CHILD"

type childSpec struct {
	Landing string
	AsOf    time.Time
	Units   []config.Unit
}

func resumeConfig(units []config.Unit) *config.Config {
	return &config.Config{Units: units, Crawl: config.Crawl{
		UserAgent: "gongkai-test/1", Parallelism: 2, Units: 2, Timeout: config.NewDuration(10 * time.Second),
		Retries: 2, MaxBody: 8 << 20, MaxPages: 500, Overlap: 3, AllowPrivate: true,
	}}
}

// TestResumeChild is the crawl that TestKillAndResume kills. It does
// nothing in a normal test run.
func TestResumeChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("runs only as the child of TestKillAndResume")
	}
	b, err := os.ReadFile(path)
	must(t, err)
	var spec childSpec
	must(t, json.Unmarshal(b, &spec))
	runCrawl(t, testOptions(t, resumeConfig(spec.Units), spec.Landing, spec.AsOf))
}

// TestKillAndResume kills a crawl halfway with SIGKILL and resumes it: the
// resumed run's landing equals an uninterrupted run's, and pages fetched
// before the kill are not fetched again.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	// Four units cover every family and both mailbox formats.
	f := startFarm(t, sitefarm.Options{Units: 4})
	tr := f.Truth()
	units := farmConfig(tr).Units

	whole := testRoot(t)
	ref := runCrawl(t, testOptions(t, resumeConfig(units), whole, tr.AsOf))
	total := len(f.Requests())
	f.ResetRequests()

	killed := testRoot(t)
	spec, err := json.Marshal(childSpec{Landing: killed, AsOf: tr.AsOf, Units: units})
	must(t, err)
	specPath := filepath.Join(killed, "child.json")
	must(t, os.WriteFile(specPath, spec, 0o644))
	cmd := exec.Command(os.Args[0], "-test.run=^TestResumeChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+specPath)
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill once a first unit is done: the resumed run then both skips
	// finished units and replays the journals of units in progress.
	for !unitFinished(killed) {
		select {
		case err := <-exited:
			t.Fatalf("child ended before it was killed: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
	must(t, cmd.Process.Kill())
	<-exited
	before := len(f.Requests())

	run, err := landing.OpenRun(killed, ref.Run.ID)
	must(t, err)
	m, err := run.ReadManifest()
	must(t, err)
	done := 0
	for _, u := range m.Units {
		if u.Done {
			done++
		}
	}
	if m.Complete || done == 0 || done == len(tr.Units) {
		t.Fatalf("killed run: complete=%v, %d of %d units done; the kill came too late", m.Complete, done, len(tr.Units))
	}

	o := testOptions(t, resumeConfig(units), killed, tr.AsOf)
	o.Resume = true
	res := runCrawl(t, o)
	if res.Run.ID != ref.Run.ID || !res.Manifest.Complete {
		t.Fatalf("resumed run %s complete=%v, want %s complete", res.Run.ID, res.Manifest.Complete, ref.Run.ID)
	}
	after := len(f.Requests()) - before
	// At most the requests in flight at the kill are made twice.
	if slack := 2 * 2; before+after > total+slack {
		t.Errorf("killed run made %d requests and the resumed one %d; an uninterrupted run makes %d", before, after, total)
	}
	t.Logf("uninterrupted %d requests; killed after %d (%d units done), resumed with %d", total, before, done, after)

	want := normalized(t, readRecords(t, ref.Run, unitIDs(tr)))
	got := normalized(t, readRecords(t, res.Run, unitIDs(tr)))
	for _, kind := range []string{"items", "letters", "columns", "homes", "pages"} {
		if d := cmp.Diff(want[kind], got[kind]); d != "" {
			t.Errorf("%s differ from an uninterrupted run's (-uninterrupted +resumed):\n%s", kind, d)
		}
	}
	if _, err := os.Stat(filepath.Join(res.Run.Dir, "journal")); err == nil {
		entries, _ := os.ReadDir(filepath.Join(res.Run.Dir, "journal"))
		if len(entries) != 0 {
			t.Errorf("journals left after a complete run: %d", len(entries))
		}
	}
}

// unitFinished reports whether the (only) run under root has a finished unit.
func unitFinished(root string) bool {
	ids, _ := landing.ListRuns(root)
	if len(ids) == 0 {
		return false
	}
	run, err := landing.OpenRun(root, ids[0])
	if err != nil {
		return false
	}
	m, err := run.ReadManifest()
	if err != nil {
		return false
	}
	for _, u := range m.Units {
		if u.Done {
			return true
		}
	}
	return false
}

// normalized turns records into sorted JSON lines without the fields that
// say when something happened or how long it took.
func normalized(tb testing.TB, r records) map[string][]string {
	out := map[string][]string{}
	add := func(kind string, v any) {
		b, err := json.Marshal(v)
		must(tb, err)
		out[kind] = append(out[kind], string(b))
	}
	for _, v := range r.items {
		v.SeenAt = time.Time{}
		add("items", v)
	}
	for _, v := range r.letters {
		v.SeenAt = time.Time{}
		add("letters", v)
	}
	for _, v := range r.columns {
		v.FinishedAt = time.Time{}
		add("columns", v)
	}
	for _, v := range r.homes {
		v.FetchedAt = time.Time{}
		add("homes", v)
	}
	for _, v := range r.pages {
		v.FetchedAt, v.DurationMS = time.Time{}, 0
		add("pages", v)
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}
