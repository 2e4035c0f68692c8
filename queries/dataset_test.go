package queries

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// Dataset is a store's content as plain Go values: what the reference
// implementation computes metrics from. Tests read it back from a loaded
// store; it can as well be built from a site farm's ground truth. A zero
// time.Time or "" stands for NULL.
type Dataset struct {
	Runs      []RunRec
	Units     []Unit
	Columns   []Column
	Mailboxes []Mailbox
	Items     []Item
	Sightings []Sighting
	Links     []Link
	Letters   []Letter
	LetterObs []LetterState
	Texts     []LetterText
	Crawls    []Crawl
	Homes     []Home
	Pages     []Page
}

type RunRec struct {
	ID            string
	Cutoff        time.Time
	Complete      bool
	DefaultCutoff bool
}

type Unit struct {
	ID, Name, Kind, KindGroup, HomeURL string
	MustHaveMailbox                    bool
}

type Column struct{ Unit, ID, Name, URL, Category string }

type Mailbox struct{ Unit, ID string }

type Item struct {
	Unit, CanonicalURL, URL, Column, Category, Title, DetailSHA, FirstSeenRun string
	Publish, Formed                                                           time.Time
	// Runs that read and failed the detail page first, and removed it.
	DetailFetchedRun, DetailFailedRun, RemovedRun string
}

// Sighting is an item listed by a column in a run.
type Sighting struct{ Run, Unit, CanonicalURL, Column string }

type Link struct{ Unit, From, To string }

type Letter struct {
	Unit, Mailbox, Key, No, URL, Title, Type, Status, Handler, DetailSHA, FirstSeenRun string
	Received, Replied                                                                  time.Time
	ShowsReplyTime, ShowsHandler, ShowsReplyContent                                    *bool
}

// LetterText is what a letter says (letter_texts); Reply is empty when
// none is shown.
type LetterText struct{ Unit, Mailbox, Key, Title, Content, Reply string }

// LetterState is a letter as one run saw it.
type LetterState struct {
	Run, Unit, Mailbox, Key, Status, Handler, DetailSHA string
	Replied                                             time.Time
}

// Crawl is one column's or mailbox's crawl in a run (Kind column or mailbox).
type Crawl struct {
	Run, Unit, Column, Kind, Outcome, Verdict string
	Found                                     *int
	Complete                                  *bool
}

type Home struct {
	Run, Unit, URL, Verdict string
	OK                      bool
	Newest                  time.Time
	NewestURL, NewestTitle  string
}

type Page struct {
	Run, Unit, Column, Kind, URL, Outcome string
	Attempt, Status                       int
	FetchedAt                             time.Time
}

