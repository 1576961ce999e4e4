package pay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// ConsumerBucket is the database bucket holding the consumer's escrows
// and the cumulative amounts it promised, one record per job.
const ConsumerBucket = "pay.consumer"

// Consumer pays for a node's jobs: it opens each job's escrow, signs a
// cumulative voucher per verified task, and refunds what is left once the
// chain allows. Safe for concurrent use.
type Consumer struct {
	c        chain.Chain
	db       *store.DB
	log      *slog.Logger
	clk      clock.Clock
	interval time.Duration

	mu   sync.Mutex
	jobs map[wire.JobID]*consumerJob
	// retry holds when a failed refund may be tried again, and the wait after that.
	retry map[wire.JobID]backoff
	// refunding holds jobs whose refund transaction is in flight: no
	// voucher is signed for them, as the escrow may close any moment.
	refunding map[wire.JobID]bool
	// opening holds jobs whose opening transaction this process is
	// sending: Run leaves them to Open instead of reading the chain for
	// them while they are in flight.
	opening map[wire.JobID]bool
	wake    chan struct{}
}

// consumerJob is the persisted state of one job's escrow. Records are
// copied on write: a pointer in Consumer.jobs is never mutated.
type consumerJob struct {
	Job      wire.JobID  `json:"job"`
	Deposit  wire.Amount `json:"deposit"` // deposited so far (open + top-ups)
	Deadline time.Time   `json:"deadline"`
	RefundAt time.Time   `json:"refund_at"` // deadline + the escrow's grace
	// Opened is false while openJob is in flight or its outcome unknown
	// (Run checks the chain and settles it).
	Opened bool `json:"opened"`
	// Proof marks a proof job (OpenProof): providers are paid on chain per
	// proven task, so Owed stays empty and what they took is Redeemed.
	Proof bool `json:"proof,omitempty"`
	// Owed is the cumulative amount signed per provider (checksummed address).
	Owed           map[string]wire.Amount `json:"owed,omitempty"`
	Finished       bool                   `json:"finished,omitempty"`
	Refunded       bool                   `json:"refunded,omitempty"`
	RefundedAmount wire.Amount            `json:"refunded_amount,omitempty"`
}

// spent is the sum of the vouchers signed. Voucher keeps it within the
// deposit; a record whose sum would overflow (edited by hand) reads as
// the largest amount, so no further voucher is signed on it.
func (j *consumerJob) spent() wire.Amount {
	var s wire.Amount
	for _, v := range j.Owed {
		var err error
		if s, err = s.Add(v); err != nil {
			return math.MaxUint64
		}
	}
	return s
}

func (j *consumerJob) clone() *consumerJob {
	n := *j
	n.Owed = maps.Clone(j.Owed)
	if n.Owed == nil {
		n.Owed = map[string]wire.Amount{}
	}
	return &n
}

type backoff struct {
	at   time.Time
	wait time.Duration
}

func (b backoff) next(now time.Time, first, max time.Duration) backoff {
	w := b.wait * 2
	if w < first {
		w = first
	}
	if w > max {
		w = max
	}
	return backoff{at: now.Add(w), wait: w}
}

// ConsumerOption configures NewConsumer.
type ConsumerOption func(*Consumer)

// WithRefundInterval sets how often Run looks for escrows due a refund
// (default 1s).
func WithRefundInterval(d time.Duration) ConsumerOption {
	return func(c *Consumer) {
		if d > 0 {
			c.interval = d
		}
	}
}

