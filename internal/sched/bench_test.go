package sched

import (
	"fmt"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// population builds a learned scheduler that knows n providers (offers
// seen, each observed a few times) and the candidates they would be.
func population(n int) (*Learned, []Candidate, wire.CID) {
	l := NewLearned(LearnedConfig{Seed: 1})
	prog := wire.CIDOf([]byte("bench"))
	cands := make([]Candidate, n)
	for i := range cands {
		peer := fmt.Sprintf("12D3KooWBench%040d", i)
		bench := 100 + float64(i%900)
		l.SeeOffer(wire.Offer{Peer: peer, Slots: 4, Benchmark: bench, Resources: wire.Resources{Cores: 4, Memory: 4 << 30},
			Labels: map[string]string{LabelCarbon: fmt.Sprint(50 + i%600)}}, 20*time.Millisecond)
		for k := range 3 {
			l.Observe(Observation{Peer: peer, Program: prog, OK: true, Duration: time.Duration(float64(time.Minute) * 300 / bench * (1 + 0.05*float64(k))), Benchmark: bench})
		}
		cands[i] = Candidate{Peer: peer, Price: wire.Amount(1000 + i%1000), Slots: 1 + i%4, Benchmark: bench, Latency: 20 * time.Millisecond}
	}
	return l, cands, prog
}

// BenchmarkPlan is the decision the market waits on when an auction
// closes: ranking a round's bidders, with 10,000 providers known.
func BenchmarkPlan(b *testing.B) {
	for _, bidders := range []int{16, 64} {
		b.Run(fmt.Sprintf("known=10000/bidders=%d", bidders), func(b *testing.B) {
			l, cands, prog := population(10000)
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

// BenchmarkShortlist chooses whom to ask among every eligible provider.
func BenchmarkShortlist(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("eligible=%d", n), func(b *testing.B) {
			l, cands, prog := population(n)
			now := time.Unix(1e9, 0)
			r := Round{Request: Request{MaxPrice: 1e9, Preference: "balanced", Program: prog}, Now: now, Tasks: 32, Backlog: 5000, Timeout: time.Hour}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r.Now = now.Add(time.Duration(i) * time.Millisecond)
				l.Shortlist(r, cands, 16)
				l.Plan(r, nil) // the round closes: its reservations end
			}
		})
	}
}
