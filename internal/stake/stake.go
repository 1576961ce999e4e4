package stake

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/pay"
)

// Reasons a provider is not eligible. Eligible wraps one of them with the
// figures (amounts, peers) that explain it.
var (
	// ErrNoStake: the provider's EVM address has no bonded stake.
	ErrNoStake = errors.New("no bonded stake in the registry")
	// ErrBelowMinimum: bonded stake below the registry's minimum (stake
	// being unbonded does not count).
	ErrBelowMinimum = errors.New("bonded stake below the registry's minimum")
	// ErrNotBound: the EVM address recorded no peer binding.
	ErrNotBound = errors.New("no peer binding in the registry")
	// ErrBoundElsewhere: the EVM address is bound to another peer than the
	// one offering or bidding with it.
	ErrBoundElsewhere = errors.New("the EVM address is bound to another peer")
	// ErrBadBinding: the recorded binding's signature was not made by the
	// key inside its peer ID.
	ErrBadBinding = errors.New("the peer binding's signature does not verify")
)

// Registry is what the cache reads from the chain; *chain.Client is one.
type Registry interface {
	// ChainID and Contracts say which registry bindings are signed for.
	ChainID() *big.Int
	Contracts() chain.Addresses
	// Standing reads a provider's stake, the minimum and its peer binding.
	Standing(ctx context.Context, addr common.Address) (chain.Standing, error)
	// RegistryChangesSince names the providers registry events touched in
	// blocks after from (chain.ErrNoLogs if the connection cannot say).
	RegistryChangesSince(ctx context.Context, from uint64) (chain.RegistryChanges, error)
}

// Options configure a Cache. Zero values take the defaults.
type Options struct {
	Logger *slog.Logger // default: discard
	Clock  clock.Clock  // default: the real clock
	// Poll is how often Run reads new registry events. Default 2s.
	Poll time.Duration
	// TTL is how long an entry is trusted without an event naming it: the
	// safety net when events are missed or cannot be read. Default 5 min.
	TTL time.Duration
	// ReadTimeout bounds one provider's registry read. Default 5s.
	ReadTimeout time.Duration
}

// Cache holds providers' standing read from the registry. It is safe for
// concurrent use.
type Cache struct {
	reg  Registry
	log  *slog.Logger
	clk  clock.Clock
	opts Options

	mu      sync.Mutex
	entries map[common.Address]entry
	gen     uint64             // counts invalidations: a read that straddles one is not kept
	refused map[peer.ID]string // the reason last logged for each refused peer
}

// entry is one provider's standing and what its binding proves.
type entry struct {
	standing chain.Standing
	bound    peer.ID // the peer the binding verifies for ("" if none)
	bindErr  error   // why the binding does not verify (nil if it does or is absent)
	read     time.Time
}

// New returns a cache over reg. Call Run to follow the registry's events.
func New(reg Registry, o Options) *Cache {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.Poll <= 0 {
		o.Poll = 2 * time.Second
	}
	if o.TTL <= 0 {
		o.TTL = 5 * time.Minute
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = 5 * time.Second
	}
	return &Cache{reg: reg, log: o.Logger, clk: o.Clock, opts: o,
		entries: map[common.Address]entry{}, refused: map[peer.ID]string{}}
}

// Eligible returns nil if peer p, paid at evm, is a staked provider bound
// to p, and otherwise why not (one of the ErrX above, wrapped; or the
// chain's error if the registry could not be read, in which case the
// provider is not eligible either). The first refusal for a reason is
// logged; a provider that becomes eligible again is logged once more.
func (c *Cache) Eligible(ctx context.Context, p peer.ID, evm common.Address) error {
	e, err := c.entry(ctx, evm)
	if err == nil {
		err = judge(e, p, evm)
	}
	c.note(p, evm, err)
	return err
}

