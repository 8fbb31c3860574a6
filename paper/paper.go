// Package paper renders Sojourn's documents as PDF: the residence permit a
// grant issues (with the QR code of its public verification page) and the
// letter that notifies a decision. It is pure: it takes what a document
// says and returns its bytes, with its fonts embedded (fonts.go).
package paper

import (
	"bytes"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
)

// sheet is a document being written: one font size at a time, text in
// runs of one font each, so a line may mix scripts. A font is embedded
// only once the document uses it (parsing one costs more than the rest
// of a permit).
type sheet struct {
	pdf   *fpdf.Fpdf
	fonts map[string]bool
}

// newSheet starts a document of one page of the given size ("A4", "A5"),
// stamped with its title and the time it was made (so the same document
// made twice is the same bytes).
func newSheet(size, title string, made time.Time) *sheet {
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetTitle(title, true)
	pdf.SetCreator("Sojourn", true)
	pdf.SetCreationDate(made)
	pdf.SetModificationDate(made)
	pdf.SetCatalogSort(true)
	pdf.SetMargins(14, 14, 14)
	pdf.SetAutoPageBreak(true, 14)
	pdf.AddPage()
	return &sheet{pdf: pdf, fonts: map[string]bool{}}
}

// setFont selects a family at size points, embedding it on first use.
func (s *sheet) setFont(family string, size float64) {
	if !s.fonts[family] {
		s.fonts[family] = true
		s.pdf.AddUTF8FontFromBytes(family, "", fontFiles[family])
	}
	s.pdf.SetFont(family, "", size)
}

// text writes s at size points from the current position, wrapping at
// the right margin, and ends the line.
func (s *sheet) text(size float64, str string) {
	h := size * 0.5 // mm: 1 pt is 0.353 mm, and a line is 1.4 times the size
	for _, r := range runs(str) {
		s.setFont(r.font, size)
		s.pdf.Write(h, r.text)
	}
	s.pdf.Ln(h)
}

// gap leaves mm of space.
func (s *sheet) gap(mm float64) { s.pdf.Ln(mm) }

// field writes "label: value" at size points.
func (s *sheet) field(size float64, label, value string) {
	s.text(size, label+": "+value)
}

// bytes finishes the document.
func (s *sheet) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// run is a stretch of text set in one font.
type run struct {
	font, text string
}

// runs cuts s where the font it needs changes. Spaces and punctuation stay
// in the run they are in.
func runs(s string) []run {
	var out []run
	for _, r := range s {
		font := fontFor(r)
		if len(out) > 0 && (font == out[len(out)-1].font || !unicode.IsLetter(r)) {
			out[len(out)-1].text += string(r)
			continue
		}
		out = append(out, run{font: font, text: string(r)})
	}
	return out
}
