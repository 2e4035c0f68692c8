package sitefarm

import "time"

// Options configure a farm. The zero value is the demo farm.
type Options struct {
	Seed int64 // default 1
	// AsOf is the farm's "today" (a date, Asia/Shanghai); default
	// 2026-11-01. Content runs from 1 January of the previous year. The
	// farm's holiday calendar covers 2025–2026; other years have weekends
	// only.
	AsOf time.Time
	// Units is the number of units; default 8 (the demo farm, which covers
	// every case the truth describes). Benchmarks use 100–1000.
	Units int
	// ItemsPerColumn is the average number of items per column; 0 sizes the
	// demo farm at about 1,500 items.
	ItemsPerColumn int
	Faults         Faults
	// VerdictCases adds the verdict-case units (see Case) on their own
	// listeners, in Truth.CaseUnits with their expected verdicts in
	// Truth.Cases; the other units are the same with or without them.
	VerdictCases bool
}

// Faults inject deterministic failures: a URL is chosen by hashing it with
// the seed, and a chosen URL fails its first Attempts requests, then serves
// normally ("404" never recovers).
type Faults struct {
	// Rate is the share of list and detail URLs that fail first (0 = none).
	Rate float64
	// Attempts is how many first attempts fail (default 1).
	Attempts int
	// Kinds is a subset of "5xx" (503 with Retry-After: 1), "reset" (the
	// connection is closed without an answer), "truncate" (Content-Length
	// larger than the body), "slow" (the answer is delayed by SlowDelay,
	// then served) and "404" (permanent, detail pages only; such items are
	// marked NotFound in the truth). Empty means all but "404".
	Kinds []string
}

// SlowDelay is how long a "slow" fault delays its answer.
const SlowDelay = 50 * time.Millisecond

const defaultItemsPerColumn = 29

// shanghai is China Standard Time; a fixed zone keeps the farm independent
// of the host's tz database.
var shanghai = time.FixedZone("CST", 8*3600)

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.AsOf.IsZero() {
		o.AsOf = time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai)
	} else {
		y, m, d := o.AsOf.Date()
		o.AsOf = time.Date(y, m, d, 0, 0, 0, 0, shanghai)
	}
	if o.Units <= 0 {
		o.Units = 8
	}
	if o.ItemsPerColumn <= 0 {
		o.ItemsPerColumn = defaultItemsPerColumn
	}
	if o.Faults.Attempts <= 0 {
		o.Faults.Attempts = 1
	}
	if len(o.Faults.Kinds) == 0 {
		o.Faults.Kinds = []string{"5xx", "reset", "truncate", "slow"}
	}
	return o
}
