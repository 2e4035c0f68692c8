package sitefarm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// AnnualFarm serves units whose 政府信息公开工作年度报告 column holds the
// reports of the cases the 年报 check must handle: correct tables in
// several real markups, each kind of 勾稽 error, blank tables, a late
// report, a missing one, one published as a picture and one only as a PDF
// attachment. Its units are its own, apart from the main farm's, so the
// main farm's truth and random streams stay as they are.
type AnnualFarm struct {
	truth *AnnualTruth

	mu      sync.Mutex
	servers []*http.Server
	started bool
}

// AnnualTruth is what the annual farm publishes.
type AnnualTruth struct {
	// Year is the year the reports under check cover; they are due on
	// 31 January of Year+1.
	Year int
	// AsOf is the farm's "today", after the deadline.
	AsOf  time.Time
	Units []*AnnualUnit
}

// AnnualUnit is one unit with its 年报 column.
type AnnualUnit struct {
	ID, Name, Kind string
	BaseURL        string // empty before Start
	ColumnID       string
	ColumnName     string
	ColumnURL      string
	// Case says what the unit's report for Year shows (see annualCases).
	Case string
	// Reports are the column's items, newest first.
	Reports []*AnnualReport
	// Findings are what a check of Year must find, no more.
	Findings []AnnualFinding
	// Copied says the report for Year repeats the text of the one before.
	Copied bool
	// PolicyURL is the unit's 政策文件 column, "" when it has none; its
	// Policies are newest first. Normative says the item looks like a
	// 行政规范性文件 of its year (a 文号 with 规, or 印发…办法).
	PolicyColumnID string
	PolicyURL      string
	Policies       []*AnnualPolicy
	// PromptNormative says the report's 本年制发件数 of 行政规范性文件
	// differs from the normative documents of Year in the column.
	PromptNormative bool
}

// AnnualPolicy is one item of a unit's 政策文件 column.
type AnnualPolicy struct {
	Title, DocNo, URL string
	Published         time.Time
	Normative         bool
}

// AnnualReport is one item of a 年报 column.
type AnnualReport struct {
	Year      int
	Title     string
	URL       string // absolute after Start
	Published time.Time
	// Markup is how the tables are written: national (the format's own
	// grid of spans), flat (one row per line, group headings as rows,
	// full-width digits, units, review table turned round), word (a
	// Word export: every section in one table, MsoNormal spans), image or
	// pdf (no table on the page).
	Markup string
	// Cells are the values the page shows, by "section/row/col".
	Cells map[string]AnnualCell
	// File is the attachment's or the picture's URL for image and pdf.
	File  string
	Paras []string
}

// AnnualCell is one value of a report as the farm writes it.
type AnnualCell struct {
	Value float64
	Blank bool   // written empty
	Raw   string // the text written when not the plain number
}

// AnnualFinding is one finding a check must make.
type AnnualFinding struct {
	Kind     string // 未发布 逾期发布 勾稽错误 空白 无法核对
	Rule     string // the 勾稽 rule's name, for 勾稽错误
	Instance string // the column, row or group the rule was applied to
	DaysLate int    // for 逾期发布
	Count    int    // blank cells, for 空白
}

// The national format's rows and columns, as the farm writes them. The farm
// is the referee of the extractor, so it keeps its own copy.
var (
	farmApplicants = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
	farmGroups     = []struct {
		id, label string
		items     []string
	}{
		{"不予公开", "（三）不予公开", []string{"属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"}},
		{"无法提供", "（四）无法提供", []string{"本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"}},
		{"不予处理", "（五）不予处理", []string{"信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"}},
		{"其他处理", "（六）其他处理", []string{"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"}},
	}
	farmReviewGroups  = []string{"行政复议", "未经复议直接起诉", "复议后起诉"}
	farmReviewResults = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
)

// farmLeaves are the rows of 办理结果 that hold counts, in table order.
func farmLeaves() []string {
	out := []string{"予以公开", "部分公开"}
	for _, g := range farmGroups {
		for i := range g.items {
			out = append(out, g.id+"."+strconv.Itoa(i+1))
		}
	}
	return out
}

