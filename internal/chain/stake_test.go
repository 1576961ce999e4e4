package chain

import (
	"slices"
	"testing"
	"time"
)

// RegistryChangesSince names, once each, the providers whose standing an
// event changed after a block, flags parameter changes, and reads nothing
// before its start; Standing reads what the escrow judges a payee by.
func TestRegistryChangesSince(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	start, err := e.consumer.BlockNumber(ctx)
	must(t, err)
	e.stake(e.stranger, DECO(100)) // in a block after start
	from, err := e.consumer.BlockNumber(ctx)
	must(t, err)

	ch, err := e.consumer.RegistryChangesSince(ctx, from)
	must(t, err)
	if len(ch.Providers) != 0 || ch.Params || ch.Through != from {
		t.Fatalf("nothing happened since %d: %+v", from, ch)
	}
	e.stake(e.provider, DECO(150))
	e.bond(e.provider) // PeerBound; already staked
	must(t, e.provider.RequestUnbond(ctx, DECO(60)))
	e.bond(e.provider2)
	ch, err = e.consumer.RegistryChangesSince(ctx, from)
	must(t, err)
	head, err := e.consumer.BlockNumber(ctx)
	must(t, err)
	want := []string{e.provider.Address().Hex(), e.provider2.Address().Hex()}
	var got []string
	for _, p := range ch.Providers {
		got = append(got, p.Hex())
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || ch.Params || ch.Through != head {
		t.Fatalf("changes since %d = %+v (providers %v), want %v through %d", from, ch, got, want, head)
	}
	all, err := e.consumer.RegistryChangesSince(ctx, start)
	must(t, err)
	if !slices.Contains(all.Providers, e.stranger.Address()) {
		t.Fatalf("changes since %d miss the stranger's stake: %+v", start, all)
	}

	_, err = e.sim.Deployer().transact(ctx, "registry.setMinStake", &e.consumer.addrs.Registry, registryABI().PackSetMinStake(DECO(200)), nil)
	must(t, err)
	ch, err = e.consumer.RegistryChangesSince(ctx, head)
	must(t, err)
	if !ch.Params || len(ch.Providers) != 0 {
		t.Fatalf("a new minimum: %+v", ch)
	}

	s, err := e.consumer.Standing(ctx, e.provider.Address())
	must(t, err)
	eq(t, "bonded", s.Bonded, DECO(90))
	eq(t, "unbonding", s.Unbonding, DECO(60))
	eq(t, "minimum", s.MinStake, DECO(200))
	if s.Staked() || s.Peer.PeerID != testPeerID || s.UnlockAt.Before(e.now().Add(DefaultParams().UnbondingDelay-time.Minute)) {
		t.Fatalf("standing %+v", s)
	}
	s, err = e.consumer.Standing(ctx, e.provider2.Address())
	must(t, err)
	if s.Staked() { // 100 bonded, the minimum is now 200
		t.Fatalf("provider2 below the new minimum counts as staked: %+v", s)
	}
}
