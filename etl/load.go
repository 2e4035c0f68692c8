package etl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gongkai/gongkai/landing"
)

// LoadOptions tune LoadRun.
type LoadOptions struct {
	// Logger receives progress; nil means slog.Default().
	Logger *slog.Logger
	// Now stamps runs.loaded_at the first time a run is loaded; nil means
	// time.Now.
	Now func() time.Time
	// MaxFailedShare is the share of a run's sources (columns, mailboxes,
	// home pages) that may fail before the run stops being a default
	// cutoff; nil means DefaultMaxFailedShare.
	MaxFailedShare *float64

	// recomputeAll recomputes the units' current state from every
	// sighting even when the run could bring it up to date alone (the
	// load test compares the two).
	recomputeAll bool
}

// DefaultMaxFailedShare: a run in which more than half of the sources
// could not be read at all is loaded, but a metric does not take it as its
// cutoff unless asked to.
const DefaultMaxFailedShare = 0.5

// LoadStats says what LoadRun stored for the run.
type LoadStats struct {
	RunID string
	// Units is how many units' files were loaded; SkippedUnits lists the
	// units the run names whose files are incomplete (not loaded).
	Units        int
	SkippedUnits []string
	// Rows stored for the run, after dropping repeated sightings.
	Items, Letters, Columns, Homes, Pages int
	// Recomputed is how many units' current state was recomputed from
	// every sighting ever loaded; the others were brought up to date from
	// this run's sightings alone (see docs/schema.md, "Load state").
	Recomputed int
	// Findings counts the run's findings by kind.
	Findings map[string]int
	// Segmented is how many letters were cut into terms, in Terms
	// (storing their texts, segmenting, weighing).
	Segmented int
	Terms     time.Duration
	Duration  time.Duration
}

