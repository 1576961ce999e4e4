package p2p

// NAT traversal uses go-libp2p's own services: AutoNAT (v1 and v2) tells
// a node whether others can dial it; a node that cannot be dialled
// reserves a slot on a circuit relay v2 (autorelay: static relays from
// Config.RelayPeers, else connected peers that offer the relay protocol)
// and advertises /p2p-circuit addresses; DCUtR hole punching then tries to
// replace each relayed connection with a direct one. Deco's own streams
// may run over relayed ("limited") connections, so a provider behind NAT
// still gets work; bulk data waits briefly for the direct connection.

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/host/autorelay"
	"github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/client"
	relayproto "github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/proto"
	relay "github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/relay"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// RelayLimits bound what one relayed connection may carry through a node
// that offers the relay service (Config.RelayService): 10 minutes and
// 64 MiB in each direction, after which the relay resets the circuit.
// libp2p's defaults (2 minutes, 128 KiB) suit only the set-up of a hole
// punch; a Deco assignment with its inputs, status and results needs more,
// while a bound keeps a public node from becoming free bulk transit.
var RelayLimits = relay.RelayLimit{Duration: 10 * time.Minute, Data: 64 << 20}

// Relay service capacity: at most relayMaxReservations peers hold a slot
// and each has at most relayMaxCircuits open circuits, every circuit
// buffering relayBufferSize bytes each way (worst case 128*16*2*16 KiB =
// 64 MiB of buffers; libp2p's resource manager bounds it further).
const (
	relayMaxReservations = 128
	relayMaxCircuits     = 16
	relayBufferSize      = 16 << 10
)

// Autorelay pacing: how often it asks for relay candidates, and how long
// it waits before trying again a relay that refused or did not answer.
const (
	relayCandidateInterval = 10 * time.Second
	relayRetryBackoff      = time.Minute
)

// directWait bounds how long a blob transfer over a relayed connection
// waits for hole punching to open a direct one before going through the
// relay anyway; noDirectFor is how long a peer that did not get one is
// not waited for again.
var (
	directWait  = 5 * time.Second
	noDirectFor = 10 * time.Minute
)

// limitedReason marks the contexts Deco opens its streams with: they may
// use a relayed connection.
const limitedReason = "deco streams work over relays"

// natOptions are the libp2p options for AutoNAT, relays and hole punching.
func (d *Host) natOptions(cfg Config) []libp2p.Option {
	opts := []libp2p.Option{
		libp2p.EnableRelay(),
		libp2p.EnableAutoNATv2(),
		libp2p.EnableNATService(),
		libp2p.EnableHolePunching(),
		libp2p.EnableAutoRelayWithPeerSource(d.relayCandidates,
			autorelay.WithMinCandidates(1),
			autorelay.WithNumRelays(2),
			autorelay.WithBootDelay(0),
			autorelay.WithBackoff(relayRetryBackoff),
			autorelay.WithMinInterval(relayCandidateInterval)),
	}
	reach := cfg.Reachability
	if cfg.RelayService {
		res := relay.DefaultResources()
		limit := RelayLimits
		res.Limit = &limit
		res.MaxReservations = relayMaxReservations
		res.MaxCircuits = relayMaxCircuits
		res.BufferSize = relayBufferSize
		opts = append(opts, libp2p.EnableRelayService(relay.WithResources(res)))
		// libp2p serves relaying only while it believes the node public;
		// an operator who asks for it says the node is.
		if reach == network.ReachabilityUnknown {
			reach = network.ReachabilityPublic
		}
	}
	switch reach {
	case network.ReachabilityPublic:
		opts = append(opts, libp2p.ForceReachabilityPublic())
	case network.ReachabilityPrivate:
		opts = append(opts, libp2p.ForceReachabilityPrivate())
	}
	// A node that is not a relay itself holds slots on its static relays.
	d.reserve = len(d.relayPeers) > 0 && reach != network.ReachabilityPublic
	opts = append(opts, libp2p.AddrsFactory(d.advertised))
	return opts
}

// reserveRenewBefore is how long before a relay slot expires it is
// renewed (slots last an hour).
const reserveRenewBefore = 10 * time.Minute

// reserveSlot reserves a slot on relay ai and returns when it expires.
func (d *Host) reserveSlot(ctx context.Context, ai peer.AddrInfo) (time.Time, error) {
	res, err := client.Reserve(ctx, d.h, ai)
	if err != nil {
		return time.Time{}, err
	}
	return res.Expiration, nil
}

// advertised adds to the host's own addresses the announced ones and
// circuit addresses through the static relays it holds a slot on. The
// circuit addresses use every address of the relay, private ones too
// (autorelay advertises only public ones), so a relay on a private
// network works as well; loopback ones only if the relay has no other.
func (d *Host) advertised(addrs []ma.Multiaddr) []ma.Multiaddr {
	out := slices.Clone(addrs)
	add := func(a ma.Multiaddr) {
		if !slices.ContainsFunc(out, a.Equal) {
			out = append(out, a)
		}
	}
	for _, a := range d.announce {
		add(a)
	}
	select {
	case <-d.ready:
	default:
		return out // still starting: d.h is not set
	}
	now := time.Now()
	var relays []peer.ID
	d.dialMu.Lock()
	for _, c := range d.configured {
		if c.reserved.After(now) {
			relays = append(relays, c.ai.ID)
		}
	}
	d.dialMu.Unlock()
	for _, r := range relays {
		raddrs := slices.DeleteFunc(d.h.Peerstore().Addrs(r), isCircuit)
		if slices.ContainsFunc(raddrs, func(a ma.Multiaddr) bool { return !manet.IsIPLoopback(a) }) {
			raddrs = slices.DeleteFunc(raddrs, manet.IsIPLoopback)
		}
		via := ma.StringCast("/p2p/" + r.String() + "/p2p-circuit")
		for _, a := range raddrs {
			add(a.Encapsulate(via))
		}
	}
	return out
}

