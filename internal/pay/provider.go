package pay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// ProviderBucket is the database bucket holding the latest voucher the
// provider received per job and what it redeemed from it.
const ProviderBucket = "pay.provider"

// ProviderOptions tune when vouchers are redeemed and how long escrow
// reads are reused. The redemption schedule is the provider machine's
// (internal/provider): Options hands it the first three, and a zero field
// takes the machine's default (provider.Config).
type ProviderOptions struct {
	// RedeemThreshold: redeem a job's voucher once its unredeemed part
	// reaches this.
	RedeemThreshold wire.Amount
	// RedeemAge: or once its oldest unredeemed part is this old.
	RedeemAge time.Duration
	// Interval is the first wait before retrying a failed redemption.
	Interval time.Duration
	// CacheTTL is how long a job's escrow read from the chain is reused by
	// Cover and Accept (default 5s).
	CacheTTL time.Duration
	// PayGrace is how long a consumer has to pay for a delivered result
	// before the provider refuses its work (provider.Config.PayGrace;
	// default 30s).
	PayGrace time.Duration
}

func (o ProviderOptions) withDefaults() ProviderOptions {
	if o.CacheTTL == 0 {
		o.CacheTTL = 5 * time.Second
	}
	return o
}

// Provider gets paid for a provider node's work: it reads what a job's
// escrow has left for it (Cover; the provider.Machine decides and keeps
// the reservations), keeps the consumers' vouchers, and redeems them when
// the machine's schedule says so (by threshold, by age, before the
// consumer can refund) and on shutdown.
// Safe for concurrent use.
type Provider struct {
	c   chain.Chain
	db  *store.DB
	log *slog.Logger
	clk clock.Clock
	opt ProviderOptions

	mu    sync.Mutex
	held  map[wire.JobID]*heldVoucher // copied on write
	infos map[wire.JobID]cachedInfo
	proof map[wire.JobID]wire.Amount // a proof job's price per task (0: a voucher job); terms never change

	redeemMu sync.Mutex // one redemption at a time
}

// heldVoucher is the persisted state of one job's payment to us.
type heldVoucher struct {
	Job        wire.JobID  `json:"job"`
	Consumer   string      `json:"consumer"`
	Cumulative wire.Amount `json:"cumulative"` // latest voucher
	Signature  []byte      `json:"signature"`
	Redeemed   wire.Amount `json:"redeemed"` // paid to us on chain, as last seen
	Received   time.Time   `json:"received"` // when the latest voucher arrived
	// Since is when the oldest unredeemed part arrived (zero if none).
	Since    time.Time `json:"since,omitzero"`
	Deadline time.Time `json:"deadline"`
	// Closed: the consumer refunded; what was not redeemed is lost.
	Closed bool `json:"closed,omitempty"`
}

func (h *heldVoucher) pending() wire.Amount {
	if h.Closed {
		return 0
	}
	return sub(h.Cumulative, h.Redeemed)
}

type cachedInfo struct {
	info chain.JobInfo
	at   time.Time
}

// NewProvider returns a Provider redeeming to c's signer, keeping vouchers
// in db (bucket ProviderBucket). Vouchers of earlier runs are loaded.
func NewProvider(c chain.Chain, db *store.DB, log *slog.Logger, clk clock.Clock, opt ProviderOptions) *Provider {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if clk == nil {
		clk = clock.Real{}
	}
	p := &Provider{
		c: c, db: db, log: log.With("component", "pay.provider"), clk: clk, opt: opt.withDefaults(),
		held: map[wire.JobID]*heldVoucher{}, infos: map[wire.JobID]cachedInfo{}, proof: map[wire.JobID]wire.Amount{},
	}
	err := db.List(ProviderBucket, func(key string, raw []byte) error {
		var h heldVoucher
		if err := json.Unmarshal(raw, &h); err != nil {
			p.log.Error("skipping unreadable voucher record", "job", key, "err", err)
			return nil
		}
		p.held[h.Job] = &h
		return nil
	})
	if err != nil {
		p.log.Error("load voucher records", "err", err)
	}
	return p
}

// Address is the provider's EVM account, which vouchers must name.
func (p *Provider) Address() common.Address { return p.c.Address() }

