package provider

import (
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/wire"
)

func key(index, attempt int) Key {
	return Key{Task: wire.TaskID{Job: job, Index: index}, Attempt: attempt}
}

var paid = Escrow{On: true, Cover: 10_000}

func TestQueueAndSlots(t *testing.T) {
	cfg := testConfig()
	cfg.Queue = 1
	m := New(cfg)
	bidFor(t, m, t0, "c")
	var slots []int
	for i := range 2 {
		rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, i, 0, 1000), Escrow: paid})
		if len(rd.Runs) != 1 {
			t.Fatalf("task %d: runs = %+v", i, rd.Runs)
		}
		slots = append(slots, rd.Runs[0].Slot)
	}
	if !slices.Equal(slots, []int{0, 1}) {
		t.Fatalf("slots = %v, want [0 1]", slots)
	}
	rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 2, 0, 1000), Escrow: paid})
	if len(rd.Runs) != 0 || len(rd.Sends) != 0 || m.Reserved(job) != 3000 {
		t.Fatalf("third task should wait in the queue: %+v, reserved %s", rd, m.Reserved(job))
	}
	rd = m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 3, 0, 1000), Escrow: paid})
	if len(rd.Sends) != 1 || rd.Sends[0].Result.Failure != wire.FailProvider || rd.Sends[0].Result.Message != "all slots busy" {
		t.Fatalf("fourth task should be refused: %+v", rd)
	}
	rd = m.Step(t0, ExecutionFinished{Key: key(1, 0), Result: wire.Result{Task: key(1, 0).Task}})
	// Task 2 waits for task 1's voucher: the consumer owes it (debts.go).
	if len(rd.Sends) != 1 || len(rd.Runs) != 0 {
		t.Fatalf("finishing task 1 should send it and hold task 2 until its voucher: %+v", rd)
	}
	// Paid: the voucher for task 1 releases its reservation and starts task 2 in slot 1.
	rd = m.Step(t0, VoucherAccepted{Key: key(1, 0), Added: 1000, Held: Held{Job: job, Pending: 1000, Since: t0, Deadline: t0.Add(time.Hour)}})
	if len(rd.Runs) != 1 || rd.Runs[0].Key != key(2, 0) || rd.Runs[0].Slot != 1 {
		t.Fatalf("the voucher for task 1 should start task 2 in slot 1: %+v", rd)
	}
	if m.Busy() != 2 || m.Reserved(job) != 2000 || len(rd.Redeems) != 0 {
		t.Fatalf("after the voucher: busy %d reserved %s, %+v", m.Busy(), m.Reserved(job), rd)
	}
	// Cancelled while running: stopped, slot held until the execution returns, nothing sent.
	rd = m.Step(t0, Cancelled{Key: key(0, 0)})
	if len(rd.Stops) != 1 || m.Busy() != 2 {
		t.Fatalf("cancel: %+v busy %d", rd, m.Busy())
	}
	rd = m.Step(t0, ExecutionFinished{Key: key(0, 0)})
	if len(rd.Sends) != 0 || m.Busy() != 1 || m.Reserved(job) != 1000 {
		t.Fatalf("stopped run ended: %+v busy %d reserved %s", rd, m.Busy(), m.Reserved(job))
	}
	// A time limit is sent and stays reserved: the consumer pays for it
	// (pricing.FailurePay) once replicas agree.
	rd = m.Step(t0, ExecutionFinished{Key: key(2, 0), Result: wire.Result{Failure: wire.FailTimeLimit}})
	if len(rd.Sends) != 1 || m.Busy() != 0 || m.Reserved(job) != 1000 {
		t.Fatalf("failure: %+v busy %d reserved %s", rd, m.Busy(), m.Reserved(job))
	}
	m.Step(t0, VoucherAccepted{Key: key(2, 0), Added: 1000, Held: Held{Job: job, Pending: 2000, Since: t0, Deadline: t0.Add(time.Hour)}})
	if m.Reserved(job) != 0 {
		t.Fatalf("after the time limit's voucher: reserved %s", m.Reserved(job))
	}
}

