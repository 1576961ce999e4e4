package p2p

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p"
	dht "github.com/libp2p/go-libp2p-kad-dht"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	gater "github.com/libp2p/go-libp2p/core/connmgr"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/core/routing"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	drouting "github.com/libp2p/go-libp2p/p2p/discovery/routing"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	"github.com/libp2p/go-libp2p/p2p/net/connmgr"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	"github.com/libp2p/go-libp2p/p2p/protocol/ping"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	quic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// Protocol identifiers of Deco's point-to-point streams and gossip topics.
const (
	ProtoBid    protocol.ID = "/deco/bid/1"
	ProtoTask   protocol.ID = "/deco/task/2"
	ProtoStatus protocol.ID = "/deco/status/1"
	ProtoResult protocol.ID = "/deco/result/1"
	ProtoData   protocol.ID = "/deco/data/1"

	// TopicOffers carries providers' signed, expiring offers.
	TopicOffers = "/deco/offers/1"
	// TopicEvidence carries signed, self-verifying fraud evidence.
	TopicEvidence = "/deco/evidence/1"

	// DHTPrefix keeps Deco's kad-DHT apart from the public IPFS one:
	// its protocol is /deco/kad/1.0.0.
	DHTPrefix protocol.ID = "/deco"

	// MDNSService is the mDNS service name Deco nodes announce on the LAN.
	MDNSService = "_deco._udp"
)

// Defaults used by New for zero Config fields.
var (
	// DefaultListenAddrs listen on every interface, TCP and QUIC, IPv4 and
	// IPv6; a host without IPv6 listens on IPv4 only.
	DefaultListenAddrs = []string{
		"/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1",
		"/ip6/::/tcp/0", "/ip6/::/udp/0/quic-v1",
	}
	DefaultTopics = []string{TopicOffers}
)

// LoopbackListenAddrs keep a host on this machine: tests and devnets.
var LoopbackListenAddrs = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}

const (
	defaultConnLow     = 64
	defaultConnHigh    = 256
	defaultIdleTimeout = 30 * time.Second
	defaultUserAgent   = "deco"

	dialTimeout = 10 * time.Second
	pingPeriod  = 30 * time.Second
	pingTimeout = 5 * time.Second
	protectTag  = "deco-bootstrap"
)

// Config configures a Host. Zero fields take the documented defaults.
type Config struct {
	// Key is the node's libp2p identity; it must be ed25519. Nil means a
	// fresh throw-away key (tests and one-off tools only).
	Key crypto.PrivKey
	// ListenAddrs are multiaddrs to listen on; default DefaultListenAddrs
	// (every interface, TCP and QUIC, IPv4 and IPv6, ports picked at the
	// first start).
	ListenAddrs []string
	// PortFile, if set, records the ports bound for addresses with port 0,
	// and later starts ask for the same ones (a taken port is replaced by
	// a fresh one), so peers find a restarted node where they left it.
	PortFile string
	// Announce are multiaddrs advertised besides the listen and observed
	// ones (a public address in front of a forwarded port).
	Announce []string
	// Bootstrap are full peer addresses (…/p2p/<id>) dialed at start and
	// redialed with backoff whenever the connection drops.
	Bootstrap []string
	// RelayService offers circuit relay v2 to other nodes within
	// RelayLimits. It implies Reachability public unless that is set.
	RelayService bool
	// RelayPeers are static relays (full addresses) kept connected like
	// bootstrap peers; a node that cannot be dialled reserves a slot on
	// them. Without them it uses connected peers offering the relay service.
	RelayPeers []string
	// Reachability overrides AutoNAT's verdict on whether others can dial
	// this node: ReachabilityUnknown (default) detects it.
	Reachability network.Reachability
	// MDNS announces and discovers Deco nodes on the local network.
	MDNS bool
	// DHT runs a kad-DHT under DHTPrefix (server mode unless the node learns it
	// is unreachable), used to find peers by ID and topic members.
	DHT bool
	// Topics are joined at start so peers learn of our interest before the
	// first Publish; default DefaultTopics. Other topics are joined on first use.
	Topics []string
	// ConnLow and ConnHigh are the connection manager's watermarks
	// (default 64 and 256). Bootstrap peers are never trimmed.
	ConnLow, ConnHigh int
	// IdleTimeout bounds how long a blob transfer or an incoming request may
	// make no progress before its stream is reset (default 30 s).
	IdleTimeout time.Duration
	// UserAgent is announced through identify (default "deco").
	UserAgent string
	// StreamRate bounds the streams one peer may open per protocol
	// (default DefaultStreamRate). Streams over it are reset unread.
	StreamRate RateLimit
	// Logger receives the host's logs; default slog.Default().
	Logger *slog.Logger

	// gater, set by tests in this package, filters connections.
	gater gater.ConnectionGater
	// backoffMin and backoffMax override the redial pacing (tests).
	backoffMin, backoffMax time.Duration
}

