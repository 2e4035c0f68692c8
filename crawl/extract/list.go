package extract

import (
	"fmt"
	"time"
)

func extractList(p Profile, req Request, body string, ref time.Time) (ListResult, error) {
	p = withDefaults(p)
	if req.Page < 1 {
		req.Page = 1
	}
	// A JSON answer is never a challenge page, whatever words its items hold.
	if !(p.Family == FamilyJSON && looksLikeJSON(body)) {
		if blocked, reason := isChallenge(200, body); blocked {
			return ListResult{Items: []ListItem{}, Next: []Request{}, Blocked: true, Reason: reason}, nil
		}
	}
	var (
		res ListResult
		err error
	)
	switch p.Family {
	case FamilyTRS, FamilyGeneric, FamilyAuto:
		res, err = htmlList(p, req, body, ref)
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
	monthDayYears(res.Items, ref)
	if res.Items == nil {
		res.Items = []ListItem{}
	}
	if res.Next == nil {
		res.Next = []Request{}
	}
	return res, nil
}
