package sitefarm

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDemoFarmCoversEveryCase checks that the default farm holds every
// case downstream tests rely on, whatever the seed.
func TestDemoFarmCoversEveryCase(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { checkDemoCoverage(t, seed) })
	}
}

func checkDemoCoverage(t *testing.T, seed int64) {
	f := startFarm(t, Options{Seed: seed})
	tr := f.Truth()
	asOf := tr.AsOf
	days := func(a, b time.Time) int { return int(dayNum(b) - dayNum(a)) }

	t.Run("units", func(t *testing.T) {
		family, kind := map[string]int{}, map[string]int{}
		gbkTRS := 0
		for _, u := range tr.Units {
			family[u.Family]++
			kind[u.Kind]++
			if u.Family == "trs" && u.Encoding == "gbk" {
				gbkTRS++
			}
		}
		if family["trs"] < 2 || family["hanweb"] < 1 || family["json"] < 1 || family["generic"] < 1 || gbkTRS != 1 {
			t.Errorf("families %v, GBK TRS units %d", family, gbkTRS)
		}
		if kind["部门"] != 4 || kind["乡镇"]+kind["街道"] != 4 || kind["乡镇"] == 0 || kind["街道"] == 0 {
			t.Errorf("kinds %v", kind)
		}
	})

	t.Run("home pages", func(t *testing.T) {
		var fresh, stale, fails, none, other int
		for _, u := range tr.Units {
			switch h := u.Home; {
			case h == nil:
				none++
			case h.Fails:
				fails++
				if status, _, _ := get(t, h.URL); status != 500 {
					t.Errorf("%s: failing home answers %d", u.ID, status)
				}
			case days(h.NewestDate, asOf) <= 3:
				fresh++
			case days(h.NewestDate, asOf) >= 20:
				stale++
			case days(h.NewestDate, asOf) <= 10:
				other++
			default:
				t.Errorf("%s: home newest %d days old", u.ID, days(h.NewestDate, asOf))
			}
			if h := u.Home; h != nil && !h.Fails {
				page := getText(t, h.URL)
				if !strings.Contains(page, strings.TrimPrefix(h.NewestURL, u.BaseURL)) || !strings.Contains(page, h.NewestDate.Format(time.DateOnly)) {
					t.Errorf("%s: home page does not show its newest link", u.ID)
				}
			}
		}
		if fresh != 1 || stale != 1 || fails != 1 || none != 1 || other != 4 {
			t.Errorf("home: fresh %d stale %d fails %d none %d other %d", fresh, stale, fails, none, other)
		}
	})

	t.Run("columns", func(t *testing.T) {
		var blank, stalePeriodic, staleAnnual, challenge, status412 int
		staleDynamicUnits := 0
		for _, u := range tr.Units {
			for _, c := range u.Columns {
				if c.Blank != (len(c.Items) == 0) {
					t.Errorf("%s: Blank %v with %d items", c.ID, c.Blank, len(c.Items))
				}
				if c.Blank {
					blank++
					continue
				}
				age := days(c.Items[0].PublishDate, asOf)
				switch categoryClass(c.Category) {
				case classDynamic:
					if age > 14 {
						staleDynamicUnits++
					}
				case classPeriodic:
					if age > 183 {
						stalePeriodic++
					}
				case classAnnual:
					if age > 365 {
						staleAnnual++
					}
				}
				if c.Blocked {
					status, _, body := get(t, c.URL)
					switch c.BlockKind {
					case "challenge":
						challenge++
						if status != 200 || len(body) > 1024 || !strings.Contains(string(body), "document.cookie") || strings.Contains(string(body), "<li>") {
							t.Errorf("%s: challenge page %d %q", c.ID, status, body)
						}
					case "412":
						status412++
						if status != 412 {
							t.Errorf("%s: status %d, want 412", c.ID, status)
						}
					}
				}
			}
		}
		if blank < 3 || stalePeriodic < 1 || staleAnnual < 1 || staleDynamicUnits != 1 || challenge != 1 || status412 != 1 {
			t.Errorf("blank %d, stale periodic %d, stale annual %d, units with stale dynamic %d, challenge %d, 412 %d",
				blank, stalePeriodic, staleAnnual, staleDynamicUnits, challenge, status412)
		}
	})

	t.Run("items", func(t *testing.T) {
		var total, workdays, in2025, longGap, noFormed, holidayFormed, cut, listDateOff, twoColumns, rare int
		seen := map[*Item]bool{}
		for _, u := range tr.Units {
			for _, c := range u.Columns {
				for _, it := range c.Items {
					if seen[it] {
						continue
					}
					seen[it] = true
					total++
					d := dayNum(it.PublishDate)
					if it.PublishDate.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai)) || it.PublishDate.After(asOf) {
						t.Errorf("%s: published %v, outside 2025-01-01..AsOf", it.URL, it.PublishDate)
					}
					if isWorkday(d) {
						workdays++
					}
					if it.PublishDate.Year() == 2025 {
						in2025++
					}
					if it.FormedDate.IsZero() {
						noFormed++
					} else {
						gap := workdaysBetween(dayNum(it.FormedDate), d)
						if gap < 0 || gap > 40 {
							t.Errorf("%s: formed %d working days before publication", it.URL, gap)
						}
						if gap > 20 {
							longGap++
						}
						if holidays[dayNum(it.FormedDate)] {
							holidayFormed++
						}
					}
					if strings.HasSuffix(it.ListTitle, "…") && it.ListTitle != it.Title {
						cut++
					}
					if !it.ListDate.Equal(it.PublishDate) {
						listDateOff++
					}
					if len(it.ColumnIDs) > 1 {
						twoColumns++
					}
					if strings.ContainsAny(it.Title, "镕堃喆昇") {
						rare++
					}
				}
			}
		}
		if workdays*10 < total*9 || in2025 == 0 || longGap == 0 || noFormed == 0 || holidayFormed != 1 || cut == 0 || listDateOff != 1 || twoColumns == 0 || rare == 0 {
			t.Errorf("items %d: workdays %d, 2025 %d, formed >20wd before %d, no 成文日期 %d, formed on holiday %d, cut titles %d, list date off %d, in two columns %d, rare chars %d",
				total, workdays, in2025, longGap, noFormed, holidayFormed, cut, listDateOff, twoColumns, rare)
		}
		if total < 1300 || total > 1700 {
			t.Errorf("demo farm has %d items, want about 1,500", total)
		}
	})

	t.Run("detail page shapes", func(t *testing.T) {
		want := map[string]*regexp.Regexp{
			"table":           regexp.MustCompile(`<table class="xxgk-table"`),
			"dl":              regexp.MustCompile(`<dl class="xxgk-info">`),
			"div/span":        regexp.MustCompile(`<span class="label">`),
			"索 引 号：":          regexp.MustCompile(`索 引 号：`),
			"索引号:":            regexp.MustCompile(`索引号:`),
			"文　　号：":           regexp.MustCompile(`文　　号：`),
			"发文字号":            regexp.MustCompile(`发文字号`),
			"公开日期":            regexp.MustCompile(`公开日期`),
			"发文日期":            regexp.MustCompile(`发文日期`),
			"2026-03-02":      regexp.MustCompile(`>\d{4}-\d{2}-\d{2}<`),
			"2026年03月02日":     regexp.MustCompile(`>\d{4}年\d{2}月\d{2}日<`),
			"2026年3月2日 09:30": regexp.MustCompile(`>\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}<`),
		}
		seen := map[string]bool{}
		for _, u := range tr.Units {
			for _, c := range u.Columns {
				for _, it := range c.Items[:min(6, len(c.Items))] {
					page := getText(t, it.URL)
					for k, re := range want {
						if re.MatchString(page) {
							seen[k] = true
						}
					}
				}
			}
		}
		for k := range want {
			if !seen[k] {
				t.Errorf("no detail page shows %s", k)
			}
		}
	})

	t.Run("policy and interpretation", func(t *testing.T) {
		links := func(a, b *Item) bool {
			for _, l := range a.Links {
				if l == b.URL {
					return true
				}
			}
			return false
		}
		byURL := map[string]*Item{}
		unitOf := map[*Item]string{}
		for _, u := range tr.Units {
			for _, c := range u.Columns {
				for _, it := range c.Items {
					byURL[it.URL] = it
					unitOf[it] = u.ID
				}
			}
		}
		var both, policyOnly, interpOnly, unlinkedPolicy, foreign int
		for _, u := range tr.Units {
			pol, in := columnByCategory(u, "政策文件"), columnByCategory(u, "政策解读")
			if pol != nil {
				for _, p := range pol.Items {
					if len(p.Links) == 0 {
						unlinkedPolicy++
					}
				}
			}
			if in == nil {
				continue
			}
			for _, i := range in.Items {
				if i.ForeignLink {
					foreign++
					if len(i.Links) != 1 || unitOf[byURL[i.Links[0]]] == u.ID {
						t.Errorf("%s: foreign link %v", i.URL, i.Links)
					}
					continue
				}
				for _, l := range i.Links {
					if p := byURL[l]; p != nil && links(p, i) {
						both++
					} else {
						interpOnly++
					}
				}
			}
			if pol != nil {
				for _, p := range pol.Items {
					for _, l := range p.Links {
						if i := byURL[l]; i != nil && !links(i, p) {
							policyOnly++
						}
					}
				}
			}
		}
		if both == 0 || policyOnly == 0 || interpOnly == 0 || unlinkedPolicy == 0 || foreign != 1 {
			t.Errorf("both %d, policy→interp only %d, interp→policy only %d, unlinked policies %d, foreign %d",
				both, policyOnly, interpOnly, unlinkedPolicy, foreign)
		}
	})

	t.Run("mailboxes", func(t *testing.T) {
		formats, types, statuses, raws := map[string]int{}, map[string]int{}, map[string]int{}, map[string]bool{}
		var over3m, between2and3m, friday, late, noReplyTime, noHandler, noContent, withoutMailbox int
		for _, u := range tr.Units {
			if len(u.Mailboxes) == 0 {
				withoutMailbox++
				if !u.MustHaveMailbox {
					t.Errorf("%s: no mailbox and not required to have one", u.ID)
				}
			}
			for _, m := range u.Mailboxes {
				formats[m.Format]++
				for _, l := range m.Letters {
					types[l.Type]++
					statuses[l.Status]++
					raws[l.StatusRaw] = true
					open := days(l.Received, asOf)
					if l.Status != "replied" {
						switch {
						case open > 92:
							over3m++
						case open > 61:
							between2and3m++
						}
						continue
					}
					if l.Received.Equal(fridayBeforeMakeup) {
						friday++
					}
					limit := 15
					if l.Type == "咨询" {
						limit = 5
					}
					if workdaysBetween(dayNum(l.Received), dayNum(l.Replied)) > limit {
						late++
					}
					if !l.ShowsReplyTime {
						noReplyTime++
					}
					if !l.ShowsHandler {
						noHandler++
					}
					if !l.ShowsReplyContent {
						noContent++
					}
				}
			}
		}
		if formats["html"] == 0 || formats["json"] == 0 || len(types) != 4 || len(statuses) != 3 || len(raws) < 8 {
			t.Errorf("formats %v, types %v, statuses %v, %d wordings", formats, types, statuses, len(raws))
		}
		if over3m < 2 || between2and3m != 1 || friday != 1 || late == 0 || noReplyTime == 0 || noHandler == 0 || noContent == 0 || withoutMailbox != 1 {
			t.Errorf("unanswered >3 months %d, 2–3 months %d, Friday letter %d, late %d, missing reply time %d handler %d content %d, units without mailbox %d",
				over3m, between2and3m, friday, late, noReplyTime, noHandler, noContent, withoutMailbox)
		}
	})

	t.Run("robots and admin", func(t *testing.T) {
		for _, u := range tr.Units {
			_, _, body := get(t, u.BaseURL+"/robots.txt")
			if string(body) != "User-agent: *\nDisallow: /admin/\n" || len(u.RobotsDisallow) != 1 || u.RobotsDisallow[0] != "/admin/" {
				t.Errorf("%s: robots.txt %q, truth %v", u.ID, body, u.RobotsDisallow)
			}
			if !strings.Contains(getText(t, u.Columns[0].URL), `href="/admin/login.html"`) {
				t.Errorf("%s: no page links to /admin/login.html", u.ID)
			}
		}
		for _, r := range f.Requests() {
			if strings.HasPrefix(r.Path, "/admin/") {
				t.Errorf("%s requested %s", r.Unit, r.Path)
			}
		}
	})
}

// workdaysBetween counts working days after a up to and including b.
func workdaysBetween(a, b int32) int {
	n := 0
	for d := a + 1; d <= b; d++ {
		if isWorkday(d) {
			n++
		}
	}
	return n
}
