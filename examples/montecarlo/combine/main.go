package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
)

// result is one task's result.json (see examples/montecarlo).
type result struct {
	Task   int     `json:"task"`
	Paths  int     `json:"paths"`
	Sum    float64 `json:"sum"`
	SumSq  float64 `json:"sum_sq"`
	Spot   float64 `json:"spot"`
	Strike float64 `json:"strike"`
	Rate   float64 `json:"rate"`
	Vol    float64 `json:"vol"`
	Years  float64 `json:"years"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: combine DIR   (DIR as `deco job get --output-dir DIR` wrote it)")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "combine:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*", "outputs", "result.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no */outputs/result.json under %s: download the job's results there first", dir)
	}
	var rs []result
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var r result
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if r.Paths < 1 {
			return fmt.Errorf("%s: no paths", f)
		}
		if len(rs) > 0 && (r.Spot != rs[0].Spot || r.Strike != rs[0].Strike || r.Rate != rs[0].Rate || r.Vol != rs[0].Vol || r.Years != rs[0].Years) {
			return fmt.Errorf("%s prices another option than the other tasks: were two jobs downloaded into %s?", f, dir)
		}
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Task < rs[j].Task })

	fmt.Println("tasks\tpaths\tprice\t± std. error")
	var n, sum, sq float64
	var price, stderr float64
	for i, r := range rs {
		n, sum, sq = n+float64(r.Paths), sum+r.Sum, sq+r.SumSq
		price = sum / n
		stderr = math.Sqrt(max(sq/n-price*price, 0) / n)
		if k := i + 1; k&(k-1) == 0 || k == len(rs) {
			fmt.Printf("%d\t%.0f\t%.4f\t%.4f\n", k, n, price, stderr)
		}
	}
	r := rs[0]
	exact := blackScholes(r.Spot, r.Strike, r.Rate, r.Vol, r.Years)
	fmt.Printf("closed form %.4f: the estimate is %.1f std. errors away\n", exact, math.Abs(price-exact)/stderr)
	return nil
}

// blackScholes is the closed-form price of a European call.
func blackScholes(spot, strike, rate, vol, years float64) float64 {
	d1 := (math.Log(spot/strike) + (rate+vol*vol/2)*years) / (vol * math.Sqrt(years))
	d2 := d1 - vol*math.Sqrt(years)
	return spot*phi(d1) - strike*math.Exp(-rate*years)*phi(d2)
}

// phi is the standard normal distribution function.
func phi(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
