package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
)

// gotItem is one list item with its detail metadata, as a crawler
// extracted it, in a form common to every crawler.
type gotItem struct {
	Unit, Column, URL, Title  string
	Published, Formed         string // 2006-01-02 or ""
	IndexNo, Publisher, DocNo string
	Links                     int
}

// gotLetter is one letter with its detail, as a crawler extracted it.
type gotLetter struct {
	Unit, Mailbox, URL, No, Type string
	Received, Replied            string // 2006-01-02 or ""
	Status, Handler              string
	ShowsReplyTime               bool
	ShowsHandler                 bool
	ShowsReplyContent            bool
}

// extraction is what one crawler extracted, checked against the truth.
type extraction struct {
	ItemRecords int // (column, item) records
	Items       int // distinct (unit, URL)
	Letters     int
	// Missing and Unexpected count records the truth has and the crawler
	// lacks, and the reverse (duplicates count as unexpected).
	Missing, Unexpected int
	// Wrong counts, per field, records whose value differs from the truth.
	Wrong map[string]int
}

func (e extraction) ok(s farmSize) bool {
	return e.ItemRecords == s.ItemRecords && e.Items == s.Items && e.Letters == s.Letters &&
		e.Missing == 0 && e.Unexpected == 0 && len(e.Wrong) == 0
}

