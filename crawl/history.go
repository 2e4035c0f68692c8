package crawl

import (
	"log/slog"

	"github.com/gongkai/gongkai/landing"
)

// history is what earlier runs under the same landing root saw of one
// unit: the base of an incremental run.
type history struct {
	// seen holds, per column, the canonical URLs listed in any earlier run.
	seen map[string]map[string]bool
	// found is, per column, the most items an earlier run listed.
	found map[string]int
	// items holds, per canonical URL, the newest earlier record carrying
	// detail metadata (DetailSHA256 set).
	items map[string]landing.Item
	// letters holds, per mailbox and letter key, the newest earlier record.
	letters map[string]map[string]landing.Letter
}

func emptyHistory() *history {
	return &history{
		seen:    map[string]map[string]bool{},
		found:   map[string]int{},
		items:   map[string]landing.Item{},
		letters: map[string]map[string]landing.Letter{},
	}
}

// loadHistory reads the unit's records from every run before current
// (run IDs sort in time order) whose unit files are complete. An earlier
// run that cannot be read is skipped with a warning: history only makes a
// crawl shorter, so a damaged old run must never stop the unit's crawls
// for good. Without it the crawl reads further back, never less.
func loadHistory(root, current, unitID string, log *slog.Logger) (*history, error) {
	h := emptyHistory()
	ids, err := landing.ListRuns(root)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if id >= current {
			break
		}
		run, err := landing.OpenRun(root, id)
		if err != nil {
			log.Warn("history: skipping an earlier run that cannot be opened", "run", id, "err", err)
			continue
		}
		if !run.UnitDone(unitID) {
			continue
		}
		if err := h.addRun(run, unitID); err != nil {
			log.Warn("history: skipping an earlier run that cannot be read", "run", id, "unit", unitID, "err", err)
		}
	}
	return h, nil
}

// addRun adds one earlier run's records of the unit, all or nothing.
func (h *history) addRun(run *landing.Run, unitID string) error {
	var items []landing.Item
	if err := landing.ReadFile(run.UnitPath(unitID, landing.FileItems), func(it landing.Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		return err
	}
	var letters []landing.Letter
	if err := landing.ReadFile(run.UnitPath(unitID, landing.FileLetters), func(l landing.Letter) error {
		letters = append(letters, l)
		return nil
	}); err != nil {
		return err
	}
	perColumn := map[string]int{}
	for _, it := range items {
		key := it.CanonicalURL
		if key == "" {
			key = it.URL
		}
		if h.seen[it.ColumnID] == nil {
			h.seen[it.ColumnID] = map[string]bool{}
		}
		h.seen[it.ColumnID][key] = true
		perColumn[it.ColumnID]++
		if it.DetailSHA256 != "" {
			h.items[key] = it
		}
	}
	for c, n := range perColumn {
		h.found[c] = max(h.found[c], n)
	}
	for _, l := range letters {
		if h.letters[l.MailboxID] == nil {
			h.letters[l.MailboxID] = map[string]landing.Letter{}
		}
		h.letters[l.MailboxID][l.Key] = l
	}
	return nil
}
