package sched

import (
	"math"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Candidate is a provider that bid in an auction.
type Candidate struct {
	Peer      string        `json:"peer"`
	Price     wire.Amount   `json:"price"`
	Slots     int           `json:"slots"`     // tasks it will take now
	Benchmark float64       `json:"benchmark"` // declared speed score
	Latency   time.Duration `json:"latency"`
	ETA       time.Duration `json:"eta"`
	Carbon    float64       `json:"carbon,omitempty"` // gCO2/kWh, 0 = unknown
}

// Request describes what the tasks up for auction want.
type Request struct {
	MaxPrice   wire.Amount
	Preference string // balanced | cheap | fast | green
	Program    wire.CID
}

// Ranked is a candidate with its score (lower is better).
type Ranked struct {
	Candidate
	Score       float64 `json:"score"`
	Reliability float64 `json:"reliability"`
}

// Observation is the outcome of one attempt on a provider.
type Observation struct {
	Peer          string
	Program       wire.CID
	OK            bool          // verified result
	ProviderFault bool          // failed through the provider's fault (counts against reliability)
	Duration      time.Duration // execution time reported, when OK
	Benchmark     float64       // the provider's declared benchmark at the time
}

// Scheduler ranks candidates and learns from outcomes. Implementations are
// not safe for concurrent use; the node's driver loop owns one.
type Scheduler interface {
	// Rank returns the candidates that may be used (price within the max),
	// best first. It must not modify cands.
	Rank(req Request, cands []Candidate) []Ranked
	// Observe feeds one outcome back.
	Observe(o Observation)
}

// Weights of the score terms; each term is normalized to [0,1] among the candidates.
type Weights struct {
	Price, Time, Risk, Latency, Energy float64
}

// WeightsFor maps a job preference to weights.
func WeightsFor(pref string) Weights {
	switch pref {
	case "cheap":
		return Weights{Price: 0.6, Time: 0.15, Risk: 0.2, Latency: 0.05}
	case "fast":
		return Weights{Price: 0.1, Time: 0.6, Risk: 0.2, Latency: 0.1}
	case "green":
		return Weights{Price: 0.15, Time: 0.15, Risk: 0.15, Latency: 0.05, Energy: 0.5}
	default:
		return Weights{Price: 0.3, Time: 0.35, Risk: 0.25, Latency: 0.1}
	}
}

// Stats is what the Weighted scheduler remembers about one provider.
type Stats struct {
	OK     int `json:"ok"`
	Failed int `json:"failed"`
	// SpeedFactor corrects the declared benchmark: observed speed / declared
	// speed, as an exponential moving average (1 = honest).
	SpeedFactor float64 `json:"speed_factor"`
	Observed    int     `json:"observed"`
}

// Reliability is the mean of the Beta(1+OK, 1+Failed) posterior.
func (s Stats) Reliability() float64 { return float64(1+s.OK) / float64(2+s.OK+s.Failed) }

// Weighted is the default Scheduler.
type Weighted struct {
	stats map[string]*Stats
	// mean duration × benchmark per program, the reference against which a
	// provider's observed speed is compared.
	work map[wire.CID]float64
}

// NewWeighted returns an empty Weighted scheduler.
func NewWeighted() *Weighted {
	return &Weighted{stats: map[string]*Stats{}, work: map[wire.CID]float64{}}
}

// Stats returns a copy of what is known about peer.
func (w *Weighted) Stats(peer string) Stats {
	if s, ok := w.stats[peer]; ok {
		return *s
	}
	return Stats{SpeedFactor: 1}
}

// Snapshot returns every provider's stats (for persistence and display).
func (w *Weighted) Snapshot() map[string]Stats {
	out := make(map[string]Stats, len(w.stats))
	for k, v := range w.stats {
		out[k] = *v
	}
	return out
}

// Restore loads stats saved by Snapshot.
func (w *Weighted) Restore(m map[string]Stats) {
	for k, v := range m {
		v := v
		w.stats[k] = &v
	}
}

func (w *Weighted) get(peer string) *Stats {
	s, ok := w.stats[peer]
	if !ok {
		s = &Stats{SpeedFactor: 1}
		w.stats[peer] = s
	}
	return s
}

// Observe updates reliability and the speed correction.
func (w *Weighted) Observe(o Observation) {
	s := w.get(o.Peer)
	switch {
	case o.OK:
		s.OK++
	case o.ProviderFault:
		s.Failed++
	}
	if !o.OK || o.Duration <= 0 || o.Benchmark <= 0 {
		return
	}
	// work estimate for the program = duration × declared speed; a provider
	// whose duration × benchmark exceeds the reference is slower than it claims.
	d := o.Duration.Seconds()
	ref, ok := w.work[o.Program]
	norm := d * o.Benchmark * s.SpeedFactor
	if !ok {
		w.work[o.Program] = norm
		return
	}
	w.work[o.Program] = 0.9*ref + 0.1*norm
	observed := ref / (d * o.Benchmark) // observed speed / declared
	observed = math.Max(0.01, math.Min(100, observed))
	s.Observed++
	a := math.Max(0.2, 1/float64(s.Observed))
	s.SpeedFactor = (1-a)*s.SpeedFactor + a*observed
}

// Rank scores candidates; lower is better. Ties break by peer id, so the
// result is deterministic.
func (w *Weighted) Rank(req Request, cands []Candidate) []Ranked {
	wt := WeightsFor(req.Preference)
	var out []Ranked
	for _, c := range cands {
		if c.Price > req.MaxPrice || c.Slots <= 0 {
			continue
		}
		out = append(out, Ranked{Candidate: c, Reliability: w.Stats(c.Peer).Reliability()})
	}
	if len(out) == 0 {
		return nil
	}
	speed := func(r Ranked) float64 {
		return math.Max(r.Benchmark, 1e-9) * w.Stats(r.Peer).SpeedFactor
	}
	var maxPrice, maxTime, maxLat, maxCarbon float64
	for _, r := range out {
		maxPrice = math.Max(maxPrice, float64(r.Price))
		maxTime = math.Max(maxTime, 1/speed(r))
		maxLat = math.Max(maxLat, float64(r.Latency))
		maxCarbon = math.Max(maxCarbon, r.Carbon)
	}
	norm := func(v, m float64) float64 {
		if m <= 0 {
			return 0
		}
		return v / m
	}
	for i := range out {
		r := &out[i]
		r.Score = wt.Price*norm(float64(r.Price), maxPrice) +
			wt.Time*norm(1/speed(*r), maxTime) +
			wt.Risk*(1-r.Reliability) +
			wt.Latency*norm(float64(r.Latency), maxLat) +
			wt.Energy*norm(r.Carbon, maxCarbon)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score < out[j].Score
		}
		return out[i].Peer < out[j].Peer
	})
	return out
}

// Assign places tasks on ranked bidders, best first and round robin so one
// job spreads across providers. A bidder never receives more tasks than its
// Slots; excluded(task, peer) keeps a task off a provider (e.g. one that
// already failed it). Tasks that fit nowhere are left out of the result.
func Assign(tasks []int, bidders []Ranked, excluded func(task int, peer string) bool) map[int]string {
	out := map[int]string{}
	left := make([]int, len(bidders))
	for i, b := range bidders {
		left[i] = b.Slots
	}
	next := 0
	for _, t := range tasks {
		for k := 0; k < len(bidders); k++ {
			i := (next + k) % len(bidders)
			if left[i] <= 0 || (excluded != nil && excluded(t, bidders[i].Peer)) {
				continue
			}
			out[t] = bidders[i].Peer
			left[i]--
			next = i + 1
			break
		}
	}
	return out
}
