package api

import (
	"net"
	"net/http"

	"sojourn/clientip"
)

// clientAddress puts the client's address in the request's RemoteAddr,
// read from the forwarding headers when the peer is a trusted proxy (and
// only then), so that every later step (login throttling, rate limits,
// the log) sees the client rather than the proxy.
func clientAddress(next http.Handler, trusted clientip.Trusted) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if client, via := trusted.Client(r); via {
			r = r.Clone(r.Context())
			r.RemoteAddr = net.JoinHostPort(client, "0")
		}
		next.ServeHTTP(w, r)
	})
}
