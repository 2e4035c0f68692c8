package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/crawl/render"
	"github.com/gongkai/gongkai/landing"
)

// reScriptBuilds finds, in inline scripts, what writes a list into the
// page: DOM writes and requests for data.
var reScriptBuilds = regexp.MustCompile(`innerHTML|insertAdjacentHTML|\.append\(|\.html\(|document\.write|createElement|\$\.ajax|\$\.get|\$\.post|\bfetch\(|XMLHttpRequest|axios\.|new Vue|createApp\(|template\s*:`)

// reScriptTag finds script elements and their bodies.
var reScriptTag = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)

// wantsBrowser reports whether a column's first page, as read statically,
// needs a browser: no item, no next request, no word that it is empty, and
// scripts that may write the list.
func wantsBrowser(lr extract.ListResult, body string) bool {
	if lr.NeedsBrowser {
		return true
	}
	if len(lr.Items) > 0 || len(lr.Next) > 0 || lr.EmptyNotice || lr.Blocked || lr.TotalRecords > 0 {
		return false
	}
	// A Hanweb datastore holds its records in the page: the static reader
	// reads them, and an empty one is an empty column.
	if strings.Contains(body, "<datastore>") || strings.Contains(body, ".jpage(") {
		return false
	}
	for _, m := range reScriptTag.FindAllStringSubmatch(body, -1) {
		code := m[2]
		// The TRS pager script writes the pager, not the list.
		if strings.Contains(code, "createPageHTML") && !strings.Contains(code, "innerHTML") {
			continue
		}
		if strings.TrimSpace(code) != "" && reScriptBuilds.MatchString(code) {
			return true
		}
	}
	return false
}

// browserAvailable says whether a browser is installed; tests replace it
// to see a machine without one.
var browserAvailable = render.Available

// renderOutcome is what rendering a column gave.
type renderOutcome struct {
	list     extract.ListResult // the items of every rendered page
	sha      map[string]string  // item URL → snapshot of the rendered page that listed it
	rendered bool               // the list was read from the browser's DOM
	reason   string             // why the column could not be read ("" when it was)
	browser  bool               // false: no browser installed
}

// errNoBrowserReason is the column error when no browser is installed.
const errNoBrowserReason = "the list is written by scripts and no headless browser is installed (install chromium)"

// renderedPage is one page as the browser built it, kept as a snapshot.
type renderedPage struct {
	URL, HTML, SHA string
}

// renderPages reads a script-built page in the headless browser: the
// rendered DOM of each page its pager leads to, each stored as a snapshot
// (a page record marked rendered) so that what was read can be shown. The
// browser's requests obey the crawler's rules (see browserRule). reason
// says why nothing could be rendered; browser is false when none is
// installed.
func (uc *unitCrawler) renderPages(ctx context.Context, kind, sourceID, pageURL string) (pages []renderedPage, last bool, reason string, browser bool, err error) {
	if !browserAvailable() {
		return nil, false, errNoBrowserReason, false, nil
	}
	started := time.Now()
	res, err := render.Render(ctx, render.Options{
		Allow:     uc.browserRule(),
		UserAgent: uc.s.userAgent,
		MaxPages:  uc.s.maxPages,
		Timeout:   max(uc.s.timeout, 5*time.Second),
		Logger:    uc.log.With("source", sourceID),
	}, pageURL)
	if ctx.Err() != nil {
		return nil, false, "", true, ctx.Err()
	}
	if err != nil {
		return nil, false, "render: " + err.Error(), true, nil
	}
	uc.log.Info("rendered", "source", sourceID, "pages", len(res.Pages), "requests", res.Requests,
		"refused", len(res.Refused), "took", time.Since(started).Round(time.Millisecond))
	for _, p := range res.Pages {
		rp := renderedPage{URL: p.URL, HTML: p.HTML}
		if uc.f.snaps != nil {
			if rp.SHA, err = uc.f.snaps.Put([]byte(p.HTML)); err != nil {
				return nil, false, "", true, fmt.Errorf("store rendered page: %w", err)
			}
			rec := landing.Page{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: sourceID, Kind: kind, Method: "GET",
				URL: p.URL, Attempt: 1, Status: 200, Bytes: int64(len(p.HTML)), Outcome: landing.OutcomeOK,
				SHA256: rp.SHA, FetchedAt: time.Now().UTC(), Rendered: true}
			if err := uc.write(func(w *landing.UnitWriter) error { return w.AddPage(rec) }); err != nil {
				return nil, false, "", true, err
			}
		}
		pages = append(pages, rp)
	}
	return pages, res.LastPage, "", true, nil
}

