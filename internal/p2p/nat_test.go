package p2p

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	ma "github.com/multiformats/go-multiaddr"
)

// onlyRelayed is a connection gater that lets this host reach one peer
// only through a circuit relay: every direct connection to or from it is
// refused, as a NAT would.
type onlyRelayed struct {
	natted peer.ID
	open   *atomic.Bool // once set, direct connections pass: the NAT was punched
}

func (g onlyRelayed) allows(p peer.ID, a ma.Multiaddr) bool {
	return p != g.natted || isCircuit(a) || g.open != nil && g.open.Load()
}

func (g onlyRelayed) InterceptPeerDial(peer.ID) bool                   { return true }
func (g onlyRelayed) InterceptAddrDial(p peer.ID, a ma.Multiaddr) bool { return g.allows(p, a) }
func (g onlyRelayed) InterceptAccept(network.ConnMultiaddrs) bool      { return true }
func (g onlyRelayed) InterceptSecured(_ network.Direction, p peer.ID, c network.ConnMultiaddrs) bool {
	return g.allows(p, c.RemoteMultiaddr())
}
func (g onlyRelayed) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) {
	return true, 0
}

// A provider that cannot be dialled (forced private, every direct
// connection to it refused) is reached through a relay node: it reserves
// a slot on its static relay, the consumer dials it over the circuit, and
// Deco's request streams and a blob transfer round-trip over the limited
// connection. Both ends see the peer as "relayed".
func TestRelayedProvider(t *testing.T) {
	old := directWait
	directWait = 200 * time.Millisecond // no hole punch can happen on loopback
	t.Cleanup(func() { directWait = old })

	relayHost := newHost(t, Config{RelayService: true, DHT: true})
	provider := newHost(t, Config{
		Reachability: network.ReachabilityPrivate,
		RelayPeers:   relayHost.Addrs(),
		DHT:          true,
	})
	punched := new(atomic.Bool)
	consumer := newHost(t, Config{gater: onlyRelayed{natted: provider.ID(), open: punched}, Bootstrap: relayHost.Addrs(), DHT: true})

	provider.HandleRequest(ProtoBid, 100, func(_ context.Context, from peer.ID, req []byte) ([]byte, error) {
		return append([]byte("bid for "), req...), nil
	})
	src := newBlobs()
	payload := randomBytes(1<<20, 7)
	cid := src.add(payload)
	provider.ServeBlobs(src, everyone{})

	// The provider holds a slot on its relay and advertises the circuit
	// address; the consumer is told only that one.
	var via string
	waitFor(t, "the provider to advertise an address through its relay", func() bool {
		for _, a := range provider.Addrs() {
			if strings.Contains(a, "/p2p-circuit/") {
				via = a
			}
		}
		return via != ""
	})
	// Direct dials are refused, as behind a NAT.
	ctx := testCtx(t)
	for _, a := range provider.Addrs() {
		if !strings.Contains(a, "/p2p-circuit/") {
			if err := consumer.Connect(ctx, a); err == nil {
				t.Fatalf("consumer dialled the NATed provider directly at %s", a)
			}
			break
		}
	}
	// The consumer finds the provider by its ID alone: the DHT (served
	// by the relay node, its bootstrap peer) gives the circuit address.
	consumer.h.Network().(*swarm.Swarm).Backoff().Clear(provider.ID())
	consumer.h.Peerstore().ClearAddrs(provider.ID())
	waitFor(t, "the relay node to know the provider's circuit address", func() bool {
		for _, a := range relayHost.h.Peerstore().Addrs(provider.ID()) {
			if isCircuit(a) {
				return true
			}
		}
		return false
	})

	resp, err := consumer.Request(ctx, provider.ID(), ProtoBid, []byte("task 1"), 100)
	if err != nil {
		t.Fatalf("bid request over the relay: %v", err)
	}
	if string(resp) != "bid for task 1" {
		t.Fatalf("response %q", resp)
	}
	var got bytes.Buffer
	if n, err := consumer.FetchBlob(ctx, provider.ID(), cid, &got, 2<<20); err != nil || n != int64(len(payload)) || !bytes.Equal(got.Bytes(), payload) {
		t.Fatalf("blob over the relay: %d bytes, %v", n, err)
	}

	reachOf := func(h *Host, p peer.ID) Reach {
		for _, pi := range h.Peers() {
			if pi.ID == p {
				return pi.Reach
			}
		}
		return ""
	}
	if r := reachOf(consumer, provider.ID()); r != ReachRelayed {
		t.Errorf("consumer sees the provider as %q, want %q", r, ReachRelayed)
	}
	if r := reachOf(provider, consumer.ID()); r != ReachRelayed {
		t.Errorf("provider sees the consumer as %q, want %q", r, ReachRelayed)
	}
	if r := reachOf(consumer, relayHost.ID()); r != ReachDirect {
		t.Errorf("consumer sees the relay as %q, want %q", r, ReachDirect)
	}
	for _, pi := range consumer.Peers() {
		if pi.ID == relayHost.ID() && !slices.Contains(pi.Roles, "relay") {
			t.Errorf("the relay's roles are %v, want relay among them", pi.Roles)
		}
	}

	// The NAT opens, as after a successful hole punch (DCUtR cannot run on
	// loopback: it needs public addresses): a direct connection follows
	// the relayed one, the peer shows as hole-punched, and data takes the
	// direct path.
	punched.Store(true)
	var direct string
	for _, a := range provider.Addrs() {
		if !strings.Contains(a, "/p2p-circuit/") {
			direct = a
			break
		}
	}
	ai, _ := peer.AddrInfoFromString(direct)
	consumer.h.Network().(*swarm.Swarm).Backoff().Clear(provider.ID())
	if err := consumer.h.Connect(network.WithForceDirectDial(ctx, "test: the NAT is open"), *ai); err != nil {
		t.Fatalf("direct connection after the relayed one: %v", err)
	}
	if r := reachOf(consumer, provider.ID()); r != ReachHolePunched {
		t.Errorf("consumer sees the provider as %q after a direct connection followed the relayed one, want %q", r, ReachHolePunched)
	}
	got.Reset()
	s, err := consumer.openData(ctx, provider.ID())
	if err != nil {
		t.Fatal(err)
	}
	if s.s.Conn().Stat().Limited {
		t.Error("data goes through the relay although a direct connection is open")
	}
	_ = s.Reset()
}

