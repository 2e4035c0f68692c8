package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/landing"
	"github.com/gongkai/gongkai/queries"
)

// loadJob is gongkai's load stage: one landing run loaded into a fresh
// database and published, as `gongkai load` does (calendar, rules, the
// run, the metric macros).
type loadJob struct {
	jobCommon
	Landing string `json:"landing"`
	RunID   string `json:"run_id"`
	DB      string `json:"db"`
}

func stageLoad(ctx context.Context, data []byte) (childResult, error) {
	var job loadJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	st, secs, err := publishRun(ctx, job)
	if err != nil {
		return childResult{}, fmt.Errorf("load: %w", err)
	}
	return childResult{Seconds: secs, Info: map[string]any{
		"items": st.Items, "letters": st.Letters, "columns": st.Columns, "homes": st.Homes, "pages": st.Pages,
		"segmented": st.Segmented, "terms_seconds": st.Terms.Seconds(),
	}}, nil
}

// readJob is the load's floor: DuckDB merely reading the same landing
// files (count(*)), or, with Create set, storing them as they are, one
// table per landing file, in a new database file at Create: what any load
// of those files into DuckDB costs at the least.
type readJob struct {
	jobCommon
	RunDir string `json:"run_dir"`
	Create string `json:"create,omitempty"`
}

// landingColumns are the column specs of each landing file, every field
// typed as in the landing structs, so DuckDB parses each record whole and
// neither samples nor guesses.
var landingColumns = map[string]string{
	landing.FileItems: `{'run_id': 'VARCHAR', 'unit_id': 'VARCHAR', 'column_id': 'VARCHAR', 'url': 'VARCHAR',
		'canonical_url': 'VARCHAR', 'title': 'VARCHAR', 'list_title': 'VARCHAR', 'list_date': ` + dateStruct + `,
		'published': ` + dateStruct + `, 'formed': ` + dateStruct + `, 'index_no': 'VARCHAR', 'publisher': 'VARCHAR',
		'doc_no': 'VARCHAR', 'topic': 'VARCHAR', 'validity': 'VARCHAR', 'links': 'VARCHAR[]',
		'detail_fetched': 'BOOLEAN', 'detail_error': 'VARCHAR', 'list_page': 'INTEGER', 'position': 'INTEGER',
		'list_sha256': 'VARCHAR', 'detail_sha256': 'VARCHAR', 'seen_at': 'VARCHAR'}`,
	landing.FileLetters: `{'run_id': 'VARCHAR', 'unit_id': 'VARCHAR', 'mailbox_id': 'VARCHAR', 'key': 'VARCHAR',
		'letter_no': 'VARCHAR', 'url': 'VARCHAR', 'canonical_url': 'VARCHAR', 'title': 'VARCHAR',
		'type_raw': 'VARCHAR', 'type': 'VARCHAR', 'received': ` + dateStruct + `, 'status_raw': 'VARCHAR',
		'status': 'VARCHAR', 'handler': 'VARCHAR', 'replied': ` + dateStruct + `, 'shows_reply_time': 'BOOLEAN',
		'shows_handler': 'BOOLEAN', 'shows_reply_content': 'BOOLEAN', 'detail_fetched': 'BOOLEAN',
		'detail_error': 'VARCHAR', 'list_sha256': 'VARCHAR', 'detail_sha256': 'VARCHAR', 'seen_at': 'VARCHAR'}`,
	landing.FileColumns: `{'run_id': 'VARCHAR', 'unit_id': 'VARCHAR', 'column_id': 'VARCHAR', 'kind': 'VARCHAR',
		'url': 'VARCHAR', 'profile': 'VARCHAR', 'encoding': 'VARCHAR', 'pages': 'INTEGER', 'found': 'INTEGER',
		'total_pages': 'INTEGER', 'complete': 'BOOLEAN', 'incremental': 'BOOLEAN', 'outcome': 'VARCHAR',
		'error': 'VARCHAR', 'newest': 'VARCHAR', 'finished_at': 'VARCHAR'}`,
	landing.FileHomes: `{'run_id': 'VARCHAR', 'unit_id': 'VARCHAR', 'url': 'VARCHAR', 'ok': 'BOOLEAN',
		'status': 'INTEGER', 'error': 'VARCHAR', 'newest': ` + dateStruct + `, 'newest_url': 'VARCHAR',
		'newest_title': 'VARCHAR', 'sha256': 'VARCHAR', 'fetched_at': 'VARCHAR'}`,
	landing.FilePages: `{'run_id': 'VARCHAR', 'unit_id': 'VARCHAR', 'column_id': 'VARCHAR', 'kind': 'VARCHAR',
		'method': 'VARCHAR', 'url': 'VARCHAR', 'attempt': 'INTEGER', 'status': 'INTEGER', 'bytes': 'BIGINT',
		'duration_ms': 'BIGINT', 'outcome': 'VARCHAR', 'error': 'VARCHAR', 'sha256': 'VARCHAR',
		'fetched_at': 'VARCHAR'}`,
}

