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

func init() {
	commands["audit"] = command{"audit log: audit keygen | checkpoint | export | verify FILE", auditCmd}
}

const auditUsage = `usage:
  sojourn audit keygen --out FILE                  make a checkpoint signing key (prints the public key)
  sojourn audit checkpoint [--db] [--audit-key F]  sign and store a checkpoint of every chain head
  sojourn audit export [--db] [--out FILE]         write the log and its checkpoints as JSON Lines
  sojourn audit verify FILE [--key PUBFILE]…       check an export offline`

var auditCommands = map[string]func(ctx context.Context, args []string, out io.Writer) error{
	"keygen": auditKeygen, "checkpoint": auditCheckpoint, "export": auditExport, "verify": auditVerify,
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
