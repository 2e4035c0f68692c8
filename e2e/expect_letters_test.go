package e2e

import (
	"time"
)

// Letter expectations: 来信办理, disclosure completeness, long-unanswered.

// letterState is one letter's figures at the cutoff.
type letterState struct {
	lv        *letterView
	deadline  time.Time
	due       bool
	replied   bool
	onTime    bool
	overdue   bool
	replyDays int
	dateKnown bool
}

func letterStates(v *view, cal *calendar, uv *unitView, pr period) []letterState {
	var out []letterState
	for _, lv := range uv.letters {
		if !inPeriod(lv.l.Received, pr.from, pr.to) {
			continue
		}
		s := letterState{lv: lv, replied: lv.l.Status == "replied", dateKnown: lv.replyKnown()}
		s.deadline = cal.addWorkdays(lv.l.Received, letterDeadlineDays(lv.l.Type))
		// Due on the cutoff day is not yet due.
		s.due = s.deadline.Before(v.cutoff)
		if s.dateKnown {
			s.replyDays = cal.span(lv.l.Received, lv.l.Replied)
			s.onTime = s.due && !dateOf(lv.l.Replied).After(s.deadline)
		}
		s.overdue = !s.replied && s.due
		out = append(out, s)
	}
	return out
}

func expectLettersSummary(v *view, cal *calendar, pr period) []row {
	var out []row
	for _, uv := range v.units {
		var received, replied, overdue, due, onTime int
		var days []int
		for _, s := range letterStates(v, cal, uv, pr) {
			received++
			if s.replied {
				replied++
			}
			if s.overdue {
				overdue++
			}
			if s.due {
				due++
			}
			if s.onTime {
				onTime++
			}
			if s.dateKnown {
				days = append(days, s.replyDays)
			}
		}
		out = append(out, with(unitCols(uv.u), row{
			"mailboxes": int64(len(uv.u.Mailboxes)), "received": int64(received), "replied": int64(replied),
			"open": int64(received - replied), "overdue": int64(overdue), "due": int64(due), "on_time": int64(onTime),
			"reply_rate": rate(replied, received), "on_time_rate": rate(onTime, due),
			"mean_reply_days": mean(days), "median_reply_days": median(days),
		}))
	}
	return out
}

func expectLetterDisclosure(v *view, pr period) []row {
	var out []row
	for _, uv := range v.units {
		var replied, complete, noTime, noHandler, noContent int
		for _, lv := range uv.letters {
			l := lv.l
			if l.Status != "replied" || !inPeriod(l.Received, pr.from, pr.to) {
				continue
			}
			replied++
			if l.ShowsReplyTime && l.ShowsHandler && l.ShowsReplyContent {
				complete++
			}
			noTime += b2i(!l.ShowsReplyTime)
			noHandler += b2i(!l.ShowsHandler)
			noContent += b2i(!l.ShowsReplyContent)
		}
		out = append(out, with(unitCols(uv.u), row{
			"replied": int64(replied), "complete": int64(complete),
			"missing_reply_time": int64(noTime), "missing_handler": int64(noHandler), "missing_reply_content": int64(noContent),
			"missing_fields": int64(noTime + noHandler + noContent),
		}))
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unanswered are the unit's letters not replied at the cutoff and received
// more than months calendar months before it.
func unanswered(v *view, uv *unitView, months int) []*letterView {
	var out []*letterView
	for _, lv := range uv.letters {
		if lv.l.Status != "replied" && dateOf(lv.l.Received).AddDate(0, months, 0).Before(v.cutoff) {
			out = append(out, lv)
		}
	}
	return out
}

func expectLongUnanswered(v *view) []row {
	var out []row
	for _, uv := range v.units {
		for _, lv := range unanswered(v, uv, 3) {
			within := dateOf(lv.l.Received).After(v.cutoff.AddDate(-1, 0, 0))
			out = append(out, with(unitCols(uv.u), row{
				"mailbox_id": lv.mb.ID, "letter_key": lv.l.No, "type": lv.l.Type,
				"received_date": dateStr(lv.l.Received), "status": lv.l.Status,
				"days_open":   int64(v.cutoff.Sub(dateOf(lv.l.Received)) / (24 * time.Hour)),
				"within_year": within, "veto": within && lv.l.Type == "咨询",
			}))
		}
	}
	return out
}