// jobInfo reads job's escrow, reusing a read younger than CacheTTL.
func (p *Provider) jobInfo(ctx context.Context, job wire.JobID) (chain.JobInfo, error) {
	now := p.clk.Now()
	p.mu.Lock()
	ci, ok := p.infos[job]
	p.mu.Unlock()
	if ok && now.Sub(ci.at) < p.opt.CacheTTL && now.Sub(ci.at) >= 0 {
		return ci.info, nil
	}
	info, err := p.c.Job(ctx, job.Bytes32())
	if errors.Is(err, chain.ErrUnknownJob) {
		return info, fmt.Errorf("%w: job %s has no escrow on chain; the consumer must deposit its budget before work starts", ErrNoEscrow, job)
	}
	if err != nil {
		return info, fmt.Errorf("read escrow of job %s: %w", job, err)
	}
	p.mu.Lock()
	p.infos[job] = cachedInfo{info: info, at: now}
	p.mu.Unlock()
	return info, nil
}

// ProofPrice is what job's proof escrow pays per proven task, with ok
// false for a job paid by vouchers (or a chain client that cannot read
// proof terms). A provider bids it for a zk job: the escrow pays it
// whatever the bid, so the market records what is paid. Terms never
// change once a job is open, so each job is read once.
func (p *Provider) ProofPrice(ctx context.Context, job wire.JobID) (price wire.Amount, ok bool, err error) {
	p.mu.Lock()
	price, known := p.proof[job]
	p.mu.Unlock()
	if known {
		return price, price != 0, nil
	}
	pe, isProof := p.c.(chain.ProofEscrow)
	if !isProof {
		return 0, false, nil
	}
	terms, err := pe.ProofTerms(ctx, job.Bytes32())
	switch {
	case errors.Is(err, chain.ErrNotProofJob):
		price = 0
	case err != nil:
		return 0, false, fmt.Errorf("read proof terms of job %s: %w", job, err)
	default:
		price = amountOf(terms.Price)
	}
	p.mu.Lock()
	p.proof[job] = price
	p.mu.Unlock()
	return price, price != 0, nil
}

// knownJob returns what is known of job's escrow without a chain round
// trip when possible: a job's consumer and deadline never change, so any
// earlier read (or a voucher held) will do. Only an unknown job is read
// from the chain, so vouchers are accepted during a chain outage.
func (p *Provider) knownJob(ctx context.Context, job wire.JobID) (chain.JobInfo, error) {
	p.mu.Lock()
	ci, cached := p.infos[job]
	h := p.held[job]
	p.mu.Unlock()
	switch {
	case cached:
		return ci.info, nil
	case h != nil && common.IsHexAddress(h.Consumer):
		return chain.JobInfo{Consumer: common.HexToAddress(h.Consumer), Deadline: h.Deadline, Closed: h.Closed}, nil
	}
	return p.jobInfo(ctx, job)
}

func (p *Provider) forget(job wire.JobID) {
	p.mu.Lock()
	delete(p.infos, job)
	p.mu.Unlock()
}

// Cover is what is left of job's escrow for this provider, the fact a
// provider.Machine weighs before it bids or takes a task: deposited −
// redeemed − refunded − the unredeemed vouchers we hold. It refuses
// (ErrNoEscrow, ErrEscrowClosed, ErrWrongConsumer, ErrEscrowExpired,
// wire.ErrBadJobID) when the escrow does not exist, was refunded, was
// opened by another consumer than the one asking, or is past its deadline.
// What the machine reserved for tasks in progress is its own to subtract.
// The escrow read is cached for CacheTTL, so a job with many tasks costs
// one chain read per TTL.
func (p *Provider) Cover(ctx context.Context, job wire.JobID, consumer common.Address) (wire.Amount, error) {
	if _, err := wire.ParseJobID(string(job)); err != nil {
		return 0, fmt.Errorf("check escrow of job %q: %w", job, err)
	}
	info, err := p.jobInfo(ctx, job)
	if err != nil {
		return 0, err
	}
	switch {
	case info.Closed:
		return 0, fmt.Errorf("%w: job %s was refunded to its consumer; refusing work", ErrEscrowClosed, job)
	case info.Consumer != consumer:
		return 0, fmt.Errorf("%w: job %s's escrow was opened by %s, but the task came from %s; refusing work", ErrWrongConsumer, job, info.Consumer.Hex(), consumer.Hex())
	case !p.clk.Now().Before(info.Deadline):
		return 0, fmt.Errorf("%w: job %s's deadline %s has passed; refusing work the consumer could refund", ErrEscrowExpired, job, info.Deadline.UTC().Format(time.RFC3339))
	}
	left := info.Remaining()
	p.mu.Lock()
	if h := p.held[job]; h != nil {
		left.Sub(left, h.pending().Wei())
	}
	p.mu.Unlock()
	return amountOf(left), nil
}

