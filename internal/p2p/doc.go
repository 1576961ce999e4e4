// Package p2p is Deco's network adapter over go-libp2p: one Host per node
// with TCP and QUIC transports, Noise security, yamux multiplexing, a
// resource manager and a connection manager; discovery by bootstrap peers,
// mDNS (LAN) and a kad-DHT under the /deco prefix; gossipsub for the offers
// topic; point-to-point streams of length-prefixed messages; and block
// exchange of content-addressed blobs.
//
// The package moves bytes: the node encodes and decodes wire messages itself
// and hands p2p opaque payloads. Only gossip is looked into, because every
// node relays it: on Deco's topics a message must be an envelope of the
// topic's type, signed by its author, unexpired and expiring within
// wire.MaxTTL, and within its author's rate, or it is neither delivered nor
// forwarded.
//
// Invariants:
//   - Every message on a stream is a uvarint length followed by that many
//     bytes. A reader names its limit on each ReadMsg and never allocates
//     more than that limit for a message, whatever the prefix claims; an
//     oversize message resets the stream (ErrTooLarge).
//   - A Stream is bound to a context: the context's deadline is the stream's
//     deadline and cancelling it resets the stream. A peer that dies (process
//     killed, host closed) fails pending reads with a reset or end-of-stream
//     error instead of leaving them blocked; a peer that stalls is cut off by
//     the host's idle timeout during blob transfers and incoming requests.
//   - Gossip is signed by its author (StrictSign) and a subscriber never
//     receives its own messages. A peer that sends invalid gossip loses
//     gossip score and, after three such messages, is graylisted: gossipsub
//     ignores everything it sends until the penalty decays.
//   - One peer may open at most Config.StreamRate streams per protocol
//     (token bucket; default DefaultStreamRate); excess streams are reset
//     unread, whatever the handler. Limiter memory is bounded. Topics in Config.Topics are joined at start,
//     so peers that connect later already know the node's interest.
//   - FetchBlob hashes the bytes as they stream and fails with
//     ErrHashMismatch if they do not match the requested CID; it writes at
//     most the size limit and reports ErrTooLarge before writing anything when
//     the peer announces more. Callers write to a temporary file and discard
//     it on any error.
//   - ServeBlobs serves a blob only to a peer its Access allows; anyone
//     else gets ErrDenied, whether or not the blob is stored, so a content
//     address alone reads nothing and probes nothing.
//   - TCP is dialed before QUIC: a single TCP stream carries about three
//     times the bytes of a QUIC one here, and blobs are the bulk traffic.
//   - A host listens on every interface by default (DefaultListenAddrs);
//     an IPv6 address that cannot be bound is skipped with one log line.
//     With Config.PortFile, ports picked at the first start are asked for
//     again at later ones (a taken port is logged and replaced), so peers
//     find a restarted node at the address they knew; when it does move,
//     identify tells connected peers and the DHT answers the others.
//   - NAT traversal is go-libp2p's: AutoNAT v1 and v2, circuit relay v2
//     (client always; service with Config.RelayService, within
//     RelayLimits), autorelay (Config.RelayPeers, else connected peers
//     offering the relay) and DCUtR hole punching. Deco's streams may run
//     over relayed connections; FetchBlob over one first waits up to 5 s
//     for a direct connection. Peers reports each peer's Reach.
//   - Configured peers (bootstrap, relays) are redialled with exponential
//     backoff (2 s to 30 s, jittered) and logged once per failure cause;
//     a peer that cannot be dialled is logged once per cause, saying when
//     it announces only private or unusable addresses. Dialling is bounded.
//   - A node with static relays (Config.RelayPeers) that is not public
//     holds a slot on each (renewed before it expires) and advertises
//     circuit addresses through every address of the relay, private ones
//     included: autorelay alone advertises a relay only through its public
//     addresses, which would leave relays on private networks unused.
//
// Example:
//
//	h, err := p2p.New(ctx, p2p.Config{Key: key, Bootstrap: []string{boot}, DHT: true})
//	if err != nil { ... }
//	defer h.Close()
//
//	offers, _ := h.Subscribe(ctx, p2p.TopicOffers)
//	_ = h.Publish(ctx, p2p.TopicOffers, encodedOffer)
//
//	h.HandleRequest(p2p.ProtoBid, 64<<10, func(ctx context.Context, from peer.ID, req []byte) ([]byte, error) {
//		return answerBid(from, req)
//	})
//	resp, err := h.Request(ctx, provider, p2p.ProtoBid, encodedBidRequest, 64<<10)
//
//	h.ServeBlobs(blobStore, registry) // store.Blobs, access.Registry
//	n, err := h.FetchBlob(ctx, provider, cid, tmpFile, 1<<30)
//	if errors.Is(err, p2p.ErrHashMismatch) { /* discard tmpFile, distrust provider */ }
package p2p
