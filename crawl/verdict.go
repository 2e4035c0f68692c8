package crawl

import (
	"fmt"

	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// evidence is what one read of a source (a column or a mailbox) showed:
// what the site says about its size and end beside what was read. It is
// filled while the source is crawled and judged once, by verdict.
type evidence struct {
	// Err is a fetch, decode or parse failure that ended the read.
	Err string
	// Blocked: a challenge page answered; Err then says which.
	Blocked bool
	// NeedsBrowser: scripts build the list; Rendered: a browser read it.
	NeedsBrowser bool
	Rendered     bool
	// Bound names the limit that stopped the read ("max_pages (200)"), ""
	// when none did.
	Bound string

	Pages    int // list pages read
	Distinct int // distinct items or letters read

	SiteTotal   int  // records the site says it holds (0: not said)
	TotalPages  int  // pages the site says it has (0: not said)
	MaxPage     int  // highest page number read
	LastPage    bool // a page said it is the last one
	PagerSeen   bool // a page showed a pager
	NextLeft    bool // a next request remained when the read stopped
	EmptyNotice bool // a page said in words that nothing is listed
	Incremental bool // stopped on purpose at items seen before

	// Suspicion: every page of a multi-page read gave the same items;
	// Chrome items also appear on other pages of the unit (nav, sidebars);
	// Previous is the most distinct items an earlier complete run read;
	// DatedRows counts dated rows on mailbox pages.
	SamePages bool
	Chrome    int
	Previous  int
	DatedRows int
}

// verdict judges one read: the only place where evidence becomes a
// verdict, for columns and mailboxes alike. The reason says what a user can
// check or do.
func verdict(ev evidence) (string, string) {
	switch {
	case ev.Blocked:
		return domain.VerdictBlocked, ev.Err
	case ev.Err != "" && ev.Distinct == 0:
		return domain.VerdictFailed, ev.Err
	case ev.Err != "":
		return domain.VerdictFailed, fmt.Sprintf("%s (after %s on %s)", ev.Err, count(ev.Distinct, "item"), count(ev.Pages, "page"))
	case ev.NeedsBrowser && !ev.Rendered:
		return domain.VerdictNeedsBrowser, "the list is written by scripts; static reading cannot list it"
	case ev.Bound != "":
		r := fmt.Sprintf("stopped by %s after %s, %s", ev.Bound, count(ev.Pages, "page"), count(ev.Distinct, "item"))
		if ev.SiteTotal > 0 {
			r += fmt.Sprintf(" of %d the site states", ev.SiteTotal)
		}
		return domain.VerdictPartial, r
	case ev.SamePages:
		return domain.VerdictSuspect, fmt.Sprintf("every one of %d pages lists the same %d items", ev.Pages, ev.Distinct)
	case ev.Distinct > 0 && ev.Chrome*5 >= ev.Distinct*4:
		// Most of the list (four in five) is on the unit's other pages. A
		// real list shares a few items with a home page box or a "latest"
		// sidebar; a sidebar taken for the list shares them all.
		return domain.VerdictSuspect, fmt.Sprintf("%d of %d items are links the unit's other pages show too (navigation or sidebar)", ev.Chrome, ev.Distinct)
	case ev.Distinct == 0 && ev.DatedRows > 0:
		return domain.VerdictSuspect, fmt.Sprintf("the page shows %d dated rows but none was read", ev.DatedRows)
	case ev.Distinct == 0 && ev.Previous > 0:
		return domain.VerdictSuspect, fmt.Sprintf("list matched nothing; earlier runs listed %d items", ev.Previous)
	case !ev.Incremental && ev.Previous >= 10 && ev.Distinct*2 < ev.Previous && ev.SiteTotal == 0:
		return domain.VerdictSuspect, fmt.Sprintf("read %d items; earlier runs read %d", ev.Distinct, ev.Previous)
	case ev.Distinct == 0 && ev.EmptyNotice && ev.TotalPages <= 1 && !ev.NextLeft:
		return domain.VerdictEmpty, "the site says the list is empty"
	case ev.Distinct == 0 && ev.TotalPages == 1 && ev.Pages == 1 && !ev.NextLeft:
		// The pager's own count says this is the only page, and no row of
		// it carries a date (checked above).
		return domain.VerdictEmpty, "the pager says one page, and it has no dated row"
	case ev.Distinct == 0 && ev.PagerSeen:
		return domain.VerdictSuspect, "the page has a pager but no item was read"
	case ev.Distinct == 0:
		return domain.VerdictSuspect, "the page answered but nothing was read, and it does not say it is empty"
	case ev.Incremental:
		return domain.VerdictComplete, fmt.Sprintf("read until items seen in earlier runs (%s, %s)", count(ev.Distinct, "item"), count(ev.Pages, "page"))
	case ev.SiteTotal > 0 && ev.Distinct < ev.SiteTotal:
		return domain.VerdictPartial, fmt.Sprintf("read %d of the %d items the site states", ev.Distinct, ev.SiteTotal)
	case ev.SiteTotal > 0 && !ev.NextLeft:
		// The site's own count agrees, whatever its pages are counted in.
		return domain.VerdictComplete, fmt.Sprintf("read %d items; the site states %d", ev.Distinct, ev.SiteTotal)
	case ev.TotalPages > ev.MaxPage:
		return domain.VerdictPartial, fmt.Sprintf("read %d of the %d pages the site states; the next page could not be reached", ev.MaxPage, ev.TotalPages)
	case ev.NextLeft:
		return domain.VerdictPartial, fmt.Sprintf("stopped with pages left to read after %s", count(ev.Pages, "page"))
	case ev.LastPage || (ev.TotalPages > 0 && ev.MaxPage >= ev.TotalPages):
		return domain.VerdictComplete, fmt.Sprintf("read every page (%d) by the site's pager, %s", ev.Pages, count(ev.Distinct, "item"))
	case ev.PagerSeen && ev.Pages <= 1:
		return domain.VerdictPartial, "a pager was seen but no next page could be read from it"
	}
	return domain.VerdictComplete, fmt.Sprintf("read %s to the last without a next page, %s", count(ev.Pages, "page"), count(ev.Distinct, "item"))
}

// lastPageSeen says the read reached the list's end by the site's own
// word: a page saying it is the last, every page the pager states, or the
// whole of the total the site states.
func (ev evidence) lastPageSeen() bool {
	return ev.Err == "" && !ev.Blocked && (ev.LastPage ||
		(ev.TotalPages > 0 && ev.MaxPage >= ev.TotalPages) ||
		(ev.SiteTotal > 0 && ev.Distinct >= ev.SiteTotal && !ev.NextLeft))
}

// count writes n things, singular or plural.
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// homeVerdict judges a home page observation: 首页不更新 rests only on a
// page that was fetched and showed a dated link.
func homeVerdict(outcome string, dated bool) string {
	switch {
	case outcome == landing.OutcomeBlocked:
		return domain.VerdictBlocked
	case outcome != landing.OutcomeOK:
		return domain.VerdictFailed
	case !dated:
		return domain.VerdictSuspect
	}
	return domain.VerdictComplete
}
