package sim

import (
	"fmt"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// WritePlots writes PNG plots of reports into dir:
//   - completion_cdf.png: completion-time CDF per policy
//   - utilization.png: per-provider utilization, sorted, per policy
//   - learning_curve.png: median relative prediction error over time,
//     per policy that predicts
//   - price_demand.png: mean price, demand and slot utilization over time
//     for the first report (normalized to their maxima)
func WritePlots(dir string, reports []Report) error {
	type fig struct {
		name, title, x, y string
		lines             func() []named
	}
	figs := []fig{
		{"completion_cdf.png", "Task completion time (CDF)", "seconds from job arrival to verified", "fraction of tasks", func() []named {
			var out []named
			for _, r := range reports {
				c := r.Series.Completion
				out = append(out, named{r.Policy, thin(len(c), func(i int) Point { return Point{c[i], float64(i+1) / float64(len(c))} })})
			}
			return out
		}},
		{"utilization.png", "Provider utilization", "providers, busiest first (fraction)", "busy fraction of slot time", func() []named {
			var out []named
			for _, r := range reports {
				u := r.Series.Utilization
				out = append(out, named{r.Policy, thin(len(u), func(i int) Point { return Point{float64(i) / float64(len(u)), u[i]} })})
			}
			return out
		}},
		{"learning_curve.png", "Learning curve: run-time prediction error", "virtual time, seconds", "median |predicted − actual| / actual", func() []named {
			var out []named
			for _, r := range reports {
				if len(r.Series.Learning) > 0 {
					out = append(out, named{r.Policy, r.Series.Learning})
				}
			}
			return out
		}},
		{"price_demand.png", "Price vs demand (normalized to max)", "virtual time, seconds", "fraction of maximum", func() []named {
			if len(reports) == 0 {
				return nil
			}
			s := reports[0].Series
			norm := func(v []float64) []Point {
				m := 0.0
				for _, x := range v {
					if !math.IsNaN(x) {
						m = math.Max(m, x)
					}
				}
				var out []Point
				for i, x := range v {
					if !math.IsNaN(x) && m > 0 {
						out = append(out, Point{s.Time[i], x / m})
					}
				}
				return out
			}
			p := reports[0].Policy
			return []named{{"price (" + p + ")", norm(s.Price)}, {"demand: tasks/min", norm(s.Demand)}, {"slots busy", s.busyPoints()}}
		}},
	}
	for _, f := range figs {
		if err := save(filepath.Join(dir, f.name), f.title, f.x, f.y, f.lines()); err != nil {
			return fmt.Errorf("plot %s: %w", f.name, err)
		}
	}
	return nil
}

type named struct {
	name string
	pts  []Point
}

func (s Series) busyPoints() []Point {
	out := make([]Point, len(s.Busy))
	for i, b := range s.Busy {
		out[i] = Point{s.Time[i], b}
	}
	return out
}

// thin samples at most 400 of n points, keeping the last.
func thin(n int, at func(int) Point) []Point {
	if n == 0 {
		return nil
	}
	step := max(1, n/400)
	var out []Point
	for i := 0; i < n; i += step {
		out = append(out, at(i))
	}
	if (n-1)%step != 0 {
		out = append(out, at(n-1))
	}
	return out
}

func save(file, title, x, y string, lines []named) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	for i, l := range lines {
		if len(l.pts) == 0 {
			continue
		}
		xys := make(plotter.XYs, 0, len(l.pts))
		for _, pt := range l.pts {
			if !math.IsNaN(pt.X) && !math.IsNaN(pt.Y) && !math.IsInf(pt.X, 0) && !math.IsInf(pt.Y, 0) {
				xys = append(xys, plotter.XY{X: pt.X, Y: pt.Y})
			}
		}
		if len(xys) == 0 {
			continue
		}
		ln, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		ln.Color = plotutil.DarkColors[i%len(plotutil.DarkColors)]
		ln.Width = vg.Points(1.5)
		if i == 0 {
			ln.Width = vg.Points(2.5) // the first report (learned, in a comparison) stands out
		}
		ln.Dashes = plotutil.Dashes(i / len(plotutil.DarkColors))
		p.Add(ln)
		p.Legend.Add(l.name, ln)
	}
	return p.Save(8*vg.Inch, 5*vg.Inch, file)
}
