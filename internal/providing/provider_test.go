package providing

import (
	"strings"
	"testing"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/wire"
)

// TestBidRefusesWhatTheProviderLacks: the provider machine enforces disk
// and cores (a job asking for disk: 100000GiB used to be taken and run)
// and says why in the bid.
func TestBidRefusesWhatTheProviderLacks(t *testing.T) {
	prov, cons := newPeer(t), newPeer(t)
	prov.serve(t)
	cons.connect(t, prov)
	var disk uint64 = 100000 << 30
	tests := []struct {
		need   wire.Resources
		reason string
	}{
		{wire.Resources{Cores: 1, Memory: 1 << 20, Disk: disk}, "needs 100000GiB disk, this provider has "},
		{wire.Resources{Cores: 1 << 20, Memory: 1 << 20}, "needs 1048576 cores, this provider has "},
		{wire.Resources{Cores: 1, Memory: 1 << 20}, ""},
	}
	for _, tt := range tests {
		req := bidRequest(newJob(t), cons)
		req.Need = tt.need
		b := cons.requestBid(t, prov, req)
		switch {
		case tt.reason == "" && (!b.Accept || b.Slots != 1):
			t.Errorf("need %+v: bid %+v, want accepted", tt.need, b)
		case tt.reason != "" && (b.Accept || !strings.Contains(b.Reason, tt.reason)):
			t.Errorf("need %+v: bid %+v, want refused with %q", tt.need, b, tt.reason)
		}
	}
}

// TestStrangerCannotPoseAsConsumer reproduces the spoofed-consumer
// attack over real libp2p: a stranger names a real consumer's EVM address
// (and with it that consumer's escrow) in bid requests and assignments,
// with no binding, with the consumer's own binding copied, and with its
// own. Every try is refused before anything runs or is reserved; the
// real consumer's bid and assignment then run.
func TestStrangerCannotPoseAsConsumer(t *testing.T) {
	prov, cons, stranger := newPeer(t), newPeer(t), newPeer(t)
	prov.serve(t)
	cons.connect(t, prov)
	stranger.connect(t, prov)
	job := newJob(t)
	hello := examples.HelloWASM()
	program := wire.CIDOf(hello)
	assignment := func(index int, consumer string, b wire.Binding) wire.Assign {
		return wire.Assign{
			Spec: wire.TaskSpec{Task: wire.TaskID{Job: job, Index: index}, Count: 4, Program: program, ProgramSize: int64(len(hello)),
				MemoryLimit: 64 << 20, TimeoutMs: 10_000, MaxOutput: 1 << 20},
			Price: 1000, Consumer: consumer, Inline: map[wire.CID][]byte{program: hello}, Binding: b,
		}
	}
	bindings := map[string]wire.Binding{
		"no binding":                   {},
		"the consumer's copied":        cons.Binding,
		"the stranger's own":           stranger.Binding,
		"the consumer's, re-addressed": {EVM: cons.Binding.EVM, Peer: stranger.Host.ID().String(), Sig: cons.Binding.Sig},
	}
	for name, b := range bindings {
		req := bidRequest(job, cons)
		req.Binding = b
		if bid := stranger.requestBid(t, prov, req); bid.Accept || !strings.Contains(bid.Reason, "not bound to the sending peer") {
			t.Errorf("%s: stranger's bid request for the consumer was answered %+v", name, bid)
		}
		res := stranger.assign(t, prov, assignment(0, cons.Address(), b))
		if res.Failure != wire.FailProvider || !strings.Contains(res.Message, "not bound to the sending peer") || res.Receipt != nil {
			t.Errorf("%s: stranger's assignment for the consumer: %+v", name, res)
		}
	}
	// As itself the stranger is bound, but this provider bid nothing to it.
	res := stranger.assign(t, prov, assignment(1, stranger.Address(), stranger.Binding))
	if res.Failure != wire.FailProvider || !strings.Contains(res.Message, "no standing bid of this provider for job "+string(job)) {
		t.Errorf("stranger's assignment with no bid: %+v", res)
	}
	// The real consumer bids and runs.
	if bid := cons.requestBid(t, prov, bidRequest(job, cons)); !bid.Accept {
		t.Fatalf("the consumer's bid request: %+v", bid)
	}
	res = cons.assign(t, prov, assignment(2, cons.Address(), cons.Binding))
	if res.Failure != "" || res.ExitCode != 0 || res.Receipt == nil {
		t.Fatalf("the consumer's task: %+v", res)
	}
}
