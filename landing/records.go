package landing

import "time"

// Kinds of page attempt.
const (
	PageHome         = "home"
	PageRobots       = "robots"
	PageList         = "list"
	PageDetail       = "detail"
	PageMailboxList  = "mailbox_list"
	PageLetterDetail = "letter_detail"
)

// Outcomes of a page attempt or a column.
const (
	OutcomeOK      = "ok"      // fetched and parsed
	OutcomeFailed  = "failed"  // network error, 4xx/5xx after retries, truncated body
	OutcomeBlocked = "blocked" // WAF or challenge page
	OutcomeRobots  = "robots"  // disallowed by robots.txt, never requested
	OutcomeEmpty   = "empty"   // column answered but listed nothing
	OutcomeSkipped = "skipped" // not needed (incremental run)
)

// OutcomeLabels name each outcome in Chinese, as the workbooks print it.
var OutcomeLabels = []struct{ Outcome, Label string }{
	{OutcomeOK, "成功"},
	{OutcomeEmpty, "无内容"},
	{OutcomeFailed, "失败"},
	{OutcomeBlocked, "被拦截"},
	{OutcomeRobots, "robots.txt 禁止"},
	{OutcomeSkipped, "未重新采集"},
}

// OutcomeLabel is an outcome's Chinese name; an unknown one stays as it is.
func OutcomeLabel(o string) string {
	for _, l := range OutcomeLabels {
		if l.Outcome == o {
			return l.Label
		}
	}
	return o
}

// Letter statuses after normalisation.
const (
	StatusReplied    = "replied"
	StatusInProgress = "in_progress"
	StatusUnreplied  = "unreplied"
	StatusUnknown    = "unknown"
)

// Date is a date as the page wrote it and as parsed. Value is "" when the
// raw string could not be parsed; Raw is "" when the page showed nothing.
type Date struct {
	Raw   string `json:"raw"`
	Value string `json:"value"`          // 2006-01-02, Asia/Shanghai
	Time  string `json:"time,omitempty"` // 15:04:05 when the page gave a time of day
}

// Item is one posted item as seen in one column in one run.
type Item struct {
	RunID        string `json:"run_id"`
	UnitID       string `json:"unit_id"`
	ColumnID     string `json:"column_id"`
	URL          string `json:"url"`           // absolute, as linked
	CanonicalURL string `json:"canonical_url"` // see package canon
	Title        string `json:"title"`
	ListTitle    string `json:"list_title,omitempty"`
	ListDate     Date   `json:"list_date"`
	Published    Date   `json:"published"` // 发布日期: the detail page's when present, else the list's
	Formed       Date   `json:"formed"`    // 成文日期
	IndexNo      string `json:"index_no,omitempty"`
	Publisher    string `json:"publisher,omitempty"`
	DocNo        string `json:"doc_no,omitempty"`
	Topic        string `json:"topic,omitempty"`
	Validity     string `json:"validity,omitempty"`
	// Links are canonical URLs of other pages on the unit's hosts that the
	// detail page links to (policy ↔ interpretation).
	Links []string `json:"links,omitempty"`
	// DetailFetched is false when the detail page was not fetched this run
	// (incremental run, or the fetch failed); metadata then comes from an
	// earlier run.
	DetailFetched bool      `json:"detail_fetched"`
	DetailError   string    `json:"detail_error,omitempty"`
	ListPage      int       `json:"list_page"` // 1-based list page the item was found on
	Position      int       `json:"position"`  // 0-based position on that page
	ListSHA256    string    `json:"list_sha256,omitempty"`
	DetailSHA256  string    `json:"detail_sha256,omitempty"`
	SeenAt        time.Time `json:"seen_at"`
}

// Letter is one letter of a mailbox as seen in one run.
type Letter struct {
	RunID        string `json:"run_id"`
	UnitID       string `json:"unit_id"`
	MailboxID    string `json:"mailbox_id"`
	Key          string `json:"key"` // 信件编号 when shown, else the canonical detail URL, else "title @ 来信时间"
	LetterNo     string `json:"letter_no,omitempty"`
	URL          string `json:"url,omitempty"`
	CanonicalURL string `json:"canonical_url,omitempty"`
	Title        string `json:"title"`
	TypeRaw      string `json:"type_raw,omitempty"`
	Type         string `json:"type"` // 咨询 投诉 建议 求助 其他
	Received     Date   `json:"received"`
	StatusRaw    string `json:"status_raw,omitempty"`
	Status       string `json:"status"` // replied in_progress unreplied unknown
	Handler      string `json:"handler,omitempty"`
	Replied      Date   `json:"replied"`
	// Content is the letter's text (来信内容) and Reply the answer's text
	// (答复内容), as the detail page shows them; "" when not shown.
	Content string `json:"content,omitempty"`
	Reply   string `json:"reply,omitempty"`
	// What the published letter shows (留言公开完整性).
	ShowsReplyTime    bool      `json:"shows_reply_time"`
	ShowsHandler      bool      `json:"shows_handler"`
	ShowsReplyContent bool      `json:"shows_reply_content"`
	DetailFetched     bool      `json:"detail_fetched"`
	DetailError       string    `json:"detail_error,omitempty"`
	ListSHA256        string    `json:"list_sha256,omitempty"`
	DetailSHA256      string    `json:"detail_sha256,omitempty"`
	SeenAt            time.Time `json:"seen_at"`
}

