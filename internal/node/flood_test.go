package node

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/fraud"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// TestFloodDoesNotStopJobs is issue 13's flood attack: one peer floods
// every protocol of the providers (bid requests expiring in a century,
// junk envelopes, valid bid requests for jobs that do not exist, task
// sessions carrying junk, blob requests for data it was never granted,
// and streams of gossiped offers and evidence); the consumer gets the
// same flood. Before the fix
// the far-future envelopes (or any signed message) filled the node's single
// replay guard and every later bid request was refused as "replay window
// full", so jobs failed with "no provider took the task". Now the flood is
// refused before anything is recorded, fills at most the attacker's own
// window, and is rate-limited; the consumer's jobs still complete.
func TestFloodDoesNotStopJobs(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	// Replay windows shrunk from 65,536 to 100 per sender, so the few
	// hundred messages a loaded test machine sends would have filled the
	// old single guard, as 65,536 did in the attack.
	const window = 100
	for _, p := range c.Providers {
		p.guardMu.Lock()
		p.guard = wire.NewReplayGuard(window, 16*window)
		p.guardMu.Unlock()
	}

	key, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := key.Raw()
	edKey := ed25519.PrivateKey(raw)
	var boot []string
	for _, p := range c.Providers {
		boot = append(boot, p.Addrs()...)
	}
	attacker, err := p2p.New(ctx, p2p.Config{Key: key, ListenAddrs: p2p.LoopbackListenAddrs, Bootstrap: boot, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer attacker.Close()
	for _, topic := range []string{p2p.TopicOffers, p2p.TopicEvidence} {
		if _, err := attacker.Subscribe(ctx, topic); err != nil {
			t.Fatal(err)
		}
	}

	var nonce atomic.Uint64
	seal := func(typ string, body any, now time.Time, ttl time.Duration) []byte {
		env, err := wire.Seal(edKey, typ, body, now, ttl, nonce.Add(1))
		if err != nil {
			panic(err) // fixed inputs: a test bug
		}
		b, _ := env.Marshal()
		return b
	}
	bidRequest := func() wire.BidRequest {
		var id [16]byte
		rand.Read(id[:])
		return wire.BidRequest{Job: wire.NewJobID(id), Tasks: []int{0}, Program: wire.CIDOf(id[:]), TimeoutMs: 1000, MaxPrice: 1, Consumer: "0x0000000000000000000000000000000000000001"}
	}
	floods := map[string]func(ctx context.Context, p peer.ID){
		"bid requests expiring in a century": func(ctx context.Context, p peer.ID) {
			_, _ = attacker.Request(ctx, p, p2p.ProtoBid, seal(wire.TypeBidRequest, bidRequest(), time.Now().AddDate(100, 0, 0), time.Minute), 1<<20)
		},
		"junk envelopes": func(ctx context.Context, p peer.ID) {
			junk := make([]byte, 200)
			rand.Read(junk)
			_, _ = attacker.Request(ctx, p, p2p.ProtoBid, junk, 1<<20)
		},
		"bid requests for jobs that do not exist": func(ctx context.Context, p peer.ID) {
			_, _ = attacker.Request(ctx, p, p2p.ProtoBid, seal(wire.TypeBidRequest, bidRequest(), time.Now(), time.Minute), 1<<20)
		},
		"task sessions carrying junk": func(ctx context.Context, p peer.ID) {
			s, err := attacker.Open(ctx, p, p2p.ProtoTask)
			if err != nil {
				return
			}
			frame, _ := wire.EncodeFrame(wire.TypeAssign, map[string]string{"junk": "yes"})
			_ = s.WriteMsg(frame)
			_ = s.WriteMsg([]byte("not a frame"))
			_ = s.Close()
		},
		"blob requests for data never granted": func(ctx context.Context, p peer.ID) {
			var b [32]byte
			rand.Read(b[:])
			_, _ = attacker.FetchBlob(ctx, p, wire.CIDOf(b[:]), io.Discard, 1<<20)
		},
		"gossiped evidence naming no one": func(ctx context.Context, _ peer.ID) {
			_ = attacker.Publish(ctx, p2p.TopicEvidence, seal(fraud.TypeEvidence, map[string]string{"junk": "yes"}, time.Now(), time.Minute))
		},
		"gossiped offers": func(ctx context.Context, _ peer.ID) {
			o := wire.Offer{Peer: attacker.ID().String(), ExpiresMs: time.Now().Add(wire.MaxTTL).UnixMilli()}
			_ = attacker.Publish(ctx, p2p.TopicOffers, seal(wire.TypeOffer, o, time.Now(), wire.MaxTTL))
		},
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	counts := map[string]*atomic.Int64{}
	for name, send := range floods {
		counts[name] = new(atomic.Int64)
		for _, prov := range append([]*Node{c.Consumer}, c.Providers...) {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					case <-ctx.Done():
						return
					default:
					}
					rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
					send(rctx, prov.PeerID())
					cancel()
					counts[name].Add(1)
				}
			})
		}
	}
	defer func() { close(stop); wg.Wait() }()
	waitFor(t, ctx, "every flood to fill a replay window", func() bool {
		for _, n := range counts {
			if n.Load() < 2*window {
				return false
			}
		}
		return true
	})

	prog := upload(t, c.Client, wasm.MinimalModule())
	for round := range 2 {
		j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 6}})
		if j.State != api.JobCompleted {
			t.Fatalf("job %d under the flood: %s: %s", round, j.State, j.Reason)
		}
	}
	for name, n := range counts {
		t.Logf("%s: %d sent", name, n.Load())
	}
}
