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
	"sojourn/witness"
)

func init() {
	commands["audit"] = command{"audit log: audit keygen | checkpoint | export | verify FILE", auditCmd}
}

const auditUsage = `usage:
  sojourn audit keygen --out FILE                  make a checkpoint signing key (prints the public key)
  sojourn audit checkpoint [--db] [--audit-key F] [--audit-witness W]
                                                   sign and store a checkpoint of every chain head (and witness it)
  sojourn audit export [--db] [--out FILE]         write the log and its checkpoints as JSON Lines
  sojourn audit seal [--db]                        digest rows no audit entry digests yet (once, after upgrading)
  sojourn audit verify FILE [--key PUBFILE]… [--witness WFILE]
                                                   check an export offline (against a witness file)
  sojourn audit verify --db DB [--key PUBFILE]… [--witness WFILE]
                                                   check the stored log and every business row against it`

var auditCommands = map[string]func(ctx context.Context, args []string, out io.Writer) error{
	"keygen": auditKeygen, "checkpoint": auditCheckpoint, "export": auditExport, "verify": auditVerify, "seal": auditSeal,
}

func auditCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || auditCommands[args[0]] == nil {
		return errors.New(auditUsage)
	}
	return auditCommands[args[0]](ctx, args[1:], out)
}

// auditKeyFlag adds --audit-key (default $SOJOURN_AUDIT_KEY) to a flag set.
func auditKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("audit-key", envOr("SOJOURN_AUDIT_KEY", ""),
		"file holding the Ed25519 private key that signs audit checkpoints [SOJOURN_AUDIT_KEY]")
}

// auditWitnessFlag adds --audit-witness (default $SOJOURN_AUDIT_WITNESS)
// to a flag set.
func auditWitnessFlag(fs *flag.FlagSet) *string {
	return fs.String("audit-witness", envOr("SOJOURN_AUDIT_WITNESS", ""),
		"append-only file or http(s) URL that every signed checkpoint is also written to [SOJOURN_AUDIT_WITNESS]")
}

// openWitness opens the witness named by --audit-witness; none for "".
func openWitness(target string) (witness.Witness, error) {
	if target == "" {
		return nil, nil
	}
	return witness.Open(target)
}

// readPrivateKey loads the checkpoint signing key from a file.
func readPrivateKey(path string) ([]byte, error) {
	if path == "" {
		return nil, errors.New("no audit signing key: pass --audit-key FILE or set SOJOURN_AUDIT_KEY (make one with `sojourn audit keygen`)")
	}
	return os.ReadFile(path)
}

// loadAuditKey reads and parses the checkpoint signing key file.
func loadAuditKey(path string) (ed25519.PrivateKey, error) {
	pem, err := readPrivateKey(path)
	if err != nil {
		return nil, err
	}
	key, err := audit.ParsePrivateKey(pem)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}
