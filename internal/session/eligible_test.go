package session

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// A bid naming an EVM address the consumer could not pay (with payments
// on: not a staked provider bound to the bidding peer) fails the bid, even
// from a peer whose offer passed: the bid's address is the payee.
func TestBidFromIneligibleAddressFails(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	var asked []string
	c.Manager.eligible = func(_ context.Context, from peer.ID, evm string) error {
		asked = append(asked, from.String()+" "+evm)
		return errors.New("no bonded stake in the registry")
	}
	p.bid = func(r wire.BidRequest) wire.Bid {
		return wire.Bid{Job: r.Job, Round: r.Round, Accept: true, Slots: 3, EVM: p.evm, Binding: p.binding}
	}
	c.RequestBid(context.Background(), market.RequestBid{Peer: p.id.String(), Req: wire.BidRequest{Job: testJob, Round: 1}})
	f := next[market.BidFailed](t, c)
	if !strings.Contains(f.Err, "cannot be paid") || !strings.Contains(f.Err, "no bonded stake") {
		t.Fatalf("failure %q", f.Err)
	}
	if len(asked) != 1 || asked[0] != p.id.String()+" "+p.evm {
		t.Fatalf("eligibility asked for %v, want the bidding peer and the bid's address", asked)
	}
}
