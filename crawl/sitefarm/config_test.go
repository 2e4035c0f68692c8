package sitefarm

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/config"
)

// The units section is a valid config, naming every unit, column and
// mailbox of the truth with its URL and family.
func TestWriteUnitsYAMLParses(t *testing.T) {
	f := New(Options{})
	if err := f.Start(); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := f.Truth()
	var b strings.Builder
	b.WriteString("crawl:\n  allow_private: true\n")
	if err := tr.WriteUnitsYAML(&b); err != nil {
		t.Fatal(err)
	}
	c, err := config.Parse("farm.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Units) != len(tr.Units) {
		t.Fatalf("%d units, want %d", len(c.Units), len(tr.Units))
	}
	for i, u := range tr.Units {
		cu := c.Units[i]
		if cu.ID != u.ID || cu.Name != u.Name || cu.Kind != u.Kind || len(cu.Columns) != len(u.Columns) || len(cu.Mailboxes) != len(u.Mailboxes) {
			t.Errorf("unit %s written as %+v", u.ID, cu)
			continue
		}
		if (u.Home == nil) != (cu.Home == "") || cu.MustHave() != u.MustHaveMailbox {
			t.Errorf("unit %s home/mailbox rule written as %q %v", u.ID, cu.Home, cu.MustHave())
		}
		for j, col := range u.Columns {
			cc := cu.Columns[j]
			if cc.URL != col.URL || cc.API != col.API || cc.Profile != u.Family || cc.Category != "" {
				t.Errorf("column %s written as %+v", col.ID, cc)
			}
		}
		for j, m := range u.Mailboxes {
			if cm := cu.Mailboxes[j]; cm.URL != m.URL || cm.Format != m.Format {
				t.Errorf("mailbox %s written as %+v", m.ID, cm)
			}
		}
	}
}
