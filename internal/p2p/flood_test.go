package p2p

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/fraud"
	"github.com/deco-network/deco/internal/wire"
)

// TestStreamFloodLimited: one peer opening request streams as fast as it
// can gets only its rate's worth served (the rest reset), while another
// peer's requests to the same protocol are all answered.
func TestStreamFloodLimited(t *testing.T) {
	rate := RateLimit{PerSecond: 100, Burst: 200}
	victim := newHost(t, Config{StreamRate: rate})
	var served sync.Map // peer -> *atomic.Int64
	victim.HandleRequest(ProtoBid, 1024, func(_ context.Context, from peer.ID, req []byte) ([]byte, error) {
		n, _ := served.LoadOrStore(from, new(atomic.Int64))
		n.(*atomic.Int64).Add(1)
		return req, nil
	})
	attacker := newHost(t, Config{Bootstrap: victim.Addrs()})
	honest := newHost(t, Config{Bootstrap: victim.Addrs()})
	waitFor(t, "both peers connected", func() bool { return victim.Connected(attacker.ID()) && victim.Connected(honest.ID()) })
	ctx := testCtx(t)

	const floodN, workers = 2000, 16
	var ok, refused atomic.Int64
	var next atomic.Int64
	start := time.Now()
	var flood sync.WaitGroup
	for range workers {
		flood.Go(func() {
			for next.Add(1) <= floodN {
				rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				_, err := attacker.Request(rctx, victim.ID(), ProtoBid, []byte("x"), 16)
				cancel()
				if err != nil {
					refused.Add(1)
				} else {
					ok.Add(1)
				}
			}
		})
	}
	// The honest peer's requests run during the flood.
	for i := range 20 {
		resp, err := honest.Request(ctx, victim.ID(), ProtoBid, []byte("hello"), 16)
		if err != nil || string(resp) != "hello" {
			t.Fatalf("honest request %d during the flood: %q, %v", i, resp, err)
		}
	}
	flood.Wait()
	elapsed := time.Since(start)
	allowed := float64(rate.Burst) + rate.PerSecond*elapsed.Seconds() + 1
	if float64(ok.Load()) > allowed {
		t.Fatalf("the flooding peer had %d requests served in %v; its limit allows %.0f", ok.Load(), elapsed, allowed)
	}
	if refused.Load() == 0 {
		t.Fatalf("none of the flooding peer's %d requests was refused", floodN)
	}
	t.Logf("flood of %d requests in %v: %d served, %d reset", floodN, elapsed.Round(time.Millisecond), ok.Load(), refused.Load())
}

// TestGossipFloodGraylisted: a peer sending invalid gossip (not an
// envelope, the wrong type, someone else's envelope, an expiry a century
// out) has none of it delivered, is graylisted, and then not even its
// valid offers get through, while an honest peer's do.
func TestGossipFloodGraylisted(t *testing.T) {
	victim := newHost(t, Config{})
	attacker := newHost(t, Config{Bootstrap: victim.Addrs()})
	honest := newHost(t, Config{Bootstrap: victim.Addrs()})
	ctx := testCtx(t)
	sub, err := victim.Subscribe(ctx, TopicOffers)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both peers see the victim in the topic", func() bool {
		return hasPeer(attacker.TopicPeers(TopicOffers), victim.ID()) && hasPeer(honest.TopicPeers(TopicOffers), victim.ID())
	})
	// The attacker's own node would refuse to publish junk; its own code
	// would not check.
	if err := attacker.ps.UnregisterTopicValidator(TopicOffers); err != nil {
		t.Fatal(err)
	}
	farFuture, err := wire.Seal(edKey(t, attacker), wire.TypeOffer, wire.Offer{Peer: attacker.ID().String()}, time.Now().AddDate(100, 0, 0), time.Minute, testNonce.Add(1))
	if err != nil {
		t.Fatal(err)
	}
	far, _ := farFuture.Marshal()
	junk := [][]byte{
		[]byte("not an envelope"),
		sealed(t, attacker, wire.TypeBid, "wrong type"),
		sealed(t, honest, wire.TypeOffer, "signed by another peer"),
		far,
	}
	for _, j := range junk {
		if err := attacker.Publish(ctx, TopicOffers, j); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the attacker to be graylisted", func() bool { return victim.GossipScore(attacker.ID()) < graylistThreshold })
	if s := victim.GossipScore(honest.ID()); s < 0 {
		t.Fatalf("honest peer's gossip score %v; want no penalty", s)
	}

	got := 0
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for got < 5 {
		select {
		case m := <-sub:
			if m.From != honest.ID() {
				t.Fatalf("the victim delivered %q from %s; only the honest peer's offers may arrive", m.Data, m.From)
			}
			got++
		case <-tick.C:
			_ = attacker.Publish(ctx, TopicOffers, sealed(t, attacker, wire.TypeOffer, "valid but graylisted"))
			_ = honest.Publish(ctx, TopicOffers, sealed(t, honest, wire.TypeOffer, "honest"))
		case <-ctx.Done():
			t.Fatalf("the honest peer's offers stopped arriving (%d received)", got)
		}
	}
}

// TestGossipAuthorRate: a peer publishing valid offers as fast as it can
// has only its rate's worth delivered; an honest peer's offer still
// arrives.
func TestGossipAuthorRate(t *testing.T) {
	victim := newHost(t, Config{})
	attacker := newHost(t, Config{Bootstrap: victim.Addrs()})
	honest := newHost(t, Config{Bootstrap: victim.Addrs()})
	ctx := testCtx(t)
	sub, err := victim.Subscribe(ctx, TopicOffers)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both peers see the victim in the topic", func() bool {
		return hasPeer(attacker.TopicPeers(TopicOffers), victim.ID()) && hasPeer(honest.TopicPeers(TopicOffers), victim.ID())
	})
	start := time.Now()
	const floodN = 500
	for i := range floodN {
		if err := attacker.Publish(ctx, TopicOffers, sealed(t, attacker, wire.TypeOffer, i)); err != nil {
			t.Fatal(err)
		}
	}
	fromAttacker := 0
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for heard := false; !heard; {
		select {
		case m := <-sub:
			if m.From == honest.ID() {
				heard = true
			} else {
				fromAttacker++
			}
		case <-tick.C:
			_ = honest.Publish(ctx, TopicOffers, sealed(t, honest, wire.TypeOffer, "honest"))
		case <-ctx.Done():
			t.Fatal("the honest peer's offer never arrived")
		}
	}
	rule := topicRules[TopicOffers].rate
	allowed := float64(rule.Burst) + rule.PerSecond*time.Since(start).Seconds() + 1
	if float64(fromAttacker) > allowed {
		t.Fatalf("%d of the attacker's %d offers delivered; its rate allows %.0f", fromAttacker, floodN, allowed)
	}
	t.Logf("%d of %d flooded offers delivered", fromAttacker, floodN)
}

// TestTopicTypes keeps the topic rules in step with the packages that
// define the message types.
func TestTopicTypes(t *testing.T) {
	if got := topicRules[TopicEvidence].typ; got != fraud.TypeEvidence {
		t.Fatalf("evidence topic expects type %q; fraud.TypeEvidence is %q", got, fraud.TypeEvidence)
	}
	if got := topicRules[TopicOffers].typ; got != wire.TypeOffer {
		t.Fatalf("offers topic expects type %q; wire.TypeOffer is %q", got, wire.TypeOffer)
	}
}