// A relayed connection carries at most RelayLimits; the limits Deco sets
// are well above libp2p's 2 min / 128 KiB defaults.
func TestRelayLimitsFitDecoTasks(t *testing.T) {
	if RelayLimits.Duration < 10*time.Minute || RelayLimits.Data < 64<<20 {
		t.Fatalf("relay limits %v / %d bytes are below a task's needs (10 min, 64 MiB)", RelayLimits.Duration, RelayLimits.Data)
	}
}

// A host started twice from the same port file listens on the same
// addresses, so peers that knew it find it again after a restart. A port
// taken meanwhile is replaced by a fresh one.
func TestRestartKeepsListenAddrs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "listen.json")
	start := func() *Host {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		h, err := New(ctx, Config{ListenAddrs: LoopbackListenAddrs, PortFile: file, Logger: quiet})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		return h
	}
	listenAddrs := func(h *Host) []string {
		var out []string
		for _, a := range h.h.Network().ListenAddresses() {
			if hasPort(a) {
				out = append(out, a.String())
			}
		}
		slices.Sort(out)
		return out
	}
	first := start()
	before := listenAddrs(first)
	if len(before) != 2 {
		t.Fatalf("listening on %v, want a TCP and a QUIC address", before)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := start()
	after := listenAddrs(second)
	if !slices.Equal(before, after) {
		t.Fatalf("restart moved the node from %v to %v", before, after)
	}

	// The TCP port is now held by the second host: a third start from the
	// same file must still come up, on a fresh TCP port.
	third := start()
	defer third.Close()
	defer second.Close()
	got := listenAddrs(third)
	if len(got) != 2 || slices.Contains(got, after[0]) && slices.Contains(got, after[1]) {
		t.Fatalf("third host listens on %v while %v is taken", got, after)
	}
}

