package extract

import (
	"fmt"
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
		if blocked, reason := isChallenge(200, body); blocked {
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