// Validate reports the first invalid field of c.
func (c Config) Validate() error {
	if c.Key != nil && c.Key.Type() != crypto.Ed25519 {
		return fmt.Errorf("p2p config: identity key is %v; Deco peer keys must be ed25519 (regenerate the node key)", c.Key.Type())
	}
	for _, a := range c.ListenAddrs {
		if _, err := ma.NewMultiaddr(a); err != nil {
			return fmt.Errorf("p2p config: listen address %q: %w (example: /ip4/0.0.0.0/tcp/4001)", a, err)
		}
	}
	for _, a := range c.Announce {
		if _, err := ma.NewMultiaddr(a); err != nil {
			return fmt.Errorf("p2p config: announce address %q: %w (example: /ip4/203.0.113.7/tcp/4001)", a, err)
		}
	}
	for _, a := range c.Bootstrap {
		if _, err := peer.AddrInfoFromString(a); err != nil {
			return fmt.Errorf("p2p config: bootstrap address %q: %w (want a full address such as /ip4/1.2.3.4/tcp/4001/p2p/12D3Koo…)", a, err)
		}
	}
	for _, a := range c.RelayPeers {
		if _, err := peer.AddrInfoFromString(a); err != nil {
			return fmt.Errorf("p2p config: relay address %q: %w (want a full address such as /ip4/1.2.3.4/tcp/4001/p2p/12D3Koo…)", a, err)
		}
	}
	if c.ConnLow < 0 || c.ConnHigh < 0 || (c.ConnHigh > 0 && c.ConnLow > c.ConnHigh) {
		return fmt.Errorf("p2p config: connection watermarks low=%d high=%d: want 0 <= low <= high", c.ConnLow, c.ConnHigh)
	}
	if c.IdleTimeout < 0 {
		return fmt.Errorf("p2p config: idle timeout %v is negative", c.IdleTimeout)
	}
	return c.StreamRate.validate("stream")
}

