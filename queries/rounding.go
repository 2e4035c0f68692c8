package queries

import "math"

// outputDecimals are the columns the macros round on output, and to how
// many decimals: rates (fractions) to 4, points and days to 2. Everything
// computed from them (points from rates, totals from points) uses the
// exact values; only what an analyst reads is rounded, so CSV and JSON
// carry no float noise.
var outputDecimals = map[string]map[string]int{
	"publish_summary":      {"completion": 4, "completion_scored": 4},
	"timeliness":           {"rate": 4},
	"interpretation_links": {"rate": 4},
	"letters_summary":      {"reply_rate": 4, "on_time_rate": 4, "mean_reply_days": 2, "median_reply_days": 2},
	"coverage":             {"fail_rate": 4},
	"vetoes":               {"figure": 4, "threshold": 4},
	"early_warnings":       {"figure": 4, "threshold": 4},
	"scorecard": {"publish_points": 2, "timeliness_points": 2, "maintenance_points": 2, "interpretation_points": 2,
		"interaction_points": 2, "maintenance_deduction": 2, "raw_points": 2, "change": 2, "yoy_change": 2},
}

// RoundOutput rounds v as metric rounds its column on output (half away
// from zero, as DuckDB's round does); other values are returned as they
// are. Checks that compute a metric independently compare through it.
func RoundOutput(metric, column string, v any) any {
	d, ok := outputDecimals[metric][column]
	f, isFloat := v.(float64)
	if !ok || !isFloat {
		return v
	}
	p := math.Pow(10, float64(d))
	return math.Round(f*p) / p
}
