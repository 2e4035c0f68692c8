package e2e

import (
	"database/sql"
	"testing"
	"time"
)

// TestLettersDetail checks each letter's deadline, reply span, status and
// flags at the cutoff against the Go calendar.
func TestLettersDetail(t *testing.T) {
	p := pl(t)
	forEach(t, func(t *testing.T, db *sql.DB, pr period, v *view) {
		var want []row
		for _, uv := range v.units {
			for _, s := range letterStates(v, p.cal, uv, pr) {
				l := s.lv.l
				r := with(unitCols(uv.u), row{
					"mailbox_id": s.lv.mb.ID, "letter_key": l.No, "type": l.Type,
					"received_date": dateStr(l.Received), "deadline_days": int64(letterDeadlineDays(l.Type)),
					"deadline": s.deadline.Format(time.DateOnly), "status": l.Status,
					"replied_date": nil, "reply_days": nil, "overdue": s.overdue,
				})
				if s.dateKnown {
					r["replied_date"], r["reply_days"] = dateStr(l.Replied), int64(s.replyDays)
					r["on_time"] = s.replyDays <= letterDeadlineDays(l.Type)
				} else if !s.replied && !s.due {
					r["on_time"] = nil // not due yet, not answered yet
				} else if !s.replied {
					r["on_time"] = false
				}
				want = append(want, r)
			}
		}
		compareRows(t, "letters_detail", want, metric(t, db, "letters_detail", pr, nil), "unit_id", "letter_key")
	})
}

// TestFridayBeforeMakeupSaturday follows the letter sent on Friday
// 2026-02-13: Saturday 2026-02-14 is a make-up working day and the Spring
// Festival holiday runs 02-15..02-23, so its 咨询 deadline (5 working days)
// is 02-27 (02-14, 24, 25, 26, 27), and its reply on 02-27 is on time after
// exactly 5 working days.
func TestFridayBeforeMakeupSaturday(t *testing.T) {
	p := pl(t)
	var lv *letterView
	var unit string
	for _, uv := range p.v1.units {
		for _, x := range uv.letters {
			if dateOf(x.l.Received).Equal(day(2026, 2, 13)) && x.l.Type == "咨询" && x.l.Status == "replied" && dateOf(x.l.Replied).Equal(day(2026, 2, 27)) {
				lv, unit = x, uv.u.ID
			}
		}
	}
	if lv == nil {
		t.Fatal("the farm has no 咨询 letter received 2026-02-13 and answered 2026-02-27")
	}
	if got := p.cal.addWorkdays(lv.l.Received, 5); !got.Equal(day(2026, 2, 27)) {
		t.Fatalf("Go calendar: 5th working day after 2026-02-13 is %s, want 2026-02-27", got.Format(time.DateOnly))
	}
	want := []row{{"unit_id": unit, "letter_key": lv.l.No, "deadline": "2026-02-27", "reply_days": int64(5), "on_time": true, "overdue": false}}
	for _, s := range p.states() {
		got := metric(t, s.db, "letters_detail", feb2026, nil)
		var mine []row
		for _, r := range got {
			if r["letter_key"] == lv.l.No {
				mine = append(mine, r)
			}
		}
		compareRows(t, s.name+": letters_detail of "+lv.l.No, want, mine, "unit_id", "letter_key")
	}
}

// TestUnitWithoutLetters checks that a unit with no mailbox has "no data"
// (NULL) reply rates and no 互动回应 points, never 0 or 100%.
func TestUnitWithoutLetters(t *testing.T) {
	p := pl(t)
	var unit string
	for _, uv := range p.v1.units {
		if len(uv.u.Mailboxes) == 0 {
			unit = uv.u.ID
		}
	}
	if unit == "" {
		t.Fatal("the farm has no unit without a mailbox")
	}
	for _, s := range p.states() {
		for _, pr := range periods {
			var got []row
			for _, r := range metric(t, s.db, "letters_summary", pr, nil) {
				if r["unit_id"] == unit {
					got = append(got, r)
				}
			}
			want := []row{{"unit_id": unit, "received": int64(0), "reply_rate": nil, "on_time_rate": nil, "mean_reply_days": nil, "median_reply_days": nil}}
			compareRows(t, s.name+"/"+pr.name+": letters_summary", want, got, "unit_id")
		}
		var got []row
		for _, r := range metric(t, s.db, "scorecard", year2026, nil) {
			if r["unit_id"] == unit {
				got = append(got, r)
			}
		}
		// Scored over the other 70 points, rescaled to 100.
		want := []row{{"unit_id": unit, "interaction_points": nil, "max_points": float64(70)}}
		compareRows(t, s.name+": scorecard", want, got, "unit_id")
	}
}

