package crawl

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// detailResult is what a detail page gave.
type detailResult struct {
	ok     bool
	detail extract.Detail
	sha    string
	err    string
}

// detailSeen is what the unit keeps of a detail page it fetched, so a
// page listed in two columns is fetched once. The extraction itself is
// not kept: a page listed twice is rare, and keeping every page's
// metadata and links until the unit ends made the crawl's memory grow
// with the size of its largest units. A repeat is extracted again from
// the snapshot, which gives the same result.
type detailSeen struct {
	ok          bool
	sha, err    string
	url         string // final URL, after redirects
	contentType string
	detail      *extract.Detail // only when no snapshot is kept
}

// source is one column's or mailbox's read, kept until the unit is done:
// its verdict compares it with the unit's other pages.
type source struct {
	rec   landing.Column
	ev    evidence
	items []string // canonical URLs listed, in list order (columns only)
	links []string // every link of its first list page
	first fetched  // the first list page's answer, body dropped
}

// column crawls one column: list pages in order until the last page, a
// bound (max_pages, max_items, the unit's time budget), a page that lists
// nothing new, or (incremental) enough items already seen in earlier runs;
// then the detail page of every item not seen before.
func (uc *unitCrawler) column(ctx context.Context, col config.Column) error {
	src := &source{rec: landing.Column{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: col.ID, Kind: "column", URL: col.URL, Profile: col.Profile}}
	rec, ev := &src.rec, &src.ev
	defer func() {
		src.rec.FinishedAt = time.Now().UTC()
		uc.sources = append(uc.sources, src)
	}()
	prof, err := profileFor(uc.cfg, col)
	if err != nil {
		rec.Outcome, rec.Error = landing.OutcomeFailed, err.Error()
		ev.Err = rec.Error
		return nil
	}
	seen := uc.hist.seen[col.ID]
	queue := []extract.Request{extract.FirstRequest(prof, col.URL)}
	lister := extract.NewColumn(prof)
	requested := map[string]bool{}
	listed := map[string]bool{}
	var pageSets []string
	seenCount := 0
	newest, newestListed := "", ""
	rec.Outcome = landing.OutcomeOK
	// known reports whether a page's items reach what earlier runs listed
	// in this column: then they are the list, and the read may stop there.
	known := func(items []extract.ListItem) bool {
		n := 0
		for _, li := range items[extract.PinnedRows(items):] {
			if seen[canonical(li.URL)] {
				n++
			}
		}
		return seen != nil && n > uc.s.overlap
	}
	var held *heldPage
	var renderedSHA map[string]string
	lastFresh := 0
	// take records a page's items, and says when the read stops there (a
	// bound, or the incremental stop).
	take := func(req extract.Request, sha string, lr extract.ListResult) (bool, error) {
		rec.Found += len(lr.Items)
		if lr.Repeated && len(pageSets) > 0 {
			// The page showed again what the page before it listed (the
			// column extraction drops rows already read): the same set.
			pageSets = append(pageSets, pageSets[len(pageSets)-1])
		} else {
			pageSets = append(pageSets, itemSet(lr.Items))
		}
		// Pinned (置顶) rows sit above the newest items, out of date order;
		// they say nothing about how far the list has reached.
		pinned := extract.PinnedRows(lr.Items)
		var fresh []itemJob
		for i, li := range lr.Items {
			c := canonical(li.URL)
			if listed[c] {
				continue
			}
			if len(listed) >= uc.s.maxItems {
				ev.Bound = fmt.Sprintf("max_items (%d)", uc.s.maxItems)
				rec.Error = "stopped at " + ev.Bound
				break
			}
			listed[c] = true
			src.items = append(src.items, c)
			if seen[c] && i >= pinned && !uc.retitled(c, li.Title) {
				seenCount++
			}
			j := itemJob{li: li, canon: c, page: req.Page, pos: i, listSHA: sha}
			if h := renderedSHA[li.URL]; h != "" {
				j.listSHA = h // the rendered page that listed it
			}
			fresh = append(fresh, j)
		}
		lastFresh = len(fresh)
		recs, err := uc.items(ctx, col.ID, fresh)
		if err != nil {
			return true, err
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
			if !r.DetailFetched && r.DetailError != "" {
				rec.DetailsFailed++
			}
		}
		if ev.Bound != "" {
			return true, nil
		}
		// Stop once the list reaches what earlier runs saw, reading overlap
		// more seen items in case the site reordered its top.
		if seen != nil && seenCount > uc.s.overlap {
			rec.Incremental = true
			return true, nil
		}
		return false, nil
	}
	for len(queue) > 0 && !rec.Incremental {
		req := queue[0]
		if requested[requestKey(req)] {
			queue = queue[1:]
			continue
		}
		if why := uc.bound(rec.Pages, len(listed)); why != "" {
			ev.Bound = why
			rec.Error = "stopped at " + why
			break
		}
		queue = queue[1:]
		requested[requestKey(req)] = true
		if req.Page == 0 {
			req.Page = rec.Pages + 1
		}
		res, err := uc.fetch(ctx, landing.PageList, col.ID, req)
		if err != nil {
			return err
		}
		rec.Pages++
		if rec.Pages == 1 {
			src.first = res.head()
		}
		if !res.ok() {
			rec.Outcome, rec.Error = res.Outcome, res.Err
			if res.Outcome == landing.OutcomeRobots {
				rec.Error = "list page disallowed by robots.txt: " + res.URL
			}
			uc.readFailed(ev, res, len(listed))
			break
		}
		if rec.Encoding == "" {
			rec.Encoding = res.Encoding
		}
		req.URL = res.URL
		lr, err := lister.Page(req, res.Text, uc.ref)
		if err != nil {
			rec.Outcome, rec.Error = landing.OutcomeFailed, "extract list: "+err.Error()
			ev.Err = rec.Error
			break
		}
		if lr.Blocked {
			rec.Outcome, rec.Error = landing.OutcomeBlocked, lr.Reason
			ev.Blocked, ev.Err = true, lr.Reason
			break
		}
		if rec.Pages == 1 {
			src.links = extract.PageLinks(res.URL, res.Text)
		}
		if rec.Pages == 1 && wantsBrowser(lr, res.Text) {
			ro, err := uc.renderColumn(ctx, col.ID, prof, req)
			if err != nil {
				return err
			}
			if ro.reason != "" {
				rec.Outcome, rec.Error = landing.OutcomeFailed, ro.reason
				if ro.browser {
					ev.Err = ro.reason
				} else {
					// No browser here: the column is unread, not failed.
					ev.NeedsBrowser = true
				}
				break
			}
			lr, rec.Rendered, ev.Rendered = ro.list, ro.rendered, ro.rendered
			renderedSHA = ro.sha
		}
		noteList(ev, lr, req.Page, res.Text, uc.ref)
		rec.TotalPages = max(rec.TotalPages, lr.TotalPages)
		if rec.Recognised == "" {
			rec.Recognised = lr.Recognised
		}
		if rec.Pages == 1 && !rec.Rendered && len(lr.Next) > 0 && lister.Revisable() && !known(lr.Items) {
			// Page 1's list may be a chrome box: its items wait for page 2.
			held = &heldPage{req: req, sha: res.SHA256, lr: lr}
			queue = append(queue, lr.Next...)
			continue
		}
		if held != nil {
			if first, ok := lister.Revised(); ok {
				held.lr.Items = first.Items
				rec.Recognised = first.Recognised
			}
			h := held
			held = nil
			if stop, err := take(h.req, h.sha, h.lr); err != nil || stop {
				if err != nil {
					return err
				}
				break
			}
		}
		stop, err := take(req, res.SHA256, lr)
		if err != nil {
			return err
		}
		if stop {
			break
		}
		queue = append(queue, lr.Next...)
		// A page that lists nothing new ends the read: past the last page
		// many sites serve the last one again. When every page was the
		// same, the pager is ignored or chrome was taken for the list, and
		// SamePages makes the read suspect; a pager stating more pages
		// makes it partial.
		if lastFresh == 0 && len(lr.Items) > 0 {
			queue = nil
			break
		}
	}
	if held != nil {
		// Page 2 was never read (a bound, a failure): page 1 stands.
		if _, err := take(held.req, held.sha, held.lr); err != nil {
			return err
		}
	}
	rec.Newest = newest
	if rec.Newest == "" {
		rec.Newest = newestListed
	}
	ev.Pages, ev.Distinct = rec.Pages, len(listed)
	ev.NextLeft = len(queue) > 0 && !rec.Incremental
	ev.Incremental = rec.Incremental
	ev.Previous = uc.hist.found[col.ID]
	ev.SamePages = len(pageSets) > 1 && pageSets[0] != "" && allEqual(pageSets)
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
	return nil
}

