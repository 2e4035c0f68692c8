package extract

import (
	"hash/fnv"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Sections of the national format of the 政府信息公开工作年度报告
// (国办公开办函〔2021〕30号) that hold tables.
const (
	AnnualProactive = "二" // 主动公开政府信息情况
	AnnualRequests  = "三" // 收到和处理政府信息公开申请情况
	AnnualReviews   = "四" // 政府信息公开行政复议、行政诉讼情况
)

// What a report page gave.
const (
	AnnualRead       = "read"       // tables read into cells
	AnnualImage      = "image"      // the tables are pictures: 无法核对
	AnnualAttachment = "attachment" // the report is only an attachment: 无法核对
	AnnualNoTable    = "no_table"   // neither tables nor an attachment: 无法核对
)

// AnnualCell is one cell of the national format as a report's page shows it.
type AnnualCell struct {
	Section string  `json:"section"` // 二 三 四
	Row     string  `json:"row"`     // e.g. 本年新收, 不予公开.3, 行政复议, 规章
	Col     string  `json:"col"`     // e.g. 自然人, 总计, 结果维持, 本年制发件数
	Value   float64 `json:"value"`   // 0 when blank or unreadable
	// Valid is false when Raw is neither a number nor blank.
	Valid bool `json:"valid"`
	// Blank: the page left the cell empty (or wrote / or —); it counts as 0
	// and as a finding.
	Blank bool   `json:"blank"`
	Raw   string `json:"raw"`
	// Where locates the cell on the page: table, row and column of the
	// table's grid once spans are expanded, 1-based.
	Where string `json:"where"`
}

// AnnualReport is what a 年报 detail page holds.
type AnnualReport struct {
	Status string       `json:"status"` // AnnualRead, AnnualImage, AnnualAttachment, AnnualNoTable
	Cells  []AnnualCell `json:"cells,omitempty"`
	// Attachments are the report's files (PDF, Word, OFD …) and Images the
	// pictures of its content, absolute URLs: where a person can check
	// what the page did not give as text.
	Attachments []string `json:"attachments,omitempty"`
	Images      []string `json:"images,omitempty"`
	// Paragraphs are fingerprints of the report's text paragraphs (digits,
	// spaces and punctuation removed), to find text copied from another
	// year's report.
	Paragraphs []string `json:"paragraphs,omitempty"`
}

// annualTitle: a title naming a year and the yearly report on government
// information disclosure.
var annualTitle = regexp.MustCompile(`((?:19|20)\d{2})\s*年(?:度)?.*年度报告|((?:19|20)\d{2})\s*年度?\s*政府信息公开|年度报告.*?((?:19|20)\d{2})\s*年`)

// AnnualYear returns the year a title's report covers, and whether the
// title names a 政府信息公开工作年度报告 at all.
func AnnualYear(title string) (int, bool) {
	t := squash(foldWidth(chineseYear(title)))
	if !strings.Contains(t, "政府信息公开") || !strings.Contains(t, "年度报告") {
		return 0, false
	}
	m := annualTitle.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	y := m[1] + m[2] + m[3] // one of them matched
	n, _ := strconv.Atoi(y)
	return n, true
}

// chineseYear rewrites years written in Chinese numerals (二〇二五年) in
// digits.
func chineseYear(s string) string {
	digits := map[rune]rune{'〇': '0', '○': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}
	rs := []rune(s)
	for i := 0; i+4 < len(rs); i++ {
		if rs[i+4] != '年' {
			continue
		}
		var out []rune
		for _, r := range rs[i : i+4] {
			if d, ok := digits[r]; ok {
				out = append(out, d)
			}
		}
		if len(out) == 4 && (out[0] == '1' || out[0] == '2') {
			copy(rs[i:i+4], out)
		}
	}
	return string(rs)
}

// ExtractAnnual reads a 年报 detail page into the national format's cells.
// A page whose tables cannot be read says why (Status) and where the
// report can be checked by a person (Attachments, Images).
func ExtractAnnual(pageURL, body string) AnnualReport {
	doc := parseHTML(body)
	base := parseBase(pageURL)
	var rep AnnualReport
	root := doc.Get(0)
	seen := map[string]bool{}
	for i, t := range innermostTables(root) {
		for _, c := range readAnnualTable(gridOf(t), i+1) {
			k := c.Section + "/" + c.Row + "/" + c.Col
			if seen[k] {
				// A report repeating a table (last year's beside this
				// year's) is read by its first one.
				continue
			}
			seen[k] = true
			rep.Cells = append(rep.Cells, c)
		}
	}
	rep.Attachments, rep.Images = annualFiles(root, base)
	rep.Paragraphs = paragraphPrints(root)
	switch {
	case len(rep.Cells) > 0:
		rep.Status = AnnualRead
	case len(rep.Attachments) > 0:
		rep.Status = AnnualAttachment
	case len(rep.Images) > 0:
		rep.Status = AnnualImage
	default:
		rep.Status = AnnualNoTable
	}
	return rep
}

// innermostTables returns the tables holding no other table, outside page
// chrome: layout tables wrap the content, data tables do not.
func innermostTables(root *html.Node) []*html.Node {
	return findAll(root, func(n *html.Node) bool {
		if n.Data != "table" || inNoise(n) {
			return false
		}
		return len(findAll(n, func(m *html.Node) bool { return m != n && m.Data == "table" })) == 0
	})
}

// gcell is one position of a table's grid once row and column spans are
// expanded; a spanned cell's text is in every position it covers, and
// origin is true only at its top-left one.
type gcell struct {
	text   string // normalised: full-width folded, spaces removed
	raw    string
	origin bool
	set    bool
}

// gridOf expands a table's rows and spans into a rectangle.
func gridOf(t *html.Node) [][]gcell {
	var rows []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				rows = append(rows, c)
			case "thead", "tbody", "tfoot":
				walk(c)
			}
		}
	}
	walk(t)
	var g [][]gcell
	ensure := func(r, c int) {
		for len(g) <= r {
			g = append(g, nil)
		}
		for len(g[r]) <= c {
			g[r] = append(g[r], gcell{})
		}
	}
	for r, tr := range rows {
		ensure(r, 0)
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if !isElem(td, "td", "th") {
				continue
			}
			for col < len(g[r]) && g[r][col].set {
				col++
			}
			rs, cs := span(td, "rowspan"), span(td, "colspan")
			raw := clean(nodeText(td))
			norm := normLabel(raw)
			for dr := range rs {
				for dc := range cs {
					ensure(r+dr, col+dc)
					g[r+dr][col+dc] = gcell{text: norm, raw: raw, origin: dr == 0 && dc == 0, set: true}
				}
			}
			col += cs
		}
	}
	return g
}

