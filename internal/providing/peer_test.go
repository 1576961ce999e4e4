package providing

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// A real libp2p peer on loopback with both of a node's keys, sealing and
// opening envelopes the way the node does.

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type testPeer struct {
	host    *p2p.Host
	key     ed25519.PrivateKey
	evm     *ecdsa.PrivateKey
	binding wire.Binding
	nonce   atomic.Uint64
}

func newPeer(t *testing.T) *testPeer {
	t.Helper()
	priv, _, err := lcrypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h, err := p2p.New(ctx, p2p.Config{Key: priv, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	raw, _ := priv.Raw()
	evm, err := ethcrypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	b, err := verify.Bind(evm, h.ID().String())
	if err != nil {
		t.Fatal(err)
	}
	return &testPeer{host: h, key: ed25519.PrivateKey(raw), evm: evm, binding: b}
}

func (p *testPeer) address() string { return p.binding.EVM }

func (p *testPeer) seal(typ string, body any, ttl time.Duration) ([]byte, error) {
	env, err := wire.Seal(p.key, typ, body, time.Now(), ttl, p.nonce.Add(1))
	if err != nil {
		return nil, err
	}
	return env.Marshal()
}

func (p *testPeer) open(raw []byte, from peer.ID, typ string, v any) error {
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
	rawPub, _ := pub.Raw()
	if string(rawPub) != string(env.PubKey) {
		return errors.New("signed by a key other than the sender's")
	}
	return env.Open(typ, v)
}

// serve makes p a provider (one slot, payments off) and returns it.
func (p *testPeer) serve(t *testing.T) *Provider {
	t.Helper()
	blobs, err := store.OpenBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pr := New(Config{
		Settings: config.Provider{Enabled: true, Slots: 1, Ask: 1000, Floor: 500, Ceiling: 10_000},
		Home:     config.Home(t.TempDir()), Binding: p.binding, Key: p.evm, Seal: p.seal, Open: p.open,
		Gossip: p.host, Blobs: blobs, Access: access.New(clock.Real{}), Fetcher: &session.Fetcher{Blobs: blobs, Host: session.Network(p.host)},
		Clock: clock.Real{}, Logger: quiet, OfferInterval: time.Second, Attester: attest.Software{},
	})
	p.host.HandleRequest(p2p.ProtoBid, 1<<20, pr.HandleBid)
	p.host.Handle(p2p.ProtoTask, pr.HandleTask)
	ctx, cancel := context.WithCancel(context.Background())
	if err := pr.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); pr.Close() })
	return pr
}

// connect dials to from p.
func (p *testPeer) connect(t *testing.T, to *testPeer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.host.Connect(ctx, to.host.Addrs()[0]); err != nil {
		t.Fatal(err)
	}
}

// requestBid sends req to prov's /deco/bid/1 and opens its bid.
func (p *testPeer) requestBid(t *testing.T, prov *testPeer, req wire.BidRequest) wire.Bid {
	t.Helper()
	raw, err := p.seal(wire.TypeBidRequest, req, session.MsgTTL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := p.host.Request(ctx, prov.host.ID(), p2p.ProtoBid, raw, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var b wire.Bid
	if err := p.open(resp, prov.host.ID(), wire.TypeBid, &b); err != nil {
		t.Fatal(err)
	}
	if err := verify.CheckBinding(b.Binding, prov.host.ID().String(), b.EVM); err != nil {
		t.Fatalf("the provider's bid is not bound to it: %v", err)
	}
	return b
}

// assign sends a on a fresh task session to prov and returns the first
// result (a refusal, or the run's outcome).
func (p *testPeer) assign(t *testing.T, prov *testPeer, a wire.Assign) wire.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := p.host.Open(ctx, prov.host.ID(), p2p.ProtoTask)
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

func bidRequest(job wire.JobID, consumer *testPeer) wire.BidRequest {
	return wire.BidRequest{Job: job, Round: 1, Tasks: []int{0}, Need: wire.Resources{Cores: 1, Memory: 1 << 20}, TimeoutMs: 10_000,
		MaxPrice: 1_000_000, Consumer: consumer.address(), Binding: consumer.binding}
}

func newJob(t *testing.T) wire.JobID {
	var b [16]byte
	rand.Read(b[:])
	return wire.NewJobID(b)
}

func (p *testPeer) String() string { return fmt.Sprintf("peer %s (%s)", p.host.ID(), p.address()) }