// A failure of the program's making keeps only its share of the price
// reserved until its voucher or the consumer's "no pay"; a failure that
// ran nothing releases at once.
func TestFailureKeepsItsShareReserved(t *testing.T) {
	cfg := testConfig()
	cfg.Slots = 3
	m := New(cfg)
	bidFor(t, m, t0, "c")
	for i := range 3 {
		m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, i, 0, 1000), Escrow: paid})
	}
	if m.Reserved(job) != 3000 {
		t.Fatalf("reserved %s", m.Reserved(job))
	}
	rd := m.Step(t0, ExecutionFinished{Key: key(0, 0), Result: wire.Result{ExitCode: 3}})
	if len(rd.Sends) != 1 || m.Reserved(job) != 2500 {
		t.Fatalf("non-zero exit: reserved %s, want its half kept", m.Reserved(job))
	}
	m.Step(t0, ExecutionFinished{Key: key(1, 0), Result: wire.Result{Failure: wire.FailMissingInput}})
	if m.Reserved(job) != 1500 {
		t.Fatalf("missing input: reserved %s, want it released", m.Reserved(job))
	}
	m.Step(t0, VoucherAccepted{Key: key(0, 0), Added: 500, Held: Held{Job: job, Pending: 500, Since: t0, Deadline: t0.Add(time.Hour)}})
	if m.Reserved(job) != 1000 {
		t.Fatalf("after the exit's voucher: reserved %s", m.Reserved(job))
	}
	m.Step(t0, ExecutionFinished{Key: key(2, 0), Result: wire.Result{Failure: wire.FailMemoryLimit}})
	m.Step(t0, Cancelled{Key: key(2, 0)}) // the failure lost the quorum
	if m.Reserved(job) != 0 || m.Busy() != 0 {
		t.Fatalf("after the rejected failure: reserved %s busy %d", m.Reserved(job), m.Busy())
	}
}

func TestEscrowRefusals(t *testing.T) {
	m := New(testConfig())
	bidFor(t, m, t0, "c")
	rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 0, 1000), Escrow: Escrow{On: true, Err: "job was refunded"}})
	if len(rd.Sends) != 1 || rd.Sends[0].Result.Failure != wire.FailNoEscrow || rd.Sends[0].Result.Message != "job was refunded" {
		t.Fatalf("%+v", rd)
	}
	m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 1, 0, 600), Escrow: Escrow{On: true, Cover: 1000}})
	rd = m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 2, 0, 600), Escrow: Escrow{On: true, Cover: 1000}})
	if len(rd.Sends) != 1 || rd.Sends[0].Result.Failure != wire.FailNoEscrow || m.Reserved(job) != 600 {
		t.Fatalf("the second task does not fit in what is left: %+v reserved %s", rd, m.Reserved(job))
	}
	// A bid counts the reservations too.
	rd = m.Step(t0, BidRequested{Peer: "c", Req: request(), Escrow: Escrow{On: true, Cover: 1000}})
	if rd.Answers[0].Bid.Accept {
		t.Fatalf("bid accepted over the reserved escrow: %+v", rd.Answers[0].Bid)
	}
}

func TestSessionEndAndPayWait(t *testing.T) {
	m := New(testConfig())
	bidFor(t, m, t0, "c")
	bidFor(t, m, t0, "d")
	m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 0, 1000), Escrow: paid})
	m.Step(t0, TaskAssigned{Session: 2, Peer: "d", Assign: assign(job, 1, 0, 1000), Escrow: paid})
	m.Step(t0, ExecutionFinished{Key: key(0, 0), Result: wire.Result{}})
	rd := m.Step(t0, SessionEnded{Session: 2})
	if len(rd.Stops) != 1 || rd.Stops[0].Key != key(1, 0) {
		t.Fatalf("session 2's run should stop: %+v", rd)
	}
	m.Step(t0, ExecutionFinished{Key: key(1, 0)})
	if m.Reserved(job) != 1000 {
		t.Fatalf("reserved %s, want task 0's 1000 awaiting its voucher", m.Reserved(job))
	}
	m.Tick(t0.Add(9 * time.Minute))
	if m.Reserved(job) != 1000 {
		t.Fatal("released before PayWait")
	}
	m.Tick(t0.Add(10 * time.Minute))
	if m.Reserved(job) != 0 || len(m.tasks) != 0 {
		t.Fatalf("no voucher within PayWait: reserved %s, %d attempts", m.Reserved(job), len(m.tasks))
	}
}

