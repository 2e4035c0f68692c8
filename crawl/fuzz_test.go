package crawl

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/temoto/robotstxt"
)

// FuzzRetryAfter: whatever a server sends in Retry-After, the wait is
// never negative.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"1", "0", "-1", "120", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999", "9223372036", "1.5", " 3 ", ""} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{}
		h.Set("Retry-After", v)
		if d := retryAfter(h, now); d < 0 {
			t.Fatalf("retryAfter(%q) = %v", v, d)
		}
	})
}

// FuzzRobots: any robots.txt either says nothing or gives a group whose
// answers for any path come without a panic.
func FuzzRobots(f *testing.F) {
	for _, s := range []string{
		"User-agent: *\nDisallow: /private/\n",
		"User-agent: gongkai\nDisallow: /\nAllow: /xxgk/\nCrawl-delay: 5\n",
		"User-agent: *\nDisallow: /*?*\nDisallow: /a$\n",
		"\xef\xbb\xbfUser-agent: *\r\nDisallow:\r\n",
		"<html>not robots</html>",
		"User-agent: *\nCrawl-delay: 1e400\n",
	} {
		f.Add([]byte(s), "/xxgk/index.html")
	}
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		data, err := robotstxt.FromBytes(body)
		if err != nil {
			return
		}
		hr := &hostRobots{group: data.FindGroup(robotsAgent)}
		if hr.group != nil {
			hr.group.Test(path)
			if hr.group.CrawlDelay < 0 {
				t.Fatalf("negative crawl delay %v from %q", hr.group.CrawlDelay, body)
			}
		}
	})
}

// FuzzJournalLoad: a journal cut or damaged anywhere loads; only entries
// with a key are replayed.
func FuzzJournalLoad(f *testing.F) {
	f.Add([]byte(`{"key":"GET http://a/1","status":200}` + "\n" + `{"key":"GET http://a/2","sta`))
	f.Add([]byte("\x00\x01\n\n{}\n[1,2]\n"))
	f.Add([]byte(`{"key":"","status":500}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "journal.ndjson")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		j := &journal{pending: map[string][]journalEntry{}}
		if err := j.load(p); err != nil {
			t.Fatalf("load: %v", err)
		}
		for k, es := range j.pending {
			if k == "" || len(es) == 0 {
				t.Fatalf("pending %q: %v", k, es)
			}
		}
	})
}
