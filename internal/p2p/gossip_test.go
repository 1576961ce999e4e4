package p2p

import (
	"context"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/wire"
)

func TestGossip(t *testing.T) {
	hosts := cluster(t, 3, Config{})
	a, b, c := hosts[0], hosts[1], hosts[2]
	ctx := testCtx(t)

	subA, err := a.Subscribe(ctx, TopicOffers)
	if err != nil {
		t.Fatal(err)
	}
	subB, _ := b.Subscribe(ctx, TopicOffers)
	subC, _ := c.Subscribe(ctx, TopicOffers)

	waitFor(t, "a sees b and c in the topic", func() bool {
		ps := a.TopicPeers(TopicOffers)
		return hasPeer(ps, b.ID()) && hasPeer(ps, c.ID())
	})
	waitFor(t, "b sees a in the topic", func() bool { return hasPeer(b.TopicPeers(TopicOffers), a.ID()) })

	fromA, fromB := sealed(t, a, wire.TypeOffer, "from a"), sealed(t, b, wire.TypeOffer, "from b")
	if err := a.Publish(ctx, TopicOffers, fromA); err != nil {
		t.Fatal(err)
	}
	for name, sub := range map[string]<-chan Message{"b": subB, "c": subC} {
		m := recv(t, sub, name+" receives a's message")
		if string(m.Data) != string(fromA) || m.From != a.ID() {
			t.Fatalf("%s got %q from %s, want %q from %s", name, m.Data, m.From, fromA, a.ID())
		}
	}

	// b is not connected to c: a relays. a's own message was published
	// first, so if it were not filtered out it would be the first a sees.
	if err := b.Publish(ctx, TopicOffers, fromB); err != nil {
		t.Fatal(err)
	}
	if m := recv(t, subA, "a receives b's message"); string(m.Data) != string(fromB) {
		t.Fatalf("a got %q first, want b's message (own messages must be excluded)", m.Data)
	}
	// a forwards only to its mesh, which forms at the first heartbeat after
	// the peers meet; a message relayed before that is lost, so b
	// republishes until c has one, as a node republishes its offers.
	republish := time.NewTicker(200 * time.Millisecond)
	defer republish.Stop()
	for got := false; !got; {
		select {
		case m := <-subC:
			if string(m.Data) != string(fromB) || m.From != b.ID() {
				t.Fatalf("c got %q from %s, want b's message", m.Data, m.From)
			}
			got = true
		case <-republish.C:
			if err := b.Publish(ctx, TopicOffers, fromB); err != nil {
				t.Fatal(err)
			}
		case <-ctx.Done():
			t.Fatal("timed out waiting for c to receive b's message through a")
		}
	}
}

func TestGossipLateJoiner(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	a := hosts[0]
	ctx := testCtx(t)
	// The topic was joined at start, before anyone subscribed or published.
	if err := a.Publish(ctx, TopicOffers, sealed(t, a, wire.TypeOffer, "too early")); err != nil {
		t.Fatalf("publishing with no subscribers must not fail: %v", err)
	}

	late := newHost(t, Config{Bootstrap: a.Addrs()})
	sub, err := late.Subscribe(ctx, TopicOffers)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a sees the late joiner in the topic", func() bool { return hasPeer(a.TopicPeers(TopicOffers), late.ID()) })
	welcome := sealed(t, a, wire.TypeOffer, "welcome")
	if err := a.Publish(ctx, TopicOffers, welcome); err != nil {
		t.Fatal(err)
	}
	if m := recv(t, sub, "late joiner receives"); string(m.Data) != string(welcome) {
		t.Fatalf("late joiner got %q, want %q", m.Data, welcome)
	}
}

func TestGossipValidatorAndClose(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	a, b := hosts[0], hosts[1]
	ctx := testCtx(t)
	const topic = "/deco/test/1" // joined on first use
	if err := b.SetValidator(topic, func(_ context.Context, _ peer.ID, data []byte) bool {
		return string(data) != "bad"
	}); err != nil {
		t.Fatal(err)
	}
	subCtx, cancel := context.WithCancel(ctx)
	sub, err := b.Subscribe(subCtx, topic)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a sees b in the topic", func() bool { return hasPeer(a.TopicPeers(topic), b.ID()) })
	for _, s := range []string{"bad", "good"} {
		if err := a.Publish(ctx, topic, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if m := recv(t, sub, "b receives the valid message"); string(m.Data) != "good" {
		t.Fatalf("b got %q, want only messages its validator accepts", m.Data)
	}

	cancel()
	waitClosed(t, sub, "after its context ended")

	// Closing the host closes the subscriptions it still has.
	other, err := b.Subscribe(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, other, "after the host closed")
}
