package chain

import (
	"bytes"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain/bindings"
)

func TestRegistryLifecycle(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	p := e.provider.Address()
	registry := e.provider.Contracts().Registry
	start := e.balance(p)

	s, err := e.provider.Stakes(ctx, p)
	must(t, err)
	if s.CanBid || s.Bonded.Sign() != 0 {
		t.Fatalf("fresh account stakes: %+v", s)
	}
	min, err := e.provider.MinStake(ctx)
	must(t, err)
	eq(t, "min stake", min, DECO(100))

	e.stake(e.provider, DECO(100))
	e.stake(e.provider, DECO(50)) // top-ups above the minimum are fine
	bonded, err := e.provider.StakeOf(ctx, p)
	must(t, err)
	eq(t, "bonded", bonded, DECO(150))
	eq(t, "registry balance", e.balance(registry), DECO(150))
	s, err = e.provider.Stakes(ctx, p)
	must(t, err)
	if !s.CanBid {
		t.Fatal("staked provider cannot bid")
	}

	// Peer binding: stored as given, signature checked off-chain.
	peerKey, err := crypto.GenerateKey() // stands in for the libp2p key in this test
	must(t, err)
	msg := PeerBindingMessage(e.provider.ChainID(), registry, p, "12D3KooWExamplePeer")
	sig, err := crypto.Sign(crypto.Keccak256(msg), peerKey)
	must(t, err)
	must(t, e.provider.BindPeer(ctx, "12D3KooWExamplePeer", sig))
	got, err := e.stranger.Peer(ctx, p)
	must(t, err)
	if got.PeerID != "12D3KooWExamplePeer" || !bytes.Equal(got.Signature, sig) {
		t.Fatalf("peer binding = %+v", got)
	}
	must(t, e.provider.BindPeer(ctx, "12D3KooWRotated", []byte{1}))
	got, err = e.stranger.Peer(ctx, p)
	must(t, err)
	if got.PeerID != "12D3KooWRotated" {
		t.Fatalf("rebinding kept %q", got.PeerID)
	}

	// Unbond part: it leaves the bidding stake at once and unlocks after the delay.
	must(t, e.provider.RequestUnbond(ctx, DECO(100)))
	s, err = e.provider.Stakes(ctx, p)
	must(t, err)
	eq(t, "bonded after unbond", s.Bonded, DECO(50))
	eq(t, "unbonding", s.Unbonding, DECO(100))
	if s.CanBid {
		t.Fatal("provider below the minimum can still bid")
	}
	delay := DefaultParams().UnbondingDelay
	if s.UnlockAt.Before(e.now().Add(delay - time.Minute)) {
		t.Fatalf("unlock at %v, chain now %v", s.UnlockAt, e.now())
	}
	wantRevert(t, e.provider.Withdraw(ctx), ErrStillUnbonding)
	e.advance(delay + time.Minute)
	must(t, e.provider.Withdraw(ctx))
	eq(t, "provider balance after withdraw", sub(start, e.balance(p)), DECO(50))
	s, err = e.provider.Stakes(ctx, p)
	must(t, err)
	if s.Unbonding.Sign() != 0 || !s.UnlockAt.IsZero() {
		t.Fatalf("after withdraw: %+v", s)
	}
	wantRevert(t, e.provider.Withdraw(ctx), ErrNothingToWithdraw)
}

func TestRegistryReverts(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	e.stake(e.provider, DECO(100))
	reg := e.provider.Contracts().Registry
	tests := []struct {
		name string
		do   func() error
		want *RevertError
	}{
		{"stake zero", func() error { return e.provider.Stake(ctx, new(big.Int)) }, ErrZeroAmount},
		{"stake below minimum", func() error { return e.provider2.Stake(ctx, DECO(99)) }, ErrBelowMinimumStake},
		{"unbond zero", func() error { return e.provider.RequestUnbond(ctx, new(big.Int)) }, ErrZeroAmount},
		{"unbond more than bonded", func() error { return e.provider.RequestUnbond(ctx, DECO(101)) }, ErrInsufficientStake},
		{"withdraw with nothing unbonding", func() error { return e.provider.Withdraw(ctx) }, ErrNothingToWithdraw},
		{"slash by anyone but the escrow", func() error {
			_, err := e.stranger.transact(ctx, "registry.slash", &reg, registryABI().PackSlash(e.provider.Address(), DECO(1), [32]byte{}), nil)
			return err
		}, ErrNotSlasher},
		{"bind empty peer id", func() error { return e.provider.BindPeer(ctx, "", []byte{1}) }, &RevertError{Name: "EmptyPeerId"}},
		{"bind overlong peer id", func() error { return e.provider.BindPeer(ctx, strings.Repeat("x", 129), []byte{1}) }, &RevertError{Name: "PeerIdTooLong"}},
		{"bind without signature", func() error { return e.provider.BindPeer(ctx, "peer", nil) }, &RevertError{Name: "BadPeerSignatureLength"}},
		{"bind with overlong signature", func() error { return e.provider.BindPeer(ctx, "peer", make([]byte, 257)) }, &RevertError{Name: "BadPeerSignatureLength"}},
		{"set slasher to zero", func() error {
			_, err := e.sim.Deployer().transact(ctx, "registry.setSlasher", &reg, registryABI().PackSetSlasher([20]byte{}), nil)
			return err
		}, &RevertError{Name: "ZeroAddress"}},
		{"set slasher as non-owner", func() error {
			_, err := e.stranger.transact(ctx, "registry.setSlasher", &reg, registryABI().PackSetSlasher(e.stranger.Address()), nil)
			return err
		}, ErrNotOwner},
		{"move the slasher once set", func() error {
			_, err := e.sim.Deployer().transact(ctx, "registry.setSlasher", &reg, registryABI().PackSetSlasher(e.sim.Deployer().Address()), nil)
			return err
		}, ErrSlasherAlreadySet},
		{"set an unbonding delay beyond the maximum", func() error {
			_, err := e.sim.Deployer().transact(ctx, "registry.setUnbondingDelay", &reg,
				registryABI().PackSetUnbondingDelay(uint64((MaxUnbondingDelay+time.Second)/time.Second)), nil)
			return err
		}, ErrUnbondingDelayTooLong},
		{"deploy a registry with an unbonding delay beyond the maximum", func() error {
			_, err := e.sim.Deployer().create(ctx, "deploy ProviderRegistry", bindings.ProviderRegistryMetaData.Bin,
				registryABI().PackConstructor(e.consumer.addrs.Token, DECO(1), uint64((MaxUnbondingDelay+time.Second)/time.Second), e.sim.Deployer().Address()))
			return err
		}, ErrUnbondingDelayTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantRevert(t, tc.do(), tc.want) })
	}
}
