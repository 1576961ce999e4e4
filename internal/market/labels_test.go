package market

import (
	"maps"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// TestBidRequestCarriesLabels: a provider is asked with the job's label
// requirements, so its machine can refuse what it does not carry.
func TestBidRequestCarriesLabels(t *testing.T) {
	h := newHarness(t, Config{Consumer: "0xc"})
	h.step(OfferSeen{Offer: wire.Offer{Peer: "p1", EVM: evmOf("p1"), Slots: 2, FreeSlots: 2, Ask: 100, Benchmark: 10,
		Resources: wire.Resources{Cores: 4, Memory: 8 << 30}, Labels: map[string]string{"region": "eu"}, ExpiresMs: h.now.Add(time.Hour).UnixMilli()}})
	j := testJob(1, 2)
	j.Spec.Labels = map[string]string{"region": "eu"}
	h.step(Submit{Job: j})
	h.tick(time.Second)
	reqs := of[RequestBid](h.effs)
	if len(reqs) == 0 {
		t.Fatal("no bid request")
	}
	for _, r := range reqs {
		if !maps.Equal(r.Req.Labels, j.Spec.Labels) {
			t.Fatalf("bid request labels = %v, want %v", r.Req.Labels, j.Spec.Labels)
		}
	}
}
