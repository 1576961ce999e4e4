package node

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Issue 13's first attack, over real libp2p and the simulated chain: a
// consumer whose task ran sends the provider a second assignment of the
// same task (attempt 2) with other args, hoping for a second honest receipt
// with the same job, task, program and inputs and another output root to
// report as equivocation. The provider refuses it, so the consumer gets no
// second receipt; the same spec retried can only ever give the first
// output again.
func TestSecondAssignmentWithOtherArgsRefused(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1, Chain: true})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cons, prov := c.Consumer, c.Providers[0]

	// An ordinary job: hello's output names its args.
	j := spec.Job{Program: spec.Program{CID: upload(t, c.Client, examples.HelloWASM())},
		Tasks: spec.Tasks{Args: []string{"four"}}, Verification: spec.VerifyReceipt}
	done := runJob(t, c.Client, j)
	if done.State != api.JobCompleted || len(done.Tasks[0].Attempts) != 1 {
		t.Fatalf("job %s: %s", done.State, done.Reason)
	}
	first := done.Tasks[0].Attempts[0]
	if first.Receipt == nil || first.Provider != prov.PeerID().String() {
		t.Fatalf("first attempt: %+v", first)
	}

	// The consumer's own session machinery on its own peer, with the
	// outcomes collected here instead of going to its market.
	var mu sync.Mutex
	var events []market.Event
	got := make(chan struct{}, 16)
	attacker := session.New(session.Config{
		Host: session.Network(cons.host), Blobs: cons.blobs, Seal: cons.seal, Open: cons.open,
		Post: func(_ context.Context, ev market.Event) {
			mu.Lock()
			events = append(events, ev)
			mu.Unlock()
			got <- struct{}{}
		},
		Domain: cons.domain, Attestation: cons.opts.Attestation, Proofs: zkJudge{cons},
		Binding: cons.binding, Access: cons.access,
	})
	t.Cleanup(func() { attacker.Close(); attacker.Wait() })
	outcome := func(attempt int) market.Verdict {
		t.Helper()
		for {
			mu.Lock()
			for _, ev := range events {
				if o, ok := ev.(market.Outcome); ok && o.Attempt == attempt {
					mu.Unlock()
					return o.Verdict
				}
			}
			mu.Unlock()
			select {
			case <-got:
			case <-ctx.Done():
				t.Fatalf("no outcome for attempt %d", attempt)
			}
		}
	}
	// A fresh standing bid first, as an honest consumer's market would have.
	attacker.RequestBid(ctx, market.RequestBid{Peer: first.Provider, Req: wire.BidRequest{
		Job: done.ID, Round: 9, Tasks: []int{0}, Program: j.Program.CID, ProgramSz: int64(len(examples.HelloWASM())),
		Need: wire.Resources{Cores: 1, Memory: 64 << 20}, TimeoutMs: 60_000, MaxPrice: first.Price, Consumer: cons.EVM().Hex()}})

	// The task as the consumer's market assigned it (market.taskSpec).
	j.Defaults()
	task := wire.TaskSpec{Task: wire.TaskID{Job: done.ID, Index: 0}, Count: j.Tasks.Count, Program: j.Program.CID,
		ProgramSize: int64(len(examples.HelloWASM())), Env: j.EnvFor(0), Inputs: j.InputsFor(0),
		MemoryLimit: uint64(j.Resources.Memory), TimeoutMs: time.Duration(j.Timeout).Milliseconds(), MaxOutput: int64(j.MaxOutput)}
	send := func(attempt int, args ...string) market.Verdict {
		s := task
		s.Attempt, s.Args = attempt, args
		if got := verify.HashHex(verify.SpecHash(s)); (got == first.Receipt.SpecHash) != slices.Equal(args, j.ArgsFor(0)) {
			t.Fatalf("attempt %d's spec hash %s against the first receipt's %s: the test rebuilt the assigned spec wrong", attempt, got, first.Receipt.SpecHash)
		}
		attacker.Start(ctx, market.Assign{Peer: first.Provider, EVM: first.EVM,
			Msg: wire.Assign{Spec: s, Price: first.Price, Consumer: cons.EVM().Hex()}})
		return outcome(attempt)
	}

	v := send(2, "five")
	if v.Receipt != nil || v.OK || !strings.Contains(v.Reason, "different spec") {
		t.Fatalf("a second assignment with other args was not refused: ok %v, reason %q, receipt %+v", v.OK, v.Reason, v.Receipt)
	}

	// The same spec again: served (a retry is no attack) or refused for
	// want of escrow, but never a receipt with another output.
	v = send(3, "four")
	t.Logf("the same spec retried: ok %v, reason %q", v.OK, v.Reason)
	if v.Receipt != nil {
		if v.Receipt.OutputRoot != first.Receipt.OutputRoot || v.Receipt.SpecHash != first.Receipt.SpecHash {
			t.Fatalf("the same spec retried gave another receipt: %+v, first %+v", v.Receipt, first.Receipt)
		}
		if verify.Conflicting(*first.Receipt, *v.Receipt) {
			t.Fatal("the retry's receipt conflicts with the first")
		}
	} else if strings.Contains(v.Reason, "different spec") {
		t.Fatalf("the same spec retried was refused as different: %s", v.Reason)
	}
}
