// Package canon gives every URL one canonical spelling, so that the same
// page reached through different links is one item. It is shared by the
// crawler (which records canonical URLs) and the loader (which keys on
// them) and knows nothing else.
package canon

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
)

// trackingParams are query parameters that never change the page served.
var trackingParams = map[string]bool{
	"spm": true, "from": true, "share": true, "isappinstalled": true,
	"timestamp": true, "_": true, "t": true, "fbclid": true, "gclid": true,
}

// URL returns the canonical form of raw: lower-case scheme and host,
// default ports dropped, dot segments resolved, empty path made "/",
// fragment dropped, tracking parameters (utm_*, spm, from, …) dropped and
// the remaining query sorted.
//
// The result canonicalises to itself: a URL whose canonical form would not
// (a host net/url cannot parse back, such as "[:]") is refused.
func URL(raw string) (string, error) {
	c, err := canonical(raw)
	if err != nil {
		return "", err
	}
	again, err := canonical(c)
	if err != nil || again != c {
		return "", fmt.Errorf("canonical url: %q has no stable canonical form", raw)
	}
	return c, nil
}

func canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonical url: %w", err)
	}
	// A host of only a port ("http://:80") has no host at all.
	if !u.IsAbs() || u.Hostname() == "" {
		return "", fmt.Errorf("canonical url: %q is not absolute", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.Fragment = ""
	u.RawFragment = ""
	u.User = nil
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	if uu, err := url.Parse(clean); err == nil {
		u.Path = uu.Path
		u.RawPath = uu.RawPath
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
				delete(q, k)
			}
		}
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			vs := q[k]
			sort.Strings(vs)
			for _, v := range vs {
				if b.Len() > 0 {
					b.WriteByte('&')
				}
				b.WriteString(url.QueryEscape(k))
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
		u.RawQuery = b.String()
	}
	u.ForceQuery = false
	return u.String(), nil
}

// Resolve resolves ref against base and returns the canonical result.
func Resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("canonical url: %w", err)
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", fmt.Errorf("canonical url: %w", err)
	}
	return URL(b.ResolveReference(r).String())
}
