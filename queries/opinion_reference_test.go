package queries

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/rules"
)

// The plain-Go reference of the 政务舆情 macros (090_opinion.sql), from the
// dataset's letters, their texts and the rules' topic list and thresholds.

// opLetter is a letter received in a period, in its state at the cutoff,
// with its text and main topic.
type opLetter struct {
	unit, mailbox, key, lid, no, title, url, content, reply, topic string
	received                                                       time.Time
}

// opLetters are the letters received in [from, to] known at c (gk.op_letters).
func (x *ref) opLetters(from, to, c time.Time) []opLetter {
	texts := map[string]LetterText{}
	for _, t := range x.d.Texts {
		texts[t.Unit+"/"+t.Mailbox+"/"+t.Key] = t
	}
	var out []opLetter
	for _, s := range x.letters(c) {
		l := s.l
		if l.Received.IsZero() || l.Received.Before(from) || l.Received.After(to) {
			continue
		}
		lid := l.Unit + "/" + l.Mailbox + "/" + l.Key
		o := opLetter{unit: l.Unit, mailbox: l.Mailbox, key: l.Key, lid: lid, no: l.No, title: l.Title, url: l.URL,
			received: l.Received, topic: rules.OtherTopic}
		if o.no == "" {
			o.no = l.Key
		}
		if t, ok := texts[lid]; ok {
			o.content = t.Content
			if s.status == "replied" {
				o.reply = t.Reply
			}
			o.topic = x.mainTopic(t.Title + " " + t.Content)
		}
		out = append(out, o)
	}
	return out
}

// mainTopic is the topic whose terms occur most in text, the first listed
// on a tie; 其他 when none does.
func (x *ref) mainTopic(text string) string {
	best, most := rules.OtherTopic, 0
	for _, t := range x.r.Opinion.Topics {
		n := 0
		for _, term := range t.Terms {
			n += strings.Count(text, term)
		}
		if n > most {
			best, most = t.Name, n
		}
	}
	return best
}

var opNoise = regexp.MustCompile(`[\s\p{P}\p{S}]`)

// opPairs is the set of character pairs of s, spaces and punctuation removed.
func opPairs(s string) map[string]bool {
	r := []rune(opNoise.ReplaceAllString(s, ""))
	out := map[string]bool{}
	for i := 0; i+1 < len(r); i++ {
		out[string(r[i:i+2])] = true
	}
	return out
}

func opJaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for k := range a {
		if b[k] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

func monthOf(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }

func (x *ref) opUnitRow(id string) refRow {
	return refRow{"unit_id": id, "unit_name": x.units[id].Name}
}

func (x *ref) letterTopics(from, to, c time.Time) []refRow {
	count := func(f, t time.Time) map[[2]string]int {
		n := map[[2]string]int{}
		for _, l := range x.opLetters(f, t, c) {
			n[[2]string{l.unit, l.topic}]++
		}
		return n
	}
	cur := count(from, to)
	days := int(to.Sub(from).Hours()/24) + 1
	prev := count(from.AddDate(0, 0, -days), from.AddDate(0, 0, -1))
	total := map[string]int{}
	for k, n := range cur {
		total[k[0]] += n
	}
	var out []refRow
	for k, n := range cur {
		row := x.opUnitRow(k[0])
		row["topic"], row["letters"], row["share"] = k[1], n, float64(n)/float64(total[k[0]])
		row["previous_letters"], row["change"] = prev[k], n-prev[k]
		out = append(out, row)
	}
	return out
}

func (x *ref) topicMonths(from, to, c time.Time) []refRow {
	n := map[string]int{}
	months := map[string]time.Time{}
	for _, l := range x.opLetters(from, to, c) {
		k := month(l.received) + " " + l.topic
		n[k]++
		months[k] = monthOf(l.received)
	}
	var out []refRow
	for k, v := range n {
		out = append(out, refRow{"month": months[k], "topic": strings.SplitN(k, " ", 2)[1], "letters": v})
	}
	return out
}

// surge is a topic × unit × month over its baseline.
type surge struct {
	unit, topic string
	month       time.Time
	letters     int
	baseline    float64
	nos, titles []string
}

func (x *ref) surges(from, to, c time.Time) []surge {
	o := x.r.Opinion.Surge
	start := monthOf(from).AddDate(0, -o.BaselineMonths, 0)
	type key struct {
		unit, topic string
		month       time.Time
	}
	group := map[key][]opLetter{}
	for _, l := range x.opLetters(start, to, c) {
		if l.topic != rules.OtherTopic {
			k := key{l.unit, l.topic, monthOf(l.received)}
			group[k] = append(group[k], l)
		}
	}
	var out []surge
	for k, ls := range group {
		if k.month.Before(monthOf(from)) {
			continue
		}
		before := 0
		for i := 1; i <= o.BaselineMonths; i++ {
			before += len(group[key{k.unit, k.topic, k.month.AddDate(0, -i, 0)}])
		}
		base := float64(before) / float64(o.BaselineMonths)
		if len(ls) < o.MinLetters || float64(len(ls)) < o.Factor*base {
			continue
		}
		slices.SortFunc(ls, func(a, b opLetter) int { return strings.Compare(a.no, b.no) })
		s := surge{unit: k.unit, topic: k.topic, month: k.month, letters: len(ls), baseline: base}
		for _, l := range ls {
			s.nos, s.titles = append(s.nos, l.no), append(s.titles, l.title)
		}
		out = append(out, s)
	}
	return out
}

func (x *ref) topicSurges(from, to, c time.Time) []refRow {
	var out []refRow
	for _, s := range x.surges(from, to, c) {
		row := x.opUnitRow(s.unit)
		row["topic"], row["month"], row["letters"], row["baseline"] = s.topic, s.month, s.letters, s.baseline
		row["letter_nos"], row["titles"] = s.nos, s.titles
		out = append(out, row)
	}
	return out
}

func (x *ref) surgeResponses(from, to, c time.Time) []refRow {
	o := x.r.Opinion
	terms := map[string][]string{}
	for _, t := range o.Topics {
		terms[t.Name] = t.Terms
	}
	var out []refRow
	for _, s := range x.surges(from, to, c) {
		end := x.cal.addWorkdays(s.month.AddDate(0, 1, -1), o.Response.WorkingDays)
		var first *Item
		for _, it := range x.items(c) {
			it := it
			if it.Unit != s.unit || !slices.Contains(o.Response.Categories, it.Category) ||
				it.Publish.Before(s.month) || it.Publish.After(end) {
				continue
			}
			if slices.ContainsFunc(terms[s.topic], func(term string) bool { return strings.Contains(it.Title, term) }) &&
				(first == nil || it.Publish.Before(first.Publish)) {
				first = &it
			}
		}
		row := x.opUnitRow(s.unit)
		row["topic"], row["month"], row["letters"], row["window_end"], row["answered"] = s.topic, s.month, s.letters, end, first != nil
		row["answer_title"], row["answer_url"], row["answer_date"] = nil, nil, nil
		if first != nil {
			row["answer_title"], row["answer_url"], row["answer_date"] = first.Title, first.URL, first.Publish
		}
		out = append(out, row)
	}
	return out
}

// boilerplate is a reply of the period that says nothing, and why.
type boilerplate struct {
	l                       opLetter
	chars, similar          int
	short, forward, pattern bool
}

func (x *ref) boilerplates(from, to, c time.Time) map[string]boilerplate {
	b := x.r.Opinion.Boilerplate
	var all []opLetter
	for _, l := range x.opLetters(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), c, c) {
		if l.reply != "" {
			all = append(all, l)
		}
	}
	out := map[string]boilerplate{}
	for _, l := range all {
		if l.received.Before(from) || l.received.After(to) {
			continue
		}
		p := boilerplate{l: l, chars: utf8.RuneCountInString(opNoise.ReplaceAllString(l.reply, ""))}
		for _, m := range all {
			if m.unit == l.unit && m.lid != l.lid && opJaccard(opPairs(l.reply), opPairs(m.reply)) >= b.Similarity {
				p.similar++
			}
		}
		p.short = p.chars < b.ShortChars
		p.forward = p.chars <= b.ForwardMaxChars && slices.ContainsFunc(b.ForwardWords, func(w string) bool { return strings.Contains(l.reply, w) })
		p.pattern = p.similar >= b.SimilarMin
		if p.short || p.forward || p.pattern {
			out[l.lid] = p
		}
	}
	return out
}

