package p2p

// Configured peers (bootstrap peers and static relays) are kept
// connected: a lost one is redialled with exponential backoff, from
// backoffMin up to backoffMax, so a dead address costs at most one dial
// per backoffMax. A failure is logged as a warning once per cause (the
// first time, and when the reason changes), then at debug level, so a
// peer that stays down does not flood the log; Peers shows its state.

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	manet "github.com/multiformats/go-multiaddr/net"
)

// Redial pacing of configured peers.
const (
	backoffMin = 2 * time.Second
	backoffMax = 30 * time.Second
)

// configured is one bootstrap peer or static relay and its dial state.
type configured struct {
	ai    peer.AddrInfo
	roles []string // "bootstrap", "relay"

	// guarded by Host.dialMu
	fails    int       // consecutive failed dials
	next     time.Time // earliest next dial
	cause    string    // why the last dial failed, short
	lastErr  string    // the full error of the last failed dial
	dialling bool
	reserved time.Time // a static relay: until when this node holds a slot on it
}

// isRelay reports whether c is a static relay.
func (c *configured) isRelay() bool { return slices.Contains(c.roles, "relay") }

// dialCause names the reason of a failed dial in a few words that stay
// the same from one attempt to the next (the full error holds ports and
// timings that change).
func dialCause(err error) string {
	s := err.Error()
	switch {
	case errors.Is(err, context.DeadlineExceeded) || strings.Contains(s, "timeout") || strings.Contains(s, "i/o timeout"):
		return "no answer (timed out)"
	case strings.Contains(s, "connection refused"):
		return "connection refused"
	case strings.Contains(s, "peer id mismatch"):
		return "another peer answers at that address"
	case strings.Contains(s, "no route to host") || strings.Contains(s, "network is unreachable"):
		return "no route to the address"
	case strings.Contains(s, "no addresses") || strings.Contains(s, "no good addresses"):
		return "no usable address"
	case strings.Contains(s, "reservation error") && strings.Contains(s, "failed to open stream"):
		return "the peer offers no relay service (start it with --relay)"
	case strings.Contains(s, "RESERVATION_REFUSED") || strings.Contains(s, "RESOURCE_LIMIT_EXCEEDED") || strings.Contains(s, "NO_RESERVATION"):
		return "the relay refused (over its limits, or no slot)"
	}
	return "dial failed"
}

// backoff is the wait after n consecutive failures, with ±20% jitter so
// that many nodes restarted together do not dial in step.
func (d *Host) backoff(n int) time.Duration {
	b := d.backoffMin
	for i := 1; i < n && b < d.backoffMax; i++ {
		b *= 2
	}
	b = min(b, d.backoffMax)
	return time.Duration(float64(b) * (0.8 + 0.4*rand.Float64()))
}

// dialConfigured dials every configured peer that is not connected and
// whose backoff has passed, in parallel; with wait it waits for the
// attempts.
func (d *Host) dialConfigured(ctx context.Context, now time.Time, wait bool) {
	var wg sync.WaitGroup
	for _, c := range d.configured {
		if c.ai.ID == d.h.ID() {
			continue
		}
		connected := d.Connected(c.ai.ID)
		d.dialMu.Lock()
		// A connected peer needs nothing more, unless it is a static relay
		// whose slot must be reserved or renewed.
		renew := d.reserve && c.isRelay() && c.reserved.Sub(now) < reserveRenewBefore
		if connected && !renew {
			if c.fails > 0 {
				d.log.Info("configured peer reachable again", "peer", c.ai.ID, "roles", c.roles, "after_failures", c.fails)
			}
			c.fails, c.cause, c.lastErr, c.next = 0, "", "", time.Time{}
			d.dialMu.Unlock()
			continue
		}
		due := !c.dialling && !now.Before(c.next)
		if due {
			c.dialling = true
		}
		d.dialMu.Unlock()
		if !due {
			continue
		}
		wg.Add(1)
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			defer wg.Done()
			d.dialOne(ctx, c)
		}()
	}
	if wait {
		wg.Wait()
	}
}

