package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/deco-network/deco/examples/guest/deco"
)

// result is /outputs/result.json.
type result struct {
	Task   int     `json:"task"`
	Seed   uint64  `json:"seed"`
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
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "montecarlo:", err)
		os.Exit(1)
	}
}

func run() error {
	r := result{}
	flag.Uint64Var(&r.Seed, "seed", 1, "seed of the whole run; each task draws from its own stream of it")
	flag.IntVar(&r.Task, "task", envInt("DECO_TASK_INDEX", 0), "task index (selects the random stream)")
	flag.IntVar(&r.Paths, "paths", 200_000, "paths this task simulates")
	flag.Float64Var(&r.Spot, "spot", 100, "price of the underlying today")
	flag.Float64Var(&r.Strike, "strike", 105, "strike price")
	flag.Float64Var(&r.Rate, "rate", 0.05, "risk-free rate, continuously compounded, per year")
	flag.Float64Var(&r.Vol, "vol", 0.2, "volatility per sqrt(year)")
	flag.Float64Var(&r.Years, "years", 1, "time to expiry in years")
	out := flag.String("out", "/outputs", "directory to write result.json to")
	flag.Parse()
	switch {
	case r.Task < 0:
		return fmt.Errorf("--task must be at least 0, got %d", r.Task)
	case r.Paths < 1 || r.Paths > 1<<30:
		return fmt.Errorf("--paths must be between 1 and %d, got %d", 1<<30, r.Paths)
	case !(r.Spot > 0 && r.Strike > 0 && r.Vol > 0 && r.Years > 0):
		return fmt.Errorf("--spot, --strike, --vol and --years must be positive")
	}

	rng := stream{state: mix(r.Seed ^ mix(uint64(r.Task)+1))}
	drift := (r.Rate - r.Vol*r.Vol/2) * r.Years
	diffusion := r.Vol * math.Sqrt(r.Years)
	discount := math.Exp(-r.Rate * r.Years)
	const chunks = 10
	for i := 0; i < r.Paths; i++ {
		z := rng.normal()
		x := discount * max(r.Spot*math.Exp(drift+diffusion*z)-r.Strike, 0)
		r.Sum += x
		r.SumSq += x * x
		if (i+1)%(r.Paths/chunks+1) == 0 {
			deco.Progress(1000 * (i + 1) / r.Paths)
		}
	}
	mean := r.Sum / float64(r.Paths)
	fmt.Printf("task %d: %d paths, mean discounted payoff %.4f ± %.4f\n", r.Task, r.Paths, mean,
		math.Sqrt(max(r.SumSq/float64(r.Paths)-mean*mean, 0)/float64(r.Paths)))
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "result.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write result.json: %w", err)
	}
	return nil
}

// stream is a splitmix64 generator: fast, 64 bits of state, and good
// enough for Monte Carlo; each task starts it from its own mixed seed.
type stream struct{ state uint64 }

func (s *stream) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	return mix(s.state)
}

// uniform returns a number in (0, 1): never 0, so its log is finite.
func (s *stream) uniform() float64 {
	return (float64(s.next()>>11) + 0.5) / (1 << 53)
}

// normal returns a standard normal deviate (Box–Muller; the second
// deviate of each pair is dropped to keep the stream's use simple).
func (s *stream) normal() float64 {
	u, v := s.uniform(), s.uniform()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

// mix is splitmix64's finaliser.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
