package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// A consumer that does not pay gets one task per slot after its last
// voucher: its next assignment waits for the voucher, and once PayGrace
// passes without it the consumer is a debtor whose bids and assignments
// are refused, until the voucher it owes arrives.
func TestUnpaidResultBoundsTheConsumer(t *testing.T) {
	m := New(testConfig())
	grace := m.Config().PayGrace
	bidFor(t, m, t0, "c")
	if rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 1, 1000), Escrow: paid}); len(rd.Runs) != 1 {
		t.Fatalf("first task: %+v", rd)
	}
	m.Step(t0, ExecutionFinished{Key: key(0, 1), Result: wire.Result{Task: key(0, 1).Task, Attempt: 1}})
	// The consumer owes task 0: task 1 waits, it does not run.
	rd := m.Step(t0.Add(time.Second), TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 1, 1, 1000), Escrow: paid})
	if len(rd.Runs) != 0 || len(rd.Sends) != 0 {
		t.Fatalf("an assignment while a voucher is owed should wait: %+v", rd)
	}
	// Past the grace: a debtor. The waiting assignment is refused, and so
	// are further bids and assignments.
	rd = m.Tick(t0.Add(grace))
	if len(rd.Persist.Debtors) != 1 || rd.Persist.Debtors[0].Owed != key(0, 1) || rd.Persist.Debtors[0].Cleared {
		t.Fatalf("no debtor recorded after the grace: %+v", rd.Persist)
	}
	if len(rd.Sends) != 1 || rd.Sends[0].Key != key(1, 1) || !strings.Contains(rd.Sends[0].Result.Message, "unpaid") {
		t.Fatalf("the waiting assignment should be refused as unpaid: %+v", rd.Sends)
	}
	if rd := m.Step(t0.Add(grace), BidRequested{Peer: "c", Req: request()}); rd.Answers[0].Bid.Accept || !strings.Contains(rd.Answers[0].Bid.Reason, "has not paid for task") {
		t.Fatalf("a debtor got a bid: %+v", rd.Answers[0].Bid)
	}
	if rd := m.Step(t0.Add(grace), TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 2, 1, 1000), Escrow: paid}); len(rd.Runs) != 0 || len(rd.Sends) != 1 {
		t.Fatalf("a debtor's assignment ran: %+v", rd)
	}
	// The voucher it owed clears it.
	rd = m.Step(t0.Add(2*grace), VoucherAccepted{Key: key(0, 1), Added: 1000, Held: Held{Job: job, Pending: 1000, Since: t0, Deadline: t0.Add(time.Hour)}})
	if len(rd.Persist.Debtors) != 1 || !rd.Persist.Debtors[0].Cleared || len(m.Debtors()) != 0 {
		t.Fatalf("the owed voucher should clear the debtor: %+v, %+v", rd.Persist, m.Debtors())
	}
	bidFor(t, m, t0.Add(2*grace), "c")
}

// Under a quorum the voucher waits for other providers: the consumer's
// next tasks run meanwhile, and it becomes a debtor only after the
// escrow window.
func TestQuorumResultDoesNotHoldTheConsumer(t *testing.T) {
	m := New(testConfig())
	bidFor(t, m, t0, "c")
	q := func(i int) wire.Assign {
		a := assign(job, i, 1, 1000)
		a.Quorum, a.Spec.TimeoutMs = true, 1000
		return a
	}
	m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: q(0), Escrow: paid})
	m.Step(t0, ExecutionFinished{Key: key(0, 1), Result: wire.Result{Task: key(0, 1).Task, Attempt: 1}})
	if rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: q(1), Escrow: paid}); len(rd.Runs) != 1 {
		t.Fatalf("a task after a result awaiting its quorum should run: %+v", rd)
	}
	if rd := m.Tick(t0.Add(10 * time.Minute)); len(rd.Persist.Debtors) != 0 {
		t.Fatalf("debtor inside the escrow window: %+v", rd.Persist)
	}
	if rd := m.Tick(t0.Add(15*time.Minute + m.Config().PayGrace)); len(rd.Persist.Debtors) != 1 {
		t.Fatalf("no debtor after the escrow window: %+v", rd.Persist)
	}
}

// A rejection (the consumer's "your result lost") or a restored record
// are handled: the first settles the debt, the second refuses at once.
func TestRejectionSettlesAndDebtorsSurviveRestarts(t *testing.T) {
	m := New(testConfig())
	bidFor(t, m, t0, "c")
	m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 0, 1, 1000), Escrow: paid})
	m.Step(t0, ExecutionFinished{Key: key(0, 1), Result: wire.Result{Task: key(0, 1).Task, Attempt: 1}})
	m.Step(t0, Cancelled{Key: key(0, 1)})
	if rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 1, 1, 1000), Escrow: paid}); len(rd.Runs) != 1 {
		t.Fatalf("after a rejection the next task should run: %+v", rd)
	}
	n := New(testConfig())
	n.Step(t0, DebtorKnown{Debtor: Debtor{Consumer: "0xC0", Peer: "c", Owed: key(7, 1), Price: 1000, Since: t0, Reason: "test"}})
	if rd := n.Step(t0, BidRequested{Peer: "c", Req: request()}); rd.Answers[0].Bid.Accept {
		t.Fatalf("a restored debtor got a bid: %+v", rd.Answers[0].Bid)
	}
}