// annualCases are the farm's units: what each one's report for the year
// shows and how it is written.
var annualCases = []struct {
	name, kind, markup, caseName string
	late                         int // days after 31 January
}{
	{"市发展和改革委员会", "部门", "national", "correct", 0},
	{"市教育局", "部门", "flat", "correct", 0},
	{"市民政局", "部门", "word", "correct", 0},
	{"市财政局", "部门", "national", "balance", 0},
	{"市司法局", "部门", "word", "parts", 0},
	{"市自然资源局", "部门", "national", "sums", 0},
	{"市生态环境局", "部门", "flat", "subtotal", 0},
	{"市住房和城乡建设局", "部门", "word", "reviews", 0},
	{"市交通运输局", "部门", "national", "negative", 0},
	{"城关镇", "乡镇", "national", "blank", 0},
	{"东城街道", "街道", "flat", "late", 16},
	{"西城街道", "街道", "national", "missing", 0},
	{"南湖镇", "乡镇", "image", "image", 0},
	{"北山镇", "乡镇", "pdf", "pdf", 0},
}

// NewAnnual builds the annual farm for reports of year (default 2025)
// from seed. It does no I/O.
func NewAnnual(seed int64, year int) *AnnualFarm {
	if year == 0 {
		year = 2025
	}
	t := &AnnualTruth{Year: year, AsOf: time.Date(year+1, 3, 2, 0, 0, 0, 0, shanghai)}
	for i, c := range annualCases {
		r := newRand(seed, 0xA22A, uint64(i))
		u := &AnnualUnit{ID: fmt.Sprintf("nb%02d", i+1), Name: c.name, Kind: c.kind, Case: c.caseName}
		u.ColumnID = u.ID + "-ndbg"
		u.ColumnName = "政府信息公开工作年度报告"
		u.ColumnURL = "/zfxxgk/ndbg/index.html"
		// Two earlier years stand in the column in every case.
		for y := year - 2; y <= year; y++ {
			if y == year && c.caseName == "missing" {
				continue
			}
			markup := c.markup
			if y < year {
				markup = "national"
			}
			rep := &AnnualReport{Year: y, Markup: markup,
				Title:     fmt.Sprintf("%s%d年政府信息公开工作年度报告", c.name, y),
				URL:       fmt.Sprintf("/zfxxgk/ndbg/%d/t%d0120_%d.html", y+1, y+1, 7000+i*10+y-year+2),
				Published: time.Date(y+1, 1, 10+r.IntN(18), 0, 0, 0, 0, shanghai),
				Cells:     consistentCells(r)}
			rep.Paras = reportParas(c.name, y, r)
			if y == year {
				u.Findings = injectCase(u, rep, c.caseName, c.late)
				if c.late > 0 {
					rep.Published = time.Date(y+1, 1, 31+c.late, 0, 0, 0, 0, shanghai)
				}
			}
			u.Reports = append([]*AnnualReport{rep}, u.Reports...)
		}
		if c.caseName == "missing" {
			u.Findings = []AnnualFinding{{Kind: "未发布"}}
		}
		// Two correct units keep a 政策文件 column: one whose documents
		// match the report's 本年制发件数, one with a document more.
		if c.caseName == "correct" && c.markup != "word" {
			addPolicies(u, year, c.markup == "flat", newRand(seed, 0xB0C5, uint64(i)))
		}
		// One correct unit copies last year's text word for word, which
		// the check reports as a prompt for a person, not as a finding.
		if c.caseName == "correct" && c.markup == "word" && len(u.Reports) > 1 {
			u.Reports[0].Paras = reportParas(c.name, year-1, newRand(seed, 0xA22A, uint64(i)))
			u.Reports[1].Paras = u.Reports[0].Paras
			u.Copied = true
		}
		t.Units = append(t.Units, u)
	}
	return &AnnualFarm{truth: t}
}

// addPolicies fills a unit's 政策文件 column for year: as many 规范性文件
// as its report says (one more when extra), two other documents of the
// year, and a 规范性文件 of the year before.
func addPolicies(u *AnnualUnit, year int, extra bool, r *rand.Rand) {
	u.PolicyColumnID = u.ID + "-zcwj"
	u.PolicyURL = "/zfxxgk/zcwj/index.html"
	var rep *AnnualReport
	for _, x := range u.Reports {
		if x.Year == year {
			rep = x
		}
	}
	n := int(rep.Cells["二/行政规范性文件/本年制发件数"].Value)
	if extra {
		n++
		u.PromptNormative = true
	}
	subjects := []string{"政府信息公开申请办理", "行政执法公示", "专项资金管理", "政务服务事项", "公共数据共享", "信用承诺"}
	day := 20
	add := func(title, doc string, y int, normative bool) {
		day += 11 + r.IntN(20)
		p := &AnnualPolicy{Title: title, DocNo: doc, Normative: normative,
			Published: time.Date(y, 1, 1, 0, 0, 0, 0, shanghai).AddDate(0, 0, day%360)}
		p.URL = fmt.Sprintf("/zfxxgk/zcwj/%d/t%s_%d.html", y, p.Published.Format("20060102"), 9000+len(u.Policies))
		u.Policies = append([]*AnnualPolicy{p}, u.Policies...)
	}
	abbr := []rune(u.Name)[1:3]
	add(fmt.Sprintf("关于印发《%s管理办法》的通知", subjects[0]), fmt.Sprintf("市%s规〔%d〕1号", string(abbr), year-1), year-1, false)
	day = 0
	for k := 1; k <= n; k++ {
		if k%2 == 1 {
			add(fmt.Sprintf("关于印发《%s实施细则》的通知", subjects[k%len(subjects)]), fmt.Sprintf("市%s规〔%d〕%d号", string(abbr), year, k), year, true)
		} else {
			add(fmt.Sprintf("关于%s的若干规定", subjects[k%len(subjects)]), fmt.Sprintf("市%s规〔%d〕%d号", string(abbr), year, k), year, true)
		}
	}
	add("关于开展政务公开专项检查的通知", fmt.Sprintf("市%s〔%d〕%d号", string(abbr), year, 20+r.IntN(10)), year, false)
	add("关于召开全市政务公开工作会议的通知", "", year, false)
}

