package sitefarm

import "time"

// The farm's own working-day calendar (State Council holiday notices for
// 2025 and 2026), used only to place dates realistically. Years outside
// it fall back to plain weekends.
var (
	holidays = dateSet(
		"2025-01-01",
		"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04",
		"2025-04-04", "2025-04-05", "2025-04-06",
		"2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05",
		"2025-05-31", "2025-06-01", "2025-06-02",
		"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
		"2026-01-01", "2026-01-02", "2026-01-03",
		"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
		"2026-04-04", "2026-04-05", "2026-04-06",
		"2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
		"2026-06-19", "2026-06-20", "2026-06-21",
		"2026-09-25", "2026-09-26", "2026-09-27",
		"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
	)
	makeupDays = dateSet(
		"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
		"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
	)
)

func dateSet(days ...string) map[int32]bool {
	m := make(map[int32]bool, len(days))
	for _, s := range days {
		t, err := time.ParseInLocation(time.DateOnly, s, shanghai)
		if err != nil {
			panic(err)
		}
		m[dayNum(t)] = true
	}
	return m
}

// dayNum numbers days since 1970-01-01 in Shanghai.
func dayNum(t time.Time) int32 {
	y, m, d := t.In(shanghai).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func dayFromNum(n int32) time.Time {
	u := time.Unix(int64(n)*86400, 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, shanghai)
}

func isWorkday(n int32) bool {
	if makeupDays[n] {
		return true
	}
	if holidays[n] {
		return false
	}
	wd := (n + 4) % 7 // 1970-01-01 was a Thursday
	return wd != 0 && wd != 6
}

// prevWorkday returns n if it is a working day, else the working day before.
func prevWorkday(n int32) int32 {
	for !isWorkday(n) {
		n--
	}
	return n
}

// addWorkdays moves k working days back (k < 0) or forward from n.
func addWorkdays(n int32, k int) int32 {
	step := int32(1)
	if k < 0 {
		step, k = -1, -k
	}
	for k > 0 {
		n += step
		if isWorkday(n) {
			k--
		}
	}
	return n
}