func judge(e entry, p peer.ID, evm common.Address) error {
	s := e.standing
	switch {
	case s.Bonded == nil || s.Bonded.Sign() == 0:
		return fmt.Errorf("%w: %s (minimum %s DECO)", ErrNoStake, evm.Hex(), chain.FormatDECO(s.MinStake))
	case !s.Staked():
		return fmt.Errorf("%w: %s has %s DECO bonded, minimum %s", ErrBelowMinimum, evm.Hex(), chain.FormatDECO(s.Bonded), chain.FormatDECO(s.MinStake))
	case s.Peer.PeerID == "":
		return fmt.Errorf("%w: %s", ErrNotBound, evm.Hex())
	case e.bindErr != nil:
		return fmt.Errorf("%w: %v", ErrBadBinding, e.bindErr)
	case e.bound != p:
		return fmt.Errorf("%w: %s is bound to %s, not %s", ErrBoundElsewhere, evm.Hex(), e.bound, p)
	}
	return nil
}

// note logs a refusal once per reason, and a provider's return.
func (c *Cache) note(p peer.ID, evm common.Address, err error) {
	c.mu.Lock()
	last, was := c.refused[p]
	switch {
	case err == nil && was:
		delete(c.refused, p)
	case err != nil && last != err.Error():
		c.refused[p] = err.Error()
	default:
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	if err == nil {
		c.log.Info("provider eligible again: staked and bound", "peer", p, "evm", evm.Hex())
		return
	}
	c.log.Info("provider dropped: not a staked provider bound to its peer; it is asked for no bid", "peer", p, "evm", evm.Hex(), "reason", err)
}

// entry returns evm's standing, from the cache while fresh.
func (c *Cache) entry(ctx context.Context, evm common.Address) (entry, error) {
	now := c.clk.Now()
	c.mu.Lock()
	e, ok := c.entries[evm]
	gen := c.gen
	c.mu.Unlock()
	if ok && now.Sub(e.read) < c.opts.TTL {
		return e, nil
	}
	rctx, cancel := context.WithTimeout(ctx, c.opts.ReadTimeout)
	defer cancel()
	s, err := c.reg.Standing(rctx, evm)
	if err != nil {
		return entry{}, fmt.Errorf("read %s's stake from the registry: %w", evm.Hex(), err)
	}
	e = entry{standing: s, read: now}
	if s.Peer.PeerID != "" {
		e.bound, e.bindErr = pay.VerifyPeerBinding(c.reg.ChainID(), c.reg.Contracts().Registry, evm, s.Peer)
	}
	c.mu.Lock()
	// An event seen while we read may postdate our read: keep it only if
	// no invalidation happened meanwhile (the answer is still returned).
	if c.gen == gen {
		c.entries[evm] = e
	}
	c.mu.Unlock()
	return e, nil
}

// forget drops entries whose standing an event may have changed (all of
// them when addrs is nil).
func (c *Cache) forget(addrs []common.Address, all bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(addrs) > 0 || all {
		c.gen++
	}
	if all {
		clear(c.entries)
		return
	}
	for _, a := range addrs {
		delete(c.entries, a)
	}
}

// Run follows the registry's events until ctx ends, dropping the entries
// of every provider an event names (all of them when the minimum or the
// delay changes), so the next Eligible reads them again. Without logs
// (chain.ErrNoLogs) it returns at once and entries expire by TTL.
func (c *Cache) Run(ctx context.Context) {
	var from uint64
	t := c.clk.NewTicker(c.opts.Poll)
	defer t.Stop()
	for {
		ch, err := c.reg.RegistryChangesSince(ctx, from)
		switch {
		case errors.Is(err, chain.ErrNoLogs):
			c.log.Info("the chain connection cannot read registry events; stake entries expire instead", "ttl", c.opts.TTL)
			return
		case err != nil:
			if ctx.Err() == nil {
				c.log.Debug("read registry events", "from", from, "err", err)
			}
		default:
			// The first read only finds the head: anything cached before
			// it may predate an event we will not see, so drop it.
			c.forget(ch.Providers, from == 0 || ch.Params)
			caughtUp := ch.Through-from < chain.MaxLogRange
			from = ch.Through
			if !caughtUp {
				continue
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
	}
}
