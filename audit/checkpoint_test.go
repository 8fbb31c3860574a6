package audit

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"
)

// headsOf returns the heads of a verified log, one per chain.
func headsOf(t testing.TB, entries []Entry) []Head {
	rep, err := Verify(entries)
	if err != nil {
		t.Fatal(err)
	}
	heads := make([]Head, Chains)
	for c := range heads {
		heads[c] = Head{Chain: c, Hash: Genesis}
		if e, ok := rep.Heads[c]; ok {
			heads[c] = Head{Chain: c, Seq: e.Seq, Hash: e.Hash}
		}
	}
	return heads
}

func mustKey(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	pub, priv, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func TestCheckpointSignAndVerify(t *testing.T) {
	pub, priv := mustKey(t)
	otherPub, _ := mustKey(t)
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	c, err := Sign(1, headsOf(t, chainOf(40)), at, priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Verify(pub); err != nil {
		t.Fatalf("fresh checkpoint: %v", err)
	}
	if c.KeyID != KeyID(pub) || len(c.KeyID) != 16 {
		t.Errorf("key id = %q", c.KeyID)
	}
	for _, tc := range []struct {
		name   string
		tamper func(*Checkpoint)
		pub    ed25519.PublicKey
		want   string
	}{
		{"head changed", func(c *Checkpoint) { c.Heads[3].Seq++ }, pub, "root does not match"},
		{"head changed and root recomputed", func(c *Checkpoint) { c.Heads[3].Seq++; c.Root = MerkleRoot(c.Heads) }, pub, "bad signature"},
		{"time changed", func(c *Checkpoint) { c.At = c.At.Add(time.Second) }, pub, "bad signature"},
		{"sequence changed", func(c *Checkpoint) { c.Seq = 7 }, pub, "bad signature"},
		{"heads missing", func(c *Checkpoint) { c.Heads = c.Heads[:15] }, pub, "15 chain heads"},
		{"heads out of order", func(c *Checkpoint) { c.Heads[0], c.Heads[1] = c.Heads[1], c.Heads[0] }, pub, "head 0 is of chain 1"},
		{"other key", func(*Checkpoint) {}, otherPub, "signed by key"},
		{"signature not base64", func(c *Checkpoint) { c.Signature = "!" }, pub, "bad signature"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cc := c
			cc.Heads = append([]Head(nil), c.Heads...)
			tc.tamper(&cc)
			if err := cc.Verify(tc.pub); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestMerkleRootCommitsToEveryHead(t *testing.T) {
	heads := headsOf(t, chainOf(40))
	root := MerkleRoot(heads)
	seen := map[string]bool{root: true}
	for i := range heads {
		changed := append([]Head(nil), heads...)
		changed[i].Hash = strings.Repeat("f", 64)
		r := MerkleRoot(changed)
		if seen[r] {
			t.Fatalf("changing head %d did not change the root", i)
		}
		seen[r] = true
	}
	if MerkleRoot(heads[:1]) == MerkleRoot(heads[:2]) || MerkleRoot(nil) == "" {
		t.Error("roots of different lengths collide")
	}
}

func TestKeysRoundTrip(t *testing.T) {
	pub, priv := mustKey(t)
	gotPriv, err := ParsePrivateKey(MarshalPrivateKey(priv))
	if err != nil || !gotPriv.Equal(priv) {
		t.Fatalf("private key: %v", err)
	}
	gotPub, err := ParsePublicKey(MarshalPublicKey(pub))
	if err != nil || !gotPub.Equal(pub) {
		t.Fatalf("public key PEM: %v", err)
	}
	c, _ := Sign(1, headsOf(t, nil), time.Now(), priv)
	gotPub, err = ParsePublicKey([]byte(c.PublicKey + "\n"))
	if err != nil || !gotPub.Equal(pub) {
		t.Fatalf("public key base64: %v", err)
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecPriv, _ := x509.MarshalPKCS8PrivateKey(ec)
	ecPub, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if _, err := ParsePrivateKey(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecPriv})); err == nil ||
		!strings.Contains(err.Error(), "not an Ed25519 key") {
		t.Errorf("ECDSA private key: %v", err)
	}
	if _, err := ParsePublicKey(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecPub})); err == nil ||
		!strings.Contains(err.Error(), "not an Ed25519 key") {
		t.Errorf("ECDSA public key: %v", err)
	}
	for _, bad := range []string{"", "hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"} {
		if _, err := ParsePublicKey([]byte(bad)); err == nil {
			t.Errorf("public key %q accepted", bad)
		}
		if _, err := ParsePrivateKey([]byte(bad)); err == nil {
			t.Errorf("private key %q accepted", bad)
		}
	}
}
