package crawl

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/canon"
	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// profileFor maps a column's profile name onto an extraction profile: a
// custom profile from the config wins over a preset of the same name, and
// the column's api: fills the profile's API.
func profileFor(cfg *config.Config, col config.Column) (extract.Profile, error) {
	name := col.Profile
	if name == "" {
		name = extract.FamilyAuto
	}
	var p extract.Profile
	if cp, ok := cfg.Profiles[name]; ok {
		p = extract.Profile{
			Name: name, Family: cp.Family,
			Item: cp.Item, Link: cp.Link, Title: cp.Title, Date: cp.Date, Next: cp.Next,
			API: cp.API, ItemsPath: cp.ItemsPath, URLPath: cp.URLPath, TitlePath: cp.TitlePath,
			DatePath: cp.DatePath, TotalPath: cp.TotalPath, PageSize: cp.PageSize,
			PageURL: cp.PageURL, Method: cp.Method, Form: cp.Form, Body: cp.Body, HTMLPath: cp.HTMLPath,
			DetailURL: cp.DetailURL, DateFormat: cp.DateFormat, Render: cp.Render,
		}
	} else if pp, ok := extract.Preset(name); ok {
		p = pp
	} else {
		return p, fmt.Errorf("unknown profile %q", name)
	}
	if col.API != "" {
		p.API = col.API
	}
	return p, nil
}

// landingDate turns an extracted date into its landing form.
func landingDate(d extract.Date) landing.Date {
	ld := landing.Date{Raw: d.Raw}
	if d.OK && !d.Time.IsZero() {
		t := d.Time.In(shanghai)
		ld.Value = t.Format("2006-01-02")
		if d.HasTime {
			ld.Time = t.Format("15:04:05")
		}
	}
	return ld
}

// canonical returns the canonical URL, or raw itself when it cannot be
// canonicalised (it is kept, not dropped).
func canonical(raw string) string {
	c, err := canon.URL(raw)
	if err != nil {
		return raw
	}
	return c
}

// mailboxFirst is the first list request of a mailbox: its URL, with a
// template's {page} and {size} filled for page 1.
func mailboxFirst(mb config.Mailbox) extract.Request {
	u := strings.NewReplacer("{page}", "1", "{size}", "20").Replace(mb.URL)
	return extract.Request{Method: "GET", URL: u, Page: 1}
}

// unitSnapshot is the landing snapshot of a configured unit.
func unitSnapshot(u config.Unit) landing.Unit {
	lu := landing.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, Home: u.Home, MustHaveMailbox: u.MustHave(),
		Columns: []landing.UnitCol{}, Mailboxes: []landing.UnitCol{}}
	for _, c := range u.Columns {
		lu.Columns = append(lu.Columns, landing.UnitCol{ID: c.ID, Name: c.Name, URL: c.URL, Category: c.Category, Profile: c.Profile, AnnualReport: c.AnnualReport})
	}
	for _, m := range u.Mailboxes {
		lu.Mailboxes = append(lu.Mailboxes, landing.UnitCol{ID: m.ID, Name: m.Name, URL: m.URL, Profile: m.Format})
	}
	return lu
}
