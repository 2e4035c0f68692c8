package sitefarm

import (
	"io"
	"log"
	"math"
)

// quietLog drops net/http's own complaints about the connections the
// fault injection breaks on purpose.
var quietLog = log.New(io.Discard, "", 0)

// faultFor says which fault, if any, the URL key (path and query) of unit
// u is chosen for. Only list and detail pages are candidates; "404" only
// hits item detail pages, others fall back to another configured kind.
func (m *model) faultFor(u *unitModel, key string, isItem bool) string {
	fo := m.opts.Faults
	if fo.Rate <= 0 {
		return ""
	}
	h := hashString(m.opts.Seed, u.id+" "+key)
	if float64(h>>11)/float64(1<<53) >= math.Min(fo.Rate, 1) {
		return ""
	}
	k := fo.Kinds[int((h>>3)%uint64(len(fo.Kinds)))]
	if k == "404" && !isItem {
		var others []string
		for _, x := range fo.Kinds {
			if x != "404" {
				others = append(others, x)
			}
		}
		if len(others) == 0 {
			return ""
		}
		k = others[int((h>>7)%uint64(len(others)))]
	}
	return k
}

// markNotFound marks the items whose detail page the "404" fault removes.
func (m *model) markNotFound() {
	for _, u := range m.units {
		for _, it := range u.byID {
			it.NotFound = m.faultFor(u, it.path, true) == "404"
		}
	}
}

// FaultFor reports the fault the farm injects on a URL (absolute, or a
// path with query) of unit unitID, and how many first attempts fail; ""
// when it serves normally. "404" fails every attempt.
func (f *Farm) FaultFor(unitID, pathQuery string) (kind string, attempts int) {
	for _, u := range f.m.units {
		if u.id != unitID {
			continue
		}
		if len(pathQuery) > len(u.base) && u.base != "" && pathQuery[:len(u.base)] == u.base {
			pathQuery = pathQuery[len(u.base):]
		}
		rt := f.route(u, f.mode(), pathQuery)
		if !rt.faultable {
			return "", 0
		}
		k := f.m.faultFor(u, pathQuery, rt.item != nil)
		if k == "" {
			return "", 0
		}
		if k == "404" {
			return k, math.MaxInt
		}
		return k, f.m.opts.Faults.Attempts
	}
	return "", 0
}

// attempt counts a request for key and says whether it is still within
// the failing first attempts.
func (f *Farm) attempt(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attempts[key]++
	return f.attempts[key] <= f.m.opts.Faults.Attempts
}
