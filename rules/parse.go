package rules

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

//go:embed 2026.yaml
var builtin2026 []byte

// Error is one problem in a rules file, with the line it is on.
type Error struct {
	File  string
	Line  int // 0 when unknown
	Field string
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

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
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	var r Rules
	if err := yaml.UnmarshalWithOptions(data, &r, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(name, err)
	}
	r.Source = name
	v := &validator{file: name, ast: file}
	r.validate(v)
	if len(v.errs) > 0 {
		// Map iteration order is random; report problems in file order.
		sort.SliceStable(v.errs, func(i, j int) bool {
			a, b := v.errs[i].(*Error), v.errs[j].(*Error)
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Error() < b.Error()
		})
		return nil, errors.Join(v.errs...)
	}
	return &r, nil
}

func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		line := 0
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line = tk.Position.Line
		}
		return &Error{File: name, Line: line, Msg: ye.GetMessage()}
	}
	return &Error{File: name, Msg: err.Error()}
}

type validator struct {
	file string
	ast  *ast.File
	errs []error
}

func (v *validator) fail(field, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.file, Line: v.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

// line finds field in the document, or its closest parent that is present.
func (v *validator) line(field string) int {
	for f := field; f != ""; f = parentField(f) {
		p, err := yaml.PathString("$." + f)
		if err != nil {
			continue
		}
		n, err := p.FilterFile(v.ast)
		if err != nil || n == nil {
			continue
		}
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			return tk.Position.Line
		}
	}
	return 0
}

func parentField(f string) string {
	i := strings.LastIndexAny(f, ".[")
	if i <= 0 {
		return ""
	}
	return f[:i]
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

func (r *Rules) validate(v *validator) {
	if strings.TrimSpace(r.Version) == "" {
		v.fail("version", "missing")
	}
	if r.Year < 2000 || r.Year > 2100 {
		v.fail("year", "not a year: %d", r.Year)
	}
	positive(v, "timeliness.working_days", r.Timeliness.WorkingDays)
	for t, d := range r.Letters.Deadlines {
		if !contains(LetterTypes, t) {
			v.fail("letters.deadlines."+t, "unknown letter type %q (%s)", t, strings.Join(LetterTypes, " "))
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
				v.fail(f, "give either days or months")
			}
		case Static:
			if c.Days != 0 || c.Months != 0 {
				v.fail(f, "the static class has no limit")
			}
		default:
			v.fail(f, "unknown class %q (dynamic, periodic, annual, static)", name)
		}
		if c.Days < 0 || c.Months < 0 {
			v.fail(f, "must not be negative")
		}
	}
	for _, name := range []string{Dynamic, Periodic, Annual} {
		if _, ok := r.Classes[name]; !ok {
			v.fail("classes", "class %s is missing", name)
		}
	}
	for cat, class := range r.Categories {
		if !contains(Categories, cat) {
			v.fail("categories."+cat, "%q is not a standard category", cat)
		}
		if _, ok := r.Classes[class]; !ok && class != Static {
			v.fail("categories."+cat, "unknown class %q", class)
		}
	}
	positive(v, "home.veto_days", r.Home.VetoDays)
	positive(v, "home.warning_days", r.Home.WarningDays)
	for _, c := range append(r.Vetoes.StaleKeyColumns.Categories, r.Scorecard.Maintenance.KeyCategories...) {
		if !contains(Categories, c) {
			v.fail("vetoes", "%q is not a standard category", c)
		}
	}
	for f, s := range map[string]Switch{
		"vetoes.stale_key_columns": r.Vetoes.StaleKeyColumns, "vetoes.stale_columns": r.Vetoes.StaleColumns,
		"vetoes.blank_columns": r.Vetoes.BlankColumns, "vetoes.unanswered_consultation": r.Vetoes.UnansweredConsultation,
		"vetoes.back_dated": r.Vetoes.BackDated,
	} {
		if s.Enabled && s.Min < 1 {
			v.fail(f+".min", "must be at least 1")
		}
	}
	if r.Warnings.FailRate < 0 || r.Warnings.FailRate > 1 {
		v.fail("warnings.fail_rate", "a fraction between 0 and 1, e.g. 0.03")
	}
	w := r.Scorecard.Weights
	for f, x := range map[string]float64{"publish": w.Publish, "timeliness": w.Timeliness, "maintenance": w.Maintenance, "interpretation": w.Interpretation, "interaction": w.Interaction} {
		if x < 0 {
			v.fail("scorecard.weights."+f, "must not be negative")
		}
	}
	if w.Publish+w.Timeliness+w.Maintenance+w.Interpretation+w.Interaction <= 0 {
		v.fail("scorecard.weights", "no points to score")
	}
	in := r.Scorecard.Interaction
	if in.ReplyRate+in.OnTimeRate+in.Speed != w.Interaction {
		v.fail("scorecard.interaction", "reply_rate + on_time_rate + speed = %g, want weights.interaction %g", in.ReplyRate+in.OnTimeRate+in.Speed, w.Interaction)
	}
	if in.SlowDays <= in.FastDays {
		v.fail("scorecard.interaction.slow_days", "must be greater than fast_days")
	}
	for i := 1; i < len(r.Scorecard.Grades); i++ {
		if r.Scorecard.Grades[i].Min >= r.Scorecard.Grades[i-1].Min {
			v.fail(fmt.Sprintf("scorecard.grades[%d].min", i), "grades go from the highest band down")
		}
	}
	if r.Scorecard.FailGrade == "" {
		v.fail("scorecard.fail_grade", "missing")
	}
	for k, t := range r.Targets.ByKind {
		if !contains(Kinds, k) {
			v.fail("targets.by_kind."+k, "unknown kind %q (%s)", k, strings.Join(Kinds, " "))
		}
		checkTarget(v, "targets.by_kind."+k, t)
	}
	for u, t := range r.Targets.ByUnit {
		checkTarget(v, "targets.by_unit."+u, t)
	}
}

func checkTarget(v *validator, f string, t Target) {
	if t.Yearly < 0 {
		v.fail(f+".yearly", "must not be negative")
	}
	if t.MonthlyMinimum < 0 {
		v.fail(f+".monthly_minimum", "must not be negative")
	}
}

func positive(v *validator, field string, n int) {
	if n <= 0 {
		v.fail(field, "must be at least 1")
	}
}
