package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

// txLog records the transactions a client sent, in the order they were mined.
type txLog struct {
	mu  sync.Mutex
	txs []Tx
}

func (l *txLog) record(tx Tx) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.txs = append(l.txs, tx)
}

func (l *txLog) ops(op string) []Tx {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Tx
	for _, tx := range l.txs {
		if tx.Op == op {
			out = append(out, tx)
		}
	}
	return out
}

// TestParallelOpeningsPipelined opens several jobs at once from one
// account on a chain that mines nothing until told: every opening must be
// sent (alone or grouped with others) before any of them is mined, so one
// block takes them all, and one approval made by the first opening serves
// them all.
func TestParallelOpeningsPipelined(t *testing.T) {
	e := newTestEnv(t)
	var log txLog
	c, err := e.sim.Client(e.key(e.consumer), WithTxHook(log.record))
	must(t, err)
	must(t, c.OpenJob(e.ctx, jobIDOf(c.Address(), "first"), DECO(1), e.now().Add(time.Hour)))

	held := *c
	held.mined = nil // sent transactions wait for the Commit below
	var mu sync.Mutex
	sentJobs := map[[32]byte]bool{}
	held.Observe(func(tx Tx) {
		if !tx.Pending {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if tx.Job != ([32]byte{}) {
			sentJobs[tx.Job] = true
		}
		for _, j := range tx.Jobs {
			sentJobs[j] = true
		}
	})
	const n = 8
	deadline := e.now().Add(time.Hour)
	errs := make(chan error, n)
	for i := range n {
		go func() {
			errs <- held.OpenJob(e.ctx, jobIDOf(c.Address(), fmt.Sprint("parallel-", i)), DECO(2), deadline)
		}()
	}
	giveUp := time.After(20 * time.Second)
	for {
		mu.Lock()
		k := len(sentJobs)
		mu.Unlock()
		if k == n {
			break
		}
		select {
		case err := <-errs:
			t.Fatalf("an opening ended before any was mined: %v", err)
		case <-giveUp:
			t.Fatalf("only %d of %d openings were sent before the first was mined", k, n)
		case <-time.After(5 * time.Millisecond):
		}
	}
	e.sim.Commit()
	for range n {
		must(t, <-errs)
	}

	txs := append(log.ops("escrow.openJob")[1:], log.ops("escrow.openJobs")...)
	if len(txs) > n {
		t.Fatalf("%d transactions for %d openings", len(txs), n)
	}
	for _, tx := range txs {
		if tx.Block != txs[0].Block {
			t.Errorf("opening %s in block %d, want all in block %d (sent together)", tx.Hash.Hex(), tx.Block, txs[0].Block)
		}
	}
	if a := log.ops("token.approve"); len(a) != 1 {
		t.Errorf("%d approvals for %d openings, want 1 (the allowance is reused)", len(a), n+1)
	}
	for i := range n {
		info, err := c.Job(e.ctx, jobIDOf(c.Address(), fmt.Sprint("parallel-", i)))
		must(t, err)
		eq(t, "deposit", info.Deposited, DECO(2))
	}
}

// TestParallelOpeningsWithinBalance opens more jobs at once than the
// wallet can pay for: those that fit are opened, the others fail with
// ErrInsufficientFunds before anything is sent, and no transaction
// reverts on chain.
func TestParallelOpeningsWithinBalance(t *testing.T) {
	e := newTestEnv(t, WithGrant(nil, DECO(5)))
	var log txLog
	c, err := e.sim.Client(e.key(e.consumer), WithTxHook(log.record))
	must(t, err)
	deadline := e.now().Add(time.Hour)
	const n = 4
	errs := make(chan error, n)
	for i := range n {
		go func() { errs <- c.OpenJob(e.ctx, jobIDOf(c.Address(), fmt.Sprint("budget-", i)), DECO(2), deadline) }()
	}
	opened := 0
	for range n {
		switch err := <-errs; {
		case err == nil:
			opened++
		case !errors.Is(err, ErrInsufficientFunds):
			t.Errorf("want ErrInsufficientFunds or success, got %v", err)
		}
	}
	if opened != 2 {
		t.Errorf("%d jobs opened with 5 DECO at 2 DECO each, want 2", opened)
	}
	if got := len(log.ops("escrow.openJob")); got != 2 {
		t.Errorf("%d openings sent, want 2 (the others fail before sending)", got)
	}
	eq(t, "balance", e.balance(c.Address()), DECO(1))
}

// TestAllowanceRaisedWhenShort checks that a spend larger than what is
// left of the allowance approves again, and that a spend which would
// revert for another reason sends no approval.
func TestAllowanceRaisedWhenShort(t *testing.T) {
	e := newTestEnv(t, WithGrant(nil, DECO(10)))
	var log txLog
	c, err := e.sim.Client(e.key(e.consumer), WithTxHook(log.record))
	must(t, err)
	escrow := c.Contracts().Escrow
	must(t, c.OpenJob(e.ctx, jobIDOf(c.Address(), "a"), DECO(4), e.now().Add(time.Hour)))
	allowed, err := c.Allowance(e.ctx, c.Address(), escrow)
	must(t, err)
	eq(t, "allowance after the first opening", allowed, DECO(6)) // the whole balance was approved
	// Someone gives the wallet more; the allowance no longer covers a big job.
	must(t, e.sim.Deployer().Mint(e.ctx, c.Address(), DECO(10)))
	must(t, c.OpenJob(e.ctx, jobIDOf(c.Address(), "b"), DECO(8), e.now().Add(time.Hour)))
	if a := log.ops("token.approve"); len(a) != 2 {
		t.Errorf("%d approvals, want 2", len(a))
	}
	// Allowance exhausted and the job exists already: the revert is
	// reported and no approval is sent for it.
	must(t, c.Approve(e.ctx, escrow, new(big.Int)))
	before := len(log.ops("token.approve"))
	err = c.OpenJob(e.ctx, jobIDOf(c.Address(), "a"), DECO(1), e.now().Add(time.Hour))
	if !errors.Is(err, ErrJobExists) {
		t.Fatalf("want ErrJobExists, got %v", err)
	}
	if got := len(log.ops("token.approve")); got != before {
		t.Errorf("an approval was sent for an opening that reverts")
	}
}

// TestDevChainMinesOnArrival sends a transaction from a client of another
// "process" (dialed over JSON-RPC) to an embedded chain whose periodic
// pool check is an hour away: the block must be sealed because the
// transaction arrived, not because a timer fired.
func TestDevChainMinesOnArrival(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	key, err := crypto.GenerateKey()
	must(t, err)
	noTicker := func(c *config) { c.pendingCheck = time.Hour }
	sim, err := NewSimulated(ctx, WithHTTP("127.0.0.1", 0), WithAccounts(key), noTicker)
	must(t, err)
	defer sim.Close()
	c, err := Dial(ctx, sim.RPCURL(), key, sim.Contracts())
	must(t, err)
	defer c.Close()
	for i := range 3 {
		if err := c.Transfer(ctx, sim.Deployer().Address(), DECO(1)); err != nil {
			t.Fatalf("transfer %d over JSON-RPC was not mined: %v", i, err)
		}
	}
	var jobs [4][32]byte
	errs := make(chan error, len(jobs))
	for i := range jobs {
		jobs[i] = jobIDOf(c.Address(), fmt.Sprint("rpc-", i))
		go func() { errs <- c.OpenJob(ctx, jobs[i], DECO(1), time.Now().Add(time.Hour)) }()
	}
	for range jobs {
		must(t, <-errs)
	}
}
