package web

import (
	"fmt"
	"html/template"
	"strings"
)

// series is one named, coloured part of a chart's bars.
type series struct {
	Name, Color string
}

// bar is one bar of a chart: a label and a value per series.
type bar struct {
	Label  string
	Values []int
}

// barChart draws a (stacked) bar chart as SVG on the server: no script,
// a title and description for screen readers, each bar's numbers written
// beside it, and a legend when there is more than one series.
func barChart(title string, ser []series, bars []bar) template.HTML {
	const width, rowH, labelW, pad = 640, 28, 200, 8
	total := func(b bar) (n int) {
		for _, v := range b.Values {
			n += v
		}
		return n
	}
	top := 1
	for _, b := range bars {
		top = max(top, total(b))
	}
	legendH := 0
	if len(ser) > 1 {
		legendH = rowH
	}
	height := legendH + len(bars)*rowH + pad
	var sb strings.Builder
	esc := template.HTMLEscapeString
	var desc []string
	for _, b := range bars {
		desc = append(desc, fmt.Sprintf("%s: %d", b.Label, total(b)))
	}
	fmt.Fprintf(&sb, `<svg class="chart" role="img" viewBox="0 0 %d %d" width="%d" height="%d" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`,
		width, height, width, height, chartID(title), chartID(title))
	fmt.Fprintf(&sb, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, chartID(title), esc(title), chartID(title), esc(strings.Join(desc, "; ")))
	if legendH > 0 {
		x := labelW
		for _, s := range ser {
			fmt.Fprintf(&sb, `<rect x="%d" y="6" width="14" height="14" fill="%s"/><text x="%d" y="18" font-size="14">%s</text>`, x, s.Color, x+18, esc(s.Name))
			x += 30 + 9*len([]rune(s.Name))
		}
	}
	scale := float64(width-labelW-60) / float64(top)
	for i, b := range bars {
		y := legendH + i*rowH
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="14" text-anchor="end">%s</text>`, labelW-pad, y+18, esc(b.Label))
		x := float64(labelW)
		for j, v := range b.Values {
			w := float64(v) * scale
			fmt.Fprintf(&sb, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>`, x, y+4, w, rowH-8, ser[j].Color)
			x += w
		}
		fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="14">%d</text>`, x+6, y+18, total(b))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String()) // every text in it is escaped above
}

// chartID makes an element id from a chart's title.
func chartID(title string) string {
	var sb strings.Builder
	sb.WriteString("chart-")
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			sb.WriteRune(r)
		} else if r > 127 {
			fmt.Fprintf(&sb, "%x", r)
		}
	}
	return sb.String()
}
