package sitefarm

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

var (
	typeRaw = map[string][2]string{
		"咨询": {"咨询", "咨询类"}, "投诉": {"投诉", "投诉举报"},
		"建议": {"建议", "意见建议"}, "求助": {"求助", "求助类"},
	}
	// Status wordings, by wording set of the mailbox.
	repliedWords    = [][]string{{"已回复", "已办结"}, {"已答复"}, {"已办结", "已反馈"}, {"已回复"}}
	inProgressWords = [][]string{{"办理中", "已受理"}, {"正在办理"}, {"处理中", "已转办"}, {"已受理", "办理中"}}
	unrepliedWords  = [][]string{{"待回复", "未回复"}, {"未办理"}, {"待处理"}, {"未回复", "待处理"}}
)

// letterPlan is a letter before it is seen at a given date.
type letterPlan struct {
	id        int
	typ       string
	typeRaw   string
	title     string
	received  time.Time
	replyAt   time.Time // zero: never replied
	handler   string
	inProg    bool // unreplied letters show as 办理中-like (else 待回复-like)
	missField int  // 0 none; 1 reply time, 2 handler, 3 reply content
	wording   int
}

func (g *unitGen) mailbox(j int, ms mailSpec) *mailModel {
	r, u := g.r, g.u
	mm := &mailModel{spec: ms, id: u.id + "-" + ms.slug, pageSize: 15}
	mm.prefix = strings.ToUpper(string(rune('A'+u.idx%26))) + fmt.Sprintf("%02d", j+1)
	if ms.format == "json" {
		mm.entry = "/api/letters?page={page}&size=20"
		mm.pageSize = 20
	} else {
		mm.entry = "/hdjl/" + ms.slug + "/index.html"
	}
	n := max(12, g.ipc*3/2)
	laterDay := g.later
	span := laterDay - g.m.first + 1
	plans := make([]*letterPlan, 0, n+4)
	for range n {
		d := g.m.first + int32(r.IntN(int(span)))
		recv := dayFromNum(d).Add(time.Duration(7*60+r.IntN(16*60)) * time.Minute)
		plans = append(plans, g.letterPlan(recv, ""))
	}
	if g.demo && j == 0 {
		plans = append(plans, g.specialLetters()...)
	}
	slices.SortStableFunc(plans, func(a, b *letterPlan) int { return a.received.Compare(b.received) })
	nos := make([]string, len(plans)+1)
	paths := make([]string, len(plans)+1)
	for k, p := range plans {
		p.id = k + 1
		nos[p.id] = mm.prefix + p.received.Format("20060102") + fmt.Sprintf("%04d", p.id)
		paths[p.id] = "/hdjl/" + ms.slug + "/letter_" + strconv.Itoa(p.id) + ".html"
	}
	for mode := range 2 {
		mm.byID[mode] = make([]*Letter, len(plans)+1)
		asOfEnd := g.m.asOf[mode].AddDate(0, 0, 1)
		for _, p := range plans {
			if !p.received.Before(asOfEnd) {
				continue
			}
			l := &Letter{
				No:    nos[p.id],
				Title: p.title, Type: p.typ, TypeRaw: p.typeRaw, Received: p.received,
				path: paths[p.id], id: p.id,
			}
			w := (ms.statusWording + p.wording) % 4
			switch {
			case !p.replyAt.IsZero() && p.replyAt.Before(asOfEnd):
				l.Status, l.Replied, l.Handler = "replied", p.replyAt, p.handler
				l.StatusRaw = pickWord(repliedWords[ms.statusWording], p.id)
				l.ShowsReplyTime, l.ShowsHandler, l.ShowsReplyContent = p.missField != 1, p.missField != 2, p.missField != 3
			case p.inProg:
				l.Status, l.Handler = "in_progress", p.handler
				l.StatusRaw = pickWord(inProgressWords[w], p.id)
			default:
				l.Status = "unreplied"
				l.StatusRaw = pickWord(unrepliedWords[w], p.id)
			}
			mm.byID[mode][p.id] = l
			mm.letters[mode] = append(mm.letters[mode], l)
		}
		slices.Reverse(mm.letters[mode])
	}
	return mm
}

