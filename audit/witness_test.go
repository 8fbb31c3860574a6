package audit

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestWitnessCatchesCutAndRewrittenLogs does to an export what an attacker
// holding the database can do, and checks that the checkpoints a witness
// holds still show it.
func TestWitnessCatchesCutAndRewrittenLogs(t *testing.T) {
	pub, priv := mustKey(t)
	entries, cps := sortedLog(t, 60, priv)
	var witness bytes.Buffer
	for _, c := range cps {
		witness.Write(WitnessLine(c))
	}
	witnessed, err := ReadWitness(&witness)
	if err != nil || len(witnessed) != 2 {
		t.Fatalf("read witness: %d checkpoints, %v", len(witnessed), err)
	}
	keys := []ed25519.PublicKey{pub}
	if _, err := VerifyExport(bytes.NewReader(export(t, entries, cps)), keys, witnessed...); err != nil {
		t.Fatalf("intact log: %v", err)
	}

	// cut: the newest entry of a chain and the checkpoint that covered it
	last := len(entries) - 1
	cut := append([]Entry{}, entries[:last]...)
	if _, err := VerifyExport(bytes.NewReader(export(t, cut, cps[:1])), keys); err != nil {
		t.Fatalf("without the witness the cut log passes, as before: %v", err)
	}
	_, err = VerifyExport(bytes.NewReader(export(t, cut, cps[:1])), keys, witnessed...)
	var b *Break
	if !errors.As(err, &b) || b.Chain != entries[last].Chain || b.Seq != entries[last].Seq ||
		!strings.Contains(b.Reason, "witnessed checkpoint 2 covers it") {
		t.Fatalf("cut log: %v", err)
	}

	// rewrite: change an entry, re-hash its chain, drop every checkpoint
	rewritten := rehash(entries, 3, func(e *Entry) { e.Actor = "mallory" })
	if _, err := VerifyExport(bytes.NewReader(export(t, rewritten, nil)), keys); err != nil {
		t.Fatalf("without the witness the re-hashed log passes, as before: %v", err)
	}
	_, err = VerifyExport(bytes.NewReader(export(t, rewritten, nil)), keys, witnessed...)
	if !errors.As(err, &b) || b.Chain != entries[3].Chain || !strings.Contains(b.Reason, "differs from witnessed checkpoint 1") {
		t.Fatalf("re-hashed log: %v", err)
	}

	// checkpoints removed, entries kept
	_, err = VerifyExport(bytes.NewReader(export(t, entries, cps[:1])), keys, witnessed...)
	var w *WitnessError
	if !errors.As(err, &w) || w.Seq != 2 || !strings.Contains(w.Reason, "missing from the log") {
		t.Fatalf("checkpoint removed: %v", err)
	}

	// a witness line not signed by a trusted key
	_, other := mustKey(t)
	forged, _ := Sign(3, cps[1].Heads, time.Now(), other)
	_, err = VerifyExport(bytes.NewReader(export(t, entries, cps)), keys, append(witnessed, forged)...)
	if !errors.As(err, &w) || w.Seq != 3 || !strings.Contains(w.Reason, "unknown key") {
		t.Fatalf("forged witness line: %v", err)
	}
}

// rehash applies change to entries[i] and re-seals its chain from there,
// as someone holding the database but not the signing key could.
func rehash(entries []Entry, i int, change func(*Entry)) []Entry {
	out := append([]Entry{}, entries...)
	change(&out[i])
	chain := out[i].Chain
	for j := i; j < len(out); j++ {
		if out[j].Chain != chain {
			continue
		}
		if out[j].Seq > 1 {
			out[j].PrevHash = out[j-1].Hash
		}
		out[j].Hash = out[j].ComputeHash()
	}
	return out
}

func TestReadWitnessRefusesOtherLines(t *testing.T) {
	for _, bad := range []string{"hello\n", "{}\n", `{"seq":1,"colour":"red"}` + "\n"} {
		if _, err := ReadWitness(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "witness line 1") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
