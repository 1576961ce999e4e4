package report

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/text"
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
	// Dashed draws the line dashed and without points, in the colour of
	// the measured series before it: a reference (an ideal, a limit),
	// not a measurement. Dotted does the same with dots.
	Dashed, Dotted bool
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
		p.Y.Tick.Marker = logTicks{}
	}
	var ys, xs []float64
	color, entries := -1, 0
	for _, s := range l.Series {
		if len(s.X) != len(s.Y) {
			return fmt.Errorf("report: series %q has %d X and %d Y values", s.Name, len(s.X), len(s.Y))
		}
		ref := s.Dashed || s.Dotted
		if !ref || color < 0 {
			color++
		}
		pts := make(plotter.XYs, 0, len(s.X))
		for k := range s.X {
			if bad(s.Y[k]) || (l.LogY && s.Y[k] <= 0) {
				continue
			}
			pts = append(pts, plotter.XY{X: s.X[k], Y: s.Y[k]})
			ys, xs = append(ys, s.Y[k]), append(xs, s.X[k])
		}
		if len(pts) == 0 {
			continue
		}
		entries++
		line, err := plotter.NewLine(pts)
		if err != nil {
			return fmt.Errorf("report: series %q: %w", s.Name, err)
		}
		line.Color = plotutil.Color(color)
		line.Width = vg.Points(1.5)
		p.Add(line)
		switch {
		case s.Dashed:
			line.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		case s.Dotted:
			line.Dashes = []vg.Length{vg.Points(1.5), vg.Points(3)}
		}
		if ref {
			p.Legend.Add(s.Name, line)
			continue
		}
		dots, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("report: series %q: %w", s.Name, err)
		}
		dots.Color = plotutil.Color(color)
		dots.Shape = plotutil.Shape(color)
		p.Add(dots)
		p.Legend.Add(s.Name, line, dots)
	}
	if entries == 0 {
		return ErrNoData
	}
	if ticks := distinct(xs); len(ticks) <= 12 {
		p.X.Tick.Marker = plot.ConstantTicks(labelled(ticks))
		p.X.Min, p.X.Max = ticks[0]-0.05*(ticks[len(ticks)-1]-ticks[0]+1), ticks[len(ticks)-1]+0.05*(ticks[len(ticks)-1]-ticks[0]+1)
	}
	headroom(p, ys, entries, l.LogY)
	return p.Save(figWidth, figHeight, path)
}

// headroom sets the Y range so that the legend, in the top left corner,
// sits above the data: n legend rows take about 6% of the height each.
func headroom(p *plot.Plot, ys []float64, n int, log bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	if len(ys) == 0 {
		return
	}
	free := 1 - math.Min(0.6, 0.06*float64(n)+0.06)
	if log {
		lo, hi = lo/1.3, hi*1.3
		p.Y.Min, p.Y.Max = lo, lo*math.Pow(hi/lo, 1/free)
		return
	}
	lo = math.Min(lo, 0)
	if hi <= lo {
		hi = lo + 1
	}
	p.Y.Min, p.Y.Max = lo, lo+(hi-lo)*1.05/free
}

func distinct(xs []float64) []float64 {
	seen := map[float64]bool{}
	var out []float64
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Float64s(out)
	return out
}

func labelled(xs []float64) []plot.Tick {
	out := make([]plot.Tick, len(xs))
	for i, x := range xs {
		out[i] = plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'g', 4, 64)}
	}
	return out
}

// plainTicks are gonum's default ticks labelled without trailing zeros
// or exponents ("25000", not "25000.00").
type plainTicks struct{}

func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'g', 8, 64)
		}
	}
	return ts
}

// logTicks labels 1, 2 and 5 of every decade, with minor ticks between:
// gonum's LogTicks labels powers of ten only, too few over one decade.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for e := math.Floor(math.Log10(lo)); math.Pow(10, e) <= hi; e++ {
		base := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * base
			if v < lo || v > hi {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'f', -1, 64)
			}
			out = append(out, t)
		}
	}
	return out
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
	// Bars fill 70% of each label's share of the ~400pt wide data area.
	width := vg.Points(math.Min(60, 0.7*400/float64(len(b.Labels))) / float64(len(b.Sets)))
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
	if len(b.Labels) > 4 { // slanted, so long names do not run into each other
		p.X.Tick.Label.Rotation = math.Pi / 8
		p.X.Tick.Label.XAlign = text.XRight
		p.X.Tick.Label.YAlign = text.YCenter
	}
	var ys []float64
	for _, s := range b.Sets {
		ys = append(ys, s.Values...)
	}
	n := 0
	if len(b.Sets) > 1 {
		n = len(b.Sets)
	}
	headroom(p, finite(ys), n, false)
	return p.Save(figWidth, figHeight, path)
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Add(plotter.NewGrid())
	p.Y.Tick.Marker = plainTicks{}
	p.Legend.Top = true
	p.Legend.Left = true
	return p
}

func finite(vs []float64) []float64 {
	var out []float64
	for _, v := range vs {
		if !bad(v) {
			out = append(out, v)
		}
	}
	return out
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
