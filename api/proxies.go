package api

import (
	"context"
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
			r = r.Clone(context.WithValue(r.Context(), viaProxyKey{}, true))
			r.RemoteAddr = net.JoinHostPort(client, "0")
		}
		next.ServeHTTP(w, r)
	})
}

type viaProxyKey struct{}

// viaTrustedProxy reports whether the request came through a trusted
// reverse proxy, whose other headers (X-Request-Id) may then be believed.
func viaTrustedProxy(ctx context.Context) bool {
	via, _ := ctx.Value(viaProxyKey{}).(bool)
	return via
}
