package sim

import (
	"context"
	"testing"
)

// Colluders that share a network prefix and a stake funder never sit in
// one task's quorum, so under replicate:2 they cannot get a wrong result
// accepted or paid, whatever the seed.
func TestRelatedColludersNeverFormAQuorum(t *testing.T) {
	for _, seed := range []uint64{0, 1, 2} {
		v := Verification{Policy: "replicate:2", Tasks: 1000, Jobs: 4, Providers: 40, Cheaters: 0.2, Collude: true, Related: true, Seed: seed, seeded: true}
		r, err := RunVerification(context.Background(), v)
		if err != nil {
			t.Fatal(err)
		}
		if r.Lies == 0 || r.WrongAccepted != 0 || r.WrongPaid != 0 {
			t.Fatalf("seed %d: %s", seed, r)
		}
	}
}

// Colluding unrelated Sybils agree on one wrong root; secret replica draws,
// the consumer's local checks and re-checks of a caught cheater's results
// keep what they slip through small on every seed of a small sweep, and
// adaptive stays cheap. Local checks run on about the configured share.
func TestColludingSybilsSweep(t *testing.T) {
	ws, err := Sweep{Base: Verification{Jobs: 4, Collude: true}, Seeds: []uint64{0, 1, 2, 3}, Sizes: []Size{{1000, 40}}, Workers: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.Runs != 4 || w.WrongAccepted.Result.WrongRate > 0.003 || w.LocalChecks < 0.01 || w.LocalChecks > 0.03 {
			t.Fatalf("%s: worst wrong accepted %s; %.4f local checks per task", w.Policy, w.WrongAccepted.Result, w.LocalChecks)
		}
		if w.Policy == "adaptive" && w.Replicas.Result.Replicas > 1.5 { // small populations replicate more newcomers
			t.Fatalf("adaptive costs %.3f replicas per task (seed %d)", w.Replicas.Result.Replicas, w.Replicas.Seed)
		}
	}
	off, err := RunVerification(context.Background(), Verification{Tasks: 500, Jobs: 2, Providers: 20, LocalCheck: -1})
	if err != nil {
		t.Fatal(err)
	}
	if off.LocalChecks != 0 {
		t.Fatalf("local checks off, yet %d ran", off.LocalChecks)
	}
}