func (d *Host) dialOne(ctx context.Context, c *configured) {
	// This schedule paces the redials, not libp2p's per-address backoff
	// (5 s plus the square of the failures in seconds, up to 5 min), which
	// would otherwise skip most of them and delay the reconnection to a
	// bootstrap peer that came back.
	if sw, ok := d.h.Network().(*swarm.Swarm); ok {
		sw.Backoff().Clear(c.ai.ID)
	}
	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	err := d.h.Connect(ctx, c.ai)
	var until time.Time
	if err == nil && d.reserve && c.isRelay() {
		until, err = d.reserveSlot(ctx, c.ai)
	}
	cancel()
	d.dialMu.Lock()
	defer d.dialMu.Unlock()
	c.dialling = false
	if err == nil && !until.IsZero() {
		if c.reserved.IsZero() {
			d.log.Info("holding a slot on relay; peers can reach this node through it", "relay", c.ai.ID, "until", until)
		}
		c.reserved = until
	}
	if err == nil {
		if c.fails > 0 {
			d.log.Info("configured peer reachable again", "peer", c.ai.ID, "roles", c.roles, "after_failures", c.fails)
		}
		c.fails, c.cause, c.lastErr, c.next = 0, "", "", time.Time{}
		d.log.Debug("connected to configured peer", "peer", c.ai.ID, "roles", c.roles)
		return
	}
	if d.life.Err() != nil {
		return
	}
	if errors.Is(err, swarm.ErrDialBackoff) {
		// libp2p's own backoff skipped the dial: nothing new was learnt.
		c.next = time.Now().Add(d.backoff(c.fails))
		return
	}
	c.reserved = time.Time{}
	c.fails++
	c.lastErr = err.Error()
	c.next = time.Now().Add(d.backoff(c.fails))
	cause := dialCause(err)
	if cause != c.cause {
		c.cause = cause
		d.log.Warn("configured peer unreachable; retrying with backoff", "peer", c.ai.ID, "roles", c.roles,
			"addrs", c.ai.Addrs, "cause", cause, "max_backoff", d.backoffMax, "err", err)
		return
	}
	d.log.Debug("configured peer still unreachable", "peer", c.ai.ID, "cause", cause, "failures", c.fails, "next", c.next)
}

// keepConfigured redials lost configured peers until the host closes.
func (d *Host) keepConfigured() {
	defer d.wg.Done()
	if len(d.configured) == 0 {
		return
	}
	tick := time.NewTicker(max(d.backoffMin/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-d.life.Done():
			return
		case now := <-tick.C:
			d.dialConfigured(d.life, now, false)
		}
	}
}

// configuredPeers joins the bootstrap peers and static relays, merging a
// peer named in both.
func configuredPeers(boot, relays []peer.AddrInfo) []*configured {
	var out []*configured
	idx := map[peer.ID]*configured{}
	add := func(ai peer.AddrInfo, role string) {
		if c, ok := idx[ai.ID]; ok {
			c.ai.Addrs = append(c.ai.Addrs, ai.Addrs...)
			if !slices.Contains(c.roles, role) {
				c.roles = append(c.roles, role)
			}
			return
		}
		c := &configured{ai: ai, roles: []string{role}}
		idx[ai.ID] = c
		out = append(out, c)
	}
	for _, ai := range boot {
		add(ai, "bootstrap")
	}
	for _, ai := range relays {
		add(ai, "relay")
	}
	return out
}

// maxTroubled bounds the peers whose last dial failure is remembered for
// logging once per cause.
const maxTroubled = 1024

// noteOpenFailure logs why a stream to p could not be opened, once per
// peer and cause: a peer that announces only private, loopback or bogus
// addresses (a node behind NAT without a relay, or a misconfigured one)
// would otherwise fail every request without a word on why.
func (d *Host) noteOpenFailure(p peer.ID, err error) {
	if d.life.Err() != nil || errors.Is(err, context.Canceled) {
		return
	}
	addrs := d.h.Peerstore().Addrs(p)
	cause := dialCause(err)
	var public, private, bogus int
	for _, a := range addrs {
		switch {
		case isCircuit(a) || manet.IsPublicAddr(a):
			public++
		case manet.IsIPUnspecified(a) || !hasPort(a) || withoutPorts(a) == a.String():
			bogus++
		default:
			private++
		}
	}
	hint := ""
	switch {
	case len(addrs) == 0:
		hint = "no address known for it (is the DHT on, and is it connected to a common peer?)"
	case public == 0 && bogus > 0 && private == 0:
		hint = "it announces only unusable addresses (unspecified IP or port 0): its listen or announce settings are wrong"
	case public == 0 && d.hasPublicAddr():
		hint = "it announces only private addresses: behind NAT it needs a relay (--relay-peer) or a forwarded port (--announce)"
	}
	key := cause + "|" + hint
	d.dialMu.Lock()
	if d.troubled == nil || len(d.troubled) >= maxTroubled {
		d.troubled = map[peer.ID]string{}
	}
	same := d.troubled[p] == key
	d.troubled[p] = key
	d.dialMu.Unlock()
	if same {
		return
	}
	if hint != "" {
		d.log.Warn("cannot reach peer", "peer", p, "cause", cause, "why", hint, "addrs", addrs, "err", err)
		return
	}
	d.log.Info("cannot reach peer", "peer", p, "cause", cause, "addrs", addrs, "err", err)
}

// hasPublicAddr reports whether this host has a public address of its own.
func (d *Host) hasPublicAddr() bool {
	return slices.ContainsFunc(d.h.Addrs(), manet.IsPublicAddr)
}
