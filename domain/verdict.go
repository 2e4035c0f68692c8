package domain

// Verdicts of a source (a column, a mailbox, a home page) in one run. A
// judgement (a blank or stale column, a missing mailbox, a stale home page)
// may rest only on a source whose verdict is Verified.
const (
	// VerdictComplete: every page was read and what was read agrees with
	// what the site says it holds (共N条, 共N页, a JSON total, the pager's
	// last page), or an incremental run stopped on purpose at items seen.
	VerdictComplete = "complete"
	// VerdictPartial: less was read than the site says it holds, or a limit
	// (max_pages, max_items, the unit's time budget) stopped the read.
	VerdictPartial = "partial"
	// VerdictFailed: a fetch, decode or parse error after retries.
	VerdictFailed = "failed"
	// VerdictBlocked: a WAF challenge or a 403/412 challenge page.
	VerdictBlocked = "blocked"
	// VerdictSuspect: the read looks wrong (the same list on every page,
	// links that are the site's chrome, far fewer items than before, a
	// mailbox page showing dated rows but no letter read).
	VerdictSuspect = "suspect"
	// VerdictEmpty: verified empty: the site says zero, or shows an explicit
	// 暂无信息 with no pager.
	VerdictEmpty = "empty"
	// VerdictNeedsBrowser: the list is written by scripts that static
	// reading cannot run and no browser was available.
	VerdictNeedsBrowser = "needs_browser"
)

// Verdicts lists every verdict, in the order reports show them.
var Verdicts = []string{VerdictComplete, VerdictEmpty, VerdictPartial, VerdictSuspect, VerdictBlocked, VerdictFailed, VerdictNeedsBrowser}

// Verified reports whether a verdict is evidence a judgement may rest on.
func Verified(v string) bool { return v == VerdictComplete || v == VerdictEmpty }

// VerdictLabel is the verdict's Chinese name for sheets and terminals.
func VerdictLabel(v string) string {
	switch v {
	case VerdictComplete:
		return "完整"
	case VerdictPartial:
		return "不完整"
	case VerdictFailed:
		return "失败"
	case VerdictBlocked:
		return "被拦截"
	case VerdictSuspect:
		return "可疑"
	case VerdictEmpty:
		return "确认为空"
	case VerdictNeedsBrowser:
		return "需浏览器"
	}
	return v
}
