package pay

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/wire"
)

// A provider settles each zk task on chain itself, with the task's proof
// (the escrow verifies it and pays the task's price; no voucher comes).
// One transaction per task costs more than one per few tasks, so Proofs
// holds a job's claims briefly and settles them together.

// ProofSettler is the part of chain.ProofEscrow that settles claims.
type ProofSettler interface {
	// SettleWithProof settles one task; a rejected claim reverts.
	SettleWithProof(ctx context.Context, jobID [32]byte, claim chain.ProofClaim) error
	// SettleWithProofs settles several tasks of one job in one
	// transaction: all are paid or none.
	SettleWithProofs(ctx context.Context, jobID [32]byte, claims []chain.ProofClaim) error
}

// Default batching of ProofOptions.
const (
	DefaultProofWait  = 500 * time.Millisecond
	DefaultProofBatch = 4
)

// ProofOptions tune proof-settlement batching; zero values take the defaults.
type ProofOptions struct {
	// Wait is how long a claim waits for others of its job (DefaultProofWait).
	Wait time.Duration
	// Batch is how many claims go at once without waiting (DefaultProofBatch).
	Batch int
	// Timeout bounds one batch's transactions (default 2m).
	Timeout time.Duration
	// Clock times the wait (default the system clock).
	Clock clock.Clock
}

// Proofs settles a provider's proof claims, batched per job. It is safe
// for concurrent use; each Settle returns when its own claim's
// transaction is mined or failed.
type Proofs struct {
	chain ProofSettler
	log   *slog.Logger
	opts  ProofOptions

	mu      sync.Mutex
	pending map[wire.JobID]*proofBatch
}

// proofBatch is a job's claims waiting to settle together.
type proofBatch struct {
	claims []chain.ProofClaim
	done   []chan error
	sent   bool
}

// NewProofs returns the settler of claims on c.
func NewProofs(c ProofSettler, log *slog.Logger, o ProofOptions) *Proofs {
	if o.Wait <= 0 {
		o.Wait = DefaultProofWait
	}
	if o.Batch <= 0 {
		o.Batch = DefaultProofBatch
	}
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Proofs{chain: c, log: log, opts: o, pending: map[wire.JobID]*proofBatch{}}
}

// Settle settles one task of job on chain with claim, in one transaction
// with the job's other claims that arrive within ProofOptions.Wait. It
// returns the claim's outcome, or ctx.Err() if ctx ends first (the claim
// is still sent: the work is done and the escrow owes it).
func (p *Proofs) Settle(ctx context.Context, job wire.JobID, claim chain.ProofClaim) error {
	done := make(chan error, 1)
	fctx := context.WithoutCancel(ctx)
	p.mu.Lock()
	b := p.pending[job]
	if b == nil {
		b = &proofBatch{}
		p.pending[job] = b
		p.opts.Clock.AfterFunc(p.opts.Wait, func() { p.flush(fctx, job, b) })
	}
	b.claims = append(b.claims, claim)
	b.done = append(b.done, done)
	full := len(b.claims) >= p.opts.Batch
	if full {
		// Later claims start a new batch: until flush runs, this one
		// would otherwise keep growing past Batch.
		delete(p.pending, job)
	}
	p.mu.Unlock()
	if full {
		go p.flush(fctx, job, b)
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flush sends batch b of job (once, whoever calls first). A batch is all
// or nothing on chain, so when it reverts each claim is tried alone: one
// bad claim does not keep the others unpaid.
func (p *Proofs) flush(ctx context.Context, job wire.JobID, b *proofBatch) {
	p.mu.Lock()
	if p.pending[job] == b {
		delete(p.pending, job)
	}
	if b.sent {
		p.mu.Unlock()
		return
	}
	b.sent = true
	claims, done := b.claims, b.done
	p.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	id := job.Bytes32()
	if len(claims) > 1 {
		err := p.chain.SettleWithProofs(ctx, id, claims)
		if err == nil {
			for _, d := range done {
				d <- nil
			}
			return
		}
		p.log.Debug("batched proof settlement failed; settling one by one", "job", job.Short(), "claims", len(claims), "err", err)
	}
	for i, cl := range claims {
		done[i] <- p.chain.SettleWithProof(ctx, id, cl)
	}
}
