package p2p

import (
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/protocol"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	ma "github.com/multiformats/go-multiaddr"
)

// requestProtocols are Deco's short request/response and status protocols.
var requestProtocols = []protocol.ID{ProtoBid, ProtoTask, ProtoStatus, ProtoResult}

// newResourceManager builds libp2p's resource manager with its scaled
// defaults, raised for Deco's traffic shape: many short request/response
// streams between few peers (a consumer sends a bid request per candidate
// per task, thousands a second on loopback in devnets and benchmarks).
// libp2p's defaults allow only 64 inbound streams per protocol per peer and
// 128 unnegotiated (transient) inbound streams, which a burst of bid requests
// from one consumer exceeds. Block exchange gets fewer, since each transfer
// holds copy buffers (about 1 MiB) for its whole duration.
func newResourceManager() (network.ResourceManager, error) {
	scaling := rcmgr.DefaultLimits
	libp2p.SetDefaultServiceLimits(&scaling)
	for _, p := range requestProtocols {
		scaling.AddProtocolLimit(p,
			rcmgr.BaseLimit{StreamsInbound: 4096, StreamsOutbound: 4096, Streams: 8192, Memory: 512 << 20},
			rcmgr.BaseLimitIncrease{})
		scaling.AddProtocolPeerLimit(p,
			rcmgr.BaseLimit{StreamsInbound: 1024, StreamsOutbound: 1024, Streams: 2048, Memory: 256 << 20},
			rcmgr.BaseLimitIncrease{})
	}
	scaling.AddProtocolLimit(ProtoData,
		rcmgr.BaseLimit{StreamsInbound: 256, StreamsOutbound: 256, Streams: 512, Memory: 512 << 20},
		rcmgr.BaseLimitIncrease{})
	scaling.AddProtocolPeerLimit(ProtoData,
		rcmgr.BaseLimit{StreamsInbound: 64, StreamsOutbound: 64, Streams: 128, Memory: 256 << 20},
		rcmgr.BaseLimitIncrease{})
	scaled := scaling.AutoScale()
	raise := rcmgr.PartialLimitConfig{
		Transient: rcmgr.ResourceLimits{
			StreamsInbound:  1024,
			StreamsOutbound: 1024,
			Streams:         2048,
		},
		PeerDefault: rcmgr.ResourceLimits{
			StreamsInbound:  2048,
			StreamsOutbound: 2048,
			Streams:         4096,
		},
	}
	return rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(raise.Build(scaled)))
}

// tcpHeadStart is how long QUIC dials wait behind TCP ones.
const tcpHeadStart = 250 * time.Millisecond

// tcpFirstRanker dials TCP addresses first and QUIC (and anything else)
// tcpHeadStart later. libp2p's default prefers QUIC, but one stream over
// TCP+Noise+yamux moves about three times the bytes of a QUIC stream on these
// machines, and block exchange is Deco's bulk traffic. QUIC stays as the
// fallback for peers reachable only over UDP.
func tcpFirstRanker(addrs []ma.Multiaddr) []network.AddrDelay {
	var tcp, rest []ma.Multiaddr
	for _, a := range addrs {
		if isPlainTCP(a) {
			tcp = append(tcp, a)
		} else {
			rest = append(rest, a)
		}
	}
	out := swarm.DefaultDialRanker(tcp)
	later := swarm.DefaultDialRanker(rest)
	if len(out) == 0 {
		return later
	}
	for _, ad := range later {
		ad.Delay += tcpHeadStart
		out = append(out, ad)
	}
	return out
}

func isPlainTCP(a ma.Multiaddr) bool {
	tcp, circuit, ws := false, false, false
	for _, c := range a {
		switch c.Code() {
		case ma.P_TCP:
			tcp = true
		case ma.P_CIRCUIT:
			circuit = true
		case ma.P_WS, ma.P_WSS, ma.P_TLS:
			ws = true
		}
	}
	return tcp && !circuit && !ws
}