// NewConsumer returns a Consumer paying from c's signer, keeping its state
// in db (bucket ConsumerBucket) and telling the time with clk (nil: the
// system clock). Records of
// earlier runs are loaded, so cumulative amounts survive a restart.
func NewConsumer(c chain.Chain, db *store.DB, log *slog.Logger, clk clock.Clock, opts ...ConsumerOption) *Consumer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if clk == nil {
		clk = clock.Real{}
	}
	cs := &Consumer{
		c: c, db: db, log: log.With("component", "pay.consumer"), clk: clk, interval: time.Second,
		jobs: map[wire.JobID]*consumerJob{}, retry: map[wire.JobID]backoff{}, refunding: map[wire.JobID]bool{}, opening: map[wire.JobID]bool{},
		wake: make(chan struct{}, 1),
	}
	for _, o := range opts {
		o(cs)
	}
	err := db.List(ConsumerBucket, func(key string, raw []byte) error {
		var j consumerJob
		if err := json.Unmarshal(raw, &j); err != nil {
			cs.log.Error("skipping unreadable escrow record", "job", key, "err", err)
			return nil
		}
		if j.Owed == nil {
			j.Owed = map[string]wire.Amount{}
		}
		cs.jobs[j.Job] = &j
		return nil
	})
	if err != nil {
		cs.log.Error("load escrow records", "err", err)
	}
	return cs
}

// Address is the consumer's EVM account, which signs vouchers.
func (c *Consumer) Address() common.Address { return c.c.Address() }

// Open opens job's escrow with deposit (the job's budget; see
// pricing.Budget), refundable after deadline plus the escrow's grace. It
// first checks the wallet: when it holds less DECO than deposit the error
// wraps chain.ErrInsufficientFunds and says how much is there, how much is
// needed and what to do; with no gas money it wraps ErrNoGas. Opening a
// job that is already open is a no-op.
func (c *Consumer) Open(ctx context.Context, job wire.JobID, deposit wire.Amount, deadline time.Time) error {
	return c.open(ctx, job, deposit, deadline, false, func(ctx context.Context, recorded func() error) error {
		if oc, ok := c.c.(openWhen); ok {
			return oc.OpenJobWhen(ctx, job.Bytes32(), deposit.Wei(), deadline, recorded)
		}
		if err := recorded(); err != nil {
			return err
		}
		return c.c.OpenJob(ctx, job.Bytes32(), deposit.Wei(), deadline)
	})
}

// openWhen is a chain client that can hold an opening's send until the
// consumer's record of it is written (chain.Client), so that the write
// and the client's checks run at the same time.
type openWhen interface {
	OpenJobWhen(ctx context.Context, jobID [32]byte, amount *big.Int, deadline time.Time, ready func() error) error
}

// OpenProof opens job's escrow as a proof job (chain.ProofEscrow): the
// escrow pays terms.Price per committed task to whoever settles it with a
// proof, and no vouchers are signed. Otherwise it is Open: the wallet is
// checked first, and Run refunds what the proofs did not take once the
// deadline plus the escrow's grace has passed. It fails unless the chain
// client implements chain.ProofEscrow.
func (c *Consumer) OpenProof(ctx context.Context, job wire.JobID, deposit wire.Amount, deadline time.Time, terms chain.ProofJob) error {
	pe, ok := c.c.(chain.ProofEscrow)
	if !ok {
		return fmt.Errorf("open proof escrow for job %s: this chain client cannot open proof escrows", job)
	}
	return c.open(ctx, job, deposit, deadline, true, func(ctx context.Context, recorded func() error) error {
		if err := recorded(); err != nil {
			return err
		}
		return pe.OpenProofJob(ctx, job.Bytes32(), deposit.Wei(), deadline, terms)
	})
}

