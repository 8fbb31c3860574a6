package e2e

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sojourn/api"
	"sojourn/clientip"
	"sojourn/service"
	"sojourn/store/storetest"
)

// proxyAddr is the address the test's reverse proxy connects from, the
// one peer the server trusts. Clients connect from other loopback
// addresses (127.0.1.n), so each is a distinct client address.
const proxyAddr = "127.0.0.2"

// proxied is a server behind a Go reverse proxy that sets X-Forwarded-For
// from its own peer, as an edge proxy does (the client's header is
// dropped).
type proxied struct {
	*server
	front string // the proxy's URL
}

// behindProxy starts the proxied server; tune adjusts the API's
// configuration further.
func behindProxy(t *testing.T, dialect string, tune func(*api.Config)) proxied {
	trusted, err := clientip.Parse(proxyAddr + "/32")
	if err != nil {
		t.Fatal(err)
	}
	s := newServerAPI(t, dialect, service.Config{}, -1, func(c *api.Config) {
		c.TrustedProxies = trusted
		tune(c)
	})
	backend, err := url.Parse(s.url)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(backend)
			pr.SetXForwarded()
		},
		Transport: &http.Transport{DialContext: dialFrom(proxyAddr).DialContext},
	}
	front := httptest.NewServer(rp)
	t.Cleanup(front.Close)
	return proxied{server: s, front: front.URL}
}

// dialFrom is a dialer whose connections come from a local address.
func dialFrom(addr string) *net.Dialer {
	return &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}}
}

// client returns the server as seen by a client at addr: through the
// proxy, or calling the server directly.
func (p proxied) client(t *testing.T, addr string, viaProxy bool) *server {
	c := *p.server.with(t)
	c.client = &http.Client{Transport: &http.Transport{DialContext: dialFrom(addr).DialContext}}
	if viaProxy {
		c.url = p.front
	}
	return &c
}

// TestBehindReverseProxy — behind a real reverse proxy (httputil) the
// server throttles logins per account and client address, read from
// X-Forwarded-For because the proxy is trusted: one client's guesses lock
// only that client out of that account (429, Retry-After, problem+json);
// 20 failed logins by others leave the user with the right password able
// to log in from their own address; and the same header sent by a peer
// that is not trusted is ignored.
func TestBehindReverseProxy(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			p := behindProxy(t, dialect, func(*api.Config) {})
			s := p.server
			s.setupOffice("VRD", "Visa and Registration Department")
			for _, name := range []string{"VRD-officer", "VRD-clerk"} {
				s.must(http.StatusNoContent, s.admin, "PUT", "/api/v1/users/"+name+"/password", map[string]string{"password": "correct horse battery"})
			}
			t.Run("per client", func(t *testing.T) {
				guesser, colleague := p.client(t, "127.0.1.1", true), p.client(t, "127.0.1.2", true)
				for range 5 {
					if _, r := guesser.login("VRD-officer", "wrong password!"); r.Status != http.StatusUnauthorized {
						t.Fatalf("a wrong password: %s", r)
					}
				}
				_, r := guesser.login("VRD-officer", "correct horse battery")
				checkThrottled(t, r)
				if c, r := colleague.login("VRD-officer", "correct horse battery"); c == "" {
					t.Fatalf("the right password from another address: %s", r)
				}
			})
			t.Run("20 failures by others", func(t *testing.T) {
				for i := range 20 {
					other := p.client(t, "127.0.1."+strconv.Itoa(10+i), true)
					if _, r := other.login("VRD-officer", "a mistyped one"); r.Status != http.StatusUnauthorized {
						t.Fatalf("failed login %d by another: %s", i+1, r)
					}
				}
				if c, r := p.client(t, "127.0.1.50", true).login("VRD-officer", "correct horse battery"); c == "" {
					t.Fatalf("after 20 failed logins by others, the user's own: %s", r)
				}
			})
			t.Run("spoofed headers ignored", func(t *testing.T) {
				// a direct caller claims to be 127.0.1.60; its failures count against its own address
				spoofer := p.client(t, "127.0.1.61", false)
				for range 6 {
					spoofer.login("VRD-clerk", "wrong password!", "X-Forwarded-For: 127.0.1.60", "Forwarded: for=127.0.1.60")
				}
				_, r := spoofer.login("VRD-clerk", "correct horse battery")
				checkThrottled(t, r)
				if c, r := p.client(t, "127.0.1.60", true).login("VRD-clerk", "correct horse battery"); c == "" {
					t.Fatalf("the address a spoofer claimed is locked out: %s", r)
				}
				// through the proxy, a client's own X-Forwarded-For is replaced by the proxy
				through := p.client(t, "127.0.1.62", true)
				for range 6 {
					through.login("VRD-clerk", "wrong password!", "X-Forwarded-For: 127.0.1.63")
				}
				if c, r := p.client(t, "127.0.1.63", true).login("VRD-clerk", "correct horse battery"); c == "" {
					t.Fatalf("a header sent through the proxy was believed: %s", r)
				}
			})
		})
	}
}

// checkThrottled checks a throttled login's answer: 429, a Retry-After
// within the window, and a problem document that says why.
func checkThrottled(t *testing.T, r response) {
	t.Helper()
	wait, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if r.Status != http.StatusTooManyRequests || err != nil || wait < 1 || wait > 15*60 ||
		r.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(r.JSON()["detail"].(string), "from this address") {
		t.Fatalf("a throttled login answered %s (Retry-After %q)", r, r.Header.Get("Retry-After"))
	}
}
