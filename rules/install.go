package rules

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// Values flattens the scalar rules into the dotted keys of rule_values.
// Switches are 1 (on) or 0 (off).
func (r *Rules) Values() map[string]float64 {
	b := func(on bool) float64 {
		if on {
			return 1
		}
		return 0
	}
	v := r.Vetoes
	w := r.Scorecard.Weights
	m := r.Scorecard.Maintenance
	in := r.Scorecard.Interaction
	return map[string]float64{
		"timeliness.working_days":         float64(r.Timeliness.WorkingDays),
		"letters.default_deadline":        float64(r.Letters.DefaultDeadline),
		"letters.long_unanswered_months":  float64(r.Letters.LongUnansweredMonths),
		"letters.warning_months":          float64(r.Letters.WarningMonths),
		"home.veto_days":                  float64(r.Home.VetoDays),
		"home.warning_days":               float64(r.Home.WarningDays),
		"veto.1.enabled":                  b(v.HomeStale.Enabled),
		"veto.2.enabled":                  b(v.StaleKeyColumns.Enabled),
		"veto.2.min":                      float64(v.StaleKeyColumns.Min),
		"veto.3.enabled":                  b(v.StaleColumns.Enabled),
		"veto.3.min":                      float64(v.StaleColumns.Min),
		"veto.4.enabled":                  b(v.BlankColumns.Enabled),
		"veto.4.min":                      float64(v.BlankColumns.Min),
		"veto.5.enabled":                  b(v.UnansweredConsultation.Enabled),
		"veto.5.min":                      float64(v.UnansweredConsultation.Min),
		"veto.6.enabled":                  b(v.NoMailbox.Enabled),
		"veto.7.enabled":                  b(v.BackDated.Enabled),
		"veto.7.min":                      float64(v.BackDated.Min),
		"warning.blank_columns":           float64(r.Warnings.BlankColumns),
		"warning.stale_columns":           float64(r.Warnings.StaleColumns),
		"warning.letter_months":           float64(r.Warnings.LetterMonths),
		"warning.fail_rate":               r.Warnings.FailRate,
		"score.weight.publish":            w.Publish,
		"score.weight.timeliness":         w.Timeliness,
		"score.weight.maintenance":        w.Maintenance,
		"score.weight.interpretation":     w.Interpretation,
		"score.weight.interaction":        w.Interaction,
		"score.maintenance.dynamic_stale": m.DynamicStale,
		"score.maintenance.key_stale":     m.KeyStale,
		"score.maintenance.other_stale":   m.OtherStale,
		"score.maintenance.blank":         m.Blank,
		"score.interaction.reply_rate":    in.ReplyRate,
		"score.interaction.on_time_rate":  in.OnTimeRate,
		"score.interaction.speed":         in.Speed,
		"score.interaction.fast_days":     in.FastDays,
		"score.interaction.slow_days":     in.SlowDays,
	}
}

// Install writes r into the rule_* tables (etl/schema/002_rules.sql),
// replacing any rule set of the same version, in one transaction.
func Install(ctx context.Context, db *sql.DB, r *Rules) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("install rules: %w", err)
	}
	defer tx.Rollback()
	if err := install(ctx, tx, r); err != nil {
		return fmt.Errorf("install rules %s: %w", r.Version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("install rules %s: %w", r.Version, err)
	}
	return nil
}

func install(ctx context.Context, tx *sql.Tx, r *Rules) error {
	for _, t := range []string{"rule_values", "rule_classes", "rule_deadlines", "rule_targets", "rule_grades", "rule_sets"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE version = ?", r.Version); err != nil {
			return fmt.Errorf("clear %s: %w", t, err)
		}
	}
	exec := func(what, q string, args ...any) error {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	if err := exec("rule_sets", `INSERT INTO rule_sets VALUES (?, ?, ?, ?, ?)`,
		r.Version, r.Year, r.Source, r.Note, shanghaiNow()); err != nil {
		return err
	}
	vals := r.Values()
	for _, k := range sortedKeys(vals) {
		if err := exec("rule_values", `INSERT INTO rule_values VALUES (?, ?, ?, NULL)`, r.Version, k, vals[k]); err != nil {
			return err
		}
	}
	if err := exec("rule_values", `INSERT INTO rule_values VALUES (?, 'score.fail_grade', NULL, ?)`, r.Version, r.Scorecard.FailGrade); err != nil {
		return err
	}
	for _, cat := range Categories {
		class := r.ClassOf(cat)
		c := r.Classes[class]
		if err := exec("rule_classes", `INSERT INTO rule_classes VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.Version, cat, class, nullInt(c.Days), nullInt(c.Months), r.VetoKey(cat), r.DeductGroup(cat)); err != nil {
			return err
		}
	}
	for _, t := range sortedKeys(r.Letters.Deadlines) {
		if err := exec("rule_deadlines", `INSERT INTO rule_deadlines VALUES (?, ?, ?)`, r.Version, t, r.Letters.Deadlines[t]); err != nil {
			return err
		}
	}
	for scope, m := range map[string]map[string]Target{"kind": r.Targets.ByKind, "unit": r.Targets.ByUnit} {
		for _, s := range sortedKeys(m) {
			if err := exec("rule_targets", `INSERT INTO rule_targets VALUES (?, ?, ?, ?, ?)`,
				r.Version, scope, s, m[s].Yearly, m[s].MonthlyMinimum); err != nil {
				return err
			}
		}
	}
	if err := installOpinion(ctx, tx, r); err != nil {
		return err
	}
	for _, g := range r.Scorecard.Grades {
		if err := exec("rule_grades", `INSERT INTO rule_grades VALUES (?, ?, ?)`, r.Version, g.Min, g.Grade); err != nil {
			return err
		}
	}
	return installAnnual(ctx, tx, r)
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// shanghaiNow is the time now as Asia/Shanghai wall time, the one zone of
// every timestamp in the store (a TIMESTAMP column keeps the wall clock of
// the time it is given, read as UTC).
func shanghaiNow() time.Time {
	w := time.Now().In(time.FixedZone("CST", 8*3600))
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
}
