package sitefarm

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"
)

var (
	// The Friday before the 2026 Spring Festival make-up Saturday: a 咨询
	// received then is due on 2026-02-27 only if 2026-02-14 counts.
	fridayBeforeMakeup = time.Date(2026, 2, 13, 14, 20, 0, 0, shanghai)
)

// generate builds the whole model. Units are independent, so they are
// generated in parallel, each from its own random stream.
func generate(opts Options) *model {
	m := &model{opts: opts}
	m.asOf[modeNormal] = opts.AsOf
	m.asOf[modeLater] = opts.AsOf.AddDate(0, 1, 0)
	// Content starts on 1 January of the year before AsOf, so 同比 has a
	// previous year to compare with.
	m.first = dayNum(time.Date(opts.AsOf.Year()-1, 1, 1, 0, 0, 0, 0, shanghai))
	m.units = make([]*unitModel, opts.Units)
	names := map[string]int{}
	specs := make([]unitSpec, opts.Units)
	for i := range specs {
		s := specFor(opts.Seed, i)
		if n := names[s.name]; n > 0 {
			s.name = fmt.Sprintf("%s（%d）", s.name, n+1)
		}
		names[s.name]++
		specs[i] = s
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range m.units {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			m.units[i] = genUnit(m, i, specs[i])
		}()
	}
	wg.Wait()
	m.crossUnitLinks()
	m.markNotFound()
	for _, u := range m.units {
		m.opinion(u)
	}
	m.setBases(make([]string, len(m.units)))
	return m
}

type unitGen struct {
	m     *model
	u     *unitModel
	r     *rand.Rand
	asOf  int32
	later int32
	docs  map[*Item]string // policy → document short name
	dnSeq map[int]int      // 文号 sequence per year
	demo  bool
	ipc   int
}

func genUnit(m *model, i int, s unitSpec) *unitModel {
	r := newRand(m.opts.Seed, 1, uint64(i))
	u := &unitModel{idx: i, id: fmt.Sprintf("u%02d", i+1), spec: s}
	u.orgCode = fmt.Sprintf("1135%04d%06d%c", 100+i, r.IntN(1000000), "ABCDEFGHJK"[r.IntN(10)])
	u.webID = 1 + r.IntN(90)
	g := &unitGen{m: m, u: u, r: r, asOf: dayNum(m.asOf[modeNormal]), later: dayNum(m.asOf[modeLater]),
		docs: map[*Item]string{}, dnSeq: map[int]int{}, demo: i < len(demoSpecs), ipc: m.opts.ItemsPerColumn}

	for j, cs := range s.cols {
		c := &colModel{spec: cs, id: u.id + "-" + cs.slug}
		c.num = 1000 + (i%90)*100 + j*11 + r.IntN(10)
		c.pubStr = j%2 == 1 // APIs of the same site differ in how they give times
		g.layoutColumn(c)
		u.cols = append(u.cols, c)
	}
	// Interpretations are paired with policies by date, so policies first.
	for _, c := range u.cols {
		if c.spec.category != "政策解读" {
			g.fillColumn(c)
		}
	}
	for _, c := range u.cols {
		if c.spec.category == "政策解读" {
			g.fillColumn(c)
			g.pairInterpretations(c)
		}
	}
	g.crossColumnItem()
	g.assignIDs()
	g.demoSpecials()
	for _, c := range u.cols {
		g.modeLists(c)
	}
	for j, ms := range s.mails {
		u.mails = append(u.mails, g.mailbox(j, ms))
	}
	for mode := range 2 {
		g.home(mode)
	}
	return u
}

