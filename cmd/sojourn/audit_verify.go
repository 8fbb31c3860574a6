package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"sojourn/audit"
)

// auditVerify checks an export offline: no database, no network. It names
// the first broken entry as "chain C entry S: reason".
func auditVerify(_ context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	var keys []ed25519.PublicKey
	fs.Func("key", "file holding a trusted public key (PEM or base64); repeat for keys of earlier checkpoints", func(path string) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pub, err := audit.ParsePublicKey(data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		keys = append(keys, pub)
		return nil
	})
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: sojourn audit verify FILE [--key PUBFILE]…")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := audit.VerifyExport(f, keys)
	if err != nil {
		return verifyFailure(err)
	}
	fmt.Fprintf(out, "OK: %d entries in %d chains, %d checkpoints verified\n", rep.Entries, audit.Chains, rep.Checkpoints)
	if rep.Checkpoints == 0 {
		fmt.Fprintln(out, "note: the export has no checkpoints, so entries removed from the end of a chain would go unseen; take them with `sojourn audit checkpoint`")
	}
	if len(keys) == 0 && rep.Checkpoints > 0 {
		fmt.Fprintln(out, "note: signatures were checked against the keys the export names; pass --key with a public key you trust")
	}
	return nil
}

// verifyFailure words a failed verification: a broken entry by its chain
// and sequence number.
func verifyFailure(err error) error {
	var b *audit.Break
	if errors.As(err, &b) {
		return fmt.Errorf("chain %d entry %d: %s", b.Chain, b.Seq, b.Reason)
	}
	return err
}
