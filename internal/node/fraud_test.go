package node

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/fraud"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Provable fraud travels the whole way: a consumer holding two receipts a
// provider signed for one task with different output roots checks them,
// reports them on chain (the registry slashes the provider's stake) and
// gossips them; a second consumer that never dealt with the provider
// checks the evidence itself and stops asking the provider for bids.
func TestEquivocationSlashedOnChainAndLearnedByGossip(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1, Chain: true})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	prov := c.Providers[0]

	// A second consumer, on the same chain and network.
	h := config.Home(filepath.Join(c.Dir, "consumer-2"))
	id, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.API, cfg.Listen, cfg.DHT = "127.0.0.1:0", []string{"/ip4/127.0.0.1/tcp/0"}, false
	cfg.Bootstrap = append(c.Consumer.Addrs(), prov.Addrs()...)
	cl, err := c.JoinChain(ctx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	other, err := New(Options{Home: h, Config: cfg, Identity: id, Chain: cl})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	otherAPI := &api.Client{Base: other.APIURL(), Token: other.Token()}
	reputation := func() (api.ReputationView, bool) {
		ps, err := otherAPI.Providers(ctx)
		if err != nil {
			return api.ReputationView{}, false
		}
		for _, p := range ps {
			if p.Peer == prov.PeerID().String() {
				return p.Reputation, true
			}
		}
		return api.ReputationView{}, false
	}
	waitFor(t, ctx, "the second consumer to see the provider's offer", func() bool {
		_, ok := reputation()
		return ok
	})

	// Two receipts for the same task and inputs, different outputs, both
	// signed with the provider's key.
	job := wire.NewJobID([16]byte{0xe9})
	receipt := func(out string) (wire.Receipt, []byte) {
		r := wire.Receipt{Job: job, Index: 3, Program: wire.CIDOf([]byte("program")), InputRoot: wire.CIDOf([]byte("inputs")),
			SpecHash: verify.HashHex([32]byte{3}), OutputRoot: wire.CIDOf([]byte(out)), Provider: prov.EVM().Hex(), Environment: wire.Environment{Runtime: "wazero"}}
		verify.Fill(c.Consumer.domain, &r)
		sig, err := verify.Sign(prov.id.EVMKey, c.Consumer.domain, r)
		if err != nil {
			t.Fatal(err)
		}
		return r, sig
	}
	a, sigA := receipt("one")
	b, sigB := receipt("two")
	ev := verify.Equivocation(a, sigA, b, sigB)

	before, err := cl.Stakes(ctx, prov.EVM())
	if err != nil {
		t.Fatal(err)
	}
	if before.Bonded.Sign() == 0 {
		t.Fatal("the provider has no stake to slash")
	}
	c.Consumer.reportFraud(ctx, market.Fraud{Peer: prov.PeerID().String(), Task: wire.TaskID{Job: job, Index: 3}, Evidence: ev})
	after, err := cl.Stakes(ctx, prov.EVM())
	if err != nil {
		t.Fatal(err)
	}
	if after.Bonded.Cmp(before.Bonded) >= 0 {
		t.Fatalf("stake %s before the report, %s after: not slashed", before.Bonded, after.Bonded)
	}

	// Gossip reaches the second consumer once the evidence topic's mesh
	// has formed; publish again (a fresh envelope each time) until then.
	waitFor(t, ctx, "the second consumer to learn of the fraud by gossip", func() bool {
		if r, _ := reputation(); r.Invalid > 0 && r.Suspect {
			return true
		}
		if raw, err := c.Consumer.seal(fraud.TypeEvidence, ev, fraud.EvidenceTTL); err == nil {
			c.Consumer.host.Publish(ctx, p2p.TopicEvidence, raw)
		}
		return false
	})

	// Forged evidence (the second receipt signed by someone else) is
	// checked and dropped by whoever receives it: nothing changes on chain.
	forged := ev
	forged.SigB = sigA
	c.Consumer.reportFraud(ctx, market.Fraud{Peer: prov.PeerID().String(), Task: wire.TaskID{Job: job, Index: 3}, Evidence: forged})
	again, err := cl.Stakes(ctx, prov.EVM())
	if err != nil {
		t.Fatal(err)
	}
	if again.Bonded.Cmp(after.Bonded) != 0 {
		t.Fatalf("forged evidence moved the stake: %s -> %s", after.Bonded, again.Bonded)
	}
}

// waitFor polls cond every 100 ms until it holds or ctx ends.
func waitFor(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