// bound names the limit that stops a read before its next page, or "".
func (uc *unitCrawler) bound(pages, items int) string {
	switch {
	case pages >= uc.s.maxPages:
		return fmt.Sprintf("max_pages (%d)", uc.s.maxPages)
	case items >= uc.s.maxItems:
		return fmt.Sprintf("max_items (%d)", uc.s.maxItems)
	case uc.overBudget():
		return fmt.Sprintf("the unit's time budget (%s)", uc.s.unitBudget)
	}
	return ""
}

// budgetSpent is the detail error of a page not fetched for want of time.
const budgetSpent = "not fetched: the unit's time budget was spent"

// overBudget reports whether the unit has spent its time budget.
func (uc *unitCrawler) overBudget() bool {
	return uc.s.clock().Sub(uc.start) >= uc.s.unitBudget
}

// readFailed records a list page that could not be read: a host cut off
// after items were read is a bound (partial); anything else is a failure.
func (uc *unitCrawler) readFailed(ev *evidence, res fetched, read int) {
	switch {
	case res.Outcome == landing.OutcomeBlocked:
		ev.Blocked, ev.Err = true, res.Err
	case strings.HasPrefix(res.Err, hostCutOff) && read > 0:
		ev.Bound = res.Err
	case res.Outcome == landing.OutcomeRobots:
		ev.Err = "list page disallowed by robots.txt: " + res.URL
	default:
		ev.Err = res.Err
	}
}

