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
	"sojourn/service"
)

// auditVerify checks the log: an export offline (no database, no network),
// or with --db the stored log and every business row against it. With
// --witness it also checks that the log still extends every checkpoint the
// witness file holds. It names the first failure, e.g. a broken entry as
// "chain C entry S: reason".
func auditVerify(ctx context.Context, args []string, out io.Writer) error {
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
	witnessFile := fs.String("witness", "", "witness file (a copy of what --audit-witness kept): the log must still extend each of its checkpoints")
	db := fs.String("db", "", "verify the stored log of this database, and every business row against it, instead of an export")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 && *db == "" || len(pos) != 0 && *db != "" {
		return errors.New("usage: sojourn audit verify FILE | --db DB [--key PUBFILE]… [--witness WFILE]")
	}
	witnessed, err := readWitnessFile(*witnessFile)
	if err != nil {
		return err
	}
	var rep audit.Report
	if *db != "" {
		rep, err = verifyDB(ctx, *db, service.VerifyOptions{Keys: keys, Witnessed: witnessed})
	} else {
		rep, err = verifyFile(pos[0], keys, witnessed)
	}
	if err != nil {
		return verifyFailure(err)
	}
	fmt.Fprintf(out, "OK: %d entries in %d chains, %d checkpoints verified", rep.Entries, audit.Chains, rep.Checkpoints)
	if *witnessFile != "" {
		fmt.Fprintf(out, ", the log extends all %d witnessed checkpoints", rep.Witnessed)
	}
	if *db != "" {
		fmt.Fprintf(out, ", %d rows match their audited digests", rep.Rows)
	}
	fmt.Fprintln(out)
	if rep.Checkpoints == 0 {
		fmt.Fprintln(out, "note: the log has no checkpoints, so entries removed from the end of a chain would go unseen; take them with `sojourn audit checkpoint`")
	}
	if *witnessFile == "" && rep.Checkpoints > 0 {
		fmt.Fprintln(out, "note: no --witness given, so newest entries removed together with their checkpoints, or a chain re-hashed after removing every checkpoint, would go unseen")
	}
	if len(keys) == 0 && rep.Checkpoints > 0 {
		fmt.Fprintln(out, "note: signatures were checked against the keys the log names; pass --key with a public key you trust")
	}
	return nil
}

// readWitnessFile reads the checkpoints a witness file holds; none for "".
func readWitnessFile(path string) ([]audit.Checkpoint, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--witness: %w", err)
	}
	defer f.Close()
	return audit.ReadWitness(f)
}

// verifyFile checks an export file.
func verifyFile(path string, keys []ed25519.PublicKey, witnessed []audit.Checkpoint) (audit.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return audit.Report{}, err
	}
	defer f.Close()
	return audit.VerifyExport(f, keys, witnessed...)
}

// verifyDB checks the stored log and the business rows, as an auditor.
func verifyDB(ctx context.Context, dsn string, opts service.VerifyOptions) (audit.Report, error) {
	st, err := openStore(ctx, dsn)
	if err != nil {
		return audit.Report{}, err
	}
	defer st.Close()
	return service.New(st, service.DefaultConfig()).VerifyAudit(service.WithActor(ctx, exporter), opts)
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
