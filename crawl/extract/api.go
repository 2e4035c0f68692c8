package extract

import (
	"net/url"
	"time"
)

// Date is a date as seen on a page and as parsed. Raw is always kept so a
// score can be traced back to what the page said.
type Date struct {
	Raw     string    `json:"raw"`
	Time    time.Time `json:"time"`     // zero if not parsed; Asia/Shanghai
	HasTime bool      `json:"has_time"` // the source gave a time of day
	OK      bool      `json:"ok"`
}

// ParseDate parses the first date in raw, in any of the shapes government
// sites use: 2026-03-05, 2026/3/5, 2026.03.05, 2026年3月5日 (each with an
// optional time such as 09:30, 09:30:00 or 09时30分), month-day dates
// ([03-05], 03-05, 3月5日), epoch milliseconds (13 digits) and seconds (10
// digits), in full-width digits too; text around the date is ignored.
//
// ref is the moment of the crawl. A month-day date takes the latest year
// that does not put it more than one day after ref; without ref it is not
// parsed. Epoch values are HasTime unless they fall on midnight in Shanghai.
// An unparseable string gives OK=false with Raw kept: a date is never guessed.
func ParseDate(raw string, ref time.Time) Date { return parseDate(raw, ref) }

// Decode turns a fetched body into text, honouring the HTTP header charset
// and the page's own declarations (see decode.go for the precedence rule).
// encoding is the canonical name used ("utf-8", "gb18030", ...).
func Decode(body []byte, contentType string) (text string, encoding string, err error) {
	return decode(body, contentType)
}

// Request is a request the crawler should make next.
type Request struct {
	Method string     `json:"method"`
	URL    string     `json:"url"`
	Form   url.Values `json:"form,omitempty"` // POST form, nil for GET
	// Body is a JSON request body (POST), sent as application/json; a
	// request has a Form or a Body, not both.
	Body string `json:"body,omitempty"`
	Page int    `json:"page"` // 1-based list page number
	// Header holds request headers a page's script sends with the call
	// (X-CSRF-TOKEN and the like), nil for none.
	Header map[string]string `json:"header,omitempty"`
}

// Profile describes how a CMS family lists a column. Profiles are data:
// a preset by name, optionally with custom selectors or JSON paths.
type Profile struct {
	Name   string `yaml:"name" json:"name"`
	Family string `yaml:"family" json:"family"` // "trs" | "hanweb" | "json" | "generic" | "auto"

	// HTML: CSS selectors; empty means the family default.
	Item  string `yaml:"item" json:"item,omitempty"`
	Link  string `yaml:"link" json:"link,omitempty"`
	Title string `yaml:"title" json:"title,omitempty"`
	Date  string `yaml:"date" json:"date,omitempty"`
	Next  string `yaml:"next" json:"next,omitempty"`

	// JSON
	API       string `yaml:"api" json:"api,omitempty"` // URL template with {page} and optional {size}
	ItemsPath string `yaml:"items_path" json:"items_path,omitempty"`
	URLPath   string `yaml:"url_path" json:"url_path,omitempty"`
	TitlePath string `yaml:"title_path" json:"title_path,omitempty"`
	DatePath  string `yaml:"date_path" json:"date_path,omitempty"`
	TotalPath string `yaml:"total_path" json:"total_path,omitempty"`
	PageSize  int    `yaml:"page_size" json:"page_size,omitempty"`

	// PageURL is the URL of list page N of an HTML column whose pager
	// static reading cannot follow: {page} is N (1-based), {page0} is N-1.
	// Page 1 stays the column URL. Pages are read until one adds no new item.
	PageURL string `yaml:"page_url" json:"page_url,omitempty"`
	// Method "POST" sends each list request (the column page, or the API)
	// as a POST: Form (urlencoded, "channelId=12&pageNo={page}") or Body (a
	// JSON text); both may hold {page} and {size}.
	Method string `yaml:"method" json:"method,omitempty"`
	Form   string `yaml:"form" json:"form,omitempty"`
	Body   string `yaml:"body" json:"body,omitempty"`
	// HTMLPath names a JSON field that holds the list as HTML; the list is
	// then found in that HTML as on a page.
	HTMLPath string `yaml:"html_path" json:"html_path,omitempty"`
	// DetailURL builds an item's URL from its JSON row when the row has no
	// link: "/xxgk/detail.html?id={id}" takes the row's id field.
	DetailURL string `yaml:"detail_url" json:"detail_url,omitempty"`
	// DateFormat reads dates ParseDate cannot: YYYY, YY, MM, M, DD, D, hh,
	// mm, ss in any order with any separators ("YYYYMMDD", "DD/MM/YYYY"),
	// or "epoch" (seconds) and "epoch_ms". It applies to the date a Date
	// selector or DatePath selects.
	DateFormat string `yaml:"date_format" json:"date_format,omitempty"`
	// Render says only a browser can build the list; the crawler renders
	// the column instead of reading it statically.
	Render bool `yaml:"render" json:"render,omitempty"`
}

