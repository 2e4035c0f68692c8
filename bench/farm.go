package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// sites is what every crawler is told about the farm: the same facts a
// gongkai config holds (hosts, column URLs and families, APIs, mailboxes),
// nothing of the truth's items or letters.
type sites struct {
	Units []siteUnit `json:"units"`
}

type siteUnit struct {
	ID        string        `json:"id"`
	Family    string        `json:"family"`
	Home      string        `json:"home,omitempty"`
	Columns   []siteColumn  `json:"columns"`
	Mailboxes []siteMailbox `json:"mailboxes"`
}

type siteColumn struct {
	ID  string `json:"id"`
	URL string `json:"url"`
	API string `json:"api,omitempty"`
}

type siteMailbox struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Format string `json:"format"`
}

func sitesOf(t *sitefarm.Truth) sites {
	var s sites
	for _, u := range t.Units {
		su := siteUnit{ID: u.ID, Family: u.Family, Columns: []siteColumn{}, Mailboxes: []siteMailbox{}}
		if u.Home != nil {
			su.Home = u.Home.URL
		}
		for _, c := range u.Columns {
			su.Columns = append(su.Columns, siteColumn{ID: c.ID, URL: c.URL, API: c.API})
		}
		for _, m := range u.Mailboxes {
			su.Mailboxes = append(su.Mailboxes, siteMailbox{ID: m.ID, URL: m.URL, Format: m.Format})
		}
		s.Units = append(s.Units, su)
	}
	return s
}

// crawlSettings are the knobs every crawler gets the same.
type crawlSettings struct {
	HostParallelism int
	Units           int
	Retries         int
}

// writeConfig writes a gongkai config for the running farm, as an office
// would write it (no categories: they come from the column names), with
// delays off and the bench's concurrency.
func writeConfig(path string, t *sitefarm.Truth, outDir string, cs crawlSettings) error {
	var b strings.Builder
	q := strconv.Quote
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Written by the bench for the simulated farm on 127.0.0.1.\n")
	p("output:\n  dir: %s\n", q(outDir))
	p("crawl:\n  delay: 0s\n  parallelism: %d\n  units: %d\n  timeout: 30s\n  retries: %d\n", cs.HostParallelism, cs.Units, cs.Retries)
	p("  max_pages: 100000\n  allow_private: true\n")
	if err := t.WriteUnitsYAML(&b); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// farmSize summarises a farm's truth.
type farmSize struct {
	Units, Columns, Mailboxes int
	ItemRecords               int // (column, item) pairs a crawler can list
	Items                     int // distinct items a crawler can list
	Letters                   int
}

func sizeOf(t *sitefarm.Truth) farmSize {
	var s farmSize
	for _, u := range t.Units {
		s.Units++
		seen := map[string]bool{}
		for _, c := range u.Columns {
			s.Columns++
			if c.Blocked {
				continue
			}
			for _, it := range c.Items {
				s.ItemRecords++
				if !seen[it.URL] {
					seen[it.URL] = true
					s.Items++
				}
			}
		}
		for _, m := range u.Mailboxes {
			s.Mailboxes++
			s.Letters += len(m.Letters)
		}
	}
	return s
}
