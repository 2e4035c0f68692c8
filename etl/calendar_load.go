package etl

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/gongkai/gongkai/config"
)

// LoadCalendar replaces the calendar table with CalendarFrom..CalendarTo
// built with the given local overrides, in one transaction.
func (s *Store) LoadCalendar(ctx context.Context, overrides []config.DayOverride) error {
	if err := CheckOverrides(overrides); err != nil {
		return fmt.Errorf("load calendar: %w", err)
	}
	days := BuildCalendar(CalendarFrom, CalendarTo, overrides)
	years := ScheduleYears(CalendarFrom.Year(), CalendarTo.Year(), overrides)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writeCalendar(ctx, days, years); err != nil {
		return fmt.Errorf("load calendar: %w", err)
	}
	return nil
}

// ensureCalendar fills an empty calendar with the built-in schedule, so a
// new database is usable before any config is applied.
func (s *Store) ensureCalendar(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM calendar`).Scan(&n); err != nil {
		return fmt.Errorf("count calendar: %w", err)
	}
	var years int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM calendar_years`).Scan(&years); err != nil {
		return fmt.Errorf("count calendar years: %w", err)
	}
	if n > 0 && years > 0 {
		return nil
	}
	return s.writeCalendar(ctx, BuildCalendar(CalendarFrom, CalendarTo, nil), ScheduleYears(CalendarFrom.Year(), CalendarTo.Year(), nil))
}

func (s *Store) writeCalendar(ctx context.Context, days []Day, years []Year) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		}
	}()
	if _, err := conn.ExecContext(ctx, `DELETE FROM calendar`); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM calendar_years`); err != nil {
		return err
	}
	for _, y := range years {
		if _, err := conn.ExecContext(ctx, `INSERT INTO calendar_years VALUES ($1, $2, $3)`, y.Year, y.Official, y.Source); err != nil {
			return fmt.Errorf("record calendar year %d: %w", y.Year, err)
		}
	}
	err = conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "calendar")
		if err != nil {
			return err
		}
		for _, d := range days {
			var holiday any
			if d.Holiday != "" {
				holiday = d.Holiday
			}
			if err := a.AppendRow(d.Date, d.IsWorkday, holiday, d.IsMakeup, d.Source, int32(d.WorkdayNo)); err != nil {
				a.Close()
				return err
			}
		}
		return a.Close()
	})
	if err != nil {
		return fmt.Errorf("append calendar: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		return err
	}
	committed = true
	return nil
}
