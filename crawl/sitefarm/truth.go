package sitefarm

import "time"

// Truth is what the farm publishes in one mode (normal or later), with
// absolute URLs. It is the reference the crawler, store and metrics are
// checked against.
type Truth struct {
	// AsOf is the farm's "today" in this mode (midnight, Asia/Shanghai).
	AsOf time.Time
	// Units are the farm's websites, in ID order.
	Units []*Unit
	// Deleted holds items present in normal mode and gone in later mode.
	// It is empty in normal mode.
	Deleted []*Item
	// CaseUnits are the verdict-case units (Options.VerdictCases), apart
	// from Units; Cases are what a crawl of them must conclude. Both are
	// empty without the option.
	CaseUnits []*Unit
	Cases     []Case
}

// Unit is one government unit and its website (one host:port).
type Unit struct {
	ID       string // "u01", "u02", …
	Name     string // e.g. 市教育局, 城关镇, 东城街道
	Kind     string // "部门", "乡镇" or "街道"
	Family   string // site family: "trs", "hanweb", "json" or "generic"
	Encoding string // "utf-8" or "gbk" (GBK pages declare it only in <meta>)
	// BaseURL is "http://127.0.0.1:port" without a trailing slash; empty
	// before Start.
	BaseURL string
	// Home is the home page, or nil when the unit has none configured.
	Home *Home
	// Columns are the unit's 栏目, in site order.
	Columns []*Column
	// Mailboxes are the unit's letter channels; empty for a unit without one.
	Mailboxes []*Mailbox
	// RobotsDisallow are the path prefixes robots.txt disallows for "*".
	RobotsDisallow []string
	// MustHaveMailbox says whether the rules require this unit to run a
	// reachable mailbox (veto 6 when it has none).
	MustHaveMailbox bool
	// Surges are the unit's designed surges of letters (see Surge), in
	// month order; AnswerURL is absolute.
	Surges []*Surge
}

// Home is a unit's home page and its newest dated link.
type Home struct {
	URL         string
	NewestDate  time.Time // date of the newest dated link on the page
	NewestURL   string    // absolute URL of that link
	NewestTitle string    // its link text: the full title (also in title=)
	// Fails says the home page always answers HTTP 500.
	Fails bool
}

// Column is one 栏目 of a unit.
type Column struct {
	ID       string // unique in the farm, e.g. "u01-gzdt"
	Name     string // name as shown on the site, e.g. 工作动态
	Category string // standard category from METRICS.md, e.g. 部门动态
	URL      string // column entry URL (first list page or JSON shell)
	// API is the JSON API URL template with "{page}" for the json family,
	// else "".
	API string
	// PageSize is the number of items per list page (per jpage page for
	// hanweb, per API page for json).
	PageSize int
	// Items are the items listed, in list order (newest first). For a
	// blocked column they are what is behind the WAF: no crawler can list
	// them, but their detail pages answer normally.
	Items []*Item
	// Blank says the column has never had an item (Items is empty).
	Blank bool
	// Blocked says the column's list answers a WAF challenge page (HTTP 200
	// with a cookie-setting script and no list) or HTTP 412.
	Blocked bool
	// BlockKind is "challenge" or "412" when Blocked.
	BlockKind string
}

// Item is one published item (one detail page). An item listed in two
// columns is one *Item referenced from both.
type Item struct {
	ID    string // unique in the farm, e.g. "u01-100234"
	URL   string // absolute detail URL (a path before Start)
	Title string // full title (detail page <h1> and list title= attribute)
	// ListTitle is the text shown in the list; it may be Title cut with "…".
	ListTitle string
	// PublishDate is the detail page's 发布日期 (midnight, Asia/Shanghai):
	// the truth. Pages showing a time of day show it on this date.
	PublishDate time.Time
	// ListDate is the date the list shows; it equals PublishDate except for
	// one item per farm whose list disagrees with its detail page.
	ListDate time.Time
	// FormedDate is the 成文日期, zero when the page has none.
	FormedDate time.Time
	IndexNo    string // 索引号
	Publisher  string // 发布机构
	DocNo      string // 文号, may be empty
	Topic      string // 主题分类
	Validity   string // 有效性, may be empty
	// ColumnIDs are the IDs of every column listing the item, first one
	// owning the URL.
	ColumnIDs []string
	// Links are the absolute URLs of other items this detail page links to
	// (policy ↔ interpretation), possibly of another unit.
	Links []string
	// Added says the item exists only in later mode (new since AsOf).
	Added bool
	// BackDated says the item appears only in later mode but carries a
	// 发布日期 before the normal-mode AsOf (a 补录/倒签 post).
	BackDated bool
	// ForeignLink says one of Links points to another unit's item (a
	// 政策解读 linked to someone else's policy: not counted).
	ForeignLink bool
	// NotFound says the detail page answers 404 forever (fault "404").
	NotFound bool

	// Serving data; not part of the truth.
	path      string
	cmsID     int
	unit      int
	links     []*Item
	fmtVar    uint8 // date display variant on the detail page
	showTime  bool
	minuteOfD int16 // time of day of publication, minutes
}

// Mailbox is a letter channel (领导信箱, 在线咨询, …).
type Mailbox struct {
	ID   string // unique in the farm, e.g. "u01-ldxx"
	Name string // 领导信箱, 在线咨询, …
	// URL is the first list page for "html"; for "json" the API URL
	// template with "{page}".
	URL    string
	Format string // "html" or "json"
	// PageSize is the number of letters per list page.
	PageSize int
	// ListShowsHandler and ListShowsReplied say whether the list table has
	// the 办理单位 and 回复时间 columns.
	ListShowsHandler bool
	ListShowsReplied bool
	// Letters in list order (newest first).
	Letters []*Letter
}

// Letter is one letter of a mailbox, as of the mode's AsOf.
type Letter struct {
	No        string    // 信件编号
	Title     string    // 标题
	Type      string    // 咨询, 投诉, 建议 or 求助
	TypeRaw   string    // as shown, e.g. 投诉举报
	Received  time.Time // 来信时间, with time of day (Asia/Shanghai)
	StatusRaw string    // as shown, e.g. 已办结, 正在办理, 待回复
	Status    string    // "replied", "in_progress" or "unreplied"
	Handler   string    // 办理单位 (empty when none assigned)
	Replied   time.Time // 回复时间; zero when not replied
	// What the detail page shows. A few replied letters miss one.
	ShowsReplyTime    bool
	ShowsHandler      bool
	ShowsReplyContent bool
	DetailURL         string // absolute
	// What the letter is about and says (政务舆情). Topic is one of the
	// farm's topics (住房, 物业, …, 其他); Content is the letter's text;
	// Reply the answer's text when the page shows one; Boilerplate says
	// that answer says nothing (forwards only, a few words, or the text
	// the unit sends to many); Repeat is, for letters about a matter
	// written about more than once, the 信件编号 of the first of them.
	Topic       string
	Content     string
	Reply       string
	Boilerplate bool
	Repeat      string

	path string
	id   int
}

// Request is one request the farm served.
type Request struct {
	Unit   string // unit ID, e.g. "u01"
	Method string
	Path   string // path and query as requested
	Status int    // status served (0 for a reset connection)
	Fault  string // injected fault kind, "" if none
	// At is when the request arrived, so politeness can be checked from
	// the server's side.
	At time.Time

	logged bool // already in the log (a reset is logged before it happens)
}
