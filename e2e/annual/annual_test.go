package annual

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl"
	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/etl"
	"github.com/gongkai/gongkai/queries"
	"github.com/gongkai/gongkai/reports"
	"github.com/gongkai/gongkai/rules"
)

const year = 2025

// noColumnUnit is configured without a 年报 column; unreadUnit's 年报
// column answers 404, so it is not read.
const (
	noColumnUnit = "nb99"
	unreadUnit   = "nb98"
)

// fixture is the annual farm crawled once, loaded and published.
type fixture struct {
	truth *sitefarm.AnnualTruth
	db    *sql.DB
	root  string
}

var (
	fx    *fixture
	fxErr error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gongkai-annual-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fx, fxErr = build(context.Background(), dir)
	code := m.Run()
	if fx != nil && fx.db != nil {
		fx.db.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func setup(t *testing.T) *fixture {
	t.Helper()
	if fxErr != nil {
		t.Fatal(fxErr)
	}
	return fx
}

func build(ctx context.Context, dir string) (*fixture, error) {
	farm := sitefarm.NewAnnual(1, year)
	if err := farm.Start(); err != nil {
		return nil, err
	}
	f := &fixture{truth: farm.Truth(), root: filepath.Join(dir, "landing")}
	cfg := &config.Config{Crawl: config.Crawl{
		UserAgent: "gongkai-e2e/1", Parallelism: 4, Units: 4,
		Timeout: config.NewDuration(10 * time.Second), Retries: 1,
		MaxBody: 8 << 20, MaxPages: 20, AllowPrivate: true,
	}}
	no := false
	for _, u := range f.truth.Units {
		cu := config.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, MustHaveMailbox: &no,
			Columns: []config.Column{{ID: u.ColumnID, Name: u.ColumnName, URL: u.ColumnURL, Profile: "generic"}}}
		if u.PolicyURL != "" {
			cu.Columns = append(cu.Columns, config.Column{ID: u.PolicyColumnID, Name: "政策文件", URL: u.PolicyURL, Profile: "generic"})
		}
		cfg.Units = append(cfg.Units, cu)
	}
	// A unit whose configuration names no 年报 column: 待核实, not 未发布.
	for _, u := range f.truth.Units {
		if u.PolicyURL != "" {
			cfg.Units = append(cfg.Units, config.Unit{ID: noColumnUnit, Name: "市统计局", Kind: "部门", MustHaveMailbox: &no,
				Columns: []config.Column{{ID: noColumnUnit + "-zcwj", Name: "政策文件", URL: u.PolicyURL, Profile: "generic"}}})
			break
		}
	}
	// A unit whose 年报 column is configured but answers 404 (its 政策文件
	// column reads): 待核实, not 未发布.
	for _, u := range f.truth.Units {
		if u.PolicyURL != "" {
			cfg.Units = append(cfg.Units, config.Unit{ID: unreadUnit, Name: "市审计局", Kind: "部门", MustHaveMailbox: &no,
				Columns: []config.Column{
					{ID: unreadUnit + "-ndbg", Name: u.ColumnName, AnnualReport: true, Profile: "generic",
						URL: strings.Replace(u.ColumnURL, "/ndbg/", "/ndbg-gone/", 1)},
					{ID: unreadUnit + "-zcwj", Name: "政策文件", URL: u.PolicyURL, Profile: "generic"}}})
			break
		}
	}
	now := f.truth.AsOf.Add(10 * time.Hour)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	res, err := crawl.Run(ctx, crawl.Options{Config: cfg, Landing: f.root, Period: "2026-02",
		Now: func() time.Time { return now }, Logger: log, RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond})
	farm.Close()
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	if len(res.Failed) > 0 {
		return nil, fmt.Errorf("crawl: units failed: %+v", res.Failed)
	}
	r, err := rules.Default(2026)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "g.duckdb")
	err = etl.Publish(ctx, path, func(st *etl.Store) error {
		if err := st.LoadCalendar(ctx, nil); err != nil {
			return err
		}
		if err := rules.Install(ctx, st.DB(), r); err != nil {
			return err
		}
		if _, err := st.LoadRun(ctx, res.Run, etl.LoadOptions{Logger: log, Now: func() time.Time { return now }}); err != nil {
			return err
		}
		return queries.Install(ctx, st.DB())
	})
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if f.db, err = etl.OpenReadOnly(ctx, path); err != nil {
		return nil, err
	}
	return f, nil
}

