package main

import "testing"

// TestPublicURL: --public-url wins; without it the QR codes point to the
// address served on, localhost when it names no host.
func TestPublicURL(t *testing.T) {
	t.Setenv("SOJOURN_PUBLIC_URL", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "http://127.0.0.1:8080"},
		{[]string{"--addr", ":9090"}, "http://localhost:9090"},
		{[]string{"--addr", "0.0.0.0:80"}, "http://localhost:80"},
		{[]string{"--addr", ":9090", "--public-url", "https://permits.example.org"}, "https://permits.example.org"},
	} {
		c, err := serveFlags(tc.args)
		if err != nil || c.publicURL != tc.want {
			t.Errorf("serve %v: public URL %q (%v), want %q", tc.args, c.publicURL, err, tc.want)
		}
	}
}
