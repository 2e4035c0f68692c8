package crawl

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// mailbox crawls one mailbox. Every list page is read each run (a letter's
// status can change at any depth); a letter's detail page is fetched again
// only while the newest earlier run did not see it replied.
func (uc *unitCrawler) mailbox(ctx context.Context, mb config.Mailbox) error {
	rec := landing.Column{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: mb.ID, Kind: "mailbox", URL: mb.URL,
		Profile: mb.Format, Outcome: landing.OutcomeOK}
	queue := []extract.Request{mailboxFirst(mb)}
	requested := map[string]bool{}
	listed := map[string]bool{}
	for len(queue) > 0 {
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
		res, err := uc.fetch(ctx, landing.PageMailboxList, mb.ID, req)
		if err != nil {
			return err
		}
		rec.Pages++
		if !res.ok() {
			rec.Outcome, rec.Error = res.Outcome, res.Err
			break
		}
		if rec.Encoding == "" {
			rec.Encoding = res.Encoding
		}
		req.URL = res.URL
		lp, err := extract.ExtractLetters(mb.Format, req, res.Text, uc.ref)
		if err != nil {
			rec.Outcome, rec.Error = landing.OutcomeFailed, "extract letters: "+err.Error()
			break
		}
		if lp.Blocked {
			rec.Outcome, rec.Error = landing.OutcomeBlocked, lp.Reason
			break
		}
		rec.TotalPages = max(rec.TotalPages, lp.TotalPages)
		rec.Found += len(lp.Letters)
		var jobs []letterJob
		for _, l := range lp.Letters {
			j := letterJob{l: l, listSHA: res.SHA256}
			if l.DetailURL != "" {
				j.canon = canonical(l.DetailURL)
			}
			j.key = l.No
			if j.key == "" {
				j.key = j.canon
			}
			if j.key == "" || listed[j.key] {
				continue
			}
			listed[j.key] = true
			if v := landingDate(l.Received).Value; v > rec.Newest {
				rec.Newest = v
			}
			jobs = append(jobs, j)
		}
		if err := uc.letters(ctx, mb.ID, jobs); err != nil {
			return err
		}
		queue = append(queue, lp.Next...)
	}
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
	return uc.finishColumn(rec)
}

type letterJob struct {
	l       extract.Letter
	key     string
	canon   string
	listSHA string
}

func (uc *unitCrawler) letters(ctx context.Context, mailboxID string, jobs []letterJob) error {
	recs := make([]landing.Letter, len(jobs))
	err := uc.parallel(ctx, len(jobs), func(i int) error {
		r, err := uc.letter(ctx, mailboxID, jobs[i])
		recs[i] = r
		return err
	})
	if err != nil {
		return err
	}
	return uc.write(func(w *landing.UnitWriter) error {
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
		Replied: landingDate(l.Replied), ListSHA256: j.listSHA, SeenAt: time.Now().UTC()}
	if prev, ok := uc.hist.letters[mailboxID][j.key]; ok && prev.Status == landing.StatusReplied && prev.DetailSHA256 != "" {
		copyLetter(&rec, prev)
		return rec, nil
	}
	if l.DetailURL == "" {
		rec.DetailError = "no detail page linked"
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
	rec.ShowsReplyTime = d.ShowsReplyTime
	rec.ShowsHandler = d.ShowsHandler
	rec.ShowsReplyContent = d.ShowsReplyContent
	rec.Content, rec.Reply = d.Content, d.Reply
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
	rec.Content, rec.Reply = prev.Content, prev.Reply
	rec.DetailSHA256 = prev.DetailSHA256
}
