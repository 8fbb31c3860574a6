package bulk

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// DefaultMaxLine is the longest line read by default: 1 MiB.
const DefaultMaxLine = 1 << 20

// ErrUTF16 refuses a file that starts with a UTF-16 byte-order mark: all
// of it is in the wrong encoding.
var ErrUTF16 = errors.New("the file is UTF-16 (it starts with a UTF-16 byte-order mark): convert it to UTF-8")

// lineReader reads a file line by line in constant memory: a line longer
// than max is skipped to its end and reported, never held whole.
type lineReader struct {
	r    *bufio.Reader
	max  int
	n    int   // number of the line last read, from 1
	read int64 // bytes read so far
	buf  []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	if max <= 0 {
		max = DefaultMaxLine
	}
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// lineError is a problem with one line as a whole.
type lineError struct{ reason string }

func (e lineError) Error() string { return e.reason }

// next returns the next line without its end of line, or io.EOF. A line
// too long or not valid UTF-8 comes back with a lineError (and the line
// number counted); any other error ends the file.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	long := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		l.read += int64(len(chunk))
		if !long && len(l.buf)+len(chunk) > l.max+2 {
			long, l.buf = true, l.buf[:0]
		}
		if !long {
			l.buf = append(l.buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF && len(l.buf) == 0 && !long {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		break
	}
	l.n++
	if long {
		return nil, lineError{fmt.Sprintf("line longer than %d bytes", l.max)}
	}
	line := bytes.TrimRight(l.buf, "\r\n")
	if l.n == 1 {
		if bytes.HasPrefix(line, []byte{0xFE, 0xFF}) || bytes.HasPrefix(line, []byte{0xFF, 0xFE}) {
			return nil, ErrUTF16
		}
		line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
	}
	if len(line) > l.max {
		return nil, lineError{fmt.Sprintf("line longer than %d bytes", l.max)}
	}
	if !utf8.Valid(line) {
		return nil, lineError{"not valid UTF-8"}
	}
	return line, nil
}
