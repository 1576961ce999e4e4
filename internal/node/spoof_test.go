package node

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/p2p/p2ptest"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// TestSpoofedConsumerGetsNoWork reproduces issue 13's spoofed-consumer
// attack with real libp2p and the simulated chain: a stranger with no
// DECO learns a job's id and its consumer's address (both public on
// chain) and asks the job's provider for work as that consumer, so the
// consumer's escrow would pay for it. Before identity bindings the
// provider ran it and reserved the escrow for it, and refused the real
// consumer's own tasks ("escrow has 0 DECO left") for up to 10 minutes.
// Now every try is refused and the job completes promptly.
func TestSpoofedConsumerGetsNoWork(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1, Slots: 1, Chain: true})
	cons, prov := c.Consumer, c.Providers[0]
	stranger := p2ptest.NewPeer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := stranger.Host.Connect(ctx, prov.Addrs()[0]); err != nil {
		t.Fatal(err)
	}

	hello := examples.HelloWASM()
	js := spec.Job{Program: spec.Program{CID: upload(t, c.Client, hello)}, Tasks: spec.Tasks{Count: 4}, Verification: spec.VerifyReceipt}
	js.Defaults()
	// Each task may cost the whole deposit's share: one stolen
	// reservation leaves the last task of the job uncovered.
	start := time.Now()
	job, err := c.Client.Submit(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	for { // the escrow is open once the first attempt is out
		j, err := c.Client.Job(ctx, string(job.ID))
		if err != nil {
			t.Fatal(err)
		}
		if len(j.Tasks) > 0 && len(j.Tasks[0].Attempts) > 0 || j.State != api.JobPending {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}

	assign := wire.Assign{
		Spec: wire.TaskSpec{Task: wire.TaskID{Job: job.ID, Index: 3}, Count: 4, Attempt: 7, Program: wire.CIDOf(hello), ProgramSize: int64(len(hello)),
			MemoryLimit: 64 << 20, TimeoutMs: 10_000, MaxOutput: 1 << 20},
		Price: js.Price.Max, Consumer: cons.id.EVM, Inline: map[wire.CID][]byte{wire.CIDOf(hello): hello},
	}
	req := wire.BidRequest{Job: job.ID, Round: 1, Tasks: []int{3}, Need: wire.Resources{Cores: 1, Memory: 1 << 20}, TimeoutMs: 10_000,
		MaxPrice: js.Price.Max, Consumer: cons.id.EVM}
	for name, b := range map[string]wire.Binding{"the consumer's copied": cons.binding, "its own": stranger.Binding, "none": {}} {
		req.Binding, assign.Binding = b, b
		if bid := stranger.RequestBid(t, prov.PeerID(), req); bid.Accept || !strings.Contains(bid.Reason, "not bound to the sending peer") {
			t.Errorf("binding %s: the stranger's bid request as the consumer was answered %+v", name, bid)
		}
		if res := stranger.Assign(t, prov.PeerID(), assign); res.Failure != wire.FailProvider || !strings.Contains(res.Message, "not bound to the sending peer") {
			t.Errorf("binding %s: the stranger's assignment as the consumer: %+v", name, res)
		}
	}
	// As itself it is bound, but the escrow is the consumer's (or the
	// slot busy with the consumer's task), and no bid was made to it.
	req.Consumer, req.Binding = stranger.Binding.EVM, stranger.Binding
	if bid := stranger.RequestBid(t, prov.PeerID(), req); bid.Accept {
		t.Errorf("the stranger's bid request as itself was answered %+v", bid)
	}
	assign.Consumer, assign.Binding = stranger.Binding.EVM, stranger.Binding
	if res := stranger.Assign(t, prov.PeerID(), assign); res.Failure != wire.FailProvider || !strings.Contains(res.Message, "no standing bid") {
		t.Errorf("the stranger's assignment as itself: %+v", res)
	}

	if err := c.Client.Follow(ctx, string(job.ID), func(api.LogLine) error { return nil }); err != nil {
		t.Fatal(err)
	}
	j, err := c.Client.Job(ctx, string(job.ID))
	if err != nil {
		t.Fatal(err)
	}
	if j.State != api.JobCompleted || time.Since(start) > time.Minute {
		t.Fatalf("the consumer's job: %s after %s: %s", j.State, time.Since(start).Round(time.Second), j.Reason)
	}
}
