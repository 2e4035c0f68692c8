package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration file.
type Config struct {
	// Output holds where gongkai keeps its data.
	Output Output `yaml:"output"`
	// Rules is the path of the rules file (thresholds, weights, targets);
	// empty means the built-in rules of the period's year.
	Rules string `yaml:"rules"`
	// Crawl holds crawl settings shared by all units.
	Crawl Crawl `yaml:"crawl"`
	// Calendar holds local working-day overrides.
	Calendar Calendar `yaml:"calendar"`
	// Load holds what loading decides about runs.
	Load LoadSettings `yaml:"load"`
	// Report holds what the workbooks print beyond the figures.
	Report Report `yaml:"report"`
	// Profiles are custom site profiles, by name, usable from columns.
	Profiles map[string]Profile `yaml:"profiles"`
	// Units are the units under assessment.
	Units []Unit `yaml:"units"`

	// File is the path the config was read from (for messages and for
	// resolving relative paths).
	File string `yaml:"-"`
}

// Output says where data goes. Relative paths are relative to Dir, and Dir
// is relative to the config file's directory.
type Output struct {
	Dir      string `yaml:"dir"`      // default "gongkai-data"
	Landing  string `yaml:"landing"`  // default "landing"
	Database string `yaml:"database"` // default "gongkai.duckdb"
	Reports  string `yaml:"reports"`  // default "reports"
}

// Crawl holds crawl settings.
type Crawl struct {
	UserAgent   string   `yaml:"user_agent"`
	Delay       Duration `yaml:"delay"`       // between requests to one host
	Parallelism int      `yaml:"parallelism"` // requests at once per host
	Units       int      `yaml:"units"`       // units crawled at once
	Timeout     Duration `yaml:"timeout"`     // per request
	Retries     int      `yaml:"retries"`     // after the first attempt
	MaxBody     ByteSize `yaml:"max_body"`
	MaxPages    int      `yaml:"max_pages"` // list pages per column per run
	Robots      *bool    `yaml:"robots"`    // obey robots.txt (default true)
	Overlap     int      `yaml:"overlap"`   // already-seen items to read past before stopping an incremental run
	// AllowPrivate lets the crawler reach loopback and private addresses.
	// Off by default: a real unit's site never lives there.
	AllowPrivate bool `yaml:"allow_private"`
	// Bounds of one run's work, so a hostile or broken site cannot hold
	// the batch: items read per column, wall time per unit, and timeouts
	// in a row after which a host is no longer requested.
	MaxItems     int      `yaml:"max_items"`
	UnitBudget   Duration `yaml:"unit_budget"`
	HostTimeouts int      `yaml:"host_timeouts"`
}

// LoadSettings holds load settings.
type LoadSettings struct {
	// MaxFailedShare is the share of a run's sources (columns, mailboxes,
	// home pages) that may fail before the run stops being a default
	// cutoff; nil means 0.5.
	MaxFailedShare *float64 `yaml:"max_failed_share"`
}

// Report holds what the workbooks print beyond the figures.
type Report struct {
	// Issuer is the issuing office printed in the 落款 of the scorecard
	// and of each 问题清单; empty leaves a line to sign by hand.
	Issuer string `yaml:"issuer"`
	// VetoedLast ranks vetoed units after every unit not vetoed, as a 通报
	// does; nil means true.
	VetoedLast *bool `yaml:"vetoed_last"`
}

// VetoedLast is report.vetoed_last, or its default true.
func (c *Config) VetoedLast() bool {
	return c.Report.VetoedLast == nil || *c.Report.VetoedLast
}

// MaxFailedShare is load.max_failed_share, or its default 0.5.
func (c *Config) MaxFailedShare() float64 {
	if c.Load.MaxFailedShare == nil {
		return 0.5
	}
	return *c.Load.MaxFailedShare
}

// Calendar holds working-day overrides on top of the State Council schedule.
type Calendar struct {
	Overrides []DayOverride `yaml:"overrides"`
}

// DayOverride marks one day as a working day or not.
type DayOverride struct {
	Date    string `yaml:"date"` // 2006-01-02
	Workday bool   `yaml:"workday"`
	Note    string `yaml:"note"`
}

// Profile is a custom site profile: how a column lists items.
type Profile struct {
	Family    string `yaml:"family"` // trs, hanweb, json, generic, auto
	Item      string `yaml:"item"`   // CSS selector of one list entry
	Link      string `yaml:"link"`
	Title     string `yaml:"title"`
	Date      string `yaml:"date"`
	Next      string `yaml:"next"`
	API       string `yaml:"api"` // JSON list API with {page}
	ItemsPath string `yaml:"items_path"`
	URLPath   string `yaml:"url_path"`
	TitlePath string `yaml:"title_path"`
	DatePath  string `yaml:"date_path"`
	TotalPath string `yaml:"total_path"`
	PageSize  int    `yaml:"page_size"`
	// For sites auto cannot read (docs/sites.md has an example of each).
	PageURL    string `yaml:"page_url"`    // page N of an HTML list: {page}, {page0}
	Method     string `yaml:"method"`      // POST for form or JSON-body requests
	Form       string `yaml:"form"`        // POST form, urlencoded: a=1&pageNo={page}
	Body       string `yaml:"body"`        // POST JSON body, may hold {page} and {size}
	HTMLPath   string `yaml:"html_path"`   // JSON field holding the list as HTML
	DetailURL  string `yaml:"detail_url"`  // item URL from row fields: /detail?id={id}
	DateFormat string `yaml:"date_format"` // YYYYMMDD, DD/MM/YYYY, epoch, epoch_ms …
	Render     bool   `yaml:"render"`      // only a browser can build the list
}