// relayCandidates feeds autorelay: the static relays first, then
// connected peers that offer the relay protocol. It runs from libp2p's
// goroutines, possibly before New has finished.
func (d *Host) relayCandidates(ctx context.Context, num int) <-chan peer.AddrInfo {
	out := make(chan peer.AddrInfo, num)
	go func() {
		defer close(out)
		select {
		case <-d.ready:
		case <-ctx.Done():
			return
		}
		sent := map[peer.ID]bool{}
		for _, ai := range d.relayPeers {
			if len(sent) == num {
				return
			}
			sent[ai.ID] = true
			out <- ai
		}
		for _, p := range d.h.Network().Peers() {
			if len(sent) == num {
				return
			}
			if sent[p] || p == d.h.ID() {
				continue
			}
			if ok, _ := d.h.Peerstore().SupportsProtocols(p, relayproto.ProtoIDv2Hop); len(ok) == 0 {
				continue
			}
			sent[p] = true
			out <- peer.AddrInfo{ID: p, Addrs: d.h.Peerstore().Addrs(p)}
		}
	}()
	return out
}

// Reach says how a connected peer is reached.
type Reach string

// Reach values.
const (
	// ReachDirect is a direct connection.
	ReachDirect Reach = "direct"
	// ReachRelayed is a connection through a circuit relay only.
	ReachRelayed Reach = "relayed"
	// ReachHolePunched is a direct connection made while a relayed one was
	// open: hole punching (DCUtR) or a dial back from behind the NAT.
	ReachHolePunched Reach = "hole-punched"
	// ReachUnreachable is a configured peer (bootstrap, relay) that is not
	// connected: dials failed and are retried with backoff.
	ReachUnreachable Reach = "unreachable"
)

// reachTracker remembers which peers had a relayed connection, to tell
// hole-punched connections from ones that were direct from the start. It
// holds entries only for connected peers.
type reachTracker struct {
	mu       sync.Mutex
	relayed  map[peer.ID]bool      // had a limited connection while connected
	punched  map[peer.ID]bool      // got a direct one after it
	noDirect map[peer.ID]time.Time // waited for a direct connection in vain
}

func newReachTracker() *reachTracker {
	return &reachTracker{relayed: map[peer.ID]bool{}, punched: map[peer.ID]bool{}, noDirect: map[peer.ID]time.Time{}}
}

func (t *reachTracker) notifiee() network.Notifiee {
	return &network.NotifyBundle{
		ConnectedF: func(_ network.Network, c network.Conn) {
			p := c.RemotePeer()
			t.mu.Lock()
			defer t.mu.Unlock()
			if c.Stat().Limited {
				t.relayed[p] = true
			} else if t.relayed[p] {
				t.punched[p] = true
			}
		},
		DisconnectedF: func(n network.Network, c network.Conn) {
			p := c.RemotePeer()
			if len(n.ConnsToPeer(p)) > 0 {
				return
			}
			t.mu.Lock()
			defer t.mu.Unlock()
			delete(t.relayed, p)
			delete(t.punched, p)
			delete(t.noDirect, p)
		},
	}
}

// reach classifies the open connections to p.
func (t *reachTracker) reach(conns []network.Conn, p peer.ID) Reach {
	direct := slices.ContainsFunc(conns, func(c network.Conn) bool { return !c.Stat().Limited })
	switch {
	case len(conns) == 0:
		return ""
	case !direct:
		return ReachRelayed
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.punched[p] {
		return ReachHolePunched
	}
	return ReachDirect
}

// shouldWait reports whether a transfer to p should wait for a direct
// connection: not if an earlier wait for p found none lately.
func (t *reachTracker) shouldWait(p peer.ID, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.noDirect[p]
	return !ok || now.Sub(at) > noDirectFor
}

func (t *reachTracker) waitedInVain(p peer.ID, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.noDirect[p] = now
}

// openData opens a block exchange stream to p. When p is reachable only
// through a relay, it first waits up to directWait for hole punching to
// give a direct connection (bulk data through a relay is slow and counts
// against the relay's RelayLimits), then goes through the relay.
func (d *Host) openData(ctx context.Context, p peer.ID) (*Stream, error) {
	if d.h.Network().Connectedness(p) == network.Limited && d.reach.shouldWait(p, time.Now()) {
		// Without the allow-limited mark the swarm waits for a direct
		// connection, bounded by the dial-peer timeout.
		wctx := network.WithDialPeerTimeout(ctx, directWait)
		ns, err := d.h.NewStream(wctx, p, ProtoData)
		if err == nil {
			return newStream(ctx, ns), nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		d.reach.waitedInVain(p, time.Now())
		d.log.Info("no direct connection to peer; moving data through the relay", "peer", p, "waited", directWait)
	}
	return d.Open(ctx, p, ProtoData)
}

// isCircuit reports whether a goes through a relay.
func isCircuit(a ma.Multiaddr) bool {
	return slices.ContainsFunc(a, func(c ma.Component) bool { return c.Code() == ma.P_CIRCUIT })
}

// offersRelay reports whether p announced the relay service protocol.
func (d *Host) offersRelay(p peer.ID) bool {
	ok, _ := d.h.Peerstore().SupportsProtocols(p, protocol.ID(relayproto.ProtoIDv2Hop))
	return len(ok) > 0
}