// span reads a rowspan or colspan, 1 when absent or silly.
func span(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, 200)
}

// normLabel folds widths, drops spaces and quotes, so that label spellings
// compare equal.
func normLabel(s string) string {
	s = squash(foldWidth(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case '"', '“', '”', '\'', '‘', '’', '「', '」':
			return -1
		}
		return r
	}, s)
}

// readAnnualTable reads one table's grid. A table may hold more than one
// section; rows naming a section split it.
func readAnnualTable(g [][]gcell, table int) []AnnualCell {
	var out []AnnualCell
	start := 0
	for r := 0; r <= len(g); r++ {
		if r < len(g) && (r == start || !isSectionTitle(g[r])) {
			continue
		}
		if sec := sectionOf(g[start:r]); sec != "" {
			out = append(out, readSection(sec, g, start, r, table)...)
		}
		start = r
	}
	return out
}

// isSectionTitle: a row whose only text is one section's heading.
func isSectionTitle(row []gcell) bool {
	text := ""
	for _, c := range row {
		if c.text != "" && c.text != text {
			if text != "" {
				return false
			}
			text = c.text
		}
	}
	for _, h := range []string{"主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政诉讼情况"} {
		if strings.Contains(text, h) {
			return true
		}
	}
	return false
}

// sectionOf tells which section rows hold by the labels in them.
func sectionOf(rows [][]gcell) string {
	var b strings.Builder
	for _, row := range rows {
		for _, c := range row {
			if c.origin {
				b.WriteString(c.text)
				b.WriteByte('|')
			}
		}
	}
	t := b.String()
	switch {
	case strings.Contains(t, "自然人") || strings.Contains(t, "本年新收"):
		return AnnualRequests
	case strings.Contains(t, "结果维持") || strings.Contains(t, "尚未审结"):
		return AnnualReviews
	case strings.Contains(t, "制发件数") || strings.Contains(t, "处理决定") || strings.Contains(t, "收费金额"):
		return AnnualProactive
	}
	return ""
}

