package rules

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/yamlfile"
)

// OtherTopic is the topic of a letter that carries no topic's terms.
const OtherTopic = "其他"

// Opinion holds the 政务舆情 rules: the topic list and the thresholds of
// the surge, repeat, boilerplate and response macros.
type Opinion struct {
	TopicVersion string      `yaml:"topic_version"`
	Surge        Surge       `yaml:"surge"`
	Repeat       Repeat      `yaml:"repeat"`
	Boilerplate  Boilerplate `yaml:"boilerplate"`
	Response     Response    `yaml:"response"`
	Deduct       Deduct      `yaml:"deduct"`
	// Dictionary are words the segmenter keeps whole; StopWords are never
	// key terms.
	Dictionary []string `yaml:"dictionary"`
	StopWords  []string `yaml:"stop_words"`
	Topics     []Topic  `yaml:"topics"`
}

// Topic is one concern of the public and the terms that mark it.
type Topic struct {
	Name  string   `yaml:"name"`
	Terms []string `yaml:"terms"`
}

// Surge: at least MinLetters, and at least Factor × the mean of the
// BaselineMonths months before.
type Surge struct {
	Factor         float64 `yaml:"factor"`          // 3
	MinLetters     int     `yaml:"min_letters"`     // 3
	BaselineMonths int     `yaml:"baseline_months"` // 3
}

// Repeat: letters of one unit within WindowDays at least Similarity alike.
type Repeat struct {
	WindowDays int     `yaml:"window_days"` // 90
	Similarity float64 `yaml:"similarity"`  // 0.6
}

// Boilerplate says which replies say nothing.
type Boilerplate struct {
	ShortChars      int      `yaml:"short_chars"`       // 15
	ForwardMaxChars int      `yaml:"forward_max_chars"` // 40
	ForwardWords    []string `yaml:"forward_words"`
	Similarity      float64  `yaml:"similarity"`  // 0.9
	SimilarMin      int      `yaml:"similar_min"` // 2
}

// Response: the window and categories of an item that answers a surge.
type Response struct {
	WorkingDays int      `yaml:"working_days"` // 15
	Categories  []string `yaml:"categories"`   // 政策解读, 通知公告
}

// Deduct gives points off 互动回应; 0 is off.
type Deduct struct {
	Boilerplate      float64 `yaml:"boilerplate"`
	UnansweredRepeat float64 `yaml:"unanswered_repeat"`
}

// TopicNames lists the topics in rules order, 其他 last.
func (o Opinion) TopicNames() []string {
	out := make([]string, 0, len(o.Topics)+1)
	for _, t := range o.Topics {
		out = append(out, t.Name)
	}
	return append(out, OtherTopic)
}

func (o Opinion) validate(v *yamlfile.Validator) {
	if len(o.Topics) == 0 {
		return // no opinion section: the macros find nothing
	}
	if strings.TrimSpace(o.TopicVersion) == "" {
		v.Fail("opinion.topic_version", "missing")
	}
	seen := map[string]bool{}
	for i, t := range o.Topics {
		f := fmt.Sprintf("opinion.topics[%d]", i)
		switch {
		case strings.TrimSpace(t.Name) == "":
			v.Fail(f+".name", "missing")
		case t.Name == OtherTopic:
			v.Fail(f+".name", "%s is implied for letters of no topic; do not list it", OtherTopic)
		case seen[t.Name]:
			v.Fail(f+".name", "topic %q listed twice", t.Name)
		}
		seen[t.Name] = true
		if len(t.Terms) == 0 {
			v.Fail(f+".terms", "a topic needs at least one term")
		}
		for _, term := range t.Terms {
			if strings.TrimSpace(term) == "" {
				v.Fail(f+".terms", "empty term")
			}
		}
	}
	if o.Surge.Factor < 1 {
		v.Fail("opinion.surge.factor", "must be at least 1")
	}
	positive(v, "opinion.surge.min_letters", o.Surge.MinLetters)
	positive(v, "opinion.surge.baseline_months", o.Surge.BaselineMonths)
	positive(v, "opinion.repeat.window_days", o.Repeat.WindowDays)
	fraction(v, "opinion.repeat.similarity", o.Repeat.Similarity)
	positive(v, "opinion.boilerplate.short_chars", o.Boilerplate.ShortChars)
	positive(v, "opinion.boilerplate.forward_max_chars", o.Boilerplate.ForwardMaxChars)
	fraction(v, "opinion.boilerplate.similarity", o.Boilerplate.Similarity)
	positive(v, "opinion.boilerplate.similar_min", o.Boilerplate.SimilarMin)
	positive(v, "opinion.response.working_days", o.Response.WorkingDays)
	for _, c := range o.Response.Categories {
		if !contains(Categories, c) {
			v.Fail("opinion.response.categories", "%q is not a standard category", c)
		}
	}
	if o.Deduct.Boilerplate < 0 {
		v.Fail("opinion.deduct.boilerplate", "points off cannot be negative: %g", o.Deduct.Boilerplate)
	}
	if o.Deduct.UnansweredRepeat < 0 {
		v.Fail("opinion.deduct.unanswered_repeat", "points off cannot be negative: %g", o.Deduct.UnansweredRepeat)
	}
}

