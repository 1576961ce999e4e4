package logreg

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestCSVRoundTripIsExact(t *testing.T) {
	d := Generate(3, 50, 5)
	var b bytes.Buffer
	if err := WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	got, err := ReadCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Y) != len(d.Y) || got.Features() != 5 {
		t.Fatalf("read %d rows of %d features, wrote %d of 5", len(got.Y), got.Features(), len(d.Y))
	}
	for i := range d.X {
		for j := range d.X[i] {
			if got.X[i][j] != d.X[i][j] {
				t.Fatalf("row %d feature %d: %v, wrote %v", i, j, got.X[i][j], d.X[i][j])
			}
		}
		if got.Y[i] != d.Y[i] {
			t.Fatalf("row %d label %v, wrote %v", i, got.Y[i], d.Y[i])
		}
	}
}

func TestReadCSVRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"one column":    "1\n",
		"ragged":        "0.5,1\n0.5,0.2,1\n",
		"not a number":  "x,1\n",
		"label not 0/1": "0.5,2\n",
	} {
		if _, err := ReadCSV(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		}
	}
}

// TestShardsAddUpToTheFullBatch: the data-parallel split changes nothing
// but the order of additions.
func TestShardsAddUpToTheFullBatch(t *testing.T) {
	d := Generate(7, 1000, 4)
	w := []float64{0.3, -0.2, 0.1, 0.5, -0.05}
	full, err := Gradient(w, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1, 3, 7} {
		var parts []Partial
		for i := 0; i < k; i++ {
			p, err := Gradient(w, d.Shard(i, k))
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p)
		}
		s := Sum(parts)
		if s.Rows != full.Rows || s.Correct != full.Correct || math.Abs(s.Loss-full.Loss) > 1e-9 {
			t.Fatalf("%d shards: %+v, full batch %+v", k, s, full)
		}
		for j := range s.Grad {
			if math.Abs(s.Grad[j]-full.Grad[j]) > 1e-9 {
				t.Fatalf("%d shards: gradient %d is %v, full batch %v", k, j, s.Grad[j], full.Grad[j])
			}
		}
	}
}

// TestTrainingLearns: a few steps from zero raise accuracy well above the
// majority class and lower the loss.
func TestTrainingLearns(t *testing.T) {
	d := Generate(7, 4000, 8)
	w := make([]float64, 9)
	first, _ := Gradient(w, d)
	var last Partial
	for r := 0; r < 8; r++ {
		last, _ = Gradient(w, d)
		w = Step(w, last, 4)
	}
	if acc := float64(last.Correct) / float64(last.Rows); acc < 0.8 || last.Loss >= first.Loss {
		t.Fatalf("after 8 steps: accuracy %.3f, loss %.1f (from %.1f)", acc, last.Loss, first.Loss)
	}
}

func TestGradientRefusesMismatchedWeights(t *testing.T) {
	if _, err := Gradient([]float64{1, 2}, Generate(1, 3, 4)); err == nil {
		t.Fatal("weights for 1 feature accepted for data with 4")
	}
}

// FuzzReadCSV: a task reads whatever shard it is given.
func FuzzReadCSV(f *testing.F) {
	var b bytes.Buffer
	WriteCSV(&b, Generate(1, 3, 2))
	f.Add(b.Bytes())
	f.Add([]byte("1e308,-0,1\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := ReadCSV(bytes.NewReader(in))
		if err != nil {
			return
		}
		if _, err := Gradient(make([]float64, d.Features()+1), d); err != nil {
			t.Fatalf("a shard ReadCSV accepted fails Gradient: %v", err)
		}
	})
}
