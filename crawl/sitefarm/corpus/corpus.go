// Package corpus serves list structures modeled on the public markup of
// named government websites, each with its truth, on 127.0.0.1. A
// structure is one file under lists/: a header of "key: value" lines, then
// templates (text/template) for the list page and, where the site has one,
// its list API and the script files its page loads ("--- script PATH").
// Adding a structure is adding a file.
//
// The package owns the structures and their server; it must not know how
// extraction works: the truth is the generated items, never what an
// extractor returned.
package corpus

import (
	"bufio"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
)

//go:embed lists/*.txt
var files embed.FS

// Structure is one list structure: where it comes from, how it is written,
// and the items it lists.
type Structure struct {
	Name    string // file name without extension
	Site    string // the real site it is modeled on
	Source  string // where its markup was learned
	Markup  string // the list markup, in words
	Pager   string // the pager, in words
	Column  string // path of the column's first page
	PageURL string // path (and query) of page k ≥ 2, with {k}; empty when pages are reached otherwise
	API     string // path of the list API or data proxy, if any
	// PageParam is the query or form field that carries the page number
	// on the API or on a form-posted list page.
	PageParam string
	PerPage   int
	Count     int
	// Dated says the list shows dates; an undated list's dates are on its
	// detail pages only.
	Dated bool
	// Auto is "exact" when the auto profile reads the structure exactly,
	// else the reason it cannot, with Profile (JSON of an extract profile)
	// the documented profile that does.
	Auto    string
	Profile string
	Browser bool // only a browser can read it statically unreadable list
	// Scripts are the paths of the script files the page loads, each
	// served from its "--- script PATH" template (a JavaScript file that
	// does what the real site's bundle does), so that a browser can build
	// the list.
	Scripts []string

	Items []Item
	tmpl  *template.Template
}

// Item is one true list entry.
type Item struct {
	ID    int
	Href  string // as the page writes it
	Title string // full title
	Date  time.Time
}

// shanghai is China Standard Time.
var shanghai = time.FixedZone("CST", 8*3600)

// Newest is the date of every structure's newest item; the crawl reference
// is a week later.
var Newest = time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)

