package crawl

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// detailResult is what a detail page gave, kept for the run so a page
// listed in two columns is fetched once.
type detailResult struct {
	ok     bool
	detail extract.Detail
	sha    string
	err    string
}

// column crawls one column: list pages in order until the last page, the
// max_pages bound, or (incremental) enough items already seen in earlier
// runs; then the detail page of every item not seen before.
func (uc *unitCrawler) column(ctx context.Context, col config.Column) error {
	rec := landing.Column{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: col.ID, Kind: "column", URL: col.URL, Profile: col.Profile}
	prof, err := profileFor(uc.cfg, col)
	if err != nil {
		rec.Outcome, rec.Error = landing.OutcomeFailed, err.Error()
		return uc.finishColumn(rec)
	}
	seen := uc.hist.seen[col.ID]
	queue := []extract.Request{extract.FirstRequest(prof, col.URL)}
	requested := map[string]bool{}
	listed := map[string]bool{}
	seenCount := 0
	newest, newestListed := "", ""
	rec.Outcome = landing.OutcomeOK
	for len(queue) > 0 && !rec.Incremental {
		req := queue[0]
		queue = queue[1:]
		if requested[requestKey(req)] {
			continue
		}
		if rec.Pages >= uc.s.maxPages {
			rec.Error = fmt.Sprintf("stopped at max_pages (%d)", uc.s.maxPages)
			break
		}
		requested[requestKey(req)] = true
		if req.Page == 0 {
			req.Page = rec.Pages + 1
		}
		res, err := uc.fetch(ctx, landing.PageList, col.ID, req)
		if err != nil {
			return err
		}
		rec.Pages++
		if !res.ok() {
			rec.Outcome, rec.Error = res.Outcome, res.Err
			if res.Outcome == landing.OutcomeRobots {
				rec.Error = "list page disallowed by robots.txt: " + res.URL
			}
			break
		}
		if rec.Encoding == "" {
			rec.Encoding = res.Encoding
		}
		req.URL = res.URL
		lr, err := extract.ExtractList(prof, req, res.Text, uc.ref)
		if err != nil {
			rec.Outcome, rec.Error = landing.OutcomeFailed, "extract list: "+err.Error()
			break
		}
		if lr.Blocked {
			rec.Outcome, rec.Error = landing.OutcomeBlocked, lr.Reason
			break
		}
		rec.TotalPages = max(rec.TotalPages, lr.TotalPages)
		rec.Found += len(lr.Items)
		var fresh []itemJob
		for i, li := range lr.Items {
			c := canonical(li.URL)
			if listed[c] {
				continue
			}
			listed[c] = true
			if seen[c] {
				seenCount++
			}
			fresh = append(fresh, itemJob{li: li, canon: c, page: req.Page, pos: i, listSHA: res.SHA256})
		}
		recs, err := uc.items(ctx, col.ID, fresh)
		if err != nil {
			return err
		}
		// The newest date comes from detail pages when any was read: a
		// list showing only month and day cannot tell this year's items
		// from last year's.
		for _, r := range recs {
			if r.DetailSHA256 != "" {
				newest = max(newest, r.Published.Value)
			} else {
				newestListed = max(newestListed, r.Published.Value)
			}
		}
		// Stop once the list reaches what earlier runs saw, reading overlap
		// more seen items in case the site reordered its top.
		if seen != nil && seenCount > uc.s.overlap {
			rec.Incremental = true
			break
		}
		queue = append(queue, lr.Next...)
	}
	rec.Newest = newest
	if rec.Newest == "" {
		rec.Newest = newestListed
	}
	if rec.Outcome == landing.OutcomeOK {
		rec.Complete = rec.Incremental || (len(queue) == 0 && rec.Error == "")
		if rec.Found == 0 {
			rec.Outcome = landing.OutcomeEmpty
			if n := uc.hist.found[col.ID]; n > 0 {
				// The page answered but the list vanished: more likely a
				// changed layout than a column emptied overnight.
				rec.Outcome = landing.OutcomeFailed
				rec.Error = fmt.Sprintf("list matched nothing; earlier runs listed %d items", n)
			}
		}
	}
	if rec.Outcome == landing.OutcomeBlocked {
		uc.wmu.Lock()
		uc.blocked++
		uc.wmu.Unlock()
	}
	return uc.finishColumn(rec)
}

func (uc *unitCrawler) finishColumn(rec landing.Column) error {
	rec.FinishedAt = time.Now().UTC()
	return uc.write(func(w *landing.UnitWriter) error { return w.AddColumn(rec) })
}

