package pay

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/wire"
)

// TestParallelOpens opens many jobs at once from one consumer: every
// escrow opens with the deposit asked, vouchers can be signed on each,
// and one approval serves them all.
func TestParallelOpens(t *testing.T) {
	e := newEnv(t)
	key := newKey(t)
	must(t, e.sim.Fund(e.ctx, addrOf(key), chain.Ether(1), chain.DECO(100)))
	var (
		mu  sync.Mutex
		ops = map[string]int{}
	)
	c, err := e.sim.Client(key, chain.WithTxHook(func(tx chain.Tx) {
		mu.Lock()
		defer mu.Unlock()
		ops[tx.Op]++
	}))
	must(t, err)
	cons := e.newConsumer(c, nil)
	const n = 12
	jobs := make([]wire.JobID, n)
	errs := make(chan error, n)
	deadline := e.now().Add(time.Hour)
	for i := range jobs {
		var b [6]byte
		b[0] = byte(i)
		jobs[i] = chain.NewJobID(c.Address(), b)
		go func() { errs <- cons.Open(e.ctx, jobs[i], 2*deco, deadline) }()
	}
	for range n {
		must(t, <-errs)
	}
	for _, job := range jobs {
		info, err := c.Job(e.ctx, job.Bytes32())
		must(t, err)
		eqAmount(t, "deposit", amountOf(info.Deposited), 2*deco)
		if _, err := cons.Voucher(e.ctx, job, e.provA.Address(), milli); err != nil {
			t.Fatalf("voucher on job %s: %v", job, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	// Openings made together may share transactions (chain's grouped
	// openings): at most one each.
	if sent := ops["escrow.openJob"] + ops["escrow.openJobs"]; sent < 1 || sent > n || ops["token.approve"] != 1 {
		t.Fatalf("transactions %v, want 1 to %d openings and 1 approval", ops, n)
	}
}

// TestRestartRightAfterOpening stops the consumer after an escrow opened
// and before anything else was recorded for the job: the next consumer on
// the same database reads the escrow from the chain, signs vouchers on it
// at once and does not deposit twice.
func TestRestartRightAfterOpening(t *testing.T) {
	e := newEnv(t)
	path := t.TempDir() + "/consumer.db"
	job := e.newJob()
	db := openDB(t, path)
	must(t, e.newConsumer(e.consumer, db).Open(e.ctx, job, deco, e.now().Add(time.Hour)))
	must(t, db.Close())

	cons := e.newConsumer(e.consumer, openDB(t, path))
	v, err := cons.Voucher(e.ctx, job, e.provA.Address(), 100*milli)
	must(t, err)
	eqAmount(t, "cumulative", v.Cumulative, 100*milli)
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour))) // already open: no second deposit
	st, err := cons.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "deposit", st.Deposit, deco)
	if want := st.Deadline.Add(testGrace); !st.RefundAt.Equal(want) {
		t.Fatalf("refund at %v, want deadline + grace %v", st.RefundAt, want)
	}
}

// TestOpeningSentOnlyOnceRecorded: the escrow record is written while
// the chain client checks the wallet, but the opening transaction leaves
// only once the record is on disk (so a restart knows of every escrow
// that may exist); when the write fails nothing is sent.
func TestOpeningSentOnlyOnceRecorded(t *testing.T) {
	e := newEnv(t)
	db := openDB(t, "")
	c := e.consumer
	cons := e.newConsumer(c, db)
	job := e.newJob()
	var mu sync.Mutex
	var sent, recordedFirst int
	c.Observe(func(tx chain.Tx) {
		if !tx.Pending || tx.Op != "escrow.openJob" {
			return
		}
		var rec consumerJob
		ok, err := db.Get(ConsumerBucket, string(job), &rec)
		mu.Lock()
		defer mu.Unlock()
		sent++
		if ok && err == nil && rec.Job == job {
			recordedFirst++
		}
	})
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour)))
	mu.Lock()
	if sent != 1 || recordedFirst != 1 {
		t.Fatalf("%d openings sent, %d with the record already on disk; want 1 and 1", sent, recordedFirst)
	}
	mu.Unlock()

	// A database that cannot write: the opening is refused unsent.
	broken := openDB(t, "")
	must(t, broken.Close())
	other := e.newJob()
	err := e.newConsumer(c, broken).Open(e.ctx, other, deco, e.now().Add(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "store escrow record") {
		t.Fatalf("opening with a closed database: %v, want a store escrow record error", err)
	}
	if _, err := c.Job(e.ctx, other.Bytes32()); !errors.Is(err, chain.ErrUnknownJob) {
		t.Fatalf("escrow of the unrecorded job: %v, want ErrUnknownJob (nothing sent)", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if sent != 1 {
		t.Fatalf("%d openings sent in all, want 1", sent)
	}
}
