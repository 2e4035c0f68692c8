package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"

	"github.com/gongkai/gongkai/internal/yamlfile"
)

// Error is one problem in a config file, with the line it is on.
type Error = yamlfile.Error

// DefaultUserAgent identifies the crawler to the sites it reads. HTTP
// header values are ASCII: a non-ASCII agent is mangled or refused on the
// way, so the project's name is written in pinyin.
const DefaultUserAgent = "gongkai/1 (zhengwu gongkai monitor; +https://github.com/gongkai/gongkai)"

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
	var c Config
	v, err := yamlfile.Decode(name, data, &c)
	if err != nil {
		return nil, err
	}
	c.File = name
	c.applyDefaults()
	c.validate(v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return &c, nil
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
		cr.UserAgent = DefaultUserAgent
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
	if cr.MaxItems == 0 {
		cr.MaxItems = 10000
	}
	if cr.UnitBudget.v == 0 && cr.UnitBudget.bad == "" {
		cr.UnitBudget = NewDuration(2 * time.Hour)
	}
	if cr.HostTimeouts == 0 {
		cr.HostTimeouts = 5
	}
	for i := range c.Units {
		for j := range c.Units[i].Columns {
			if c.Units[i].Columns[j].Profile == "" {
				c.Units[i].Columns[j].Profile = "auto"
			}
		}
		for j := range c.Units[i].Mailboxes {
			if c.Units[i].Mailboxes[j].Format == "" {
				c.Units[i].Mailboxes[j].Format = "auto"
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

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

func (c *Config) validate(v *yamlfile.Validator) {
	cr := c.Crawl
	checkDuration(v, "crawl.delay", cr.Delay)
	for _, r := range cr.UserAgent {
		if r < 0x20 || r > 0x7E {
			v.Fail("crawl.user_agent", "%q: use printable ASCII only (HTTP headers carry nothing else)", cr.UserAgent)
			break
		}
	}
	checkDuration(v, "crawl.timeout", cr.Timeout)
	if cr.MaxBody < 0 {
		v.Fail("crawl.max_body", "not a size (write e.g. 8MiB)")
	}
	if cr.Parallelism < 0 {
		v.Fail("crawl.parallelism", "must be at least 1")
	}
	if cr.Units < 0 {
		v.Fail("crawl.units", "must be at least 1")
	}
	if cr.Retries < 0 {
		v.Fail("crawl.retries", "must not be negative")
	}
	if cr.MaxPages < 0 {
		v.Fail("crawl.max_pages", "must be at least 1")
	}
	if cr.MaxItems < 0 {
		v.Fail("crawl.max_items", "must be at least 1")
	}
	checkDuration(v, "crawl.unit_budget", cr.UnitBudget)
	if cr.HostTimeouts < 0 {
		v.Fail("crawl.host_timeouts", "must be at least 1")
	}
	if s := c.Load.MaxFailedShare; s != nil && (*s < 0 || *s > 1) {
		v.Fail("load.max_failed_share", "must be a share between 0 and 1, e.g. 0.5")
	}
	for i, o := range c.Calendar.Overrides {
		if _, err := time.Parse("2006-01-02", o.Date); err != nil {
			v.Fail(fmt.Sprintf("calendar.overrides[%d].date", i), "not a date like 2026-10-08: %q", o.Date)
		}
	}
	for name, p := range c.Profiles {
		f := "profiles." + name
		if !contains(Presets, p.Family) {
			v.Fail(f+".family", "unknown family %q (one of %s)", p.Family, strings.Join(Presets, ", "))
		}
		checkSelectors(v, f, p)
		if p.Family == "json" && p.API == "" && p.ItemsPath == "" {
			v.Fail(f+".items_path", "a json profile needs items_path")
		}
		if p.Method != "" && !strings.EqualFold(p.Method, "GET") && !strings.EqualFold(p.Method, "POST") {
			v.Fail(f+".method", "must be GET or POST, not %q", p.Method)
		}
		if p.Body != "" && p.Form != "" {
			v.Fail(f+".body", "a profile posts a form or a body, not both")
		}
	}
	if len(c.Units) == 0 {
		v.Fail("units", "no units configured")
	}
	unitIDs := map[string]bool{}
	unitNames := map[string]int{}
	for i, u := range c.Units {
		f := fmt.Sprintf("units[%d]", i)
		switch {
		case u.ID == "":
			v.Fail(f+".id", "missing")
		case !idPattern.MatchString(u.ID):
			v.Fail(f+".id", "%q: use letters, digits, '-', '_' or '.'", u.ID)
		case unitIDs[u.ID]:
			v.Fail(f+".id", "duplicate unit id %q", u.ID)
		}
		unitIDs[u.ID] = true
		if name := strings.TrimSpace(u.Name); name == "" {
			v.Fail(f+".name", "missing")
		} else if j, dup := unitNames[name]; dup {
			// Workbooks, rankings and 问题清单 are read by name: two units
			// of one name could not be told apart.
			v.Fail(f+".name", "duplicate unit name %q (also units[%d])", name, j)
		} else {
			unitNames[name] = i
		}
		if !contains(Kinds, u.Kind) {
			v.Fail(f+".kind", "%q: must be one of %s", u.Kind, strings.Join(Kinds, ", "))
		}
		if u.Home != "" && !isHTTPURL(u.Home) {
			v.Fail(f+".home", "not an absolute http(s) URL: %q", u.Home)
		}
		if len(u.Columns) == 0 && len(u.Mailboxes) == 0 && u.Home == "" {
			v.Fail(f, "unit %q has no columns, mailboxes or home page", u.ID)
		}
		ids := map[string]bool{}
		for j, col := range u.Columns {
			cf := fmt.Sprintf("%s.columns[%d]", f, j)
			checkID(v, cf+".id", col.ID, ids)
			if strings.TrimSpace(col.Name) == "" {
				v.Fail(cf+".name", "missing")
			}
			if !isHTTPURL(col.URL) {
				v.Fail(cf+".url", "not an absolute http(s) URL: %q", col.URL)
			}
			if _, custom := c.Profiles[col.Profile]; !custom && !contains(Presets, col.Profile) {
				v.Fail(cf+".profile", "unknown profile %q (a preset: %s, or one under profiles:)", col.Profile, strings.Join(Presets, ", "))
			}
			if col.Profile == "json" && col.API == "" {
				v.Fail(cf+".api", "a json column needs the list API URL (with {page})")
			}
			if col.API != "" && !isHTTPURL(strings.NewReplacer("{page}", "1", "{size}", "20").Replace(col.API)) {
				v.Fail(cf+".api", "not an absolute http(s) URL: %q", col.API)
			}
			if col.Category != "" && !contains(Categories, col.Category) {
				v.Fail(cf+".category", "%q is not a standard category (%s)", col.Category, strings.Join(Categories, " "))
			}
		}
		for j, mb := range u.Mailboxes {
			mf := fmt.Sprintf("%s.mailboxes[%d]", f, j)
			checkID(v, mf+".id", mb.ID, ids)
			if !isHTTPURL(mb.URL) {
				v.Fail(mf+".url", "not an absolute http(s) URL: %q", mb.URL)
			}
			if mb.Format != "auto" && mb.Format != "html" && mb.Format != "json" {
				v.Fail(mf+".format", "%q: must be auto, html or json", mb.Format)
			}
			if m := strings.ToUpper(mb.Method); m != "" && m != "GET" && m != "POST" {
				v.Fail(mf+".method", "%q: must be GET or POST", mb.Method)
			}
			if mb.API != "" && !strings.Contains(mb.API+mb.Form, "{page}") && !strings.Contains(mb.API+mb.Form, "{offset}") {
				v.Fail(mf+".api", "%q: no {page} or {offset} in the api or its form", mb.API)
			}
			if mb.Token != "" && mb.API == "" {
				v.Fail(mf+".token", "a token header needs an api")
			}
			if (mb.Method != "" || mb.Form != "") && mb.API == "" {
				v.Fail(mf+".api", "method and form need an api")
			}
			if mb.Detail != "" && !strings.Contains(mb.Detail, "{id}") {
				v.Fail(mf+".detail", "%q: no {id}", mb.Detail)
			}
		}
	}
}

// checkSelectors compiles a profile's CSS selectors now, so a typing
// error is found at load with its line, not after a month's crawl.
func checkSelectors(v *yamlfile.Validator, field string, p Profile) {
	for _, s := range []struct{ name, sel string }{
		{"item", p.Item}, {"link", p.Link}, {"title", p.Title}, {"date", p.Date}, {"next", p.Next},
	} {
		if strings.TrimSpace(s.sel) == "" {
			continue
		}
		if _, err := cascadia.Compile(s.sel); err != nil {
			v.Fail(field+"."+s.name, "not a CSS selector: %q: %v", s.sel, err)
		}
	}
}

func checkDuration(v *yamlfile.Validator, field string, d Duration) {
	switch {
	case d.bad != "":
		v.Fail(field, "not a duration: %q (write e.g. 500ms, 2s, 1m)", d.bad)
	case d.v < 0:
		v.Fail(field, "must not be negative")
	}
}

func checkID(v *yamlfile.Validator, field, id string, seen map[string]bool) {
	switch {
	case id == "":
		v.Fail(field, "missing")
	case !idPattern.MatchString(id):
		v.Fail(field, "%q: use letters, digits, '-', '_' or '.'", id)
	case seen[id]:
		v.Fail(field, "duplicate id %q within the unit", id)
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