// LoadRun loads one crawl run in one transaction: the run's manifest and
// unit snapshot, every completely written unit's files, the recomputed
// current state of the units the run touches, and the run's findings.
// Loading a run again replaces what it stored before; loading runs in any
// order gives the same tables. A run newer than every loaded run (the
// monthly case) updates the current state from its own sightings; any
// other recomputes it from every sighting of the units it touches.
func (s *Store) LoadRun(ctx context.Context, run *landing.Run, opts LoadOptions) (LoadStats, error) {
	start := time.Now()
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	log = log.With("run", run.ID)
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	st := LoadStats{RunID: run.ID}
	m, err := run.ReadManifest()
	if err != nil {
		return st, fmt.Errorf("load run %s: %w", run.ID, err)
	}
	// The segmenter's dictionary loads while the rest of the load runs.
	preloadSegmenter(&m)
	cutoff, err := time.Parse(time.DateOnly, m.Cutoff)
	if err != nil {
		return st, fmt.Errorf("load run %s: manifest cutoff %q is not a date", run.ID, m.Cutoff)
	}
	units, err := run.ReadUnits()
	if err != nil {
		return st, fmt.Errorf("load run %s: %w", run.ID, err)
	}
	done, skipped, err := runUnits(run, m, units)
	if err != nil {
		return st, fmt.Errorf("load run %s: %w", run.ID, err)
	}
	st.Units, st.SkippedUnits = len(done), skipped

	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("load run %s: begin: %w", run.ID, err)
	}
	defer tx.Rollback()

	l := &loader{ctx: ctx, tx: tx, run: run.ID, log: log}
	// Row order within a table means nothing to the store (every reader
	// sorts). Keeping the files' order held DuckDB's inserts and
	// aggregates to one ordered stream; without it a load needs less CPU
	// and uses every core. The setting is global to the database, so it
	// is put back afterwards.
	l.exec("unordered inserts", `SET preserve_insertion_order = false`)
	defer s.db.ExecContext(context.WithoutCancel(ctx), `RESET preserve_insertion_order`)
	newest := l.newest() && !opts.recomputeAll
	l.exec("record run", upsertRun, run.ID, nullStr(m.Period), localTime(m.StartedAt), localTimePtr(m.FinishedAt),
		cutoff.Format(time.DateOnly), m.Complete, nullStr(m.Version), nullStr(m.ConfigSHA256),
		localTime(now()), len(done), len(skipped))
	l.loadUnitSet(units, done)
	l.exec("keep column order", `CREATE OR REPLACE TEMP TABLE columns_before AS
		SELECT unit_id, column_id, position, category FROM columns WHERE unit_id IN (SELECT unit_id FROM load_units)`)
	unmapped := l.applySnapshot(units)
	for _, t := range runTables {
		l.clear(t, `run_id = $1`, run.ID)
	}
	files := func(name string) []string {
		var ps []string
		for _, u := range done {
			ps = append(ps, run.UnitPath(u, name))
		}
		return ps
	}
	if len(done) > 0 {
		l.exec("load items", insertItemObservations, run.ID, files(landing.FileItems))
		l.dropRepeatedItems()
		l.exec("load letters", insertLetterObservations, run.ID, files(landing.FileLetters))
		l.exec("load columns", insertColumnRuns, run.ID, files(landing.FileColumns))
		l.exec("load home pages", insertHomes, run.ID, files(landing.FileHomes))
		l.exec("load page attempts", insertPages, run.ID, files(landing.FilePages))
	}
	share := DefaultMaxFailedShare
	if opts.MaxFailedShare != nil {
		share = *opts.MaxFailedShare
	}
	l.exec("judge run as a cutoff", judgeRun, run.ID, countSources(units), share)
	l.loadAnnual(run, units, done)
	st.Recomputed = l.fullUnits(newest)
	for _, t := range stateTables {
		l.clear(t, `unit_id IN (SELECT unit_id FROM full_units)`)
	}
	l.recomputeItems()
	for _, q := range recomputeState {
		l.exec("recompute current state", q)
	}
	for _, q := range fillState {
		l.exec("fill load state", q)
	}
	if newest {
		l.exec("units to bring up to date", `CREATE OR REPLACE TEMP TABLE inc_units AS
			SELECT unit_id FROM load_units WHERE unit_id NOT IN (SELECT unit_id FROM full_units)`)
		for _, q := range advanceItems {
			l.advance("bring items up to date", q)
		}
		for _, q := range advanceLetters {
			l.advance("bring letters up to date", q)
		}
		for _, t := range advanceTemps {
			l.exec("drop "+t, `DROP TABLE `+t)
		}
		l.exec("drop inc units", `DROP TABLE inc_units`)
	}
	l.exec("mark load state built", `UPDATE state.load_state SET built = true WHERE NOT built`)
	l.exec("drop full units", `DROP TABLE full_units`)
	l.exec("drop column order", `DROP TABLE columns_before`)
	st.Segmented, st.Terms = l.opinion(files(landing.FileLetters))
	l.findings(unmapped)
	l.exec("drop load units", `DROP TABLE load_units`)
	if l.err != nil {
		return st, fmt.Errorf("load run %s: %w", run.ID, l.err)
	}
	step := time.Now()
	if err := l.stats(&st); err != nil {
		return st, fmt.Errorf("load run %s: %w", run.ID, err)
	}
	log.Debug("load step", "step", "count rows", "duration", time.Since(step))
	step = time.Now()
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("load run %s: commit: %w", run.ID, err)
	}
	log.Debug("load step", "step", "commit", "duration", time.Since(step))
	st.Duration = time.Since(start)
	log.Info("run loaded", "units", st.Units, "skipped", len(st.SkippedUnits),
		"items", st.Items, "letters", st.Letters, "pages", st.Pages, "duration", st.Duration,
		"segmented", st.Segmented, "terms", st.Terms)
	return st, nil
}

// loader runs a load's statements in its transaction and keeps the first
// error, so the load reads as a list of steps.
type loader struct {
	ctx context.Context
	tx  *sql.Tx
	run string
	log *slog.Logger
	err error
}

func (l *loader) exec(step, query string, args ...any) {
	if l.err != nil {
		return
	}
	start := time.Now()
	if _, err := l.tx.ExecContext(l.ctx, query, args...); err != nil {
		l.err = fmt.Errorf("%s: %w", step, err)
		return
	}
	l.log.Debug("load step", "step", step, "duration", time.Since(start))
}

