package extract

import (
	"fmt"
	"strings"
	"time"
)

// Field names of mailbox JSON answers, first match wins.
var (
	letterRowsPaths  = []string{"rows", "data.rows", "data.list", "list", "data.records", "records", "data"}
	letterTotalPaths = []string{"total", "data.total", "totalCount", "data.totalCount", "count"}
	letterFields     = map[string][]string{
		"no":       {"letterNo", "no", "code", "letterCode", "queryCode", "serialNo"},
		"title":    {"title", "letterTitle", "subject"},
		"type":     {"type", "letterType", "typeName", "category"},
		"received": {"createTime", "submitTime", "letterTime", "writeTime", "createDate"},
		"status":   {"status", "statusName", "state", "handleStatus"},
		"handler":  {"deptName", "handleDept", "replyDept", "replyUnit", "handleUnit", "orgName"},
		"replied":  {"replyTime", "answerTime", "finishTime", "replyDate"},
		"reply":    {"replyContent", "answerContent", "reply", "replyText"},
		"url":      {"detailUrl", "url", "link", "href"},
	}
)

// jsonField returns the value of the first field name present in row.
func jsonField(row any, key string) (any, bool) {
	for _, name := range letterFields[key] {
		if v, ok := lookup(row, name); ok {
			return v, true
		}
	}
	return nil, false
}

func jsonLetters(req Request, body string, ref time.Time) (LetterPage, error) {
	v, err := decodeJSON(body)
	if err != nil {
		return LetterPage{}, fmt.Errorf("mailbox json %s: %w", req.URL, err)
	}
	rows, _, err := firstArray(v, letterRowsPaths...)
	if err != nil {
		return LetterPage{}, fmt.Errorf("mailbox json %s: %w", req.URL, err)
	}
	base := parseBase(req.URL)
	var page LetterPage
	for _, row := range rows {
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
		l.Handler, l.ShowsHandler = text("handler")
		if s, ok := text("received"); ok {
			l.Received = ParseDate(s, ref)
		}
		var rt string
		rt, l.ShowsReplyTime = text("replied")
		if l.ShowsReplyTime {
			l.Replied = ParseDate(rt, ref)
		}
		var reply string
		reply, l.ShowsReplyContent = text("reply")
		l.HasReplyContent = hasContent(reply)
		if u, ok := text("url"); ok {
			l.DetailURL = resolve(base, u)
		}
		l.Type = letterType(l.TypeRaw)
		l.Status = normalizeStatus(l.StatusRaw)
		page.Letters = append(page.Letters, l)
	}

	size := jsonPageSize(Profile{}, req, v, len(rows))
	total, haveTotal := 0, false
	for _, p := range letterTotalPaths {
		if total, haveTotal = lookupInt(v, p); haveTotal {
			break
		}
	}
	if haveTotal && size > 0 {
		page.TotalPages = (total + size - 1) / size
	}
	more := haveTotal && size > 0 && req.Page*size < total
	if !haveTotal {
		more = size > 0 && len(rows) >= size
	}
	if more {
		page.Next = []Request{{Method: "GET", URL: withPageParam(req.URL, req.Page+1), Page: req.Page + 1}}
	}
	return page, nil
}

// noContent are placeholders sites show where a reply would be.
var noContent = map[string]bool{
	"": true, "无": true, "暂无": true, "暂无回复": true, "暂无答复": true, "暂无内容": true,
	"待回复": true, "未回复": true, "null": true, "-": true, "--": true, "/": true,
}

func hasContent(s string) bool {
	return !noContent[strings.ToLower(squash(s))]
}