// open is Open and OpenProof: send is the opening transaction, which it
// sends only once recorded (the escrow record's write) returned nil.
func (c *Consumer) open(ctx context.Context, job wire.JobID, deposit wire.Amount, deadline time.Time, proof bool, send func(ctx context.Context, recorded func() error) error) error {
	if _, err := wire.ParseJobID(string(job)); err != nil {
		return fmt.Errorf("open escrow for job %q: %w", job, err)
	}
	if deposit == 0 {
		return fmt.Errorf("open escrow for job %s: the budget is 0 DECO; give the job a max price or a budget", job)
	}
	c.mu.Lock()
	prev := c.jobs[job]
	c.mu.Unlock()
	if prev != nil && prev.Opened {
		return nil
	}
	if prev != nil {
		// An earlier attempt ended without an answer: it may have landed.
		if ok, err := c.adopt(ctx, job); err != nil || ok {
			return err
		}
	}
	me := c.c.Address()
	bal, err := c.c.Balance(ctx, me)
	if err != nil {
		return fmt.Errorf("open escrow for job %s: read the wallet balance: %w", job, err)
	}
	if bal.Cmp(deposit.Wei()) < 0 {
		return fmt.Errorf("%w: job %s needs a deposit of %s DECO (its budget: tasks × paid replicas × max price) but wallet %s holds %s; check it with `deco wallet balance`, fund that address, or lower --max-price or --tasks",
			chain.ErrInsufficientFunds, job, deposit, me.Hex(), chain.FormatDECO(bal))
	}
	gas, err := c.c.GasBalance(ctx, me)
	if err != nil {
		return fmt.Errorf("open escrow for job %s: read the gas balance: %w", job, err)
	}
	if gas.Sign() == 0 {
		return fmt.Errorf("%w: wallet %s needs native coin for the escrow transactions; fund it (a devnet does this for its nodes)", ErrNoGas, me.Hex())
	}
	rec := &consumerJob{Job: job, Deposit: deposit, Deadline: deadline, RefundAt: deadline, Proof: proof, Owed: map[string]wire.Amount{}}
	c.mu.Lock()
	c.opening[job] = true
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.opening, job)
		c.mu.Unlock()
	}()
	// A new record, written outside c.mu so that jobs opened at the same
	// time share the database's commit (store's group commit), and while
	// the chain client checks the wallet and estimates the gas: the
	// opening is sent only once the record is on disk, so a restart
	// always knows of an escrow that may exist.
	put := make(chan error, 1)
	go func() { put <- c.db.Put(ConsumerBucket, string(job), rec) }()
	recorded := sync.OnceValue(func() error {
		if err := <-put; err != nil {
			return fmt.Errorf("store escrow record: %w", err)
		}
		c.mu.Lock()
		c.jobs[job] = rec
		c.mu.Unlock()
		return nil
	})
	err = send(ctx, recorded)
	if perr := recorded(); perr != nil {
		// Nothing was sent (send waits for the record).
		return fmt.Errorf("open escrow for job %s: %w", job, perr)
	}
	switch {
	case errors.Is(err, chain.ErrNotSent):
		c.drop(job)
		return fmt.Errorf("open escrow for job %s: %w", job, err)
	case errors.Is(err, chain.ErrJobExists):
		ok, aerr := c.adopt(ctx, job)
		if errors.Is(aerr, ErrWrongConsumer) {
			c.drop(job)
		}
		if aerr != nil {
			return aerr
		}
		if !ok {
			c.drop(job)
			return fmt.Errorf("open escrow for job %s: %w", job, err)
		}
		return nil
	case errors.Is(err, chain.ErrReverted) || errors.Is(err, chain.ErrInsufficientFunds) || errors.Is(err, chain.ErrNoContracts):
		c.drop(job) // definitely not opened
		return fmt.Errorf("open escrow for job %s: %w", job, err)
	case err != nil:
		// Sent or not, we cannot tell: keep the record; Run settles it.
		return fmt.Errorf("open escrow for job %s: %w", job, err)
	}
	rec = rec.clone()
	rec.Opened = true
	// The chain keeps the deadline in whole seconds.
	rec.Deadline = time.Unix(deadline.Unix(), 0)
	if g, ok := c.c.(refundGracer); ok {
		rec.RefundAt = rec.Deadline.Add(g.RefundGrace())
	} else if info, err := c.c.Job(ctx, job.Bytes32()); err == nil {
		rec.Deadline, rec.RefundAt = info.Deadline, info.RefundAt
	} else {
		c.log.Warn("escrow opened but could not be read back; assuming a one-hour grace", "job", job, "err", err)
		rec.RefundAt = deadline.Add(time.Hour)
	}
	// Opened is kept in memory only: the record on disk says the opening
	// was sent, which after a restart makes Run read the escrow from the
	// chain (adopt), and the next write of the record (a voucher, the
	// job's end) stores it. One database write per opening, not two.
	c.mu.Lock()
	c.jobs[job] = rec
	c.mu.Unlock()
	c.log.Info("escrow opened", "job", job, "deposit", deposit, "refund_at", rec.RefundAt)
	return nil
}

