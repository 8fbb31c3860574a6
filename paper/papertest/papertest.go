// Package papertest reads back the documents package paper writes, for
// tests: their text, and the QR codes printed on them.
package papertest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Text returns the text of every page of a PDF, read with a PDF reader.
// Text in a font with an Identity-H encoding and the identity ToUnicode
// map (as fpdf writes its UTF-8 fonts: codes are UTF-16 units) is
// decoded here, since the reader maps only the low byte of a wide range;
// any other font goes through the reader's own decoder.
func Text(doc []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil { // the reader panics on some malformed input
			err = fmt.Errorf("reading the PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		pageText(&b, r.Page(i))
	}
	return b.String(), nil
}

// pageText appends the text a page shows, a line per text move.
func pageText(b *strings.Builder, p pdf.Page) {
	var decode func(string) string
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "Tf":
			decode = decoder(p.Font(args[0].Name()))
		case "Tj", "'", "\"":
			b.WriteString(decode(args[len(args)-1].RawString()))
		case "TJ":
			for j := range args[0].Len() {
				if s := args[0].Index(j); s.Kind() == pdf.String {
					b.WriteString(decode(s.RawString()))
				}
			}
		case "Td", "TD", "T*", "ET":
			b.WriteString("\n")
		}
	})
}

// identityUnicode is the ToUnicode map of a font whose codes are UTF-16.
const identityUnicode = "<0000> <FFFF> <0000>"

// decoder returns how to turn a string shown in font into text.
func decoder(font pdf.Font) func(string) string {
	if font.V.Key("Encoding").Name() == "Identity-H" {
		if rd := font.V.Key("ToUnicode").Reader(); rd != nil {
			m, _ := io.ReadAll(rd)
			if strings.Contains(string(m), identityUnicode) {
				return utf16BE
			}
		}
	}
	enc := font.Encoder()
	return enc.Decode
}

// utf16BE decodes big-endian UTF-16.
func utf16BE(s string) string {
	units := make([]uint16, len(s)/2)
	for i := range units {
		units[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(units))
}

// imageHeader matches the dictionary of a grey image XObject as written
// by fpdf for a PNG: deflated, with PNG row predictors.
var imageHeader = regexp.MustCompile(`/Subtype /Image\s*/Width (\d+)\s*/Height (\d+)\s*/ColorSpace /DeviceGray\s*/BitsPerComponent 8\s*/Filter /FlateDecode\s*/DecodeParms <<[^>]*>>\s*/Length (\d+)>>\s*stream\r?\n`)

// QRCodes decodes every QR code printed as a grey image in the PDF.
func QRCodes(doc []byte) ([]string, error) {
	var out []string
	for _, m := range imageHeader.FindAllSubmatchIndex(doc, -1) {
		w, _ := strconv.Atoi(string(doc[m[2]:m[3]]))
		h, _ := strconv.Atoi(string(doc[m[4]:m[5]]))
		n, _ := strconv.Atoi(string(doc[m[6]:m[7]]))
		if m[1]+n > len(doc) {
			return nil, fmt.Errorf("image stream runs past the end of the file")
		}
		img, err := greyImage(doc[m[1]:m[1]+n], w, h)
		if err != nil {
			return nil, err
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			return nil, err
		}
		res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
		if err != nil {
			return nil, fmt.Errorf("no QR code in a %d×%d image: %w", w, h, err)
		}
		out = append(out, res.GetText())
	}
	return out, nil
}

// greyImage inflates an 8-bit grey image stored with PNG row filters.
func greyImage(stream []byte, w, h int) (*image.Gray, error) {
	zr, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if len(raw) != h*(w+1) {
		return nil, fmt.Errorf("image data is %d bytes, want %d", len(raw), h*(w+1))
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	prev := make([]byte, w)
	for y := range h {
		row := raw[y*(w+1):]
		filter, cur := row[0], img.Pix[y*img.Stride:y*img.Stride+w]
		copy(cur, row[1:w+1])
		for x := range w {
			var left, upLeft byte
			if x > 0 {
				left, upLeft = cur[x-1], prev[x-1]
			}
			cur[x] += predict(filter, left, prev[x], upLeft)
		}
		prev = cur
	}
	return img, nil
}

// predict is the PNG filter prediction of a byte from its neighbours.
func predict(filter, a, b, c byte) byte {
	switch filter {
	case 1:
		return a
	case 2:
		return b
	case 3:
		return byte((int(a) + int(b)) / 2)
	case 4:
		p := int(a) + int(b) - int(c)
		pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
		switch {
		case pa <= pb && pa <= pc:
			return a
		case pb <= pc:
			return b
		}
		return c
	}
	return 0
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
