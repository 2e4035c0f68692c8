package crawl

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// mailbox crawls one mailbox. Every list page is read each run (a letter's
// status can change at any depth); a letter's detail page is fetched again
// only while the newest earlier run did not see it replied.
func (uc *unitCrawler) mailbox(ctx context.Context, mb config.Mailbox) error {
	src := &source{rec: landing.Column{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: mb.ID, Kind: "mailbox", URL: mb.URL,
		Profile: mb.Format, Outcome: landing.OutcomeOK}}
	rec, ev := &src.rec, &src.ev
	defer func() {
		src.rec.FinishedAt = time.Now().UTC()
		uc.sources = append(uc.sources, src)
	}()
	queue := []extract.Request{mailboxStart(mb)}
	requested := map[string]bool{}
	listed := map[string]bool{}
	// Session cookies the mailbox's pages set, by host: platforms whose
	// list API answers only the session the list page opened.
	jar := map[string]map[string]string{}
	token := ""
	if mb.API != "" && mb.Token != "" {
		// The API answers only the session the mailbox page opens, with
		// the token the page writes: read the page first.
		t, err := uc.mailboxToken(ctx, mb, src, jar)
		if err != nil || t == "" {
			return err
		}
		token = t
	}
	var pageSets []string
	for len(queue) > 0 {
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
		if token != "" {
			h := map[string]string{mb.Token: token}
			for k, v := range req.Header {
				h[k] = v
			}
			req.Header = h
		}
		res, err := uc.fetch(ctx, landing.PageMailboxList, mb.ID, withCookies(req, jar))
		if err != nil {
			return err
		}
		keepCookies(jar, res)
		rec.Pages++
		if rec.Pages == 1 {
			src.first = res.head()
		}
		if !res.ok() {
			rec.Outcome, rec.Error = res.Outcome, res.Err
			uc.readFailed(ev, res, len(listed))
			break
		}
		if rec.Encoding == "" {
			rec.Encoding = res.Encoding
		}
		req.URL = res.URL
		lp, err := extract.ExtractLettersWith(mailProfile(mb), req, res.Text, uc.ref)
		if err != nil {
			rec.Outcome, rec.Error = landing.OutcomeFailed, "extract letters: "+err.Error()
			ev.Err = rec.Error
			break
		}
		if lp.Blocked {
			rec.Outcome, rec.Error = landing.OutcomeBlocked, lp.Reason
			ev.Blocked, ev.Err = true, lp.Reason
			break
		}
		noteLetters(ev, lp, req.Page, res.Text, uc.ref)
		rec.TotalPages = max(rec.TotalPages, lp.TotalPages)
		if rec.Recognised == "" {
			rec.Recognised = lp.Recognised
		}
		rec.Found += len(lp.Letters)
		if rec.Pages == 1 && len(lp.Letters) == 0 && lp.NeedsBrowser {
			// Scripts write the letters: the browser reads them and
			// follows the pager itself.
			if err := uc.renderMailbox(ctx, mb, src, listed, req.URL); err != nil {
				return err
			}
			queue = nil
			break
		}
		jobs, keys := uc.letterJobs(lp.Letters, res.SHA256, listed, rec, ev)
		slices.Sort(keys)
		pageSets = append(pageSets, strings.Join(keys, "\n"))
		n, err := uc.letters(ctx, mb.ID, jobs)
		if err != nil {
			return err
		}
		rec.DetailsFailed += n
		if ev.Bound != "" {
			break
		}
		queue = append(queue, lp.Next...)
		if len(jobs) == 0 && len(lp.Letters) > 0 {
			queue = nil // the same page again: the end, as for columns
			break
		}
	}
	ev.Pages, ev.Distinct = rec.Pages, len(listed)
	ev.NextLeft = len(queue) > 0
	if len(listed) == 0 {
		// A mailbox that listed letters before and none now has changed
		// its layout. Fewer letters than before is no sign: many lists
		// show only recent letters.
		ev.Previous = len(uc.hist.letters[mb.ID])
	}
	ev.SamePages = len(pageSets) > 1 && pageSets[0] != "" && allEqual(pageSets)
	if rec.Outcome == landing.OutcomeOK {
		rec.Complete = len(queue) == 0 && rec.Error == ""
		if rec.Found == 0 {
			rec.Outcome = landing.OutcomeEmpty
		}
	}
	if rec.Outcome == landing.OutcomeBlocked {
		uc.wmu.Lock()
		uc.blocked++
		uc.wmu.Unlock()
	}
	return nil
}