func rows(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rs, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out []string
	for rs.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(cols))
		for i, v := range vals {
			parts[i] = v.String
		}
		out = append(out, strings.Join(parts, " | "))
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAnnualCellsLoaded: every cell of every report the farm wrote is in
// annual_report_cells with its value and blank flag, and nothing else.
func TestAnnualCellsLoaded(t *testing.T) {
	f := setup(t)
	var want []string
	for _, u := range f.truth.Units {
		for _, rep := range u.Reports {
			if rep.Markup == "image" || rep.Markup == "pdf" {
				continue // the tables are not on the page
			}
			for k, c := range rep.Cells {
				want = append(want, fmt.Sprintf("%s | %d | %s | %g | %t", u.ID, rep.Year, k, c.Value, c.Blank))
			}
		}
	}
	got := rows(t, f.db, `SELECT unit_id, year, section || '/' || row_name || '/' || column_name, printf('%g', value), blank
		FROM annual_report_cells`)
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-farm +store):\n%s", diff)
	}
}

// TestAnnualChecksFindEveryCase: the findings of annual_report_checks are
// exactly the farm's injected cases: the right rule and instance for each
// 勾稽 error, none on the correct reports.
func TestAnnualChecksFindEveryCase(t *testing.T) {
	f := setup(t)
	var want []string
	for _, u := range f.truth.Units {
		for _, fd := range u.Findings {
			rule, inst := fd.Rule, fd.Instance
			switch fd.Kind {
			case "未发布", "逾期发布", "空白":
				rule = fd.Kind
			case "无法核对":
				rule = "无法核对"
				inst = map[string]string{"image": "image", "pdf": "attachment"}[u.Case]
			}
			want = append(want, strings.Join([]string{u.ID, fd.Kind, rule, inst}, " | "))
		}
	}
	got := rows(t, f.db, `SELECT unit_id, kind, rule, instance FROM annual_report_checks($1) WHERE is_finding`, year)
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-farm +checks):\n%s", diff)
	}
}

// TestAnnualDeadlines: days late and blank cells are exact; 未发布 and
// 无法核对 say where to look.
func TestAnnualDeadlines(t *testing.T) {
	f := setup(t)
	var want []string
	for _, u := range f.truth.Units {
		var late, blank int
		status := "已读取"
		for _, fd := range u.Findings {
			late = max(late, fd.DaysLate)
			blank = max(blank, fd.Count)
			switch fd.Kind {
			case "未发布":
				status = "未发布"
			case "无法核对":
				status = "无法核对"
			}
		}
		want = append(want, fmt.Sprintf("%s | %s | %d | %d", u.ID, status, late, blank))
	}
	want = append(want, unreadUnit+" | 待核实 | 0 | 0", noColumnUnit+" | 待核实 | 0 | 0")
	got := rows(t, f.db, `SELECT unit_id, status, days_late, blank_cells FROM annual_report_summary($1) ORDER BY unit_id`, year)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-farm +store):\n%s", diff)
	}
	for _, u := range f.truth.Units {
		if u.Case != "image" && u.Case != "pdf" {
			continue
		}
		got := rows(t, f.db, `SELECT evidence FROM annual_report_checks($1) WHERE unit_id = $2 AND kind = '无法核对'`, year, u.ID)
		if len(got) != 1 || got[0] != u.Reports[0].File {
			t.Errorf("%s: 无法核对 evidence %v, want %s", u.ID, got, u.Reports[0].File)
		}
	}
}

