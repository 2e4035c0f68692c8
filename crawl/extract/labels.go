package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// A labelSet recognises "label：value" pairs however a page marks them up:
// table cells (<td>索引号</td><td>…</td>), definition lists, or spans and
// divs holding "label：value" text. Labels match whatever their inner
// spacing (索 引 号, 文　　号) and width of colon.
type labelSet struct {
	key   map[string]string // squashed label → field key ("" for stop labels)
	words []string          // the labels, longest first
	match *labelMatcher     // finds a label at the start of a run, or "label:" anywhere
}

// newLabelSet builds a set from field keys and their label wordings. stops
// are labels of fields nobody asked for, known only so that a value ends
// where they begin.
func newLabelSet(fields map[string][]string, stops []string) *labelSet {
	ls := &labelSet{key: map[string]string{}}
	var words []string
	for key, labels := range fields {
		for _, l := range labels {
			ls.key[l] = key
			words = append(words, l)
		}
	}
	for _, l := range stops {
		if _, ok := ls.key[l]; !ok {
			ls.key[l] = ""
			words = append(words, l)
		}
	}
	// Longest first, so that 发文字号 is not read as a shorter label.
	sort.Slice(words, func(i, j int) bool {
		if len([]rune(words[i])) != len([]rune(words[j])) {
			return len([]rune(words[i])) > len([]rune(words[j]))
		}
		return words[i] < words[j]
	})
	ls.words = words
	ls.match = newLabelMatcher(words)
	return ls
}

// segment is one run of visible text and the text node it came from.
type segment struct {
	text string // width-folded and cleaned: what labels are matched in
	raw  string // cleaned only: what values are taken from
	node *html.Node
}

// span returns the raw text under text[a:b]. Folding maps rune to rune and
// spaces to spaces, so both strings hold the same runes at the same rune
// positions: a value keeps its full-width brackets and digits
// ("市司法局（2）") while labels are matched in folded text.
func (s segment) span(a, b int) string {
	ra := utf8.RuneCountInString(s.text[:a])
	rb := ra + utf8.RuneCountInString(s.text[a:b])
	if utf8.RuneCountInString(s.raw) != utf8.RuneCountInString(s.text) {
		return s.text[a:b]
	}
	i, start, end := 0, len(s.raw), len(s.raw)
	for off := range s.raw {
		if i == ra {
			start = off
		}
		if i == rb {
			end = off
			break
		}
		i++
	}
	return s.raw[start:end]
}

// segments lists the visible text runs of a page in document order.
func segments(root *html.Node) []segment {
	var out []segment
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if t := clean(foldWidth(n.Data)); t != "" {
				out = append(out, segment{text: t, raw: clean(n.Data), node: n})
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "head", "select":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// labelReach is how far up from a label's text node the value may sit: the
// label's cell, its row, and a wrapper or two (text → td → tr, text → b →
// td → tr, text → dt → dl).
const labelReach = 4

func near(label, value *html.Node) bool {
	anc := label
	for i := 0; i < labelReach && anc != nil; i++ {
		anc = anc.Parent
		if anc == nil {
			return false
		}
		for p := value; p != nil; p = p.Parent {
			if p == anc {
				return true
			}
		}
	}
	return false
}

// labelValue is a value found for a field, and which label named it.
type labelValue struct {
	label string // squashed label as written
	value string
	node  *html.Node
}

// scan finds every labelled value in segs. A field seen twice keeps all its
// values in order; callers pick.
func (ls *labelSet) scan(segs []segment) map[string][]labelValue {
	found := map[string][]labelValue{}
	add := func(label, value string, n *html.Node) {
		label = squash(label)
		key, known := ls.key[label]
		if !known || key == "" {
			return
		}
		found[key] = append(found[key], labelValue{label: label, value: strings.TrimSpace(value), node: n})
	}
	for i, s := range segs {
		// Most runs of a page are prose or link text: only a run that
		// starts with a label's first character or holds a colon can hold
		// a label, and these checks cost far less than matching.
		if !ls.mayStart(s.text) && !mayPair(s.text) {
			continue
		}
		// A run that is exactly a label takes the next run as its value,
		// unless that is another label or too far away in the markup.
		if m := ls.matchStart(s.text); m != nil && m[1] == len(s.text) {
			var value string
			if i+1 < len(segs) && near(s.node, segs[i+1].node) && !ls.isLabel(segs[i+1].text) {
				value = ls.cut(segs[i+1])
			}
			add(s.text[m[2]:m[3]], value, s.node)
			continue
		}
		// Otherwise every "label：" in the run starts a value that ends at
		// the next one ("发文日期：2026年3月6日　有效性：有效").
		if !mayPair(s.text) {
			continue
		}
		pairs := ls.match.findPairs(s.text, 0)
		for k, m := range pairs {
			if m[0] > 0 && !boundaryBefore(s.text[:m[0]]) {
				continue // inside a word: "某某发布机构：" is prose
			}
			if k == 0 && strings.TrimLeft(s.text[:m[0]], " 【[(<") != "" {
				continue // prose before the first label: not a label line
			}
			end := len(s.text)
			if k+1 < len(pairs) {
				end = pairs[k+1][0]
			}
			value := strings.TrimSpace(s.span(m[1], end))
			if value == "" && k == len(pairs)-1 && i+1 < len(segs) && near(s.node, segs[i+1].node) && !ls.isLabel(segs[i+1].text) {
				value = ls.cut(segs[i+1])
			}
			add(s.text[m[2]:m[3]], value, s.node)
		}
	}
	return found
}

// boundaryBefore reports whether a label may start right after prefix: at a
// space or punctuation, not inside a word.
func boundaryBefore(prefix string) bool {
	r, _ := utf8.DecodeLastRuneInString(prefix)
	return isSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// cut ends a value where the next label begins, for blocks that put several
// pairs in one text run ("发布机构：某某区政府 成文日期：2026-03-02").
func (ls *labelSet) cut(seg segment) string {
	v := seg.text
	if !mayPair(v) {
		return strings.TrimSpace(seg.raw)
	}
	end := len(v)
	if m := ls.match.findPairs(v, 1); m != nil && m[0][0] > 0 {
		end = m[0][0]
	}
	return strings.TrimSpace(seg.span(0, end))
}

// isLabel reports whether a text run is itself a label (with or without
// its colon and value).
func (ls *labelSet) isLabel(t string) bool {
	m := ls.matchStart(t)
	if m == nil {
		return false
	}
	return m[4] >= 0 || m[1] == len(t)
}

// matchStart runs the start pattern on t, unless t cannot begin with a
// label.
func (ls *labelSet) matchStart(t string) []int {
	if !ls.mayStart(t) {
		return nil
	}
	return ls.match.findStart(t)
}

// mayStart reports whether t, past the brackets and spaces the start
// pattern allows, begins with the first character of a label.
func (ls *labelSet) mayStart(t string) bool {
	t = strings.TrimLeft(t, " \t\n\f\r【[(<")
	r, _ := utf8.DecodeRuneInString(t)
	return len(ls.match.byRune[r]) > 0
}

// mayPair reports whether t holds a colon, without which no "label：value"
// pair can be in it. Segments and values are width-folded, so the
// full-width colon is already ASCII.
func mayPair(t string) bool { return strings.IndexByte(t, ':') >= 0 }

// first returns the first non-empty value among keys, in key order, and
// whether any of the keys was present at all (even empty).
func first(found map[string][]labelValue, keys ...string) (string, bool) {
	present := false
	for _, k := range keys {
		for _, v := range found[k] {
			present = true
			if v.value != "" {
				return v.value, true
			}
		}
	}
	return "", present
}