// consistentCells draws a report whose every 勾稽 rule holds.
func consistentCells(r *rand.Rand) map[string]AnnualCell {
	m := map[string]AnnualCell{}
	set := func(sec, row, col string, v float64) { m[sec+"/"+row+"/"+col] = AnnualCell{Value: v} }
	small := func() float64 {
		if r.IntN(3) == 0 {
			return 0
		}
		return float64(r.IntN(12))
	}
	// 二
	set("二", "规章", "本年制发件数", 0)
	set("二", "规章", "本年废止件数", 0)
	set("二", "规章", "现行有效件数", float64(r.IntN(3)))
	set("二", "行政规范性文件", "本年制发件数", float64(1+r.IntN(6)))
	set("二", "行政规范性文件", "本年废止件数", float64(r.IntN(3)))
	set("二", "行政规范性文件", "现行有效件数", float64(10+r.IntN(30)))
	set("二", "行政许可", "本年处理决定数量", float64(100+r.IntN(2000)))
	set("二", "行政处罚", "本年处理决定数量", float64(r.IntN(300)))
	set("二", "行政强制", "本年处理决定数量", float64(r.IntN(20)))
	set("二", "行政事业性收费", "本年收费金额", float64(r.IntN(100000))/100)
	// 三
	totals := map[string]float64{}
	add := func(row, col string, v float64) {
		set("三", row, col, v)
		totals[row] += v
	}
	for ci, col := range farmApplicants {
		if ci > 0 && r.IntN(2) == 0 {
			for _, row := range append(farmLeaves(), "本年新收", "上年结转", "办理结果总计", "结转下年度") {
				add(row, col, 0)
			}
			continue
		}
		sum := 0.0
		for _, row := range farmLeaves() {
			v := small()
			if row != "予以公开" && row != "部分公开" && r.IntN(3) > 0 {
				v = 0
			}
			add(row, col, v)
			sum += v
		}
		next := float64(r.IntN(3))
		prev := min(float64(r.IntN(3)), sum+next) // 本年新收 is never negative
		add("办理结果总计", col, sum)
		add("上年结转", col, prev)
		add("结转下年度", col, next)
		add("本年新收", col, sum+next-prev)
	}
	for row, v := range totals {
		set("三", row, "总计", v)
	}
	// 四
	for _, g := range farmReviewGroups {
		sum := 0.0
		for _, res := range farmReviewResults[:4] {
			v := float64(r.IntN(4))
			set("四", g, res, v)
			sum += v
		}
		set("四", g, "总计", sum)
	}
	return m
}