// Accept verifies v and stores it as the job's latest voucher: it must
// name this provider, be signed (EIP-712) by the job's consumer on chain,
// and not go below the amount already held (ErrStaleVoucher; an equal
// amount is accepted as a repeat). The voucher is stored before Accept
// returns.
func (p *Provider) Accept(ctx context.Context, v wire.Voucher) error {
	if _, err := wire.ParseJobID(string(v.Job)); err != nil {
		return fmt.Errorf("%w: job id %q: %v", ErrBadVoucher, v.Job, err)
	}
	me := p.c.Address()
	if !common.IsHexAddress(v.Provider) || common.HexToAddress(v.Provider) != me {
		return fmt.Errorf("%w: voucher for job %s names provider %q, but this provider is %s", ErrBadVoucher, v.Job, v.Provider, me.Hex())
	}
	info, err := p.knownJob(ctx, v.Job)
	if err != nil {
		return err
	}
	digest := chain.VoucherDigest(p.c.Domain(), v.Job.Bytes32(), me, v.Cumulative.Wei())
	signer, err := chain.Recover(digest, v.Signature)
	if err != nil {
		return fmt.Errorf("%w: voucher for job %s: %v", ErrBadVoucher, v.Job, err)
	}
	if signer != info.Consumer {
		return fmt.Errorf("%w: voucher for job %s is signed by %s, but the job's consumer is %s", ErrBadVoucher, v.Job, signer.Hex(), info.Consumer.Hex())
	}
	if v.Consumer != "" && (!common.IsHexAddress(v.Consumer) || common.HexToAddress(v.Consumer) != info.Consumer) {
		return fmt.Errorf("%w: voucher for job %s claims consumer %q, but the job's consumer is %s", ErrBadVoucher, v.Job, v.Consumer, info.Consumer.Hex())
	}
	if info.Closed {
		return fmt.Errorf("%w: voucher for job %s arrived after the consumer was refunded; it cannot be redeemed", ErrEscrowClosed, v.Job)
	}
	now := p.clk.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.held[v.Job]
	n := &heldVoucher{Job: v.Job, Deadline: info.Deadline}
	if old != nil {
		if v.Cumulative < old.Cumulative {
			return fmt.Errorf("%w: voucher for job %s is for %s DECO, below the %s DECO already held", ErrStaleVoucher, v.Job, v.Cumulative, old.Cumulative)
		}
		if v.Cumulative == old.Cumulative {
			return nil
		}
		*n = *old
	}
	n.Consumer = info.Consumer.Hex()
	n.Cumulative = v.Cumulative
	n.Signature = append([]byte(nil), v.Signature...)
	n.Received = now
	if n.Since.IsZero() && n.pending() > 0 {
		n.Since = now
	}
	if err := p.db.Put(ProviderBucket, string(v.Job), n); err != nil {
		return fmt.Errorf("store voucher for job %s: %w", v.Job, err)
	}
	p.held[v.Job] = n
	return nil
}

// Options returns the options with their defaults.
func (p *Provider) Options() ProviderOptions { return p.opt }

// Held returns the schedule's facts of every voucher with an unredeemed
// part, by job: a provider.Machine loads them at start.
func (p *Provider) Held() []provider.Held {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []provider.Held
	for _, id := range slices.Sorted(maps.Keys(p.held)) {
		if h := p.held[id]; h.pending() > 0 {
			out = append(out, h.facts())
		}
	}
	return out
}

// Holding returns the schedule's facts of job's voucher (zero if none).
func (p *Provider) Holding(job wire.JobID) provider.Held {
	p.mu.Lock()
	defer p.mu.Unlock()
	if h := p.held[job]; h != nil {
		return h.facts()
	}
	return provider.Held{Job: job}
}

func (h *heldVoucher) facts() provider.Held {
	return provider.Held{Job: h.Job, Pending: h.pending(), Cumulative: h.Cumulative, Since: h.Since, Deadline: h.Deadline}
}

// Redeem submits job's latest voucher, when the machine's schedule says it
// is due, and reports the outcome for the machine (a failure is retried
// with its backoff; a deposit that could not pay in full, later).
func (p *Provider) Redeem(ctx context.Context, job wire.JobID) provider.Redeemed {
	short, err := p.redeem(ctx, job)
	r := provider.Redeemed{Held: p.Holding(job), Short: short}
	if err != nil {
		p.log.Warn("redeem failed; will retry", "job", job, "err", err)
		r.Err = err.Error()
	}
	return r
}

