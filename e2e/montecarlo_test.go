package e2e

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"
	"time"
)

// TestMonteCarloWorkload: the scientific-simulation use case on a
// 2-provider devnet. montecarlo.yaml prices a European call by Monte Carlo
// in 16 tasks, each with its own random stream, every task run by two
// providers (replicate:2). Pooled here, the tasks give a price within 4
// standard errors of the Black–Scholes closed form, and the error bar
// shrinks as 1/sqrt(tasks).
func TestMonteCarloWorkload(t *testing.T) {
	start := time.Now()
	dir, _ := startDevnet(t, 2)
	up := time.Since(start)
	j, results := finish(t, dir, submitJob(t, dir, filepath.Join(jobsDir(), "montecarlo.yaml")), 3*time.Minute)

	type result struct {
		Task                           int
		Paths                          int
		Sum                            float64
		SumSq                          float64 `json:"sum_sq"`
		Spot, Strike, Rate, Vol, Years float64
	}
	var n, sum, sq float64
	var stderrs []float64
	var first result
	seen := map[float64]int{}
	for _, tk := range j.Tasks {
		var r result
		if err := json.Unmarshal(output(t, results, tk.Index, "result.json"), &r); err != nil {
			t.Fatalf("task %d: result.json: %v", tk.Index, err)
		}
		if tk.Index == 0 {
			first = r
		}
		if r.Task != tk.Index || r.Paths < 1000 || r.Spot != first.Spot || r.Strike != first.Strike || r.Rate != first.Rate || r.Vol != first.Vol || r.Years != first.Years {
			t.Fatalf("task %d returned %+v; task 0 returned %+v", tk.Index, r, first)
		}
		if k, dup := seen[r.Sum]; dup {
			t.Fatalf("tasks %d and %d drew the same paths: per-task seeds do not reach the program", k, tk.Index)
		}
		seen[r.Sum] = tk.Index
		n, sum, sq = n+float64(r.Paths), sum+r.Sum, sq+r.SumSq
		price := sum / n
		stderrs = append(stderrs, math.Sqrt((sq/n-price*price)/n))
	}
	price, stderr := sum/n, stderrs[len(stderrs)-1]
	exact := closedFormCall(first.Spot, first.Strike, first.Rate, first.Vol, first.Years)
	if d := math.Abs(price - exact); d > 4*stderr {
		t.Fatalf("Monte Carlo price %.4f ± %.4f is %.1f std. errors from the closed form %.4f", price, stderr, d/stderr, exact)
	}
	// Equal tasks: k tasks' error bar is the first task's over sqrt(k),
	// up to the noise in estimating a standard deviation from 10^5 paths.
	for k := 1; k <= len(stderrs); k *= 2 {
		if ratio := stderrs[k-1] * math.Sqrt(float64(k)) / stderrs[0]; ratio < 0.9 || ratio > 1.1 {
			t.Fatalf("the error bar of %d tasks is %.4f, %.2f× the first task's over sqrt(%d): it does not shrink as 1/sqrt(tasks)", k, stderrs[k-1], ratio, k)
		}
	}
	t.Logf("%d tasks × %d paths: price %.4f ± %.4f (closed form %.4f, %.1fσ away); error bar 1 task %.4f, %d tasks %.4f",
		len(j.Tasks), first.Paths, price, stderr, exact, math.Abs(price-exact)/stderr, stderrs[0], len(stderrs), stderr)
	t.Logf("devnet up in %s; job took %s; test wall time %s", up.Round(time.Millisecond),
		j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// closedFormCall is the Black–Scholes price of a European call.
func closedFormCall(spot, strike, rate, vol, years float64) float64 {
	d1 := (math.Log(spot/strike) + (rate+vol*vol/2)*years) / (vol * math.Sqrt(years))
	d2 := d1 - vol*math.Sqrt(years)
	cdf := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	return spot*cdf(d1) - strike*math.Exp(-rate*years)*cdf(d2)
}
