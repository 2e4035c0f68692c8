package crawl

import (
	"fmt"

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
// (run IDs sort in time order) whose unit files are complete.
func loadHistory(root, current, unitID string) (*history, error) {
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
			return nil, err
		}
		if !run.UnitDone(unitID) {
			continue
		}
		perColumn := map[string]int{}
		err = landing.ReadFile(run.UnitPath(unitID, landing.FileItems), func(it landing.Item) error {
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
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read earlier run %s: %w", id, err)
		}
		for c, n := range perColumn {
			h.found[c] = max(h.found[c], n)
		}
		err = landing.ReadFile(run.UnitPath(unitID, landing.FileLetters), func(l landing.Letter) error {
			if h.letters[l.MailboxID] == nil {
				h.letters[l.MailboxID] = map[string]landing.Letter{}
			}
			h.letters[l.MailboxID][l.Key] = l
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read earlier run %s: %w", id, err)
		}
	}
	return h, nil
}
