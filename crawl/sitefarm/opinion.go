package sitefarm

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Surge is a month in which one unit received many letters about one
// topic, against none or few before: at least surgeMinLetters letters, and
// at least surgeFactor times the mean of the three months before.
type Surge struct {
	Topic   string
	Month   time.Time // first day of the month
	Letters []string  // 信件编号 of the letters behind it
	// Answered says the unit published an item in 通知公告 or 政策解读
	// about the topic between the month's first day and
	// SurgeAnswerWorkdays working days after its last day; AnswerURL is
	// that item.
	Answered  bool
	AnswerURL string
}

// Opinion figures the farm is designed around, the defaults an office
// would start from.
const (
	surgeMinLetters     = 3
	SurgeAnswerWorkdays = 15
	// RepeatWindowDays is the most days between two letters of one matter.
	RepeatWindowDays = 90
)

// opinionPlan is the designed content of one letter.
type opinionPlan struct {
	topic       int
	matter      int
	place       string
	again       bool // writes about a matter written about before
	repeat      string
	replyKind   int // replySubstantive, replyForward, replyShort, replyTemplate
	replyChoice int
	tplShift    int // letters of one matter get different answers
}

const (
	replySubstantive = iota
	replyForward
	replyShort
	replyTemplate
)

// letterRef is one letter of a unit, whichever mailbox.
type letterRef struct {
	mm *mailModel
	id int
	l  *Letter // the later-mode letter: every letter exists in later mode
}

