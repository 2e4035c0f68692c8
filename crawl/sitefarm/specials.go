package sitefarm

import "strings"

// pairInterpretations links each 政策解读 item to the closest earlier
// policy of the unit: both ways, one way (either direction), or not at
// all, so the link metric has every case to find.
func (g *unitGen) pairInterpretations(c *colModel) {
	var policies []*Item
	for _, pc := range g.u.cols {
		if pc.spec.category == "政策文件" {
			policies = pc.items[modeNormal]
		}
	}
	p := 0
	for k, it := range c.items[modeNormal] {
		for p < len(policies) && policies[p].PublishDate.After(it.PublishDate) {
			p++
		}
		if p >= len(policies) {
			it.Title = interpTitle(g.r, pick(g.r, workTopics)+"实施方案")
			continue
		}
		pol := policies[p]
		p++
		it.Title = interpTitle(g.r, g.docs[pol])
		switch k % 5 {
		case 0, 1:
			pol.links = append(pol.links, it)
			it.links = append(it.links, pol)
		case 2:
			pol.links = append(pol.links, it)
		case 3:
			it.links = append(it.links, pol)
		}
	}
}

// placeBackDated adds the farm's back-dated post: it appears only in later
// mode, near the top of u01's dynamic column (a page a normal crawl saw),
// dated a week before the normal AsOf.
func (g *unitGen) placeBackDated(added *[]*Item) {
	if g.u.idx != 0 {
		return
	}
	for _, c := range g.u.cols {
		if c.spec.category != "部门动态" || c.spec.state != stateFresh {
			continue
		}
		it := g.newItem(c, prevWorkday(g.asOf-6))
		it.Added, it.BackDated = true, true
		c.items[modeLater] = append(c.items[modeLater], it)
		*added = append(*added, it)
		return
	}
}

// demoSpecials sets the farm-wide one-off cases on demo units.
func (g *unitGen) demoSpecials() {
	u := g.u
	col := func(cat string) *colModel {
		for _, c := range u.cols {
			if c.spec.category == cat {
				return c
			}
		}
		return nil
	}
	switch u.idx {
	case 0:
		// One list date disagrees with its detail page.
		if c := col("部门动态"); c != nil && len(c.items[modeNormal]) > 4 {
			it := c.items[modeNormal][4]
			it.ListDate = it.PublishDate.AddDate(0, 0, -1)
		}
		// One document formed on a public holiday.
		// The first policy with a holiday within 30 working days before it.
		if c := col("政策文件"); c != nil {
		search:
			for _, it := range c.items[modeNormal][min(2, len(c.items[modeNormal])):] {
				pub := dayNum(it.PublishDate)
				for d, wd := pub-1, 0; wd <= 30; d-- {
					if holidays[d] {
						it.FormedDate = dayFromNum(d)
						break search
					}
					if isWorkday(d) {
						wd++
					}
				}
			}
		}
	case 5:
		// One notice is taken down between the two crawls.
		if c := col("通知公告"); c != nil {
			for _, it := range c.items[modeNormal][min(2, len(c.items[modeNormal])):] {
				if len(it.ColumnIDs) == 1 && len(it.links) == 0 {
					u.deleted = it
					break
				}
			}
		}
	}
}

// crossUnitLinks makes one interpretation (u07) link to a policy of
// another unit (u01); such a link must not count for either unit.
func (m *model) crossUnitLinks() {
	if len(m.units) < 7 {
		return
	}
	var policy *Item
	for _, c := range m.units[0].cols {
		if c.spec.category == "政策文件" && len(c.items[modeNormal]) > 3 {
			policy = c.items[modeNormal][3]
		}
	}
	for _, c := range m.units[6].cols {
		if c.spec.category != "政策解读" || len(c.items[modeNormal]) == 0 || policy == nil {
			continue
		}
		it := c.items[modeNormal][0]
		it.links = append(it.links, policy)
		it.ForeignLink = true
		if a, b := strings.Index(policy.Title, "《"), strings.LastIndex(policy.Title, "》"); a >= 0 && b > a {
			it.Title = "解读：" + policy.Title[a:b+len("》")]
			it.ListTitle = cutTitle(it.Title, listCut(m.units[6].spec.family))
		}
	}
}

// homeStaleAge is how old a stale home page's newest link is.
const homeStaleAge = 23

// home builds the home page of mode: the newest items across the unit's
// listable columns, or a frozen list for a home page nobody updates.
func (g *unitGen) home(mode int) {
	u := g.u
	switch u.spec.home {
	case homeNone:
		return
	case homeFails:
		u.homes[mode] = &Home{Fails: true}
		return
	}
	limit := g.m.asOf[mode]
	if u.spec.home == homeStale {
		limit = g.m.asOf[modeNormal].AddDate(0, 0, -homeStaleAge)
	}
	var cand []*Item
	for _, c := range u.cols {
		if c.spec.block != "" {
			continue
		}
		for _, it := range c.items[mode] {
			if !it.PublishDate.After(limit) {
				cand = append(cand, it)
				break
			}
		}
		if len(c.items[mode]) > 1 {
			for _, it := range c.items[mode][1:min(8, len(c.items[mode]))] {
				if !it.PublishDate.After(limit) {
					cand = append(cand, it)
				}
			}
		}
	}
	cand = uniqueItems(cand)
	sortNewest(cand)
	cand = cand[:min(8, len(cand))]
	u.homeLinks[mode] = cand
	h := &Home{}
	if len(cand) > 0 {
		h.NewestDate, h.NewestTitle = cand[0].PublishDate, cand[0].Title
	}
	u.homes[mode] = h
}

func uniqueItems(xs []*Item) []*Item {
	seen := map[*Item]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func sortNewest(xs []*Item) {
	sortStable(xs, func(a, b *Item) int {
		if c := b.PublishDate.Compare(a.PublishDate); c != 0 {
			return c
		}
		return b.cmsID - a.cmsID
	})
}
