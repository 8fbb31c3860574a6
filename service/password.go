package service

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Argon2 holds argon2id parameters for password hashing.
type Argon2 struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultArgon2 follows the OWASP minimum for argon2id: 19 MiB, 2 passes,
// one lane.
func DefaultArgon2() Argon2 { return Argon2{Time: 2, Memory: 19 * 1024, Threads: 1} }

const argonKeyLen = 32

var b64 = base64.RawStdEncoding

// hashPassword returns a PHC-style encoded argon2id hash with a random salt,
// e.g. $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func (p Argon2) hashPassword(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// checkPassword reports whether password matches an encoded hash, using the
// parameters recorded in the hash (so older hashes keep working after the
// configured parameters change).
func checkPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var p Argon2
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || p.Memory > 1<<22 || p.Time > 64 || p.Threads == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHashes holds, per parameter set, the hash of a random password that
// logins for unknown users are checked against.
var dummyHashes sync.Map

// dummyHash returns the dummy hash for the configured parameters.
func (s *Service) dummyHash() string {
	if h, ok := dummyHashes.Load(s.cfg.Argon2); ok {
		return h.(string)
	}
	h, _ := dummyHashes.LoadOrStore(s.cfg.Argon2, s.cfg.Argon2.hashPassword(newSecret("")))
	return h.(string)
}
