// Package mailboxes is the farm's corpus of mailbox structures (领导信箱,
// 在线咨询, 市长信箱): each one modeled on a named real government site's
// public markup, kept as one data file (*.tmpl) holding the structure's
// catalogue entry, its letters (the truth) and the templates of its pages.
// Adding a structure is adding a file.
//
// The package serves the structures on 127.0.0.1 and says what a reader
// should find. It must not know how the crawler reads them.
package mailboxes

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/goccy/go-yaml"
)

//go:embed *.tmpl
var files embed.FS

// Structure is one mailbox structure: its catalogue entry, where its pages
// are, and its letters.
type Structure struct {
	Name string `yaml:"name"`
	Site string `yaml:"site"` // the real site it is modeled on
	// Source says where the markup was learned: the public scraper of the
	// site that shows it, or what was searched and not found.
	Source string `yaml:"source"`
	Markup string `yaml:"markup"` // how a letter row is written
	Pager  string `yaml:"pager"`  // how the pager works
	// List is the path (and query) of page 1 — what a user configures.
	List string `yaml:"list"`
	// Page is the path of page n: {n} 1-based, {n0} 0-based, {off} the
	// 0-based number of its first letter. For a POST pager it is the
	// form's action, the page number in PageField.
	Page      string `yaml:"page"`
	Method    string `yaml:"method"` // GET (default) or POST, for pages after the first
	PageField string `yaml:"page_field"`
	// API is the JSON list endpoint a shell page's script calls ({n} as in
	// Page; a POST API takes the page in PageField).
	API       string `yaml:"api"`
	APIMethod string `yaml:"api_method"`
	// APIBody is "json" when a POST API reads its fields from a JSON
	// request body only.
	APIBody string `yaml:"api_body"`
	// PageFrom says what PageField holds: "" the 1-based page number,
	// "offset" the 0-based number of the page's first letter, "record"
	// its 1-based number (read from the form or the query).
	PageFrom string `yaml:"page_from"`
	PageSize int    `yaml:"page_size"`
	// Detail is the path of a letter's page, {id} its id; "" when the
	// site publishes letters only in its list.
	Detail string `yaml:"detail"`
	// Encoding is the pages' encoding: "" (UTF-8) or "gbk".
	Encoding string `yaml:"encoding"`
	// HeaderCharset names the pages whose HTTP header declares the
	// charset ("list N", "detail"); the others send text/html bare.
	HeaderCharset []string `yaml:"header_charset"`
	// Session is the name of a cookie the list page sets; the API
	// answers only requests that send it back.
	Session string `yaml:"session"`
	// CSRF is the header in which the API wants the token the list page
	// writes ({{token}} in the templates).
	CSRF string `yaml:"csrf"`
	// Shows lists what a replied letter's detail page shows: handler,
	// replied, reply.
	Shows []string `yaml:"shows"`
	// ListShows lists what the list rows show beside title and date.
	ListShows []string `yaml:"list_shows"`
	Letters   []Letter `yaml:"letters"`
	// Exception says why auto, with only the URL, cannot read the
	// structure exactly; "" when it can. Profile is then the mailbox
	// profile that reads it exactly.
	Exception string `yaml:"exception"`
	// Browser says only a browser can read the list: scripts write its
	// rows from an address the page does not write out.
	Browser bool    `yaml:"browser"`
	Profile Profile `yaml:"profile"`

	tmpl     *template.Template
	mu       sync.Mutex
	sessions map[string]bool // session cookie values the list page gave
}

// Profile is a mailbox profile as a user writes it in the configuration.
type Profile struct {
	Rows     string `yaml:"rows"`
	API      string `yaml:"api"`
	Method   string `yaml:"method"`
	Form     string `yaml:"form"`
	PageSize int    `yaml:"page_size"`
	Detail   string `yaml:"detail"`
	Token    string `yaml:"token"`
}

// Letter is one letter of a structure, as the site holds it.
type Letter struct {
	ID       int    `yaml:"id"`
	No       string `yaml:"no"`
	Title    string `yaml:"title"`
	Type     string `yaml:"type"`
	Received string `yaml:"received"` // 2006-01-02 15:04
	Status   string `yaml:"status"`   // the site's wording
	Handler  string `yaml:"handler"`
	Replied  string `yaml:"replied"` // "" when not replied
	Reply    string `yaml:"reply"`
}

// ReceivedTime and RepliedTime parse the letter's times (Asia/Shanghai).
func (l Letter) ReceivedTime() time.Time { return parseTime(l.Received) }
func (l Letter) RepliedTime() time.Time  { return parseTime(l.Replied) }

var shanghai = time.FixedZone("CST", 8*3600)

func parseTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		return time.Time{}
	}
	return t
}

// IsReplied reports whether the letter has a reply.
func (l Letter) IsReplied() bool { return l.Replied != "" }

// Shown reports whether a replied letter's page shows field.
func (s *Structure) Shown(field string) bool {
	for _, f := range s.Shows {
		if f == field {
			return true
		}
	}
	return false
}

// ListShown reports whether the list rows show field.
func (s *Structure) ListShown(field string) bool {
	for _, f := range s.ListShows {
		if f == field {
			return true
		}
	}
	return false
}

