package rules

// Rules is one versioned rule set. Field comments give the METRICS.md
// default; rules/2026.yaml documents each line.
type Rules struct {
	Version string `yaml:"version"`
	Year    int    `yaml:"year"`

	Timeliness Timeliness        `yaml:"timeliness"`
	Letters    Letters           `yaml:"letters"`
	Classes    map[string]Class  `yaml:"classes"`
	Categories map[string]string `yaml:"categories"` // category → class
	Home       Home              `yaml:"home"`
	Vetoes     Vetoes            `yaml:"vetoes"`
	Warnings   Warnings          `yaml:"warnings"`
	Scorecard  Scorecard         `yaml:"scorecard"`
	Targets    Targets           `yaml:"targets"`
	// AnnualReport is the 年度报告审核 section (rules/annual.go).
	AnnualReport AnnualReport `yaml:"annual_report"`
	Opinion      Opinion      `yaml:"opinion"`

	// Source is where the rules were read from (a path, or builtin:2026.yaml).
	Source string `yaml:"-"`
	// Note explains a fallback, e.g. built-in rules of another year.
	Note string `yaml:"-"`
}

// Timeliness is the proactive-disclosure limit (条例 Art. 26).
type Timeliness struct {
	WorkingDays int `yaml:"working_days"` // 20
}

// Letters holds mailbox deadlines.
type Letters struct {
	Deadlines            map[string]int `yaml:"deadlines"`              // 咨询 5, others 15
	DefaultDeadline      int            `yaml:"default_deadline"`       // 15
	LongUnansweredMonths int            `yaml:"long_unanswered_months"` // 3
	WarningMonths        int            `yaml:"warning_months"`         // 2
}

// Class is an update class's limit: days or months, or neither (static).
type Class struct {
	Days   int `yaml:"days"`
	Months int `yaml:"months"`
}

// Home holds the home-page limits in calendar days.
type Home struct {
	VetoDays    int `yaml:"veto_days"`    // 14: stale when days since > 14
	WarningDays int `yaml:"warning_days"` // 10: warning when days since ≥ 10
}

// Switch turns a veto on or off and gives its threshold (a count).
type Switch struct {
	Enabled    bool     `yaml:"enabled"`
	Min        int      `yaml:"min"`
	Categories []string `yaml:"categories"`
}

// Vetoes are the 单项否决 of 国办秘函〔2019〕19号 a crawler can see.
type Vetoes struct {
	HomeStale              Switch `yaml:"home_stale"`              // 1
	StaleKeyColumns        Switch `yaml:"stale_key_columns"`       // 2: min 5, dynamic + 通知公告/政策文件
	StaleColumns           Switch `yaml:"stale_columns"`           // 3: min 10
	BlankColumns           Switch `yaml:"blank_columns"`           // 4: min 5
	UnansweredConsultation Switch `yaml:"unanswered_consultation"` // 5: min 1
	NoMailbox              Switch `yaml:"no_mailbox"`              // 6
	BackDated              Switch `yaml:"back_dated"`              // 7: off by default
}

// Warnings are the early-warning (预警) thresholds; the home-page warning
// is Home.WarningDays.
type Warnings struct {
	BlankColumns int     `yaml:"blank_columns"` // > 2
	StaleColumns int     `yaml:"stale_columns"` // > 6
	LetterMonths int     `yaml:"letter_months"` // > 2 months
	FailRate     float64 `yaml:"fail_rate"`     // ≥ 0.03
}

// Scorecard holds weights, deductions and grade bands.
type Scorecard struct {
	Weights     Weights     `yaml:"weights"`
	Maintenance Maintenance `yaml:"maintenance"`
	Interaction Interaction `yaml:"interaction"`
	Grades      []Grade     `yaml:"grades"`
	FailGrade   string      `yaml:"fail_grade"`
}

// Weights are the points of each part (sum 100).
type Weights struct {
	Publish        float64 `yaml:"publish"`
	Timeliness     float64 `yaml:"timeliness"`
	Maintenance    float64 `yaml:"maintenance"`
	Interpretation float64 `yaml:"interpretation"`
	Interaction    float64 `yaml:"interaction"`
}

// Maintenance are the 栏目维护 deductions.
type Maintenance struct {
	DynamicStale  float64  `yaml:"dynamic_stale"`
	KeyStale      float64  `yaml:"key_stale"`
	KeyCategories []string `yaml:"key_categories"`
	OtherStale    float64  `yaml:"other_stale"`
	Blank         float64  `yaml:"blank"`
}

// Interaction splits the 互动回应 points.
type Interaction struct {
	ReplyRate  float64 `yaml:"reply_rate"`
	OnTimeRate float64 `yaml:"on_time_rate"`
	Speed      float64 `yaml:"speed"`
	FastDays   float64 `yaml:"fast_days"`
	SlowDays   float64 `yaml:"slow_days"`
}

// Grade is a band: a total ≥ Min earns Grade.
type Grade struct {
	Min   float64 `yaml:"min"`
	Grade string  `yaml:"grade"`
}

// Targets are yearly publish targets and monthly minimums.
type Targets struct {
	ByKind map[string]Target `yaml:"by_kind"`
	ByUnit map[string]Target `yaml:"by_unit"`
}

// Target is a yearly item target and a monthly minimum.
type Target struct {
	Yearly         float64 `yaml:"yearly"`
	MonthlyMinimum int     `yaml:"monthly_minimum"`
}

// Class names.
const (
	Dynamic  = "dynamic"
	Periodic = "periodic"
	Annual   = "annual"
	Static   = "static"
)

// ClassOf returns the update class of a category (static when unlisted).
func (r *Rules) ClassOf(category string) string {
	if c, ok := r.Categories[category]; ok {
		return c
	}
	return Static
}

// Deadline returns the working days allowed to answer a letter of type t.
func (r *Rules) Deadline(t string) int {
	if d, ok := r.Letters.Deadlines[t]; ok {
		return d
	}
	return r.Letters.DefaultDeadline
}

// VetoKey reports whether a stale column of this category counts toward
// veto 2 (the dynamic class and the listed categories).
func (r *Rules) VetoKey(category string) bool {
	return r.ClassOf(category) == Dynamic || contains(r.Vetoes.StaleKeyColumns.Categories, category)
}

// DeductGroup is the 栏目维护 group a stale column is deducted in: dynamic
// (once for all), key (per column) or other (per column).
func (r *Rules) DeductGroup(category string) string {
	switch {
	case contains(r.Scorecard.Maintenance.KeyCategories, category):
		return "key"
	case r.ClassOf(category) == Dynamic:
		return "dynamic"
	}
	return "other"
}

// TargetFor returns the target of a unit (by id, else by kind).
func (r *Rules) TargetFor(unitID, kind string) (Target, bool) {
	if t, ok := r.Targets.ByUnit[unitID]; ok {
		return t, true
	}
	t, ok := r.Targets.ByKind[kind]
	return t, ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
