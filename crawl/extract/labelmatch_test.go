package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// labelPatterns are the regexps labelMatcher stands for.
func labelPatterns(words []string) (start, any *regexp.Regexp) {
	var alts []string
	for _, w := range words {
		var parts []string
		for _, r := range w {
			parts = append(parts, regexp.QuoteMeta(string(r)))
		}
		alts = append(alts, strings.Join(parts, `\s*`))
	}
	label := `(` + strings.Join(alts, `|`) + `)`
	return regexp.MustCompile(`^[\s【\[(<]*` + label + `\s*[】\])>]?\s*(:)?\s*`),
		regexp.MustCompile(label + `\s*[】\])>]?\s*:`)
}

// labelSamples are text runs from every saved page plus awkward cases.
func labelSamples(t *testing.T) []string {
	t.Helper()
	samples := []string{
		"", ":", "索引号", "索 引 号:", "【索引号】:ABC", "[发布日期] : 2026-03-05", "<<文号>:", "(文 号):x",
		"发文字号:某发〔2026〕1号 成文日期:2026-03-02", "某某发布机构:不是标签", "文号文号:", "文\t号\n:",
		"发布机构:某某区政府 成文日期:2026-03-02 有效性:有效", "标题 :", "标题】:", "标题]]:", "主题分类:综合政务/其他",
		"索引号:\xff\xfe文号:", "发文日期：2026年3月6日　有效性：有效", "回复内容:已回复 办理单位:某局", "字号:大 中 小",
		"  【 发布日期 】 : ", "发布时间发布日期:", "来信内容来信人:", "发 文 字 号 ： ",
	}
	for _, dir := range []string{"detail", "mailbox", "list", "home", "challenge"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		farm, _ := filepath.Glob(filepath.Join(farmPages, "*.html"))
		for _, f := range append(files, farm...) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range segments(parseHTML(string(b)).Get(0)) {
				samples = append(samples, s.text)
			}
		}
	}
	return samples
}

// The hand-written matcher must find exactly what the regexps find.
func TestLabelMatcherAgreesWithRegexp(t *testing.T) {
	samples := labelSamples(t)
	for name, ls := range map[string]*labelSet{"detail": detailLabels, "letter": letterLabels} {
		start, any := labelPatterns(ls.words)
		for _, s := range samples {
			for _, text := range []string{s, foldWidth(s)} {
				if got, want := ls.match.findStart(text), start.FindStringSubmatchIndex(text); !slices.Equal(got, want) {
					t.Errorf("%s findStart(%q) = %v, want %v", name, text, got, want)
				}
				got, want := ls.match.findPairs(text, 0), any.FindAllStringSubmatchIndex(text, -1)
				if len(got) != len(want) {
					t.Errorf("%s findPairs(%q) = %v, want %v", name, text, got, want)
					continue
				}
				for i := range got {
					if !slices.Equal(got[i], want[i]) {
						t.Errorf("%s findPairs(%q) = %v, want %v", name, text, got, want)
						break
					}
				}
			}
		}
	}
}

// FuzzLabelMatcher compares the matcher with the regexps on any text.
func FuzzLabelMatcher(f *testing.F) {
	for _, s := range []string{"索 引 号:", "【发布日期】:2026", "发文字号:x 成文日期:y", "文\t号\n:", "\xff索引号:"} {
		f.Add(s)
	}
	start, any := labelPatterns(detailLabels.words)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := detailLabels.match.findStart(s), start.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Errorf("findStart(%q) = %v, want %v", s, got, want)
		}
		got, want := detailLabels.match.findPairs(s, 0), any.FindAllStringSubmatchIndex(s, -1)
		if len(got) != len(want) {
			t.Fatalf("findPairs(%q) = %v, want %v", s, got, want)
		}
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("findPairs(%q) = %v, want %v", s, got, want)
			}
		}
	})
}
