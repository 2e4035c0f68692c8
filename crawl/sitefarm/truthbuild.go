package sitefarm

// buildTruth assembles mode's Truth from the model, with URLs made
// absolute from each unit's base (paths before Start).
func (m *model) buildTruth(mode int) *Truth {
	t := &Truth{AsOf: m.asOf[mode]}
	for _, u := range m.units {
		tu := &Unit{
			ID: u.id, Name: u.spec.name, Kind: u.spec.kind, Family: u.spec.family,
			Encoding: u.spec.encoding, BaseURL: u.base, RobotsDisallow: []string{"/admin/"},
			MustHaveMailbox: u.spec.mustMail,
		}
		if h := u.homes[mode]; h != nil {
			hc := *h
			hc.URL = u.base + "/"
			if links := u.homeLinks[mode]; len(links) > 0 {
				hc.NewestURL = links[0].URL
			}
			tu.Home = &hc
		}
		for _, c := range u.cols {
			tc := &Column{
				ID: c.id, Name: c.spec.name, Category: c.spec.category, URL: u.base + c.entry,
				PageSize: c.pageSize, Items: c.items[mode], Blank: len(c.items[mode]) == 0,
				Blocked: c.spec.block != "", BlockKind: c.spec.block,
			}
			if c.apiPath != "" {
				tc.API = u.base + c.apiPath
			}
			c.truth[mode] = tc
			tu.Columns = append(tu.Columns, tc)
		}
		for _, mm := range u.mails {
			tm := &Mailbox{
				ID: mm.id, Name: mm.spec.name, URL: u.base + mm.entry, Format: mm.spec.format,
				PageSize: mm.pageSize, ListShowsHandler: mm.spec.showHandler || mm.spec.format == "json",
				ListShowsReplied: mm.spec.showReplied || mm.spec.format == "json", Letters: mm.letters[mode],
			}
			mm.truth[mode] = tm
			tu.Mailboxes = append(tu.Mailboxes, tm)
		}
		for _, s := range u.surges {
			sc := *s
			if sc.AnswerURL != "" {
				sc.AnswerURL = u.base + sc.AnswerURL
			}
			tu.Surges = append(tu.Surges, &sc)
		}
		if mode == modeLater && u.deleted != nil {
			t.Deleted = append(t.Deleted, u.deleted)
		}
		u.truth[mode] = tu
		t.Units = append(t.Units, tu)
	}
	return t
}

// setBases makes every URL in the model absolute for the started farm and
// rebuilds both truths.
func (m *model) setBases(bases []string) {
	for i, u := range m.units {
		u.base = bases[i]
		for _, it := range u.byID {
			it.URL = u.base + it.path
		}
		for _, mm := range u.mails {
			for mode := range 2 {
				for _, l := range mm.letters[mode] {
					l.DetailURL = u.base + l.path
				}
			}
		}
	}
	// Links second: they may point at another unit's items.
	for _, u := range m.units {
		for _, it := range u.byID {
			if len(it.links) == 0 {
				continue
			}
			it.Links = make([]string, len(it.links))
			for k, l := range it.links {
				it.Links[k] = l.URL
			}
		}
	}
	for mode := range 2 {
		m.truth[mode] = m.buildTruth(mode)
	}
}

// isForeign reports whether target belongs to another unit than from.
func isForeign(from, target *Item) bool { return from.unit != target.unit }