func (g *unitGen) layoutColumn(c *colModel) {
	s := &g.u.spec
	switch s.family {
	case "trs":
		c.dir = "/zwgk/" + c.spec.slug + "/"
		c.entry = c.dir + "index.html"
		if s.slashURL {
			c.entry = c.dir
		}
		c.pageSize = 20
	case "hanweb":
		c.dir = fmt.Sprintf("/col/col%d/", c.num)
		c.entry = c.dir + "index.html"
		c.pageSize = 15
	case "json":
		c.dir = "/" + c.spec.slug + "/"
		c.entry = c.dir + "index.html"
		c.pageSize = []int{10, 20}[g.r.IntN(2)]
		c.apiPath = fmt.Sprintf("/api/content/list?channelId=%d&pageNo={page}&pageSize=%d", c.num, c.pageSize)
	default:
		c.dir = "/" + c.spec.slug + "/"
		c.entry = c.dir + "list.html"
		c.pageSize = 15
	}
}

// newestAge is how many days before AsOf a column's newest item is.
func (g *unitGen) newestAge(c *colModel, class int) int {
	r := g.r
	if c.spec.age > 0 {
		return c.spec.age
	}
	if c.spec.state == stateStale {
		switch class {
		case classDynamic:
			return 20 + r.IntN(20)
		case classPeriodic:
			return 200 + r.IntN(60)
		default:
			return 400 + r.IntN(50)
		}
	}
	switch class {
	// A fresh home page shows yesterday's news; other live sites are a
	// few days behind (their home page then too).
	case classDynamic:
		if g.u.spec.home == homeFresh {
			return 1
		}
		return 4 + r.IntN(4)
	case classPeriodic:
		return 4 + r.IntN(40)
	case classAnnual:
		return 10 + r.IntN(150)
	default:
		return 30 + r.IntN(250)
	}
}

var classWeight = map[string]float64{
	"部门动态": 3.0, "通知公告": 1.3, "政策文件": 0.9, "政策解读": 0.7,
	"人事信息": 0.35, "规划计划": 0.3, "财政预决算": 0.3, "机构设置": 0.15,
}

func (g *unitGen) fillColumn(c *colModel) {
	if c.spec.state == stateBlank {
		return
	}
	r := g.r
	class := categoryClass(c.spec.category)
	w := classWeight[c.spec.category]
	if w == 0 {
		w = 0.3
	}
	n := int(float64(g.ipc)*w*(0.75+0.5*r.Float64()) + 0.5)
	n = max(n, 1)
	newest := g.asOf - int32(g.newestAge(c, class))
	if class != classDynamic || g.u.spec.home != homeFresh {
		newest = prevWorkday(newest)
	}
	newest = max(newest, g.m.first)
	days := make([]int32, n)
	days[0] = newest
	span := newest - g.m.first + 1
	for k := 1; k < n; k++ {
		d := g.m.first + int32(r.IntN(int(span)))
		if r.IntN(25) != 0 { // a few items are posted at weekends
			d = max(prevWorkday(d), g.m.first)
		}
		days[k] = d
	}
	slices.SortFunc(days[1:], func(a, b int32) int { return int(b - a) })
	items := make([]*Item, n)
	for k, d := range days {
		items[k] = g.newItem(c, d)
	}
	c.items[modeNormal] = items

	// Later mode: a month of new items at the top of live columns.
	if c.spec.state == stateFresh && c.spec.block == "" && (class == classDynamic || c.spec.category == "通知公告") {
		perDay := float64(n) / float64(span)
		k := max(1, int(perDay*30+0.5))
		add := make([]int32, k)
		for x := range add {
			d := g.asOf + 1 + int32(r.IntN(int(g.later-g.asOf)))
			if w := prevWorkday(d); w > g.asOf {
				d = w
			}
			add[x] = d
		}
		slices.SortFunc(add, func(a, b int32) int { return int(b - a) })
		for _, d := range add {
			it := g.newItem(c, d)
			it.Added = true
			c.items[modeLater] = append(c.items[modeLater], it)
		}
	}
}

