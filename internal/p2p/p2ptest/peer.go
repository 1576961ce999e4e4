package p2ptest

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TTL is how long the envelopes a Peer seals live.
const TTL = time.Minute

// Peer is a real libp2p host with both of a node's keys.
type Peer struct {
	Host    *p2p.Host
	Key     ed25519.PrivateKey // signs envelopes; the host's identity
	EVM     *ecdsa.PrivateKey
	Binding wire.Binding // EVM bound to Host's peer id
	nonce   atomic.Uint64
}

// NewPeer starts a host on loopback with fresh keys; it closes with t.
func NewPeer(t testing.TB) *Peer {
	t.Helper()
	priv, _, err := lcrypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h, err := p2p.New(ctx, p2p.Config{Key: priv, ListenAddrs: p2p.LoopbackListenAddrs, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	evm, err := ethcrypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	b, err := verify.Bind(evm, h.ID().String())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := priv.Raw()
	if err != nil {
		t.Fatal(err)
	}
	return &Peer{Host: h, Key: ed25519.PrivateKey(raw), EVM: evm, Binding: b}
}

// ID is the host's peer id; Address is its EVM address (0x hex).
func (p *Peer) ID() peer.ID     { return p.Host.ID() }
func (p *Peer) Address() string { return p.Binding.EVM }
func (p *Peer) String() string  { return fmt.Sprintf("peer %s (%s)", p.ID(), p.Address()) }

// Seal signs body as a typ envelope, as a node does.
func (p *Peer) Seal(typ string, body any, ttl time.Duration) ([]byte, error) {
	env, err := wire.Seal(p.Key, typ, body, time.Now(), ttl, p.nonce.Add(1))
	if err != nil {
		return nil, err
	}
	return env.Marshal()
}

// Open decodes a typ envelope from peer from: signature, expiry and that
// from's own key signed it (no replay memory).
func (p *Peer) Open(raw []byte, from peer.ID, typ string, v any) error {
	env, err := wire.DecodeEnvelope(raw)
	if err != nil {
		return err
	}
	if err := env.Verify(time.Now()); err != nil {
		return err
	}
	pub, err := from.ExtractPublicKey()
	if err != nil {
		return err
	}
	rawPub, err := pub.Raw()
	if err != nil {
		return err
	}
	if string(rawPub) != string(env.PubKey) {
		return fmt.Errorf("%w: signed by a key other than the sender %s", wire.ErrBadSignature, from)
	}
	return env.Open(typ, v)
}

// Connect dials addr (a multiaddr string ending in /p2p/<id>).
func (p *Peer) Connect(t testing.TB, addr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.Host.Connect(ctx, addr); err != nil {
		t.Fatal(err)
	}
}

// RequestBid sends req to prov's /deco/bid/1 and opens the signed bid.
func (p *Peer) RequestBid(t testing.TB, prov peer.ID, req wire.BidRequest) wire.Bid {
	t.Helper()
	raw, err := p.Seal(wire.TypeBidRequest, req, TTL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := p.Host.Request(ctx, prov, p2p.ProtoBid, raw, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var b wire.Bid
	if err := p.Open(resp, prov, wire.TypeBid, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// Assign sends a on a fresh /deco/task/2 session to prov and returns the
// first result (a refusal, or the run's outcome), skipping status frames
// and answering heartbeats.
func (p *Peer) Assign(t testing.TB, prov peer.ID, a wire.Assign) wire.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := p.Host.Open(ctx, prov, p2p.ProtoTask)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Reset()
	s.SetDeadline(time.Now().Add(30 * time.Second))
	msg, err := wire.EncodeFrame(wire.TypeAssign, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteMsg(msg); err != nil {
		t.Fatal(err)
	}
	for {
		raw, err := s.ReadMsg(wire.MaxMessage)
		if err != nil {
			t.Fatalf("no result for %s: %v", a.Spec.Task, err)
		}
		f, err := wire.DecodeFrame(raw)
		if err != nil {
			t.Fatal(err)
		}
		if f.Type == wire.TypeBeat {
			// A consumer answers heartbeats, or the provider stops its work.
			var b wire.Beat
			if err := f.Open(wire.TypeBeat, &b); err != nil {
				t.Fatal(err)
			}
			if ack, err := wire.EncodeFrame(wire.TypeBeatAck, wire.BeatAck{Seq: b.Seq}); err == nil {
				s.WriteMsg(ack)
			}
			continue
		}
		if f.Type != wire.TypeResult {
			continue // status
		}
		var res wire.Result
		if err := f.Open(wire.TypeResult, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
}