// TestAnnualPrompts: the copied report is a prompt, not a finding, and no
// other report is prompted.
func TestAnnualPrompts(t *testing.T) {
	f := setup(t)
	var want []string
	for _, u := range f.truth.Units {
		if u.Copied {
			want = append(want, u.ID+" | 与上年雷同 | 1.00 | false")
		}
		if u.PromptNormative {
			n := 0
			for _, p := range u.Policies {
				if p.Normative {
					n++
				}
			}
			want = append(want, fmt.Sprintf("%s | 规范性文件件数 | %d | false", u.ID, n-1))
		}
	}
	got := rows(t, f.db, `SELECT unit_id, rule, found, is_finding FROM annual_report_checks($1) WHERE kind = '核对提示' ORDER BY unit_id`, year)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("prompts (-farm +checks):\n%s", diff)
	}
}

// TestAnnualWorkbooks: the scorecard's 年报审核 sheet has a row per unit
// with its findings, 年报问题明细 a row per check, and each unit's 问题清单
// lists its 年报 findings; the workbooks are reopened from disk.
func TestAnnualWorkbooks(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	dir := t.TempDir()
	opts := reports.Options{DB: f.db, From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC),
		GeneratedAt: f.truth.AsOf}
	path := filepath.Join(dir, "scorecard.xlsx")
	if err := reports.Scorecard(ctx, opts, path); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet, err := x.GetRows("年报审核")
	if err != nil {
		t.Fatal(err)
	}
	header := sheet[2]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("年报审核: no column %s in %v", name, header)
		return -1
	}
	got := map[string]string{}
	for _, r := range sheet[3:] {
		if len(r) > col("问题数") {
			got[r[col("单位")]] = r[col("状态")] + " " + r[col("勾稽错误")] + " " + r[col("问题数")]
		}
	}
	for _, u := range f.truth.Units {
		errs := 0
		for _, fd := range u.Findings {
			if fd.Kind == "勾稽错误" {
				errs++
			}
		}
		status := map[string]string{"missing": "未发布", "image": "无法核对", "pdf": "无法核对"}[u.Case]
		if status == "" {
			status = "已读取"
		}
		if want := fmt.Sprintf("%s %d %d", status, errs, len(u.Findings)); got[u.Name] != want {
			t.Errorf("年报审核 %s: %q, want %q", u.Name, got[u.Name], want)
		}
	}
	checks, err := x.GetRows("年报问题明细")
	if err != nil {
		t.Fatal(err)
	}
	all := rows(t, f.db, `SELECT count(*) FROM annual_report_checks($1)`, year)
	if fmt.Sprint(len(checks)-3) != all[0] {
		t.Errorf("年报问题明细: %d rows, want %s", len(checks)-3, all[0])
	}

	// The office's own gap (no 年报 column configured) is on the 年报 sheets,
	// not in the unit's 问题清单.
	if got := rows(t, f.db, `SELECT kind, rule, found, is_finding FROM annual_report_checks($1) WHERE unit_id = $2`, year, noColumnUnit); len(got) != 1 || got[0] != "待核实 | 年报栏目 | 未配置 | false" {
		t.Errorf("%s checks: %v", noColumnUnit, got)
	}
	opts.Units = []string{noColumnUnit}
	paths, err := reports.PerUnit(ctx, opts, filepath.Join(dir, "none"))
	if err != nil {
		t.Fatal(err)
	}
	if got := annualProblemRows(t, paths); len(got) != 0 {
		t.Errorf("%s 问题清单 has 年报 rows: %v", noColumnUnit, got)
	}

	unit := f.truth.Units[3] // 勾稽错误: 申请收支平衡
	opts.Units = []string{unit.ID}
	paths, err = reports.PerUnit(ctx, opts, filepath.Join(dir, "units"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"年报：勾稽错误 申请收支平衡 总计", "年报：勾稽错误 申请收支平衡 自然人"}
	if diff := cmp.Diff(want, annualProblemRows(t, paths)); diff != "" {
		t.Errorf("问题清单 年报 rows (-want +got):\n%s", diff)
	}
}

