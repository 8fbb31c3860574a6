package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sojourn/audit"
	"sojourn/store/storetest"
)

// witnessedDB returns auditedDB's database with two more checkpoints, both
// also written to a witness file, and more entries about person 1 between
// them, so that the newest witnessed checkpoint covers entries the one
// before does not. It returns the witness file and the key files.
func witnessedDB(t *testing.T, dialect string) (db, pub, priv, witness string) {
	db, pub = auditedDB(t, dialect)
	priv = filepath.Join(filepath.Dir(pub), "audit.pem")
	witness = filepath.Join(t.TempDir(), "witness.jsonl")
	cli := func(args ...string) string { t.Helper(); return mustCLI(t, args...) }
	cli("audit", "checkpoint", "--db", db, "--audit-key", priv, "--audit-witness", witness)
	clerk := lastWord.FindStringSubmatch(cli("user", "add", "--db", db, "--name", "clerk2", "--role", "clerk", "--authority", "VRD"))[1]
	changeOverHTTP(t, db, "", func(call func(token, path string, body any)) {
		for i := range 3 {
			call(clerk, "/api/v1/persons/1/documents", map[string]any{"kind": "passport", "number": fmt.Sprint("Q", i),
				"issuing_state": "CS", "valid_from": "1930-01-01"})
		}
	})
	cli("audit", "checkpoint", "--db", db, "--audit-key", priv, "--audit-witness", witness)
	return db, pub, priv, witness
}

// witnessedHeads returns the head of chain in each checkpoint the witness
// file holds, in order.
func witnessedHeads(t *testing.T, witness string, chain int) []audit.Head {
	f, err := os.Open(witness)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cps, err := audit.ReadWitness(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Head
	for _, c := range cps {
		out = append(out, c.Heads[chain])
	}
	return out
}

// TestAuditWitnessCatchesCutAndRewrittenLogs does the attacks of issue 9
// point 9 on the raw rows of both databases: verification with the
// witness fails naming the entry, where without it the log passed.
func TestAuditWitnessCatchesCutAndRewrittenLogs(t *testing.T) {
	chain := audit.ChainOf("person/1")
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			t.Run("newest entries and their checkpoint deleted", func(t *testing.T) {
				t.Parallel()
				db, pub, priv, witness := witnessedDB(t, dialect)
				heads := witnessedHeads(t, witness, chain) // checkpoints 2 and 3
				if len(heads) != 2 || heads[1].Seq <= heads[0].Seq {
					t.Fatalf("witnessed heads of chain %d: %+v", chain, heads)
				}
				var stmts []string
				for seq := heads[0].Seq + 1; seq <= heads[1].Seq; seq++ {
					stmts = append(stmts, fmt.Sprintf("DELETE FROM audit_log WHERE chain = %d AND seq = %d", chain, seq))
				}
				stmts = append(stmts, "DELETE FROM audit_checkpoints WHERE seq = 3",
					fmt.Sprintf("UPDATE audit_heads SET seq = %d, hash = '%s' WHERE chain = %d", heads[0].Seq, heads[0].Hash, chain))
				rawSQL(t, dialect, db, stmts...)

				if out, err := exportAndVerify(t, db, pub); err != nil {
					t.Fatalf("without the witness the cut log passes (what the witness is for): %q, %v", out, err)
				}
				want := fmt.Sprintf("chain %d entry %d: missing: the chain ends at entry %d but witnessed checkpoint 3 covers it up to entry %d",
					chain, heads[0].Seq+1, heads[0].Seq, heads[1].Seq)
				wantFailure(t, want, verifyWith(t, db, "--key", pub, "--witness", witness))
				wantFailure(t, want, runCLIErr(t, "audit", "verify", "--db", db, "--key", pub, "--witness", witness))
				// the next checkpoint is numbered 3 again: the witness refuses it at once
				wantFailure(t, "refuses checkpoint 3: it holds checkpoint 3 already",
					runCLIErr(t, "audit", "checkpoint", "--db", db, "--audit-key", priv, "--audit-witness", witness))
			})
			t.Run("every checkpoint deleted and a chain re-hashed", func(t *testing.T) {
				t.Parallel()
				db, pub, _, witness := witnessedDB(t, dialect)
				rawSQL(t, dialect, db, "DELETE FROM audit_checkpoints WHERE seq = 1", "DELETE FROM audit_checkpoints WHERE seq = 2",
					"DELETE FROM audit_checkpoints WHERE seq = 3")
				rehashChain(t, dialect, db, chain, 2, "mallory")
				head := witnessedHeads(t, witness, chain)[0] // of checkpoint 2, the oldest witnessed
				if out, err := exportAndVerify(t, db, pub); err != nil {
					t.Fatalf("without the witness the re-hashed log passes, even with --key: %q, %v", out, err)
				}
				want := fmt.Sprintf("chain %d entry %d: differs from witnessed checkpoint 2 (changed and re-hashed)", chain, head.Seq)
				wantFailure(t, want, verifyWith(t, db, "--key", pub, "--witness", witness))
				wantFailure(t, want, runCLIErr(t, "audit", "verify", "--db", db, "--key", pub, "--witness", witness))
			})
			t.Run("intact", func(t *testing.T) {
				t.Parallel()
				db, pub, _, witness := witnessedDB(t, dialect)
				if err := verifyWith(t, db, "--key", pub, "--witness", witness); err != nil {
					t.Fatal(err)
				}
				out, err := runCLI(t, "audit", "verify", "--db", db, "--key", pub, "--witness", witness)
				if err != nil || !strings.Contains(out, "the log extends all 2 witnessed checkpoints") || !strings.Contains(out, "rows match their audited digests") {
					t.Fatalf("verify --db: %q, %v", out, err)
				}
			})
		})
	}
}