func pickWord(ws []string, id int) string { return ws[id%len(ws)] }

func (g *unitGen) letterPlan(recv time.Time, typ string) *letterPlan {
	r, u := g.r, g.u
	if typ == "" {
		typ = []string{"咨询", "咨询", "咨询", "咨询", "咨询", "投诉", "投诉", "建议", "建议", "求助"}[r.IntN(10)]
	}
	p := &letterPlan{typ: typ, typeRaw: typeRaw[typ][r.IntN(2)], received: recv, wording: r.IntN(2)}
	p.title = pick(r, letterTopics)
	p.handler = u.spec.name
	if r.IntN(3) == 0 {
		p.handler = u.spec.name + pick(r, []string{"办公室", "综合科", "政策法规科", "信访办"})
	}
	p.inProg = r.IntN(2) == 0
	var delay int
	switch x := r.IntN(100); {
	case x < 3 && !g.demo: // the demo farm places its unanswered letters by hand
		return p // never answered
	case x < 78:
		delay = 1 + r.IntN(4)
		if typ != "咨询" {
			delay = 2 + r.IntN(12)
		}
	default: // late
		delay = 6 + r.IntN(9)
		if typ != "咨询" {
			delay = 16 + r.IntN(15)
		}
	}
	day := addWorkdays(dayNum(recv), delay)
	p.replyAt = dayFromNum(day).Add(time.Duration(9*60+r.IntN(8*60+30)) * time.Minute)
	if r.IntN(7) == 0 {
		p.missField = 1 + r.IntN(3)
	}
	return p
}

// specialLetters are the demo farm's deliberate mailbox cases.
func (g *unitGen) specialLetters() []*letterPlan {
	asOf := g.m.asOf[modeNormal]
	at := func(daysBefore int, hh, mm int) time.Time {
		return asOf.AddDate(0, 0, -daysBefore).Add(time.Duration(hh*60+mm) * time.Minute)
	}
	var out []*letterPlan
	if g.u.idx == 2 {
		// A complaint in the JSON mailbox, unanswered for 130 days.
		p := g.letterPlan(at(130, 15, 45), "投诉")
		p.replyAt, p.inProg = time.Time{}, true
		return append(out, p)
	}
	if g.u.idx != 0 {
		return nil
	}
	// Unanswered more than 3 months: a 咨询 within the year (veto) and an
	// older 投诉.
	p := g.letterPlan(at(120, 10, 5), "咨询")
	p.replyAt, p.inProg = time.Time{}, true
	out = append(out, p)
	p = g.letterPlan(at(200, 16, 40), "投诉")
	p.replyAt, p.inProg = time.Time{}, false
	out = append(out, p)
	// Unanswered 2–3 months at AsOf (early warning), answered before the
	// later crawl.
	p = g.letterPlan(at(75, 9, 12), "咨询")
	p.replyAt, p.inProg = asOf.AddDate(0, 0, 10).Add(15*time.Hour+3*time.Minute), true
	p.missField = 0
	out = append(out, p)
	// Sent on the Friday before a make-up Saturday; answered on the 5th
	// working day only if 2026-02-14 counts.
	if fridayBeforeMakeup.Before(asOf) && dayNum(fridayBeforeMakeup) >= g.m.first {
		p = g.letterPlan(fridayBeforeMakeup, "咨询")
		p.replyAt = time.Date(2026, 2, 27, 10, 30, 0, 0, shanghai)
		p.missField = 0
		out = append(out, p)
	}
	// A 投诉 answered late, showing everything.
	p = g.letterPlan(at(60, 11, 0), "投诉")
	p.replyAt = dayFromNum(addWorkdays(dayNum(asOf.AddDate(0, 0, -60)), 25)).Add(14 * time.Hour)
	p.missField = 0
	out = append(out, p)
	return out
}