// Column records how one column or mailbox was crawled in one run.
type Column struct {
	RunID    string `json:"run_id"`
	UnitID   string `json:"unit_id"`
	ColumnID string `json:"column_id"` // a column's or a mailbox's ID
	Kind     string `json:"kind"`      // "column" or "mailbox"
	URL      string `json:"url"`
	Profile  string `json:"profile"`
	Encoding string `json:"encoding,omitempty"`
	Pages    int    `json:"pages"` // list pages fetched
	Found    int    `json:"found"` // records listed on the pages fetched
	// TotalPages is what the site said it has, 0 when unknown.
	TotalPages int `json:"total_pages,omitempty"`
	// Complete is true when every list page was fetched or the run stopped
	// on purpose at items already seen (Incremental).
	Complete    bool      `json:"complete"`
	Incremental bool      `json:"incremental"`
	Outcome     string    `json:"outcome"` // ok failed blocked empty robots
	Error       string    `json:"error,omitempty"`
	Newest      string    `json:"newest,omitempty"` // newest list date seen, 2006-01-02
	FinishedAt  time.Time `json:"finished_at"`

	// Evidence and verdict (domain.Verdict*). Verdict says whether the read
	// can be judged on; VerdictReason says why in words a user can act on.
	Verdict       string `json:"verdict,omitempty"`
	VerdictReason string `json:"verdict_reason,omitempty"`
	// SiteTotal is the number of records the site says the source holds
	// (共N条, totalRecord, a JSON total), 0 when it says none.
	SiteTotal int `json:"site_total,omitempty"`
	// Distinct is the number of distinct items or letters read.
	Distinct int `json:"distinct"`
	// LastPageSeen: the last page was reached by the site's own word.
	LastPageSeen bool `json:"last_page_seen,omitempty"`
	// DetailsFailed counts listed items whose detail page could not be
	// read this run: listed, not verified.
	DetailsFailed int `json:"details_failed,omitempty"`
	// Recognised is what the auto family recognised (see extract.ListResult).
	Recognised string `json:"recognised,omitempty"`
	// Rendered: the list was read from a headless browser's DOM.
	Rendered bool `json:"rendered,omitempty"`
}

// Home is one observation of a unit's home page.
type Home struct {
	RunID       string    `json:"run_id"`
	UnitID      string    `json:"unit_id"`
	URL         string    `json:"url"`
	OK          bool      `json:"ok"`
	Status      int       `json:"status"`
	Error       string    `json:"error,omitempty"`
	Newest      Date      `json:"newest"` // date of the newest dated link
	NewestURL   string    `json:"newest_url,omitempty"`
	NewestTitle string    `json:"newest_title,omitempty"`
	SHA256      string    `json:"sha256,omitempty"`
	FetchedAt   time.Time `json:"fetched_at"`
	// Verdict: complete when the page was fetched and read, else failed or
	// blocked (domain.Verdict*). 首页不更新 rests only on complete.
	Verdict string `json:"verdict,omitempty"`
}

// Page is one attempt to fetch one page.
type Page struct {
	RunID      string    `json:"run_id"`
	UnitID     string    `json:"unit_id"`
	ColumnID   string    `json:"column_id,omitempty"`
	Kind       string    `json:"kind"`
	Method     string    `json:"method"`
	URL        string    `json:"url"`
	Attempt    int       `json:"attempt"` // 1 for the first try
	Status     int       `json:"status"`  // 0 when no HTTP answer
	Bytes      int64     `json:"bytes"`
	DurationMS int64     `json:"duration_ms"`
	Outcome    string    `json:"outcome"`
	Error      string    `json:"error,omitempty"`
	SHA256     string    `json:"sha256,omitempty"`
	FetchedAt  time.Time `json:"fetched_at"`
	// Rendered: the snapshot is a headless browser's DOM of the page, not
	// the answer to a request.
	Rendered bool `json:"rendered,omitempty"`
}
