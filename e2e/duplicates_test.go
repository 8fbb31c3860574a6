package e2e

import (
	"net/http"
	"testing"
	"time"

	"sojourn"
)

// awaitScan polls a duplicate scan until it has finished and returns it.
func (s *server) awaitScan(token, loc string) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		scan := s.must(http.StatusOK, token, "GET", loc, nil).JSON()
		if scan["state"] == "done" || scan["state"] == "failed" {
			return scan
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("duplicate scan %s did not finish", loc)
	return nil
}

// pairsOf returns the person id pairs of a scan's page.
func pairsOf(scan map[string]any) [][2]int64 {
	var out [][2]int64
	for _, f := range scan["found"].([]any) {
		m := f.(map[string]any)
		out = append(out, [2]int64{int64(m["person_id"].(float64)), int64(m["other_id"].(float64))})
	}
	return out
}

// TestDuplicateScan — a scan of the register on the job queue lists the
// pairs of persons likely registered twice across scripts, each once,
// with the score, the reasons and both files, paged, within the
// authority of whoever reads it; clerks cannot scan, another authority's
// officer does not see the scan, an administrator's scan covers everyone.
func TestDuplicateScan(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		oth := s.setupOffice("OTH", "Another department")
		reg := func(o office, script, family, given, born string) int64 {
			return id(s.registerName(o.clerk, o.code, script, family, given, born, "KP", true).JSON())
		}
		pakCyr := reg(vrd, "Cyrillic", "Пак", "Ен Ир", "1962-03-04")
		pakLat := reg(vrd, "Latin", "Pak", "Yong Il", "1962-03-04")
		reg(vrd, "Latin", "Choi", "Seong-Ho", "1980-01-02")
		kimHan := reg(vrd, "Hangul", "김", "민준", "1975-05-06")
		kimLat := reg(vrd, "Latin", "Kim", "Min Jun", "1975-05-06")
		othA := reg(oth, "Cyrillic", "Ли", "Сон Ми", "1970-09-10")
		othB := reg(oth, "Latin", "Lee", "Song Mi", "1970-09-10")

		if r := s.call(vrd.clerk, "POST", "/api/v1/duplicate-scans", nil); r.Status != http.StatusForbidden {
			t.Fatalf("a clerk started a scan: %s", r)
		}
		before := s.auditCount()
		start := s.must(http.StatusAccepted, vrd.officer, "POST", "/api/v1/duplicate-scans", nil)
		loc := start.Header.Get("Location")
		if loc != path("/api/v1/duplicate-scans/%d", id(start.JSON())) {
			t.Fatalf("Location %q", loc)
		}
		if s.auditCount() != before+1 {
			t.Fatal("starting a scan was not audited")
		}
		scan := s.awaitScan(vrd.officer, loc)
		want := map[[2]int64]bool{{pakCyr, pakLat}: true, {kimHan, kimLat}: true}
		got := pairsOf(scan)
		if scan["state"] != "done" || scan["pairs"] != float64(len(want)) || len(got) != len(want) {
			t.Fatalf("scan = %v", scan)
		}
		for i, p := range got {
			f := scan["found"].([]any)[i].(map[string]any)
			if !want[p] || f["score"].(float64) < 0.5 || len(f["reasons"].([]any)) == 0 ||
				int64(f["person"].(map[string]any)["id"].(float64)) != p[0] || int64(f["other"].(map[string]any)["id"].(float64)) != p[1] {
				t.Fatalf("pair %d: %v", i, f)
			}
		}
		first := s.must(http.StatusOK, vrd.officer, "GET", loc+"?limit=1", nil).JSON()
		next := s.must(http.StatusOK, vrd.officer, "GET", path("%s?limit=1&after=%d", loc, id(first["found"].([]any)[0].(map[string]any))), nil).JSON()
		if a, b := pairsOf(first), pairsOf(next); len(a) != 1 || len(b) != 1 || a[0] != got[0] || b[0] != got[1] {
			t.Fatalf("paging: %v then %v", a, b)
		}
		if r := s.call(oth.officer, "GET", loc, nil); r.Status != http.StatusNotFound {
			t.Fatalf("another authority's officer read the scan: %s", r)
		}
		for _, bad := range []string{loc + "?limit=501", loc + "?after=-1", "/api/v1/duplicate-scans/x", "/api/v1/duplicate-scans/0"} {
			expectProblem(t, bad, s.malformed().call(vrd.officer, "GET", bad, nil))
		}
		if r := s.call(vrd.officer, "GET", "/api/v1/duplicate-scans/999999", nil); r.Status != http.StatusNotFound {
			t.Fatalf("an unknown scan: %s", r)
		}

		admin := s.user("root", sojourn.RoleAdmin, "", sojourn.TopSecret)
		all := s.awaitScan(admin, s.must(http.StatusAccepted, admin, "POST", "/api/v1/duplicate-scans", nil).Header.Get("Location"))
		want[[2]int64{othA, othB}] = true
		if got := pairsOf(all); len(got) != len(want) || !want[got[0]] || !want[got[1]] || !want[got[2]] {
			t.Fatalf("the administrator's scan found %v, want %v", got, want)
		}
		// the officer reads the administrator's scan: only the pairs of VRD
		if r := s.call(vrd.officer, "GET", path("/api/v1/duplicate-scans/%d", id(all)), nil); r.Status != http.StatusNotFound {
			t.Fatalf("an officer read a scan of every authority: %s", r)
		}
	})
}
