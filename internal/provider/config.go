package provider

import (
	"errors"
	"fmt"
	"time"

	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Config is what a provider offers and how it behaves. Zero fields take
// the defaults named in their comments.
type Config struct {
	EVM       string            // the address bids name for payment
	Resources wire.Resources    // capacity: cores, memory, disk, GPUs
	Labels    map[string]string // a job's required labels must all match
	Slots     int               // concurrent tasks (1)
	// Queue is how many assignments may wait for a slot when all are
	// taken; more are refused. 0 refuses any assignment without a slot.
	Queue   int
	Pricing pricing.Params
	// ETA is the run time bid; 0 bids a tenth of the request's timeout.
	ETA time.Duration
	// MaxTimeout is the longest run a bid request or an assignment may
	// ask for (spec.MaxTimeout, 24h).
	MaxTimeout time.Duration
	// BidTTL is how long a standing bid is kept (30s).
	BidTTL time.Duration
	// PayWait is how long a result's escrow reservation is kept waiting for
	// its voucher (10m).
	PayWait time.Duration
	// RedeemThreshold: a job's voucher is redeemed once its unredeemed
	// part reaches this (0.05 DECO).
	RedeemThreshold wire.Amount
	// RedeemAge: or once its oldest unredeemed part is this old (30s).
	RedeemAge time.Duration
	// RetryMin and RetryMax bound the backoff after a failed redemption
	// (1s, 2m).
	RetryMin, RetryMax time.Duration
	// PayGrace is how long a consumer has to pay for a delivered result
	// before it is recorded as a non-payer (30s); a result whose voucher
	// waits for a quorum (wire.Assign.Quorum) has the job's escrow window
	// on top (see debts.go).
	PayGrace time.Duration
	// Remember is how many tasks' accepted specs are kept to refuse a
	// different assignment of the same task (65,536; oldest forgotten).
	Remember int
}

// ErrBadConfig reports an impossible configuration.
var ErrBadConfig = errors.New("bad provider config")

func (c Config) withDefaults() Config {
	if c.Slots == 0 {
		c.Slots = 1
	}
	if c.MaxTimeout == 0 {
		c.MaxTimeout = spec.MaxTimeout
	}
	if c.BidTTL == 0 {
		c.BidTTL = 30 * time.Second
	}
	if c.PayGrace == 0 {
		c.PayGrace = 30 * time.Second
	}
	if c.PayWait == 0 {
		c.PayWait = 10 * time.Minute
	}
	if c.RedeemThreshold == 0 {
		c.RedeemThreshold = 50_000 // 0.05 DECO
	}
	if c.RedeemAge == 0 {
		c.RedeemAge = 30 * time.Second
	}
	if c.RetryMin == 0 {
		c.RetryMin = time.Second
	}
	if c.RetryMax == 0 {
		c.RetryMax = 2 * time.Minute
	}
	if c.Remember == 0 {
		c.Remember = 1 << 16
	}
	return c
}

// Validate checks c (after defaults).
func (c Config) Validate() error {
	c = c.withDefaults()
	switch {
	case c.Slots < 0 || c.Queue < 0:
		return fmt.Errorf("%w: %d slots, queue %d", ErrBadConfig, c.Slots, c.Queue)
	case c.Remember < 0:
		return fmt.Errorf("%w: remember %d tasks' specs", ErrBadConfig, c.Remember)
	case c.Resources.Cores < 0:
		return fmt.Errorf("%w: %d cores", ErrBadConfig, c.Resources.Cores)
	case c.BidTTL < 0 || c.PayWait < 0 || c.PayGrace < 0 || c.MaxTimeout < 0 || c.RedeemAge < 0 || c.RetryMin < 0 || c.RetryMax < c.RetryMin:
		return fmt.Errorf("%w: negative duration", ErrBadConfig)
	}
	return c.Pricing.Validate()
}
