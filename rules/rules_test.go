package rules

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func TestDefault(t *testing.T) {
	r, err := Default(2026)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "2026" || r.Year != 2026 || r.Note != "" || r.Source != "builtin:2026.yaml" {
		t.Errorf("version %q year %d note %q source %q", r.Version, r.Year, r.Note, r.Source)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"timeliness", r.Timeliness.WorkingDays, 20},
		{"deadline 咨询", r.Deadline("咨询"), 5},
		{"deadline 投诉", r.Deadline("投诉"), 15},
		{"deadline 未知", r.Deadline("未知"), 15},
		{"long unanswered", r.Letters.LongUnansweredMonths, 3},
		{"letter warning", r.Letters.WarningMonths, 2},
		{"class 部门动态", r.ClassOf("部门动态"), Dynamic},
		{"class 政策解读", r.ClassOf("政策解读"), Periodic},
		{"class 规划计划", r.ClassOf("规划计划"), Annual},
		{"class 机构设置", r.ClassOf("机构设置"), Static},
		{"dynamic days", r.Classes[Dynamic].Days, 14},
		{"periodic months", r.Classes[Periodic].Months, 6},
		{"annual months", r.Classes[Annual].Months, 12},
		{"veto key 部门动态", r.VetoKey("部门动态"), true},
		{"veto key 通知公告", r.VetoKey("通知公告"), true},
		{"veto key 政策解读", r.VetoKey("政策解读"), false},
		{"deduct 部门动态", r.DeductGroup("部门动态"), "dynamic"},
		{"deduct 政策解读", r.DeductGroup("政策解读"), "key"},
		{"deduct 通知公告", r.DeductGroup("通知公告"), "other"},
		{"home veto", r.Home.VetoDays, 14},
		{"home warning", r.Home.WarningDays, 10},
		{"veto 2 min", r.Vetoes.StaleKeyColumns.Min, 5},
		{"veto 3 min", r.Vetoes.StaleColumns.Min, 10},
		{"veto 4 min", r.Vetoes.BlankColumns.Min, 5},
		{"back-dated veto", r.Vetoes.BackDated.Enabled, false},
		{"fail rate", r.Warnings.FailRate, 0.03},
		{"weights", r.Scorecard.Weights, Weights{25, 15, 20, 10, 30}},
		{"grades", len(r.Scorecard.Grades), 3},
		{"target 部门", r.Targets.ByKind["部门"].Yearly, 120.0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestDefaultOtherYear(t *testing.T) {
	r, err := Default(2027)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "2026" || !strings.Contains(r.Note, "2027") {
		t.Errorf("version %q note %q", r.Version, r.Note)
	}
}

func TestParseErrors(t *testing.T) {
	base, err := os.ReadFile("2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"zero timeliness", "working_days: 20", "working_days: 0", "r.yaml:14: timeliness.working_days: must be at least 1"},
		{"unknown field", "year: 2026", "year: 2026\nyeer: 1", "r.yaml:11:"},
		{"unknown class", "  部门动态: dynamic", "  部门动态: weekly", "categories.部门动态: unknown class \"weekly\""},
		{"bad category", "    categories: [通知公告, 政策文件]", "    categories: [通知, 政策文件]", "\"通知\" is not a standard category"},
		{"interaction sum", "    speed: 5 ", "    speed: 6 ", "reply_rate + on_time_rate + speed = 31"},
		{"unknown kind", "    街道: {yearly: 60", "    社区: {yearly: 60", "unknown kind \"社区\""},
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

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "2025.yaml")
	base, _ := os.ReadFile("2026.yaml")
	src := strings.NewReplacer(`version: "2026"`, `version: "2025-a"`, "year: 2026", "year: 2025").Replace(string(base))
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "2025-a" || r.Year != 2025 || r.Source != path {
		t.Errorf("got version %q year %d source %q", r.Version, r.Year, r.Source)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}

func TestInstall(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "r.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range []string{"002_rules.sql", "021_annual_rules.sql", "030_opinion.sql"} {
		schema, err := os.ReadFile("../etl/schema/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(schema)); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Default(2026)
	if err != nil {
		t.Fatal(err)
	}
	// Installing twice replaces the rule set instead of adding to it.
	for i := 0; i < 2; i++ {
		if err := Install(ctx, db, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		query string
		want  string
	}{
		{"SELECT count(*) FROM rule_sets", "1"},
		{"SELECT count(*) FROM rule_values", "63"}, // 37 + 13 annual_report.* + 13 opinion.*
		{"SELECT count(*) FROM rule_annual_checks", "70"},
		{"SELECT count(*) FROM rule_classes", "16"},
		{"SELECT count(*) FROM rule_deadlines", "5"},
		{"SELECT count(*) FROM rule_targets", "3"},
		{"SELECT string_agg(grade, ',' ORDER BY min DESC) FROM rule_grades", "优秀,良好,合格"},
		{"SELECT num FROM rule_values WHERE key = 'timeliness.working_days'", "20"},
		{"SELECT num FROM rule_values WHERE key = 'veto.7.enabled'", "0"},
		{"SELECT text FROM rule_values WHERE key = 'score.fail_grade'", "不合格"},
		{"SELECT class || ' ' || limit_days FROM rule_classes WHERE category = '部门动态'", "dynamic 14"},
		{"SELECT class || ' ' || limit_months || ' ' || veto_key || ' ' || deduct_group FROM rule_classes WHERE category = '政策文件'", "periodic 6 true key"},
		{"SELECT coalesce(CAST(limit_days AS VARCHAR), 'NULL') FROM rule_classes WHERE category = '机构领导'", "NULL"},
	} {
		var got string
		if err := db.QueryRowContext(ctx, tc.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got != tc.want {
			t.Errorf("%s = %s, want %s", tc.query, got, tc.want)
		}
	}
}
