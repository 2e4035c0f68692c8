package reports

import (
	"database/sql"
	"errors"
	"time"
)

// Options say which period a workbook is for and where its data is.
type Options struct {
	DB          *sql.DB   // the published database (read-only)
	From, To    time.Time // the period, a closed range of dates
	Cutoff      *time.Time
	GeneratedAt time.Time
	Units       []string // per-unit: only these (unit_id or name); empty or "": all
	// Snapshots is the page snapshot store; when set, each workbook's 证据
	// cells link to evidence pages written into a 证据 folder beside it.
	Snapshots SnapshotReader
	// Progress, when set, is called after each unit's 问题清单 workbook,
	// written or not.
	Progress func()
	// VetoedInPlace ranks vetoed units by their total among the others;
	// by default (false) they rank after every unit not vetoed, as a 通报
	// lists them.
	VetoedInPlace bool
	// Issuer is the issuing office printed in the 落款 of the scorecard
	// and of each 问题清单; empty leaves a line to sign by hand.
	Issuer string
}

func (o Options) check() error {
	if o.DB == nil {
		return errors.New("no database")
	}
	if o.From.IsZero() || o.To.IsZero() || o.To.Before(o.From) {
		return errors.New("invalid period")
	}
	return nil
}

func (o Options) period() string {
	return o.From.Format(time.DateOnly) + " 至 " + o.To.Format(time.DateOnly)
}

// wants reports whether the per-unit workbooks include this unit.
func (o Options) wants(id, name string) bool {
	all := true
	for _, u := range o.Units {
		if u == "" {
			continue
		}
		all = false
		if u == id || u == name {
			return true
		}
	}
	return all
}
