package sitefarm

import (
	"fmt"
	"io"
	"strconv"
)

// WriteUnitsYAML writes the `units:` section of a gongkai config for the
// farm as it is served (after Start: absolute URLs), as an office would
// write it for real sites: names, kinds, URLs, site families and
// mailboxes, but no categories, which come from the column names as for
// most real configs. Callers write the rest of the config around it.
func (t *Truth) WriteUnitsYAML(w io.Writer) error {
	q := strconv.Quote
	var err error
	p := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	p("units:\n")
	for _, u := range t.Units {
		p("  - id: %s\n    name: %s\n    kind: %s\n", u.ID, q(u.Name), u.Kind)
		if u.Home != nil {
			p("    home: %s\n", q(u.Home.URL))
		}
		p("    must_have_mailbox: %t\n", u.MustHaveMailbox)
		p("    columns:\n")
		for _, c := range u.Columns {
			p("      - id: %s\n        name: %s\n        url: %s\n        profile: %s\n", c.ID, q(c.Name), q(c.URL), u.Family)
			if c.API != "" {
				p("        api: %s\n", q(c.API))
			}
		}
		if len(u.Mailboxes) == 0 {
			p("    mailboxes: []\n")
			continue
		}
		p("    mailboxes:\n")
		for _, m := range u.Mailboxes {
			p("      - id: %s\n        name: %s\n        url: %s\n        format: %s\n", m.ID, q(m.Name), q(m.URL), m.Format)
		}
	}
	return err
}