// refundGracer is a chain client that knows the escrow's grace period
// after a job's deadline (chain.Client), so an opening needs no read-back.
type refundGracer interface {
	RefundGrace() time.Duration
}

// adopt checks the chain for job's escrow and records it as opened when
// this consumer owns it. It reports whether it did.
func (c *Consumer) adopt(ctx context.Context, job wire.JobID) (bool, error) {
	info, err := c.c.Job(ctx, job.Bytes32())
	if errors.Is(err, chain.ErrUnknownJob) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read escrow of job %s: %w", job, err)
	}
	if info.Consumer != c.c.Address() {
		return false, fmt.Errorf("%w: job %s's escrow belongs to %s, not to this wallet %s", ErrWrongConsumer, job, info.Consumer.Hex(), c.c.Address().Hex())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	rec := &consumerJob{Job: job, Owed: map[string]wire.Amount{}}
	if prev := c.jobs[job]; prev != nil {
		rec = prev.clone()
	}
	rec.Opened = true
	rec.Deposit = amountOf(info.Deposited)
	rec.Deadline, rec.RefundAt = info.Deadline, info.RefundAt
	if info.Closed {
		rec.Refunded, rec.RefundedAmount = true, amountOf(info.Refunded)
	}
	return true, c.putLocked(rec)
}

