package p2p

import (
	"context"
	"slices"
	"testing"

	"github.com/libp2p/go-libp2p/core/peer"
)

func TestDHTFindsPeerByID(t *testing.T) {
	hosts := cluster(t, 3, Config{DHT: true})
	a, b, c := hosts[0], hosts[1], hosts[2]
	b.HandleRequest(ProtoBid, 100, func(_ context.Context, _ peer.ID, req []byte) ([]byte, error) {
		return append([]byte("bid for "), req...), nil
	})
	waitFor(t, "routing tables: b in a's, a in c's; a identified its peers", func() bool {
		identified := true
		for _, p := range a.Peers() {
			identified = identified && len(p.Protocols) > 0
		}
		return identified && a.kad.RoutingTable().Find(b.ID()) != "" && c.kad.RoutingTable().Find(a.ID()) != ""
	})
	for _, p := range a.Peers() {
		if !slices.Contains(p.Protocols, string(DHTPrefix)+"/kad/1.0.0") {
			t.Errorf("peer %s does not announce the Deco DHT protocol: %v", p.ID, p.Protocols)
		}
	}

	// c was told only about a; it finds b by its ID through the DHT.
	resp, err := c.Request(testCtx(t), b.ID(), ProtoBid, []byte("task 1"), 100)
	if err != nil {
		t.Fatalf("request to a peer known only by ID: %v", err)
	}
	if string(resp) != "bid for task 1" {
		t.Fatalf("response %q", resp)
	}
}
