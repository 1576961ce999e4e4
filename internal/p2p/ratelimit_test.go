package p2p

import (
	"fmt"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

func TestLimiterBucket(t *testing.T) {
	l := newLimiter()
	r := RateLimit{PerSecond: 10, Burst: 5}
	now := time.Unix(1_700_000_000, 0)
	p := peer.ID("a")
	for i := range 5 {
		if !l.allow(p, "x", r, now) {
			t.Fatalf("request %d of a burst of 5 refused", i)
		}
	}
	if ok, warn := l.take(p, "x", r, now); ok || !warn {
		t.Fatalf("6th request at once: allowed %v, logged %v; want refused and logged", ok, warn)
	}
	if ok, warn := l.take(p, "x", r, now); ok || warn {
		t.Fatalf("7th request at once: allowed %v, logged %v; want refused quietly", ok, warn)
	}
	if !l.allow(peer.ID("b"), "x", r, now) || !l.allow(p, "y", r, now) {
		t.Fatal("another peer, or another protocol, shares the exhausted bucket")
	}
	if !l.allow(p, "x", r, now.Add(100*time.Millisecond)) {
		t.Fatal("no token after a tenth of a second at 10/s")
	}
	if l.allow(p, "x", r, now.Add(100*time.Millisecond)) {
		t.Fatal("two tokens after a tenth of a second at 10/s")
	}
}

// TestLimiterBounded: peers beyond maxBuckets (a Sybil swarm) do not grow
// the limiter, and an over-limit peer that stays active keeps its empty
// bucket rather than being forgotten into a full one.
func TestLimiterBounded(t *testing.T) {
	l := newLimiter()
	r := RateLimit{PerSecond: 1, Burst: 1}
	now := time.Unix(1_700_000_000, 0)
	flooder := peer.ID("flooder")
	l.allow(flooder, "x", r, now)
	for i := range 3 * maxBuckets {
		now = now.Add(time.Microsecond)
		l.allow(peer.ID(fmt.Sprint("sybil-", i)), "x", r, now)
		if l.allow(flooder, "x", r, now) {
			t.Fatalf("the flooder got a fresh token after %d other peers", i+1)
		}
		if len(l.buckets) > maxBuckets {
			t.Fatalf("%d buckets, bound %d", len(l.buckets), maxBuckets)
		}
	}
}
