package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// This file reads what a consumer needs to judge a provider's stake: its
// standing in the registry (the same facts the escrow checks before it
// pays, plus the peer binding to verify off-chain) and which providers'
// standing changed since a block, from the registry's events.

// Standing is a provider's position in the registry as one read sees it.
type Standing struct {
	Bonded    *big.Int    // counts for bidding and payment
	Unbonding *big.Int    // waiting out the delay; still slashable, never counts
	UnlockAt  time.Time   // when Unbonding can be withdrawn (zero if none)
	MinStake  *big.Int    // the registry's minimum bonded stake
	Peer      PeerBinding // as recorded; verify its signature before trusting it
}

// Staked reports whether the bonded stake lets the escrow pay the provider
// (JobEscrow's PayeeNotStaked otherwise).
func (s Standing) Staked() bool {
	return s.Bonded != nil && s.Bonded.Sign() > 0 && s.MinStake != nil && s.Bonded.Cmp(s.MinStake) >= 0
}

// Standing reads addr's stake, the registry's minimum and addr's peer
// binding (four calls; Stakes' canBid is left out, Staked says it).
func (c *Client) Standing(ctx context.Context, addr common.Address) (Standing, error) {
	bonded, err := c.StakeOf(ctx, addr)
	if err != nil {
		return Standing{}, err
	}
	out, err := c.call(ctx, "registry.unbondingOf", c.addrs.Registry, registryABI().PackUnbondingOf(addr))
	if err != nil {
		return Standing{}, err
	}
	u, err := registryABI().UnpackUnbondingOf(out)
	if err != nil {
		return Standing{}, fmt.Errorf("registry.unbondingOf: %w", err)
	}
	min, err := c.MinStake(ctx)
	if err != nil {
		return Standing{}, err
	}
	p, err := c.Peer(ctx, addr)
	if err != nil {
		return Standing{}, err
	}
	s := Standing{Bonded: bonded, Unbonding: u.Amount, MinStake: min, Peer: p}
	if u.UnlockAt != 0 {
		s.UnlockAt = time.Unix(int64(u.UnlockAt), 0)
	}
	return s, nil
}

// UnbondingDelay is the registry's wait between RequestUnbond and
// Withdraw. The escrow opens no job whose deadline plus its refund grace
// lies further ahead (ErrDeadlineBeyondUnbonding).
func (c *Client) UnbondingDelay(ctx context.Context) (time.Duration, error) {
	if err := c.contracts(); err != nil {
		return 0, err
	}
	out, err := c.call(ctx, "registry.unbondingDelay", c.addrs.Registry, registryABI().PackUnbondingDelay())
	if err != nil {
		return 0, err
	}
	d, err := registryABI().UnpackUnbondingDelay(out)
	if err != nil {
		return 0, fmt.Errorf("registry.unbondingDelay: %w", err)
	}
	return time.Duration(d) * time.Second, nil
}

// RegistryChanges says whose standing may have changed in a range of blocks.
type RegistryChanges struct {
	// Providers named by a Staked, UnbondRequested, Withdrawn, Slashed or
	// PeerBound event, each once.
	Providers []common.Address
	// Params is set when the minimum stake or the unbonding delay changed:
	// every provider's standing may have.
	Params bool
	// Through is the last block read; pass it back as the next from.
	Through uint64
}

// MaxLogRange is the most blocks RegistryChangesSince reads in one call
// (JSON-RPC nodes cap eth_getLogs ranges); a caller far behind calls again.
const MaxLogRange = 5_000

// ErrNoLogs: the connection cannot filter logs, so changes cannot be
// followed; a reader must expire what it caches instead.
var ErrNoLogs = errors.New("the chain connection cannot filter logs")

// RegistryChangesSince reads the registry's events in blocks after `from`
// up to the latest, at most MaxLogRange blocks. from = 0 reads from the
// latest block only (a fresh reader has nothing to invalidate).
func (c *Client) RegistryChangesSince(ctx context.Context, from uint64) (RegistryChanges, error) {
	if err := c.contracts(); err != nil {
		return RegistryChanges{}, err
	}
	lf, ok := c.be.(ethereum.LogFilterer)
	if !ok {
		return RegistryChanges{}, ErrNoLogs
	}
	head, err := c.BlockNumber(ctx)
	if err != nil {
		return RegistryChanges{}, err
	}
	if from == 0 || from >= head {
		return RegistryChanges{Through: max(from, head)}, nil
	}
	to := min(head, from+MaxLogRange)
	q := ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from + 1),
		ToBlock:   new(big.Int).SetUint64(to),
		Addresses: []common.Address{c.addrs.Registry},
		Topics:    [][]common.Hash{registryTopics()},
	}
	var out RegistryChanges
	err = c.retry(ctx, "registry logs", func() error {
		logs, err := lf.FilterLogs(ctx, q)
		if err != nil {
			return err
		}
		out = RegistryChanges{Through: to}
		seen := map[common.Address]bool{}
		for _, l := range logs {
			if len(l.Topics) == 0 {
				continue
			}
			if paramEvents[l.Topics[0]] {
				out.Params = true
				continue
			}
			if len(l.Topics) < 2 {
				continue
			}
			p := common.BytesToAddress(l.Topics[1].Bytes()) // every provider event indexes it first
			if !seen[p] {
				seen[p] = true
				out.Providers = append(out.Providers, p)
			}
		}
		return nil
	})
	return out, err
}

// BlockNumber is the latest block's number.
func (c *Client) BlockNumber(ctx context.Context) (uint64, error) {
	var n uint64
	err := c.retry(ctx, "read latest block", func() error {
		h, err := c.be.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		n = h.Number.Uint64()
		return nil
	})
	return n, err
}

// paramEvents are the registry events that change every provider's standing.
var paramEvents = map[common.Hash]bool{
	registryABI().GetABI().Events["MinStakeSet"].ID:       true,
	registryABI().GetABI().Events["UnbondingDelaySet"].ID: true,
}

// registryTopics are the event ids RegistryChangesSince reads.
func registryTopics() []common.Hash {
	var out []common.Hash
	for _, name := range []string{"Staked", "UnbondRequested", "Withdrawn", "Slashed", "PeerBound", "MinStakeSet", "UnbondingDelaySet"} {
		out = append(out, registryABI().GetABI().Events[name].ID)
	}
	return out
}