func TestStandingBids(t *testing.T) {
	m := New(testConfig())
	rd := m.Step(t0, BidRequested{Peer: "c", Req: request()})
	if len(rd.Persist.Bids) != 1 || rd.Persist.Bids[0].Slots != 2 || !rd.Persist.Bids[0].Expires.Equal(t0.Add(30*time.Second)) {
		t.Fatalf("standing bid: %+v", rd.Persist)
	}
	m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 0, 1000)})
	if b := m.Bids(); len(b) != 1 || b[0].Slots != 1 {
		t.Fatalf("the assignment should take one slot of the bid: %+v", b)
	}
	m.Tick(t0.Add(29 * time.Second))
	if len(m.Bids()) != 1 {
		t.Fatal("expired early")
	}
	m.Tick(t0.Add(30 * time.Second))
	if len(m.Bids()) != 0 {
		t.Fatal("not expired at BidTTL")
	}
}

// TestAssignmentsFollowABid: a provider runs only what it bid for, for
// the peer and the consumer it bid to. A stranger naming a real
// consumer's job (and so its escrow) is refused, and reserves nothing.
func TestAssignmentsFollowABid(t *testing.T) {
	cfg := testConfig()
	cfg.Queue = 10
	m := New(cfg)
	refused := func(rd Ready, want string) {
		t.Helper()
		if len(rd.Runs) != 0 || len(rd.Sends) != 1 || rd.Sends[0].Result.Failure != wire.FailProvider || !strings.Contains(rd.Sends[0].Result.Message, want) {
			t.Fatalf("want refused with %q: %+v", want, rd)
		}
	}
	refused(m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 0, 1000), Escrow: paid}),
		"no standing bid of this provider for job job-a to peer c")
	bidFor(t, m, t0, "c")
	refused(m.Step(t0, TaskAssigned{Session: 2, Peer: "stranger", Assign: assign(job, 0, 0, 1000), Escrow: paid}),
		"no standing bid of this provider for job job-a to peer stranger")
	other := assign(job, 0, 0, 1000)
	other.Consumer = "0xc1"
	refused(m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: other, Escrow: paid}),
		"job job-a was bid for consumer 0xc0, the assignment names 0xc1")
	if m.Reserved(job) != 0 {
		t.Fatalf("refused assignments reserved %s", m.Reserved(job))
	}
	// The bid offered 2 slots; it keeps placing the job's tasks (queued
	// here) until it expires.
	for i := range 3 {
		if rd := m.Step(t0.Add(time.Duration(i)*time.Second), TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, i, 0, 1000), Escrow: paid}); len(rd.Sends) != 0 {
			t.Fatalf("task %d refused on a standing bid: %+v", i, rd.Sends)
		}
	}
	if b := m.Bids(); len(b) != 1 || b[0].Slots != 0 || b[0].Consumer != "0xc0" {
		t.Fatalf("standing bid after three assignments: %+v", b)
	}
	m.Tick(t0.Add(30 * time.Second))
	refused(m.Step(t0.Add(30*time.Second), TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 5, 0, 1000), Escrow: paid}),
		"no standing bid")
}

