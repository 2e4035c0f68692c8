package main

import (
	"fmt"

	"github.com/gongkai/gongkai/crawl"
)

func printCrawlSummary(e *env, res *crawl.Result) {
	m := res.Manifest
	var items, letters, pages, failed, blocked int
	for _, u := range m.Units {
		items += u.Items
		letters += u.Letters
		pages += u.Pages
		failed += u.Failed
		blocked += u.Blocked
	}
	fmt.Fprintf(e.stdout, "crawl run %s: %d units, %d items, %d letters, %d pages (%d failed, %d blocked)\n",
		m.RunID, len(m.Units), items, letters, pages, failed, blocked)
	fmt.Fprintf(e.stdout, "landing: %s\n", res.Run.Dir)
	for _, f := range res.Failed {
		fmt.Fprintf(e.stdout, "  unit %s failed: %v\n", f.UnitID, f.Err)
	}
}
