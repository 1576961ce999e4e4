package session

import (
	"context"
	"testing"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// A provider's checkpoints reach the market only when the receipt is
// the attempt's provider's and describes the attempt, and the state came
// from the provider intact within the job's size: forged, oversized and
// missing ones are dropped and the attempt goes on.
func TestCheckpointsCheckedBeforeKept(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	stranger, _ := ethcrypto.GenerateKey()
	a := assignment(p, 0)
	a.Msg.Spec.CheckpointMax = 64
	state := func(s string) wire.CID { r, _ := p.blobs.PutBytes([]byte(s)); return r }
	ck := func(seq uint64, root wire.CID, size int64, key bool) wire.Status {
		x := wire.Checkpoint{Job: testJob, Index: 0, Attempt: 1, Root: root, Size: size, Seq: seq, Permille: int(seq) * 100, Provider: p.evm}
		k := p.key
		if !key {
			k = stranger
		}
		verify.SignCheckpoint(k, c.domain, &x)
		return wire.Status{Task: a.Msg.Spec.Task, Attempt: 1, State: "checkpoint", Checkpoint: &x}
	}
	p.statuses = func(wire.Assign) []wire.Status {
		return []wire.Status{
			ck(1, state("step 1"), 6, true),
			ck(2, state("step 2"), 6, false),                 // signed by another key
			ck(3, state(string(make([]byte, 65))), 65, true), // over the job's size
			ck(4, wire.CIDOf([]byte("never stored")), 12, true),
			ck(5, state("step 5"), 6, true),
		}
	}
	p.result = func(a wire.Assign) *wire.Result {
		return p.signed(t, c.domain, a, 0, map[string][]byte{"out": []byte("x")})
	}
	c.Start(context.Background(), a)
	for _, want := range []uint64{1, 5} {
		got := next[market.Checkpointed](t, c)
		if got.Checkpoint.Seq != want || !c.blobs.Has(got.Checkpoint.Root) {
			t.Fatalf("kept checkpoint %d (stored %v), want %d", got.Checkpoint.Seq, c.blobs.Has(got.Checkpoint.Root), want)
		}
	}
	if out := next[market.Outcome](t, c); !out.Verdict.OK {
		t.Fatalf("verdict %+v", out.Verdict)
	}
}

// A resumed attempt lets its provider read the checkpoint it resumes from.
func TestResumedAttemptGrantsItsCheckpoint(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	a := assignment(p, 0)
	a.Msg.Spec.Resume, _ = c.blobs.PutBytes([]byte("state"))
	granted := make(chan bool, 1)
	p.result = func(wire.Assign) *wire.Result {
		granted <- c.access.Allowed(p.id, a.Msg.Spec.Resume)
		return nil
	}
	c.Start(context.Background(), a)
	if !<-granted {
		t.Fatal("the provider of a resumed attempt may not read its checkpoint")
	}
}

// The gate keeps a provider to the job's interval and to increasing
// sequence numbers.
func TestCheckpointGate(t *testing.T) {
	var g checkpointGate
	every := time.Hour
	if !g.admit(1, every) {
		t.Fatal("the first checkpoint was refused")
	}
	if g.admit(2, every) {
		t.Error("a second checkpoint within the interval was admitted")
	}
	g.last = g.last.Add(-every)
	if g.admit(1, every) {
		t.Error("an old sequence number was admitted")
	}
	if !g.admit(3, every) {
		t.Error("a checkpoint after the interval was refused")
	}
}