func TestRedemptionSchedule(t *testing.T) {
	m := New(testConfig())
	a, b, c := wire.JobID("a"), wire.JobID("b"), wire.JobID("c")
	m.Step(t0, VoucherHeld{Held: Held{Job: a, Pending: 10_000, Since: t0, Deadline: t0.Add(time.Hour)}})
	m.Step(t0, VoucherHeld{Held: Held{Job: b, Pending: 10_000, Since: t0, Deadline: t0.Add(40 * time.Second)}})
	if rd := m.Tick(t0.Add(10 * time.Second)); len(rd.Redeems) != 0 {
		t.Fatalf("nothing due yet: %+v", rd.Redeems)
	}
	// Over the threshold: redeemed as the voucher arrives.
	rd := m.Step(t0.Add(10*time.Second), VoucherAccepted{Added: 60_000, Held: Held{Job: c, Pending: 60_000, Since: t0, Deadline: t0.Add(time.Hour)}})
	if len(rd.Redeems) != 1 || rd.Redeems[0].Job != c {
		t.Fatalf("threshold: %+v", rd.Redeems)
	}
	// Age: both a and b are 30 s old; c is out already.
	rd = m.Tick(t0.Add(30 * time.Second))
	if got := rd.Redeems; len(got) != 2 || got[0].Job != a || got[1].Job != b {
		t.Fatalf("age: %+v", got)
	}
	// a fails and backs off; b's deposit was short.
	m.Step(t0.Add(31*time.Second), Redeemed{Held: Held{Job: a, Pending: 10_000, Since: t0, Deadline: t0.Add(time.Hour)}, Err: "chain down"})
	m.Step(t0.Add(31*time.Second), Redeemed{Held: Held{Job: b, Pending: 5_000, Since: t0, Deadline: t0.Add(40 * time.Second)}, Short: true})
	m.Step(t0.Add(31*time.Second), Redeemed{Held: Held{Job: c, Deadline: t0.Add(time.Hour)}})
	if rd := m.Tick(t0.Add(31*time.Second + 500*time.Millisecond)); len(rd.Redeems) != 0 {
		t.Fatalf("backoff ignored: %+v", rd.Redeems)
	}
	if rd := m.Tick(t0.Add(32 * time.Second)); len(rd.Redeems) != 1 || rd.Redeems[0].Job != a {
		t.Fatalf("retry of a after 1s: %+v", rd.Redeems)
	}
	if _, ok := m.held[c]; ok {
		t.Fatal("a fully redeemed job stays in the schedule")
	}
	// b is retried after 10 × RedeemAge, even past its deadline.
	if rd := m.Tick(t0.Add(5 * time.Minute)); len(rd.Redeems) != 0 {
		t.Fatalf("short deposit retried early: %+v", rd.Redeems)
	}
	if rd := m.Tick(t0.Add(331 * time.Second)); len(rd.Redeems) != 1 || rd.Redeems[0].Job != b {
		t.Fatalf("short deposit retry: %+v", rd.Redeems)
	}
}

func TestDeadlineReleasesReservations(t *testing.T) {
	m := New(testConfig())
	bidFor(t, m, t0, "c")
	m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 0, 1000), Escrow: paid})
	m.Step(t0, ExecutionFinished{Key: key(0, 0)})
	m.Step(t0, VoucherHeld{Held: Held{Job: job, Pending: 10, Since: t0, Deadline: t0.Add(time.Minute)}})
	m.Tick(t0.Add(time.Minute))
	if m.Reserved(job) != 0 {
		t.Fatalf("reserved %s past the deadline", m.Reserved(job))
	}
}

