package crawl

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/gongkai/gongkai/landing"
)

// A journal is the append-only record of every request a unit completed in
// a run, with the hash of the body kept in the snapshot store. A resumed run
// replays it instead of fetching again, so the pages a killed run already
// read are neither requested twice nor read differently.
//
// Each entry is written with one write call as soon as its request is
// done, so a killed process loses at most the request in flight; the file
// is synced every few entries and when the unit ends.
type journal struct {
	mu      sync.Mutex
	f       *os.File
	unsync  int
	pending map[string][]journalEntry // replayable entries by request key, in order
}

// journalEntry is one completed request: its attempts and final answer.
type journalEntry struct {
	Key         string         `json:"key"`
	URL         string         `json:"url"` // final URL after redirects
	Status      int            `json:"status"`
	ContentType string         `json:"content_type,omitempty"`
	SHA256      string         `json:"sha256,omitempty"`
	Outcome     string         `json:"outcome"`
	Error       string         `json:"error,omitempty"`
	Pages       []landing.Page `json:"pages"`
}

const journalSyncEvery = 32

// journalPath is where a unit's journal of a run lives: beside the unit
// directories, so the landing files of a unit stay exactly the landing set.
func journalPath(run *landing.Run, unitID string) string {
	return filepath.Join(run.Dir, "journal", unitID+".ndjson")
}

// openJournal reads what an earlier attempt at this unit completed and
// opens the journal for appending.
func openJournal(path string) (*journal, error) {
	j := &journal{pending: map[string][]journalEntry{}}
	if err := j.load(path); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	j.f = f
	return j, nil
}

func (j *journal) load(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read journal: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var e journalEntry
		// A line cut short by the kill that stopped the run is dropped: its
		// request is simply made again.
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Key == "" {
			continue
		}
		j.pending[e.Key] = append(j.pending[e.Key], e)
	}
	return nil
}

// take returns the next replayable entry for a request key.
func (j *journal) take(key string) (journalEntry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	q := j.pending[key]
	if len(q) == 0 {
		return journalEntry{}, false
	}
	e := q[0]
	if len(q) == 1 {
		delete(j.pending, key)
	} else {
		j.pending[key] = q[1:]
	}
	return e, true
}

// add appends a completed request. Replayed entries are already in the
// file and are not written again.
func (j *journal) add(e journalEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	b = append(b, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Write(b); err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	j.unsync++
	if j.unsync >= journalSyncEvery {
		j.unsync = 0
		if err := j.f.Sync(); err != nil {
			return fmt.Errorf("sync journal: %w", err)
		}
	}
	return nil
}

func (j *journal) close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Sync()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	j.f = nil
	return err
}
