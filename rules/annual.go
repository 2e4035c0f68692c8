package rules

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/internal/yamlfile"
)

// AnnualReport is the 年度报告审核 section of a rule set (docs/annual-report.md).
type AnnualReport struct {
	// Deadline is the day of the year after the report's year by which it
	// is due, MM-DD (条例 Art. 49: 01-31).
	Deadline string `yaml:"deadline"`
	// CopiedShare: a report sharing at least this share of its paragraphs
	// with the year before is a 核对提示 (0 turns the prompt off).
	CopiedShare float64 `yaml:"copied_share"`
	// NormativeDocNo and NormativeTitle are regular expressions (RE2) that
	// pick the 政策文件 items looking like 行政规范性文件, for the 核对提示
	// against 本年制发件数; {year} stands for the report's year.
	NormativeDocNo string `yaml:"normative_doc_no"`
	NormativeTitle string `yaml:"normative_title"`
	// IntegerRule and AmountRule name the checks that every count is a
	// non-negative integer and every 金额 a non-negative number; Amounts
	// are the cells holding 金额 (section/row/column).
	IntegerRule string   `yaml:"integer_rule"`
	AmountRule  string   `yaml:"amount_rule"`
	Amounts     []string `yaml:"amounts"`
	// Penalties for findings in the scorecard: 未发布, 逾期发布, 勾稽错误.
	// Off by default.
	Penalties map[string]AnnualPenalty `yaml:"penalties"`
	// Checks are the 勾稽 rules.
	Checks []AnnualCheck `yaml:"checks"`
}

// AnnualPenalty is what a finding costs a unit: points off, or a veto.
type AnnualPenalty struct {
	Deduct float64 `yaml:"deduct"`
	Veto   bool    `yaml:"veto"`
}

// AnnualFindings are the findings penalties can be set for.
var AnnualFindings = []string{"未发布", "逾期发布", "勾稽错误"}

// AnnualCheck is one 勾稽 rule: for each instance, the sum of Left equals
// the sum of Right. Cells are section/row/column; {0} is replaced by each
// entry of For and {1} by each entry of By, one instance per pair.
type AnnualCheck struct {
	Name    string   `yaml:"name"`
	Formula string   `yaml:"formula"` // the rule in words, for the sheet and the docs
	For     []string `yaml:"for"`
	By      []string `yaml:"by"`
	Left    []string `yaml:"left"`
	Right   []string `yaml:"right"`
	// Optional: the rule applies only to reports that have the instance's
	// first Left cell (a 小计 row the format does not require).
	Optional bool `yaml:"optional"`
}

// AnnualInstance is a check applied to one instance, with its cells.
type AnnualInstance struct {
	Name, Instance, Formula string
	Optional                bool
	Left, Right             []string
}

// Instances expands the checks into one rule per instance.
func (a AnnualReport) Instances() []AnnualInstance {
	var out []AnnualInstance
	for _, c := range a.Checks {
		fors, bys := c.For, c.By
		if len(fors) == 0 {
			fors = []string{""}
		}
		if len(bys) == 0 {
			bys = []string{""}
		}
		for _, f := range fors {
			for _, b := range bys {
				r := strings.NewReplacer("{0}", f, "{1}", b)
				in := AnnualInstance{Name: c.Name, Formula: c.Formula, Optional: c.Optional, Instance: strings.Trim(f+"/"+b, "/")}
				for _, x := range c.Left {
					in.Left = append(in.Left, r.Replace(x))
				}
				for _, x := range c.Right {
					in.Right = append(in.Right, r.Replace(x))
				}
				out = append(out, in)
			}
		}
	}
	return out
}

var cellRef = regexp.MustCompile(`^(二|三|四)/[^/{}]+/[^/{}]+$`)

