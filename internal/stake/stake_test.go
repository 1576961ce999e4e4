package stake

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/pay"
)

// identity is a node's two keys, as on a real node.
type identity struct {
	c    *chain.Client
	peer peer.ID
	key  lcrypto.PrivKey
}

func newIdentities(t *testing.T, ctx context.Context, n int) (*chain.Simulated, []identity) {
	t.Helper()
	keys := make([]*ecdsa.PrivateKey, n)
	for i := range keys {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		keys[i] = k
	}
	sim, err := chain.NewSimulated(ctx, chain.WithAccounts(keys...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	ids := make([]identity, n)
	for i, k := range keys {
		c, err := sim.Client(k)
		if err != nil {
			t.Fatal(err)
		}
		pk, _, err := lcrypto.GenerateEd25519Key(nil)
		if err != nil {
			t.Fatal(err)
		}
		p, err := peer.IDFromPrivateKey(pk)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = identity{c: c, peer: p, key: pk}
	}
	return sim, ids
}

// bind records, from id's account, a binding signed by key.
func bind(t *testing.T, ctx context.Context, id identity, key lcrypto.PrivKey) {
	t.Helper()
	p, sig, err := pay.SignPeerBinding(key, id.c.ChainID(), id.c.Contracts().Registry, id.c.Address())
	if err != nil {
		t.Fatal(err)
	}
	if err := id.c.BindPeer(ctx, p, sig); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Each way an identity can fall short is refused with its own reason,
// read from the registry on a real EVM, and a staked provider bound to
// the peer that uses it is eligible.
func TestEligibleReasons(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, ids := newIdentities(t, ctx, 6)
	min := chain.DefaultParams().MinStake
	good, unstaked, unbound, elsewhere, forged, low := ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]

	must(t, good.c.Stake(ctx, min))
	bind(t, ctx, good, good.key)
	bind(t, ctx, unstaked, unstaked.key) // bound, but nothing at stake
	must(t, unbound.c.Stake(ctx, min))
	must(t, elsewhere.c.Stake(ctx, min))
	bind(t, ctx, elsewhere, elsewhere.key) // its key, but offered by another peer below
	must(t, forged.c.Stake(ctx, min))
	// Claims good's peer ID with a signature by its own key.
	msg := chain.PeerBindingMessage(forged.c.ChainID(), forged.c.Contracts().Registry, forged.c.Address(), good.peer.String())
	sig, err := forged.key.Sign(msg)
	must(t, err)
	must(t, forged.c.BindPeer(ctx, good.peer.String(), sig))
	must(t, low.c.Stake(ctx, new(big.Int).Mul(min, big.NewInt(2))))
	bind(t, ctx, low, low.key)
	must(t, low.c.RequestUnbond(ctx, new(big.Int).Add(min, big.NewInt(1)))) // unbonding stake does not count

	cache := New(good.c, Options{})
	for _, tc := range []struct {
		name string
		peer peer.ID
		id   identity
		want error
	}{
		{"staked and bound", good.peer, good, nil},
		{"no stake", unstaked.peer, unstaked, ErrNoStake},
		{"no binding", unbound.peer, unbound, ErrNotBound},
		{"bound to another peer", unstaked.peer, elsewhere, ErrBoundElsewhere},
		{"binding not signed by the peer", good.peer, forged, ErrBadBinding},
		{"below the minimum while unbonding", low.peer, low, ErrBelowMinimum},
		{"another peer using a good provider's address", unstaked.peer, good, ErrBoundElsewhere},
	} {
		err := cache.Eligible(ctx, tc.peer, tc.id.c.Address())
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

// The cache follows the registry's events: a provider that unbonds is
// refused, and an identity that stakes and binds is accepted, without
// waiting for the entry's TTL.
func TestEligibleFollowsEvents(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, ids := newIdentities(t, ctx, 2)
	min := chain.DefaultParams().MinStake
	a, b := ids[0], ids[1]
	must(t, a.c.Stake(ctx, min))
	bind(t, ctx, a, a.key)

	cache := New(a.c, Options{Poll: 20 * time.Millisecond, TTL: time.Hour})
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); cache.Run(rctx) }()
	defer func() { stop(); <-done }()

	must(t, cache.Eligible(ctx, a.peer, a.c.Address()))
	if err := cache.Eligible(ctx, b.peer, b.c.Address()); !errors.Is(err, ErrNoStake) {
		t.Fatalf("b before staking: %v", err)
	}
	must(t, a.c.RequestUnbond(ctx, min))
	must(t, b.c.Stake(ctx, min))
	bind(t, ctx, b, b.key)
	waitFor(t, ctx, "a refused after unbonding", func() bool {
		return errors.Is(cache.Eligible(ctx, a.peer, a.c.Address()), ErrNoStake)
	})
	waitFor(t, ctx, "b eligible after staking and binding", func() bool {
		return cache.Eligible(ctx, b.peer, b.c.Address()) == nil
	})
}

// waitFor polls cond until it holds or ctx ends.
func waitFor(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not within the deadline", what)
		case <-tick.C:
		}
	}
}
