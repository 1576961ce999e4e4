package report

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Figure size of every PNG: wide enough for a legend beside four bars.
const (
	figWidth  = 16 * vg.Centimeter
	figHeight = 10 * vg.Centimeter
)

// Series is one line of a Lines figure: points (X[i], Y[i]).
type Series struct {
	Name string
	X, Y []float64
	// Dashed draws the line dashed and without points: a reference (an
	// ideal, a target), not a measurement.
	Dashed bool
}

// Lines is a figure of lines with points, e.g. throughput against
// providers with the ideal linear line beside it.
type Lines struct {
	Title, X, Y string
	Series      []Series
	// LogY puts the Y axis on a log scale (every Y must be positive).
	LogY bool
}

// ErrNoData is returned when a figure has nothing to draw.
var ErrNoData = errors.New("report: the figure has no data: measure something before plotting it")

// Save draws the figure as a PNG at path.
func (l Lines) Save(path string) error {
	p := newPlot(l.Title, l.X, l.Y)
	if l.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	n := 0
	for i, s := range l.Series {
		if len(s.X) != len(s.Y) {
			return fmt.Errorf("report: series %q has %d X and %d Y values", s.Name, len(s.X), len(s.Y))
		}
		pts := make(plotter.XYs, 0, len(s.X))
		for k := range s.X {
			if bad(s.Y[k]) || (l.LogY && s.Y[k] <= 0) {
				continue
			}
			pts = append(pts, plotter.XY{X: s.X[k], Y: s.Y[k]})
		}
		if len(pts) == 0 {
			continue
		}
		n++
		line, err := plotter.NewLine(pts)
		if err != nil {
			return fmt.Errorf("report: series %q: %w", s.Name, err)
		}
		line.Color = plotutil.Color(i)
		line.Width = vg.Points(1.5)
		p.Add(line)
		if s.Dashed {
			line.Dashes = []vg.Length{vg.Points(5), vg.Points(4)}
			p.Legend.Add(s.Name, line)
			continue
		}
		dots, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("report: series %q: %w", s.Name, err)
		}
		dots.Color = plotutil.Color(i)
		dots.Shape = plotutil.Shape(i)
		p.Add(dots)
		p.Legend.Add(s.Name, line, dots)
	}
	if n == 0 {
		return ErrNoData
	}
	return p.Save(figWidth, figHeight, path)
}

// Bars is a figure of grouped bars: one group per label, one bar per
// set in each group, e.g. time per verification policy measured and
// expected.
type Bars struct {
	Title, Y string
	Labels   []string
	Sets     []BarSet
}

// BarSet is one bar per label of a Bars figure.
type BarSet struct {
	Name   string
	Values []float64 // one per label; NaN leaves a gap
}

// Save draws the figure as a PNG at path.
func (b Bars) Save(path string) error {
	if len(b.Labels) == 0 || len(b.Sets) == 0 {
		return ErrNoData
	}
	p := newPlot(b.Title, "", b.Y)
	width := vg.Points(float64(60) / float64(len(b.Sets)))
	for i, s := range b.Sets {
		if len(s.Values) != len(b.Labels) {
			return fmt.Errorf("report: bar set %q has %d values for %d labels", s.Name, len(s.Values), len(b.Labels))
		}
		vs := make(plotter.Values, len(s.Values))
		for k, v := range s.Values {
			if !bad(v) {
				vs[k] = v
			}
		}
		bars, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return fmt.Errorf("report: bar set %q: %w", s.Name, err)
		}
		bars.Color = plotutil.Color(i)
		bars.LineStyle.Width = 0
		bars.Offset = width * vg.Length(float64(i)-float64(len(b.Sets)-1)/2)
		p.Add(bars)
		if len(b.Sets) > 1 {
			p.Legend.Add(s.Name, bars)
		}
	}
	p.NominalX(b.Labels...)
	p.Y.Min = 0
	return p.Save(figWidth, figHeight, path)
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.Left = true
	return p
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
