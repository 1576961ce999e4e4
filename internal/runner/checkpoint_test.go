package runner

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// A resumed run gets the checkpoint it resumes from; each state it saves
// is stored, readable by the consumer only, signed in a checkpoint receipt
// the consumer's check accepts; only the newest two stay stored; the
// final receipt names the checkpoint the run started from.
func TestRunShipsCheckpoints(t *testing.T) {
	program, input := []byte("\x00asm program"), []byte("in")
	resume := []byte("state 3")
	var restored []byte
	ex := &fakeExec{run: func(_ context.Context, s exec.Spec) (exec.Result, error) {
		restored = s.Restore
		for i := 4; i <= 7; i++ {
			s.OnProgress(i * 100)
			if err := s.OnCheckpoint([]byte(fmt.Sprintf("state %d", i))); err != nil {
				return exec.Result{}, err
			}
		}
		return exec.Result{}, nil
	}}
	f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: ex, Runtime: "test/1", MaxInput: 1 << 20}}, nil)
	a := assign(t, program, input)
	a.Spec.Resume, a.Spec.CheckpointMax = wire.CIDOf(resume), 1<<10
	a.Inline[a.Spec.Resume] = resume
	consumer := peer.ID("consumer")
	var got []wire.Checkpoint
	var progress []int
	res, _ := f.r.RunHooks(context.Background(), consumer, a, 0, Hooks{
		OnCheckpoint: func(c wire.Checkpoint) { got = append(got, c) },
		OnProgress:   func(p int) { progress = append(progress, p) },
	})
	if res.Failure != "" {
		t.Fatalf("failed: %s: %s", res.Failure, res.Message)
	}
	if string(restored) != "state 3" {
		t.Errorf("restored %q, want the resumed checkpoint", restored)
	}
	if len(got) != 4 || len(progress) != 4 {
		t.Fatalf("%d checkpoints and %d progress reports, want 4 each", len(got), len(progress))
	}
	for i, c := range got {
		if c.Seq != uint64(i+1) || c.Permille != (i+4)*100 || c.Root != wire.CIDOf([]byte(fmt.Sprintf("state %d", i+4))) {
			t.Errorf("checkpoint %d: %+v", i, c)
		}
		if err := verify.CheckCheckpoint(f.signer.Domain, c, a.Spec, f.signer.EVM, 1<<10); err != nil {
			t.Errorf("checkpoint %d refused: %v", i, err)
		}
	}
	last := got[len(got)-1].Root
	if !f.blobs.Has(last) || f.blobs.Has(got[0].Root) || f.blobs.Has(got[1].Root) {
		t.Error("the run should keep only its newest checkpoint once it ended")
	}
	if !f.access.Allowed(consumer, last) || f.access.Allowed(peer.ID("stranger"), last) {
		t.Error("the checkpoint should be readable by the consumer and no one else")
	}
	if res.Receipt == nil || res.Receipt.Resume != a.Spec.Resume {
		t.Fatalf("receipt %+v does not name the checkpoint it resumed from", res.Receipt)
	}
	if err := verify.Check(f.signer.Domain, *res.Receipt, res.Signature, verify.Expect{Spec: a.Spec, Provider: f.signer.EVM}); err != nil {
		t.Errorf("resumed receipt refused: %v", err)
	}
}

// A checkpoint the consumer cannot serve fails the attempt as the
// provider's trouble, before anything runs.
func TestRunResumeUnavailable(t *testing.T) {
	ran := false
	ex := &fakeExec{run: func(context.Context, exec.Spec) (exec.Result, error) { ran = true; return exec.Result{}, nil }}
	f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: ex, Runtime: "test/1", MaxInput: 1 << 20}}, nil)
	a := assign(t, []byte("\x00asm"), []byte("in"))
	a.Spec.Resume = wire.CIDOf([]byte("gone"))
	res, _ := f.r.Run(context.Background(), "consumer", a, 0, func(string, string) {})
	if ran || res.Failure != wire.FailProvider {
		t.Fatalf("ran %v, result %s: %s", ran, res.Failure, res.Message)
	}
}

// A consumer cannot make its provider checkpoint in a tight loop or keep
// states larger than any job may ask.
func TestCheckpointBoundsClamped(t *testing.T) {
	for _, c := range []struct {
		everyMs, max int64
		every        time.Duration
		size         int
	}{
		{0, 0, 0, 0},
		{1, 1 << 40, spec.MinCheckpointEvery, spec.MaxCheckpointSize},
		{5000, 1 << 20, 5 * time.Second, 1 << 20},
		{-1, -1, 0, 0},
	} {
		s := wire.TaskSpec{CheckpointEveryMs: c.everyMs, CheckpointMax: c.max}
		if checkpointEvery(s) != c.every || checkpointMax(s) != c.size {
			t.Errorf("every %d ms, max %d: got %s and %d, want %s and %d", c.everyMs, c.max, checkpointEvery(s), checkpointMax(s), c.every, c.size)
		}
	}
}
