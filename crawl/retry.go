package crawl

import (
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/domain"
	"github.com/gongkai/gongkai/landing"
)

// unitScore is how much of a unit a read verified, to tell whether a retry
// did better than the read it would replace.
type unitScore struct {
	verified int // sources complete or empty
	records  int // items and letters
}

// worse reports whether s verified less than old.
func (s unitScore) worse(old unitScore) bool {
	if s.verified != old.verified {
		return s.verified < old.verified
	}
	return s.records < old.records
}

// retryable says whether a verdict calls for crawling the source again.
func retryable(v string) bool {
	switch v {
	case domain.VerdictFailed, domain.VerdictBlocked, domain.VerdictPartial, domain.VerdictSuspect, domain.VerdictNeedsBrowser:
		return true
	}
	return false
}

// needsRetry reads a finished unit's files and says whether any source of
// it needs crawling again, with the unit's score as it stands. A unit whose
// files are missing or unreadable needs it too.
func needsRetry(run *landing.Run, st landing.UnitStatus) (bool, unitScore, error) {
	var sc unitScore
	if !st.Done || st.Error != "" || !run.UnitDone(st.UnitID) {
		return true, sc, nil
	}
	retry := false
	err := landing.ReadFile(run.UnitPath(st.UnitID, landing.FileColumns), func(c landing.Column) error {
		v := c.Verdict
		if v == "" && (c.Outcome == landing.OutcomeFailed || c.Outcome == landing.OutcomeBlocked) {
			v = domain.VerdictFailed // written before verdicts existed
		}
		if retryable(v) {
			retry = true
		}
		if domain.Verified(v) {
			sc.verified++
		}
		return nil
	})
	if err != nil {
		return true, sc, nil
	}
	err = landing.ReadFile(run.UnitPath(st.UnitID, landing.FileHomes), func(h landing.Home) error {
		if h.Verdict == domain.VerdictFailed || h.Verdict == domain.VerdictBlocked {
			retry = true
		}
		return nil
	})
	if err != nil {
		return true, sc, nil
	}
	sc.records = st.Items + st.Letters
	return retry, sc, nil
}

// openFinished opens the finished run a retry re-crawls into: RunID, or
// the newest complete run.
func openFinished(root, id string) (*landing.Run, landing.Manifest, error) {
	if id == "" {
		ids, err := landing.ListRuns(root)
		if err != nil {
			return nil, landing.Manifest{}, err
		}
		for i := len(ids) - 1; i >= 0 && id == ""; i-- {
			run, err := landing.OpenRun(root, ids[i])
			if err != nil {
				continue
			}
			if m, err := run.ReadManifest(); err == nil && m.Complete {
				id = ids[i]
			}
		}
		if id == "" {
			return nil, landing.Manifest{}, errors.New("retry failed: no finished run")
		}
	}
	run, err := landing.OpenRun(root, id)
	if err != nil {
		return nil, landing.Manifest{}, fmt.Errorf("retry failed: %w", err)
	}
	m, err := run.ReadManifest()
	if err != nil {
		return nil, m, fmt.Errorf("retry failed: %w", err)
	}
	if !m.Complete {
		return nil, m, fmt.Errorf("retry failed: run %s is not finished (use resume)", id)
	}
	return run, m, nil
}

// scoreOf is the score of a unit just crawled.
func (uc *unitCrawler) score() unitScore {
	sc := unitScore{records: uc.w.Count(landing.FileItems) + uc.w.Count(landing.FileLetters)}
	for _, src := range uc.sources {
		if domain.Verified(src.rec.Verdict) {
			sc.verified++
		}
	}
	return sc
}

// statusOf is a unit's entry in the manifest.
func statusOf(m landing.Manifest, unitID string) landing.UnitStatus {
	for _, u := range m.Units {
		if u.UnitID == unitID {
			return u
		}
	}
	return landing.UnitStatus{UnitID: unitID}
}