func fraction(v *yamlfile.Validator, field string, x float64) {
	if x <= 0 || x > 1 {
		v.Fail(field, "a fraction above 0 and at most 1, e.g. 0.6")
	}
}

// values are the scalar opinion rules, as rule_values keys.
func (o Opinion) values() map[string]float64 {
	return map[string]float64{
		"opinion.surge.factor":                  o.Surge.Factor,
		"opinion.surge.min_letters":             float64(o.Surge.MinLetters),
		"opinion.surge.baseline_months":         float64(o.Surge.BaselineMonths),
		"opinion.repeat.window_days":            float64(o.Repeat.WindowDays),
		"opinion.repeat.similarity":             o.Repeat.Similarity,
		"opinion.boilerplate.short_chars":       float64(o.Boilerplate.ShortChars),
		"opinion.boilerplate.forward_max_chars": float64(o.Boilerplate.ForwardMaxChars),
		"opinion.boilerplate.similarity":        o.Boilerplate.Similarity,
		"opinion.boilerplate.similar_min":       float64(o.Boilerplate.SimilarMin),
		"opinion.response.working_days":         float64(o.Response.WorkingDays),
		"opinion.deduct.boilerplate":            o.Deduct.Boilerplate,
		"opinion.deduct.unanswered_repeat":      o.Deduct.UnansweredRepeat,
	}
}

// installOpinion writes the opinion rules: scalars into rule_values, the
// topic list into rule_topics, and the word lists into rule_words
// (etl/schema/030_opinion.sql).
func installOpinion(ctx context.Context, tx *sql.Tx, r *Rules) error {
	o := r.Opinion
	for _, t := range []string{"rule_topics", "rule_words"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE version = ?", r.Version); err != nil {
			return fmt.Errorf("clear %s: %w", t, err)
		}
	}
	if len(o.Topics) == 0 {
		return nil
	}
	vals := o.values()
	for _, k := range sortedKeys(vals) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rule_values VALUES (?, ?, ?, NULL)`, r.Version, k, vals[k]); err != nil {
			return fmt.Errorf("rule_values: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO rule_values VALUES (?, 'opinion.topic_version', NULL, ?)`, r.Version, o.TopicVersion); err != nil {
		return fmt.Errorf("rule_values: %w", err)
	}
	for i, t := range o.Topics {
		for _, term := range t.Terms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rule_topics VALUES (?, ?, ?, ?)`, r.Version, t.Name, i+1, strings.TrimSpace(term)); err != nil {
				return fmt.Errorf("rule_topics: %w", err)
			}
		}
	}
	words := map[string][]string{"dictionary": o.Dictionary, "stop": o.StopWords, "forward": o.Boilerplate.ForwardWords}
	for _, c := range o.Response.Categories {
		words["response_category"] = append(words["response_category"], c)
	}
	for _, kind := range sortedKeys(words) {
		for _, w := range words[kind] {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO rule_words VALUES (?, ?, ?)`, r.Version, kind, strings.TrimSpace(w)); err != nil {
				return fmt.Errorf("rule_words: %w", err)
			}
		}
	}
	return nil
}