// letterJobs turns a page's letters into the jobs of those not listed
// before in this read, and returns every letter's key.
func (uc *unitCrawler) letterJobs(letters []extract.Letter, sha string, listed map[string]bool, rec *landing.Column, ev *evidence) (jobs []letterJob, keys []string) {
	onPage := map[string]int{}
	for _, l := range letters {
		j := letterJob{l: l, listSHA: sha}
		if l.DetailURL != "" {
			j.canon = canonical(l.DetailURL)
		}
		j.key = letterKey(l, j.canon, onPage)
		keys = append(keys, j.key)
		if j.key == "" || listed[j.key] {
			continue
		}
		if len(listed) >= uc.s.maxItems {
			ev.Bound = fmt.Sprintf("max_items (%d)", uc.s.maxItems)
			rec.Error = "stopped at " + ev.Bound
			break
		}
		listed[j.key] = true
		if v := landingDate(l.Received).Value; v > rec.Newest {
			rec.Newest = v
		}
		jobs = append(jobs, j)
	}
	return jobs, keys
}

// renderMailbox reads a mailbox whose letters scripts write, from the
// pages the headless browser builds. Without a browser the mailbox is
// unread (needs_browser), never empty.
func (uc *unitCrawler) renderMailbox(ctx context.Context, mb config.Mailbox, src *source, listed map[string]bool, pageURL string) error {
	rec, ev := &src.rec, &src.ev
	pages, last, reason, browser, err := uc.renderPages(ctx, landing.PageMailboxList, mb.ID, pageURL)
	if err != nil {
		return err
	}
	if reason != "" {
		rec.Outcome, rec.Error = landing.OutcomeFailed, reason
		if browser {
			ev.Err = reason
		}
		return nil
	}
	rec.Rendered, ev.Rendered, rec.Recognised = true, true, "render"
	for i, p := range pages {
		lp, err := extract.ExtractLettersWith(mailProfile(mb), extract.Request{Method: "GET", URL: p.URL, Page: i + 1}, p.HTML, uc.ref)
		if err != nil {
			rec.Outcome, rec.Error = landing.OutcomeFailed, "extract rendered letters: "+err.Error()
			ev.Err = rec.Error
			return nil
		}
		ev.SiteTotal = max(ev.SiteTotal, lp.TotalRecords)
		ev.TotalPages = max(ev.TotalPages, lp.TotalPages)
		rec.TotalPages = max(rec.TotalPages, lp.TotalPages)
		rec.Found += len(lp.Letters)
		jobs, _ := uc.letterJobs(lp.Letters, p.SHA, listed, rec, ev)
		n, err := uc.letters(ctx, mb.ID, jobs)
		if err != nil {
			return err
		}
		rec.DetailsFailed += n
		if ev.Bound != "" {
			return nil
		}
	}
	ev.LastPage = ev.LastPage || last
	ev.MaxPage = max(ev.MaxPage, len(pages))
	return nil
}

// letterKey names a letter across runs: its 编号 when the site shows one,
// else its detail page, else its title and 来信时间 (many sites publish
// letters as rows with neither number nor link). Two rows of one page with
// the same title and time are told apart by their order on the page,
// which a list sorted by date keeps from run to run; the order is counted
// per page, so a page served again gives the same keys and ends the read.
func letterKey(l extract.Letter, canon string, onPage map[string]int) string {
	switch {
	case l.No != "":
		return l.No
	case canon != "":
		return canon
	case l.Title == "" || !l.Received.OK:
		return ""
	}
	d := landingDate(l.Received)
	k := l.Title + " @ " + strings.TrimSpace(d.Value+" "+d.Time)
	onPage[k]++
	if n := onPage[k]; n > 1 {
		k += fmt.Sprintf(" #%d", n)
	}
	return k
}

// noteLetters adds what one mailbox page says about its size and end.
func noteLetters(ev *evidence, lp extract.LetterPage, page int, text string, ref time.Time) {
	ev.SiteTotal = max(ev.SiteTotal, lp.TotalRecords)
	ev.TotalPages = max(ev.TotalPages, lp.TotalPages)
	ev.MaxPage = max(ev.MaxPage, page)
	ev.LastPage = ev.LastPage || lp.LastPage
	ev.PagerSeen = ev.PagerSeen || lp.PagerSeen
	ev.NeedsBrowser = ev.NeedsBrowser || lp.NeedsBrowser
	if len(lp.Letters) == 0 {
		rows := lp.DatedRows
		if rows == 0 && !strings.HasPrefix(strings.TrimSpace(text), "{") {
			rows = extract.CountDatedRows(text, ref)
		}
		ev.DatedRows += rows
		if lp.EmptyNotice || extract.SaysEmpty(text) {
			ev.EmptyNotice = true
		}
	}
}

