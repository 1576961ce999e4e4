package p2p

// This file bounds how fast one peer may make the host work: streams it
// opens per protocol (Host.Handle) and gossip it authors per topic. Without
// it one peer can keep every handler busy with junk, and the cost of
// refusing junk (decoding, verifying signatures) falls on the victim.

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// RateLimit is a token bucket: PerSecond sustained, Burst at once after a
// quiet spell.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// DefaultStreamRate bounds the streams one peer may open per protocol. It
// is far above what a consumer needs (a bid request per candidate per
// auction round, a task session per provider, a blob fetch per input or
// output) so benchmarks on loopback run unthrottled.
var DefaultStreamRate = RateLimit{PerSecond: 1000, Burst: 2000}

func (r RateLimit) validate(what string) error {
	if r.PerSecond < 0 || r.Burst < 0 || math.IsNaN(r.PerSecond) || math.IsInf(r.PerSecond, 0) {
		return fmt.Errorf("p2p config: %s rate %v/s burst %d: want finite, non-negative values (0 means the default)", what, r.PerSecond, r.Burst)
	}
	if (r.PerSecond == 0) != (r.Burst == 0) {
		return fmt.Errorf("p2p config: %s rate %v/s burst %d: set both or neither", what, r.PerSecond, r.Burst)
	}
	return nil
}

// maxBuckets bounds the limiter's memory. A full bucket is the same as no
// bucket, so idle peers are forgotten first.
const maxBuckets = 8192

// warnEvery spaces out the log lines about one over-limit peer.
const warnEvery = time.Minute

// limiter keeps one token bucket per (peer, protocol or topic). It is safe
// for concurrent use.
type limiter struct {
	mu      sync.Mutex
	buckets map[bucketKey]*bucket
}

type bucketKey struct {
	peer peer.ID
	what string
}

type bucket struct {
	rate   RateLimit
	tokens float64
	last   time.Time // of the last refill
	warned time.Time // last time the peer was logged as over the limit
}

func newLimiter() *limiter { return &limiter{buckets: map[bucketKey]*bucket{}} }

// allow takes a token from p's bucket for what, reporting false if it is
// empty.
func (l *limiter) allow(p peer.ID, what string, r RateLimit, now time.Time) bool {
	ok, _ := l.take(p, what, r, now)
	return ok
}

// take is allow that also says whether a refusal should be logged (the
// first in warnEvery).
func (l *limiter) take(p peer.ID, what string, r RateLimit, now time.Time) (ok, warn bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := bucketKey{p, what}
	b := l.buckets[k]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.forget(now)
		}
		b = &bucket{rate: r, tokens: float64(r.Burst), last: now}
		l.buckets[k] = b
	}
	b.rate = r
	b.refill(now)
	if b.tokens >= 1 {
		b.tokens--
		return true, false
	}
	if now.Sub(b.warned) >= warnEvery {
		b.warned = now
		return false, true
	}
	return false, false
}

func (b *bucket) refill(now time.Time) {
	if dt := now.Sub(b.last).Seconds(); dt > 0 {
		b.tokens = math.Min(float64(b.rate.Burst), b.tokens+dt*b.rate.PerSecond)
		b.last = now
	}
}

// forget drops the buckets that have refilled (their peers are idle) and,
// if that leaves more than 7/8 of maxBuckets, the ones refilled longest
// ago down to that, so a swarm of new peers costs one sweep per
// maxBuckets/8 of them rather than one per peer.
func (l *limiter) forget(now time.Time) {
	type aged struct {
		k    bucketKey
		last time.Time
	}
	busy := make([]aged, 0, len(l.buckets))
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*b.rate.PerSecond >= float64(b.rate.Burst) {
			delete(l.buckets, k)
			continue
		}
		busy = append(busy, aged{k, b.last})
	}
	excess := len(busy) - maxBuckets*7/8
	if excess <= 0 {
		return
	}
	slices.SortFunc(busy, func(a, b aged) int { return a.last.Compare(b.last) })
	for _, a := range busy[:excess] {
		delete(l.buckets, a.k)
	}
}
