package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Error is one problem in a config file, with the line it is on.
type Error struct {
	File  string
	Line  int    // 0 when unknown
	Field string // e.g. units[2].columns[0].url
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Load reads and validates the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a config. name is used in messages and to
// resolve relative paths. The returned error joins one *Error per problem.
func Parse(name string, data []byte) (*Config, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	var c Config
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(name, err)
	}
	c.File = name
	c.applyDefaults()
	v := &validator{file: name, ast: file}
	c.validate(v)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return &c, nil
}

func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		line := 0
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line = tk.Position.Line
		}
		return &Error{File: name, Line: line, Msg: ye.GetMessage()}
	}
	return &Error{File: name, Msg: err.Error()}
}

func (c *Config) applyDefaults() {
	if c.Output.Dir == "" {
		c.Output.Dir = "gongkai-data"
	}
	if c.Output.Landing == "" {
		c.Output.Landing = "landing"
	}
	if c.Output.Database == "" {
		c.Output.Database = "gongkai.duckdb"
	}
	if c.Output.Reports == "" {
		c.Output.Reports = "reports"
	}
	cr := &c.Crawl
	if cr.UserAgent == "" {
		cr.UserAgent = "gongkai/1 (政务公开监测; +https://github.com/gongkai/gongkai)"
	}
	if cr.Parallelism == 0 {
		cr.Parallelism = 2
	}
	if cr.Units == 0 {
		cr.Units = 8
	}
	if cr.Timeout.v == 0 && cr.Timeout.bad == "" {
		cr.Timeout = NewDuration(30 * time.Second)
	}
	if cr.Retries == 0 {
		cr.Retries = 3
	}
	if cr.MaxBody == 0 {
		cr.MaxBody = 8 << 20
	}
	if cr.MaxPages == 0 {
		cr.MaxPages = 200
	}
	if cr.Overlap == 0 {
		cr.Overlap = 3
	}
	for i := range c.Units {
		for j := range c.Units[i].Columns {
			if c.Units[i].Columns[j].Profile == "" {
				c.Units[i].Columns[j].Profile = "auto"
			}
		}
		for j := range c.Units[i].Mailboxes {
			if c.Units[i].Mailboxes[j].Format == "" {
				c.Units[i].Mailboxes[j].Format = "html"
			}
		}
	}
}

