package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"sojourn/audit"
)

// auditKeygen writes a new private key (readable by its owner only, never
// over an existing file) and prints the public key, which auditors keep to
// verify exports.
func auditKeygen(_ context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("audit keygen", flag.ContinueOnError)
	file := fs.String("out", "", "file to write the private key to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("usage: sojourn audit keygen --out FILE")
	}
	pub, priv, err := audit.GenerateKey()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(*file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(audit.MarshalPrivateKey(priv)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "private key written to %s (key id %s); keep it secret.\n", *file, audit.KeyID(pub))
	fmt.Fprintf(out, "public key, for verifying exports (sojourn audit verify --key):\n%s", audit.MarshalPublicKey(pub))
	return nil
}