// injectCase turns a correct report into its unit's case and returns what
// a check must find.
func injectCase(u *AnnualUnit, rep *AnnualReport, c string, late int) []AnnualFinding {
	bump := func(key string, d float64) {
		cell := rep.Cells[key]
		cell.Value += d
		rep.Cells[key] = cell
	}
	lift := func(key string, d float64) {
		if rep.Cells[key].Value < d {
			bump(key, d-rep.Cells[key].Value)
		}
	}
	switch c {
	case "balance":
		// 本年新收 of 自然人 and its 总计 two too many: the applications do
		// not balance in those two columns, every sum still holds.
		bump("三/本年新收/自然人", 2)
		bump("三/本年新收/总计", 2)
		return []AnnualFinding{{Kind: "勾稽错误", Rule: "申请收支平衡", Instance: "自然人"}, {Kind: "勾稽错误", Rule: "申请收支平衡", Instance: "总计"}}
	case "parts":
		// 办理结果总计 one more than its parts for 自然人 (and its 总计), with
		// one fewer carried forward so the columns still balance.
		lift("三/结转下年度/自然人", 1)
		rebalance(rep)
		bump("三/办理结果总计/自然人", 1)
		bump("三/办理结果总计/总计", 1)
		bump("三/结转下年度/自然人", -1)
		bump("三/结转下年度/总计", -1)
		return []AnnualFinding{{Kind: "勾稽错误", Rule: "办理结果合计", Instance: "自然人"}, {Kind: "勾稽错误", Rule: "办理结果合计", Instance: "总计"}}
	case "sums":
		// The 总计 column moves one application from 本年新收 to 上年结转:
		// the column still balances, the two rows no longer add up.
		if rep.Cells["三/本年新收/总计"].Value < 1 {
			// One more application handled keeps the moved one from
			// making the count negative, which is another rule.
			bump("三/予以公开/自然人", 1)
			rebalance(rep)
		}
		bump("三/本年新收/总计", -1)
		bump("三/上年结转/总计", 1)
		return []AnnualFinding{{Kind: "勾稽错误", Rule: "申请人合计", Instance: "本年新收"}, {Kind: "勾稽错误", Rule: "申请人合计", Instance: "上年结转"}}
	case "subtotal":
		// The flat markup writes each group's subtotal; 不予公开's is one
		// too many for 自然人.
		rep.Markup = "flat-subtotal"
		for _, g := range farmGroups {
			for _, col := range append(append([]string{}, farmApplicants...), "总计") {
				sum := 0.0
				for i := range g.items {
					sum += rep.Cells["三/"+g.id+"."+strconv.Itoa(i+1)+"/"+col].Value
				}
				rep.Cells["三/"+g.id+".小计/"+col] = AnnualCell{Value: sum}
			}
		}
		bump("三/不予公开.小计/自然人", 1)
		bump("三/不予公开.小计/总计", 1)
		return []AnnualFinding{{Kind: "勾稽错误", Rule: "小计", Instance: "不予公开/自然人"}, {Kind: "勾稽错误", Rule: "小计", Instance: "不予公开/总计"}}
	case "reviews":
		bump("四/行政复议/总计", 1)
		bump("四/复议后起诉/尚未审结", 2)
		return []AnnualFinding{{Kind: "勾稽错误", Rule: "复议诉讼合计", Instance: "行政复议"}, {Kind: "勾稽错误", Rule: "复议诉讼合计", Instance: "复议后起诉"}}
	case "negative":
		// One count written -1 and its neighbour one higher: every sum
		// holds; a count is not a non-negative integer; and a fee that is
		// negative.
		d := 1 + rep.Cells["三/不予公开.1/自然人"].Value
		bump("三/不予公开.1/自然人", -d)
		bump("三/不予公开.2/自然人", d)
		bump("三/不予公开.1/总计", -d)
		bump("三/不予公开.2/总计", d)
		rep.Cells["二/行政事业性收费/本年收费金额"] = AnnualCell{Value: -3.5}
		rep.Cells["二/行政许可/本年处理决定数量"] = AnnualCell{Value: 12.5}
		fs := []AnnualFinding{
			{Kind: "勾稽错误", Rule: "非负整数", Instance: "三/不予公开.1/自然人"},
			{Kind: "勾稽错误", Rule: "非负整数", Instance: "二/行政许可/本年处理决定数量"},
			{Kind: "勾稽错误", Rule: "非负金额", Instance: "二/行政事业性收费/本年收费金额"},
		}
		if rep.Cells["三/不予公开.1/总计"].Value < 0 {
			fs = append(fs, AnnualFinding{Kind: "勾稽错误", Rule: "非负整数", Instance: "三/不予公开.1/总计"})
		}
		return fs
	case "blank":
		for k := range rep.Cells {
			rep.Cells[k] = AnnualCell{Blank: true}
		}
		return []AnnualFinding{{Kind: "空白", Count: len(rep.Cells)}}
	case "late":
		return []AnnualFinding{{Kind: "逾期发布", DaysLate: late}}
	case "missing":
		return []AnnualFinding{{Kind: "未发布"}}
	case "image":
		rep.File = "/zfxxgk/ndbg/images/" + strconv.Itoa(rep.Year) + "nb.png"
		return []AnnualFinding{{Kind: "无法核对"}}
	case "pdf":
		rep.File = "/zfxxgk/ndbg/files/" + strconv.Itoa(rep.Year) + "ndbg.pdf"
		return []AnnualFinding{{Kind: "无法核对"}}
	}
	return nil
}

