package extract

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Field names of mailbox JSON answers, first match wins. Field names are
// matched whatever their case (createTime, CREATETIME, createtime) and
// underscores (create_time).
var (
	letterRowsPaths = []string{"rows", "data.rows", "data.list", "list", "data.records", "records", "data.data",
		"result.list", "result.records", "result.rows", "result.data", "data.content", "content", "page.list",
		"data.page.list", "obj.list", "obj", "resultList", "datas", "items", "data.items", "data"}
	letterTotalPaths = []string{"total", "data.total", "totalCount", "data.totalCount", "count", "totalElements",
		"data.totalElements", "totalRecord", "data.totalRecord", "recordCount", "data.count", "result.total",
		"page.total", "totalRow", "data.totalRow"}
	letterPagesPaths = []string{"pages", "data.pages", "totalPage", "data.totalPage", "totalPages", "data.totalPages",
		"pageCount", "data.pageCount", "result.pages", "page.pages"}
	letterCurrentPaths = []string{"pageNo", "data.pageNo", "current", "data.current", "pageNum", "data.pageNum",
		"currentPage", "data.currentPage", "page", "data.page", "pageIndex", "data.pageIndex"}
	letterFields = map[string][]string{
		"no":       {"letterNo", "no", "code", "letterCode", "queryCode", "serialNo", "letterNum", "searchCode", "xjbh", "bh", "acceptNo"},
		"title":    {"title", "letterTitle", "subject", "mailTitle", "questionTitle", "xjbt", "lybt", "bt", "topic"},
		"type":     {"type", "letterType", "typeName", "category", "categoryName", "purposeName", "xjlx", "lx"},
		"received": {"createTime", "submitTime", "letterTime", "writeTime", "createDate", "sendTime", "askTime", "addTime", "postTime", "receiveTime", "questionTime", "messageTime", "gmtCreate", "createdAt", "lysj", "xjsj", "xxsj"},
		"status":   {"status", "statusName", "state", "stateName", "handleStatus", "replyStatus", "blzt", "zt"},
		"handler":  {"deptName", "handleDept", "replyDept", "replyUnit", "handleUnit", "orgName", "replyOrgName", "answerDept", "answerUnit", "unitName", "hfdw", "bldw", "dfdw"},
		"replied":  {"replyTime", "answerTime", "finishTime", "replyDate", "handleTime", "dealTime", "hfsj", "dfsj"},
		"reply":    {"replyContent", "answerContent", "reply", "replyText", "replyMsg", "answer", "hfnr", "dfnr"},
		"url":      {"detailUrl", "url", "link", "href", "linkUrl"},
	}
)

// jsonField returns the value of the first field name present in row,
// matched whatever its case.
func jsonField(row any, key string) (any, bool) {
	m, ok := row.(map[string]any)
	if !ok {
		return nil, false
	}
	for _, name := range letterFields[key] {
		if v, ok := m[name]; ok {
			return v, true
		}
	}
	for _, name := range letterFields[key] {
		for k, v := range m {
			// create_time is createTime: snake_case APIs (Laravel, Django).
			if strings.EqualFold(k, name) || strings.EqualFold(strings.ReplaceAll(k, "_", ""), name) {
				return v, true
			}
		}
	}
	return nil, false
}

// jsonLetter reads one letter object of a list or detail answer.
func jsonLetter(row any, base *url.URL, ref time.Time) (Letter, bool) {
	text := func(key string) (string, bool) {
		x, ok := jsonField(row, key)
		if !ok {
			return "", false
		}
		return clean(jsonDateText(x)), true
	}
	var l Letter
	l.No, _ = text("no")
	l.Title, _ = text("title")
	l.TypeRaw, _ = text("type")
	l.StatusRaw, _ = text("status")
	var handler, replied, reply string
	var hasHandler, hasReplied, hasReply bool
	handler, hasHandler = text("handler")
	l.Handler = handler
	if s, ok := text("received"); ok {
		l.Received = ParseDate(s, ref)
	}
	replied, hasReplied = text("replied")
	if hasReplied {
		l.Replied = ParseDate(replied, ref)
	}
	reply, hasReply = text("reply")
	l.HasReplyContent = hasReply && hasContent(reply)
	if u, ok := text("url"); ok {
		l.DetailURL = resolve(base, u)
	}
	l.Type = letterType(l.TypeRaw)
	l.Status = normalizeStatus(l.StatusRaw)
	if l.Status == StatusUnknown && l.StatusRaw == "" && (l.HasReplyContent || l.Replied.OK) {
		l.Status = StatusReplied
	}
	l.ShowsHandler = shown(hasHandler, handler, l.Status)
	l.ShowsReplyTime = shown(hasReplied, replied, l.Status)
	l.ShowsReplyContent = shown(hasReply, reply, l.Status)
	return l, l.Title != "" || l.No != ""
}