// renderColumn reads a script-built column in the headless browser,
// extracting each rendered page as the static pages are.
func (uc *unitCrawler) renderColumn(ctx context.Context, columnID string, prof extract.Profile, req extract.Request) (renderOutcome, error) {
	pages, last, reason, browser, err := uc.renderPages(ctx, landing.PageList, columnID, req.URL)
	if err != nil || reason != "" {
		return renderOutcome{reason: reason, browser: browser}, err
	}
	out := renderOutcome{rendered: true, browser: true, sha: map[string]string{}}
	out.list.Items = []extract.ListItem{}
	out.list.Next = []extract.Request{}
	for i, p := range pages {
		lr, err := extract.ExtractList(prof, extract.Request{Method: "GET", URL: p.URL, Page: i + 1}, p.HTML, uc.ref)
		if err != nil {
			return renderOutcome{browser: true, reason: "extract rendered list: " + err.Error()}, nil
		}
		for _, it := range lr.Items {
			if _, ok := out.sha[it.URL]; !ok {
				out.sha[it.URL] = p.SHA
				out.list.Items = append(out.list.Items, it)
			}
		}
		out.list.TotalPages = max(out.list.TotalPages, lr.TotalPages)
		out.list.TotalRecords = max(out.list.TotalRecords, lr.TotalRecords)
		out.list.PagerSeen = out.list.PagerSeen || lr.PagerSeen
	}
	out.list.LastPage = last
	out.list.Recognised = "render"
	return out, nil
}

// browserRule is the crawler's rule for the browser's requests: inside the
// unit's hosts, allowed by robots.txt, to public addresses unless private
// ones are allowed, and no sooner than the per-host delay after the
// browser's previous request to the host.
func (uc *unitCrawler) browserRule() render.AllowFunc {
	var mu sync.Mutex
	next := map[string]time.Time{}
	return func(ctx context.Context, method, raw string) error {
		u, err := url.Parse(raw)
		if err != nil {
			return fmt.Errorf("bad url")
		}
		if !uc.f.hosts.allowsURL(raw) {
			return errors.New("outside the unit's hosts")
		}
		if uc.f.robots != nil {
			ok, _, reason, err := uc.f.robots.allowed(ctx, uc.f, raw)
			if err != nil {
				return err
			}
			if !ok {
				return errors.New(reason)
			}
		}
		if !uc.s.allowPrivate {
			if err := publicHost(ctx, u.Hostname()); err != nil {
				return err
			}
		}
		if uc.s.delay > 0 {
			mu.Lock()
			at := time.Now()
			if n := next[u.Host]; n.After(at) {
				at = n
			}
			next[u.Host] = at.Add(uc.s.delay)
			mu.Unlock()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Until(at)):
			}
		}
		return nil
	}
}

// publicHost refuses a host that is, or resolves to, a loopback, private,
// link-local or reserved address, as the crawler's dialer does.
func publicHost(ctx context.Context, host string) error {
	addrs := []netip.Addr{}
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = append(addrs, a)
	} else {
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return fmt.Errorf("resolve %s: %w", host, err)
		}
		addrs = ips
	}
	for _, a := range addrs {
		a = a.Unmap()
		if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
			a.IsUnspecified() || a.IsMulticast() || a.IsInterfaceLocalMulticast() || isSharedOrReserved(a) {
			return fmt.Errorf("%s: %w", host, errPrivateAddress)
		}
	}
	return nil
}