func (g *unitGen) newItem(c *colModel, d int32) *Item {
	r, u := g.r, g.u
	s := &u.spec
	day := dayFromNum(d)
	year := day.Year()
	it := &Item{PublishDate: day, ListDate: day, Publisher: s.name, Topic: s.topic,
		ColumnIDs: []string{c.id}, unit: u.idx}
	if r.IntN(5) == 0 {
		it.Topic = "综合政务"
	}
	who := s.name
	formedChance := 0
	switch c.spec.category {
	case "部门动态":
		it.Title = dynamicTitle(r, s, who)
		formedChance = 15
	case "通知公告":
		it.Title = who + noticeTitle(r, year)
		formedChance = 50
		if r.IntN(3) == 0 {
			it.DocNo = g.docNo(year, "办")
		}
	case "政策文件":
		t, doc := policyTitle(r, who)
		it.Title = t
		g.docs[it] = doc
		formedChance = 92
		it.DocNo = g.docNo(year, "")
		it.Validity = "有效"
		if r.IntN(8) == 0 {
			it.Validity = "失效"
		}
	case "政策解读":
		formedChance = 40 // title set when paired with its policy
	case "机构设置":
		it.Title = who + pick(r, orgForms)
	default:
		it.Title = annualTitle(r, c.spec.category, year, who)
		formedChance = 70
	}
	if r.IntN(100) < formedChance {
		gap := r.IntN(16)
		if r.IntN(6) == 0 {
			gap = 21 + r.IntN(20)
		}
		it.FormedDate = dayFromNum(addWorkdays(prevWorkday(d), -gap))
	}
	it.fmtVar = uint8((s.dateFmt + r.IntN(2)) % 4)
	it.showTime = it.fmtVar >= 2
	it.minuteOfD = int16(8*60 + 30 + r.IntN(570))
	return it
}

func (g *unitGen) docNo(year int, suffix string) string {
	g.dnSeq[year]++
	s := &g.u.spec
	prefix := "市" + s.abbr + suffix
	if s.kind != "部门" {
		prefix = s.abbr + "政" + suffix
	}
	return fmt.Sprintf("%s〔%d〕%d号", prefix, year, g.dnSeq[year])
}

// crossColumnItem lists one policy also under 通知公告, as sites do with
// documents that are both.
func (g *unitGen) crossColumnItem() {
	var notice, policy *colModel
	for _, c := range g.u.cols {
		switch c.spec.category {
		case "通知公告":
			notice = c
		case "政策文件":
			policy = c
		}
	}
	if notice == nil || policy == nil || notice.spec.block != "" || len(policy.items[modeNormal]) < 2 || len(notice.items[modeNormal]) == 0 {
		return
	}
	// Never the newest of a stale notice column: that would freshen it.
	var it *Item
	for _, p := range policy.items[modeNormal][1:] {
		if !p.PublishDate.After(notice.items[modeNormal][0].PublishDate) {
			it = p
			break
		}
	}
	if it == nil {
		return
	}
	it.ColumnIDs = append(it.ColumnIDs, notice.id)
	notice.items[modeNormal] = insertByDate(notice.items[modeNormal], it)
}

