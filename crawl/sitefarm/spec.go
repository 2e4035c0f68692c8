package sitefarm

import "fmt"

// Column update classes (METRICS.md) drive how recent a column's newest
// item is.
const (
	classDynamic = iota
	classPeriodic
	classAnnual
	classStatic
)

// Column freshness states the generator can be asked for.
const (
	stateFresh = iota
	stateStale
	stateBlank
)

// Home page states.
const (
	homeNone = iota
	homeFresh
	homeFreshish
	homeStale
	homeFails
)

type colSpec struct {
	name     string
	category string
	slug     string
	state    int
	block    string // "", "challenge" or "412"
	age      int    // days from the newest item to AsOf; 0 = drawn
}

type mailSpec struct {
	name          string
	slug          string
	format        string
	showHandler   bool
	showReplied   bool
	statusWording int
}

type unitSpec struct {
	name     string
	abbr     string // used in 文号, e.g. 教 in 市教〔2026〕3号
	kind     string
	family   string
	encoding string
	home     int
	cols     []colSpec
	mails    []mailSpec
	mustMail bool
	meta     int  // 0 table, 1 dl, 2 div/span
	labels   int  // label spelling set
	dateFmt  int  // first of the two date formats the unit uses
	varCount bool // trs: var countPage = N; createPageHTML(countPage, …)
	slashURL bool // trs: column URL ends with "/" instead of index.html
	genUnder bool // generic: list_2.html instead of list.html?page=2
	rareName bool // titles use characters outside GB2312
	topic    string
}

func categoryClass(cat string) int {
	switch cat {
	case "部门动态":
		return classDynamic
	case "通知公告", "政策文件", "政策解读":
		return classPeriodic
	case "人事信息", "规划计划", "财政预决算":
		return classAnnual
	default:
		return classStatic
	}
}

var (
	colDynamic = func(name string) colSpec { return colSpec{name: name, category: "部门动态", slug: "gzdt"} }
	colNotice  = colSpec{name: "通知公告", category: "通知公告", slug: "tzgg"}
	colPolicy  = colSpec{name: "政策文件", category: "政策文件", slug: "zcwj"}
	colInterp  = colSpec{name: "政策解读", category: "政策解读", slug: "zcjd"}
	colPerson  = colSpec{name: "人事信息", category: "人事信息", slug: "rsxx"}
	colPlan    = colSpec{name: "规划计划", category: "规划计划", slug: "ghjh"}
	colBudget  = colSpec{name: "财政预决算", category: "财政预决算", slug: "czyjs"}
	colOrg     = colSpec{name: "机构设置", category: "机构设置", slug: "jgsz"}
)

func with(c colSpec, state int) colSpec    { c.state = state; return c }
func block(c colSpec, kind string) colSpec { c.block = kind; return c }
func aged(c colSpec, days int) colSpec     { c.age = days; return c }

// demoSpecs is the demo farm: together its eight units cover every case
// the truth documents.
var demoSpecs = []unitSpec{
	{name: "市教育局", abbr: "教", kind: "部门", family: "trs", encoding: "utf-8", home: homeFresh,
		cols:     []colSpec{colDynamic("工作动态"), colNotice, colPolicy, colInterp, colPerson, colPlan, colBudget, colOrg},
		mails:    []mailSpec{{name: "局长信箱", slug: "jzxx", format: "html", showHandler: true, showReplied: true}},
		mustMail: true, meta: 0, labels: 0, dateFmt: 0, topic: "教育"},
	{name: "市发展和改革委员会", abbr: "发改", kind: "部门", family: "trs", encoding: "gbk", home: homeStale,
		cols:     []colSpec{colDynamic("委内动态"), with(colNotice, stateStale), colPolicy, colInterp, colPerson, colBudget},
		mails:    []mailSpec{{name: "主任信箱", slug: "zrxx", format: "html", statusWording: 1}},
		mustMail: true, meta: 1, labels: 1, dateFmt: 1, varCount: true, slashURL: true, rareName: true, topic: "发展规划"},
	{name: "市卫生健康委员会", abbr: "卫健", kind: "部门", family: "hanweb", encoding: "utf-8", home: homeFails,
		cols:     []colSpec{colDynamic("工作动态"), colNotice, colPolicy, colInterp, with(colPlan, stateStale), colBudget, colOrg},
		mails:    []mailSpec{{name: "在线咨询", slug: "zxzx", format: "json", statusWording: 2}},
		mustMail: true, meta: 2, labels: 2, dateFmt: 2, topic: "卫生、体育"},
	{name: "城关镇", abbr: "城关", kind: "乡镇", family: "json", encoding: "utf-8", home: homeFreshish,
		cols:     []colSpec{colDynamic("镇内动态"), colNotice, colPolicy, colPerson, with(colBudget, stateBlank), colPlan},
		mails:    []mailSpec{{name: "镇长信箱", slug: "zzxx", format: "html", showHandler: true, statusWording: 3}},
		mustMail: true, meta: 0, labels: 1, dateFmt: 2, topic: "综合政务"},
	{name: "龙泉镇", abbr: "龙泉", kind: "乡镇", family: "generic", encoding: "utf-8", home: homeFreshish,
		cols:     []colSpec{with(colDynamic("工作动态"), stateStale), aged(colNotice, 5), colPolicy, with(colInterp, stateBlank), colOrg},
		mustMail: true, meta: 1, labels: 0, dateFmt: 1, topic: "综合政务"},
	{name: "东城街道", abbr: "东城", kind: "街道", family: "trs", encoding: "utf-8", home: homeFreshish,
		cols:  []colSpec{colDynamic("街道动态"), colNotice, colPolicy, colInterp, with(colPerson, stateStale), block(colBudget, "challenge")},
		mails: []mailSpec{{name: "书记信箱", slug: "sjxx", format: "html", showReplied: true, statusWording: 1}},
		meta:  2, labels: 0, dateFmt: 3, topic: "城乡建设、环境保护"},
	{name: "西城街道", abbr: "西城", kind: "街道", family: "hanweb", encoding: "utf-8", home: homeFreshish,
		cols:  []colSpec{colDynamic("工作动态"), colNotice, colInterp, with(colPlan, stateBlank), block(colPerson, "412")},
		mails: []mailSpec{{name: "在线咨询", slug: "zxzx", format: "html", showHandler: true, showReplied: true, statusWording: 2}},
		meta:  0, labels: 2, dateFmt: 0, topic: "民政、扶贫、救灾"},
	{name: "市生态环境局", abbr: "环", kind: "部门", family: "json", encoding: "utf-8", home: homeNone,
		cols: []colSpec{colDynamic("工作动态"), colNotice, colPolicy, colInterp, with(colPlan, stateBlank), colBudget},
		mails: []mailSpec{
			{name: "在线咨询", slug: "zxzx", format: "json", statusWording: 3},
			{name: "局长信箱", slug: "jzxx", format: "html", showHandler: true, showReplied: true},
		},
		mustMail: true, meta: 1, labels: 2, dateFmt: 1, topic: "环境监测、保护与治理"},
}

