package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"
)

// queuedOpenings starts one opening per id at once while the account's
// spend lock is held, so the first caller is stuck before its send and
// every other one queues behind it; it returns when all but the first
// are queued, and the channel their outcomes arrive on (by id).
func queuedOpenings(t *testing.T, e *testEnv, c *Client, ctxs []context.Context, ids [][32]byte, amount *big.Int) <-chan openResult {
	t.Helper()
	q := c.acct.queue(c.addrs.Escrow)
	c.acct.spend.Lock()
	out := make(chan openResult, len(ids))
	deadline := e.now().Add(time.Hour)
	go func() {
		out <- openResult{ids[0], c.OpenJob(ctxs[0], ids[0], amount, deadline)}
	}()
	waitFor(t, "the first opening to lead", func() bool { q.mu.Lock(); defer q.mu.Unlock(); return q.busy })
	for i := 1; i < len(ids); i++ {
		go func() { out <- openResult{ids[i], c.OpenJob(ctxs[i], ids[i], amount, deadline)} }()
	}
	waitFor(t, "the other openings to queue", func() bool {
		q.mu.Lock()
		defer q.mu.Unlock()
		return len(q.waiting) == len(ids)-1
	})
	c.acct.spend.Unlock()
	return out
}

type openResult struct {
	id  [32]byte
	err error
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	giveUp := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(giveUp) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func ctxsOf(ctx context.Context, n int) []context.Context {
	out := make([]context.Context, n)
	for i := range out {
		out[i] = ctx
	}
	return out
}

// TestOpeningsQueuedTogetherShareOneTransaction: openings that arrive
// while another is being sent go out together in one escrow.openJobs,
// each job opened exactly as openJob would, with one transfer.
func TestOpeningsQueuedTogetherShareOneTransaction(t *testing.T) {
	e := newTestEnv(t)
	var log txLog
	c, err := e.sim.Client(e.key(e.consumer), WithTxHook(log.record))
	must(t, err)
	before := e.balance(c.Address())
	const n = 8
	ids := make([][32]byte, n)
	for i := range ids {
		ids[i] = jobIDOf(c.Address(), fmt.Sprint("grouped-", i))
	}
	out := queuedOpenings(t, e, c, ctxsOf(e.ctx, n), ids, DECO(2))
	for range n {
		r := <-out
		must(t, r.err)
	}
	if got := len(log.ops("escrow.openJob")); got != 1 {
		t.Errorf("%d lone openings, want 1 (the first)", got)
	}
	batches := log.ops("escrow.openJobs")
	if len(batches) != 1 {
		t.Fatalf("%d grouped openings, want 1 for the %d queued", len(batches), n-1)
	}
	for _, id := range ids {
		info, err := c.Job(e.ctx, id)
		must(t, err)
		eq(t, "deposit", info.Deposited, DECO(2))
		if info.Consumer != c.Address() {
			t.Errorf("job %x opened by %s", id[:4], info.Consumer.Hex())
		}
	}
	eq(t, "balance", e.balance(c.Address()), new(big.Int).Sub(before, DECO(2*n)))
	t.Logf("gas: openJob %d, openJobs of %d %d (%d a job)", log.ops("escrow.openJob")[0].GasUsed, n-1, batches[0].GasUsed, batches[0].GasUsed/(n-1))
}

// TestGroupedOpeningFaultStaysItsOwn: one opening of a group would
// revert (its job exists); the others are opened one by one and only it
// fails, with the escrow's reason.
func TestGroupedOpeningFaultStaysItsOwn(t *testing.T) {
	e := newTestEnv(t)
	c, err := e.sim.Client(e.key(e.consumer))
	must(t, err)
	taken := e.open("taken", DECO(1))
	ids := [][32]byte{jobIDOf(c.Address(), "f0"), jobIDOf(c.Address(), "f1"), taken, jobIDOf(c.Address(), "f3")}
	out := queuedOpenings(t, e, c, ctxsOf(e.ctx, len(ids)), ids, DECO(1))
	for range ids {
		r := <-out
		switch {
		case r.id == taken && !errors.Is(r.err, ErrJobExists):
			t.Errorf("reopening an existing job: want ErrJobExists, got %v", r.err)
		case r.id != taken && r.err != nil:
			t.Errorf("opening %x failed with its group: %v", r.id[:4], r.err)
		}
	}
	for _, id := range ids {
		info, err := c.Job(e.ctx, id)
		must(t, err)
		eq(t, "deposit", info.Deposited, DECO(1))
	}
}

// TestQueuedOpeningGivesUp: a caller whose context ends while its
// opening waits in the queue gets an error, its job is never opened, and
// the others go on.
func TestQueuedOpeningGivesUp(t *testing.T) {
	e := newTestEnv(t)
	c, err := e.sim.Client(e.key(e.consumer))
	must(t, err)
	ids := [][32]byte{jobIDOf(c.Address(), "g0"), jobIDOf(c.Address(), "g1"), jobIDOf(c.Address(), "g2")}
	quit, cancel := context.WithCancel(e.ctx)
	ctxs := []context.Context{e.ctx, quit, e.ctx}
	q := c.acct.queue(c.addrs.Escrow)
	c.acct.spend.Lock()
	deadline := e.now().Add(time.Hour)
	out := make(chan openResult, len(ids))
	go func() { out <- openResult{ids[0], c.OpenJob(ctxs[0], ids[0], DECO(1), deadline)} }()
	waitFor(t, "the first opening to lead", func() bool { q.mu.Lock(); defer q.mu.Unlock(); return q.busy })
	for i := 1; i < len(ids); i++ {
		go func() { out <- openResult{ids[i], c.OpenJob(ctxs[i], ids[i], DECO(1), deadline)} }()
	}
	waitFor(t, "the others to queue", func() bool { q.mu.Lock(); defer q.mu.Unlock(); return len(q.waiting) == 2 })
	cancel()
	var gaveUp openResult
	select {
	case gaveUp = <-out:
	case <-time.After(30 * time.Second):
		t.Fatal("the cancelled opening did not return while queued")
	}
	if gaveUp.id != ids[1] || !errors.Is(gaveUp.err, context.Canceled) {
		t.Fatalf("first result: %x %v, want the cancelled one with context.Canceled", gaveUp.id[:4], gaveUp.err)
	}
	c.acct.spend.Unlock()
	for range 2 {
		must(t, (<-out).err)
	}
	if _, err := c.Job(e.ctx, ids[1]); !errors.Is(err, ErrUnknownJob) {
		t.Errorf("the abandoned opening: want ErrUnknownJob, got %v", err)
	}
	// The queue is free again: a later opening goes through.
	must(t, c.OpenJob(e.ctx, jobIDOf(c.Address(), "later"), DECO(1), deadline))
}
