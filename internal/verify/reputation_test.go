package verify

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

var t0 = time.Unix(1_700_000_000, 0).UTC()

func TestReputationOutcomes(t *testing.T) {
	prog, other := wire.CIDOf([]byte("p")), wire.CIDOf([]byte("q"))
	tests := []struct {
		name     string
		outcomes []Outcome
		trust    Trust
		rel      float64
	}{
		{"unknown", nil, Trust{}, 0.5},
		{"validated", []Outcome{Validated, Validated, Validated}, Trust{Run: 3, Valid: 3}, 4.0 / 5},
		{"unchecked count half", []Outcome{Unchecked, Unchecked}, Trust{Run: 2, Unchecked: 2}, 2.0 / 3},
		{"a check ends the unchecked streak", []Outcome{Unchecked, Unchecked, Validated}, Trust{Run: 3, Valid: 1}, 3.0 / 4},
		{"invalid resets the run and weighs ten", []Outcome{Validated, Validated, Invalid}, Trust{Run: 0, Valid: 2, Invalid: 1}, 3.0 / 14},
		{"fault keeps the run", []Outcome{Validated, Fault, Validated}, Trust{Run: 2, Valid: 2}, 3.0 / 5},
		{"run grows again", []Outcome{Invalid, Validated, Unchecked}, Trust{Run: 2, Unchecked: 1, Valid: 1, Invalid: 1}, 2.5 / 13.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReputation(ReputationConfig{})
			for _, o := range tt.outcomes {
				p := prog
				if o == Fault {
					p = "" // faults are no program's
				}
				r.Observe(t0, "peer", p, o)
			}
			if got := r.Trust("peer", prog); got != tt.trust {
				t.Fatalf("trust %+v, want %+v", got, tt.trust)
			}
			if got := r.Reliability("peer", t0); math.Abs(got-tt.rel) > 1e-9 {
				t.Fatalf("reliability %g, want %g", got, tt.rel)
			}
			if got := r.Trust("peer", other); got != (Trust{}) {
				t.Fatalf("trust leaked to another program: %+v", got)
			}
		})
	}
}

// Slow to earn, fast to lose: one invalid result undoes ten valid ones.
func TestReputationFastToLose(t *testing.T) {
	r := NewReputation(ReputationConfig{})
	prog := wire.CIDOf([]byte("p"))
	for i := 0; i < 10; i++ {
		r.Observe(t0, "p", prog, Validated)
	}
	before := r.Reliability("p", t0)
	r.Observe(t0, "p", prog, Invalid)
	if after := r.Reliability("p", t0); before < 0.9 || after > 0.55 {
		t.Fatalf("reliability %g -> %g", before, after)
	}
}

func TestReputationDecays(t *testing.T) {
	r := NewReputation(ReputationConfig{HalfLife: time.Hour})
	prog := wire.CIDOf([]byte("p"))
	r.Observe(t0, "p", prog, Invalid)
	if got := r.Record("p", t0.Add(2*time.Hour)).Invalid; math.Abs(got-0.25) > 1e-9 {
		t.Fatalf("invalid after two half-lives %g", got)
	}
	// Old sins fade: reliability recovers toward the prior.
	if a, b := r.Reliability("p", t0), r.Reliability("p", t0.Add(10*time.Hour)); !(a < b && b < 0.5) {
		t.Fatalf("reliability %g then %g", a, b)
	}
	// Trust runs do not decay: they count results, not time.
	if r.Trust("p", prog).Invalid != 1 {
		t.Fatal("trust decayed")
	}
	// Observing later applies the decay first.
	r.Observe(t0.Add(time.Hour), "p", prog, Validated)
	if rec := r.Record("p", t0.Add(time.Hour)); math.Abs(rec.Invalid-0.5) > 1e-9 || rec.Valid != 1 {
		t.Fatalf("record %+v", rec)
	}
}

func TestReputationJSON(t *testing.T) {
	r := NewReputation(ReputationConfig{})
	prog := wire.CIDOf([]byte("p"))
	r.Observe(t0, "a", prog, Validated)
	r.Observe(t0, "a", prog, Unchecked)
	r.Observe(t0, "b", prog, Invalid)
	r.Observe(t0, "b", "", Fault)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	r2 := NewReputation(ReputationConfig{})
	if err := json.Unmarshal(b, r2); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a", "b"} {
		if r.Reliability(p, t0) != r2.Reliability(p, t0) || r.Trust(p, prog) != r2.Trust(p, prog) {
			t.Fatalf("%s differs after a round trip: %s", p, b)
		}
	}
	if got := r2.Peers(); len(got) != 2 || got[0] != "a" {
		t.Fatalf("peers %v", got)
	}
	var zero Reputation // a zero value can be loaded into and used
	if err := json.Unmarshal(b, &zero); err != nil || zero.Reliability("a", t0) != r.Reliability("a", t0) {
		t.Fatalf("zero value: %v", err)
	}
	zero.Observe(t0, "c", prog, Validated)
}

func TestAdaptiveProbability(t *testing.T) {
	c := AdaptiveConfig{Threshold: 10, Check: 0.5, MinCheck: 0.05, Penalty: 4, MaxUnchecked: 8}
	tests := []struct {
		trust Trust
		want  float64
	}{
		{Trust{}, 1},
		{Trust{Run: 9}, 1},
		{Trust{Run: 10}, 0.5},
		{Trust{Run: 20}, 0.25},
		{Trust{Run: 100}, 0.05},
		{Trust{Run: 1000}, 0.05},
		{Trust{Run: 49, Invalid: 1}, 1}, // needs 10 + 4×10
		{Trust{Run: 50, Invalid: 1}, 0.5},
		{Trust{Run: 1000, Unchecked: 7}, 0.05},
		{Trust{Run: 1000, Unchecked: 8}, 1}, // too long without a check
	}
	for _, tt := range tests {
		if got := c.Probability(tt.trust); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Probability(%+v) = %g, want %g", tt.trust, got, tt.want)
		}
	}
	never := AdaptiveConfig{Threshold: 1, Check: -1, MinCheck: -1}
	if p := never.WithDefaults().WithDefaults().Probability(Trust{Run: 5}); p != 0 {
		t.Fatalf("negative probabilities must read as 0 and survive WithDefaults, got %g", p)
	}
	if err := (AdaptiveConfig{Check: 2}).Validate(); !errors.Is(err, ErrBadAdaptive) {
		t.Fatalf("check 2 accepted: %v", err)
	}
	if err := (AdaptiveConfig{}).Validate(); err != nil {
		t.Fatal(err)
	}
}

// Replicate draws are deterministic per (seed, key), differ across seeds,
// and fire at about the configured rate.
func TestAdaptiveReplicateDraws(t *testing.T) {
	c := AdaptiveConfig{Threshold: 1, Check: 0.2, MinCheck: 0.2, Seed: 42}
	tr := Trust{Run: 100}
	hits, same := 0, 0
	const n = 20000
	for i := 0; i < n; i++ {
		key := string(rune(i)) + "/task"
		a := c.Replicate(tr, key)
		if a != c.Replicate(tr, key) {
			t.Fatal("not deterministic")
		}
		if a {
			hits++
		}
		c2 := c
		c2.Seed = 43
		if a == c2.Replicate(tr, key) {
			same++
		}
	}
	if rate := float64(hits) / n; rate < 0.18 || rate > 0.22 {
		t.Fatalf("spot-check rate %g, want about 0.2", rate)
	}
	if same == n {
		t.Fatal("the seed does not matter")
	}
	if !c.Replicate(Trust{}, "x") {
		t.Fatal("an untrusted provider must always be replicated")
	}
}