// TestItemFormedOnHoliday checks the document formed on a public holiday:
// its span to publication counts only the working days after the holiday.
func TestItemFormedOnHoliday(t *testing.T) {
	p := pl(t)
	var found []*itemView
	for _, uv := range p.v1.units {
		for _, iv := range uv.sortedItems() {
			f := iv.it.FormedDate
			if !f.IsZero() && !p.cal.isWorkday(f) && p.cal.holiday[dateOf(f)] != "" {
				found = append(found, iv)
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d items formed on a public holiday, want 1", len(found))
	}
	iv := found[0]
	pr := period{"publication month", dateOf(iv.it.PublishDate).AddDate(0, 0, 1-iv.it.PublishDate.Day()), dateOf(iv.it.PublishDate)}
	wd := p.cal.span(iv.it.FormedDate, iv.it.PublishDate)
	want := []row{{"url": iv.url, "formed_date": dateStr(iv.it.FormedDate), "working_days": int64(wd), "on_time": wd <= 20}}
	var got []row
	for _, r := range metric(t, p.db1, "timeliness_items", pr, nil) {
		if r["url"] == iv.url {
			got = append(got, r)
		}
	}
	t.Logf("%s formed %s (%s), published %s: %d working days", iv.url, dateStr(iv.it.FormedDate), p.cal.holiday[dateOf(iv.it.FormedDate)], dateStr(iv.it.PublishDate), wd)
	compareRows(t, "timeliness_items of the item formed on a holiday", want, got, "url")
}

// TestPeriodWithoutData checks a period before the farm's content: every
// count 0, every rate NULL, no publish_counts rows, no letters.
func TestPeriodWithoutData(t *testing.T) {
	p := pl(t)
	for _, s := range p.states() {
		t.Run(s.name, func(t *testing.T) {
			if got := metric(t, s.db, "publish_counts", year2024, nil); len(got) != 0 {
				t.Errorf("publish_counts 2024: %d rows, want none", len(got))
			}
			var tl, ls, il []row
			for _, uv := range p.v1.units {
				tl = append(tl, row{"unit_id": uv.u.ID, "published": int64(0), "with_formed": int64(0), "rate": nil})
				ls = append(ls, row{"unit_id": uv.u.ID, "received": int64(0), "due": int64(0), "reply_rate": nil, "on_time_rate": nil, "mean_reply_days": nil})
				il = append(il, row{"unit_id": uv.u.ID, "policies": int64(0), "rate": nil})
			}
			compareRows(t, "timeliness 2024", tl, metric(t, s.db, "timeliness", year2024, nil), "unit_id")
			compareRows(t, "letters_summary 2024", ls, metric(t, s.db, "letters_summary", year2024, nil), "unit_id")
			compareRows(t, "interpretation_links 2024", il, metric(t, s.db, "interpretation_links", year2024, nil), "unit_id")
		})
	}
}

// TestForeignLinkDoesNotCount follows the 政策解读 of u07 that links to a
// policy of u01: the policy has no interpretation of its own unit linked
// with it, so it must be listed as unlinked for u01 in every period
// containing it.
func TestForeignLinkDoesNotCount(t *testing.T) {
	p := pl(t)
	var foreign *itemView
	for _, uv := range p.v1.units {
		for _, iv := range uv.items {
			if iv.it.ForeignLink {
				foreign = iv
			}
		}
	}
	if foreign == nil || len(foreign.it.Links) != 1 {
		t.Fatal("the farm has no interpretation linked to another unit's policy")
	}
	target := canonURL(foreign.it.Links[0])
	var policy *itemView
	for _, uv := range p.v1.units {
		if iv := uv.items[target]; iv != nil && uv != foreign.unit {
			policy = iv
		}
	}
	if policy == nil {
		t.Fatalf("foreign link target %s is no item of another unit", target)
	}
	if linked, _ := policy.unit.links(policy); linked {
		t.Fatalf("policy %s is linked by its own unit too; the case proves nothing", target)
	}
	pr := period{"policy's month", policy.published.AddDate(0, 0, 1-policy.published.Day()), policy.published}
	for _, s := range p.states() {
		var got []row
		for _, r := range metric(t, s.db, "unlinked_policies", pr, nil) {
			if r["url"] == target {
				got = append(got, r)
			}
		}
		want := []row{{"unit_id": policy.unit.u.ID, "url": target}}
		compareRows(t, s.name+": unlinked_policies for the foreign-linked policy", want, got, "url")
	}
}