// readDataset reads the store's tables into a Dataset.
func readDataset(tb testing.TB, db *sql.DB) *Dataset {
	tb.Helper()
	d := &Dataset{}
	q := func(query string, scan func(*sql.Rows) error) {
		rows, err := db.QueryContext(context.Background(), query)
		if err != nil {
			tb.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				tb.Fatalf("%s: %v", query, err)
			}
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	var ns [8]sql.NullString
	var nt [4]sql.NullTime
	str := func(i int) string { return ns[i].String }
	tm := func(i int) time.Time {
		if !nt[i].Valid {
			return time.Time{}
		}
		t := nt[i].Time
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	q(`SELECT run_id, cutoff, complete, coalesce(default_cutoff, false) FROM runs`, func(r *sql.Rows) error {
		var x RunRec
		err := r.Scan(&x.ID, &nt[0], &x.Complete, &x.DefaultCutoff)
		x.Cutoff = tm(0)
		d.Runs = append(d.Runs, x)
		return err
	})
	q(`SELECT unit_id, name, kind, kind_group, home_url, must_have_mailbox FROM units`, func(r *sql.Rows) error {
		var x Unit
		err := r.Scan(&x.ID, &x.Name, &x.Kind, &x.KindGroup, &ns[0], &x.MustHaveMailbox)
		x.HomeURL = str(0)
		d.Units = append(d.Units, x)
		return err
	})
	q(`SELECT unit_id, column_id, name, url, category FROM columns`, func(r *sql.Rows) error {
		var x Column
		err := r.Scan(&x.Unit, &x.ID, &x.Name, &x.URL, &x.Category)
		d.Columns = append(d.Columns, x)
		return err
	})
	q(`SELECT unit_id, mailbox_id FROM mailboxes`, func(r *sql.Rows) error {
		var x Mailbox
		err := r.Scan(&x.Unit, &x.ID)
		d.Mailboxes = append(d.Mailboxes, x)
		return err
	})
	q(`SELECT unit_id, canonical_url, url, column_id, category, title, detail_sha256, first_seen_run, publish_date, formed_date,
	          detail_fetched_run, detail_failed_run, removed_run FROM items`, func(r *sql.Rows) error {
		var x Item
		err := r.Scan(&x.Unit, &x.CanonicalURL, &x.URL, &x.Column, &x.Category, &ns[0], &ns[1], &x.FirstSeenRun, &nt[0], &nt[1],
			&ns[2], &ns[3], &ns[4])
		x.Title, x.DetailSHA, x.Publish, x.Formed = str(0), str(1), tm(0), tm(1)
		x.DetailFetchedRun, x.DetailFailedRun, x.RemovedRun = str(2), str(3), str(4)
		d.Items = append(d.Items, x)
		return err
	})
	q(`SELECT run_id, unit_id, canonical_url, column_id FROM item_observations`, func(r *sql.Rows) error {
		var x Sighting
		err := r.Scan(&x.Run, &x.Unit, &x.CanonicalURL, &x.Column)
		d.Sightings = append(d.Sightings, x)
		return err
	})
	q(`SELECT unit_id, from_url, to_url FROM item_links`, func(r *sql.Rows) error {
		var x Link
		err := r.Scan(&x.Unit, &x.From, &x.To)
		d.Links = append(d.Links, x)
		return err
	})
	q(`SELECT unit_id, mailbox_id, letter_key, letter_no, url, title, type, status, handler, detail_sha256, first_seen_run,
	          received_date, replied_date, shows_reply_time, shows_handler, shows_reply_content FROM letters`, func(r *sql.Rows) error {
		var x Letter
		var b [3]sql.NullBool
		err := r.Scan(&x.Unit, &x.Mailbox, &x.Key, &ns[0], &ns[1], &ns[2], &x.Type, &x.Status, &ns[3], &ns[4], &x.FirstSeenRun,
			&nt[0], &nt[1], &b[0], &b[1], &b[2])
		x.No, x.URL, x.Title, x.Handler, x.DetailSHA = str(0), str(1), str(2), str(3), str(4)
		x.Received, x.Replied = tm(0), tm(1)
		ptr := func(v sql.NullBool) *bool {
			if !v.Valid {
				return nil
			}
			return &v.Bool
		}
		x.ShowsReplyTime, x.ShowsHandler, x.ShowsReplyContent = ptr(b[0]), ptr(b[1]), ptr(b[2])
		d.Letters = append(d.Letters, x)
		return err
	})
	q(`SELECT run_id, unit_id, mailbox_id, letter_key, status, handler, detail_sha256, replied_date FROM letter_observations`, func(r *sql.Rows) error {
		var x LetterState
		err := r.Scan(&x.Run, &x.Unit, &x.Mailbox, &x.Key, &x.Status, &ns[0], &ns[1], &nt[0])
		x.Handler, x.DetailSHA, x.Replied = str(0), str(1), tm(0)
		d.LetterObs = append(d.LetterObs, x)
		return err
	})
	q(`SELECT unit_id, mailbox_id, letter_key, coalesce(title, ''), coalesce(content, ''), coalesce(reply, '') FROM letter_texts`, func(r *sql.Rows) error {
		var x LetterText
		err := r.Scan(&x.Unit, &x.Mailbox, &x.Key, &x.Title, &x.Content, &x.Reply)
		d.Texts = append(d.Texts, x)
		return err
	})
	q(`SELECT run_id, unit_id, column_id, kind, outcome, found, complete, coalesce(verdict, '') FROM column_runs`, func(r *sql.Rows) error {
		var x Crawl
		var f sql.NullInt64
		var c sql.NullBool
		err := r.Scan(&x.Run, &x.Unit, &x.Column, &x.Kind, &x.Outcome, &f, &c, &x.Verdict)
		if f.Valid {
			n := int(f.Int64)
			x.Found = &n
		}
		if c.Valid {
			x.Complete = &c.Bool
		}
		d.Crawls = append(d.Crawls, x)
		return err
	})
	q(`SELECT run_id, unit_id, url, ok, newest_date, newest_url, newest_title, coalesce(verdict, 'failed') FROM home_observations`, func(r *sql.Rows) error {
		var x Home
		err := r.Scan(&x.Run, &x.Unit, &x.URL, &x.OK, &nt[0], &ns[0], &ns[1], &x.Verdict)
		x.Newest, x.NewestURL, x.NewestTitle = tm(0), str(0), str(1)
		d.Homes = append(d.Homes, x)
		return err
	})
	q(`SELECT run_id, unit_id, coalesce(column_id, ''), kind, url, outcome, attempt, coalesce(status, 0), fetched_at FROM page_attempts`, func(r *sql.Rows) error {
		var x Page
		err := r.Scan(&x.Run, &x.Unit, &x.Column, &x.Kind, &x.URL, &x.Outcome, &x.Attempt, &x.Status, &x.FetchedAt)
		d.Pages = append(d.Pages, x)
		return err
	})
	return d
}