// noteList adds what one list page says about the list's size and end.
func noteList(ev *evidence, lr extract.ListResult, page int, text string, ref time.Time) {
	ev.SiteTotal = max(ev.SiteTotal, lr.TotalRecords)
	ev.TotalPages = max(ev.TotalPages, lr.TotalPages)
	ev.MaxPage = max(ev.MaxPage, page)
	ev.LastPage = ev.LastPage || lr.LastPage
	ev.PagerSeen = ev.PagerSeen || lr.PagerSeen
	ev.NeedsBrowser = ev.NeedsBrowser || lr.NeedsBrowser
	if len(lr.Items) == 0 {
		ev.EmptyNotice = ev.EmptyNotice || lr.EmptyNotice || extract.SaysEmpty(text)
		if t := strings.TrimSpace(text); !lr.EmptyRow && !strings.HasPrefix(t, "{") && !strings.HasPrefix(t, "<?xml") {
			ev.DatedRows += extract.CountDatedRows(text, ref)
		}
	}
}

// itemSet is a page's items as one comparable string.
func itemSet(items []extract.ListItem) string {
	urls := make([]string, 0, len(items))
	for _, it := range items {
		urls = append(urls, canonical(it.URL))
	}
	slices.Sort(urls)
	return strings.Join(urls, "\n")
}

func allEqual(ss []string) bool {
	for _, s := range ss[1:] {
		if s != ss[0] {
			return false
		}
	}
	return true
}

// heldPage is a first list page whose items wait for the second page.
type heldPage struct {
	req extract.Request
	sha string
	lr  extract.ListResult
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
	if prev, ok := uc.hist.items[j.canon]; ok && uc.hist.seen[columnID][j.canon] && !uc.retitled(j.canon, j.li.Title) {
		copyMeta(&it, prev)
		return it, nil
	}
	if uc.listOnly {
		return it, nil
	}
	if !uc.f.hosts.allowsURL(j.li.URL) {
		it.DetailError = "detail page outside the unit's hosts, not fetched"
		return it, nil
	}
	if uc.overBudget() {
		it.DetailError = budgetSpent
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

// retitled reports whether a listed item's title differs from the one an
// earlier run listed: an edited item, whose detail page is read again so
// the new title is recorded (the store keeps the old one as history).
func (uc *unitCrawler) retitled(canon, listTitle string) bool {
	prev, ok := uc.hist.items[canon]
	return ok && prev.ListTitle != "" && listTitle != "" && prev.ListTitle != listTitle
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
	seen, ok := uc.details[c]
	uc.dmu.Unlock()
	if ok {
		if d, ok := uc.again(seen); ok {
			return d, nil
		}
	}
	res, err := uc.fetch(ctx, landing.PageDetail, columnID, extract.Request{Method: "GET", URL: rawURL})
	if err != nil {
		return detailResult{}, err
	}
	d := detailResult{ok: res.ok(), sha: res.SHA256, err: res.Err}
	switch {
	case res.ok():
		d.detail = extract.ExtractDetail(res.URL, res.Text, uc.ref)
	case res.Outcome == landing.OutcomeBlocked:
		d.err = "blocked: " + res.Err
	case res.Outcome == landing.OutcomeRobots:
		d.err = "disallowed by robots.txt"
	}
	seen = detailSeen{ok: d.ok, sha: d.sha, err: d.err, url: res.URL, contentType: res.ContentType}
	if d.ok && (uc.f.snaps == nil || d.sha == "") {
		seen.detail = &d.detail
	}
	uc.dmu.Lock()
	uc.details[c] = seen
	uc.dmu.Unlock()
	return d, nil
}

// again is a detail page fetched before in the run, extracted again from
// its snapshot. It fails only when the snapshot cannot be read back; the
// page is then fetched again.
func (uc *unitCrawler) again(s detailSeen) (detailResult, bool) {
	d := detailResult{ok: s.ok, sha: s.sha, err: s.err}
	switch {
	case !s.ok:
		return d, true
	case s.detail != nil:
		d.detail = *s.detail
		return d, true
	}
	body, err := uc.f.snaps.Get(s.sha)
	if err != nil {
		return d, false
	}
	text, _, err := extract.Decode(body, s.contentType)
	if err != nil {
		return d, false
	}
	d.detail = extract.ExtractDetail(s.url, text, uc.ref)
	return d, true
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
