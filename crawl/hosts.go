package crawl

import (
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/config"
)

// hostSet is the boundary of a unit: the hosts of its configured URLs and
// its extra hosts. The crawler never requests anything outside it.
type hostSet struct {
	exact map[string]bool // host[:port] as in URLs, lower case
	names map[string]bool // hosts: entries written without a port match any port
}

func unitHosts(u config.Unit) hostSet {
	hs := hostSet{exact: map[string]bool{}, names: map[string]bool{}}
	add := func(raw string) {
		if raw == "" {
			return
		}
		raw = strings.NewReplacer("{page}", "1", "{size}", "20").Replace(raw)
		if p, err := url.Parse(raw); err == nil && p.Host != "" {
			hs.exact[strings.ToLower(p.Host)] = true
		}
	}
	add(u.Home)
	for _, c := range u.Columns {
		add(c.URL)
		add(c.API)
	}
	for _, m := range u.Mailboxes {
		add(m.URL)
	}
	for _, h := range u.Hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if strings.Contains(h, "://") {
			add(h)
			continue
		}
		if strings.Contains(h, ":") {
			hs.exact[h] = true
		} else {
			hs.names[h] = true
		}
	}
	return hs
}

// allows reports whether host (host[:port] from a URL) is inside the set.
func (hs hostSet) allows(host string) bool {
	host = strings.ToLower(host)
	if hs.exact[host] {
		return true
	}
	name := host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		name = host[:i]
	}
	return hs.names[name]
}

// allowsURL reports whether an absolute URL is inside the set.
func (hs hostSet) allowsURL(raw string) bool {
	p, err := url.Parse(raw)
	if err != nil || p.Host == "" {
		return false
	}
	return (p.Scheme == "http" || p.Scheme == "https") && hs.allows(p.Host)
}