// Load reads every structure.
func Load() ([]*Structure, error) {
	common, err := fs.ReadFile(files, "lists/_common.txt")
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	names, err := fs.Glob(files, "lists/*.txt")
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	sort.Strings(names)
	var out []*Structure
	for _, n := range names {
		if strings.HasPrefix(path.Base(n), "_") {
			continue
		}
		b, err := fs.ReadFile(files, n)
		if err != nil {
			return nil, fmt.Errorf("load corpus: %w", err)
		}
		s, err := parse(strings.TrimSuffix(path.Base(n), ".txt"), string(b), string(common))
		if err != nil {
			return nil, fmt.Errorf("load corpus %s: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// parse reads one structure file: header lines until the first "--- name"
// line, then named templates.
func parse(name, text, common string) (*Structure, error) {
	s := &Structure{Name: name, PerPage: 15, Count: 40, Dated: true, Auto: "exact"}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	var hrefTmpl string
	sections := map[string]*strings.Builder{}
	var cur *strings.Builder
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.HasPrefix(l, "--- ") {
			sec := strings.TrimSpace(l[4:])
			if p, ok := strings.CutPrefix(sec, "script "); ok {
				p = strings.TrimSpace(p)
				if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, " ?#") {
					return nil, fmt.Errorf("line %d: script section wants an absolute path, got %q", line, p)
				}
				if sections[sec] != nil {
					return nil, fmt.Errorf("line %d: script %s given twice", line, p)
				}
				s.Scripts = append(s.Scripts, p)
			}
			cur = &strings.Builder{}
			sections[sec] = cur
			continue
		}
		if cur != nil {
			cur.WriteString(l)
			cur.WriteByte('\n')
			continue
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: want key: value, got %q", line, l)
		}
		v = strings.TrimSpace(v)
		var err error
		switch strings.TrimSpace(k) {
		case "site":
			s.Site = v
		case "source":
			s.Source = v
		case "markup":
			s.Markup = v
		case "pager":
			s.Pager = v
		case "column":
			s.Column = v
		case "page_url":
			s.PageURL = v
		case "api":
			s.API = v
		case "page_param":
			s.PageParam = v
		case "per_page":
			s.PerPage, err = strconv.Atoi(v)
		case "count":
			s.Count, err = strconv.Atoi(v)
		case "dated":
			s.Dated, err = strconv.ParseBool(v)
		case "href":
			hrefTmpl = v
		case "auto":
			s.Auto = v
		case "profile":
			s.Profile = v
		case "browser":
			s.Browser, err = strconv.ParseBool(v)
		default:
			return nil, fmt.Errorf("line %d: unknown key %q", line, k)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %s: %w", line, k, err)
		}
	}
	if s.Column == "" || sections["page"] == nil {
		return nil, fmt.Errorf("needs column: and a --- page template")
	}
	if sections["script"] != nil {
		return nil, fmt.Errorf("a script section names the path it is served at: --- script /path/file.js")
	}
	if hrefTmpl == "" {
		hrefTmpl = "/art/{{date .Date \"2006/1/2\"}}/art_{{.ID}}.html"
	}
	t := template.New(name).Funcs(funcs)
	if _, err := t.Parse(common); err != nil {
		return nil, fmt.Errorf("common templates: %w", err)
	}
	if _, err := t.New("href").Parse(hrefTmpl); err != nil {
		return nil, fmt.Errorf("href: %w", err)
	}
	for sec, b := range sections {
		if _, err := t.New(sec).Parse(b.String()); err != nil {
			return nil, fmt.Errorf("template %s: %w", sec, err)
		}
	}
	s.tmpl = t
	s.Items = genItems(name, s.Count)
	for i := range s.Items {
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, "href", s.Items[i]); err != nil {
			return nil, fmt.Errorf("href: %w", err)
		}
		s.Items[i].Href = strings.TrimSpace(b.String())
	}
	return s, nil
}

// Pages is the number of list pages.
func (s *Structure) Pages() int { return max(1, (s.Count+s.PerPage-1)/s.PerPage) }

// genItems makes a structure's items: newest first, one to four days
// apart, titles of every length drawn from the structure's name so that
// each structure lists different things.
func genItems(name string, n int) []Item {
	h := fnv.New32a()
	h.Write([]byte(name))
	seed := h.Sum32()
	next := func() uint32 {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return seed
	}
	items := make([]Item, n)
	d := Newest
	for i := range items {
		if i > 0 {
			d = d.AddDate(0, 0, -int(next()%4))
		}
		org := orgs[next()%uint32(len(orgs))]
		subj := subjects[next()%uint32(len(subjects))]
		var title string
		switch next() % 5 {
		case 0:
			title = org + "关于" + subj + "的通知"
		case 1:
			title = "关于印发《" + org + subj + "实施方案》的通知"
		case 2:
			title = org + "召开" + subj + "工作推进会"
		case 3:
			title = "关于公开征求《" + subj + "管理办法（征求意见稿）》意见的公告"
		default:
			title = org + subj + "情况公示"
		}
		items[i] = Item{ID: 1000 + int(seed%9000)*10 + i, Title: title, Date: d}
	}
	return items
}

var orgs = []string{"市人民政府办公室", "区发展和改革局", "县财政局", "市生态环境局", "区教育局", "镇人民政府", "街道办事处",
	"市自然资源和规划局", "区卫生健康委员会", "县住房和城乡建设局", "市市场监督管理局", "区人力资源和社会保障局"}

var subjects = []string{"2026年度重点项目", "城乡居民医疗保险", "农村人居环境整治", "安全生产专项整治", "优化营商环境",
	"老旧小区改造", "高标准农田建设", "义务教育阶段招生", "政府信息公开工作", "消防安全隐患排查", "秋冬季大气污染防治",
	"困难群众救助", "政务服务“一网通办”", "耕地保护", "防汛防台风"}

var funcs = template.FuncMap{
	"date": func(t time.Time, layout string) string { return t.Format(layout) },
	"cut": func(n int, s string) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return string(r[:n]) + "…"
	},
	"add": func(a, b int) int { return a + b },
	"mod": func(a, b int) int { return a % b },
	"sub": func(a, b int) int { return a - b },
	"seq": func(a, b int) []int {
		var out []int
		for i := a; i <= b; i++ {
			out = append(out, i)
		}
		return out
	},
	"epochms": func(t time.Time) int64 { return t.UnixMilli() },
	"js":      template.JSEscapeString,
	"last":    func(i, n int) bool { return i == n-1 },
}
