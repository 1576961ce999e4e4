package node

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"log/slog"
	"strings"
	"testing"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TestSpoofedConsumerGetsNoWork reproduces issue 13's spoofed-consumer
// attack with real libp2p and the simulated chain: a stranger with no
// DECO learns a job's id and its consumer's address (both public on
// chain) and asks the job's provider for work as that consumer, so the
// consumer's escrow would pay for it. Before identity bindings the
// provider ran it and reserved the escrow for it, and refused the real
// consumer's own tasks ("escrow has 0 DECO left") for up to 10 minutes.
// Now every try is refused and the job completes promptly.
func TestSpoofedConsumerGetsNoWork(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1, Slots: 1, Chain: true})
	cons, prov := c.Consumer, c.Providers[0]
	stranger := newStranger(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := stranger.host.Connect(ctx, prov.Addrs()[0]); err != nil {
		t.Fatal(err)
	}

	hello := examples.HelloWASM()
	js := spec.Job{Program: spec.Program{CID: upload(t, c.Client, hello)}, Tasks: spec.Tasks{Count: 4}, Verification: spec.VerifyReceipt}
	js.Defaults()
	// Each task may cost the whole deposit's share: one stolen
	// reservation leaves the last task of the job uncovered.
	start := time.Now()
	job, err := c.Client.Submit(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	for { // the escrow is open once the first attempt is out
		j, err := c.Client.Job(ctx, string(job.ID))
		if err != nil {
			t.Fatal(err)
		}
		if len(j.Tasks) > 0 && len(j.Tasks[0].Attempts) > 0 || j.State != api.JobPending {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}

	assign := wire.Assign{
		Spec: wire.TaskSpec{Task: wire.TaskID{Job: job.ID, Index: 3}, Count: 4, Attempt: 7, Program: wire.CIDOf(hello), ProgramSize: int64(len(hello)),
			MemoryLimit: 64 << 20, TimeoutMs: 10_000, MaxOutput: 1 << 20},
		Price: js.Price.Max, Consumer: cons.id.EVM, Inline: map[wire.CID][]byte{wire.CIDOf(hello): hello},
	}
	req := wire.BidRequest{Job: job.ID, Round: 1, Tasks: []int{3}, Need: wire.Resources{Cores: 1, Memory: 1 << 20}, TimeoutMs: 10_000,
		MaxPrice: js.Price.Max, Consumer: cons.id.EVM}
	for name, b := range map[string]wire.Binding{"the consumer's copied": cons.binding, "its own": stranger.binding, "none": {}} {
		req.Binding, assign.Binding = b, b
		if bid := stranger.requestBid(t, prov, req); bid.Accept || !strings.Contains(bid.Reason, "not bound to the sending peer") {
			t.Errorf("binding %s: the stranger's bid request as the consumer was answered %+v", name, bid)
		}
		if res := stranger.assign(t, prov, assign); res.Failure != wire.FailProvider || !strings.Contains(res.Message, "not bound to the sending peer") {
			t.Errorf("binding %s: the stranger's assignment as the consumer: %+v", name, res)
		}
	}
	// As itself it is bound, but the escrow is the consumer's (or the
	// slot busy with the consumer's task), and no bid was made to it.
	req.Consumer, req.Binding = stranger.binding.EVM, stranger.binding
	if bid := stranger.requestBid(t, prov, req); bid.Accept {
		t.Errorf("the stranger's bid request as itself was answered %+v", bid)
	}
	assign.Consumer, assign.Binding = stranger.binding.EVM, stranger.binding
	if res := stranger.assign(t, prov, assign); res.Failure != wire.FailProvider || !strings.Contains(res.Message, "no standing bid") {
		t.Errorf("the stranger's assignment as itself: %+v", res)
	}

	if err := c.Client.Follow(ctx, string(job.ID), func(api.LogLine) error { return nil }); err != nil {
		t.Fatal(err)
	}
	j, err := c.Client.Job(ctx, string(job.ID))
	if err != nil {
		t.Fatal(err)
	}
	if j.State != api.JobCompleted || time.Since(start) > time.Minute {
		t.Fatalf("the consumer's job: %s after %s: %s", j.State, time.Since(start).Round(time.Second), j.Reason)
	}
}

// stranger is a bare libp2p peer with keys of its own and no DECO.
type stranger struct {
	host    *p2p.Host
	key     ed25519.PrivateKey
	binding wire.Binding
}

func newStranger(t *testing.T) *stranger {
	t.Helper()
	priv, _, err := lcrypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h, err := p2p.New(ctx, p2p.Config{Key: priv, Logger: slog.New(slog.DiscardHandler)})
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
	return &stranger{host: h, key: ed25519.PrivateKey(raw), binding: b}
}

func (s *stranger) requestBid(t *testing.T, prov *Node, req wire.BidRequest) wire.Bid {
	t.Helper()
	env, err := wire.Seal(s.key, wire.TypeBidRequest, req, time.Now(), session.MsgTTL, uint64(time.Now().UnixNano()))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := env.Marshal()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := s.host.Request(ctx, prov.PeerID(), p2p.ProtoBid, raw, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	benv, err := wire.DecodeEnvelope(resp)
	if err != nil {
		t.Fatal(err)
	}
	var b wire.Bid
	if err := benv.Open(wire.TypeBid, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// assign sends a on a task session and returns the first result.
func (s *stranger) assign(t *testing.T, prov *Node, a wire.Assign) wire.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := s.host.Open(ctx, prov.PeerID(), p2p.ProtoTask)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Reset()
	st.SetDeadline(time.Now().Add(30 * time.Second))
	msg, _ := wire.EncodeFrame(wire.TypeAssign, a)
	if err := st.WriteMsg(msg); err != nil {
		t.Fatal(err)
	}
	for {
		raw, err := st.ReadMsg(wire.MaxMessage)
		if err != nil {
			t.Fatalf("no result: %v", err)
		}
		f, err := wire.DecodeFrame(raw)
		if err != nil {
			t.Fatal(err)
		}
		var res wire.Result
		if f.Type == wire.TypeResult && f.Open(wire.TypeResult, &res) == nil {
			return res
		}
	}
}