func jsonLetters(req Request, body string, ref time.Time) (LetterPage, error) {
	v, err := decodeJSON(body)
	if err != nil {
		return LetterPage{}, fmt.Errorf("mailbox json %s: %w", req.URL, err)
	}
	rows, path, err := firstArray(v, letterRowsPaths...)
	if err != nil {
		return LetterPage{}, fmt.Errorf("mailbox json %s: %w", req.URL, err)
	}
	base := parseBase(req.URL)
	page := LetterPage{Recognised: path}
	for _, row := range rows {
		if l, ok := jsonLetter(row, base, ref); ok {
			// Many mailbox APIs send the letter's text and reply in the
			// list rows: a letter with no detail page still has them.
			jsonLetterText(row, &l)
			page.Letters = append(page.Letters, l)
			if l.Received.OK {
				page.DatedRows++
			}
		}
	}

	size := jsonPageSize(Profile{}, req, v, len(rows))
	if n := formPageSize(req); n > 0 {
		size = n
	}
	total, haveTotal := 0, false
	for _, p := range letterTotalPaths {
		if total, haveTotal = lookupInt(v, p); haveTotal {
			break
		}
	}
	pages, havePages := 0, false
	for _, p := range letterPagesPaths {
		if pages, havePages = lookupInt(v, p); havePages {
			break
		}
	}
	if haveTotal {
		page.TotalRecords = total
		page.PagerSeen = true
		if size > 0 {
			page.TotalPages = (total + size - 1) / size
		}
	}
	if havePages {
		page.TotalPages = pages
		page.PagerSeen = true
	}
	more := false
	switch {
	case havePages:
		more = req.Page < pages
	case haveTotal:
		more = size > 0 && req.Page*size < total
	default:
		more = size > 0 && len(rows) >= size
	}
	if !more && (haveTotal || havePages) {
		page.LastPage = true
	}
	if haveTotal && total == 0 {
		page.EmptyNotice = true
	}
	if more {
		page.Next = []Request{nextJSONRequest(req)}
	}
	return page, nil
}

// formPageSize is the page size a POST form asked for.

// nextJSONRequest asks for the page after req: in the form of a POST that
// carries the page number, else in the URL's page parameter.
func nextJSONRequest(req Request) Request {
	next := Request{Method: req.Method, URL: req.URL, Page: req.Page + 1}
	if next.Method == "" {
		next.Method = "GET"
	}
	next.Header = req.Header
	if req.Body != "" {
		if body, ok := nextJSONBody(req); ok {
			next.Body = body
			return next
		}
	}
	if req.Form != nil {
		form := url.Values{}
		for k, v := range req.Form {
			form[k] = append([]string(nil), v...)
		}
		if off, ok := offsetField(form); ok {
			if size := formPageSize(req); size > 0 {
				form.Set(off, strconv.Itoa(req.Page*size))
				next.Form = form
				return next
			}
		}
		for _, f := range pageFieldNames {
			if form.Has(f) {
				form.Set(f, strconv.Itoa(req.Page+1))
				next.Form = form
				return next
			}
		}
		next.Form = form
	}
	next.URL = withPageParam(req.URL, req.Page+1)
	return next
}

// nextJSONBody is a JSON request body asking for the page after req's:
// its page field set, or its offset moved by its page size.
func nextJSONBody(req Request) (string, bool) {
	var obj map[string]any
	if err := json.Unmarshal([]byte(req.Body), &obj); err != nil {
		return "", false
	}
	form := url.Values{}
	for k, v := range obj {
		form.Set(k, fmt.Sprint(v))
	}
	switch {
	case pageFieldIn(form) != "":
		obj[pageFieldIn(form)] = req.Page + 1
	default:
		off, ok := offsetField(form)
		size := formPageSize(Request{Form: form})
		if !ok || size <= 0 {
			return "", false
		}
		obj[off] = req.Page * size
	}
	b, err := json.Marshal(obj)
	return string(b), err == nil
}

func pageFieldIn(form url.Values) string {
	for _, f := range pageFieldNames {
		if form.Has(f) {
			return f
		}
	}
	return ""
}

// jsonLetterDetail reads a letter detail API answer: the letter object at
// the root or under data, result or obj.
func jsonLetterDetail(pageURL, body string, ref time.Time) (Letter, bool) {
	v, err := decodeJSON(body)
	if err != nil {
		return Letter{}, false
	}
	for _, p := range []string{"data", "result", "obj", "data.letter", "letter", ""} {
		x, ok := lookup(v, p)
		if !ok {
			continue
		}
		if _, isObj := x.(map[string]any); !isObj {
			continue
		}
		if l, ok := jsonLetter(x, parseBase(pageURL), ref); ok {
			if l.DetailURL == "" {
				l.DetailURL = resolve(nil, pageURL)
			}
			jsonLetterText(x, &l)
			return l, true
		}
	}
	return Letter{}, false
}

// noContent are placeholders sites show where a reply would be.
var noContent = map[string]bool{
	"": true, "无": true, "暂无": true, "暂无回复": true, "暂无答复": true, "暂无内容": true,
	"待回复": true, "未回复": true, "null": true, "-": true, "--": true, "/": true,
}

func hasContent(s string) bool {
	return !noContent[strings.ToLower(squash(s))]
}
