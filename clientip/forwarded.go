package clientip

import (
	"net/http"
	"strings"
)

// forwardedFor returns the forwarded chain, client first: the for=
// parameters of Forwarded (RFC 7239) when the header is present, else the
// addresses of X-Forwarded-For. Every header line counts, in order.
func forwardedFor(h http.Header) []string {
	if lines := h.Values("Forwarded"); len(lines) > 0 {
		var chain []string
		for _, line := range lines {
			for _, elem := range strings.Split(line, ",") {
				chain = append(chain, forParam(elem))
			}
		}
		return chain
	}
	var chain []string
	for _, line := range h.Values("X-Forwarded-For") {
		chain = append(chain, strings.Split(line, ",")...)
	}
	return chain
}

// forParam returns the for= value of one Forwarded element, unquoted, or
// "" when it has none (which stops the walk: the hop is unknown).
func forParam(elem string) string {
	for _, pair := range strings.Split(elem, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && strings.EqualFold(k, "for") {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}
