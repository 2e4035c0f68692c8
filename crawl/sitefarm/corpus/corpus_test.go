package corpus

import (
	"strings"
	"testing"
)

// TestCatalogue checks that every structure says what it is modeled on
// and how well: a public scraper it was checked against, "not checked:"
// with what was searched, or "a pattern"; and that a structure added from
// a scraper (r-*) names one.
func TestCatalogue(t *testing.T) {
	structures, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range structures {
		if s.Site == "" || s.Source == "" || s.Markup == "" || s.Pager == "" {
			t.Errorf("%s: catalogue entry incomplete: site %q source %q markup %q pager %q", s.Name, s.Site, s.Source, s.Markup, s.Pager)
			continue
		}
		switch {
		case strings.HasPrefix(s.Source, "not checked"):
			if !strings.Contains(s.Source, "search") && !strings.Contains(s.Source, "RSSHub") {
				t.Errorf("%s: not checked, but the source does not say what was searched: %q", s.Name, s.Source)
			}
		case strings.HasPrefix(s.Source, "a pattern"):
			if strings.HasPrefix(s.Name, "r-") {
				t.Errorf("%s: a structure added from a scraper is a pattern: %q", s.Name, s.Source)
			}
		case strings.Contains(s.Source, "commonly served"):
			t.Errorf("%s: source %q says neither the scraper checked nor what was searched", s.Name, s.Source)
		default:
			checked++
		}
		if s.Auto != "exact" && s.Profile == "" {
			t.Errorf("%s: auto is not exact (%s) and no profile is documented", s.Name, s.Auto)
		}
	}
	if checked < 41 {
		t.Errorf("%d structures checked against a public scraper, want at least 41", checked)
	}
}