func (x *ref) boilerplateReplies(from, to, c time.Time) []refRow {
	var out []refRow
	for _, p := range x.boilerplates(from, to, c) {
		row := x.opUnitRow(p.l.unit)
		for k, v := range map[string]any{"mailbox_id": p.l.mailbox, "letter_key": p.l.key, "letter_no": p.l.no,
			"title": nullStr(p.l.title), "url": nullStr(p.l.url), "received_date": p.l.received, "topic": p.l.topic,
			"reply": p.l.reply, "reply_chars": p.chars, "short": p.short, "forward_only": p.forward,
			"template": p.pattern, "similar_replies": p.similar} {
			row[k] = v
		}
		out = append(out, row)
	}
	return out
}

// repeatGroup is letters to one unit about one matter.
type repeatGroup struct {
	unit   string
	ls     []opLetter
	closed bool
}

func (x *ref) repeats(from, to, c time.Time) []repeatGroup {
	rp := x.r.Opinion.Repeat
	ls := x.opLetters(from, to, c)
	parent := map[string]string{}
	var find func(string) string
	find = func(a string) string {
		if parent[a] == a {
			return a
		}
		parent[a] = find(parent[a])
		return parent[a]
	}
	for i, a := range ls {
		for _, b := range ls[i+1:] {
			days := a.received.Sub(b.received).Hours() / 24
			if a.unit != b.unit || days > float64(rp.WindowDays) || -days > float64(rp.WindowDays) {
				continue
			}
			if max(opJaccard(opPairs(a.title), opPairs(b.title)), opJaccard(opPairs(a.content), opPairs(b.content))) < rp.Similarity {
				continue
			}
			for _, id := range []string{a.lid, b.lid} {
				if _, ok := parent[id]; !ok {
					parent[id] = id
				}
			}
			parent[find(a.lid)] = find(b.lid)
		}
	}
	groups := map[string][]opLetter{}
	for _, l := range ls {
		if _, ok := parent[l.lid]; ok {
			groups[find(l.lid)] = append(groups[find(l.lid)], l)
		}
	}
	bp := x.boilerplates(from, to, c)
	var out []repeatGroup
	for _, g := range groups {
		slices.SortFunc(g, func(a, b opLetter) int {
			if d := a.received.Compare(b.received); d != 0 {
				return d
			}
			return strings.Compare(a.no, b.no)
		})
		last := g[len(g)-1]
		_, boiler := bp[last.lid]
		out = append(out, repeatGroup{unit: last.unit, ls: g, closed: last.reply != "" && !boiler})
	}
	return out
}

func (x *ref) repeatLetters(from, to, c time.Time) []refRow {
	var out []refRow
	for _, g := range x.repeats(from, to, c) {
		row := x.opUnitRow(g.unit)
		var nos, titles []string
		for _, l := range g.ls {
			nos, titles = append(nos, l.no), append(titles, l.title)
		}
		last := g.ls[len(g.ls)-1]
		row["first_letter_no"], row["letters"] = slices.Min(nos), len(g.ls)
		row["first_date"], row["last_date"] = g.ls[0].received, last.received
		row["letter_nos"], row["titles"], row["closed"], row["topic"] = nos, titles, g.closed, last.topic
		out = append(out, row)
	}
	return out
}

func (x *ref) opinionDeductions(from, to, c time.Time) []refRow {
	bp, open := map[string]int{}, map[string]int{}
	for _, p := range x.boilerplates(from, to, c) {
		bp[p.l.unit]++
	}
	for _, g := range x.repeats(from, to, c) {
		if !g.closed {
			open[g.unit]++
		}
	}
	d := x.r.Opinion.Deduct
	var out []refRow
	for _, u := range x.d.Units {
		row := x.opUnitRow(u.ID)
		row["boilerplate_replies"], row["open_repeats"] = bp[u.ID], open[u.ID]
		row["points_off"] = float64(bp[u.ID])*d.Boilerplate + float64(open[u.ID])*d.UnansweredRepeat
		out = append(out, row)
	}
	return out
}
