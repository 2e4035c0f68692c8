package rules

import (
	_ "embed"
	"fmt"
	"os"
	"strings"

	"github.com/gongkai/gongkai/internal/yamlfile"
)

//go:embed 2026.yaml
var builtin2026 []byte

// Error is one problem in a rules file, with the line it is on.
type Error = yamlfile.Error

// Default returns the built-in rules for year. Only 2026 is built in; any
// other year gets the 2026 rules with Note saying so, so the scorecard still
// records which rule set it used.
func Default(year int) (*Rules, error) {
	r, err := Parse("builtin:2026.yaml", builtin2026)
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	if year != r.Year {
		r.Note = fmt.Sprintf("no built-in rules for %d; using version %s", year, r.Version)
	}
	return r, nil
}

// Load reads and validates the rules file at path.
func Load(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a rules file; name is used in messages. The
// returned error joins one *Error per problem.
func Parse(name string, data []byte) (*Rules, error) {
	var r Rules
	v, err := yamlfile.Decode(name, data, &r)
	if err != nil {
		return nil, err
	}
	r.Source = name
	r.validate(v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return &r, nil
}

// Categories are the standard 政府信息公开 categories.
var Categories = []string{
	"机构领导", "机构设置", "部门动态", "通知公告", "人事信息", "政策文件", "政策解读",
	"规划计划", "依法行政", "财政预决算", "招标采购", "重点领域", "民生公益",
	"政务公开工作专题", "依申请公开", "其他",
}

// LetterTypes are the normalised letter types.
var LetterTypes = []string{"咨询", "投诉", "建议", "求助", "其他"}

// Kinds of unit.
var Kinds = []string{"部门", "乡镇", "街道"}

func (r *Rules) validate(v *yamlfile.Validator) {
	if strings.TrimSpace(r.Version) == "" {
		v.Fail("version", "missing")
	}
	if r.Year < 2000 || r.Year > 2100 {
		v.Fail("year", "not a year: %d", r.Year)
	}
	positive(v, "timeliness.working_days", r.Timeliness.WorkingDays)
	for t, d := range r.Letters.Deadlines {
		if !contains(LetterTypes, t) {
			v.Fail("letters.deadlines."+t, "unknown letter type %q (%s)", t, strings.Join(LetterTypes, " "))
		}
		positive(v, "letters.deadlines."+t, d)
	}
	positive(v, "letters.default_deadline", r.Letters.DefaultDeadline)
	positive(v, "letters.long_unanswered_months", r.Letters.LongUnansweredMonths)
	positive(v, "letters.warning_months", r.Letters.WarningMonths)
	for name, c := range r.Classes {
		f := "classes." + name
		switch name {
		case Dynamic, Periodic, Annual:
			if (c.Days > 0) == (c.Months > 0) {
				v.Fail(f, "give either days or months")
			}
		case Static:
			if c.Days != 0 || c.Months != 0 {
				v.Fail(f, "the static class has no limit")
			}
		default:
			v.Fail(f, "unknown class %q (dynamic, periodic, annual, static)", name)
		}
		if c.Days < 0 || c.Months < 0 {
			v.Fail(f, "must not be negative")
		}
	}
	for _, name := range []string{Dynamic, Periodic, Annual} {
		if _, ok := r.Classes[name]; !ok {
			v.Fail("classes", "class %s is missing", name)
		}
	}
	for cat, class := range r.Categories {
		if !contains(Categories, cat) {
			v.Fail("categories."+cat, "%q is not a standard category", cat)
		}
		if _, ok := r.Classes[class]; !ok && class != Static {
			v.Fail("categories."+cat, "unknown class %q", class)
		}
	}
	positive(v, "home.veto_days", r.Home.VetoDays)
	positive(v, "home.warning_days", r.Home.WarningDays)
	for _, c := range append(r.Vetoes.StaleKeyColumns.Categories, r.Scorecard.Maintenance.KeyCategories...) {
		if !contains(Categories, c) {
			v.Fail("vetoes", "%q is not a standard category", c)
		}
	}
	for f, s := range map[string]Switch{
		"vetoes.stale_key_columns": r.Vetoes.StaleKeyColumns, "vetoes.stale_columns": r.Vetoes.StaleColumns,
		"vetoes.blank_columns": r.Vetoes.BlankColumns, "vetoes.unanswered_consultation": r.Vetoes.UnansweredConsultation,
		"vetoes.back_dated": r.Vetoes.BackDated,
	} {
		if s.Enabled && s.Min < 1 {
			v.Fail(f+".min", "must be at least 1")
		}
	}
	if r.Warnings.FailRate < 0 || r.Warnings.FailRate > 1 {
		v.Fail("warnings.fail_rate", "a fraction between 0 and 1, e.g. 0.03")
	}
	w := r.Scorecard.Weights
	for f, x := range map[string]float64{"publish": w.Publish, "timeliness": w.Timeliness, "maintenance": w.Maintenance, "interpretation": w.Interpretation, "interaction": w.Interaction} {
		if x < 0 {
			v.Fail("scorecard.weights."+f, "must not be negative")
		}
	}
	if w.Publish+w.Timeliness+w.Maintenance+w.Interpretation+w.Interaction <= 0 {
		v.Fail("scorecard.weights", "no points to score")
	}
	in := r.Scorecard.Interaction
	if in.ReplyRate+in.OnTimeRate+in.Speed != w.Interaction {
		v.Fail("scorecard.interaction", "reply_rate + on_time_rate + speed = %g, want weights.interaction %g", in.ReplyRate+in.OnTimeRate+in.Speed, w.Interaction)
	}
	if in.SlowDays <= in.FastDays {
		v.Fail("scorecard.interaction.slow_days", "must be greater than fast_days")
	}
	for i := 1; i < len(r.Scorecard.Grades); i++ {
		if r.Scorecard.Grades[i].Min >= r.Scorecard.Grades[i-1].Min {
			v.Fail(fmt.Sprintf("scorecard.grades[%d].min", i), "grades go from the highest band down")
		}
	}
	if r.Scorecard.FailGrade == "" {
		v.Fail("scorecard.fail_grade", "missing")
	}
	for k, t := range r.Targets.ByKind {
		if !contains(Kinds, k) {
			v.Fail("targets.by_kind."+k, "unknown kind %q (%s)", k, strings.Join(Kinds, " "))
		}
		checkTarget(v, "targets.by_kind."+k, t)
	}
	for u, t := range r.Targets.ByUnit {
		checkTarget(v, "targets.by_unit."+u, t)
	}
	r.validateAnnual(v)
	r.Opinion.validate(v)
}

func checkTarget(v *yamlfile.Validator, f string, t Target) {
	if t.Yearly < 0 {
		v.Fail(f+".yearly", "must not be negative")
	}
	if t.MonthlyMinimum < 0 {
		v.Fail(f+".monthly_minimum", "must not be negative")
	}
}

func positive(v *yamlfile.Validator, field string, n int) {
	if n <= 0 {
		v.Fail(field, "must be at least 1")
	}
}