// Preset returns the built-in profile of a family: "trs", "hanweb", "json",
// "generic" or "auto".
func Preset(name string) (Profile, bool) { return preset(name) }

// FirstRequest is the first list request of a column: page 1 of the API for
// json profiles, a GET of the column URL otherwise.
func FirstRequest(p Profile, columnURL string) Request { return firstRequest(p, columnURL) }

// ListItem is one entry of a column list.
type ListItem struct {
	URL   string `json:"url"`   // absolute, resolved against the page URL
	Title string `json:"title"` // full title: the title attribute when the text is cut with …
	Date  Date   `json:"date"`
}

// ListResult is what one list page (or API answer) gave.
type ListResult struct {
	Items        []ListItem `json:"items"`
	Next         []Request  `json:"next"`        // next list page(s) to fetch; empty on the last page
	TotalPages   int        `json:"total_pages"` // when known, else 0
	TotalRecords int        `json:"total_records"`
	Blocked      bool       `json:"blocked"` // challenge/WAF page (see IsChallenge)
	Reason       string     `json:"reason,omitempty"`

	// Evidence of completeness: what the page says about the list's end
	// and size, beside TotalPages and TotalRecords. The crawler compares it
	// with what it read to give the column its verdict.

	// LastPage: the page itself shows it is the last one (a pager whose
	// current page is its last, 尾页 pointing at itself, a JSON page number
	// equal to its page count). Not set merely because no next link was found.
	LastPage bool `json:"last_page,omitempty"`
	// EmptyNotice: the page says in words that the list is empty (暂无信息,
	// 没有记录, 暂无数据).
	EmptyNotice bool `json:"empty_notice,omitempty"`
	// EmptyRow: a row in the list's place says it is empty
	// (<li>暂无信息</li>): what else on the page is dated is chrome.
	EmptyRow bool `json:"empty_row,omitempty"`
	// PagerSeen: the page has a pager (numbered links, 下一页/尾页, a paging
	// script, page fields in JSON) even when no next request could be made
	// from it, so an unread pager is told apart from a single-page column.
	PagerSeen bool `json:"pager_seen,omitempty"`
	// Recognised names what the auto family found, so a user can pin it:
	// e.g. "trs:createPageHTML", "hanweb:jpage", "json:GET /api/list",
	// "html:li". Empty for an explicit profile.
	Recognised string `json:"recognised,omitempty"`
	// NeedsBrowser: scripts build the list and static reading cannot.
	NeedsBrowser bool `json:"needs_browser,omitempty"`
	// Repeated (Column.Page only): a page after the first whose rows were
	// all shown on earlier pages, so it lists nothing and reading stops.
	Repeated bool `json:"repeated,omitempty"`
}

// ExtractList extracts the items of one list page. req is the request that
// fetched body (its URL resolves relative links, its Page and, for Hanweb,
// its startrecord/endrecord/perpage and Form carry the paging on); body is
// already decoded. Next holds one request: the next page or the next Hanweb
// group.
//
// Month-day dates ([10-11], 3月5日) take their year from the page: the first
// dated entry by ParseDate's reference rule, each later one the latest year
// in which it is not after the dated entry above it (lists are newest first)
// nor more than a day after ref. See list_years.go.
//
// A challenge page gives Blocked with a Reason and no error. An HTML page
// with no items is not an error either: the crawler decides what an empty
// column means. Errors are for an unusable profile (unknown family, a
// selector that does not compile) and a JSON answer that is not JSON or
// has no list at ItemsPath.
func ExtractList(p Profile, req Request, body string, ref time.Time) (ListResult, error) {
	return extractList(p, req, body, ref)
}

// Meta is the disclosure metadata block (信息公开目录) of a detail page.
type Meta struct {
	IndexNo   string `json:"index_no"`  // 索引号
	Publisher string `json:"publisher"` // 发布机构 / 发文机关
	DocNo     string `json:"doc_no"`    // 文号 / 发文字号
	Topic     string `json:"topic"`     // 主题分类
	Validity  string `json:"validity"`  // 有效性
	Formed    Date   `json:"formed"`    // 成文日期
	Published Date   `json:"published"` // 发布日期 / 发文日期 / 公开日期
	Found     bool   `json:"found"`     // at least one label was found
}

// Detail is what a detail page gives.
type Detail struct {
	Title string   `json:"title"`
	Meta  Meta     `json:"meta"`
	Links []string `json:"links"` // same-host links from the content and related blocks
}

