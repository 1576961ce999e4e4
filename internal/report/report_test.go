package report

import (
	"errors"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A table escapes what would break Markdown and pads short rows; blocks
// are separated by one blank line.
func TestDoc(t *testing.T) {
	var d Doc
	d.Heading(2, "Throughput")
	d.Table([]string{"a", "b"}, [][]string{{"x|y", "two\nlines"}, {"short"}})
	d.Image("a figure", "fig.png")
	want := "## Throughput\n\n| a | b |\n| --- | --- |\n| x\\|y | two lines |\n| short |  |\n\n![a figure](fig.png)\n"
	if got := d.String(); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Figures are PNGs that decode at the figure size; a figure with nothing
// to draw says so instead of writing an empty image.
func TestFigures(t *testing.T) {
	dir := t.TempDir()
	xs := []float64{1, 2, 4, 8}
	figs := map[string]interface{ Save(string) error }{
		"lines.png": Lines{Title: "t", X: "providers", Y: "tasks/s", LogY: true, Series: []Series{
			{Name: "measured", X: xs, Y: []float64{10, 19, 30, math.NaN()}},
			{Name: "ideal", X: xs, Y: []float64{10, 20, 40, 80}, Dashed: true},
			{Name: "limit", X: xs, Y: []float64{35, 35, 35, 35}, Dotted: true}}},
		"bars.png": Bars{Title: "t", Y: "ms", Labels: []string{"a", "b"}, Sets: []BarSet{{Name: "p50", Values: []float64{1, 2}}, {Name: "p99", Values: []float64{3, math.Inf(1)}}}},
	}
	for name, f := range figs {
		path := filepath.Join(dir, name)
		if err := f.Save(path); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 250 {
			t.Fatalf("%s is %v", name, b)
		}
	}
	empty := []interface{ Save(string) error }{
		Lines{Series: []Series{{Name: "nan", X: []float64{1}, Y: []float64{math.NaN()}}}},
		Bars{Labels: nil},
	}
	for _, f := range empty {
		if err := f.Save(filepath.Join(dir, "empty.png")); !errors.Is(err, ErrNoData) {
			t.Fatalf("empty figure %T: %v, want ErrNoData", f, err)
		}
	}
	if err := (Lines{Series: []Series{{X: []float64{1, 2}, Y: []float64{1}}}}).Save(filepath.Join(dir, "x.png")); err == nil || !strings.Contains(err.Error(), "2 X and 1 Y") {
		t.Fatalf("mismatched series: %v", err)
	}
}

// The machine is described from what this process can see.
func TestDescribeMachine(t *testing.T) {
	m := DescribeMachine()
	if m.Cores < 1 || !strings.HasPrefix(m.Go, "go") || m.OS == "" || m.CPU == "" {
		t.Fatalf("%+v", m)
	}
	rows := m.Rows()
	if len(rows) != 7 || rows[5][0] != "deco commit" || rows[5][1] == "" {
		t.Fatalf("rows %v", rows)
	}
}
