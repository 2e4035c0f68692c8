package rules

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestOpinionDefaults(t *testing.T) {
	r, err := Default(2026)
	if err != nil {
		t.Fatal(err)
	}
	o := r.Opinion
	want := []string{"住房", "物业", "拆迁征收", "教育入学", "医疗医保", "社保就业", "交通出行", "环境噪音", "市场监管", "农业农村", "其他"}
	if got := o.TopicNames(); !slices.Equal(got, want) {
		t.Errorf("topics %q, want %q", got, want)
	}
	if o.Surge != (Surge{Factor: 3, MinLetters: 3, BaselineMonths: 3}) || o.Repeat != (Repeat{WindowDays: 90, Similarity: 0.6}) ||
		o.Response.WorkingDays != 15 || o.Deduct != (Deduct{}) {
		t.Errorf("opinion thresholds %+v %+v %+v %+v", o.Surge, o.Repeat, o.Response, o.Deduct)
	}
	// A term in two topics would put a letter in both by accident.
	seen := map[string]string{}
	for _, tp := range o.Topics {
		for _, term := range tp.Terms {
			if other, ok := seen[term]; ok {
				t.Errorf("term %q in %s and %s", term, other, tp.Name)
			}
			seen[term] = tp.Name
		}
	}
}

func TestOpinionErrors(t *testing.T) {
	base, err := os.ReadFile("2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"其他 listed", "    - name: 住房", "    - name: 其他", "opinion.topics[0].name: 其他 is implied"},
		{"twice", "    - name: 物业", "    - name: 住房", `opinion.topics[1].name: topic "住房" listed twice`},
		{"similarity", "similarity: 0.6}", "similarity: 60}", "opinion.repeat.similarity: a fraction"},
		{"factor", "surge: {factor: 3,", "surge: {factor: 0.5,", "opinion.surge.factor: must be at least 1"},
		{"category", "categories: [政策解读, 通知公告]}", "categories: [解读, 通知公告]}", `"解读" is not a standard category`},
		{"deduct", "deduct: {boilerplate: 0,", "deduct: {boilerplate: -1,", "opinion.deduct.boilerplate: points off cannot be negative: -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(string(base), tc.old, tc.new, 1)
			if src == string(base) {
				t.Fatalf("%q not in 2026.yaml", tc.old)
			}
			_, err := Parse("r.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