// TestInvariants drives the machine with random events against the
// books it keeps: slots held never exceed Slots, no slot holds two
// attempts, what is reserved of a job never exceeds the cover reported,
// and every reservation is released exactly once.
func TestInvariants(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		cfg := testConfig()
		cfg.Slots = rapid.IntRange(1, 4).Draw(rt, "slots")
		cfg.Queue = rapid.IntRange(0, 3).Draw(rt, "queue")
		m := New(cfg)
		cover := wire.Amount(rapid.Uint64Range(0, 5000).Draw(rt, "cover"))
		now := t0
		inSlot := map[int]Key{}
		reserved := map[Key]wire.Amount{} // escrow amounts reserved and not released
		released := map[Key]int{}
		started := map[Key]bool{}
		check := func(rd Ready) {
			for _, r := range rd.Persist.Reservations {
				switch {
				case r.Amount > 0 && r.Reserved:
					if _, ok := reserved[r.Key]; ok && r.Slot < 0 {
						rt.Fatalf("%v reserved twice", r.Key)
					}
					if _, ok := reserved[r.Key]; ok {
						continue // the queued reservation taking its slot
					}
					reserved[r.Key] = r.Amount
					released[r.Key] = 0 // a key may be assigned again after its release
				case r.Amount > 0:
					if _, ok := reserved[r.Key]; !ok {
						rt.Fatalf("%v released without a reservation", r.Key)
					}
					delete(reserved, r.Key)
					released[r.Key]++
				}
			}
			for _, r := range rd.Runs {
				if k, ok := inSlot[r.Slot]; ok {
					rt.Fatalf("slot %d runs %v and %v", r.Slot, k, r.Key)
				}
				if r.Slot < 0 || r.Slot >= cfg.Slots {
					rt.Fatalf("slot %d out of range", r.Slot)
				}
				inSlot[r.Slot] = r.Key
				started[r.Key] = true
			}
			if m.Busy() > cfg.Slots || m.Busy() != len(inSlot) {
				rt.Fatalf("busy %d, %d slots in use of %d", m.Busy(), len(inSlot), cfg.Slots)
			}
			var sum wire.Amount
			for _, a := range reserved {
				sum += a
			}
			if sum != m.Reserved(job) || sum > cover {
				rt.Fatalf("reserved %s (books %s), cover %s", m.Reserved(job), sum, cover)
			}
			for k, n := range released {
				if n > 1 {
					rt.Fatalf("%v released %d times", k, n)
				}
			}
		}
		running := func() []Key {
			var ks []Key
			for _, k := range inSlot {
				ks = append(ks, k)
			}
			slices.SortFunc(ks, compareKeys)
			return ks
		}
		steps := rapid.IntRange(1, 60).Draw(rt, "steps")
		for range steps {
			now = now.Add(time.Duration(rapid.IntRange(0, 300).Draw(rt, "dt")) * time.Second)
			var rd Ready
			switch rapid.IntRange(0, 6).Draw(rt, "event") {
			case 0:
				if rapid.Bool().Draw(rt, "bid first") {
					check(m.Step(now, BidRequested{Peer: "c", Req: request()}))
				}
				idx := rapid.IntRange(0, 8).Draw(rt, "task")
				price := wire.Amount(rapid.Uint64Range(0, 2000).Draw(rt, "price"))
				rd = m.Step(now, TaskAssigned{Session: uint64(rapid.IntRange(1, 2).Draw(rt, "session")), Peer: "c", Assign: assign(job, idx, 0, price), Escrow: Escrow{On: true, Cover: cover}})
			case 1:
				ks := running()
				if len(ks) == 0 {
					continue
				}
				k := rapid.SampledFrom(ks).Draw(rt, "finish")
				for s, x := range inSlot {
					if x == k {
						delete(inSlot, s)
					}
				}
				fail := ""
				if rapid.Bool().Draw(rt, "fail") {
					fail = wire.FailProvider
				}
				rd = m.Step(now, ExecutionFinished{Key: k, Result: wire.Result{Failure: fail}})
			case 2:
				rd = m.Step(now, Cancelled{Key: key(rapid.IntRange(0, 8).Draw(rt, "cancel"), 0)})
			case 3:
				rd = m.Step(now, SessionEnded{Session: uint64(rapid.IntRange(1, 2).Draw(rt, "end"))})
			case 4:
				rd = m.Step(now, VoucherAccepted{Key: key(rapid.IntRange(0, 8).Draw(rt, "paid"), 0), Added: 1, Held: Held{Job: job, Pending: 1, Since: now, Deadline: now.Add(time.Hour)}})
			case 5:
				rd = m.Tick(now)
			case 6:
				rd = m.Step(now, BidRequested{Peer: "c", Req: request(), Escrow: Escrow{On: true, Cover: cover}})
			}
			check(rd)
		}
		// Wind down: end both sessions, let every execution return.
		check(m.Step(now, SessionEnded{Session: 1}))
		check(m.Step(now, SessionEnded{Session: 2}))
		for _, k := range running() {
			for s, x := range inSlot {
				if x == k {
					delete(inSlot, s)
				}
			}
			check(m.Step(now, ExecutionFinished{Key: k}))
		}
		if len(reserved) != 0 || m.Reserved(job) != 0 || m.Busy() != 0 || len(m.tasks) != 0 {
			rt.Fatalf("after every session ended: reserved %v (%s), busy %d, %d attempts", reserved, m.Reserved(job), m.Busy(), len(m.tasks))
		}
	})
}

