package chain

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TestHonestReassignmentIsNotEquivocation reproduces issue 13's first
// attack on the simulated chain: a consumer (or a stranger who saw the
// receipts) assigns the same task twice with a different spec, gets two
// honestly signed receipts with the same job, task, program and inputs but
// different output roots, and reports them as equivocation. The receipts
// now commit to the whole spec (specHash), so the contract refuses them as
// not comparable and the stake stays whole; two receipts for the same spec
// with different outputs still slash.
func TestHonestReassignmentIsNotEquivocation(t *testing.T) {
	e := newTestEnv(t)
	e.stake(e.provider, DECO(100))
	d := e.consumer.Domain()
	key := e.key(e.provider)
	program := wire.CIDOf([]byte("\x00asm render"))
	pd, err := program.Digest()
	must(t, err)
	base := wire.TaskSpec{
		Task: wire.TaskID{Job: wire.NewJobID([16]byte{0x13}), Index: 4}, Count: 8, Attempt: 1,
		Program: program, ProgramSize: 12, Args: []string{"--tile", "4"}, Env: map[string]string{"MODE": "fast"},
		Inputs:      []wire.Input{{Name: "scene.json", Size: 5, CID: wire.CIDOf([]byte("scene"))}},
		MemoryLimit: 64 << 20, TimeoutMs: 10_000, MaxOutput: 1 << 20,
	}
	// receipt builds and signs what the provider's runner signs for spec
	// with the given outputs, and its on-chain form.
	receipt := func(spec wire.TaskSpec, output string) (wire.Receipt, Receipt, []byte) {
		t.Helper()
		in := spec.InputManifest()
		must(t, in.Normalize())
		r := wire.Receipt{Job: spec.Task.Job, Index: spec.Task.Index, Program: spec.Program, InputRoot: in.Root(),
			SpecHash: verify.HashHex(verify.SpecHash(spec)), OutputRoot: wire.CIDOf([]byte(output)),
			Environment: wire.Environment{Runtime: "wazero/1.12", ModuleHash: hex.EncodeToString(pd[:]), MemoryLimit: spec.MemoryLimit, TimeoutMs: spec.TimeoutMs},
			Provider:    e.provider.Address().Hex()}
		verify.Fill(d.Verify(), &r)
		sig, err := verify.Sign(key, d.Verify(), r)
		must(t, err)
		onchain, err := ReceiptFromWire(r)
		must(t, err)
		return r, onchain, sig
	}
	slashable := func() string {
		s, err := e.consumer.Stakes(e.ctx, e.provider.Address())
		must(t, err)
		return add(s.Bonded, s.Unbonding).String()
	}
	full := slashable()

	first, firstOn, firstSig := receipt(base, "tile 4, fast")
	for _, tc := range []struct {
		name string
		edit func(*wire.TaskSpec)
	}{
		{"other args (attempt 2)", func(s *wire.TaskSpec) { s.Attempt, s.Args = 2, []string{"--tile", "5"} }},
		{"other env", func(s *wire.TaskSpec) { s.Env = map[string]string{"MODE": "slow"} }},
		{"other task count", func(s *wire.TaskSpec) { s.Count = 9 }},
		{"other max output", func(s *wire.TaskSpec) { s.MaxOutput = 1 << 10 }},
		{"other kind", func(s *wire.TaskSpec) { s.Kind = wire.KindZK }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := base
			tc.edit(&spec)
			second, secondOn, secondSig := receipt(spec, "a different, honest output")
			if firstOn.InputRoot != secondOn.InputRoot || firstOn.ProgramCID != secondOn.ProgramCID || firstOn.TaskID != secondOn.TaskID {
				t.Fatal("the attack needs receipts alike in job, task, program and inputs")
			}
			if verify.Conflicting(first, second) {
				t.Error("verify.Conflicting calls two different assignments equivocation")
			}
			if _, err := verify.Equivocation(first, firstSig, second, secondSig).Check(d.Verify(), nil); !errors.Is(err, verify.ErrNotEvidence) {
				t.Errorf("gossiped evidence check: want ErrNotEvidence, got %v", err)
			}
			wantRevert(t, e.stranger.ReportEquivocation(e.ctx, firstOn, firstSig, secondOn, secondSig), ErrReceiptsNotComparable)
			if got := slashable(); got != full {
				t.Fatalf("stake %s after the report, want %s untouched", got, full)
			}
		})
	}

	// The same spec retried (attempt 2) with another output is equivocation.
	retry := base
	retry.Attempt = 2
	_, lieOn, lieSig := receipt(retry, "a forged output")
	must(t, e.stranger.ReportEquivocation(e.ctx, firstOn, firstSig, lieOn, lieSig))
	if got := slashable(); got == full {
		t.Fatal("a true equivocation was not slashed")
	}
	wantRevert(t, e.stranger.ReportEquivocation(e.ctx, firstOn, firstSig, lieOn, lieSig), ErrAlreadyReported)
}
