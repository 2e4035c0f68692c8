package extract

import (
	"fmt"
	"strings"
	"time"
)

func extractList(p Profile, req Request, body string, ref time.Time) (ListResult, error) {
	return extractListState(p, req, body, ref, nil)
}

func extractListState(p Profile, req Request, body string, ref time.Time, st *columnState) (ListResult, error) {
	p = withDefaults(p)
	if req.Page < 1 {
		req.Page = 1
	}
	// A JSON answer is never a challenge page, whatever words its items hold.
	if !((p.Family == FamilyJSON || p.Family == FamilyAuto) && looksLikeJSON(body)) {
		if blocked, reason := isChallenge(200, body); blocked && !(p.Family == FamilyAuto && scriptApp(body)) {
			return ListResult{Items: []ListItem{}, Next: []Request{}, Blocked: true, Reason: reason}, nil
		}
	}
	var (
		res ListResult
		err error
	)
	switch p.Family {
	case FamilyAuto:
		res, err = autoList(p, req, body, ref, st)
	case FamilyTRS, FamilyGeneric:
		res, err = htmlList(p, req, body, ref, st)
	case FamilyHanweb:
		res, err = hanwebList(p, req, body, ref)
	case FamilyJSON:
		res, err = jsonList(p, req, body, ref)
	default:
		return ListResult{}, fmt.Errorf("unknown profile family %q", p.Family)
	}
	if err != nil {
		return ListResult{}, err
	}
	if p.Family != FamilyAuto {
		res.Recognised = "" // an explicit profile names itself
	}
	monthDayYears(res.Items, ref)
	if res.Items == nil {
		res.Items = []ListItem{}
	}
	if res.Next == nil {
		res.Next = []Request{}
	}
	return res, nil
}

// scriptApp reports whether a page that asks for JavaScript is a script
// application (an empty mount point and script bundles, as Vue and React
// builds are) rather than a challenge: it loads script files and neither
// sets a cookie nor reloads itself, which is what challenges do.
func scriptApp(body string) bool {
	lower := asciiLower(body)
	if !strings.Contains(lower, "<script") || !strings.Contains(lower, " src=") {
		return false
	}
	for _, w := range []string{"document.cookie", "location.reload", "location.href=location", "settimeout(", "$_ts", "__jsl"} {
		if strings.Contains(lower, w) {
			return false
		}
	}
	return true
}