// annualProblemRows reopens the one 问题清单 workbook of paths and returns
// its 年报 rows: problem and subject.
func annualProblemRows(t *testing.T, paths []string) []string {
	t.Helper()
	if len(paths) != 1 {
		t.Fatalf("per-unit workbooks: %v", paths)
	}
	y, err := excelize.OpenFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	problems, err := y.GetRows("问题清单")
	if err != nil {
		t.Fatal(err)
	}
	var annual []string
	for _, r := range problems {
		if len(r) > 1 && strings.HasPrefix(r[0], "年报：") {
			annual = append(annual, r[0]+" "+r[1])
		}
	}
	return annual
}

// TestAnnualDraft: the pre-filled 第二部分 table gives 行政规范性文件
// 本年制发件数 from the crawled 政策文件, lists them, shows last year's
// report beside it and leaves every other cell blank.
func TestAnnualDraft(t *testing.T) {
	f := setup(t)
	var u *sitefarm.AnnualUnit
	for _, x := range f.truth.Units {
		if x.PolicyURL != "" && !x.PromptNormative {
			u = x
		}
	}
	var want []string
	for _, p := range u.Policies {
		if p.Normative && p.Published.Year() == year {
			want = append(want, p.DocNo+" "+p.Title)
		}
	}
	sort.Strings(want)
	path := filepath.Join(t.TempDir(), "draft.xlsx")
	n, err := reports.AnnualDraft(context.Background(), reports.DraftOptions{DB: f.db, Unit: u.ID, Year: year}, path)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("AnnualDraft found %d documents, want %d", n, len(want))
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet, err := x.GetRows("二、主动公开")
	if err != nil {
		t.Fatal(err)
	}
	var filled []string
	for _, r := range sheet[3:] {
		for j := 1; j < min(len(r), 4); j++ {
			if r[j] != "" && !strings.Contains(r[j], "数") && !strings.Contains(r[j], "金额") {
				filled = append(filled, r[0]+" "+r[j])
			}
		}
	}
	if diff := cmp.Diff([]string{fmt.Sprintf("行政规范性文件 %d", len(want))}, filled); diff != "" {
		t.Errorf("filled cells (-want +got):\n%s", diff)
	}
	var lastYear string
	for _, r := range sheet {
		if len(r) > 5 && r[0] == "行政许可" {
			lastYear = r[5]
		}
	}
	prev := u.Reports[1].Cells["二/行政许可/本年处理决定数量"].Value
	if wantLast := fmt.Sprintf("本年处理决定数量 %g", prev); lastYear != wantLast {
		t.Errorf("上年报告 of 行政许可 = %q, want %q", lastYear, wantLast)
	}
	docs, err := x.GetRows("规范性文件清单")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range docs[3:] {
		got = append(got, r[1]+" "+r[0])
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("规范性文件清单 (-farm +draft):\n%s", diff)
	}
}

// TestAnnualMacrosDocumented: the 年度报告 macros return exactly the
// columns and types docs/metrics.md gives them.
func TestAnnualMacrosDocumented(t *testing.T) {
	f := setup(t)
	b, err := os.ReadFile("../../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]string{}
	cur := ""
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			cur = strings.Fields(line)[1]
			continue
		}
		if !strings.HasPrefix(cur, "annual_") || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| column ") || strings.HasPrefix(line, "| ---") {
			continue
		}
		cells := strings.Split(line, "|")
		for _, c := range strings.Split(cells[1], ",") {
			docs[cur] = append(docs[cur], strings.TrimSpace(c)+" "+strings.TrimSpace(cells[2]))
		}
	}
	for _, m := range []string{"annual_report_list", "annual_report_checks", "annual_report_summary", "annual_normative_documents"} {
		got := rows(t, f.db, `SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM `+m+`(2025))`)
		if diff := cmp.Diff(docs[m], got); diff != "" {
			t.Errorf("%s: columns (-docs +sql):\n%s", m, diff)
		}
	}
}