// Path resolves one of the output paths: relative to Output.Dir, which is
// relative to the config file's directory.
func (c *Config) Path(p string) string {
	dir := c.Output.Dir
	if !filepath.IsAbs(dir) && c.File != "" {
		dir = filepath.Join(filepath.Dir(c.File), dir)
	}
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// LandingDir is where crawl runs are written.
func (c *Config) LandingDir() string { return c.Path(c.Output.Landing) }

// DatabasePath is the published DuckDB file.
func (c *Config) DatabasePath() string { return c.Path(c.Output.Database) }

// ReportsDir is where workbooks are written.
func (c *Config) ReportsDir() string { return c.Path(c.Output.Reports) }

// RulesPath is the rules file, resolved against the config's directory, or "".
func (c *Config) RulesPath() string {
	if c.Rules == "" || filepath.IsAbs(c.Rules) || c.File == "" {
		return c.Rules
	}
	return filepath.Join(filepath.Dir(c.File), c.Rules)
}

type validator struct {
	file string
	ast  *ast.File
	errs []error
}

// fail records a problem at field (a path like units[2].columns[0].url).
func (v *validator) fail(field, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.file, Line: v.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

// line finds the line of field in the document, or of its closest parent
// that is present (a missing field is reported where its parent is).
func (v *validator) line(field string) int {
	for f := field; f != ""; f = parentField(f) {
		p, err := yaml.PathString("$." + f)
		if err != nil {
			continue
		}
		n, err := p.FilterFile(v.ast)
		if err != nil || n == nil {
			continue
		}
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			return tk.Position.Line
		}
	}
	return 0
}

func parentField(f string) string {
	i := strings.LastIndexAny(f, ".[")
	if i <= 0 {
		return ""
	}
	return f[:i]
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

func (c *Config) validate(v *validator) {
	cr := c.Crawl
	checkDuration(v, "crawl.delay", cr.Delay)
	checkDuration(v, "crawl.timeout", cr.Timeout)
	if cr.MaxBody < 0 {
		v.fail("crawl.max_body", "not a size (write e.g. 8MiB)")
	}
	if cr.Parallelism < 0 {
		v.fail("crawl.parallelism", "must be at least 1")
	}
	if cr.Units < 0 {
		v.fail("crawl.units", "must be at least 1")
	}
	if cr.Retries < 0 {
		v.fail("crawl.retries", "must not be negative")
	}
	if cr.MaxPages < 0 {
		v.fail("crawl.max_pages", "must be at least 1")
	}
	for i, o := range c.Calendar.Overrides {
		if _, err := time.Parse("2006-01-02", o.Date); err != nil {
			v.fail(fmt.Sprintf("calendar.overrides[%d].date", i), "not a date like 2026-10-08: %q", o.Date)
		}
	}
	for name, p := range c.Profiles {
		f := "profiles." + name
		if !contains(Presets, p.Family) {
			v.fail(f+".family", "unknown family %q (one of %s)", p.Family, strings.Join(Presets, ", "))
		}
		if p.Family == "json" && p.API == "" && p.ItemsPath == "" {
			v.fail(f+".items_path", "a json profile needs items_path")
		}
	}
	if len(c.Units) == 0 {
		v.fail("units", "no units configured")
	}
	unitIDs := map[string]bool{}
	for i, u := range c.Units {
		f := fmt.Sprintf("units[%d]", i)
		switch {
		case u.ID == "":
			v.fail(f+".id", "missing")
		case !idPattern.MatchString(u.ID):
			v.fail(f+".id", "%q: use letters, digits, '-', '_' or '.'", u.ID)
		case unitIDs[u.ID]:
			v.fail(f+".id", "duplicate unit id %q", u.ID)
		}
		unitIDs[u.ID] = true
		if strings.TrimSpace(u.Name) == "" {
			v.fail(f+".name", "missing")
		}
		if !contains(Kinds, u.Kind) {
			v.fail(f+".kind", "%q: must be one of %s", u.Kind, strings.Join(Kinds, ", "))
		}
		if u.Home != "" && !isHTTPURL(u.Home) {
			v.fail(f+".home", "not an absolute http(s) URL: %q", u.Home)
		}
		if len(u.Columns) == 0 && len(u.Mailboxes) == 0 && u.Home == "" {
			v.fail(f, "unit %q has no columns, mailboxes or home page", u.ID)
		}
		ids := map[string]bool{}
		for j, col := range u.Columns {
			cf := fmt.Sprintf("%s.columns[%d]", f, j)
			checkID(v, cf+".id", col.ID, ids)
			if strings.TrimSpace(col.Name) == "" {
				v.fail(cf+".name", "missing")
			}
			if !isHTTPURL(col.URL) {
				v.fail(cf+".url", "not an absolute http(s) URL: %q", col.URL)
			}
			if _, custom := c.Profiles[col.Profile]; !custom && !contains(Presets, col.Profile) {
				v.fail(cf+".profile", "unknown profile %q (a preset: %s, or one under profiles:)", col.Profile, strings.Join(Presets, ", "))
			}
			if col.Profile == "json" && col.API == "" {
				v.fail(cf+".api", "a json column needs the list API URL (with {page})")
			}
			if col.API != "" && !isHTTPURL(strings.NewReplacer("{page}", "1", "{size}", "20").Replace(col.API)) {
				v.fail(cf+".api", "not an absolute http(s) URL: %q", col.API)
			}
			if col.Category != "" && !contains(Categories, col.Category) {
				v.fail(cf+".category", "%q is not a standard category (%s)", col.Category, strings.Join(Categories, " "))
			}
		}
		for j, mb := range u.Mailboxes {
			mf := fmt.Sprintf("%s.mailboxes[%d]", f, j)
			checkID(v, mf+".id", mb.ID, ids)
			if !isHTTPURL(mb.URL) {
				v.fail(mf+".url", "not an absolute http(s) URL: %q", mb.URL)
			}
			if mb.Format != "html" && mb.Format != "json" {
				v.fail(mf+".format", "%q: must be html or json", mb.Format)
			}
		}
	}
}

func checkDuration(v *validator, field string, d Duration) {
	switch {
	case d.bad != "":
		v.fail(field, "not a duration: %q (write e.g. 500ms, 2s, 1m)", d.bad)
	case d.v < 0:
		v.fail(field, "must not be negative")
	}
}

func checkID(v *validator, field, id string, seen map[string]bool) {
	switch {
	case id == "":
		v.fail(field, "missing")
	case !idPattern.MatchString(id):
		v.fail(field, "%q: use letters, digits, '-', '_' or '.'", id)
	case seen[id]:
		v.fail(field, "duplicate id %q within the unit", id)
	}
	seen[id] = true
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Categories are the standard 政府信息公开 categories.
var Categories = []string{
	"机构领导", "机构设置", "部门动态", "通知公告", "人事信息", "政策文件", "政策解读",
	"规划计划", "依法行政", "财政预决算", "招标采购", "重点领域", "民生公益",
	"政务公开工作专题", "依申请公开", "其他",
}
