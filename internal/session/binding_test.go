package session

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/p2p/p2ptest"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TestBidWithForeignEVMRefused: over real libp2p, a provider that bids
// under another provider's EVM address (to be paid as it, or to borrow
// its stake and reputation) is refused, even with that provider's real
// binding copied from its offers; the same peer bidding as itself is
// heard.
func TestBidWithForeignEVMRefused(t *testing.T) {
	cons, rogue, honest := p2ptest.NewPeer(t), p2ptest.NewPeer(t), p2ptest.NewPeer(t)
	events := make(chan market.Event, 8)
	m := New(Config{
		Host: Network(cons.Host), Blobs: newMemBlobs(), Seal: cons.Seal, Open: cons.Open,
		Post:    func(_ context.Context, ev market.Event) { events <- ev },
		Binding: cons.Binding, Domain: verify.Domain{ChainID: 1337}, Attestation: attest.NewRegistry(attest.Software{}),
	})
	t.Cleanup(func() { m.Close(); m.Wait() })
	var asEVM atomic.Pointer[wire.Binding]
	var heard atomic.Pointer[wire.BidRequest]
	rogue.Host.HandleRequest(p2p.ProtoBid, 1<<20, func(_ context.Context, from peer.ID, raw []byte) ([]byte, error) {
		var req wire.BidRequest
		if err := rogue.Open(raw, from, wire.TypeBidRequest, &req); err != nil {
			return nil, err
		}
		heard.Store(&req)
		b := *asEVM.Load()
		return rogue.Seal(wire.TypeBid, wire.Bid{Job: req.Job, Round: req.Round, Accept: true, Price: 1, Slots: 1, EVM: b.EVM, Binding: b}, MsgTTL)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := cons.Host.Connect(ctx, rogue.Host.Addrs()[0]); err != nil {
		t.Fatal(err)
	}
	req := wire.BidRequest{Job: testJob, Round: 1, Tasks: []int{0}, Consumer: cons.Binding.EVM}
	ask := func() market.Event {
		m.RequestBid(ctx, market.RequestBid{Peer: rogue.Host.ID().String(), Req: req})
		select {
		case ev := <-events:
			return ev
		case <-ctx.Done():
			t.Fatal("no answer posted")
			return nil
		}
	}
	for name, b := range map[string]wire.Binding{
		"the honest provider's binding": honest.Binding,
		"a re-addressed binding":        {EVM: honest.Binding.EVM, Peer: rogue.Host.ID().String(), Sig: honest.Binding.Sig},
		"no binding":                    {EVM: honest.Binding.EVM},
	} {
		asEVM.Store(&b)
		f, ok := ask().(market.BidFailed)
		if !ok || !strings.Contains(f.Err, "bid signed by a key not bound to the peer") {
			t.Errorf("%s: a bid under %s was not refused: %+v", name, b.EVM, f)
		}
	}
	if r := heard.Load(); r == nil || verify.CheckBinding(r.Binding, cons.Host.ID().String(), cons.Binding.EVM) != nil {
		t.Errorf("the bid request did not carry the consumer's binding: %+v", r)
	}
	asEVM.Store(&rogue.Binding)
	if in, ok := ask().(market.BidIn); !ok || in.Bid.EVM != rogue.Binding.EVM {
		t.Fatalf("a bid bound to its own peer was not heard: %+v", in)
	}
}
