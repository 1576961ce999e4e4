package devnet

import (
	"context"
	"fmt"

	lcrypto "github.com/libp2p/go-libp2p/core/crypto"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/pay"
)

// Standing is how a cluster's provider stands in the registry. Only
// Staked providers are asked for bids and can be paid; the others let
// tests run identities that have nothing at stake (Sybils) beside them.
type Standing int

const (
	// Staked: the registry's minimum staked, bound to its own peer.
	Staked Standing = iota
	// Unstaked: funded, no stake, no binding.
	Unstaked
	// BoundUnstaked: bound to its own peer, nothing staked.
	BoundUnstaked
	// StakedUnbound: the minimum staked, no peer binding.
	StakedUnbound
	// BoundElsewhere: the minimum staked, bound (with a valid signature)
	// to a peer that is not its own, as an operator reusing another
	// node's staked account would be.
	BoundElsewhere
)

func (s Standing) String() string {
	switch s {
	case Staked:
		return "staked"
	case Unstaked:
		return "unstaked"
	case BoundUnstaked:
		return "bound, unstaked"
	case StakedUnbound:
		return "staked, unbound"
	case BoundElsewhere:
		return "staked, bound to another peer"
	}
	return fmt.Sprintf("Standing(%d)", int(s))
}

// JoinChainAs funds id's account on the cluster's chain (Gas and DECO),
// then stakes and binds as st says; it returns a client acting as id.
func (c *Cluster[N]) JoinChainAs(ctx context.Context, id config.Identity, st Standing) (*chain.Client, error) {
	cl, err := c.JoinChain(ctx, id, false)
	if err != nil {
		return nil, err
	}
	min, err := cl.MinStake(ctx)
	if err != nil {
		return nil, err
	}
	switch st {
	case Staked:
		return cl, StakeAndBind(ctx, cl, id, min)
	case Unstaked:
		return cl, nil
	case BoundUnstaked, BoundElsewhere:
		if st == BoundElsewhere {
			if err := cl.Stake(ctx, min); err != nil {
				return nil, fmt.Errorf("stake: %w", err)
			}
		}
		key := id.PeerKey
		if st == BoundElsewhere {
			if key, _, err = lcrypto.GenerateEd25519Key(nil); err != nil {
				return nil, err
			}
		}
		peerID, sig, err := pay.SignPeerBinding(key, cl.ChainID(), cl.Contracts().Registry, cl.Address())
		if err != nil {
			return nil, err
		}
		return cl, cl.BindPeer(ctx, peerID, sig)
	case StakedUnbound:
		return cl, cl.Stake(ctx, min)
	}
	return nil, fmt.Errorf("unknown standing %d", st)
}
