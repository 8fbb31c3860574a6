// Package clientip finds the address of the client behind trusted reverse
// proxies: forwarding headers (Forwarded, X-Forwarded-For) are believed
// only when the connection comes from a network named trusted, and then
// only as far back as the first hop that is not itself trusted.
package clientip

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Trusted is the set of networks whose forwarding headers are believed.
type Trusted []netip.Prefix

// Parse reads a comma-separated list of CIDRs (a bare address is one
// host); "" trusts no one.
func Parse(list string) (Trusted, error) {
	var t Trusted
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("trusted proxies: %q is neither a CIDR nor an address", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		t = append(t, p.Masked())
	}
	return t, nil
}

// contains reports whether a is in one of the trusted networks.
func (t Trusted) contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client returns the client's address (no port) and whether the request
// came through a trusted proxy. From an untrusted peer, that peer is the
// client and its headers are ignored. From a trusted one, the forwarded
// chain (Forwarded if present, else X-Forwarded-For) is read from the
// right: the first address not trusted is the client; an entry that is no
// address stops the walk at the hop that passed it on; a chain of trusted
// hops only gives its left-most.
func (t Trusted) Client(r *http.Request) (string, bool) {
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr, false
	}
	if !t.contains(peer) {
		return peer.String(), false
	}
	client := peer
	chain := forwardedFor(r.Header)
	for i := len(chain) - 1; i >= 0 && t.contains(client); i-- {
		a, ok := parseAddr(chain[i])
		if !ok {
			break
		}
		client = a.Unmap()
	}
	return client.String(), true
}

// parseAddr reads an address with or without a port, IPv6 in brackets or
// not.
func parseAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	return a.Unmap(), err == nil
}