// TopUp adds amount to job's deposit.
func (c *Consumer) TopUp(ctx context.Context, job wire.JobID, amount wire.Amount) error {
	c.mu.Lock()
	rec := c.jobs[job]
	c.mu.Unlock()
	if rec == nil || !rec.Opened {
		return fmt.Errorf("%w: job %s was not opened by this node", ErrNoEscrow, job)
	}
	if _, err := rec.Deposit.Add(amount); err != nil {
		return fmt.Errorf("top up escrow of job %s: %w", job, err)
	}
	if err := c.c.TopUp(ctx, job.Bytes32(), amount.Wei()); err != nil {
		return fmt.Errorf("top up escrow of job %s by %s DECO: %w", job, amount, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.jobs[job].clone()
	dep, err := n.Deposit.Add(amount)
	if err != nil {
		// A refresh raised the deposit meanwhile; the chain holds the truth.
		return fmt.Errorf("top up escrow of job %s: %w; the deposit on chain is right, `deco job describe` reads it", job, err)
	}
	n.Deposit = dep
	return c.putLocked(n)
}

// Voucher raises the cumulative amount owed to provider for job by price,
// records it, signs it and returns the voucher to send. The new amount is
// stored before Voucher returns, so a restart never signs less than was
// promised. It never lets the job's vouchers add up to more than its
// deposit: then it returns ErrOverDeposit (after checking the chain for a
// top-up). A price of 0 re-signs the current amount.
func (c *Consumer) Voucher(ctx context.Context, job wire.JobID, provider common.Address, price wire.Amount) (wire.Voucher, error) {
	if provider == (common.Address{}) {
		return wire.Voucher{}, fmt.Errorf("voucher for job %s: the provider has no EVM address", job)
	}
	refreshed, adopted := false, false
	for {
		c.mu.Lock()
		rec := c.jobs[job]
		switch {
		case rec != nil && !rec.Opened && !c.opening[job] && !adopted:
			// Opened but not yet recorded as such before a restart: the
			// chain says (Run would settle it too, a moment later).
			c.mu.Unlock()
			adopted = true
			if ok, err := c.adopt(ctx, job); err != nil || !ok {
				c.log.Warn("escrow opening not confirmed on chain", "job", job, "err", err)
			}
			continue
		case rec == nil || !rec.Opened:
			c.mu.Unlock()
			return wire.Voucher{}, fmt.Errorf("%w: voucher for job %s: its escrow was not opened by this node", ErrNoEscrow, job)
		case rec.Refunded || c.refunding[job]:
			c.mu.Unlock()
			return wire.Voucher{}, fmt.Errorf("%w: voucher for job %s: the deposit was refunded", ErrEscrowClosed, job)
		}
		spent := rec.spent()
		if total, err := spent.Add(price); err != nil || total > rec.Deposit {
			c.mu.Unlock()
			if !refreshed {
				refreshed = true
				if c.refreshDeposit(ctx, job) {
					continue
				}
			}
			if err != nil {
				return wire.Voucher{}, fmt.Errorf("%w: paying %s DECO to %s on top of job %s's spend of %s DECO: %w", ErrOverDeposit, price, provider.Hex(), job, spent, err)
			}
			return wire.Voucher{}, fmt.Errorf("%w: paying %s DECO to %s would bring job %s's spend to %s DECO, above its deposit of %s DECO; top it up with `deco wallet deposit %s AMOUNT`",
				ErrOverDeposit, price, provider.Hex(), job, total, rec.Deposit, job)
		}
		v, err := c.sign(rec, provider, price)
		c.mu.Unlock()
		return v, err
	}
}

// sign records and signs the raised amount; c.mu is held.
func (c *Consumer) sign(rec *consumerJob, provider common.Address, price wire.Amount) (wire.Voucher, error) {
	key := provider.Hex()
	cum, err := rec.Owed[key].Add(price)
	if err != nil {
		return wire.Voucher{}, fmt.Errorf("sign voucher for job %s: %w", rec.Job, err)
	}
	sig, err := c.c.SignVoucher(rec.Job.Bytes32(), provider, cum.Wei())
	if err != nil {
		return wire.Voucher{}, fmt.Errorf("sign voucher for job %s: %w", rec.Job, err)
	}
	n := rec.clone()
	n.Owed[key] = cum
	if err := c.putLocked(n); err != nil {
		return wire.Voucher{}, fmt.Errorf("record voucher for job %s: %w", rec.Job, err)
	}
	return wire.Voucher{Job: rec.Job, Provider: key, Consumer: c.c.Address().Hex(), Cumulative: cum, Signature: sig}, nil
}

// refreshDeposit reads the job's deposit from the chain (someone may have
// topped it up with `deco wallet deposit`) and reports whether it grew.
func (c *Consumer) refreshDeposit(ctx context.Context, job wire.JobID) bool {
	info, err := c.c.Job(ctx, job.Bytes32())
	if err != nil {
		c.log.Warn("read escrow deposit", "job", job, "err", err)
		return false
	}
	dep := amountOf(info.Deposited)
	c.mu.Lock()
	defer c.mu.Unlock()
	rec := c.jobs[job]
	if rec == nil || dep <= rec.Deposit {
		return false
	}
	n := rec.clone()
	n.Deposit = dep
	if err := c.putLocked(n); err != nil {
		c.log.Error("record escrow top-up", "job", job, "err", err)
		return false
	}
	c.log.Info("escrow was topped up", "job", job, "deposit", dep)
	return true
}

// Finish marks job ended: no more tasks will be paid. Run refunds the
// unspent deposit once the chain allows (deadline + grace).
func (c *Consumer) Finish(job wire.JobID) {
	c.mu.Lock()
	rec := c.jobs[job]
	if rec != nil && !rec.Finished {
		n := rec.clone()
		n.Finished = true
		if err := c.putLocked(n); err != nil {
			c.log.Error("record job end", "job", job, "err", err)
		}
	}
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Run refunds escrows that are due (now ≥ deadline + grace) until ctx
// ends, and settles escrows whose opening had no answer. Chain errors are
// logged and retried with backoff, so it carries on through outages.
func (c *Consumer) Run(ctx context.Context) {
	t := c.clk.NewTicker(c.interval)
	defer t.Stop()
	for {
		c.step(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		case <-c.wake:
		}
	}
}

// step does one pass of Run.
func (c *Consumer) step(ctx context.Context) {
	now := c.clk.Now()
	var pending, due []wire.JobID
	c.mu.Lock()
	for id, j := range c.jobs {
		if j.Refunded || c.opening[id] || now.Before(c.retry[id].at) {
			continue
		}
		switch {
		case !j.Opened:
			pending = append(pending, id)
		case !now.Before(j.RefundAt):
			due = append(due, id)
		}
	}
	c.mu.Unlock()
	slices.Sort(pending)
	slices.Sort(due)
	for _, id := range pending {
		if ctx.Err() != nil {
			return
		}
		c.settleOpen(ctx, id, now)
	}
	for _, id := range due {
		if ctx.Err() != nil {
			return
		}
		if err := c.refund(ctx, id); err != nil {
			if ctx.Err() != nil {
				return
			}
			c.mu.Lock()
			c.retry[id] = c.retry[id].next(now, c.interval, time.Minute)
			c.mu.Unlock()
			c.log.Warn("refund failed; will retry", "job", id, "err", err)
		}
	}
}

// settleOpen resolves an escrow whose opening had no answer.
func (c *Consumer) settleOpen(ctx context.Context, job wire.JobID, now time.Time) {
	ok, err := c.adopt(ctx, job)
	switch {
	case errors.Is(err, ErrWrongConsumer):
		c.log.Warn("job id taken by another consumer's escrow; forgetting it", "job", job, "err", err)
		c.drop(job)
	case err != nil:
		if ctx.Err() == nil {
			c.log.Warn("check escrow opening", "job", job, "err", err)
			c.mu.Lock()
			c.retry[job] = c.retry[job].next(now, c.interval, time.Minute)
			c.mu.Unlock()
		}
	case ok:
		c.log.Info("escrow opening confirmed on chain", "job", job)
	default:
		c.mu.Lock()
		rec := c.jobs[job]
		c.mu.Unlock()
		if rec != nil && !now.Before(rec.Deadline) {
			c.log.Info("escrow was never opened; forgetting it", "job", job)
			c.drop(job)
		}
	}
}

// refund returns job's unspent deposit and records what came back.
func (c *Consumer) refund(ctx context.Context, job wire.JobID) error {
	c.mu.Lock()
	c.refunding[job] = true
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.refunding, job)
		c.mu.Unlock()
	}()
	err := c.c.Refund(ctx, job.Bytes32())
	switch {
	case err == nil, errors.Is(err, chain.ErrJobClosed):
	case errors.Is(err, chain.ErrRefundTooEarly):
		return fmt.Errorf("refund job %s: the chain's clock has not reached the refund time yet: %w", job, err)
	default:
		return fmt.Errorf("refund job %s: %w", job, err)
	}
	info, err := c.c.Job(ctx, job.Bytes32())
	if err != nil {
		return fmt.Errorf("read escrow of job %s after refund: %w", job, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.jobs[job].clone()
	n.Refunded, n.RefundedAmount = true, amountOf(info.Refunded)
	delete(c.retry, job)
	if err := c.putLocked(n); err != nil {
		return err
	}
	spent := n.spent()
	if n.Proof {
		spent = amountOf(info.Redeemed)
	}
	c.log.Info("escrow refunded", "job", job, "refunded", n.RefundedAmount, "spent", spent, "redeemed", amountOf(info.Redeemed))
	return nil
}

// Escrow is a job's escrow as the consumer sees it. Amounts reconcile:
// Deposit = Redeemed + Refunded + what is still held; Spent = Redeemed +
// Pending (unless a provider's voucher could not be paid in full).
type Escrow struct {
	Job      wire.JobID  `json:"job"`
	Consumer string      `json:"consumer"`
	Deposit  wire.Amount `json:"deposit"`  // deposited on chain (open + top-ups)
	Spent    wire.Amount `json:"spent"`    // sum of the vouchers signed
	Redeemed wire.Amount `json:"redeemed"` // paid to providers on chain
	Refunded wire.Amount `json:"refunded"` // returned to the consumer
	Pending  wire.Amount `json:"pending"`  // spent − redeemed: vouchers providers have not redeemed yet
	Deadline time.Time   `json:"deadline"`
	RefundAt time.Time   `json:"refund_at"` // deadline + grace: when the rest can be refunded
	Finished bool        `json:"finished"`  // the job ended
	Closed   bool        `json:"closed"`    // refunded: the escrow pays nothing more
	// Providers break Spent and Redeemed down by provider.
	Providers []ProviderSpend `json:"providers,omitempty"`
}

// ProviderSpend is what one provider was promised and paid from a job.
type ProviderSpend struct {
	Provider string      `json:"provider"`
	Spent    wire.Amount `json:"spent"`
	Redeemed wire.Amount `json:"redeemed"`
	Pending  wire.Amount `json:"pending"`
}

// Status reports job's escrow, reading the chain for what was redeemed and
// refunded (for a proof job, Spent is what the proofs took). When the chain cannot be read it returns what the consumer
// knows locally together with the error. ErrNoEscrow if this node never
// opened the job.
func (c *Consumer) Status(ctx context.Context, job wire.JobID) (Escrow, error) {
	c.mu.Lock()
	rec := c.jobs[job]
	c.mu.Unlock()
	if rec == nil {
		return Escrow{}, fmt.Errorf("%w: job %s has no escrow opened by this node", ErrNoEscrow, job)
	}
	e := Escrow{
		Job: job, Consumer: c.c.Address().Hex(), Deposit: rec.Deposit, Spent: rec.spent(),
		Deadline: rec.Deadline, RefundAt: rec.RefundAt, Finished: rec.Finished,
		Closed: rec.Refunded, Refunded: rec.RefundedAmount,
	}
	for _, p := range slices.Sorted(maps.Keys(rec.Owed)) {
		e.Providers = append(e.Providers, ProviderSpend{Provider: p, Spent: rec.Owed[p]})
	}
	if !rec.Opened {
		return e, nil
	}
	info, err := c.c.Job(ctx, job.Bytes32())
	if err != nil {
		e.Pending = e.Spent
		return e, fmt.Errorf("read escrow of job %s: %w", job, err)
	}
	e.Deposit, e.Redeemed, e.Refunded, e.Closed = amountOf(info.Deposited), amountOf(info.Redeemed), amountOf(info.Refunded), info.Closed
	e.Deadline, e.RefundAt = info.Deadline, info.RefundAt
	if rec.Proof {
		e.Spent = e.Redeemed // paid on proof: nothing is promised before
	}
	e.Pending = sub(e.Spent, e.Redeemed)
	for i := range e.Providers {
		p := &e.Providers[i]
		r, err := c.c.Redeemed(ctx, job.Bytes32(), common.HexToAddress(p.Provider))
		if err != nil {
			return e, fmt.Errorf("read what %s redeemed from job %s: %w", p.Provider, job, err)
		}
		p.Redeemed = amountOf(r)
		p.Pending = sub(p.Spent, p.Redeemed)
	}
	return e, nil
}

// Jobs lists the jobs this consumer holds an escrow record for.
func (c *Consumer) Jobs() []wire.JobID {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(maps.Keys(c.jobs))
}

func (c *Consumer) put(rec *consumerJob) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.putLocked(rec)
}

// putLocked stores rec and makes it current; c.mu is held.
func (c *Consumer) putLocked(rec *consumerJob) error {
	if err := c.db.Put(ConsumerBucket, string(rec.Job), rec); err != nil {
		return fmt.Errorf("store escrow record: %w", err)
	}
	c.jobs[rec.Job] = rec
	return nil
}

func (c *Consumer) drop(job wire.JobID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.db.Delete(ConsumerBucket, string(job)); err != nil {
		c.log.Error("forget escrow record", "job", job, "err", err)
	}
	delete(c.jobs, job)
	delete(c.retry, job)
}
