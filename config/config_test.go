package config

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const good = `# a small config
output:
  dir: data
crawl:
  delay: 500ms
  max_body: 4MiB
units:
  - id: jyj
    name: 市教育局
    kind: 部门
    home: http://jyj.example.gov.cn/
    columns:
      - id: gzdt
        name: 工作动态
        url: http://jyj.example.gov.cn/zwgk/gzdt/
        profile: trs
    mailboxes:
      - id: ldxx
        name: 局长信箱
        url: http://jyj.example.gov.cn/hdjl/ldxx/
`

func TestParseGood(t *testing.T) {
	c, err := Parse("/etc/gongkai/gongkai.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Crawl.Delay.D() != 500*time.Millisecond || c.Crawl.MaxBody != 4<<20 {
		t.Errorf("crawl = %+v", c.Crawl)
	}
	if got := c.DatabasePath(); got != "/etc/gongkai/data/gongkai.duckdb" {
		t.Errorf("DatabasePath = %q", got)
	}
	if c.Units[0].Mailboxes[0].Format != "auto" || !c.Units[0].MustHave() || !c.RobotsFor(c.Units[0]) {
		t.Errorf("defaults not applied: %+v", c.Units[0])
	}
}

func TestParseErrorsNameFileLineField(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"bad column url", strings.Replace(good, "url: http://jyj.example.gov.cn/zwgk/gzdt/", "url: zwgk/gzdt/", 1),
			`gongkai.yaml:15: units[0].columns[0].url: not an absolute http(s) URL: "zwgk/gzdt/"`},
		{"bad kind", strings.Replace(good, "kind: 部门", "kind: 局", 1),
			`gongkai.yaml:10: units[0].kind: "局": must be one of 部门, 乡镇, 街道`},
		{"missing name", strings.Replace(good, "    name: 市教育局\n", "", 1),
			`gongkai.yaml:8: units[0].name: missing`},
		{"unknown profile", strings.Replace(good, "profile: trs", "profile: wordpress", 1),
			`gongkai.yaml:16: units[0].columns[0].profile: unknown profile "wordpress"`},
		{"unknown field", strings.Replace(good, "    home:", "    homepage:", 1),
			`gongkai.yaml:11: units[0]: unknown field "homepage"`},
		{"byte-order mark before an error", "\ufeff" + strings.Replace(good, "kind: 部门", "kind: 局", 1),
			`gongkai.yaml:10: units[0].kind: "局": must be one of 部门, 乡镇, 街道`},
		{"type error names the yaml path", strings.Replace(good, "url: http://jyj.example.gov.cn/zwgk/gzdt/", "url: [a, b]", 1),
			`gongkai.yaml:15: units[0].columns[0].url: want text, got a list`},
		{"number expected", strings.Replace(good, "delay: 500ms", "parallelism: many", 1),
			`gongkai.yaml:5: crawl.parallelism: want a whole number, got "many"`},
		{"mapping expected", strings.Replace(good, "crawl:\n  delay: 500ms\n  max_body: 4MiB\n", "crawl: 5\n", 1),
			`gongkai.yaml:4: crawl: want a mapping (key: value lines), got "5"`},
		{"duplicate unit name", good + "  - id: jyj2\n    name: 市教育局\n    kind: 部门\n    home: http://jyj2.example.gov.cn/\n",
			`gongkai.yaml:22: units[1].name: duplicate unit name "市教育局" (also units[0])`},
		{"duplicate unit id", good + "  - id: jyj\n    name: 市教育局二\n    kind: 部门\n    home: http://jyj2.example.gov.cn/\n",
			`gongkai.yaml:21: units[1].id: duplicate unit id "jyj"`},
		{"non-ascii user agent", strings.Replace(good, "delay: 500ms", "user_agent: 政务公开监测", 1),
			`gongkai.yaml:5: crawl.user_agent: "政务公开监测": use printable ASCII only`},
		{"bad css selector", good + "profiles:\n  cms:\n    family: generic\n    item: \"ul.list > li[\"\n",
			`gongkai.yaml:24: profiles.cms.item: not a CSS selector: "ul.list > li["`},
		{"bad duration", strings.Replace(good, "delay: 500ms", "delay: soon", 1),
			`gongkai.yaml:5: crawl.delay: not a duration: "soon"`},
		{"syntax", good + "  - [\n", `gongkai.yaml:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("gongkai.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDefaultUserAgentASCII(t *testing.T) {
	c, err := Parse("gongkai.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Crawl.UserAgent {
		if r < 0x20 || r > 0x7E {
			t.Fatalf("default user agent %q has %q", c.Crawl.UserAgent, r)
		}
	}
}

func TestParseBOM(t *testing.T) {
	if _, err := Parse("gongkai.yaml", []byte("\ufeff"+good)); err != nil {
		t.Fatalf("a byte-order mark is refused: %v", err)
	}
}

func TestParseGBK(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(good)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("gongkai.yaml", []byte(gbk))
	want := "gongkai.yaml:9: the file is not UTF-8 (it looks like GBK/GB18030); save it as UTF-8"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]ByteSize{"8MiB": 8 << 20, "512KiB": 512 << 10, "1000": 1000, "2MB": 2e6} {
		got, err := ParseByteSize(in)
		if err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := ParseByteSize("lots"); err == nil {
		t.Error("accepted lots")
	}
}

func TestCrawlBounds(t *testing.T) {
	c, err := Parse("gongkai.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Crawl.MaxItems != 10000 || c.Crawl.UnitBudget.D() != 2*time.Hour || c.Crawl.HostTimeouts != 5 {
		t.Errorf("bounds default to max_items %d unit_budget %s host_timeouts %d, want 10000 2h 5",
			c.Crawl.MaxItems, c.Crawl.UnitBudget.D(), c.Crawl.HostTimeouts)
	}
	set := strings.Replace(good, "  max_body: 4MiB\n", "  max_body: 4MiB\n  max_items: 500\n  unit_budget: 30m\n  host_timeouts: 2\n", 1)
	if c, err = Parse("gongkai.yaml", []byte(set)); err != nil {
		t.Fatal(err)
	}
	if c.Crawl.MaxItems != 500 || c.Crawl.UnitBudget.D() != 30*time.Minute || c.Crawl.HostTimeouts != 2 {
		t.Errorf("bounds %d %s %d, want 500 30m 2", c.Crawl.MaxItems, c.Crawl.UnitBudget.D(), c.Crawl.HostTimeouts)
	}
	for field, want := range map[string]string{
		"max_items: -1":      `gongkai.yaml:7: crawl.max_items: must be at least 1`,
		"unit_budget: later": `gongkai.yaml:7: crawl.unit_budget: not a duration: "later"`,
		"host_timeouts: -3":  `gongkai.yaml:7: crawl.host_timeouts: must be at least 1`,
	} {
		bad := strings.Replace(good, "  max_body: 4MiB\n", "  max_body: 4MiB\n  "+field+"\n", 1)
		_, err := Parse("gongkai.yaml", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", field, err, want)
		}
	}
}