type letterJob struct {
	l       extract.Letter
	key     string
	canon   string
	listSHA string
}

// letters writes a page's letters and returns how many of their detail
// pages could not be read (listed, not verified).
func (uc *unitCrawler) letters(ctx context.Context, mailboxID string, jobs []letterJob) (int, error) {
	recs := make([]landing.Letter, len(jobs))
	err := uc.parallel(ctx, len(jobs), func(i int) error {
		r, err := uc.letter(ctx, mailboxID, jobs[i])
		recs[i] = r
		return err
	})
	if err != nil {
		return 0, err
	}
	failed := 0
	for _, r := range recs {
		if !r.DetailFetched && r.DetailError != "" && r.URL != "" {
			failed++
		}
	}
	return failed, uc.write(func(w *landing.UnitWriter) error {
		for _, r := range recs {
			if err := w.AddLetter(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// letter builds one letter record from its list row and, unless an earlier
// run already saw it final, its detail page.
func (uc *unitCrawler) letter(ctx context.Context, mailboxID string, j letterJob) (landing.Letter, error) {
	l := j.l
	rec := landing.Letter{RunID: uc.run.ID, UnitID: uc.unit.ID, MailboxID: mailboxID, Key: j.key, LetterNo: l.No,
		URL: l.DetailURL, CanonicalURL: j.canon, Title: l.Title, TypeRaw: l.TypeRaw, Type: l.Type,
		Received: landingDate(l.Received), StatusRaw: l.StatusRaw, Status: l.Status, Handler: l.Handler,
		Replied: landingDate(l.Replied), Content: l.Content, Reply: l.Reply, ListSHA256: j.listSHA, SeenAt: time.Now().UTC()}
	if prev, ok := uc.hist.letters[mailboxID][j.key]; ok && prev.Status == landing.StatusReplied && prev.DetailSHA256 != "" {
		copyLetter(&rec, prev)
		return rec, nil
	}
	if l.DetailURL == "" {
		// The row is the published letter: what it shows is what the
		// site shows.
		rec.DetailError = "no detail page linked"
		rec.ShowsReplyTime, rec.ShowsHandler = rec.Replied.Raw != "", rec.Handler != ""
		rec.ShowsReplyContent = l.HasReplyContent || l.Reply != ""
		rec.Content, rec.Reply = l.Content, l.Reply
		return rec, nil
	}
	if uc.listOnly {
		return rec, nil
	}
	if uc.overBudget() {
		rec.DetailError = budgetSpent
		return rec, nil
	}
	if !uc.f.hosts.allowsURL(l.DetailURL) {
		rec.DetailError = "detail page outside the unit's hosts, not fetched"
		return rec, nil
	}
	res, err := uc.fetch(ctx, landing.PageLetterDetail, mailboxID, extract.Request{Method: "GET", URL: l.DetailURL})
	if err != nil {
		return rec, err
	}
	if !res.ok() {
		rec.DetailError = res.Err
		if res.Outcome == landing.OutcomeBlocked {
			rec.DetailError = "blocked: " + res.Err
		}
		return rec, nil
	}
	d := extract.ExtractLetterDetail(res.URL, res.Text, uc.ref)
	rec.DetailFetched = true
	rec.DetailSHA256 = res.SHA256
	mergeLetter(&rec, d)
	return rec, nil
}

// mergeLetter fills what the list row lacked from the detail page, and
// takes from the detail page what the published letter shows.
func mergeLetter(rec *landing.Letter, d extract.Letter) {
	if rec.LetterNo == "" && d.No != "" {
		rec.LetterNo = d.No
	}
	if rec.Title == "" {
		rec.Title = d.Title
	}
	if rec.TypeRaw == "" && d.TypeRaw != "" {
		rec.TypeRaw, rec.Type = d.TypeRaw, d.Type
	}
	if rec.Received.Raw == "" && d.Received.Raw != "" {
		rec.Received = landingDate(d.Received)
	}
	if rec.StatusRaw == "" && d.StatusRaw != "" {
		rec.StatusRaw, rec.Status = d.StatusRaw, d.Status
	}
	if rec.Handler == "" {
		rec.Handler = d.Handler
	}
	if rec.Replied.Raw == "" && d.Replied.Raw != "" {
		rec.Replied = landingDate(d.Replied)
	}
	if rec.Type == "" {
		rec.Type = extract.NormalizeLetterType(rec.TypeRaw)
	}
	if rec.Status == "" {
		rec.Status = extract.NormalizeStatus(rec.StatusRaw)
	}
	if rec.StatusRaw == "" && rec.Status == landing.StatusUnknown && d.Status != "" {
		// Neither shows a status wording; the detail page's reply tells.
		rec.Status = d.Status
	}
	rec.ShowsReplyTime = d.ShowsReplyTime
	rec.ShowsHandler = d.ShowsHandler
	rec.ShowsReplyContent = d.ShowsReplyContent
	// The detail page's text wins; a list row's stands when it has none.
	if d.Content != "" {
		rec.Content = d.Content
	}
	if d.Reply != "" {
		rec.Reply = d.Reply
	}
}

// copyLetter completes a final letter from its newest earlier record.
func copyLetter(rec *landing.Letter, prev landing.Letter) {
	if rec.Handler == "" {
		rec.Handler = prev.Handler
	}
	if rec.Replied.Raw == "" {
		rec.Replied = prev.Replied
	}
	if rec.LetterNo == "" {
		rec.LetterNo = prev.LetterNo
	}
	if rec.TypeRaw == "" {
		rec.TypeRaw, rec.Type = prev.TypeRaw, prev.Type
	}
	if rec.Received.Raw == "" {
		rec.Received = prev.Received
	}
	rec.ShowsReplyTime = prev.ShowsReplyTime
	rec.ShowsHandler = prev.ShowsHandler
	rec.ShowsReplyContent = prev.ShowsReplyContent
	if prev.Content != "" {
		rec.Content = prev.Content
	}
	if prev.Reply != "" {
		rec.Reply = prev.Reply
	}
	rec.DetailSHA256 = prev.DetailSHA256
}

// mailboxToken reads a mailbox's page for the CSRF token it writes and the
// session cookie it sets, for a profile whose API wants them. "" when the
// page could not be read or writes no token; the source then says why.
func (uc *unitCrawler) mailboxToken(ctx context.Context, mb config.Mailbox, src *source, jar map[string]map[string]string) (string, error) {
	rec, ev := &src.rec, &src.ev
	res, err := uc.fetch(ctx, landing.PageMailboxList, mb.ID, extract.Request{Method: "GET", URL: mb.URL, Page: 1})
	if err != nil {
		return "", err
	}
	rec.Pages++
	src.first = res.head()
	if !res.ok() {
		rec.Outcome, rec.Error = res.Outcome, res.Err
		uc.readFailed(ev, res, 0)
		return "", nil
	}
	keepCookies(jar, res)
	tok, ok := extract.PageToken(res.Text)
	if !ok {
		rec.Outcome, rec.Error = landing.OutcomeFailed, "no CSRF token on the mailbox page for "+mb.Token
		ev.Err = rec.Error
		return "", nil
	}
	return tok, nil
}

// withCookies adds to a request the cookies its host set earlier in the
// same mailbox's read.
func withCookies(req extract.Request, jar map[string]map[string]string) extract.Request {
	u, err := url.Parse(req.URL)
	if err != nil || len(jar[u.Host]) == 0 {
		return req
	}
	names := make([]string, 0, len(jar[u.Host]))
	for n := range jar[u.Host] {
		names = append(names, n)
	}
	slices.Sort(names)
	var parts []string
	for _, n := range names {
		parts = append(parts, n+"="+jar[u.Host][n])
	}
	h := map[string]string{}
	for k, v := range req.Header {
		h[k] = v
	}
	h["Cookie"] = strings.Join(parts, "; ")
	req.Header = h
	return req
}

// keepCookies remembers the cookies an answer set, for its host.
func keepCookies(jar map[string]map[string]string, res fetched) {
	if len(res.Cookies) == 0 {
		return
	}
	u, err := url.Parse(res.URL)
	if err != nil {
		return
	}
	if jar[u.Host] == nil {
		jar[u.Host] = map[string]string{}
	}
	for _, c := range res.Cookies {
		if c.MaxAge < 0 || c.Value == "" {
			delete(jar[u.Host], c.Name)
			continue
		}
		jar[u.Host][c.Name] = c.Value
	}
}