// rebalance recomputes 办理结果总计, 本年新收 and the 总计 column from the
// applicant columns' other rows after a change, so only the injected
// change breaks a rule.
func rebalance(rep *AnnualReport) {
	totals := map[string]float64{}
	for _, col := range farmApplicants {
		sum := 0.0
		for _, row := range farmLeaves() {
			sum += rep.Cells["三/"+row+"/"+col].Value
		}
		rep.Cells["三/办理结果总计/"+col] = AnnualCell{Value: sum}
		nw := sum + rep.Cells["三/结转下年度/"+col].Value - rep.Cells["三/上年结转/"+col].Value
		if nw < 0 {
			rep.Cells["三/上年结转/"+col] = AnnualCell{Value: rep.Cells["三/上年结转/"+col].Value + nw}
			nw = 0
		}
		rep.Cells["三/本年新收/"+col] = AnnualCell{Value: nw}
		for _, row := range append(farmLeaves(), "本年新收", "上年结转", "办理结果总计", "结转下年度") {
			totals[row] += rep.Cells["三/"+row+"/"+col].Value
		}
	}
	for row, v := range totals {
		rep.Cells["三/"+row+"/总计"] = AnnualCell{Value: v}
	}
}

// reportParas are a report's text paragraphs.
func reportParas(name string, year int, r *rand.Rand) []string {
	focus := []string{"重点领域信息公开", "政策解读回应", "政府网站集约化", "依申请公开办理", "政务新媒体管理", "公开平台建设"}
	return []string{
		fmt.Sprintf("本报告由%s根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室关于年度报告格式的要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。", name, year, year),
		fmt.Sprintf("%d年，%s坚持以公开为常态、不公开为例外，围绕%s和%s两项重点，持续推进决策、执行、管理、服务、结果公开，全年通过门户网站主动公开政府信息%d条。", year, name, pick(r, focus), pick(r, focus), 200+r.IntN(800)),
		fmt.Sprintf("存在的主要问题是%s还不够深入，部分栏目更新不够及时。下一步将加强%s，完善发布审查机制，提高公开质量。", pick(r, focus), pick(r, focus)),
	}
}

// Truth is the annual farm's truth; URLs are absolute after Start.
func (f *AnnualFarm) Truth() *AnnualTruth { return f.truth }

// Start serves every unit on its own listener on 127.0.0.1.
func (f *AnnualFarm) Start() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.started {
		return errors.New("annual farm already started")
	}
	for _, u := range f.truth.Units {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			for _, s := range f.servers {
				s.Close()
			}
			return fmt.Errorf("listen for unit %s: %w", u.ID, err)
		}
		base := "http://" + ln.Addr().String()
		u.BaseURL = base
		u.ColumnURL = base + u.ColumnURL
		if u.PolicyURL != "" {
			u.PolicyURL = base + u.PolicyURL
		}
		for _, p := range u.Policies {
			p.URL = base + p.URL
		}
		for _, rep := range u.Reports {
			rep.URL = base + rep.URL
			if rep.File != "" {
				rep.File = base + rep.File
			}
		}
		srv := &http.Server{Handler: annualHandler(u), ReadHeaderTimeout: 10 * time.Second, ErrorLog: quietLog}
		f.servers = append(f.servers, srv)
		go srv.Serve(ln)
	}
	f.started = true
	return nil
}

// Close stops every server.
func (f *AnnualFarm) Close() {
	f.mu.Lock()
	servers := f.servers
	f.servers = nil
	f.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range servers {
		if err := s.Shutdown(ctx); err != nil {
			s.Close()
		}
	}
}

// WriteUnitsYAML writes the `units:` section of a gongkai config for the
// annual farm, after Start. The 年报 column is recognised by its name, as
// on most real configs.
func (t *AnnualTruth) WriteUnitsYAML(w io.Writer) error {
	var b strings.Builder
	b.WriteString("units:\n")
	for _, u := range t.Units {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    kind: %s\n    must_have_mailbox: false\n", u.ID, strconv.Quote(u.Name), u.Kind)
		fmt.Fprintf(&b, "    columns:\n      - id: %s\n        name: %s\n        url: %s\n        profile: generic\n", u.ColumnID, strconv.Quote(u.ColumnName), strconv.Quote(u.ColumnURL))
		if u.PolicyURL != "" {
			fmt.Fprintf(&b, "      - id: %s\n        name: 政策文件\n        url: %s\n        profile: generic\n", u.PolicyColumnID, strconv.Quote(u.PolicyURL))
		}
		b.WriteString("    mailboxes: []\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
