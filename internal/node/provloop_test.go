package node

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/wire"
)

// TestBidRefusesWhatTheProviderLacks: the provider machine enforces disk
// and cores (a job asking for disk: 100000GiB used to be taken and run)
// and says why in the bid.
func TestBidRefusesWhatTheProviderLacks(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	cons, prov := c.Consumer, c.Providers[0]
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
		req := wire.BidRequest{Job: wire.NewJobID([16]byte{1}), Round: 1, Tasks: []int{0}, Need: tt.need, TimeoutMs: 10_000,
			MaxPrice: 1_000_000, Consumer: cons.id.EVM}
		raw, err := cons.seal(wire.TypeBidRequest, req, session.MsgTTL)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		resp, err := cons.host.Request(ctx, prov.host.ID(), p2p.ProtoBid, raw, 1<<20)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		var b wire.Bid
		if err := cons.open(resp, prov.host.ID(), wire.TypeBid, &b); err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.reason == "" && (!b.Accept || b.Slots != 1):
			t.Errorf("need %+v: bid %+v, want accepted", tt.need, b)
		case tt.reason != "" && (b.Accept || !strings.Contains(b.Reason, tt.reason)):
			t.Errorf("need %+v: bid %+v, want refused with %q", tt.need, b, tt.reason)
		}
	}
}
