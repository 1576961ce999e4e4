package report

import (
	"fmt"
	"strings"
)

// Doc is a Markdown document under construction. The zero value is an
// empty document.
type Doc struct {
	b strings.Builder
}

// Heading adds a heading of level 1..6.
func (d *Doc) Heading(level int, text string) {
	level = min(max(level, 1), 6)
	d.block(strings.Repeat("#", level) + " " + text)
}

// Para adds a paragraph, formatted as fmt.Sprintf(format, args...).
func (d *Doc) Para(format string, args ...any) {
	d.block(fmt.Sprintf(format, args...))
}

// List adds a bulleted list, one item per element.
func (d *Doc) List(items ...string) {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("- " + it)
	}
	d.block(b.String())
}

// Table adds a table. Rows shorter than header are padded; cells have
// their pipes escaped and newlines turned into spaces, so any text fits.
func (d *Doc) Table(header []string, rows [][]string) {
	var b strings.Builder
	line := func(cells []string) {
		b.WriteString("|")
		for i := range header {
			c := ""
			if i < len(cells) {
				c = cell(cells[i])
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteByte('\n')
	}
	line(header)
	b.WriteString("|")
	for range header {
		b.WriteString(" --- |")
	}
	b.WriteByte('\n')
	for _, r := range rows {
		line(r)
	}
	d.block(strings.TrimSuffix(b.String(), "\n"))
}

// Image adds an image; file is relative to the document's directory.
func (d *Doc) Image(alt, file string) {
	d.block(fmt.Sprintf("![%s](%s)", cell(alt), file))
}

// Code adds a fenced code block.
func (d *Doc) Code(text string) {
	d.block("```\n" + strings.TrimRight(text, "\n") + "\n```")
}

// Bytes returns the document.
func (d *Doc) Bytes() []byte { return []byte(d.b.String()) }

// String returns the document.
func (d *Doc) String() string { return d.b.String() }

// block adds one block separated from the last by a blank line.
func (d *Doc) block(s string) {
	if d.b.Len() > 0 {
		d.b.WriteString("\n")
	}
	d.b.WriteString(s)
	d.b.WriteString("\n")
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
