package paper

import (
	"bytes"
	"image"
	"image/color"
	"image/png"

	qrcode "github.com/skip2/go-qrcode"
)

// qrModulePixels is the size of one QR module in the embedded image: large
// enough that a viewer scaling the image smoothly still prints sharp edges.
const qrModulePixels = 8

// QRCode returns a PNG of the QR code (error correction M, with its quiet
// zone) that holds text, as embedded in a permit.
func QRCode(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	bits := q.Bitmap()
	n := len(bits) * qrModulePixels
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			c := color.Gray{Y: 255}
			if bits[y/qrModulePixels][x/qrModulePixels] {
				c.Y = 0
			}
			img.SetGray(x, y, c)
		}
	}
	var buf bytes.Buffer
	err = png.Encode(&buf, img)
	return buf.Bytes(), err
}