// Labels of the national format. Each list is matched in order; the first
// word found in a label names the row or column.
var (
	requestCols = []labelKey{
		{"自然人", []string{"自然人"}}, {"商业企业", []string{"商业企业"}}, {"科研机构", []string{"科研机构"}},
		{"社会公益组织", []string{"社会公益组织", "公益组织"}}, {"法律服务机构", []string{"法律服务机构"}},
		{"其他", []string{"其他"}}, {"总计", []string{"总计", "合计"}},
	}
	requestGroups = []labelKey{
		{"不予公开", []string{"不予公开"}}, {"无法提供", []string{"无法提供"}},
		{"不予处理", []string{"不予处理"}}, {"其他处理", []string{"其他处理"}},
	}
	// requestItems name the numbered rows of each group when a page drops
	// the numbers.
	requestItems = map[string][]string{
		"不予公开": {"国家秘密", "禁止公开", "三安全一稳定", "第三方合法权益", "内部事务", "过程性信息", "行政执法案卷", "行政查询事项"},
		"无法提供": {"不掌握", "另行制作", "仍不明确"},
		"不予处理": {"信访举报投诉", "重复申请", "公开出版物", "大量反复申请", "确认或重新出具"},
		"其他处理": {"逾期不补正", "缴纳费用", "其他"},
	}
	reviewGroups = []labelKey{
		{"未经复议直接起诉", []string{"未经复议直接起诉", "直接起诉"}}, {"复议后起诉", []string{"复议后起诉"}},
		{"行政复议", []string{"行政复议"}},
	}
	reviewCols = []labelKey{
		{"结果维持", []string{"结果维持", "维持"}}, {"结果纠正", []string{"结果纠正", "纠正"}},
		{"其他结果", []string{"其他结果"}}, {"尚未审结", []string{"尚未审结", "未审结"}}, {"总计", []string{"总计", "合计"}},
	}
	proactiveRows = []labelKey{
		{"行政规范性文件", []string{"规范性文件"}}, {"规章", []string{"规章"}},
		{"行政许可", []string{"行政许可"}}, {"行政处罚", []string{"行政处罚"}}, {"行政强制", []string{"行政强制"}},
		{"行政事业性收费", []string{"行政事业性收费", "收费"}},
	}
	proactiveCols = []labelKey{
		{"本年制发件数", []string{"制发件数", "新制发"}}, {"本年废止件数", []string{"废止件数", "废止"}},
		{"现行有效件数", []string{"现行有效"}}, {"本年处理决定数量", []string{"处理决定"}},
		{"本年收费金额", []string{"收费金额"}},
	}
)

// labelKey is a row or column of the format and the words that name it.
type labelKey struct {
	id    string
	words []string
}

// matchKey returns the id of the first key one of whose words s contains.
func matchKey(keys []labelKey, s string) string {
	for _, k := range keys {
		for _, w := range k.words {
			if strings.Contains(s, w) {
				return k.id
			}
		}
	}
	return ""
}

// exactKey returns the id of the key one of whose words s is.
func exactKey(keys []labelKey, s string) string {
	s = strings.TrimRight(s, ":")
	for _, k := range keys {
		for _, w := range k.words {
			if s == w {
				return k.id
			}
		}
	}
	return ""
}

// isLabel: text that names something, as opposed to a value or a blank.
func isLabel(text string) bool {
	if text == "" {
		return false
	}
	_, blank, ok := annualValue(text)
	return !ok && !blank
}

// above returns the labels above (r, c) in its column, nearest first.
func above(g [][]gcell, top, r, c int) []string {
	var out []string
	for i := r - 1; i >= top; i-- {
		if c < len(g[i]) && isLabel(g[i][c].text) && (len(out) == 0 || out[len(out)-1] != g[i][c].text) {
			out = append(out, g[i][c].text)
		}
	}
	return out
}

// left returns the labels left of (r, c) in its row, nearest first.
func left(g [][]gcell, r, c int) []string {
	var out []string
	for j := c - 1; j >= 0; j-- {
		if isLabel(g[r][j].text) && (len(out) == 0 || out[len(out)-1] != g[r][j].text) {
			out = append(out, g[r][j].text)
		}
	}
	return out
}