// TestOneSpecPerTask: a consumer that assigns a task again with other
// args (issue 13: two honest receipts for one task, reported as
// equivocation) is refused whatever the attempt number, while the task is
// running and after; the same spec retried is served.
func TestOneSpecPerTask(t *testing.T) {
	m := New(testConfig())
	bidFor(t, m, t0, "c")
	withArgs := func(index, attempt int, args ...string) wire.Assign {
		a := assign(job, index, attempt, 1000)
		a.Spec.Args = args
		return a
	}
	rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: withArgs(0, 1, "--tile", "4"), Escrow: paid})
	if len(rd.Runs) != 1 {
		t.Fatalf("first assignment: %+v", rd)
	}
	refused := func(rd Ready) bool {
		return len(rd.Runs) == 0 && len(rd.Sends) == 1 && rd.Sends[0].Result.Failure == wire.FailProvider &&
			strings.Contains(rd.Sends[0].Result.Message, "different spec")
	}
	if rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: withArgs(0, 2, "--tile", "5"), Escrow: paid}); !refused(rd) {
		t.Fatalf("other args while the first runs: %+v", rd)
	}
	m.Step(t0, ExecutionFinished{Key: key(0, 1), Result: wire.Result{Task: key(0, 1).Task, Attempt: 1}})
	m.Step(t0, Settled{Key: key(0, 1)})
	if rd := m.Step(t0, TaskAssigned{Session: 2, Peer: "c", Assign: withArgs(0, 3, "--tile", "5"), Escrow: paid}); !refused(rd) {
		t.Fatalf("other args after the result: %+v", rd)
	}
	if rd := m.Step(t0, TaskAssigned{Session: 2, Peer: "c", Assign: withArgs(0, 4, "--tile", "4"), Escrow: paid}); len(rd.Runs) != 1 {
		t.Fatalf("the same spec retried should run: %+v", rd)
	}
	if m.Reserved(job) != 1000 {
		t.Fatalf("refusals reserved escrow: %s", m.Reserved(job))
	}

	// A proof is randomized: the same zk task is proved once. Refused while
	// it is proved, retried after a failure, refused after its receipt.
	zk := func(attempt int) wire.Assign {
		a := withArgs(1, attempt, "n=3")
		a.Spec.Kind = wire.KindZK
		return a
	}
	proves := func(rd Ready) bool { return len(rd.Runs) == 1 }
	once := func(rd Ready) bool {
		return len(rd.Sends) == 1 && strings.Contains(rd.Sends[0].Result.Message, "proves a task once")
	}
	if rd := m.Step(t0, TaskAssigned{Session: 2, Peer: "c", Assign: zk(1), Escrow: paid}); !proves(rd) {
		t.Fatalf("a zk task: %+v", rd)
	}
	if rd := m.Step(t0, TaskAssigned{Session: 2, Peer: "c", Assign: zk(2), Escrow: paid}); !once(rd) {
		t.Fatalf("the same zk task while it is proved: %+v", rd)
	}
	m.Step(t0, ExecutionFinished{Key: key(1, 1), Result: wire.Result{Task: key(1, 1).Task, Attempt: 1, Failure: wire.FailProvider}})
	if rd := m.Step(t0, TaskAssigned{Session: 2, Peer: "c", Assign: zk(3), Escrow: paid}); !proves(rd) {
		t.Fatalf("the same zk task after a failure without receipt: %+v", rd)
	}
	m.Step(t0, ExecutionFinished{Key: key(1, 3), Result: wire.Result{Task: key(1, 3).Task, Attempt: 3, Receipt: &wire.Receipt{}}})
	m.Step(t0, Settled{Key: key(1, 3)})
	if rd := m.Step(t0, TaskAssigned{Session: 2, Peer: "c", Assign: zk(4), Escrow: paid}); !once(rd) {
		t.Fatalf("the same zk task after its receipt: %+v", rd)
	}

	// The memory is bounded: the oldest task is forgotten first.
	cfg := testConfig()
	cfg.Remember, cfg.Slots, cfg.Queue = 2, 3, 3
	m = New(cfg)
	bidFor(t, m, t0, "c")
	for i := range 3 {
		m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: withArgs(i, 1, "a"), Escrow: paid})
	}
	if rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: withArgs(2, 2, "b"), Escrow: paid}); !refused(rd) {
		t.Fatalf("task 2 is remembered: %+v", rd)
	}
	if rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: withArgs(0, 2, "b"), Escrow: paid}); refused(rd) {
		t.Fatalf("task 0 should have been forgotten with Remember 2: %+v", rd)
	}
}
