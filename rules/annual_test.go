package rules

import (
	"os"
	"strings"
	"testing"
)

// TestAnnualInstances: the built-in 勾稽 checks expand to one instance per
// column, row or group, with {0} and {1} filled.
func TestAnnualInstances(t *testing.T) {
	r, err := Default(2026)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var balance AnnualInstance
	for _, in := range r.AnnualReport.Instances() {
		count[in.Name]++
		if in.Name == "申请收支平衡" && in.Instance == "商业企业" {
			balance = in
		}
	}
	want := map[string]int{"申请收支平衡": 7, "办理结果合计": 7, "小计": 28, "申请人合计": 25, "复议诉讼合计": 3}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d instances, want %d", k, count[k], n)
		}
	}
	if got := strings.Join(balance.Left, " ") + " = " + strings.Join(balance.Right, " "); got != "三/本年新收/商业企业 三/上年结转/商业企业 = 三/办理结果总计/商业企业 三/结转下年度/商业企业" {
		t.Errorf("申请收支平衡/商业企业: %s", got)
	}
	if p := r.AnnualReport.Penalties["勾稽错误"]; p.Deduct != 0 || p.Veto {
		t.Errorf("penalties are on by default: %+v", p)
	}
}

func TestAnnualParseErrors(t *testing.T) {
	base, err := os.ReadFile("2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"deadline", `deadline: "01-31"`, `deadline: "1月31日"`, "annual_report.deadline: a month and day"},
		{"penalty", "    逾期发布: {deduct: 0, veto: false}", "    晚发: {deduct: 0, veto: false}", `unknown finding "晚发"`},
		{"cell", `left: ["四/{0}/总计"]`, `left: ["五/{0}/总计"]`, `"五/行政复议/总计" is not a cell`},
		{"regexp", "normative_title: '印发.*(办法|规定|细则|规则)'", "normative_title: '印发.*(办法'", "annual_report.normative_title: not a regular expression"},
		{"share", "copied_share: 0.8", "copied_share: 80", "annual_report.copied_share"},
		{"deduct", "    逾期发布: {deduct: 0, veto: false}", "    逾期发布: {deduct: -2, veto: false}", "annual_report.penalties.逾期发布.deduct: points off cannot be negative: -2"},
		{"deduct over 100", "    逾期发布: {deduct: 0, veto: false}", "    逾期发布: {deduct: 120, veto: false}", "annual_report.penalties.逾期发布.deduct: points off a total of 100 cannot exceed 100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(string(base), tc.old, tc.new, 1)
			if src == string(base) {
				t.Fatalf("%q not in 2026.yaml", tc.old)
			}
			_, err := Parse("r.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestSwitchesAccepted: a rules file turning the 年报 and 舆情 switches on
// parses, with the values it gives.
func TestSwitchesAccepted(t *testing.T) {
	base, err := os.ReadFile("2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.NewReplacer(
		"    未发布: {deduct: 0, veto: false}", "    未发布: {deduct: 0, veto: true}",
		"    逾期发布: {deduct: 0, veto: false}", "    逾期发布: {deduct: 2.5, veto: false}",
		"deduct: {boilerplate: 0, unanswered_repeat: 0}", "deduct: {boilerplate: 0.5, unanswered_repeat: 2}",
	).Replace(string(base))
	r, err := Parse("r.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := r.AnnualReport.Penalties
	if !p["未发布"].Veto || p["未发布"].Deduct != 0 || p["逾期发布"].Deduct != 2.5 || p["逾期发布"].Veto || p["勾稽错误"] != (AnnualPenalty{}) {
		t.Errorf("penalties %+v", p)
	}
	if d := r.Opinion.Deduct; d.Boilerplate != 0.5 || d.UnansweredRepeat != 2 {
		t.Errorf("opinion deductions %+v", d)
	}
}