func (r *Rules) validateAnnual(v *yamlfile.Validator) {
	a := r.AnnualReport
	if !regexp.MustCompile(`^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`).MatchString(a.Deadline) {
		v.Fail("annual_report.deadline", "a month and day, MM-DD, e.g. 01-31")
	}
	if a.CopiedShare < 0 || a.CopiedShare > 1 {
		v.Fail("annual_report.copied_share", "a fraction between 0 and 1, e.g. 0.8")
	}
	for f, re := range map[string]string{"normative_doc_no": a.NormativeDocNo, "normative_title": a.NormativeTitle} {
		if _, err := regexp.Compile(strings.ReplaceAll(re, "{year}", "2025")); err != nil {
			v.Fail("annual_report."+f, "not a regular expression: %v", err)
		}
	}
	if a.IntegerRule == "" || a.AmountRule == "" {
		v.Fail("annual_report", "integer_rule and amount_rule need names")
	}
	for i, c := range a.Amounts {
		if !cellRef.MatchString(c) {
			v.Fail(fmt.Sprintf("annual_report.amounts[%d]", i), "not a cell (section/row/column): %q", c)
		}
	}
	for k, p := range a.Penalties {
		if !contains(AnnualFindings, k) {
			v.Fail("annual_report.penalties."+k, "unknown finding %q (%s)", k, strings.Join(AnnualFindings, " "))
		}
		if p.Deduct < 0 {
			v.Fail("annual_report.penalties."+k+".deduct", "points off cannot be negative: %g", p.Deduct)
		}
		if p.Deduct > 100 {
			v.Fail("annual_report.penalties."+k+".deduct", "points off a total of 100 cannot exceed 100: %g", p.Deduct)
		}
	}
	seen := map[string]bool{}
	for i, c := range a.Checks {
		f := fmt.Sprintf("annual_report.checks[%d]", i)
		if c.Name == "" || c.Formula == "" {
			v.Fail(f, "a check needs a name and a formula")
		}
		if len(c.Left) == 0 || len(c.Right) == 0 {
			v.Fail(f, "a check needs left and right cells")
		}
	}
	for _, in := range a.Instances() {
		if seen[in.Name+" "+in.Instance] {
			v.Fail("annual_report.checks", "check %s is applied to %q twice", in.Name, in.Instance)
		}
		seen[in.Name+" "+in.Instance] = true
		for _, c := range append(append([]string{}, in.Left...), in.Right...) {
			if !cellRef.MatchString(c) {
				v.Fail("annual_report.checks", "check %s: %q is not a cell (section/row/column)", in.Name, c)
			}
		}
	}
}

// installAnnual writes the 年报 rules: scalars into rule_values (annual.*)
// and one rule_annual_checks row per check and instance.
func installAnnual(ctx context.Context, tx *sql.Tx, r *Rules) error {
	a := r.AnnualReport
	if _, err := tx.ExecContext(ctx, "DELETE FROM rule_annual_checks WHERE version = ?", r.Version); err != nil {
		return fmt.Errorf("clear rule_annual_checks: %w", err)
	}
	text := map[string]string{
		"annual.deadline": a.Deadline, "annual.normative_doc_no": a.NormativeDocNo, "annual.normative_title": a.NormativeTitle,
		"annual.integer_rule": a.IntegerRule, "annual.amount_rule": a.AmountRule, "annual.amounts": strings.Join(a.Amounts, ","),
	}
	for _, k := range sortedKeys(text) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rule_values VALUES (?, ?, NULL, ?)`, r.Version, k, text[k]); err != nil {
			return fmt.Errorf("rule_values: %w", err)
		}
	}
	num := map[string]float64{"annual.copied_share": a.CopiedShare}
	for _, f := range AnnualFindings {
		p := a.Penalties[f]
		num["annual.deduct."+f] = p.Deduct
		num["annual.veto."+f] = 0
		if p.Veto {
			num["annual.veto."+f] = 1
		}
	}
	for _, k := range sortedKeys(num) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rule_values VALUES (?, ?, ?, NULL)`, r.Version, k, num[k]); err != nil {
			return fmt.Errorf("rule_values: %w", err)
		}
	}
	for _, in := range a.Instances() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rule_annual_checks VALUES (?, ?, ?, ?, ?::VARCHAR[], ?::VARCHAR[], ?)`,
			r.Version, in.Name, in.Instance, in.Optional, listLiteral(in.Left), listLiteral(in.Right), in.Formula); err != nil {
			return fmt.Errorf("rule_annual_checks: %w", err)
		}
	}
	return nil
}

// listLiteral writes a list of strings as a DuckDB list literal.
func listLiteral(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + strings.ReplaceAll(x, "'", "''") + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}