func (c *Config) applyDefaults() error {
	if c.Key == nil {
		k, _, err := crypto.GenerateEd25519Key(nil)
		if err != nil {
			return fmt.Errorf("generate throw-away key: %w", err)
		}
		c.Key = k
	}
	if len(c.ListenAddrs) == 0 {
		c.ListenAddrs = DefaultListenAddrs
	}
	if c.Topics == nil {
		c.Topics = DefaultTopics
	}
	if c.ConnLow == 0 && c.ConnHigh == 0 {
		c.ConnLow, c.ConnHigh = defaultConnLow, defaultConnHigh
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = defaultIdleTimeout
	}
	if c.UserAgent == "" {
		c.UserAgent = defaultUserAgent
	}
	if c.StreamRate == (RateLimit{}) {
		c.StreamRate = DefaultStreamRate
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.backoffMin == 0 {
		c.backoffMin, c.backoffMax = backoffMin, backoffMax
	}
	return nil
}

// Host is a running libp2p node: transports, gossip, request/response
// streams and block exchange. It is safe for concurrent use.
type Host struct {
	h    host.Host
	ps   *pubsub.PubSub
	kad  *dht.IpfsDHT // nil unless Config.DHT
	mdns mdns.Service // nil unless Config.MDNS
	cm   *connmgr.BasicConnMgr
	log  *slog.Logger
	idle time.Duration

	// life is the host's lifetime, cancelled by Close. It is kept here
	// because stream handlers started by libp2p need a parent context.
	life   context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	bootstrap  []peer.AddrInfo
	relayPeers []peer.AddrInfo
	announce   []ma.Multiaddr
	ready      chan struct{} // closed once h is set

	dialMu                 sync.Mutex // guards the dial state in configured
	configured             []*configured
	backoffMin, backoffMax time.Duration
	reach                  *reachTracker
	reserve                bool               // hold slots on the static relays (see natOptions)
	troubled               map[peer.ID]string // guarded by dialMu: last open failure logged per peer

	mu         sync.Mutex
	topics     map[string]*pubsub.Topic
	validators map[string]Validator // set by SetValidator

	streamRate  RateLimit
	streamLimit *limiter // per peer and protocol, in Handle
	gossipRate  *limiter // per author and topic, in checkGossip
	scores      atomic.Pointer[map[peer.ID]float64]

	closeOnce sync.Once
	closeErr  error
}

// New starts a host. It dials the bootstrap peers before returning (failures
// are logged and retried in the background, never fatal); ctx bounds only
// this start-up, use Close to stop the host.
func New(ctx context.Context, cfg Config) (*Host, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.applyDefaults(); err != nil {
		return nil, err
	}
	var boot []peer.AddrInfo
	for _, a := range cfg.Bootstrap {
		ai, _ := peer.AddrInfoFromString(a) // checked by Validate
		boot = append(boot, *ai)
	}
	boot = mergeAddrInfos(boot)
	var relays []peer.AddrInfo
	for _, a := range cfg.RelayPeers {
		ai, _ := peer.AddrInfoFromString(a) // checked by Validate
		relays = append(relays, *ai)
	}
	relays = mergeAddrInfos(relays)
	var announce []ma.Multiaddr
	for _, a := range cfg.Announce {
		m, _ := ma.NewMultiaddr(a) // checked by Validate
		announce = append(announce, m)
	}

	rm, err := newResourceManager()
	if err != nil {
		return nil, fmt.Errorf("start p2p host: resource manager: %w", err)
	}
	cm, err := connmgr.NewConnManager(cfg.ConnLow, cfg.ConnHigh, connmgr.WithGracePeriod(time.Minute))
	if err != nil {
		return nil, fmt.Errorf("start p2p host: connection manager: %w", err)
	}

	life, cancel := context.WithCancel(context.Background())
	d := &Host{
		cm:        cm,
		log:       cfg.Logger.With("component", "p2p"),
		idle:      cfg.IdleTimeout,
		life:      life,
		cancel:    cancel,
		bootstrap: boot,
		topics:    make(map[string]*pubsub.Topic),

		relayPeers: relays,
		announce:   announce,
		ready:      make(chan struct{}),
		configured: configuredPeers(boot, relays),
		backoffMin: cfg.backoffMin,
		backoffMax: cfg.backoffMax,
		reach:      newReachTracker(),

		validators:  make(map[string]Validator),
		streamRate:  cfg.StreamRate,
		streamLimit: newLimiter(),
		gossipRate:  newLimiter(),
	}

	opts := []libp2p.Option{
		libp2p.Identity(cfg.Key),
		// Listening happens after start, address by address (listen.go).
		libp2p.NoListenAddrs,
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(quic.NewTransport),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Muxer(yamux.ID, yamux.DefaultTransport),
		libp2p.ResourceManager(rm),
		libp2p.ConnectionManager(cm),
		libp2p.SwarmOpts(swarm.WithDialRanker(tcpFirstRanker)),
		libp2p.UserAgent(cfg.UserAgent),
		libp2p.Ping(true),
	}
	opts = append(opts, d.natOptions(cfg)...)
	if cfg.gater != nil {
		opts = append(opts, libp2p.ConnectionGater(cfg.gater))
	}
	if cfg.DHT {
		opts = append(opts, libp2p.Routing(func(h host.Host) (routing.PeerRouting, error) {
			k, err := dht.New(h,
				dht.ProtocolPrefix(DHTPrefix),
				dht.Mode(dht.ModeAutoServer),
				dht.BootstrapPeers(boot...),
			)
			d.kad = k
			return k, err
		}))
	}
	h, err := libp2p.New(opts...)
	if err != nil {
		cancel()
		_ = cm.Close()
		_ = rm.Close()
		return nil, fmt.Errorf("start p2p host: %w", err)
	}
	d.h = h
	close(d.ready)

	fail := func(err error) (*Host, error) {
		_ = d.Close()
		return nil, err
	}
	h.Network().Notify(d.reach.notifiee())
	if err := d.listen(cfg.ListenAddrs, cfg.PortFile); err != nil {
		return fail(err)
	}

	psOpts := []pubsub.Option{
		pubsub.WithMessageSignaturePolicy(pubsub.StrictSign),
		// Send our own messages to every subscribed peer, not only to mesh
		// members: offers are rare, and a fresh mesh is empty until the
		// first heartbeat, which would swallow a publish right after start.
		pubsub.WithFloodPublish(true),
		pubsub.WithLogger(d.log.With("component", "gossip")),
	}
	score, thresholds := gossipScoring()
	psOpts = append(psOpts,
		pubsub.WithPeerScore(score, thresholds),
		pubsub.WithPeerScoreInspect(pubsub.PeerScoreInspectFn(d.inspectScores), scoreInspectPeriod))
	if d.kad != nil {
		psOpts = append(psOpts, pubsub.WithDiscovery(drouting.NewRoutingDiscovery(d.kad)))
	}
	d.ps, err = pubsub.NewGossipSub(life, h, psOpts...)
	if err != nil {
		return fail(fmt.Errorf("start gossipsub: %w", err))
	}
	if err := d.registerTopicRules(); err != nil {
		return fail(err)
	}
	for _, t := range cfg.Topics {
		if _, err := d.topic(t); err != nil {
			return fail(err)
		}
	}

	if err := d.startPinger(); err != nil {
		return fail(err)
	}

	for _, c := range d.configured {
		cm.Protect(c.ai.ID, protectTag)
	}
	d.dialConfigured(ctx, time.Now(), true)
	d.wg.Add(1)
	go d.keepConfigured()

	if d.kad != nil {
		if err := d.kad.Bootstrap(life); err != nil {
			return fail(fmt.Errorf("start DHT: %w", err))
		}
	}
	if cfg.MDNS {
		d.mdns = mdns.NewMdnsService(h, MDNSService, mdnsNotifee{d})
		if err := d.mdns.Start(); err != nil {
			return fail(fmt.Errorf("start mDNS discovery: %w (run without LAN discovery if multicast is unavailable)", err))
		}
	}
	d.log.Info("p2p host started", "peer", h.ID(), "addrs", d.Addrs(), "dht", cfg.DHT, "mdns", cfg.MDNS,
		"relay_service", cfg.RelayService, "relay_peers", len(relays))
	return d, nil
}

// ID returns the host's peer ID.
func (d *Host) ID() peer.ID { return d.h.ID() }

// Addrs returns the addresses others can dial the host at, each ending in
// /p2p/<id>: its listen addresses on each interface, observed and
// announced ones and relay (/p2p-circuit) ones. Loopback addresses are
// left out when there are others, since no other host can use them.
func (d *Host) Addrs() []string {
	addrs := d.h.Addrs()
	if slices.ContainsFunc(addrs, func(a ma.Multiaddr) bool { return !manet.IsIPLoopback(a) }) {
		addrs = slices.DeleteFunc(slices.Clone(addrs), manet.IsIPLoopback)
	}
	full, err := peer.AddrInfoToP2pAddrs(&peer.AddrInfo{ID: d.h.ID(), Addrs: addrs})
	if err != nil {
		return nil
	}
	out := make([]string, len(full))
	for i, a := range full {
		out[i] = a.String()
	}
	return out
}

// Close stops discovery, closes every connection and releases the ports.
// Pending reads on the host's streams fail. Close is idempotent.
func (d *Host) Close() error {
	d.closeOnce.Do(func() {
		d.cancel()
		var errs []error
		if d.mdns != nil {
			errs = append(errs, d.mdns.Close())
		}
		if d.kad != nil {
			errs = append(errs, d.kad.Close())
		}
		if d.h != nil {
			errs = append(errs, d.h.Close())
		}
		d.wg.Wait()
		d.closeErr = errors.Join(errs...)
	})
	return d.closeErr
}

// PeerInfo describes a connected peer, or a configured one (bootstrap,
// relay) that is not connected.
type PeerInfo struct {
	ID        peer.ID
	Addrs     []string      // remote addresses of the open connections (configured ones if none)
	Latency   time.Duration // smoothed round-trip time; 0 until measured
	Protocols []string      // protocols the peer announced (after identify)
	Reach     Reach         // how it is reached; ReachUnreachable for a configured peer not connected
	Roles     []string      // "bootstrap", "relay" (configured or offering the relay service)
	// For a configured peer not connected: why the last dial failed, how
	// many dials failed in a row, and when the next one is due.
	Problem  string
	Failures int
	NextDial time.Time
}

// Peers lists the connected peers and the configured peers that are not
// connected, sorted by ID.
func (d *Host) Peers() []PeerInfo {
	ids := d.h.Network().Peers()
	conf := map[peer.ID]*configured{}
	for _, c := range d.configured {
		conf[c.ai.ID] = c
		if !slices.Contains(ids, c.ai.ID) && c.ai.ID != d.h.ID() {
			ids = append(ids, c.ai.ID)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]PeerInfo, 0, len(ids))
	for _, p := range ids {
		pi := PeerInfo{ID: p, Latency: d.Latency(p)}
		conns := d.h.Network().ConnsToPeer(p)
		for _, c := range conns {
			pi.Addrs = append(pi.Addrs, c.RemoteMultiaddr().String())
		}
		pi.Reach = d.reach.reach(conns, p)
		if c, ok := conf[p]; ok {
			pi.Roles = slices.Clone(c.roles)
			d.dialMu.Lock()
			if c.fails > 0 { // unreachable, or a relay that refuses a slot
				pi.Problem, pi.Failures, pi.NextDial = c.cause, c.fails, c.next
			}
			d.dialMu.Unlock()
			if len(conns) == 0 {
				pi.Reach = ReachUnreachable
				for _, a := range c.ai.Addrs {
					pi.Addrs = append(pi.Addrs, a.String())
				}
				if pi.Problem == "" {
					pi.Problem = "connecting"
				}
			}
		}
		if d.offersRelay(p) && !slices.Contains(pi.Roles, "relay") {
			pi.Roles = append(pi.Roles, "relay")
		}
		if protos, err := d.h.Peerstore().GetProtocols(p); err == nil {
			for _, pr := range protos {
				pi.Protocols = append(pi.Protocols, string(pr))
			}
			sort.Strings(pi.Protocols)
		}
		out = append(out, pi)
	}
	return out
}

// Connected reports whether the host has an open connection to p.
func (d *Host) Connected(p peer.ID) bool {
	return d.h.Network().Connectedness(p) == network.Connected
}

// Connect dials a full peer address (…/p2p/<id>).
func (d *Host) Connect(ctx context.Context, addr string) error {
	ai, err := peer.AddrInfoFromString(addr)
	if err != nil {
		return fmt.Errorf("connect to %q: %w (want a full address such as /ip4/1.2.3.4/tcp/4001/p2p/12D3Koo…)", addr, err)
	}
	if err := d.h.Connect(ctx, *ai); err != nil {
		return fmt.Errorf("connect to %s: %w", ai.ID, err)
	}
	return nil
}

// ListenAddrs returns the full addresses (…/p2p/<id>) connected peers
// announced through identify, at most perPeer each: where they can be
// dialled again, unlike the remote end of a connection they opened.
func (d *Host) ListenAddrs(perPeer int) []string {
	var out []string
	for _, p := range d.h.Network().Peers() {
		addrs := d.h.Peerstore().Addrs(p)
		for i, a := range addrs {
			if i == perPeer {
				break
			}
			out = append(out, a.String()+"/p2p/"+p.String())
		}
	}
	return out
}

// PeerAddrs returns the full addresses (…/p2p/<id>) the host knows for p,
// at most max.
func (d *Host) PeerAddrs(p peer.ID, max int) []string {
	var out []string
	for _, a := range d.h.Peerstore().Addrs(p) {
		if len(out) == max {
			break
		}
		out = append(out, a.String()+"/p2p/"+p.String())
	}
	return out
}

// Latency returns the smoothed round-trip time to p, or 0 if it has not been
// measured yet. Connected peers are pinged after identify and every 30 s.
func (d *Host) Latency(p peer.ID) time.Duration { return d.h.Peerstore().LatencyEWMA(p) }

// Ping measures one round trip to p and records it for Latency.
func (d *Host) Ping(ctx context.Context, p peer.ID) (time.Duration, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	select {
	case res, ok := <-ping.Ping(network.WithAllowLimitedConn(ctx, limitedReason), d.h, p):
		if !ok {
			return 0, fmt.Errorf("ping %s: %w", p, ctx.Err())
		}
		if res.Error != nil {
			return 0, fmt.Errorf("ping %s: %w", p, res.Error)
		}
		return res.RTT, nil
	case <-ctx.Done():
		return 0, fmt.Errorf("ping %s: %w", p, ctx.Err())
	}
}

// startPinger measures latency to each peer once identify completes and
// then periodically.
func (d *Host) startPinger() error {
	sub, err := d.h.EventBus().Subscribe(new(event.EvtPeerIdentificationCompleted))
	if err != nil {
		return fmt.Errorf("subscribe to identify events: %w", err)
	}
	// A failed ping (a busy peer, a slow first stream) is retried soon,
	// three times, rather than leaving the latency unknown until the next
	// period.
	pingOnce := func(p peer.ID) {
		for try := range 3 {
			ctx, cancel := context.WithTimeout(d.life, pingTimeout)
			_, err := d.Ping(ctx, p)
			cancel()
			if err == nil || d.life.Err() != nil {
				return
			}
			d.log.Debug("ping failed", "peer", p, "try", try+1, "err", err)
			select {
			case <-d.life.Done():
				return
			case <-time.After(time.Second << try):
			}
		}
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer sub.Close()
		tick := time.NewTicker(pingPeriod)
		defer tick.Stop()
		var pings sync.WaitGroup
		defer pings.Wait()
		for {
			select {
			case <-d.life.Done():
				return
			case e, ok := <-sub.Out():
				if !ok {
					return
				}
				p := e.(event.EvtPeerIdentificationCompleted).Peer
				pings.Go(func() { pingOnce(p) })
			case <-tick.C:
				for _, p := range d.h.Network().Peers() {
					pings.Go(func() { pingOnce(p) })
				}
			}
		}
	}()
	return nil
}

type mdnsNotifee struct{ d *Host }

func (n mdnsNotifee) HandlePeerFound(ai peer.AddrInfo) {
	d := n.d
	if ai.ID == d.h.ID() || d.Connected(ai.ID) || d.life.Err() != nil {
		return
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		ctx, cancel := context.WithTimeout(d.life, dialTimeout)
		defer cancel()
		if err := d.h.Connect(ctx, ai); err != nil {
			d.log.Debug("mDNS peer unreachable", "peer", ai.ID, "err", err)
			return
		}
		d.log.Info("connected to LAN peer", "peer", ai.ID)
	}()
}

// mergeAddrInfos joins entries that name the same peer.
func mergeAddrInfos(in []peer.AddrInfo) []peer.AddrInfo {
	var out []peer.AddrInfo
	idx := map[peer.ID]int{}
	for _, ai := range in {
		if i, ok := idx[ai.ID]; ok {
			out[i].Addrs = append(out[i].Addrs, ai.Addrs...)
			continue
		}
		idx[ai.ID] = len(out)
		out = append(out, ai)
	}
	return out
}

// RemoteIP is the IP address p is connected from (its first open
// connection), if any.
func (d *Host) RemoteIP(p peer.ID) (netip.Addr, bool) {
	for _, c := range d.h.Network().ConnsToPeer(p) {
		a := c.RemoteMultiaddr()
		for _, code := range []int{ma.P_IP4, ma.P_IP6} {
			if v, err := a.ValueForProtocol(code); err == nil {
				if ip, err := netip.ParseAddr(v); err == nil {
					return ip, true
				}
			}
		}
	}
	return netip.Addr{}, false
}
