package crawl

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// errPrivateAddress refuses a connection to an address no real unit's site
// lives at. It is enforced on the address actually dialled, so a public
// host name that resolves to 127.0.0.1 is refused as well.
var errPrivateAddress = errors.New("address is loopback, private or link-local")

// publicOnly is a net.Dialer Control function that refuses non-public
// addresses.
func publicOnly(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	a := ap.Addr().Unmap()
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsUnspecified() || a.IsMulticast() || a.IsInterfaceLocalMulticast() || isSharedOrReserved(a) {
		return fmt.Errorf("dial %s: %w", address, errPrivateAddress)
	}
	return nil
}

// isSharedOrReserved covers ranges netip has no predicate for: carrier-grade
// NAT (100.64/10) and 0/8.
func isSharedOrReserved(a netip.Addr) bool {
	for _, p := range reservedPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

var reservedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("0.0.0.0/8"),
}

// newTransport is the HTTP transport of a run: a dialer that refuses
// private addresses unless allowed, and enough idle connections per host
// for the configured parallelism.
func newTransport(s settings) http.RoundTripper {
	d := &net.Dialer{Timeout: s.timeout, KeepAlive: 30 * time.Second}
	if !s.allowPrivate {
		d.Control = publicOnly
	}
	return &http.Transport{
		DialContext:           d.DialContext,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   s.parallelism + 1,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   s.timeout,
		ResponseHeaderTimeout: s.timeout,
		ForceAttemptHTTP2:     true,
	}
}