// readSection reads the value cells of rows [top, end) of a grid as one
// section: a value cell is one whose column is named by the nearest label
// above it and whose row is named by the labels left of it.
func readSection(sec string, g [][]gcell, top, end, table int) []AnnualCell {
	var out []AnnualCell
	group := ""
	for r := top; r < end; r++ {
		if sec == AnnualRequests {
			group = rowGroupOf(g[r], group)
		}
		for c := range g[r] {
			cell := g[r][c]
			if !cell.origin || isLabel(cell.text) && !unreadable(cell.text) {
				continue
			}
			up, lf := above(g, top, r, c), left(g, r, c)
			if len(up) == 0 {
				continue
			}
			var row, col string
			switch sec {
			case AnnualRequests:
				col = nearestLabelKey(up, func(l string) string { return exactKey(requestCols, l) })
				row = requestRow(lf, group)
			case AnnualProactive:
				col = nearestLabelKey(up, func(l string) string { return matchKey(proactiveCols, l) })
				if len(lf) > 0 {
					row = matchKey(proactiveRows, lf[0])
				}
			case AnnualReviews:
				row, col = reviewCell(up, lf)
			}
			if row == "" || col == "" {
				continue
			}
			v, blank, ok := annualValue(cell.text)
			if sec == AnnualProactive && col == "本年收费金额" && ok && strings.HasSuffix(cell.text, "元") && !strings.HasSuffix(cell.text, "万元") {
				v /= 10000 // the format's unit is 万元
			}
			out = append(out, AnnualCell{Section: sec, Row: row, Col: col, Value: v, Valid: ok || blank, Blank: blank,
				Raw: cell.raw, Where: "表" + strconv.Itoa(table) + "第" + strconv.Itoa(r+1) + "行第" + strconv.Itoa(c+1) + "列"})
		}
	}
	return out
}

// rowGroupOf returns the group of numbered rows a row of section 三 is in:
// the group its labels name, none after a row of its own (予以公开, 总计 …),
// else the group of the row above, for tables that give a group a heading
// row instead of a span.
func rowGroupOf(row []gcell, group string) string {
	for _, c := range row {
		if g := matchKey(requestGroups, c.text); g != "" && isLabel(c.text) {
			return g
		}
	}
	for _, c := range row {
		for _, w := range []string{"本年新收", "上年结转", "结转下年度", "予以公开", "部分公开", "总计"} {
			if strings.Contains(c.text, w) && !strings.Contains(c.text, "不予公开") {
				return ""
			}
		}
	}
	return group
}

// unreadable: text in a value position that is neither a number nor a
// blank nor a word of the format, e.g. 若干; read as an invalid value.
func unreadable(text string) bool {
	if !isLabel(text) {
		return false
	}
	for _, keys := range [][]labelKey{requestCols, requestGroups, reviewGroups, reviewCols, proactiveRows, proactiveCols} {
		if matchKey(keys, text) != "" {
			return false
		}
	}
	if strings.ContainsAny(text, "一二三四五六七八九十") || strings.ContainsAny(text, "0123456789") {
		return false
	}
	return len([]rune(text)) <= 4
}

var leadNumber = regexp.MustCompile(`^\(?(\d{1,2})[\.、)]`)

// requestRow names a row of section 三 from its labels (nearest first)
// and the group of numbered rows it is in.
func requestRow(lf []string, group string) string {
	if len(lf) == 0 {
		return ""
	}
	all := strings.Join(lf, "|")
	leaf := lf[0]
	switch {
	case strings.Contains(all, "本年新收"):
		return "本年新收"
	case strings.Contains(all, "上年结转"):
		return "上年结转"
	case strings.Contains(all, "结转下年度"):
		return "结转下年度"
	}
	own := matchKey(requestGroups, leaf)
	if m := leadNumber.FindStringSubmatch(leaf); m != nil && group != "" && own == "" {
		n, _ := strconv.Atoi(m[1])
		if n >= 1 && n <= len(requestItems[group]) {
			return group + "." + m[1]
		}
	}
	switch {
	case group != "" && strings.Contains(leaf, "小计"):
		return group + ".小计"
	case group != "" && own == group:
		return group + ".小计" // a group's own row: its values are a subtotal
	case strings.Contains(leaf, "总计") || strings.Contains(leaf, "合计"):
		return "办理结果总计"
	case strings.Contains(leaf, "部分公开"):
		return "部分公开"
	case strings.Contains(leaf, "予以公开") && own == "":
		return "予以公开"
	}
	if group != "" {
		for i, w := range requestItems[group] {
			if strings.Contains(leaf, w) {
				return group + "." + strconv.Itoa(i+1)
			}
		}
	}
	return ""
}

