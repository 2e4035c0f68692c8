package etl

import (
	"github.com/gongkai/gongkai/landing"
)

// unmappedColumn is a configured column no name rule maps.
type unmappedColumn struct {
	unit, column, name string
}

// applySnapshot stores the units, columns and mailboxes of the run's
// units.json for every unit this run is the newest to describe; a unit an
// already loaded newer run describes keeps that run's configuration. It
// returns the run's unmapped columns, whichever run's configuration wins.
// The snapshot goes in as list parameters, a few statements per load
// rather than a few per unit.
func (l *loader) applySnapshot(units []landing.Unit) []unmappedColumn {
	var unmapped []unmappedColumn
	var u struct {
		id, name, kind, group, home []string
		must                        []bool
	}
	var c struct {
		unit, id, name, url, category, source, profile []string
		pos                                            []int32
	}
	var m struct {
		unit, id, name, url, format []string
		pos                         []int32
	}
	for _, unit := range units {
		u.id = append(u.id, unit.ID)
		u.name = append(u.name, unit.Name)
		u.kind = append(u.kind, unit.Kind)
		u.group = append(u.group, kindGroup(unit.Kind))
		u.home = append(u.home, unit.Home)
		u.must = append(u.must, unit.MustHaveMailbox)
		for i, col := range unit.Columns {
			cat, src := Categorize(col.Name, col.Category)
			if src == SourceUnmapped {
				unmapped = append(unmapped, unmappedColumn{unit.ID, col.ID, col.Name})
			}
			c.unit = append(c.unit, unit.ID)
			c.id = append(c.id, col.ID)
			c.name = append(c.name, col.Name)
			c.url = append(c.url, col.URL)
			c.category = append(c.category, cat)
			c.source = append(c.source, src)
			c.profile = append(c.profile, col.Profile)
			c.pos = append(c.pos, int32(i))
		}
		for i, mb := range unit.Mailboxes {
			m.unit = append(m.unit, unit.ID)
			m.id = append(m.id, mb.ID)
			m.name = append(m.name, mb.Name)
			m.url = append(m.url, mb.URL)
			m.format = append(m.format, mb.Profile)
			m.pos = append(m.pos, int32(i))
		}
	}
	l.exec("read unit snapshot", `CREATE OR REPLACE TEMP TABLE snap_units AS
		SELECT unnest($1::VARCHAR[]) AS unit_id, unnest($2::VARCHAR[]) AS name, unnest($3::VARCHAR[]) AS kind,
			unnest($4::VARCHAR[]) AS kind_group, unnest($5::VARCHAR[]) AS home_url,
			unnest($6::BOOLEAN[]) AS must_have_mailbox`,
		u.id, u.name, u.kind, u.group, u.home, u.must)
	l.exec("keep newer unit snapshots", `DELETE FROM snap_units
		WHERE unit_id IN (SELECT unit_id FROM units WHERE last_run > $1)`, l.run)
	l.exec("store units", `INSERT OR REPLACE INTO units
		(unit_id, name, kind, kind_group, home_url, must_have_mailbox, last_run)
		SELECT unit_id, name, kind, kind_group, NULLIF(home_url, ''), must_have_mailbox, $1 FROM snap_units`, l.run)
	l.exec("clear columns", `DELETE FROM columns WHERE unit_id IN (SELECT unit_id FROM snap_units)`)
	l.exec("store columns", `INSERT INTO columns
		(unit_id, column_id, name, url, category, category_source, profile, last_run, position)
		SELECT * FROM (
			SELECT unnest($2::VARCHAR[]) AS unit_id, unnest($3::VARCHAR[]) AS column_id,
				unnest($4::VARCHAR[]) AS name, unnest($5::VARCHAR[]) AS url,
				unnest($6::VARCHAR[]) AS category, unnest($7::VARCHAR[]) AS category_source,
				NULLIF(unnest($8::VARCHAR[]), '') AS profile, $1 AS last_run, unnest($9::INTEGER[]) AS position
		)
		WHERE unit_id IN (SELECT unit_id FROM snap_units)
		QUALIFY row_number() OVER (PARTITION BY unit_id, column_id ORDER BY position) = 1`,
		l.run, c.unit, c.id, c.name, c.url, c.category, c.source, c.profile, c.pos)
	l.exec("clear mailboxes", `DELETE FROM mailboxes WHERE unit_id IN (SELECT unit_id FROM snap_units)`)
	l.exec("store mailboxes", `INSERT INTO mailboxes
		(unit_id, mailbox_id, name, url, format, last_run, position)
		SELECT * FROM (
			SELECT unnest($2::VARCHAR[]) AS unit_id, unnest($3::VARCHAR[]) AS mailbox_id,
				unnest($4::VARCHAR[]) AS name, unnest($5::VARCHAR[]) AS url,
				NULLIF(unnest($6::VARCHAR[]), '') AS format, $1 AS last_run, unnest($7::INTEGER[]) AS position
		)
		WHERE unit_id IN (SELECT unit_id FROM snap_units)
		QUALIFY row_number() OVER (PARTITION BY unit_id, mailbox_id ORDER BY position) = 1`,
		l.run, m.unit, m.id, m.name, m.url, m.format, m.pos)
	l.exec("drop unit snapshot", `DROP TABLE snap_units`)
	return unmapped
}

// kindGroup is the ranking group of a kind of unit.
func kindGroup(kind string) string {
	if kind == "乡镇" || kind == "街道" {
		return "乡镇街道"
	}
	return kind
}