var (
	deptNames = []string{"市民政局", "市财政局", "市人力资源和社会保障局", "市住房和城乡建设局", "市交通运输局",
		"市农业农村局", "市文化广电旅游局", "市市场监督管理局", "市应急管理局", "市自然资源和规划局", "市水利局",
		"市司法局", "市商务局", "市统计局", "市医疗保障局", "市退役军人事务局", "市科学技术局", "市工业和信息化局",
		"市公安局", "市审计局", "市林业局", "市体育局", "市城市管理局", "市信访局"}
	townNames = []string{"石桥镇", "青山镇", "白沙镇", "黄田镇", "河口镇", "马坪镇", "柳溪镇", "桃源镇", "新塘镇",
		"高坪镇", "三江镇", "凤凰镇", "大坪乡", "梅林乡", "清水乡", "双河乡"}
	streetNames = []string{"南湖街道", "北苑街道", "中山街道", "新华街道", "解放街道", "滨江街道", "江北街道",
		"学院街道", "金山街道", "银湖街道", "花园街道", "城南街道"}
	countyNames = []string{"东山区", "西湖县", "南平县", "北川县", "安远县", "永和县", "长乐区", "福清县", "宁德区", "清流县"}
)

// specFor gives unit i's spec: the demo units first, then variations of
// them with fresh names and without the farm-wide one-off cases.
func specFor(seed int64, i int) unitSpec {
	if i < len(demoSpecs) {
		return demoSpecs[i]
	}
	r := newRand(seed, 7, uint64(i))
	s := demoSpecs[i%len(demoSpecs)]
	n := i / len(demoSpecs)
	var pool []string
	switch s.kind {
	case "部门":
		pool = deptNames
	case "乡镇":
		pool = townNames
	default:
		pool = streetNames
	}
	k := (n - 1) + (i%len(demoSpecs))*7
	name := pool[k%len(pool)]
	if round := k / len(pool); round > 0 || s.kind != "部门" {
		name = countyNames[(k/len(pool)+i)%len(countyNames)] + name
		if round >= len(countyNames) {
			name = fmt.Sprintf("%s%d", name, round/len(countyNames)+1)
		}
	}
	s.name = name
	s.abbr = string([]rune(name)[len([]rune(name))-3 : len([]rune(name))-2])
	s.rareName = false
	s.genUnder = n%2 == 1 // half the generic copies page with list_N.html
	s.home = []int{homeFresh, homeFreshish, homeFreshish, homeStale, homeNone}[r.IntN(5)]
	cols := make([]colSpec, len(s.cols))
	for j, c := range s.cols {
		c.block = ""
		switch x := r.IntN(20); {
		case x == 0:
			c.state = stateBlank
		case x <= 3:
			c.state = stateStale
		default:
			c.state = stateFresh
		}
		cols[j] = c
	}
	s.cols = cols
	return s
}
