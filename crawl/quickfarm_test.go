package crawl

import (
	"testing"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// TestQuickFarm crawls the small farm the bench's smoke run serves (eight
// units, about eight items a column): with few items, many columns are one
// page, where a link back to the column's own list page must not be taken
// for an item.
func TestQuickFarm(t *testing.T) {
	f := startFarm(t, sitefarm.Options{Seed: 1, Units: 8, ItemsPerColumn: 8})
	tr := f.Truth()
	res := runCrawl(t, testOptions(t, farmConfig(tr), testRoot(t), tr.AsOf))
	if len(res.Failed) != 0 {
		t.Errorf("failed units: %v", res.Failed)
	}
	r := readRecords(t, res.Run, unitIDs(tr))
	t.Run("items", func(t *testing.T) { checkItems(t, tr, r) })
	t.Run("columns", func(t *testing.T) { checkColumns(t, tr, r) })
}
