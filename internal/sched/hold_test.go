package sched

import (
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// A task of a program never seen before is placed at once on idle
// providers as fast as any known: the straggler rule only holds tasks for
// faster providers, and judges every candidate at the same work, so the
// cautiously fastest always passes (a node once held such a task for the
// 30 s between index rebuilds).
func TestNewProgramNotHeldOnIdleProviders(t *testing.T) {
	l := NewLearned(LearnedConfig{Seed: 7})
	now := time.Unix(1e9, 0)
	cands := []Candidate{{Peer: "A", Price: 500, Slots: 4, Benchmark: 77}, {Peer: "B", Price: 500, Slots: 4, Benchmark: 77}}
	for _, c := range cands {
		l.SeeOffer(wire.Offer{Peer: c.Peer, Slots: 4, Benchmark: 77, Ask: 500, Resources: wire.Resources{Cores: 2, Memory: 4 << 30}}, time.Millisecond)
	}
	slow := wire.CIDOf([]byte("a 2 s program"))
	r := Round{Request: Request{MaxPrice: 1e9, Program: slow}, Now: now, Tasks: 1, Backlog: 1, Timeout: 2 * time.Minute}
	if got := l.Shortlist(r, cands, 16); len(got) == 0 {
		t.Fatal("first program held on idle providers")
	}
	l.Plan(r, cands)
	for _, c := range cands {
		l.Observe(Observation{Peer: c.Peer, Program: slow, OK: true, Duration: 2 * time.Second, Benchmark: 77})
	}
	for _, d := range []time.Duration{time.Millisecond, time.Second, time.Minute} {
		prog := wire.CIDOf([]byte("new program " + d.String()))
		r := Round{Request: Request{MaxPrice: 1e9, Program: prog}, Now: now.Add(3 * time.Second), Tasks: 1, Backlog: 1, Timeout: 2 * time.Minute}
		if got := l.Shortlist(r, cands, 16); len(got) == 0 {
			t.Fatalf("a new program's task is held with two idle providers (timeout %s)", r.Timeout)
		}
	}
}
