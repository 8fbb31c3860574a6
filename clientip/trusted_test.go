package clientip

import (
	"net/http"
	"testing"
)

// TestClient: headers count only from a trusted peer, and then only back
// to the first untrusted hop (the right-most untrusted address).
func TestClient(t *testing.T) {
	trusted, err := Parse("10.0.0.0/8, 192.0.2.7, ::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		peer    string
		headers map[string]string
		want    string
		via     bool
	}{
		{"203.0.113.5:4000", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "203.0.113.5", false},
		{"10.1.2.3:4000", nil, "10.1.2.3", true},
		{"10.1.2.3:4000", map[string]string{"X-Forwarded-For": "198.51.100.1"}, "198.51.100.1", true},
		{"10.1.2.3:4000", map[string]string{"X-Forwarded-For": "6.6.6.6, 198.51.100.1, 10.9.9.9"}, "198.51.100.1", true},
		{"192.0.2.7:1", map[string]string{"X-Forwarded-For": "garbage, 198.51.100.1"}, "198.51.100.1", true},
		{"192.0.2.7:1", map[string]string{"X-Forwarded-For": "198.51.100.1, garbage"}, "192.0.2.7", true},
		{"[::1]:80", map[string]string{"Forwarded": `for="[2001:db8::1]:443";proto=https, for=10.0.0.1`,
			"X-Forwarded-For": "6.6.6.6"}, "2001:db8::1", true},
		{"[::1]:80", map[string]string{"Forwarded": "for=_hidden"}, "::1", true},
		{"10.0.0.1:80", map[string]string{"X-Forwarded-For": "10.0.0.2"}, "10.0.0.2", true},
	} {
		r := &http.Request{RemoteAddr: tc.peer, Header: http.Header{}}
		for k, v := range tc.headers {
			r.Header.Set(k, v)
		}
		if got, via := trusted.Client(r); got != tc.want || via != tc.via {
			t.Errorf("%s %v: client %s (via proxy %v), want %s (%v)", tc.peer, tc.headers, got, via, tc.want, tc.via)
		}
	}
	if _, err := Parse("10.0.0.0/8,not-a-network"); err == nil {
		t.Error("a bad CIDR was accepted")
	}
}