// logCounter counts log records by message.
type logCounter struct {
	mu   sync.Mutex
	msgs map[string]int
	text []string
}

func (l *logCounter) Enabled(context.Context, slog.Level) bool { return true }
func (l *logCounter) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs[r.Message]++
	var attrs []string
	r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a.String()); return true })
	l.text = append(l.text, r.Level.String()+" "+r.Message+" "+strings.Join(attrs, " "))
	return nil
}
func (l *logCounter) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logCounter) WithGroup(string) slog.Handler      { return l }
func (l *logCounter) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.msgs[msg]
}

// A bootstrap peer and a relay that do not answer leave the node running:
// it says so once per peer and cause, shows them as unreachable in Peers,
// and redials them with bounded backoff (not in a tight loop).
func TestUnreachableBootstrapAndRelay(t *testing.T) {
	// Two peers that existed once: their ports are closed now.
	gone := func() string {
		h := newHost(t, Config{})
		a := h.Addrs()[0]
		if err := h.Close(); err != nil {
			t.Fatal(err)
		}
		return a
	}
	deadBoot, deadRelay := gone(), gone()
	logs := &logCounter{msgs: map[string]int{}}
	start := time.Now()
	h := newHost(t, Config{
		Bootstrap:  []string{deadBoot},
		RelayPeers: []string{deadRelay},
		Logger:     slog.New(logs),
		backoffMin: 20 * time.Millisecond,
		backoffMax: 160 * time.Millisecond,
	})
	if took := time.Since(start); took > 15*time.Second {
		t.Fatalf("start took %v with dead peers configured", took)
	}
	failures := func(role string) (int, PeerInfo) {
		for _, pi := range h.Peers() {
			if pi.Reach == ReachUnreachable && slices.Contains(pi.Roles, role) {
				return pi.Failures, pi
			}
		}
		return 0, PeerInfo{}
	}
	atLeast := func(n int) func() bool {
		return func() bool {
			b, _ := failures("bootstrap")
			r, _ := failures("relay")
			return b >= n && r >= n
		}
	}
	// Backoff 20, 40, 80, 160, 160… ms (±20%): after the fourth failure
	// each wait is at least 128 ms, so two more dials take at least 256 ms;
	// a loop without backoff would make them at once.
	waitFor(t, "four failed dials to each dead peer", atLeast(4))
	from := time.Now()
	waitFor(t, "two more failed dials to each", atLeast(6))
	if took := time.Since(from); took < 2*128*time.Millisecond {
		t.Errorf("two redials took %v; the backoff (max 160 ms here) is not applied", took)
	}
	for _, role := range []string{"bootstrap", "relay"} {
		_, pi := failures(role)
		if pi.Problem == "" || pi.NextDial.IsZero() || len(pi.Addrs) == 0 {
			t.Errorf("unreachable %s peer shows no problem, next dial or address: %+v", role, pi)
		}
	}
	if n := logs.count("configured peer unreachable; retrying with backoff"); n != 2 {
		t.Errorf("%d warnings for 2 dead peers, want one each:\n%s", n, strings.Join(logs.text, "\n"))
	}
	// The node still works: a new peer connects and is answered.
	other := newHost(t, Config{Bootstrap: h.Addrs()})
	h.HandleRequest(ProtoBid, 100, func(context.Context, peer.ID, []byte) ([]byte, error) { return []byte("ok"), nil })
	if resp, err := other.Request(testCtx(t), h.ID(), ProtoBid, []byte("x"), 100); err != nil || string(resp) != "ok" {
		t.Fatalf("node with dead peers configured does not answer: %q %v", resp, err)
	}
}

