package sched

import (
	"fmt"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// population builds a learned scheduler that knows n providers (offers
// seen, each observed a few times) and the candidates they would be.
func population(n int, cfg LearnedConfig) (*Learned, []Candidate, wire.CID) {
	cfg.Seed = 1
	l := NewLearned(cfg)
	prog := wire.CIDOf([]byte("bench"))
	cands := make([]Candidate, n)
	for i := range cands {
		peer := fmt.Sprintf("12D3KooWBench%040d", i)
		bench := 100 + float64(i%900) + float64(i/900)/16
		price := wire.Amount(1000 + i%1000)
		l.SeeOffer(wire.Offer{Peer: peer, Slots: 4, Benchmark: bench, Ask: price, Resources: wire.Resources{Cores: 4, Memory: 4 << 30},
			Labels: map[string]string{LabelCarbon: fmt.Sprint(50 + i%600)}}, 20*time.Millisecond)
		for k := range 3 {
			l.Observe(Observation{Peer: peer, Program: prog, OK: true, Duration: time.Duration(float64(time.Minute) * 300 / bench * (1 + 0.05*float64(k))), Benchmark: bench})
		}
		cands[i] = Candidate{Peer: peer, Price: price, Slots: 1 + i%4, Benchmark: bench, Latency: 20 * time.Millisecond}
	}
	// The market lists candidates in map order: shuffle them the same way
	// every run.
	for i := len(cands) - 1; i > 0; i-- {
		j := int(mix64(uint64(i)) % uint64(i+1))
		cands[i], cands[j] = cands[j], cands[i]
	}
	return l, cands, prog
}

// decide is one auction round's scheduling work: choose whom to ask among
// every eligible provider, then rank the bidders (the shortlisted ones).
func decide(l *Learned, r Round, eligible []Candidate) {
	bids := l.Shortlist(r, eligible, 16)
	l.Plan(r, bids)
}

// benchPool is a Pool over a candidate list, looked up by peer id as the
// market's is.
type benchPool struct {
	cands []Candidate
	at    map[string]int
}

func newBenchPool(cands []Candidate) *benchPool {
	p := &benchPool{cands: cands, at: make(map[string]int, len(cands))}
	for i, c := range cands {
		p.at[c.Peer] = i
	}
	return p
}

func (p *benchPool) Len() int { return len(p.cands) }

func (p *benchPool) All() []Candidate { return append([]Candidate(nil), p.cands...) }

func (p *benchPool) Lookup(peer string) (Candidate, bool) {
	i, ok := p.at[peer]
	if !ok {
		return Candidate{}, false
	}
	return p.cands[i], true
}

// LookupHint implements HintedPool as the market's pool does: the memo is
// the candidate's index, checked against the peer id.
func (p *benchPool) LookupHint(peer string, hint *int32) (Candidate, bool) {
	if h := int(*hint); h >= 0 && h < len(p.cands) && p.cands[h].Peer == peer {
		return p.cands[h], true
	}
	i, ok := p.at[peer]
	if !ok {
		return Candidate{}, false
	}
	*hint = int32(i)
	return p.cands[i], true
}

// decidePool is decide as the market runs it: the eligible providers
// given as a Pool.
func decidePool(l *Learned, r Round, p Pool) {
	bids := l.ShortlistPool(r, p, 16)
	l.Plan(r, bids)
}

// BenchmarkDecision is the scheduler's CPU time per auction round with
// 1,000 and 10,000 providers eligible: the learned scheduler as it runs
// (screening the eligible providers, or above LearnedConfig.Screen a
// sample of them and the elite, and Thompson sampling the most promising),
// the same decision screening and sampling every provider (the exhaustive
// reference), and the foundation's Weighted ranking every provider. It reports µs per
// decision for each and the learned scheduler's speed-up over the two
// references, measured in the same run (the machine is shared and noisy:
// compare ratios, not absolute times).
func BenchmarkDecision(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("providers=%d", n), func(b *testing.B) {
			l, cands, prog := population(n, LearnedConfig{})
			ls, _, _ := population(n, LearnedConfig{})
			ex, _, _ := population(n, LearnedConfig{Preselect: -1, Screen: -1})
			pool := newBenchPool(cands)
			w := NewWeighted()
			now := time.Unix(1e9, 0)
			r := Round{Request: Request{MaxPrice: 1e9, Preference: "balanced", Program: prog}, Now: now, Tasks: 32, Backlog: 5000, Timeout: time.Hour}
			decidePool(l, r, pool) // builds the index, as the first round does
			decide(ls, r, cands)
			decide(ex, r, cands)
			timeIt := func(f func(i int)) time.Duration {
				t0 := time.Now()
				for i := 0; i < b.N; i++ {
					f(i)
				}
				return time.Since(t0)
			}
			b.ResetTimer()
			fast := timeIt(func(i int) {
				r.Now = now.Add(time.Duration(i) * time.Millisecond)
				decidePool(l, r, pool)
			})
			b.StopTimer()
			slice := timeIt(func(i int) {
				r.Now = now.Add(time.Duration(i) * time.Millisecond)
				decide(ls, r, cands)
			})
			full := timeIt(func(i int) {
				r.Now = now.Add(time.Duration(i) * time.Millisecond)
				decide(ex, r, cands)
			})
			weighted := timeIt(func(int) { w.Rank(r.Request, cands) })
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(b.N) }
			b.ReportMetric(per(fast), "µs/decision")
			b.ReportMetric(per(fast)/float64(r.Tasks), "µs/task")
			b.ReportMetric(per(slice), "slice-µs/decision")
			b.ReportMetric(per(full), "exhaustive-µs/decision")
			b.ReportMetric(per(weighted), "weighted-µs/decision")
			b.ReportMetric(float64(slice)/float64(fast), "speedup-vs-slice")
			b.ReportMetric(float64(full)/float64(fast), "speedup-vs-exhaustive")
			b.ReportMetric(float64(weighted)/float64(fast), "speedup-vs-weighted")
		})
	}
}

// BenchmarkPlan ranks a round's bidders, with 10,000 providers known.
func BenchmarkPlan(b *testing.B) {
	for _, bidders := range []int{16, 64} {
		b.Run(fmt.Sprintf("known=10000/bidders=%d", bidders), func(b *testing.B) {
			l, cands, prog := population(10000, LearnedConfig{})
			now := time.Unix(1e9, 0)
			r := Round{Request: Request{MaxPrice: 1e9, Preference: "balanced", Program: prog}, Now: now, Tasks: 32, Backlog: 5000, Timeout: time.Hour}
			bids := cands[:bidders]
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				l.Plan(r, bids)
			}
		})
	}
}
