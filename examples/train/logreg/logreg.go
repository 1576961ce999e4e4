package logreg

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Data is a labelled data set: row i has features X[i] and label Y[i]
// (0 or 1).
type Data struct {
	X [][]float64
	Y []float64
}

// Features is the number of features per row (0 for no rows).
func (d Data) Features() int {
	if len(d.X) == 0 {
		return 0
	}
	return len(d.X[0])
}

// Shard returns rows [i*n/k, (i+1)*n/k) of d's n rows: shard i of k.
func (d Data) Shard(i, k int) Data {
	n := len(d.Y)
	lo, hi := i*n/k, (i+1)*n/k
	return Data{X: d.X[lo:hi], Y: d.Y[lo:hi]}
}

// Generate returns rows rows of features features from seed: features
// uniform in [-1, 1], label 1 when a hidden linear rule (from the seed)
// is positive, then 10% of labels flipped. Only integer arithmetic and
// exact float operations: the same bits on every platform.
func Generate(seed uint64, rows, features int) Data {
	s := seed
	next := func() uint64 {
		s += 0x9e3779b97f4a7c15
		z := s
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	uniform := func() float64 { return 2*float64(next()>>11)/(1<<53) - 1 }
	hidden := make([]float64, features+1)
	for j := range hidden {
		hidden[j] = uniform() * 3
	}
	d := Data{X: make([][]float64, rows), Y: make([]float64, rows)}
	for i := range d.X {
		x := make([]float64, features)
		z := hidden[features]
		for j := range x {
			x[j] = uniform()
			z += hidden[j] * x[j]
		}
		y := 0.0
		if z > 0 {
			y = 1
		}
		if next()%10 == 0 {
			y = 1 - y
		}
		d.X[i], d.Y[i] = x, y
	}
	return d
}

// WriteCSV writes d as CSV: one row per line, the features then the
// label, floats in the shortest form that reads back to the same value.
func WriteCSV(w io.Writer, d Data) error {
	bw := bufio.NewWriter(w)
	buf := make([]byte, 0, 32)
	for i, x := range d.X {
		for _, v := range x {
			buf = strconv.AppendFloat(buf[:0], v, 'g', -1, 64)
			bw.Write(buf)
			bw.WriteByte(',')
		}
		buf = strconv.AppendFloat(buf[:0], d.Y[i], 'g', -1, 64)
		bw.Write(buf)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadCSV reads what WriteCSV wrote. Every row must have the same number
// of columns (at least two) and a label of 0 or 1.
func ReadCSV(r io.Reader) (Data, error) {
	var d Data
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		cols := strings.Split(sc.Text(), ",")
		if len(cols) < 2 || (len(d.X) > 0 && len(cols) != len(d.X[0])+1) {
			return d, fmt.Errorf("csv line %d: %d columns, want the features and a label like line 1", line, len(cols))
		}
		row := make([]float64, len(cols))
		for j, c := range cols {
			v, err := strconv.ParseFloat(c, 64)
			if err != nil {
				return d, fmt.Errorf("csv line %d column %d: %w", line, j+1, err)
			}
			row[j] = v
		}
		y := row[len(row)-1]
		if y != 0 && y != 1 {
			return d, fmt.Errorf("csv line %d: label %g, want 0 or 1", line, y)
		}
		d.X, d.Y = append(d.X, row[:len(row)-1]), append(d.Y, y)
	}
	return d, sc.Err()
}

// Partial is what one shard contributes to a round, all sums over its
// rows at the round's weights.
type Partial struct {
	Rows    int       `json:"rows"`
	Grad    []float64 `json:"grad"`    // Σ (p − y)·[x, 1]
	Loss    float64   `json:"loss"`    // Σ log-loss
	Correct int       `json:"correct"` // rows with (p ≥ 0.5) == (y = 1)
}

// ErrShape is returned when weights and data disagree on the number of
// features.
var ErrShape = errors.New("weights and data have different numbers of features")

// Gradient computes d's Partial at weights w (features, then the bias).
func Gradient(w []float64, d Data) (Partial, error) {
	f := len(w) - 1
	p := Partial{Rows: len(d.Y), Grad: make([]float64, len(w))}
	for i, x := range d.X {
		if len(x) != f {
			return p, fmt.Errorf("row %d has %d features, the weights %d: %w", i, len(x), f, ErrShape)
		}
		z := w[f]
		for j, v := range x {
			z += w[j] * v
		}
		prob := 1 / (1 + math.Exp(-z))
		e := prob - d.Y[i]
		for j, v := range x {
			p.Grad[j] += e * v
		}
		p.Grad[f] += e
		// log(1+e^-z) for y=1, log(1+e^z) for y=0, computed stably.
		m := z
		if d.Y[i] == 1 {
			m = -z
		}
		p.Loss += max(m, 0) + math.Log1p(math.Exp(-math.Abs(m)))
		if (prob >= 0.5) == (d.Y[i] == 1) {
			p.Correct++
		}
	}
	return p, nil
}

// Sum adds Partials up (in the order given).
func Sum(parts []Partial) Partial {
	var t Partial
	for _, p := range parts {
		if t.Grad == nil {
			t.Grad = make([]float64, len(p.Grad))
		}
		t.Rows += p.Rows
		t.Loss += p.Loss
		t.Correct += p.Correct
		for j := range t.Grad {
			t.Grad[j] += p.Grad[j]
		}
	}
	return t
}

// Step returns the weights after one gradient-descent step of rate lr on
// the mean gradient of total.
func Step(w []float64, total Partial, lr float64) []float64 {
	out := make([]float64, len(w))
	for j := range w {
		out[j] = w[j] - lr*total.Grad[j]/float64(total.Rows)
	}
	return out
}
