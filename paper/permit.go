package paper

import (
	"bytes"
	"time"

	"github.com/go-pdf/fpdf"

	"sojourn"
)

// Permit is what a permit document says.
type Permit struct {
	Number        string
	AuthorityCode string
	AuthorityName string
	// Holder is the holder's names; those in a script the embedded fonts
	// do not cover are left off.
	Holder    []sojourn.Name
	BirthDate sojourn.Date
	sojourn.Period
	IssuedOn sojourn.Date
	// VerifyURL is the public verification page the QR code holds; ""
	// for a permit issued before verification existed (no code printed).
	VerifyURL string
	// Made stamps the document; the same permit made at the same time is
	// the same bytes.
	Made time.Time
}

// qrSide is the printed size of the QR code in mm.
const qrSide = 42

// PermitPDF renders the permit on one A5 page: the holder's names in each
// script, number, validity, issuing authority and the QR code of the
// verification page.
func PermitPDF(p Permit) ([]byte, error) {
	s := newSheet("A5", "Residence permit "+p.Number, p.Made)
	s.text(10, p.AuthorityName+" ("+p.AuthorityCode+")")
	s.gap(2)
	s.text(18, "Residence permit")
	s.text(14, "No. "+p.Number)
	s.gap(4)
	s.text(9, "Holder")
	for _, n := range p.Holder {
		if printable(n.Full()) {
			s.text(13, n.Family+", "+n.Given)
		}
	}
	s.gap(2)
	s.field(10, "Date of birth", p.BirthDate.String())
	s.field(10, "Valid from", p.ValidFrom.String())
	s.field(10, "Valid until", p.ValidTo.String())
	s.field(10, "Issued on", p.IssuedOn.String())
	s.field(10, "Issuing authority", p.AuthorityName)
	if p.VerifyURL == "" {
		s.gap(4)
		s.text(8, "This permit was issued before verification codes; ask the issuing authority to confirm it.")
		return s.bytes()
	}
	png, err := QRCode(p.VerifyURL)
	if err != nil {
		return nil, err
	}
	s.pdf.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	w, h := s.pdf.GetPageSize()
	x, y := w-14-qrSide, h-14-qrSide-10
	s.pdf.ImageOptions("qr", x, y, qrSide, qrSide, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	s.pdf.SetXY(14, y+qrSide+1)
	s.text(7, "Check this permit: "+p.VerifyURL)
	return s.bytes()
}
