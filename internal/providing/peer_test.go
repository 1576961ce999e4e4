package providing

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/p2p/p2ptest"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// A real libp2p peer on loopback with both of a node's keys
// (p2ptest.Peer), and what a test does with it against a provider.

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type testPeer struct{ *p2ptest.Peer }

func newPeer(t *testing.T) *testPeer { return &testPeer{p2ptest.NewPeer(t)} }

// serve makes p a provider (one slot, payments off) and returns it.
func (p *testPeer) serve(t *testing.T) *Provider { return p.serveWith(t, nil) }

// serveWith is serve with edit applied to the provider's Config.
func (p *testPeer) serveWith(t *testing.T, edit func(*Config)) *Provider {
	t.Helper()
	blobs, err := store.OpenBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Settings: config.Provider{Enabled: true, Slots: 1, Ask: 1000, Floor: 500, Ceiling: 10_000},
		Home:     config.Home(t.TempDir()), Binding: p.Binding, Key: p.EVM, Seal: p.Seal, Open: p.Open,
		Gossip: p.Host, Blobs: blobs, Access: access.New(clock.Real{}), Fetcher: &session.Fetcher{Blobs: blobs, Host: session.Network(p.Host)},
		Clock: clock.Real{}, Logger: quiet, OfferInterval: time.Second, Attester: attest.Software{},
	}
	if edit != nil {
		edit(&cfg)
	}
	pr := New(cfg)
	p.Host.HandleRequest(p2p.ProtoBid, 1<<20, pr.HandleBid)
	p.Host.Handle(p2p.ProtoTask, pr.HandleTask)
	ctx, cancel := context.WithCancel(context.Background())
	if err := pr.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); pr.Close() })
	return pr
}

// connect dials to from p.
func (p *testPeer) connect(t *testing.T, to *testPeer) { p.Connect(t, to.Host.Addrs()[0]) }

// requestBid sends req to prov's /deco/bid/1 and checks the bid is bound
// to prov.
func (p *testPeer) requestBid(t *testing.T, prov *testPeer, req wire.BidRequest) wire.Bid {
	t.Helper()
	b := p.RequestBid(t, prov.ID(), req)
	if err := verify.CheckBinding(b.Binding, prov.ID().String(), b.EVM); err != nil {
		t.Fatalf("the provider's bid is not bound to it: %v", err)
	}
	return b
}

// assign sends a on a fresh task session to prov and returns the first
// result (a refusal, or the run's outcome).
func (p *testPeer) assign(t *testing.T, prov *testPeer, a wire.Assign) wire.Result {
	t.Helper()
	return p.Assign(t, prov.ID(), a)
}

func bidRequest(job wire.JobID, consumer *testPeer) wire.BidRequest {
	return wire.BidRequest{Job: job, Round: 1, Tasks: []int{0}, Need: wire.Resources{Cores: 1, Memory: 1 << 20}, TimeoutMs: 10_000,
		MaxPrice: 1_000_000, Consumer: consumer.Address(), Binding: consumer.Binding}
}

func newJob(t *testing.T) wire.JobID {
	var b [16]byte
	rand.Read(b[:])
	return wire.NewJobID(b)
}
