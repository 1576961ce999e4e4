package sched

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/wire"
)

func TestRankPreferences(t *testing.T) {
	cands := []Candidate{
		{Peer: "cheap-slow", Price: 100, Slots: 1, Benchmark: 1},
		{Peer: "dear-fast", Price: 1000, Slots: 1, Benchmark: 10},
		{Peer: "too-dear", Price: 5000, Slots: 1, Benchmark: 100},
	}
	w := NewWeighted()
	tests := []struct{ pref, best string }{{"cheap", "cheap-slow"}, {"fast", "dear-fast"}}
	for _, tt := range tests {
		r := w.Rank(Request{MaxPrice: 1000, Preference: tt.pref}, cands)
		if len(r) != 2 {
			t.Fatalf("%s: %d ranked, want 2 (too-dear filtered)", tt.pref, len(r))
		}
		if r[0].Peer != tt.best {
			t.Errorf("%s: best %s, want %s", tt.pref, r[0].Peer, tt.best)
		}
	}
}

func TestObserveReliabilityAndSpeed(t *testing.T) {
	w := NewWeighted()
	prog := wire.CIDOf([]byte("p"))
	// honest: benchmark 10, 1s per task. liar: claims 100, also takes 1s.
	for i := 0; i < 10; i++ {
		w.Observe(Observation{Peer: "honest", Program: prog, OK: true, Duration: time.Second, Benchmark: 10})
		w.Observe(Observation{Peer: "liar", Program: prog, OK: true, Duration: time.Second, Benchmark: 100})
	}
	if f := w.Stats("liar").SpeedFactor; f > 0.5 {
		t.Fatalf("liar speed factor %.2f, want well below 1", f)
	}
	r := w.Rank(Request{MaxPrice: 10, Preference: "fast"}, []Candidate{
		{Peer: "liar", Price: 1, Slots: 1, Benchmark: 100}, {Peer: "honest", Price: 1, Slots: 1, Benchmark: 10}})
	if r[0].Peer != "honest" && w.Stats("liar").SpeedFactor*100 > 10*w.Stats("honest").SpeedFactor {
		t.Fatalf("over-declaring provider still wins: %+v", r)
	}
	w.Observe(Observation{Peer: "flaky", ProviderFault: true})
	if w.Stats("flaky").Reliability() >= w.Stats("honest").Reliability() {
		t.Fatal("a failure did not lower reliability")
	}
}

func TestAssignSpreads(t *testing.T) {
	b := []Ranked{{Candidate: Candidate{Peer: "a", Slots: 2}}, {Candidate: Candidate{Peer: "b", Slots: 2}}}
	got := Assign([]int{0, 1, 2, 3, 4}, b, func(task int, peer string) bool { return task == 0 && peer == "a" })
	if len(got) != 4 || got[0] != "b" {
		t.Fatalf("assign %v", got)
	}
}

// Property: never above a bidder's slots, never a bid above max price, each
// task at most once, never an excluded pair.
func TestAssignProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "bidders")
		var cands []Candidate
		for i := 0; i < n; i++ {
			cands = append(cands, Candidate{
				Peer:      fmt.Sprintf("p%d", i),
				Price:     wire.Amount(rapid.Uint64Range(0, 200).Draw(t, "price")),
				Slots:     rapid.IntRange(0, 5).Draw(t, "slots"),
				Benchmark: rapid.Float64Range(0, 100).Draw(t, "bench"),
				Latency:   time.Duration(rapid.Int64Range(0, 1e9).Draw(t, "lat")),
			})
		}
		max := wire.Amount(rapid.Uint64Range(0, 200).Draw(t, "max"))
		tasks := make([]int, rapid.IntRange(0, 40).Draw(t, "tasks"))
		for i := range tasks {
			tasks[i] = i
		}
		exMod := rapid.IntRange(1, 5).Draw(t, "exmod")
		excluded := func(task int, peer string) bool { return (task+len(peer))%exMod == 0 }
		ranked := NewWeighted().Rank(Request{MaxPrice: max, Preference: "balanced"}, cands)
		got := Assign(tasks, ranked, excluded)
		per := map[string]int{}
		slots := map[string]int{}
		price := map[string]wire.Amount{}
		for _, c := range cands {
			slots[c.Peer], price[c.Peer] = c.Slots, c.Price
		}
		for task, p := range got {
			per[p]++
			if price[p] > max {
				t.Fatalf("task %d on %s above max price", task, p)
			}
			if excluded(task, p) {
				t.Fatalf("task %d on excluded %s", task, p)
			}
		}
		for p, k := range per {
			if k > slots[p] {
				t.Fatalf("%s got %d tasks with %d slots", p, k, slots[p])
			}
		}
	})
}