// clear deletes the rows of table that match where, if there are any.
// Looking first matters: once a transaction has deleted from a table,
// DuckDB logs the rows inserted into it to the write-ahead log instead of
// writing them straight to the file, which made committing a first load
// several times slower. table and where are constants of this package.
func (l *loader) clear(table, where string, args ...any) {
	if l.err != nil {
		return
	}
	var any bool
	if err := l.tx.QueryRowContext(l.ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE `+where+`)`, args...).Scan(&any); err != nil {
		l.err = fmt.Errorf("clear %s: %w", table, err)
		return
	}
	if any {
		l.exec("clear "+table, `DELETE FROM `+table+` WHERE `+where, args...)
	}
}

// newest says whether the run is newer than every run loaded before it,
// so that its sightings alone can bring the current state up to date.
// Called before the run is recorded.
func (l *loader) newest() bool {
	if l.err != nil {
		return false
	}
	var newer bool
	if err := l.tx.QueryRowContext(l.ctx, `SELECT COALESCE(max(run_id) < $1, true) FROM runs`, l.run).Scan(&newer); err != nil {
		l.err = fmt.Errorf("compare with loaded runs: %w", err)
	}
	return newer
}

// fullUnits fills the temporary table full_units with the units whose
// current state is recomputed from every sighting, and returns how many:
// every unit of the load when the run is not the newest; otherwise the
// units whose configured columns changed order or category (an item's
// home column and category follow the configuration of the newest run,
// for its old sightings too). A store whose load state was never built
// (loaded by an earlier version) recomputes every unit once.
func (l *loader) fullUnits(newest bool) int {
	changed := `SELECT unit_id FROM load_units`
	if newest {
		changed = `SELECT unit_id FROM (
			(SELECT * FROM columns_before
			 EXCEPT SELECT unit_id, column_id, position, category FROM columns WHERE unit_id IN (SELECT unit_id FROM load_units))
			UNION ALL
			(SELECT unit_id, column_id, position, category FROM columns WHERE unit_id IN (SELECT unit_id FROM load_units)
			 EXCEPT SELECT * FROM columns_before)
		)`
	}
	l.exec("units to recompute", `CREATE OR REPLACE TEMP TABLE full_units AS
		`+changed+`
		UNION
		SELECT unit_id FROM (
			SELECT unit_id FROM load_units
			UNION SELECT unit_id FROM items
			UNION SELECT unit_id FROM letters
		) WHERE NOT (SELECT built FROM state.load_state)`)
	if l.err != nil {
		return 0
	}
	var n int
	if err := l.tx.QueryRowContext(l.ctx, `SELECT count(*) FROM full_units`).Scan(&n); err != nil {
		l.err = fmt.Errorf("count units to recompute: %w", err)
	}
	return n
}

// recomputeItems rebuilds the items of the units in full_units, a batch
// of units at a time, and their titles in state.item_state.
func (l *loader) recomputeItems() {
	l.exec("batch units", itemBatches)
	if l.err != nil {
		return
	}
	var batches int
	if err := l.tx.QueryRowContext(l.ctx, `SELECT COALESCE(max(batch) + 1, 0) FROM item_batches`).Scan(&batches); err != nil {
		l.err = fmt.Errorf("count item batches: %w", err)
		return
	}
	for b := range batches {
		l.exec("recompute items", recomputeItems, b)
		l.exec("store items", `INSERT INTO items BY NAME
			SELECT * EXCLUDE (meta_title, meta_list_title, newest_list_title) FROM item_calc`)
		l.exec("store item titles", `INSERT INTO state.item_state
			SELECT unit_id, canonical_url, meta_title, meta_list_title, newest_list_title FROM item_calc`)
		l.exec("drop item calc", `DROP TABLE item_calc`)
	}
	l.exec("drop item batches", `DROP TABLE item_batches`)
}

// advance runs one statement of advanceItems or advanceLetters. A
// DELETE … USING runs only when it has rows to delete, for the reason
// given at clear.
func (l *loader) advance(step, q string) {
	if l.err != nil {
		return
	}
	if rest, ok := strings.CutPrefix(q, "DELETE FROM "); ok {
		table, using, ok := strings.Cut(rest, " USING ")
		if !ok {
			l.err = fmt.Errorf("%s: a DELETE without USING", step)
			return
		}
		var any bool
		if err := l.tx.QueryRowContext(l.ctx, `SELECT EXISTS (SELECT 1 FROM `+table+`, `+using+`)`).Scan(&any); err != nil {
			l.err = fmt.Errorf("%s: %w", step, err)
			return
		}
		if any {
			l.exec(step, q)
		}
		return
	}
	l.exec(step, q, l.run)
}

// dropRepeatedItems keeps one sighting per item and column of the run.
func (l *loader) dropRepeatedItems() {
	if l.err != nil {
		return
	}
	var repeated bool
	if err := l.tx.QueryRowContext(l.ctx, repeatedItems, l.run).Scan(&repeated); err != nil {
		l.err = fmt.Errorf("find repeated items: %w", err)
		return
	}
	if repeated {
		l.exec("drop repeated items", dropRepeatedItems, l.run)
	}
}

// loadUnitSet fills the temporary table load_units with every unit whose
// current state this load can change: the units of the snapshot, the units
// with files, and the units an earlier load of the same run stored.
func (l *loader) loadUnitSet(units []landing.Unit, done []string) {
	l.exec("make load units", `CREATE OR REPLACE TEMP TABLE load_units (unit_id VARCHAR PRIMARY KEY)`)
	ids := map[string]bool{}
	for _, u := range units {
		ids[u.ID] = true
	}
	for _, u := range done {
		ids[u] = true
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	sort.Strings(list)
	l.exec("fill load units", `INSERT INTO load_units
		SELECT DISTINCT unit_id FROM (
			SELECT unnest($1::VARCHAR[]) AS unit_id
			UNION ALL SELECT unit_id FROM item_observations WHERE run_id = $2
			UNION ALL SELECT unit_id FROM letter_observations WHERE run_id = $2
			UNION ALL SELECT unit_id FROM column_runs WHERE run_id = $2
		)`, list, l.run)
}

// countSources counts the sources a run's units are configured with.
func countSources(units []landing.Unit) int {
	n := 0
	for _, u := range units {
		n += len(u.Columns) + len(u.Mailboxes)
		if u.Home != "" {
			n++
		}
	}
	return n
}

// runUnits returns the units of a run whose files are all in place, and
// the units the run names (manifest or snapshot) that are not.
func runUnits(run *landing.Run, m landing.Manifest, units []landing.Unit) (done, skipped []string, err error) {
	entries, err := os.ReadDir(filepath.Join(run.Dir, "units"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("list unit files: %w", err)
	}
	isDone := map[string]bool{}
	named := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if run.UnitDone(e.Name()) {
			isDone[e.Name()] = true
			done = append(done, e.Name())
		} else {
			named[e.Name()] = true
		}
	}
	for _, u := range m.Units {
		named[u.UnitID] = true
	}
	for _, u := range units {
		named[u.ID] = true
	}
	for id := range named {
		if !isDone[id] {
			skipped = append(skipped, id)
		}
	}
	sort.Strings(done)
	sort.Strings(skipped)
	return done, skipped, nil
}

func (l *loader) stats(st *LoadStats) error {
	counts := []struct {
		table string
		n     *int
	}{
		{"item_observations", &st.Items},
		{"letter_observations", &st.Letters},
		{"column_runs", &st.Columns},
		{"home_observations", &st.Homes},
		{"page_attempts", &st.Pages},
	}
	for _, c := range counts {
		// Table names are constants of this function, never input.
		q := `SELECT count(*) FROM ` + c.table + ` WHERE run_id = $1`
		if err := l.tx.QueryRowContext(l.ctx, q, l.run).Scan(c.n); err != nil {
			return fmt.Errorf("count %s: %w", c.table, err)
		}
	}
	rows, err := l.tx.QueryContext(l.ctx, `SELECT kind, count(*) FROM findings WHERE run_id = $1 GROUP BY kind`, l.run)
	if err != nil {
		return fmt.Errorf("count findings: %w", err)
	}
	defer rows.Close()
	st.Findings = map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return fmt.Errorf("count findings: %w", err)
		}
		st.Findings[k] = n
	}
	return rows.Err()
}

var shanghai = time.FixedZone("CST", 8*3600)

// localTime renders t as Asia/Shanghai wall time for a TIMESTAMP column.
func localTime(t time.Time) string {
	return t.In(shanghai).Format("2006-01-02 15:04:05.999999")
}

func localTimePtr(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return localTime(t)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}
