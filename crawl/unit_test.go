package crawl

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

func TestHostSet(t *testing.T) {
	hs := unitHosts(config.Unit{
		Home:      "http://www.jyj.gov.cn/",
		Columns:   []config.Column{{URL: "http://www.jyj.gov.cn/zwgk/"}, {URL: "http://x.gov.cn/list.html", API: "http://api.x.gov.cn:8080/list?page={page}"}},
		Mailboxes: []config.Mailbox{{URL: "http://hd.jyj.gov.cn/letters"}},
		Hosts:     []string{"cdn.jyj.gov.cn", "files.gov.cn:8443", "https://static.gov.cn/"},
	})
	tests := []struct {
		url  string
		want bool
	}{
		{"http://www.jyj.gov.cn/a.html", true},
		{"https://WWW.JYJ.gov.cn/a.html", true},
		{"http://www.jyj.gov.cn:8080/a.html", false},
		{"http://api.x.gov.cn:8080/list?page=2", true},
		{"http://hd.jyj.gov.cn/letters?page=2", true},
		{"http://cdn.jyj.gov.cn:81/x.pdf", true},
		{"http://files.gov.cn:8443/a", true},
		{"http://files.gov.cn/a", false},
		{"https://static.gov.cn/a.css", true},
		{"http://evil.example.com/", false},
		{"ftp://www.jyj.gov.cn/a", false},
		{"/relative.html", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := hs.allowsURL(tt.url); got != tt.want {
				t.Errorf("allowsURL(%q) = %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}

func TestPublicOnly(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:80", false},
		{"10.1.2.3:80", false},
		{"172.16.0.1:443", false},
		{"192.168.1.1:80", false},
		{"169.254.169.254:80", false},
		{"100.64.0.1:80", false},
		{"0.0.0.0:80", false},
		{"[::1]:80", false},
		{"[fd00::1]:80", false},
		{"[fe80::1]:80", false},
		{"[::ffff:127.0.0.1]:80", false},
		{"202.96.128.86:80", true},
		{"[2400:da00::6666]:443", true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			err := publicOnly("tcp", tt.addr, nil)
			if (err == nil) != tt.ok {
				t.Errorf("publicOnly(%s) = %v, want ok=%v", tt.addr, err, tt.ok)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{"-1", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			h := http.Header{}
			if tt.v != "" {
				h.Set("Retry-After", tt.v)
			}
			if got := retryAfter(h, now); got != tt.want {
				t.Errorf("retryAfter(%q) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
	f := &fetcher{s: settings{retryBase: 10 * time.Millisecond, retryMax: 50 * time.Millisecond}}
	for attempt, want := range []time.Duration{10, 20, 40, 50, 50} {
		if got := f.backoff(attempt+1, http.Header{}); got != want*time.Millisecond {
			t.Errorf("backoff(%d) = %v, want %v", attempt+1, got, want*time.Millisecond)
		}
	}
	h := http.Header{"Retry-After": {"120"}}
	if got := f.backoff(1, h); got != 50*time.Millisecond {
		t.Errorf("Retry-After not capped: %v", got)
	}
}

func TestRequestKey(t *testing.T) {
	get := extract.Request{URL: "http://x.gov.cn/a?b=1"}
	post := extract.Request{Method: "POST", URL: "http://x.gov.cn/dataproxy.jsp?startrecord=46", Form: url.Values{"columnid": {"12"}, "col": {"1"}}}
	if k := requestKey(get); k != "GET http://x.gov.cn/a?b=1" {
		t.Errorf("GET key %q", k)
	}
	if k := requestKey(post); k != "POST http://x.gov.cn/dataproxy.jsp?startrecord=46 col=1&columnid=12" {
		t.Errorf("POST key %q", k)
	}
}

func TestJournalSurvivesATornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal", "u1.ndjson")
	j, err := openJournal(path)
	must(t, err)
	e := journalEntry{Key: "GET http://x/a", URL: "http://x/a", Status: 200, Outcome: landing.OutcomeOK,
		Pages: []landing.Page{{Kind: landing.PageList, URL: "http://x/a", Attempt: 1, Status: 200, Outcome: landing.OutcomeOK}}}
	must(t, j.add(e))
	must(t, j.add(e))
	must(t, j.close())
	// A kill in the middle of a write leaves half a line.
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	_, err = fh.WriteString(`{"key":"GET http://x/b","url":"ht`)
	must(t, err)
	must(t, fh.Close())

	j, err = openJournal(path)
	must(t, err)
	defer j.close()
	for i := range 2 {
		if got, ok := j.take("GET http://x/a"); !ok || got.Status != 200 || len(got.Pages) != 1 {
			t.Fatalf("entry %d: %+v %v", i, got, ok)
		}
	}
	if _, ok := j.take("GET http://x/a"); ok {
		t.Error("an entry served twice")
	}
	if _, ok := j.take("GET http://x/b"); ok {
		t.Error("torn entry served")
	}
}

func TestProfileFor(t *testing.T) {
	cfg := &config.Config{Profiles: map[string]config.Profile{
		"cms9": {Family: "json", ItemsPath: "result.rows", DatePath: "pubDate", PageSize: 15},
		"trs":  {Family: "generic", Item: "div.news li"}, // a custom profile shadows the preset
	}}
	tests := []struct {
		col  config.Column
		want extract.Profile
	}{
		{config.Column{Profile: "hanweb"}, extract.Profile{Name: "hanweb", Family: "hanweb"}},
		{config.Column{Profile: "json", API: "/api/list?page={page}"}, func() extract.Profile {
			p, _ := extract.Preset("json")
			p.API = "/api/list?page={page}"
			return p
		}()},
		{config.Column{Profile: "cms9", API: "http://x/api?p={page}"}, extract.Profile{Name: "cms9", Family: "json", ItemsPath: "result.rows", DatePath: "pubDate", PageSize: 15, API: "http://x/api?p={page}"}},
		{config.Column{Profile: "trs"}, extract.Profile{Name: "trs", Family: "generic", Item: "div.news li"}},
		{config.Column{}, extract.Profile{Name: "auto", Family: "auto"}},
	}
	for _, tt := range tests {
		t.Run(tt.col.Profile, func(t *testing.T) {
			got, err := profileFor(cfg, tt.col)
			if err != nil || got != tt.want {
				t.Errorf("profileFor = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	if _, err := profileFor(cfg, config.Column{Profile: "nosuch"}); err == nil {
		t.Error("unknown profile accepted")
	}
}