// Unit is one unit under assessment.
type Unit struct {
	ID              string    `yaml:"id"`
	Name            string    `yaml:"name"`
	Kind            string    `yaml:"kind"` // 部门, 乡镇 or 街道
	Home            string    `yaml:"home"`
	MustHaveMailbox *bool     `yaml:"must_have_mailbox"` // default true
	Robots          *bool     `yaml:"robots"`            // overrides crawl.robots
	Hosts           []string  `yaml:"hosts"`             // extra hosts the unit's pages may live on
	Columns         []Column  `yaml:"columns"`
	Mailboxes       []Mailbox `yaml:"mailboxes"`
}

// Column is one 政府信息公开 column of a unit.
type Column struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	URL      string `yaml:"url"`
	Category string `yaml:"category"` // standard category; empty = from the name
	Profile  string `yaml:"profile"`  // preset (trs, hanweb, json, generic, auto) or a custom profile name; default auto
	API      string `yaml:"api"`      // JSON list API with {page}, for json profiles
	// AnnualReport marks the unit's 年报 column (政府信息公开工作年度报告)
	// when its category or name does not say so.
	AnnualReport bool `yaml:"annual_report"`
}

// Mailbox is one letters channel of a unit.
type Mailbox struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	URL    string `yaml:"url"`
	Format string `yaml:"format"` // auto (default), html or json
	// A mailbox profile says what auto cannot find (docs/sites.md): the
	// CSS selector of the letter rows; the list API (a URL template with
	// {page} and {size}), its method and POST form; a letter's page built
	// from its row id ({id}).
	Rows     string `yaml:"rows"`
	API      string `yaml:"api"`
	Method   string `yaml:"method"`
	Form     string `yaml:"form"`
	PageSize int    `yaml:"page_size"`
	Detail   string `yaml:"detail"`
	// Token is the header in which the API wants the CSRF token the
	// mailbox page writes (X-CSRF-TOKEN); the page is read first for it
	// and for its session cookie.
	Token string `yaml:"token"`
}

// Kinds of unit.
var Kinds = []string{"部门", "乡镇", "街道"}

// Presets are the built-in profile names.
var Presets = []string{"trs", "hanweb", "json", "generic", "auto"}

// RobotsFor reports whether robots.txt is obeyed for a unit.
func (c *Config) RobotsFor(u Unit) bool {
	if u.Robots != nil {
		return *u.Robots
	}
	if c.Crawl.Robots != nil {
		return *c.Crawl.Robots
	}
	return true
}

// MustHaveMailbox reports whether the rules expect the unit to run a mailbox.
func (u Unit) MustHave() bool {
	return u.MustHaveMailbox == nil || *u.MustHaveMailbox
}

// Duration is a time span written as 500ms, 2s or 1m30s. A value that does
// not parse is kept and reported by validation with its line.
type Duration struct {
	v   time.Duration
	bad string
}

// NewDuration returns d as a Duration.
func NewDuration(d time.Duration) Duration { return Duration{v: d} }

// UnmarshalYAML reads a duration.
func (d *Duration) UnmarshalYAML(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"'`)
	v, err := time.ParseDuration(s)
	if err != nil {
		*d = Duration{bad: s}
		return nil
	}
	*d = Duration{v: v}
	return nil
}

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return d.v }

// ByteSize is a size in bytes written as 8MiB, 512KiB, 1000000 or 2MB.
// A value that does not parse is stored as -1 and reported by validation.
type ByteSize int64

// UnmarshalYAML reads a size.
func (b *ByteSize) UnmarshalYAML(data []byte) error {
	n, err := ParseByteSize(strings.Trim(strings.TrimSpace(string(data)), `"'`))
	if err != nil {
		n = -1
	}
	*b = n
	return nil
}

// ParseByteSize parses 8MiB, 512KiB, 1000000, 2MB, 1GiB.
func ParseByteSize(s string) (ByteSize, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			// NaN, infinities and sizes past 8 EiB would wrap around to
			// negative numbers when converted.
			if err != nil || !(n >= 0) || n*float64(u.mult) >= math.MaxInt64 {
				return 0, fmt.Errorf("not a size: %q", s)
			}
			return ByteSize(n * float64(u.mult)), nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a size: %q (write e.g. 8MiB)", s)
	}
	return ByteSize(n), nil
}