// TestAuditVerifyDBNamesChangedRows edits a document behind Sojourn's
// back: `sojourn audit verify --db` fails naming the row.
func TestAuditVerifyDBNamesChangedRows(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			db, pub := auditedDB(t, dialect)
			rawSQL(t, dialect, db, "UPDATE documents SET number = 'FORGED' WHERE id = 2")
			wantFailure(t, "documents row 2: differs from its audited digest", runCLIErr(t, "audit", "verify", "--db", db, "--key", pub))
			if _, err := exportAndVerify(t, db, pub); err != nil {
				t.Fatalf("the export alone does not read business rows: %v", err)
			}
		})
	}
}

// TestAuditSealVouchesForRowsWrittenBeforeRowDigests: a row no entry
// digests (as after upgrading to schema 7) fails verify --db until
// `sojourn audit seal` has the log vouch for it, in an audited entry.
func TestAuditSealVouchesForRowsWrittenBeforeRowDigests(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			db, pub := auditedDB(t, dialect)
			rawSQL(t, dialect, db, "INSERT INTO persons (id, authority, names, birth_date, country, created_at) VALUES (77, 'VRD', '[]', '1900-01-01', 'CS', 0)")
			wantFailure(t, "persons row 77: has no audit entry", runCLIErr(t, "audit", "verify", "--db", db, "--key", pub))
			if out := mustCLI(t, "audit", "seal", "--db", db); out != "sealed 1 rows that no audit entry digested yet\n" {
				t.Fatalf("seal: %q", out)
			}
			if out := mustCLI(t, "audit", "verify", "--db", db, "--key", pub); !strings.HasPrefix(out, "OK: ") {
				t.Fatalf("verify after sealing: %q", out)
			}
			if out := mustCLI(t, "audit", "seal", "--db", db); !strings.HasPrefix(out, "sealed 0 rows") {
				t.Fatalf("second seal: %q", out)
			}
			if export := mustCLI(t, "audit", "export", "--db", db); !strings.Contains(export, `"action":"audit.seal","object":"table/persons"`) {
				t.Fatal("the export holds no audit.seal entry")
			}
		})
	}
}

// verifyWith exports the log and verifies the export with more arguments.
func verifyWith(t *testing.T, db string, args ...string) error {
	file := filepath.Join(t.TempDir(), "audit.jsonl")
	if out, err := runCLI(t, "audit", "export", "--db", db, "--out", file); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	_, err := runCLI(t, append([]string{"audit", "verify", file}, args...)...)
	return err
}

func runCLIErr(t *testing.T, args ...string) error {
	_, err := runCLI(t, args...)
	return err
}

func wantFailure(t *testing.T, want string, err error) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want a failure saying %q", err, want)
	}
}

// rehashChain changes the actor of an entry and re-seals its chain from
// there, heads included, as someone holding the database but not the
// signing key could.
func rehashChain(t *testing.T, dialect, db string, chain int, from int64, actor string) {
	raw := rawDB(t, dialect, db)
	defer raw.Close()
	rows, err := raw.Query(fmt.Sprintf(`SELECT seq, at, actor, action, object, digest, row_digests, prev_hash, hash
		FROM audit_log WHERE chain = %d ORDER BY seq`, chain))
	if err != nil {
		t.Fatal(err)
	}
	var entries []audit.Entry
	for rows.Next() {
		e := audit.Entry{Chain: chain}
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Object, &e.Digest, &e.Rows, &e.PrevHash, &e.Hash); err != nil {
			t.Fatal(err)
		}
		e.At = time.UnixMicro(at).UTC()
		entries = append(entries, e)
	}
	rows.Close()
	var stmts []string
	for i := range entries {
		e := &entries[i]
		if e.Seq < from {
			continue
		}
		if e.Seq == from {
			e.Actor = actor
		}
		e.PrevHash = entries[i-1].Hash
		e.Hash = e.ComputeHash()
		stmts = append(stmts, fmt.Sprintf("UPDATE audit_log SET actor = '%s', prev_hash = '%s', hash = '%s' WHERE chain = %d AND seq = %d",
			e.Actor, e.PrevHash, e.Hash, chain, e.Seq))
	}
	last := entries[len(entries)-1]
	stmts = append(stmts, fmt.Sprintf("UPDATE audit_heads SET hash = '%s' WHERE chain = %d", last.Hash, chain))
	rawSQL(t, dialect, db, stmts...)
}
