package inproc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/spec"
)

// syncBuffer is a log sink several goroutines write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A swarm of 20 identities with nothing at stake (no stake, stake but no
// binding, a binding but no stake, stake bound to another peer) runs real
// provider nodes beside 3 staked ones, with payments on. The consumer
// hears every swarm offer and drops it, saying why, once per peer; it
// lists only the staked providers; a job completes with every task on a
// staked provider; no swarm address is paid; and the escrow refuses a
// voucher to a swarm address, whether forged or (for the unstaked and
// unbound) signed by the consumer itself.
func TestUnstakedSwarmGetsNothing(t *testing.T) {
	const staked, swarm = 3, 20
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	kinds := []devnet.Standing{devnet.Unstaked, devnet.BoundUnstaked, devnet.StakedUnbound, devnet.BoundElsewhere}
	standing := func(i int) devnet.Standing {
		if i <= staked {
			return devnet.Staked
		}
		return kinds[(i-staked-1)%len(kinds)]
	}
	consumerLog := &syncBuffer{}
	c, err := Start(ctx, Options{Providers: staked + swarm, Slots: 2, Chain: true, Standing: standing, Ready: 3 * time.Minute,
		Configure: func(i int, o *node.Options) {
			if i == 0 {
				o.Logger = slog.New(slog.NewTextHandler(consumerLog, &slog.HandlerOptions{Level: slog.LevelInfo}))
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stakedPeers := map[string]bool{}
	for _, p := range c.Providers[:staked] {
		stakedPeers[p.PeerID().String()] = true
	}
	sybils := c.Providers[staked:]

	// Every swarm offer reached the consumer and was dropped, with a reason.
	drops := func(logs, p string) int {
		n := 0
		for _, l := range strings.Split(logs, "\n") {
			if strings.Contains(l, "provider dropped") && strings.Contains(l, "peer="+p) {
				n++
			}
		}
		return n
	}
	waitFor(t, ctx, "the consumer drops every swarm offer", func() bool {
		logs := consumerLog.String()
		for _, p := range sybils {
			if drops(logs, p.PeerID().String()) == 0 {
				return false
			}
		}
		return true
	})
	logs := consumerLog.String()
	for i, p := range sybils {
		if lines := drops(logs, p.PeerID().String()); lines != 1 {
			t.Errorf("swarm peer %d (%s): %d drop lines, want exactly one", i, standing(staked+1+i), lines)
		}
	}
	for _, reason := range []string{"no bonded stake", "no peer binding", "bound to another peer"} {
		if !strings.Contains(logs, reason) {
			t.Errorf("no swarm peer was dropped for %q:\n%s", reason, logs)
		}
	}

	listed, err := c.Client.Providers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range listed {
		if !stakedPeers[p.Peer] {
			t.Errorf("the consumer lists %s (%s), not a staked provider", p.Peer, p.EVM)
		}
	}

	ref, err := c.Client.PutBlob(ctx, bytes.NewReader(wasm.MinimalModule()))
	if err != nil {
		t.Fatal(err)
	}
	j := spec.Job{Program: spec.Program{CID: ref.CID}, Tasks: spec.Tasks{Count: 12}, Price: spec.Price{Max: 5000}, Verification: spec.VerifyReceipt}
	j.Defaults()
	sub, err := c.Client.Submit(ctx, j)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Client.Follow(ctx, string(sub.ID), func(api.LogLine) error { return nil }); err != nil {
		t.Fatalf("follow: %v", err)
	}
	done, err := c.Client.Job(ctx, string(sub.ID))
	if err != nil {
		t.Fatal(err)
	}
	if done.State != api.JobCompleted {
		t.Fatalf("job %s: %s", done.State, done.Reason)
	}
	for _, tk := range done.Tasks {
		if !stakedPeers[tk.Provider] {
			t.Errorf("task %d ran on %s, not a staked provider", tk.Index, tk.Provider)
		}
	}

	// Providers redeem as they stop; then no swarm address holds a payment.
	c.StopProviders()
	id := done.ID.Bytes32()
	reader := c.Sim.Deployer()
	for i, p := range sybils {
		paid, err := reader.Redeemed(ctx, id, p.EVM())
		if err != nil {
			t.Fatal(err)
		}
		if paid.Sign() != 0 {
			t.Errorf("swarm peer %d (%s) was paid %s", i, standing(staked+1+i), paid)
		}
	}

	// A voucher the consumer never signed pays nobody; a voucher it did sign
	// still does not pay an address with no stake or no binding (the escrow
	// cannot check ed25519, so for a staked address bound elsewhere the
	// consumer's refusal to assign is what protects it).
	cid, err := config.Home(filepath.Join(c.Dir, "consumer")).Identity()
	if err != nil {
		t.Fatal(err)
	}
	consumer, err := c.Sim.Client(cid.EVMKey)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range sybils {
		st := standing(staked + 1 + i)
		sid, err := config.Home(filepath.Join(c.Dir, fmt.Sprintf("provider-%d", staked+1+i))).Identity()
		if err != nil {
			t.Fatal(err)
		}
		self, err := c.Sim.Client(sid.EVMKey)
		if err != nil {
			t.Fatal(err)
		}
		forged, err := self.SignVoucher(id, p.EVM(), chain.DECO(1))
		if err != nil {
			t.Fatal(err)
		}
		if err := self.Redeem(ctx, id, p.EVM(), chain.DECO(1), forged); !errors.Is(err, chain.ErrBadVoucherSignature) {
			t.Errorf("swarm peer %d (%s): forged voucher: %v, want BadVoucherSignature", i, st, err)
		}
		if st == devnet.BoundElsewhere {
			continue
		}
		real, err := consumer.SignVoucher(id, p.EVM(), chain.DECO(1))
		if err != nil {
			t.Fatal(err)
		}
		want := chain.ErrPayeeNotStaked
		if st == devnet.StakedUnbound {
			want = chain.ErrPayeeNotBound
		}
		if err := self.Redeem(ctx, id, p.EVM(), chain.DECO(1), real); !errors.Is(err, want) {
			t.Errorf("swarm peer %d (%s): consumer-signed voucher: %v, want %s", i, st, err, want.Name)
		}
	}
}

// waitFor polls cond until it holds or ctx ends.
func waitFor(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not within the deadline", what)
		case <-tick.C:
		}
	}
}
