package audit

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// GenerateKey returns a new Ed25519 key pair for signing checkpoints.
func GenerateKey() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	return ed25519.GenerateKey(rand.Reader)
}

// KeyID names a public key: the first 8 bytes, in hex, of its SHA-256.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// MarshalPrivateKey encodes a private key as PKCS #8 PEM ("PRIVATE KEY"),
// which OpenSSL reads too.
func MarshalPrivateKey(priv ed25519.PrivateKey) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		panic(err) // an Ed25519 key always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// MarshalPublicKey encodes a public key as PKIX PEM ("PUBLIC KEY").
func MarshalPublicKey(pub ed25519.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic(err) // an Ed25519 key always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// ParsePrivateKey reads a PKCS #8 PEM Ed25519 private key.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM private key")
	}
	return asEd25519[ed25519.PrivateKey](x509.ParsePKCS8PrivateKey(block.Bytes))
}

// ParsePublicKey reads an Ed25519 public key: PKIX PEM, or the raw 32 bytes
// in base64 as exports carry it.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	const notKey = "not a PEM or base64 Ed25519 public key"
	block, _ := pem.Decode(data)
	if block != nil && block.Type != "PUBLIC KEY" {
		return nil, fmt.Errorf("%s (a PEM %s)", notKey, block.Type)
	}
	if block == nil {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, errors.New(notKey)
		}
		return ed25519.PublicKey(raw), nil
	}
	return asEd25519[ed25519.PublicKey](x509.ParsePKIXPublicKey(block.Bytes))
}

// asEd25519 returns a parsed key as the Ed25519 key type K.
func asEd25519[K any](key any, err error) (K, error) {
	k, ok := key.(K)
	if err == nil && !ok {
		err = fmt.Errorf("a %T, not an Ed25519 key", key)
	}
	return k, err
}
