package main

import (
	"errors"
	"flag"
	"net"
	"net/http"

	"sojourn/clientip"
)

// netConfig is how serve meets the network: behind which proxies, and
// with which certificate when it speaks TLS itself.
type netConfig struct {
	trusted         clientip.Trusted
	tlsCert, tlsKey string
}

// netFlags adds --trusted-proxies, --tls-cert and --tls-key; the returned
// function checks and reads them once the flags are parsed.
func netFlags(fs *flag.FlagSet, c *netConfig) func() error {
	proxies := fs.String("trusted-proxies", envOr("SOJOURN_TRUSTED_PROXIES", ""),
		"comma-separated CIDRs of reverse proxies whose X-Forwarded-For, Forwarded and X-Request-Id headers are believed; from others they are ignored [SOJOURN_TRUSTED_PROXIES]")
	fs.StringVar(&c.tlsCert, "tls-cert", envOr("SOJOURN_TLS_CERT", ""), "serve HTTPS with this PEM certificate (chain) file; needs --tls-key [SOJOURN_TLS_CERT]")
	fs.StringVar(&c.tlsKey, "tls-key", envOr("SOJOURN_TLS_KEY", ""), "the PEM private key of --tls-cert [SOJOURN_TLS_KEY]")
	return func() (err error) {
		if (c.tlsCert == "") != (c.tlsKey == "") {
			return errors.New("--tls-cert and --tls-key go together")
		}
		c.trusted, err = clientip.Parse(*proxies)
		return err
	}
}

// scheme is the URL scheme served.
func (c netConfig) scheme() string {
	if c.tlsCert != "" {
		return "https"
	}
	return "http"
}

// serveOn serves srv on ln, over TLS when a certificate is configured.
func (c netConfig) serveOn(srv *http.Server, ln net.Listener) error {
	if c.tlsCert != "" {
		return srv.ServeTLS(ln, c.tlsCert, c.tlsKey)
	}
	return srv.Serve(ln)
}