// opinion gives every letter of the unit its subject, text and reply, and
// designs the unit's surges, repeated matters and boilerplate replies. It
// draws from a random stream of its own, so nothing else the farm draws
// changes. It runs after every unit's items are final, since an answered
// surge renames one of the unit's notices.
func (m *model) opinion(u *unitModel) {
	r := newRand(m.opts.Seed, 19, uint64(u.idx))
	var refs []letterRef
	for _, mm := range u.mails {
		for id, l := range mm.byID[modeLater] {
			if l != nil {
				refs = append(refs, letterRef{mm: mm, id: id, l: l})
			}
		}
	}
	if len(refs) == 0 {
		return
	}
	slices.SortStableFunc(refs, func(a, b letterRef) int { return a.l.Received.Compare(b.l.Received) })
	plans := make([]*opinionPlan, len(refs))
	month := func(i int) time.Time {
		y, mo, _ := refs[i].l.Received.Date()
		return time.Date(y, mo, 1, 0, 0, 0, 0, shanghai)
	}
	topicOther := len(topicVocabs) - 1

	// A surge: the busiest month of the data's second year before AsOf's
	// month, every letter of it about one topic. Every third unit has none.
	var surges []*Surge
	lastMonth := time.Date(m.asOf[modeNormal].Year(), m.asOf[modeNormal].Month()-1, 1, 0, 0, 0, 0, shanghai)
	firstMonth := dayFromNum(m.first).AddDate(0, 3, 0)
	if u.idx%3 != 2 {
		count := map[time.Time][]int{}
		for i := range refs {
			if mo := month(i); !mo.Before(firstMonth) && mo.Before(lastMonth) {
				count[mo] = append(count[mo], i)
			}
		}
		var best time.Time
		for mo, is := range count {
			if len(is) >= surgeMinLetters && (len(is) > len(count[best]) || len(is) == len(count[best]) && mo.Before(best)) {
				best = mo
			}
		}
		if is := count[best]; len(is) >= surgeMinLetters {
			// Topics whose words the farm's items never carry, so that
			// only a designed answer answers.
			t := []int{0, 1, 2, 3, 4, 6}[r.IntN(6)]
			s := &Surge{Topic: topicVocabs[t].name, Month: best}
			used := map[int]bool{}
			// One letter per matter: two letters about one matter would
			// be a repeated matter, which this is not.
			for _, i := range is[:min(len(is), len(topicVocabs[t].matters))] {
				k := r.IntN(len(topicVocabs[t].matters))
				for used[k] && len(used) < len(topicVocabs[t].matters) {
					k = (k + 1) % len(topicVocabs[t].matters)
				}
				used[k] = true
				plans[i] = &opinionPlan{topic: t, matter: k, place: pick(r, topicVocabs[t].places)}
				s.Letters = append(s.Letters, refs[i].l.No)
			}
			slices.Sort(s.Letters)
			surges = append(surges, s)
		}
	}

	// Repeated matters: a letter written again (and again) within the
	// window, to the same mailbox. Every other unit has one.
	if u.idx%2 == 0 {
		for tries := 0; tries < 20; tries++ {
			i := r.IntN(len(refs))
			if plans[i] != nil {
				continue
			}
			var group []int
			for j := i + 1; j < len(refs) && len(group) < 1+r.IntN(2); j++ {
				if plans[j] == nil && refs[j].mm == refs[i].mm &&
					refs[j].l.Received.Sub(refs[i].l.Received) <= time.Duration(RepeatWindowDays-30)*24*time.Hour &&
					!month(j).Equal(month(i)) {
					group = append(group, j)
				}
			}
			if len(group) == 0 {
				continue
			}
			t := r.IntN(topicOther)
			p := &opinionPlan{topic: t, matter: r.IntN(len(topicVocabs[t].matters)), place: pick(r, topicVocabs[t].places),
				repeat: refs[i].l.No}
			plans[i] = p
			for k, j := range group {
				q := *p
				q.again, q.tplShift = true, k+1
				plans[j] = &q
			}
			break
		}
	}

	// Everything else: within a month no topic twice, and a matter not
	// again within the window, so that nothing else looks like a surge or
	// a repeat.
	used := map[[2]int][]time.Time{}
	for i, p := range plans {
		if p != nil {
			used[[2]int{p.topic, p.matter}] = append(used[[2]int{p.topic, p.matter}], refs[i].l.Received)
		}
	}
	byMonth := map[time.Time][]int{}
	for i := range refs {
		byMonth[month(i)] = append(byMonth[month(i)], i)
	}
	for i := range refs {
		if plans[i] != nil {
			continue
		}
		taken := map[int]int{}
		for _, j := range byMonth[month(i)] {
			if plans[j] != nil {
				taken[plans[j].topic]++
			}
		}
		// The least used topic of the month that has a matter not written
		// about within twice the window either side.
		order := r.Perm(len(topicVocabs))
		slices.SortStableFunc(order, func(a, b int) int { return taken[a] - taken[b] })
		free := func(t, k int) bool {
			for _, at := range used[[2]int{t, k}] {
				if d := refs[i].l.Received.Sub(at); d <= 2*RepeatWindowDays*24*time.Hour && d >= -2*RepeatWindowDays*24*time.Hour {
					return false
				}
			}
			return true
		}
		t, k := order[0], r.IntN(len(topicVocabs[order[0]].matters))
	pickTopic:
		for _, c := range order {
			start := r.IntN(len(topicVocabs[c].matters))
			for n := range len(topicVocabs[c].matters) {
				if m := (start + n) % len(topicVocabs[c].matters); free(c, m) {
					t, k = c, m
					break pickTopic
				}
			}
		}
		tv := topicVocabs[t]
		used[[2]int{t, k}] = append(used[[2]int{t, k}], refs[i].l.Received)
		plans[i] = &opinionPlan{topic: t, matter: k, place: pick(r, tv.places)}
	}

	// Replies: about one in six says nothing. A unit that sends one text
	// to everyone sends it at least three times.
	for _, p := range plans {
		p.replyChoice = r.IntN(1 << 20)
		switch x := r.IntN(12); {
		case x == 0:
			p.replyKind = replyForward
		case x == 1:
			p.replyKind = replyShort
		}
	}
	if u.idx%4 == 1 {
		// Only letters whose answer shows in both modes, so that the
		// text sent to many is seen sent to many.
		var cands []int
		for i, p := range plans {
			ln := refs[i].mm.byID[modeNormal][refs[i].id]
			if p.replyKind == replySubstantive && ln != nil && ln.Status == "replied" && ln.ShowsReplyContent {
				cands = append(cands, i)
			}
		}
		if len(cands) >= 8 {
			for _, k := range r.Perm(len(cands))[:4] {
				plans[cands[k]].replyKind = replyTemplate
			}
		}
	}

	for i, ref := range refs {
		p := plans[i]
		for mode := range 2 {
			if l := ref.mm.byID[mode][ref.id]; l != nil {
				p.apply(l)
			}
		}
	}
	m.answerSurges(u, r, surges)
	u.surges = surges
}

