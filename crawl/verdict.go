package crawl

import (
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
		return domain.VerdictFailed, domain.ReasonText("failed_after", ev.Err, ev.Distinct, ev.Pages)
	case ev.NeedsBrowser && !ev.Rendered:
		return domain.VerdictNeedsBrowser, domain.ReasonText("needs_browser")
	case ev.Bound != "":
		if ev.SiteTotal > 0 {
			return domain.VerdictPartial, domain.ReasonText("bound_total", ev.Bound, ev.Pages, ev.Distinct, ev.SiteTotal)
		}
		return domain.VerdictPartial, domain.ReasonText("bound", ev.Bound, ev.Pages, ev.Distinct)
	case ev.SamePages:
		return domain.VerdictSuspect, domain.ReasonText("same_pages", ev.Pages, ev.Distinct)
	case ev.Distinct > 0 && ev.Chrome*5 >= ev.Distinct*4:
		// Most of the list (four in five) is on the unit's other pages. A
		// real list shares a few items with a home page box or a "latest"
		// sidebar; a sidebar taken for the list shares them all.
		return domain.VerdictSuspect, domain.ReasonText("chrome", ev.Chrome, ev.Distinct)
	case ev.Distinct == 0 && ev.DatedRows > 0:
		return domain.VerdictSuspect, domain.ReasonText("dated_rows_unread", ev.DatedRows)
	case ev.Distinct == 0 && ev.Previous > 0:
		return domain.VerdictSuspect, domain.ReasonText("matched_nothing", ev.Previous)
	case !ev.Incremental && ev.Previous >= 10 && ev.Distinct*2 < ev.Previous && ev.SiteTotal == 0:
		return domain.VerdictSuspect, domain.ReasonText("fewer_than_before", ev.Distinct, ev.Previous)
	case ev.Distinct == 0 && ev.EmptyNotice && ev.TotalPages <= 1 && !ev.NextLeft:
		return domain.VerdictEmpty, domain.ReasonText("site_says_empty")
	case ev.Distinct == 0 && ev.TotalPages == 1 && ev.Pages == 1 && !ev.NextLeft:
		// The pager's own count says this is the only page, and no row of
		// it carries a date (checked above).
		return domain.VerdictEmpty, domain.ReasonText("one_page_undated")
	case ev.Distinct == 0 && ev.PagerSeen:
		return domain.VerdictSuspect, domain.ReasonText("pager_no_items")
	case ev.Distinct == 0:
		return domain.VerdictSuspect, domain.ReasonText("nothing_read")
	case ev.Incremental:
		return domain.VerdictComplete, domain.ReasonText("incremental", ev.Distinct, ev.Pages)
	case ev.SiteTotal > 0 && ev.Distinct < ev.SiteTotal:
		return domain.VerdictPartial, domain.ReasonText("short_of_total", ev.Distinct, ev.SiteTotal)
	case ev.SiteTotal > 0 && !ev.NextLeft:
		// The site's own count agrees, whatever its pages are counted in.
		return domain.VerdictComplete, domain.ReasonText("total_agrees", ev.Distinct, ev.SiteTotal)
	case ev.TotalPages > ev.MaxPage:
		return domain.VerdictPartial, domain.ReasonText("pages_left_stated", ev.MaxPage, ev.TotalPages)
	case ev.NextLeft:
		return domain.VerdictPartial, domain.ReasonText("pages_left", ev.Pages)
	case ev.LastPage || (ev.TotalPages > 0 && ev.MaxPage >= ev.TotalPages):
		return domain.VerdictComplete, domain.ReasonText("every_page", ev.Pages, ev.Distinct)
	case ev.PagerSeen && ev.Pages <= 1:
		return domain.VerdictPartial, domain.ReasonText("pager_unreadable")
	}
	return domain.VerdictComplete, domain.ReasonText("last_page", ev.Pages, ev.Distinct)
}

// lastPageSeen says the read reached the list's end by the site's own
// word: a page saying it is the last, every page the pager states, or the
// whole of the total the site states.
func (ev evidence) lastPageSeen() bool {
	return ev.Err == "" && !ev.Blocked && (ev.LastPage ||
		(ev.TotalPages > 0 && ev.MaxPage >= ev.TotalPages) ||
		(ev.SiteTotal > 0 && ev.Distinct >= ev.SiteTotal && !ev.NextLeft))
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