// An IPv6 listen address that cannot be bound does not stop the host.
func TestListenSkipsMissingIPv6(t *testing.T) {
	// fd00::dead is an address this host does not have, like :: on a host
	// without IPv6.
	h := newHost(t, Config{ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0", "/ip6/fd00::dead/tcp/0"}})
	if len(h.Addrs()) == 0 {
		t.Fatal("host has no address")
	}
	_, err := New(testCtx(t), Config{ListenAddrs: []string{"/ip4/192.0.2.1/tcp/0"}, Logger: quiet})
	if err == nil || !strings.Contains(err.Error(), "listen on /ip4/192.0.2.1/tcp/0") {
		t.Fatalf("listening on an IPv4 address this host lacks: %v", err)
	}
}

// The default listen addresses cover every interface, TCP and QUIC, IPv4
// and IPv6.
func TestDefaultListenAddrs(t *testing.T) {
	for _, want := range []string{"/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1", "/ip6/::/tcp/0", "/ip6/::/udp/0/quic-v1"} {
		if !slices.Contains(DefaultListenAddrs, want) {
			t.Errorf("DefaultListenAddrs %v lack %s", DefaultListenAddrs, want)
		}
	}
}

// Announced addresses are advertised with the host's own.
func TestAnnounce(t *testing.T) {
	h := newHost(t, Config{Announce: []string{"/ip4/203.0.113.7/tcp/4001"}})
	want := fmt.Sprintf("/ip4/203.0.113.7/tcp/4001/p2p/%s", h.ID())
	waitFor(t, "announced address among the host's", func() bool { return slices.Contains(h.Addrs(), want) })
}

// A node that comes back on a new address is found again by a peer that
// knew only its old one: the dial to the old address fails and the DHT
// gives the new one (the restarted node told its bootstrap peer by
// identify). This was issue 16's stalled job: providers kept dialling the
// consumer's old port.
func TestPeerFoundAgainAfterAddressChange(t *testing.T) {
	boot := newHost(t, Config{DHT: true})
	first := newHost(t, Config{DHT: true, Bootstrap: boot.Addrs()})
	id := first.ID()
	priv := first.h.Peerstore().PrivKey(id) // the same identity in both lives
	other := newHost(t, Config{DHT: true, Bootstrap: boot.Addrs()})
	answer := func(h *Host) {
		h.HandleRequest(ProtoBid, 100, func(context.Context, peer.ID, []byte) ([]byte, error) { return []byte("here"), nil })
	}
	answer(first)
	inTables := func() bool {
		return other.kad.RoutingTable().Find(boot.ID()) != "" && boot.kad.RoutingTable().Find(id) != ""
	}
	waitFor(t, "routing tables: boot in other's, the node in boot's", inTables)
	if resp, err := other.Request(testCtx(t), id, ProtoBid, []byte("x"), 100); err != nil || string(resp) != "here" {
		t.Fatalf("first request: %q %v", resp, err)
	}
	old := first.Addrs()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the other peer to notice the node is gone", func() bool { return !other.Connected(id) })

	second := newHost(t, Config{Key: priv, DHT: true, Bootstrap: boot.Addrs()})
	answer(second)
	if slices.Equal(second.Addrs(), old) {
		t.Fatalf("the restarted node got the same addresses %v; the test needs new ones", old)
	}
	waitFor(t, "the node back in boot's routing table", inTables)
	waitFor(t, "the bootstrap peer to know the node's new address", func() bool {
		for _, a := range boot.h.Peerstore().Addrs(id) {
			if slices.Contains(second.Addrs(), a.String()+"/p2p/"+id.String()) {
				return true
			}
		}
		return false
	})
	resp, err := other.Request(testCtx(t), id, ProtoBid, []byte("x"), 100)
	if err != nil || string(resp) != "here" {
		t.Fatalf("request to the node at its new address: %q %v", resp, err)
	}
}

// A peer announcing only bogus addresses (unspecified IP, port 0) cannot
// be dialled: requests to it fail at once, and the log says why once, not
// at every request.
func TestBogusPeerAddrsLoggedOnce(t *testing.T) {
	logs := &logCounter{msgs: map[string]int{}}
	h := newHost(t, Config{Logger: slog.New(logs)})
	bogus := newHost(t, Config{}) // only its identity is used
	id := bogus.ID()
	_ = bogus.Close()
	h.h.Peerstore().AddAddrs(id, []ma.Multiaddr{ma.StringCast("/ip4/0.0.0.0/tcp/0"), ma.StringCast("/ip6/::/udp/0/quic-v1")}, time.Hour)
	for range 5 {
		ctx, cancel := context.WithTimeout(testCtx(t), 5*time.Second)
		_, err := h.Request(ctx, id, ProtoBid, []byte("x"), 100)
		cancel()
		if err == nil {
			t.Fatal("request to a peer with bogus addresses succeeded")
		}
	}
	if n := logs.count("cannot reach peer"); n != 1 {
		t.Fatalf("%d log lines for one unreachable peer, want 1:\n%s", n, strings.Join(logs.text, "\n"))
	}
	logs.mu.Lock()
	defer logs.mu.Unlock()
	if !slices.ContainsFunc(logs.text, func(s string) bool { return strings.Contains(s, "unusable addresses") }) {
		t.Fatalf("the log does not say the addresses are unusable:\n%s", strings.Join(logs.text, "\n"))
	}
}

// BenchmarkFetchBlobRelayed moves a 32 MiB blob directly and through a
// circuit relay on loopback (go test -bench FetchBlobRelayed -benchtime 5x).
func BenchmarkFetchBlobRelayed(b *testing.B) {
	old := directWait
	directWait = 0
	b.Cleanup(func() { directWait = old })
	relayHost := newHost(b, Config{RelayService: true})
	provider := newHost(b, Config{Reachability: network.ReachabilityPrivate, RelayPeers: relayHost.Addrs()})
	src := newBlobs()
	payload := randomBytes(32<<20, 3)
	cid := src.add(payload)
	provider.ServeBlobs(src, everyone{})
	var via, direct string
	for _, a := range provider.Addrs() {
		if strings.Contains(a, "/p2p-circuit/") && strings.Contains(a, "/tcp/") {
			via = a
		} else if !strings.Contains(a, "/p2p-circuit/") && strings.Contains(a, "/tcp/") {
			direct = a
		}
	}
	if via == "" {
		waitFor(b, "a circuit address", func() bool {
			for _, a := range provider.Addrs() {
				if strings.Contains(a, "/p2p-circuit/") && strings.Contains(a, "/tcp/") {
					via = a
				}
			}
			return via != ""
		})
	}
	for _, path := range []struct{ name, addr string }{{"direct", direct}, {"relayed", via}} {
		b.Run(path.name, func(b *testing.B) {
			consumer := newHost(b, Config{})
			b.SetBytes(int64(len(payload)))
			for range b.N {
				// A fresh connection each time: a circuit carries at
				// most RelayLimits.Data (64 MiB) each way.
				b.StopTimer()
				_ = consumer.h.Network().ClosePeer(provider.ID())
				waitFor(b, "old connection closed", func() bool { return !consumer.Connected(provider.ID()) })
				consumer.h.Network().(*swarm.Swarm).Backoff().Clear(provider.ID())
				if err := consumer.Connect(context.Background(), path.addr); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var sink countingWriter
				if _, err := consumer.FetchBlob(context.Background(), provider.ID(), cid, &sink, 64<<20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