// apply writes a plan's text into a letter (one mode's copy); the text does
// not depend on the mode.
func (p *opinionPlan) apply(l *Letter) {
	tv := topicVocabs[p.topic]
	mt := tv.matters[p.matter]
	l.Topic = tv.name
	l.Title = fmt.Sprintf(mt.title, p.place)
	says := fmt.Sprintf(mt.says, p.place)
	pc := p.replyChoice
	open := letterOpenings[pc%len(letterOpenings)]
	closing := letterClosings[(pc/7)%len(letterClosings)]
	if p.again {
		l.Title = againPrefixes[(pc/3)%len(againPrefixes)] + l.Title
		l.Content = open + says + "。" + againSays[(pc/5)%len(againSays)] + closing
	} else {
		l.Content = open + says + "。" + closing
	}
	l.Repeat = p.repeat
	l.Reply, l.Boilerplate = "", false
	if l.Status != "replied" || !l.ShowsReplyContent {
		return
	}
	switch p.replyKind {
	case replyForward:
		l.Reply = forwardReplies[pc%len(forwardReplies)]
	case replyShort:
		l.Reply = shortReplies[pc%len(shortReplies)]
	case replyTemplate:
		l.Reply = templateReplies[0]
	default:
		// A real answer takes up what the letter said.
		l.Reply = replyOpenings[pc%len(replyOpenings)] + "关于" + says + "一事，" +
			fmt.Sprintf(tv.replies[(pc/11+p.tplShift)%len(tv.replies)], p.place)
	}
	l.Boilerplate = p.replyKind != replySubstantive
}

// answerSurges renames, for every other surge, a notice or interpretation
// of the unit published in the answer window so that it is about the
// surge's topic. A surge with no such item in the window stays unanswered.
func (m *model) answerSurges(u *unitModel, r *rand.Rand, surges []*Surge) {
	for k, s := range surges {
		if (u.idx+k)%2 == 1 {
			continue
		}
		from := dayNum(s.Month)
		to := addWorkdays(dayNum(s.Month.AddDate(0, 1, -1)), SurgeAnswerWorkdays)
		var cands []*Item
		for _, c := range u.cols {
			if c.spec.block != "" || (c.spec.category != "通知公告" && c.spec.category != "政策解读") {
				continue
			}
			for _, it := range c.items[modeNormal] {
				d := dayNum(it.PublishDate)
				if d >= from && d <= to && !it.Added && !it.BackDated && !it.NotFound && !it.ForeignLink && it != u.deleted &&
					len(it.ColumnIDs) == 1 && it.ListDate.Equal(it.PublishDate) && len(it.links) == 0 {
					cands = append(cands, it)
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		it := cands[r.IntN(len(cands))]
		for _, tv := range topicVocabs {
			if tv.name == s.Topic {
				it.Title = tv.notice
			}
		}
		it.ListTitle = it.Title
		if lim := listCut(u.spec.family); lim > 0 {
			it.ListTitle = cutTitle(it.Title, lim)
		}
		s.Answered, s.AnswerURL = true, it.path
	}
}