// Load reads every structure of the corpus, sorted by name.
func Load() ([]*Structure, error) {
	names, err := fs.Glob(files, "*.tmpl")
	if err != nil {
		return nil, err
	}
	var out []*Structure
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		s, err := parse(name, b)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// parse splits a structure file at its "---" line: YAML above, the page
// templates (list, detail, api) below.
func parse(file string, b []byte) (*Structure, error) {
	head, body, ok := bytes.Cut(b, []byte("\n---\n"))
	if !ok {
		return nil, fmt.Errorf("mailbox structure %s: no --- line between data and templates", file)
	}
	s := &Structure{}
	if err := yaml.Unmarshal(head, s); err != nil {
		return nil, fmt.Errorf("mailbox structure %s: %w", file, err)
	}
	if want := strings.TrimSuffix(path.Base(file), ".tmpl"); s.Name != want {
		return nil, fmt.Errorf("mailbox structure %s: name %q, want %q", file, s.Name, want)
	}
	if s.PageSize <= 0 || s.List == "" || len(s.Letters) == 0 {
		return nil, fmt.Errorf("mailbox structure %s: list, page_size and letters are required", file)
	}
	if s.Detail == "" && len(s.Shows) > 0 {
		return nil, fmt.Errorf("mailbox structure %s: no letter pages, so shows must be empty (list_shows says what the rows show)", file)
	}
	if s.Exception != "" && s.Profile == (Profile{}) {
		return nil, fmt.Errorf("mailbox structure %s: an exception needs the profile that reads it", file)
	}
	t, err := template.New(file).Funcs(funcs(s)).Parse(string(body))
	if err != nil {
		return nil, fmt.Errorf("mailbox structure %s: %w", file, err)
	}
	for _, name := range []string{"list", "detail"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("mailbox structure %s: no %q template", file, name)
		}
	}
	s.tmpl = t
	for i := range s.Letters {
		l := &s.Letters[i]
		if l.ReceivedTime().IsZero() || (l.Replied != "" && l.RepliedTime().IsZero()) {
			return nil, fmt.Errorf("mailbox structure %s: letter %d: times must read 2006-01-02 15:04", file, l.ID)
		}
	}
	return s, nil
}

// Pages is the number of list pages.
func (s *Structure) Pages() int { return (len(s.Letters) + s.PageSize - 1) / s.PageSize }

// PageURL is the path of list page n (1-based).
func (s *Structure) PageURL(n int) string {
	if n == 1 || s.Page == "" {
		return s.List
	}
	return s.fill(s.Page, n)
}

// APIURL is the path of API page n.
func (s *Structure) APIURL(n int) string { return s.fill(s.API, n) }

func (s *Structure) fill(pattern string, n int) string {
	r := strings.NewReplacer("{n}", strconv.Itoa(n), "{n0}", strconv.Itoa(n-1), "{off}", strconv.Itoa((n-1)*s.PageSize))
	return r.Replace(pattern)
}

// DetailURL is the path of a letter's page, "" when letters have none.
func (s *Structure) DetailURL(l Letter) string {
	if s.Detail == "" {
		return ""
	}
	return strings.ReplaceAll(s.Detail, "{id}", strconv.Itoa(l.ID))
}

// Token is the CSRF token the list page writes and the API wants back.
func (s *Structure) Token() string { return "k" + strconv.FormatUint(uint64(fnv32(s.Name)), 36) + "Zq" }

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// pageData is what a list or API template is given.
type pageData struct {
	S       *Structure
	Letters []Letter
	Page    int
	Pages   int
	Total   int
}

// letter data for the detail template.
type detailData struct {
	S *Structure
	L Letter
}

func funcs(s *Structure) template.FuncMap {
	return template.FuncMap{
		"pageURL":   func(n int) string { return s.PageURL(n) },
		"apiURL":    func(n int) string { return s.APIURL(n) },
		"detailURL": func(l Letter) string { return s.DetailURL(l) },
		"add":       func(a, b int) int { return a + b },
		"sub":       func(a, b int) int { return a - b },
		"mod":       func(a, b int) int { return a % b },
		"seq": func(a, b int) []int {
			var out []int
			for i := a; i <= b; i++ {
				out = append(out, i)
			}
			return out
		},
		"date": func(layout, v string) string {
			t := parseTime(v)
			if t.IsZero() {
				return ""
			}
			return t.Format(layout)
		},
		"millis": func(v string) string {
			t := parseTime(v)
			if t.IsZero() {
				return "null"
			}
			return strconv.FormatInt(t.UnixMilli(), 10)
		},
		"shown": s.Shown,
		"token": s.Token,
		"json": func(v string) string {
			b, _ := jsonString(v)
			return b
		},
		"trunc": func(n int, v string) string {
			r := []rune(v)
			if len(r) <= n {
				return v
			}
			return string(r[:n]) + "…"
		},
	}
}

func (s *Structure) render(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return nil, fmt.Errorf("mailbox structure %s: %s: %w", s.Name, name, err)
	}
	return b.Bytes(), nil
}

// page renders list page n with template name ("list" or "api").
func (s *Structure) page(name string, n int) ([]byte, bool, error) {
	if n < 1 || n > s.Pages() {
		return nil, false, nil
	}
	lo, hi := (n-1)*s.PageSize, min(len(s.Letters), n*s.PageSize)
	b, err := s.render(name, pageData{S: s, Letters: s.Letters[lo:hi], Page: n, Pages: s.Pages(), Total: len(s.Letters)})
	return b, err == nil, err
}