// redeem submits job's latest voucher and records what the chain paid;
// short reports a deposit that could not pay the voucher in full.
func (p *Provider) redeem(ctx context.Context, job wire.JobID) (short bool, err error) {
	p.redeemMu.Lock()
	defer p.redeemMu.Unlock()
	p.mu.Lock()
	h := p.held[job]
	p.mu.Unlock()
	if h == nil || h.pending() == 0 {
		return false, nil
	}
	me := p.c.Address()
	err = p.c.Redeem(ctx, job.Bytes32(), me, h.Cumulative.Wei(), h.Signature)
	closed := false
	switch {
	case err == nil, errors.Is(err, chain.ErrNothingToRedeem), errors.Is(err, chain.ErrDepositExhausted):
	case errors.Is(err, chain.ErrJobClosed):
		closed = true
	default:
		return false, fmt.Errorf("redeem %s DECO from job %s: %w", h.Cumulative, job, err)
	}
	paid, rerr := p.c.Redeemed(ctx, job.Bytes32(), me)
	if rerr != nil {
		return false, fmt.Errorf("read what job %s paid us: %w", job, rerr)
	}
	p.forget(job)
	p.mu.Lock()
	defer p.mu.Unlock()
	n := *p.held[job]
	n.Redeemed = amountOf(paid)
	n.Closed = n.Closed || closed
	switch {
	case n.pending() == 0:
		n.Since = time.Time{}
	case n.Received.After(h.Received):
		n.Since = n.Received // a newer voucher came in meanwhile
	}
	if err := p.db.Put(ProviderBucket, string(job), &n); err != nil {
		return false, fmt.Errorf("record redemption of job %s: %w", job, err)
	}
	p.held[job] = &n
	switch {
	case closed:
		p.log.Warn("the consumer refunded before the voucher was redeemed", "job", job, "redeemed", n.Redeemed, "lost", sub(n.Cumulative, n.Redeemed))
	case n.Redeemed < h.Cumulative:
		p.log.Warn("the job's deposit could not pay the voucher in full", "job", job, "voucher", h.Cumulative, "redeemed", n.Redeemed)
		return true, nil
	default:
		p.log.Info("voucher redeemed", "job", job, "redeemed", n.Redeemed)
	}
	return false, nil
}

// RedeemAll redeems every voucher with an unredeemed part, whatever its
// size or age, as a node does on shutdown. It goes on past failures and
// returns them joined. Give it a ctx with a deadline: while the chain is
// unreachable it retries until ctx ends.
func (p *Provider) RedeemAll(ctx context.Context) error {
	p.mu.Lock()
	var due []wire.JobID
	for id, h := range p.held {
		if h.pending() > 0 {
			due = append(due, id)
		}
	}
	p.mu.Unlock()
	slices.Sort(due)
	var errs []error
	for _, id := range due {
		if _, err := p.redeem(ctx, id); err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// Earning is what one job owes and paid this provider.
type Earning struct {
	Job           wire.JobID  `json:"job"`
	Consumer      string      `json:"consumer"`
	Latest        wire.Amount `json:"latest"`   // cumulative amount of the latest voucher
	Redeemed      wire.Amount `json:"redeemed"` // paid to this provider on chain
	Pending       wire.Amount `json:"pending"`  // latest − redeemed, still to redeem
	LastVoucherAt time.Time   `json:"last_voucher_at"`
	Deadline      time.Time   `json:"deadline"`
	// Closed: the consumer refunded; Lost was never redeemed and never will be.
	Closed bool        `json:"closed"`
	Lost   wire.Amount `json:"lost,omitempty"`
}

// Earnings lists, per job, the latest voucher held and what the chain
// paid for it (read from the chain, so redemptions anyone submitted for
// us count).
func (p *Provider) Earnings(ctx context.Context) ([]Earning, error) {
	p.mu.Lock()
	jobs := slices.Sorted(maps.Keys(p.held))
	p.mu.Unlock()
	me := p.c.Address()
	out := make([]Earning, 0, len(jobs))
	for _, id := range jobs {
		paid, err := p.c.Redeemed(ctx, id.Bytes32(), me)
		if err != nil {
			return nil, fmt.Errorf("read what job %s paid us: %w", id, err)
		}
		p.mu.Lock()
		h := *p.held[id]
		if r := amountOf(paid); r > h.Redeemed {
			h.Redeemed = r // someone redeemed on our behalf
			if h.pending() == 0 {
				h.Since = time.Time{}
			}
			if err := p.db.Put(ProviderBucket, string(id), &h); err == nil {
				p.held[id] = &h
			}
		}
		p.mu.Unlock()
		e := Earning{Job: id, Consumer: h.Consumer, Latest: h.Cumulative, Redeemed: h.Redeemed, Pending: h.pending(),
			LastVoucherAt: h.Received, Deadline: h.Deadline, Closed: h.Closed}
		if h.Closed {
			e.Lost = sub(h.Cumulative, h.Redeemed)
		}
		out = append(out, e)
	}
	return out, nil
}