func (e extraction) String() string {
	s := fmt.Sprintf("%d item records (%d distinct), %d letters", e.ItemRecords, e.Items, e.Letters)
	if e.Missing > 0 || e.Unexpected > 0 {
		s += fmt.Sprintf("; %d missing, %d unexpected", e.Missing, e.Unexpected)
	}
	if len(e.Wrong) > 0 {
		var keys []string
		for k := range e.Wrong {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d", k, e.Wrong[k]))
		}
		s += "; differing from the truth: " + strings.Join(parts, ", ")
	}
	return s
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// checkExtraction compares what a crawler extracted with the farm's truth.
func checkExtraction(t *sitefarm.Truth, items []gotItem, letters []gotLetter) extraction {
	e := extraction{Wrong: map[string]int{}}
	type itemKey struct{ col, url string }
	wantItems := map[itemKey]*sitefarm.Item{}
	for _, u := range t.Units {
		for _, c := range u.Columns {
			if c.Blocked {
				continue
			}
			for _, it := range c.Items {
				wantItems[itemKey{c.ID, it.URL}] = it
			}
		}
	}
	type letterWant struct {
		l *sitefarm.Letter
		m *sitefarm.Mailbox
	}
	// Keyed by unit too: before the farm starts, URLs are bare paths.
	type letterKey struct{ unit, url string }
	wantLetters := map[letterKey]letterWant{}
	for _, u := range t.Units {
		for _, m := range u.Mailboxes {
			for _, l := range m.Letters {
				wantLetters[letterKey{u.ID, l.DetailURL}] = letterWant{l, m}
			}
		}
	}
	wrong := func(field string, got, want any) {
		if got != want {
			e.Wrong[field]++
		}
	}

	distinct := map[string]bool{}
	seenItems := map[itemKey]bool{}
	for _, g := range items {
		e.ItemRecords++
		distinct[g.Unit+" "+g.URL] = true
		k := itemKey{g.Column, g.URL}
		it, ok := wantItems[k]
		if !ok || seenItems[k] {
			e.Unexpected++
			continue
		}
		seenItems[k] = true
		wrong("title", g.Title, it.Title)
		wrong("publish date", g.Published, day(it.PublishDate))
		wrong("formed date", g.Formed, day(it.FormedDate))
		wrong("索引号", g.IndexNo, it.IndexNo)
		wrong("发布机构", g.Publisher, it.Publisher)
		wrong("文号", g.DocNo, it.DocNo)
		wrong("links", g.Links, sameHostLinks(it))
	}
	e.Items = len(distinct)
	e.Missing += len(wantItems) - len(seenItems)

	seenLetters := map[letterKey]bool{}
	for _, g := range letters {
		e.Letters++
		k := letterKey{g.Unit, g.URL}
		w, ok := wantLetters[k]
		if !ok || seenLetters[k] {
			e.Unexpected++
			continue
		}
		seenLetters[k] = true
		l := w.l
		wrong("letter no", g.No, l.No)
		wrong("letter type", g.Type, l.Type)
		wrong("received", g.Received, day(l.Received))
		wrong("status", g.Status, l.Status)
		replied := l.Status == "replied"
		wantReplied := ""
		if replied && (w.m.ListShowsReplied || l.ShowsReplyTime) {
			wantReplied = day(l.Replied)
		}
		wrong("replied", g.Replied, wantReplied)
		wantHandler := ""
		if w.m.ListShowsHandler || (replied && l.ShowsHandler) {
			wantHandler = l.Handler
		}
		wrong("handler", g.Handler, wantHandler)
		wrong("shows reply time", g.ShowsReplyTime, replied && l.ShowsReplyTime)
		wrong("shows handler", g.ShowsHandler, replied && l.ShowsHandler)
		wrong("shows reply content", g.ShowsReplyContent, replied && l.ShowsReplyContent)
	}
	e.Missing += len(wantLetters) - len(seenLetters)
	if len(e.Wrong) == 0 {
		e.Wrong = nil
	}
	return e
}

// sameHostLinks counts the links of an item to pages on its own host:
// links to another unit's site are not the unit's.
func sameHostLinks(it *sitefarm.Item) int {
	host := hostOf(it.URL)
	n := 0
	for _, l := range it.Links {
		if hostOf(l) == host {
			n++
		}
	}
	return n
}

func hostOf(u string) string {
	rest, _ := strings.CutPrefix(u, "http://")
	h, _, _ := strings.Cut(rest, "/")
	return h
}

// readLanding reads the items and letters of one landing run.
func readLanding(runDir string) ([]gotItem, []gotLetter, error) {
	var items []gotItem
	var letters []gotLetter
	units, err := os.ReadDir(filepath.Join(runDir, "units"))
	if err != nil {
		return nil, nil, fmt.Errorf("read landing run: %w", err)
	}
	for _, u := range units {
		dir := filepath.Join(runDir, "units", u.Name())
		err := landing.ReadFile(filepath.Join(dir, landing.FileItems), func(it landing.Item) error {
			items = append(items, gotItem{Unit: it.UnitID, Column: it.ColumnID, URL: it.URL, Title: it.Title,
				Published: it.Published.Value, Formed: it.Formed.Value, IndexNo: it.IndexNo,
				Publisher: it.Publisher, DocNo: it.DocNo, Links: len(it.Links)})
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, nil, err
		}
		err = landing.ReadFile(filepath.Join(dir, landing.FileLetters), func(l landing.Letter) error {
			letters = append(letters, gotLetter{Unit: l.UnitID, Mailbox: l.MailboxID, URL: l.URL, No: l.LetterNo,
				Type: l.Type, Received: l.Received.Value, Replied: l.Replied.Value, Status: l.Status,
				Handler: l.Handler, ShowsReplyTime: l.ShowsReplyTime, ShowsHandler: l.ShowsHandler,
				ShowsReplyContent: l.ShowsReplyContent})
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, nil, err
		}
	}
	return items, letters, nil
}

// scrapyRecord is one line of the spider's output.
type scrapyRecord struct {
	Kind              string   `json:"kind"`
	Unit              string   `json:"unit"`
	Column            string   `json:"column"`
	Mailbox           string   `json:"mailbox"`
	URL               string   `json:"url"`
	Title             string   `json:"title"`
	Published         string   `json:"published"`
	Formed            string   `json:"formed"`
	IndexNo           string   `json:"index_no"`
	Publisher         string   `json:"publisher"`
	DocNo             string   `json:"doc_no"`
	Links             []string `json:"links"`
	No                string   `json:"no"`
	Type              string   `json:"type"`
	Received          string   `json:"received"`
	Replied           string   `json:"replied"`
	Status            string   `json:"status"`
	Handler           string   `json:"handler"`
	ShowsReplyTime    bool     `json:"shows_reply_time"`
	ShowsHandler      bool     `json:"shows_handler"`
	ShowsReplyContent bool     `json:"shows_reply_content"`
}

// readScrapy reads the spider's JSON lines.
func readScrapy(path string) ([]gotItem, []gotLetter, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read spider output: %w", err)
	}
	defer f.Close()
	var items []gotItem
	var letters []gotLetter
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var r scrapyRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, nil, fmt.Errorf("spider output: %w", err)
		}
		switch r.Kind {
		case "item":
			items = append(items, gotItem{Unit: r.Unit, Column: r.Column, URL: r.URL, Title: r.Title,
				Published: r.Published, Formed: r.Formed, IndexNo: r.IndexNo, Publisher: r.Publisher,
				DocNo: r.DocNo, Links: len(r.Links)})
		case "letter":
			letters = append(letters, gotLetter{Unit: r.Unit, Mailbox: r.Mailbox, URL: r.URL, No: r.No, Type: r.Type,
				Received: r.Received, Replied: r.Replied, Status: r.Status, Handler: r.Handler,
				ShowsReplyTime: r.ShowsReplyTime, ShowsHandler: r.ShowsHandler, ShowsReplyContent: r.ShowsReplyContent})
		}
	}
	return items, letters, sc.Err()
}
