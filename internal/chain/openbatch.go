package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// maxOpenBatch is the most openings one escrow.openJobs transaction
// carries (about 60k gas each, so a full batch stays far below a block).
const maxOpenBatch = 64

// opening is one OpenJob call waiting for its transaction.
type opening struct {
	ctx      context.Context
	id       [32]byte
	amount   *big.Int
	deadline uint64
	ready    func() error  // OpenJobWhen's, or nil
	done     chan error    // the outcome, once sent
	lead     chan struct{} // closed when this call is to send the next batch
}

// openQueue groups an account's openings on one escrow, like a database's
// group commit: an opening with none in flight is sent at once, alone;
// openings that arrive while a transaction is on its way wait for it and
// then go together in one escrow.openJobs transaction. A burst of jobs
// submitted together costs two transactions, not one each, and their
// deposits one transfer. The call whose opening heads the queue sends
// the next batch, so no caller sends others' openings forever.
type openQueue struct {
	mu      sync.Mutex
	busy    bool // a batch is being sent
	waiting []*opening
}

// queue returns the account's opening queue for escrow.
func (a *account) queue(escrow common.Address) *openQueue {
	a.qmu.Lock()
	defer a.qmu.Unlock()
	if a.queues == nil {
		a.queues = map[common.Address]*openQueue{}
	}
	q := a.queues[escrow]
	if q == nil {
		q = &openQueue{}
		a.queues[escrow] = q
	}
	return q
}

// openGrouped opens one job through the account's queue.
func (c *Client) openGrouped(ctx context.Context, id [32]byte, amount *big.Int, deadline uint64, ready func() error) error {
	q := c.acct.queue(c.addrs.Escrow)
	o := &opening{ctx: ctx, id: id, amount: amount, deadline: deadline, ready: ready, done: make(chan error, 1), lead: make(chan struct{})}
	q.mu.Lock()
	q.waiting = append(q.waiting, o)
	if q.busy {
		q.mu.Unlock()
		select {
		case err := <-o.done:
			return err
		case <-o.lead:
		case <-ctx.Done():
			q.mu.Lock()
			// The lead is handed on under q.mu: a call that has it must
			// use it, even to send only its own opening.
			led := false
			select {
			case <-o.lead:
				led = true
			default:
			}
			if i := slices.Index(q.waiting, o); i >= 0 && !led {
				q.waiting = slices.Delete(q.waiting, i, i+1)
				q.mu.Unlock()
				return fmt.Errorf("escrow.openJob: %w: %w", ErrNotSent, ctx.Err())
			}
			q.mu.Unlock()
			// Already in a batch, or handed the lead: see it through.
			select {
			case err := <-o.done:
				return err
			case <-o.lead:
			}
		}
	} else {
		q.busy = true
		q.mu.Unlock()
	}
	// This call leads: it sends the openings waiting now, itself first,
	// and hands the lead on as soon as they are sent, so the next batch
	// goes out while this one is being mined.
	q.mu.Lock()
	n := min(len(q.waiting), maxOpenBatch)
	batch := slices.Clone(q.waiting[:n])
	q.waiting = slices.Delete(q.waiting, 0, n)
	q.mu.Unlock()
	c.sendOpenings(batch, func() {
		q.mu.Lock()
		if len(q.waiting) > 0 {
			close(q.waiting[0].lead)
		} else {
			q.busy = false
		}
		q.mu.Unlock()
	})
	return <-o.done
}

// sendOpenings sends batch (one openJob, or one openJobs), calls sent
// once nothing more of it is to be sent, and reports each opening's
// outcome. If the batch as a whole would revert, every opening is sent on
// its own so that only the faulty ones fail.
func (c *Client) sendOpenings(batch []*opening, sent func()) {
	var wait func(context.Context) error
	var err error
	if len(batch) > 1 {
		// A group waits for every member to be ready before its one send.
		batch = slices.DeleteFunc(batch, func(o *opening) bool {
			if o.ready == nil {
				return false
			}
			if err := o.ready(); err != nil {
				o.done <- fmt.Errorf("escrow.openJob: %w: %w", ErrNotSent, err)
				return true
			}
			o.ready = nil
			return false
		})
		if len(batch) == 0 {
			sent()
			return
		}
	}
	ctx, cancel := anyAlive(batch)
	defer cancel()
	if len(batch) == 1 {
		o := batch[0]
		wait, err = c.spendSend(ctx, "escrow.openJob", c.addrs.Escrow, o.amount, c.addrs.Escrow, escrowABI().PackOpenJob(o.id, o.amount, o.deadline), o.ready)
	} else {
		ids, amounts, deadlines := make([][32]byte, len(batch)), make([]*big.Int, len(batch)), make([]uint64, len(batch))
		total := new(big.Int)
		for i, o := range batch {
			ids[i], amounts[i], deadlines[i] = o.id, o.amount, o.deadline
			total.Add(total, o.amount)
		}
		wait, err = c.spendSend(ctx, "escrow.openJobs", c.addrs.Escrow, total, c.addrs.Escrow, escrowABI().PackOpenJobs(ids, amounts, deadlines), nil)
	}
	if err != nil && len(batch) > 1 && notOpened(err) {
		// Refused before sending: one opening's fault, or the sum's, must
		// not fail the others.
		c.oneByOne(batch, sent)
		return
	}
	sent()
	if err == nil {
		err = wait(ctx)
	}
	if err != nil && len(batch) > 1 && notOpened(err) {
		// Mined and reverted: nothing was opened.
		c.oneByOne(batch, func() {})
		return
	}
	for _, o := range batch {
		o.done <- err
	}
}

// notOpened reports whether err says for sure that an opening did not
// and will not happen (a revert, or a wallet short of DECO).
func notOpened(err error) bool {
	var rv *RevertError
	return errors.As(err, &rv) || errors.Is(err, ErrInsufficientFunds) || errors.Is(err, ErrInsufficientAllowance)
}

// oneByOne sends each opening of batch as its own transaction, all at
// once, and calls sent when they are all sent.
func (c *Client) oneByOne(batch []*opening, sent func()) {
	var wg, sends sync.WaitGroup
	sends.Add(len(batch))
	for _, o := range batch {
		wg.Go(func() {
			wait, err := c.spendSend(o.ctx, "escrow.openJob", c.addrs.Escrow, o.amount, c.addrs.Escrow, escrowABI().PackOpenJob(o.id, o.amount, o.deadline), nil)
			sends.Done()
			if err == nil {
				err = wait(o.ctx)
			}
			o.done <- err
		})
	}
	sends.Wait()
	sent()
	wg.Wait()
}

// anyAlive returns a context that ends when every opening's context has
// ended (or after a day, a bound no chain wait reaches), so that one
// caller giving up does not abandon the others' openings.
func anyAlive(batch []*opening) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(batch[0].ctx), 24*time.Hour)
	var mu sync.Mutex
	left := len(batch)
	stops := make([]func() bool, 0, len(batch))
	for _, o := range batch {
		stops = append(stops, context.AfterFunc(o.ctx, func() {
			mu.Lock()
			left--
			last := left == 0
			mu.Unlock()
			if last {
				cancel()
			}
		}))
	}
	return ctx, func() {
		for _, stop := range stops {
			stop()
		}
		cancel()
	}
}
