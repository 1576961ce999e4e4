package session

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// quietLog discards host logs, which may come after a test ends.
var quietLog = slog.New(slog.DiscardHandler)

// livePeer is a real libp2p host on loopback that seals envelopes with
// its peer key, as a node does.
type livePeer struct {
	host    *p2p.Host
	key     ed25519.PrivateKey
	binding wire.Binding
	nonce   atomic.Uint64
}

func newLivePeer(t *testing.T) *livePeer {
	t.Helper()
	priv, _, err := lcrypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h, err := p2p.New(ctx, p2p.Config{Key: priv, Logger: quietLog})
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
	raw, _ := priv.Raw()
	return &livePeer{host: h, key: ed25519.PrivateKey(raw), binding: b}
}

func (p *livePeer) seal(typ string, body any, ttl time.Duration) ([]byte, error) {
	env, err := wire.Seal(p.key, typ, body, time.Now(), ttl, p.nonce.Add(1))
	if err != nil {
		return nil, err
	}
	return env.Marshal()
}

func openFrom(raw []byte, from peer.ID, typ string, v any) error {
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
		return wire.ErrBadSignature
	}
	return env.Open(typ, v)
}

// TestBidWithForeignEVMRefused: over real libp2p, a provider that bids
// under another provider's EVM address (to be paid as it, or to borrow
// its stake and reputation) is refused, even with that provider's real
// binding copied from its offers; the same peer bidding as itself is
// heard.
func TestBidWithForeignEVMRefused(t *testing.T) {
	cons, rogue, honest := newLivePeer(t), newLivePeer(t), newLivePeer(t)
	events := make(chan market.Event, 8)
	m := New(Config{
		Host: Network(cons.host), Blobs: newMemBlobs(), Seal: cons.seal, Open: openFrom,
		Post:    func(_ context.Context, ev market.Event) { events <- ev },
		Binding: cons.binding, Domain: verify.Domain{ChainID: 1337}, Attestation: attest.NewRegistry(attest.Software{}),
	})
	t.Cleanup(func() { m.Close(); m.Wait() })
	var asEVM atomic.Pointer[wire.Binding]
	var heard atomic.Pointer[wire.BidRequest]
	rogue.host.HandleRequest(p2p.ProtoBid, 1<<20, func(_ context.Context, from peer.ID, raw []byte) ([]byte, error) {
		var req wire.BidRequest
		if err := openFrom(raw, from, wire.TypeBidRequest, &req); err != nil {
			return nil, err
		}
		heard.Store(&req)
		b := *asEVM.Load()
		return rogue.seal(wire.TypeBid, wire.Bid{Job: req.Job, Round: req.Round, Accept: true, Price: 1, Slots: 1, EVM: b.EVM, Binding: b}, MsgTTL)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := cons.host.Connect(ctx, rogue.host.Addrs()[0]); err != nil {
		t.Fatal(err)
	}
	req := wire.BidRequest{Job: testJob, Round: 1, Tasks: []int{0}, Consumer: cons.binding.EVM}
	ask := func() market.Event {
		m.RequestBid(ctx, market.RequestBid{Peer: rogue.host.ID().String(), Req: req})
		select {
		case ev := <-events:
			return ev
		case <-ctx.Done():
			t.Fatal("no answer posted")
			return nil
		}
	}
	for name, b := range map[string]wire.Binding{
		"the honest provider's binding": honest.binding,
		"a re-addressed binding":        {EVM: honest.binding.EVM, Peer: rogue.host.ID().String(), Sig: honest.binding.Sig},
		"no binding":                    {EVM: honest.binding.EVM},
	} {
		asEVM.Store(&b)
		f, ok := ask().(market.BidFailed)
		if !ok || !strings.Contains(f.Err, "bid signed by a key not bound to the peer") {
			t.Errorf("%s: a bid under %s was not refused: %+v", name, b.EVM, f)
		}
	}
	if r := heard.Load(); r == nil || verify.CheckBinding(r.Binding, cons.host.ID().String(), cons.binding.EVM) != nil {
		t.Errorf("the bid request did not carry the consumer's binding: %+v", r)
	}
	asEVM.Store(&rogue.binding)
	if in, ok := ask().(market.BidIn); !ok || in.Bid.EVM != rogue.binding.EVM {
		t.Fatalf("a bid bound to its own peer was not heard: %+v", in)
	}
}
