package paper_test

import (
	"strings"
	"testing"
	"time"

	"sojourn"
	"sojourn/paper"
	"sojourn/paper/papertest"
)

// TestPermitPDF renders a permit with names in three scripts and reads it
// back: the text holds every name, and the QR code holds the URL.
func TestPermitPDF(t *testing.T) {
	t.Parallel()
	const url = "https://sojourn.example/verify/abcdefghijklmnopqrstuv"
	doc, err := paper.PermitPDF(paper.Permit{Number: "R-000042", AuthorityCode: "VRD", AuthorityName: "Visa and Registration Department",
		Holder: []sojourn.Name{{Script: "Latin", Family: "Wirth", Given: "Anna"}, {Script: "Cyrillic", Family: "Вирт", Given: "Анна"},
			{Script: "Hangul", Family: "김", Given: "철수"}, {Script: "Han", Family: "金", Given: "哲洙"}},
		BirthDate: sojourn.MustDate("1910-04-03"), Period: sojourn.Period{ValidFrom: sojourn.MustDate("1937-11-10"), ValidTo: sojourn.MustDate("1938-11-09")},
		IssuedOn: sojourn.MustDate("1937-11-10"), VerifyURL: url, Made: time.Date(1937, 11, 10, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	text, err := papertest.Text(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"R-000042", "Wirth", "Anna", "Вирт", "Анна", "김", "철수", "1937-11-10", "1938-11-09", "Visa and Registration Department"} {
		if !strings.Contains(text, want) {
			t.Errorf("the permit's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "哲洙") {
		t.Errorf("a name in a script the fonts lack was printed")
	}
	codes, err := papertest.QRCodes(doc)
	if err != nil || len(codes) != 1 || codes[0] != url {
		t.Fatalf("QR codes = %q, %v; want [%q]", codes, err, url)
	}
	t.Logf("permit: %d bytes", len(doc))
}

// TestPermitPDFWithoutQR: a Latin-only holder (the Hangul font is then
// not embedded) of a permit issued before verification codes.
func TestPermitPDFWithoutQR(t *testing.T) {
	t.Parallel()
	doc, err := paper.PermitPDF(paper.Permit{Number: "R-000007", AuthorityCode: "VRD", AuthorityName: "Visa and Registration Department",
		Holder: []sojourn.Name{{Script: "Latin", Family: "Brenner", Given: "Karl"}}, IssuedOn: sojourn.MustDate("1937-11-10")})
	if err != nil {
		t.Fatal(err)
	}
	text, err := papertest.Text(doc)
	if err != nil || !strings.Contains(text, "Brenner, Karl") || !strings.Contains(text, "before verification codes") {
		t.Fatalf("text %q (%v)", text, err)
	}
	if codes, err := papertest.QRCodes(doc); err != nil || len(codes) != 0 {
		t.Fatalf("QR codes %q (%v) on a permit without a token", codes, err)
	}
}