const dateStruct = `'STRUCT(raw VARCHAR, value VARCHAR, "time" VARCHAR)'`

func stageRead(ctx context.Context, data []byte) (childResult, error) {
	var job readJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	db, err := sql.Open("duckdb", job.Create)
	if err != nil {
		return childResult{}, err
	}
	defer db.Close()
	// One connection: the checkpoint below must see the tables.
	db.SetMaxOpenConns(1)
	start := time.Now()
	var total int64
	counts := map[string]any{}
	for _, name := range landing.UnitFiles {
		files, err := filepath.Glob(filepath.Join(job.RunDir, "units", "*", name))
		if err != nil {
			return childResult{}, err
		}
		if len(files) == 0 {
			continue
		}
		table := strings.TrimSuffix(name, ".ndjson.gz")
		// The file list is bound as a parameter; only fixed text is SQL.
		src := `read_json($1::VARCHAR[], format = 'newline_delimited', compression = 'gzip', columns = ` +
			landingColumns[name] + `)`
		var n int64
		if job.Create == "" {
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+src, files).Scan(&n); err != nil {
				return childResult{}, fmt.Errorf("read %s: %w", name, err)
			}
		} else {
			if _, err := db.ExecContext(ctx, `CREATE TABLE `+table+` AS SELECT * FROM `+src, files); err != nil {
				return childResult{}, fmt.Errorf("store %s: %w", name, err)
			}
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
				return childResult{}, fmt.Errorf("count %s: %w", name, err)
			}
		}
		counts[table] = n
		total += n
	}
	if job.Create != "" {
		// gongkai's load ends with its data on disk; so does the floor.
		if _, err := db.ExecContext(ctx, `CHECKPOINT`); err != nil {
			return childResult{}, fmt.Errorf("checkpoint: %w", err)
		}
	}
	return childResult{Seconds: time.Since(start).Seconds(), Count: total, Info: counts}, nil
}

// publishRun publishes one landing run into job.DB as `gongkai load` does
// (calendar, rules, the run, the metric macros), and times the publish.
func publishRun(ctx context.Context, job loadJob) (etl.LoadStats, float64, error) {
	var st etl.LoadStats
	run, err := landing.OpenRun(job.Landing, job.RunID)
	if err != nil {
		return st, 0, err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	start := time.Now()
	err = etl.Publish(ctx, job.DB, func(s *etl.Store) error {
		if err := s.LoadCalendar(ctx, nil); err != nil {
			return err
		}
		if err := installRules(ctx, s.DB()); err != nil {
			return err
		}
		var err error
		if st, err = s.LoadRun(ctx, run, etl.LoadOptions{Logger: log}); err != nil {
			return err
		}
		return queries.Install(ctx, s.DB())
	})
	return st, time.Since(start).Seconds(), err
}
