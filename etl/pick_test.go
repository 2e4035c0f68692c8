package etl

import (
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/landing"
	"github.com/google/go-cmp/cmp"
)

// An item listed in several columns, whose sightings disagree, takes its
// home column from config order, its URL from its newest sighting in the
// column first in config order, and its metadata from its newest fetched
// sighting; columns no longer configured come last.
func TestItemPicksSightingsInOrder(t *testing.T) {
	t.Parallel()
	sighting := func(col, url, title, pub string, fetched bool) landing.Item {
		it := item(col, "/p.html", title, d(pub, pub), landing.Date{}, fetched)
		it.URL = jyj + url
		return it
	}
	root := newLanding(t)
	r1 := writeRun(t, root, fixtureRun{id: run1, cutoff: "2026-03-01", units: fixtureUnits, items: []landing.Item{
		sighting("tzgg", "/tzgg/p.html", "通知栏的标题", "2026-02-02", true),
		sighting("gzdt", "/gzdt/p.html", "动态栏的标题", "2026-02-01", true),
		sighting("old2", "/old2/p.html", "旧栏目二", "2026-02-04", true),
		sighting("old1", "/old1/p.html", "旧栏目一", "2026-02-03", true),
	}})
	r2 := writeRun(t, root, fixtureRun{id: run2, cutoff: "2026-04-01", units: fixtureUnits, items: []landing.Item{
		sighting("old2", "/old2/p2.html", "旧栏目二", "2026-02-04", true),
		sighting("tzgg", "/tzgg/p2.html", "没有抓详情", "", false),
	}})
	for _, order := range [][]*landing.Run{{r1, r2}, {r2, r1}} {
		s := openStore(t, filepath.Join(t.TempDir(), "g.duckdb"))
		for _, r := range order {
			load(t, s, r)
		}
		got := queryRows(t, s.DB(), `SELECT column_id, category, url, title, publish_date, first_seen_run, last_seen_run FROM items`)
		want := []string{"gzdt | 部门动态 | " + jyj + "/tzgg/p2.html | 旧栏目二 | 2026-02-04 | " + run1 + " | " + run2}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("loading %s then %s: items (-want +got):\n%s", order[0].ID, order[1].ID, diff)
		}
		s.Close()
	}
}