// nearestLabelKey returns the key of the nearest label that names one: a heading
// row spanning the table (（三）不予公开 on a row of its own) stands between
// a column and its header.
func nearestLabelKey(labels []string, key func(string) string) string {
	for _, l := range labels {
		if k := key(l); k != "" {
			return k
		}
	}
	return ""
}

// reviewCell names a cell of section 四 whichever way the table is laid
// out: groups across and results below them, or the other way round.
func reviewCell(up, lf []string) (row, col string) {
	col = nearestLabelKey(up, func(l string) string { return exactKey(reviewCols, l) })
	if col == "" {
		col = nearestLabelKey(lf, func(l string) string { return exactKey(reviewCols, l) })
	}
	for _, l := range append(append([]string{}, up...), lf...) {
		if row = matchKey(reviewGroups, l); row != "" {
			break
		}
	}
	return row, col
}

// annualValue parses a cell: a number, possibly with a unit or thousands
// separators; blank when the cell is empty or holds a dash or slash.
func annualValue(text string) (v float64, blank, ok bool) {
	t := normLabel(text)
	switch t {
	case "", "/", "-", "--", "—", "——", "－", "\\", "无", "空", "暂无":
		return 0, true, false
	}
	for _, u := range []string{"万元", "元", "件", "个", "项", "次", "宗", "人次"} {
		if s, found := strings.CutSuffix(t, u); found {
			t = s
			break
		}
	}
	t = strings.ReplaceAll(t, ",", "")
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || strings.ContainsAny(t, "eEnNxX") {
		return 0, false, false
	}
	return f, false, true
}

// attachmentExt are the file types a report is attached as.
var attachmentExt = []string{".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".et", ".zip", ".rar"}

// annualFiles returns a page's attached files and content pictures.
func annualFiles(root *html.Node, base *url.URL) (files, images []string) {
	have := map[string]bool{}
	add := func(list *[]string, u string) {
		if u != "" && !have[u] {
			have[u] = true
			*list = append(*list, u)
		}
	}
	for _, n := range findAll(root, func(n *html.Node) bool { return !inNoise(n) }) {
		switch n.Data {
		case "a", "iframe", "embed", "object":
			href := attr(n, "href")
			if href == "" {
				href = attr(n, "src")
			}
			if href == "" {
				href = attr(n, "data")
			}
			u := resolve(base, href)
			lower := strings.ToLower(u)
			if i := strings.IndexAny(lower, "?#"); i >= 0 {
				lower = lower[:i]
			}
			for _, ext := range attachmentExt {
				if strings.HasSuffix(lower, ext) {
					add(&files, u)
				}
			}
		case "img":
			if strings.Contains(strings.ToLower(attr(n, "src")+attr(n, "class")), "logo") {
				continue
			}
			add(&images, resolve(base, attr(n, "src")))
		}
	}
	return files, images
}

// paragraphPrints fingerprints a page's text paragraphs outside tables:
// without digits, spaces and punctuation, so a paragraph copied with only
// the year and the figures changed still matches.
func paragraphPrints(root *html.Node) []string {
	var out []string
	have := map[string]bool{}
	for _, p := range findAll(root, func(n *html.Node) bool { return n.Data == "p" && !inNoise(n) }) {
		inTable := false
		for a := p.Parent; a != nil; a = a.Parent {
			if a.Data == "table" {
				inTable = true
				break
			}
		}
		if inTable {
			continue
		}
		var b strings.Builder
		for _, r := range nodeText(p) {
			if unicode.IsLetter(r) && !unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		s := chineseDigitsOut(b.String())
		if len([]rune(s)) < 20 {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(s))
		k := strconv.FormatUint(h.Sum64(), 16)
		if !have[k] {
			have[k] = true
			out = append(out, k)
		}
	}
	return out
}

// chineseDigitsOut drops the year digits written in Chinese numerals.
func chineseDigitsOut(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("〇○零", r) {
			return -1
		}
		return r
	}, s)
}