func insertByDate(list []*Item, it *Item) []*Item {
	k, _ := slices.BinarySearchFunc(list, it, func(a, b *Item) int {
		return -a.PublishDate.Compare(b.PublishDate) - boolInt(a.PublishDate.Equal(b.PublishDate))
	})
	return slices.Insert(list, k, it)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// assignIDs numbers items like a CMS does: ids grow with publication, and
// whatever was posted after AsOf (including back-dated posts) comes last.
func (g *unitGen) assignIDs() {
	var normal, added []*Item
	for _, c := range g.u.cols {
		for _, it := range c.items[modeNormal] {
			if it.cmsID == 0 { // an item listed twice is taken once
				it.cmsID = -1
				normal = append(normal, it)
			}
		}
		added = append(added, c.items[modeLater]...)
	}
	g.placeBackDated(&added)
	byDate := func(a, b *Item) int { return a.PublishDate.Compare(b.PublishDate) }
	slices.SortStableFunc(normal, byDate)
	slices.SortStableFunc(added, byDate)
	all := append(normal, added...)
	g.u.idBase = 10000 + g.r.IntN(80000)
	g.u.byID = all
	seq := map[int]int{}
	colOf := map[string]*colModel{}
	for _, c := range g.u.cols {
		colOf[c.id] = c
	}
	buf := make([]byte, 0, 64)
	for k, it := range all {
		it.cmsID = g.u.idBase + k
		it.ID = g.u.id + "-" + strconv.Itoa(it.cmsID)
		y := it.PublishDate.Year()
		seq[y]++
		buf = append(append(buf[:0], g.u.orgCode...), '/')
		buf = strconv.AppendInt(buf, int64(y), 10)
		buf = append(buf, '-')
		buf = appendPadded(buf, seq[y], 5)
		it.IndexNo = string(buf)
		it.path = itemPath(buf[:0], &g.u.spec, colOf[it.ColumnIDs[0]], it)
		if it.Title == "" { // an interpretation never paired
			it.Title = interpTitle(g.r, pick(g.r, workTopics)+"工作方案")
		}
		it.ListTitle = it.Title
		if lim := listCut(g.u.spec.family); lim > 0 {
			it.ListTitle = cutTitle(it.Title, lim)
		}
	}
}

func listCut(family string) int {
	switch family {
	case "trs", "hanweb":
		return 24
	case "generic":
		return 20
	}
	return 0 // JSON APIs give full titles
}

func itemPath(buf []byte, s *unitSpec, c *colModel, it *Item) string {
	d := it.PublishDate
	y, m, day := d.Year(), int(d.Month()), d.Day()
	switch s.family {
	case "trs": // {dir}YYYYMM/tYYYYMMDD_{id}.html
		buf = append(buf, c.dir...)
		buf = appendPadded(buf, y, 4)
		buf = appendPadded(buf, m, 2)
		buf = append(buf, "/t"...)
		buf = appendPadded(buf, y, 4)
		buf = appendPadded(buf, m, 2)
		buf = appendPadded(buf, day, 2)
		buf = append(buf, '_')
	case "hanweb": // /art/Y/M/D/art_{columnid}_{id}.html
		buf = append(buf, "/art/"...)
		buf = strconv.AppendInt(buf, int64(y), 10)
		buf = append(buf, '/')
		buf = strconv.AppendInt(buf, int64(m), 10)
		buf = append(buf, '/')
		buf = strconv.AppendInt(buf, int64(day), 10)
		buf = append(buf, "/art_"...)
		buf = strconv.AppendInt(buf, int64(c.num), 10)
		buf = append(buf, '_')
	case "json": // /content/YYYY/MM/DD/{id}.html
		buf = append(buf, "/content/"...)
		buf = appendPadded(buf, y, 4)
		buf = append(buf, '/')
		buf = appendPadded(buf, m, 2)
		buf = append(buf, '/')
		buf = appendPadded(buf, day, 2)
		buf = append(buf, '/')
	default: // {dir}content_{id}.html
		buf = append(buf, c.dir...)
		buf = append(buf, "content_"...)
	}
	buf = strconv.AppendInt(buf, int64(it.cmsID), 10)
	buf = append(buf, ".html"...)
	return string(buf)
}

func appendPadded(buf []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for k := len(s); k < width; k++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}

// modeLists finishes a column's per-mode lists: later = new items on top
// (back-dated ones in date order), minus the deleted item.
func (g *unitGen) modeLists(c *colModel) {
	normal := c.items[modeNormal]
	later := make([]*Item, 0, len(normal)+len(c.items[modeLater]))
	later = append(later, c.items[modeLater]...)
	for _, it := range normal {
		if it != g.u.deleted {
			later = append(later, it)
		}
	}
	slices.SortStableFunc(later, func(a, b *Item) int { return b.PublishDate.Compare(a.PublishDate) })
	c.items[modeLater] = later
}

func sortStable(xs []*Item, cmp func(a, b *Item) int) { slices.SortStableFunc(xs, cmp) }