// ExtractDetail extracts the title, metadata and related links of a detail
// page. Meta.Found says a metadata block was seen: a 发布时间 in the article
// info line fills Published but does not count as one.
func ExtractDetail(pageURL string, body string, ref time.Time) Detail {
	return extractDetail(pageURL, body, ref)
}

// Letter is one mailbox letter, from a list row or a detail page. The Shows*
// flags say what the page displays, since disclosure completeness is scored.
type Letter struct {
	No                string `json:"no"`
	Title             string `json:"title"`
	TypeRaw           string `json:"type_raw"`
	Type              string `json:"type"` // see NormalizeLetterType; empty when the page shows no type
	StatusRaw         string `json:"status_raw"`
	Status            string `json:"status"` // see NormalizeStatus
	Handler           string `json:"handler"`
	DetailURL         string `json:"detail_url"`
	Received          Date   `json:"received"`
	Replied           Date   `json:"replied"`
	HasReplyContent   bool   `json:"has_reply_content"`
	Content           string `json:"content,omitempty"` // 来信内容, "" when not shown
	Reply             string `json:"reply,omitempty"`   // 答复内容, "" when not shown or a placeholder
	ShowsReplyTime    bool   `json:"shows_reply_time"`
	ShowsHandler      bool   `json:"shows_handler"`
	ShowsReplyContent bool   `json:"shows_reply_content"`
}

// LetterPage is one page of a mailbox list.
type LetterPage struct {
	Letters      []Letter  `json:"letters"`
	Next         []Request `json:"next"`
	TotalPages   int       `json:"total_pages"`
	TotalRecords int       `json:"total_records,omitempty"`
	Blocked      bool      `json:"blocked"`
	Reason       string    `json:"reason,omitempty"`
	// Evidence of completeness, as in ListResult.
	LastPage     bool   `json:"last_page,omitempty"`
	EmptyNotice  bool   `json:"empty_notice,omitempty"`
	PagerSeen    bool   `json:"pager_seen,omitempty"`
	Recognised   string `json:"recognised,omitempty"`
	NeedsBrowser bool   `json:"needs_browser,omitempty"`
	// DatedRows counts rows of the page that carry a date, letters or not:
	// a page with dated rows and no letter read is suspect, not empty.
	DatedRows int `json:"dated_rows,omitempty"`
}

// ExtractLetters extracts one mailbox list page; format is "auto" (or "":
// JSON when the answer is JSON, else HTML), "html" (rows of any markup,
// read by a header row, by labels or by position; see letters_rows.go) or
// "json" ({"total":N,"rows":[…]} and common variants). Shows* flags say
// which fields a letter shows; the evidence fields say what the page says
// of the list's size and end. See ExtractLettersWith for profiles.
func ExtractLetters(format string, req Request, body string, ref time.Time) (LetterPage, error) {
	return extractLetters(format, req, body, ref)
}

// ExtractLetterDetail extracts what a letter's detail page shows. Shows*
// flags say which labels the page has; HasReplyContent needs a real reply,
// not a placeholder such as 暂无回复.
func ExtractLetterDetail(pageURL, body string, ref time.Time) Letter {
	return extractLetterDetail(pageURL, body, ref)
}

// Letter statuses returned by NormalizeStatus.
const (
	StatusReplied    = "replied"
	StatusInProgress = "in_progress"
	StatusUnreplied  = "unreplied"
	StatusUnknown    = "unknown"
)

// NormalizeStatus maps a status wording to "replied", "in_progress",
// "unreplied" or "unknown".
func NormalizeStatus(raw string) string { return normalizeStatus(raw) }

// NormalizeLetterType maps a letter type wording to 咨询, 投诉, 建议, 求助 or 其他.
func NormalizeLetterType(raw string) string { return normalizeLetterType(raw) }

// NewestDatedLink returns the newest dated link of a page (a home page),
// found with the same dated-link detection as the auto family. Dates more
// than a day after ref are ignored: they are typos or event dates.
func NewestDatedLink(pageURL, body string, ref time.Time) (ListItem, bool) {
	return newestDatedLink(pageURL, body, ref)
}

// IsChallenge reports whether a response is an anti-bot challenge or WAF
// block rather than content, and why: HTTP 403, 412, 429 or 521, or an
// HTTP 200 page with at most two links that carries a known WAF marker
// (Ruishu $_ts, Jiasule __jsl_clearance, 云锁, 安全验证 …) or is tiny and
// runs a cookie-setting or reloading script. A marker counts in a script,
// noscript block or http-equiv meta tag; in the title or another meta value
// only when that is little more than the marker ("安全验证", not the title
// of a notice about 安全验证 work); anywhere else only when the page has
// almost no other visible text. See challenge.go.
func IsChallenge(status int, body string) (bool, string) { return isChallenge(status, body) }