// itemJob is one list entry waiting for its record.
type itemJob struct {
	li      extract.ListItem
	canon   string
	page    int
	pos     int
	listSHA string
}

// items fetches the detail pages a page's entries need, in parallel, and
// writes their records in list order.
func (uc *unitCrawler) items(ctx context.Context, columnID string, jobs []itemJob) ([]landing.Item, error) {
	recs := make([]landing.Item, len(jobs))
	err := uc.parallel(ctx, len(jobs), func(i int) error {
		r, err := uc.item(ctx, columnID, jobs[i])
		recs[i] = r
		return err
	})
	if err != nil {
		return nil, err
	}
	return recs, uc.write(func(w *landing.UnitWriter) error {
		for _, r := range recs {
			if err := w.AddItem(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// item builds one item record: from the detail page when the item is new
// (or no earlier run got its detail), else from the newest earlier record.
func (uc *unitCrawler) item(ctx context.Context, columnID string, j itemJob) (landing.Item, error) {
	it := landing.Item{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: columnID, URL: j.li.URL, CanonicalURL: j.canon,
		Title: j.li.Title, ListTitle: j.li.Title, ListDate: landingDate(j.li.Date), Published: landingDate(j.li.Date),
		ListPage: j.page, Position: j.pos, ListSHA256: j.listSHA, SeenAt: time.Now().UTC()}
	if prev, ok := uc.hist.items[j.canon]; ok && uc.hist.seen[columnID][j.canon] {
		copyMeta(&it, prev)
		return it, nil
	}
	if !uc.f.hosts.allowsURL(j.li.URL) {
		it.DetailError = "detail page outside the unit's hosts, not fetched"
		return it, nil
	}
	d, err := uc.detail(ctx, columnID, j.li.URL, j.canon)
	if err != nil {
		return it, err
	}
	it.DetailFetched = d.ok
	if !d.ok {
		it.DetailError = d.err
		return it, nil
	}
	it.DetailSHA256 = d.sha
	if d.detail.Title != "" {
		it.Title = d.detail.Title
	}
	m := d.detail.Meta
	if m.Published.OK {
		it.Published = landingDate(m.Published)
	}
	it.Formed = landingDate(m.Formed)
	it.IndexNo, it.Publisher, it.DocNo, it.Topic, it.Validity = m.IndexNo, m.Publisher, m.DocNo, m.Topic, m.Validity
	it.Links = uc.links(d.detail.Links, j.canon)
	return it, uc.annualReport(columnID, it)
}

// copyMeta fills an item seen before from its newest earlier record, so
// each run's landing is complete on its own.
func copyMeta(it *landing.Item, prev landing.Item) {
	if prev.Title != "" {
		it.Title = prev.Title
	}
	it.Published = prev.Published
	it.Formed = prev.Formed
	it.IndexNo, it.Publisher, it.DocNo, it.Topic, it.Validity = prev.IndexNo, prev.Publisher, prev.DocNo, prev.Topic, prev.Validity
	it.Links = prev.Links
	it.DetailSHA256 = prev.DetailSHA256
}

// detail fetches a detail page once per run.
func (uc *unitCrawler) detail(ctx context.Context, columnID, rawURL, c string) (detailResult, error) {
	uc.dmu.Lock()
	d, ok := uc.details[c]
	uc.dmu.Unlock()
	if ok {
		return d, nil
	}
	res, err := uc.fetch(ctx, landing.PageDetail, columnID, extract.Request{Method: "GET", URL: rawURL})
	if err != nil {
		return d, err
	}
	d = detailResult{ok: res.ok(), sha: res.SHA256, err: res.Err}
	switch {
	case res.ok():
		d.detail = extract.ExtractDetail(res.URL, res.Text, uc.ref)
	case res.Outcome == landing.OutcomeBlocked:
		d.err = "blocked: " + res.Err
	case res.Outcome == landing.OutcomeRobots:
		d.err = "disallowed by robots.txt"
	}
	uc.dmu.Lock()
	uc.details[c] = d
	uc.dmu.Unlock()
	return d, nil
}

// links keeps a detail page's links that stay on the unit's hosts, as
// canonical URLs, without the page itself and without repeats.
func (uc *unitCrawler) links(raw []string, self string) []string {
	var out []string
	have := map[string]bool{self: true}
	for _, l := range raw {
		if !uc.f.hosts.allowsURL(l) {
			continue
		}
		c := canonical(l)
		if have[c] {
			continue
		}
		have[c] = true
		out = append(out, c)
	}
	return out
}
