package market

import (
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

func checkJob(id byte, tasks int) *Job {
	j := policyJob(id, tasks, spec.VerifyCheck)
	j.Spec.Checker = &spec.Program{CID: wire.CIDOf([]byte("checker")), Size: 7}
	return j
}

// judge answers the one RunChecker in effs for attempt a.
func (h *harness) judge(effs []Effect, a Assign, ok bool, reason string) []Effect {
	h.t.Helper()
	rc := of[RunChecker](effs)
	if len(rc) != 1 || rc[0].Task != a.Msg.Spec.Task || rc[0].Attempt != a.Msg.Spec.Attempt {
		h.t.Fatalf("want one RunChecker for %s attempt %d, got %+v", a.Msg.Spec.Task, a.Msg.Spec.Attempt, rc)
	}
	return h.step(Judged{Task: rc[0].Task, Attempt: rc[0].Attempt, OK: ok, Reason: reason})
}

// Under check, a result is paid and fetched as under receipt (the voucher
// before the bytes), then the consumer's checker runs on the stored
// outputs, with the task's args and inputs; the job completes only once
// the checker accepted every result. No replica and no local re-run.
func TestCheckerAcceptsAfterOutputsStored(t *testing.T) {
	h := newHarness(t, Config{LocalCheck: 1})
	h.offer("pA", 2, 100)
	j := checkJob(50, 2)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(as) != 2 || as[0].Msg.Quorum {
		t.Fatalf("assignments %+v: want both tasks, no quorum", as)
	}
	for _, a := range as {
		effs := h.step(withheld(a))
		if len(of[Pay](effs)) != 1 || len(of[Fetch](effs)) != 1 || len(of[RunChecker](effs)) != 0 || len(of[CheckLocal](effs)) != 0 || len(of[RequestBid](effs)) != 0 {
			t.Fatalf("result: want Pay and Fetch only (no checker before the bytes, no replica, no local run), got %+v", effs)
		}
		effs = h.step(Stored{Task: a.Msg.Spec.Task, Attempt: 1})
		rc := of[RunChecker](effs)
		if len(rc) != 1 || rc[0].Checker != j.Spec.Checker.CID || rc[0].Outputs.Root() != j.Tasks[a.Msg.Spec.Task.Index].OutputRoot ||
			strings.Join(rc[0].Spec.Args, " ") != strings.Join(a.Msg.Spec.Args, " ") {
			t.Fatalf("stored: want a RunChecker with the task's args and outputs, got %+v", rc)
		}
		if j.State.Terminal() {
			t.Fatalf("job %s before the checker's verdict", j.State)
		}
		h.judge(effs, a, true, "")
	}
	if j.State != JobCompleted {
		t.Fatalf("job %s (%s) after the checker accepted every result", j.State, j.Reason)
	}
	for _, tk := range j.Tasks {
		if a := tk.Attempts[0]; a.Checker != CheckerAccepted || !a.Paid || !strings.Contains(tk.Reason, "checker accepted") {
			t.Fatalf("task %d: %s, attempt %+v", tk.Index, tk.Reason, a)
		}
	}
	// Outputs that came with the result (no payments): the checker runs at once.
	j2 := checkJob(51, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j2}), 10, 1))[0]
	h.judge(h.step(ok(a)), a, true, "")
	if j2.State != JobCompleted {
		t.Fatalf("unwithheld job %s (%s)", j2.State, j2.Reason)
	}
}

// A result the checker rejects is a wrong result: its provider, paid
// already (the voucher went before the bytes), is convicted and gets no
// more work from this consumer; the attempt is struck with the checker's
// reason; the task runs again elsewhere and the job completes on the
// honest result. The convicted provider's accepted result for another
// task stands: the checker judged it on its own.
func TestCheckerRejectionConvicts(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("liar", 2, 100)
	j := checkJob(52, 2)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(as) != 2 {
		t.Fatalf("%d assignments", len(as))
	}
	var rc [2][]Effect
	for i, a := range as {
		h.step(withheld(a))
		rc[i] = h.step(Stored{Task: a.Msg.Spec.Task, Attempt: 1})
	}
	h.judge(rc[0], as[0], true, "")
	h.offer("honest", 2, 100)
	effs := h.judge(rc[1], as[1], false, "nonce 7 hashes to 00ff, not 0000")
	tk := j.Tasks[as[1].Msg.Spec.Task.Index]
	bad := tk.Attempts[0]
	if bad.State != attemptStruck || bad.Checker != CheckerRejected+"nonce 7 hashes to 00ff, not 0000" || !strings.Contains(bad.Reason, "rejected by the checker") {
		t.Fatalf("rejected attempt %+v", bad)
	}
	if !h.m.convicted["liar"] || tk.State.Terminal() || !strings.Contains(tk.Reason, "auction") && !strings.Contains(tk.Reason, "re-running") || j.State.Terminal() {
		t.Fatalf("convicted %v, task %s (%s), job %s", h.m.convicted["liar"], tk.State, tk.Reason, j.State)
	}
	if other := j.Tasks[as[0].Msg.Spec.Task.Index]; other.State != TaskVerified || other.Attempts[0].State != attemptVerified {
		t.Fatalf("the checker-accepted result of the convicted provider was struck: %+v", other)
	}
	effs = append(effs, h.tick(0)...)
	for _, r := range of[RequestBid](effs) {
		if r.Peer == "liar" {
			t.Fatal("a convicted provider was asked to bid again")
		}
	}
	b := of[Assign](h.bidAll(effs, 10, 2))
	if len(b) != 1 || b[0].Peer != "honest" {
		t.Fatalf("re-run: %+v", b)
	}
	h.step(withheld(b[0]))
	h.judge(h.step(Stored{Task: b[0].Msg.Spec.Task, Attempt: b[0].Msg.Spec.Attempt}), b[0], true, "")
	if j.State != JobCompleted || tk.Provider != "honest" {
		t.Fatalf("job %s (%s), task on %s", j.State, j.Reason, tk.Provider)
	}
}

// A checker that rejects everything fails the task after MaxAttempts
// rejections, saying so, instead of convicting every provider; a checker
// that cannot run fails the task without convicting anyone.
func TestCheckerThatRejectsEverythingFailsTheJob(t *testing.T) {
	h := newHarness(t, Config{MaxAttempts: 2})
	for _, p := range []string{"p0", "p1", "p2"} {
		h.offer(p, 1, 100)
	}
	j := checkJob(53, 1)
	effs := h.step(Submit{Job: j})
	for i := 0; i < 2; i++ {
		a := of[Assign](append(effs, h.bidAll(effs, 10, 1)...)) // a standing bid places at once
		if len(a) != 1 {
			t.Fatalf("round %d: %+v", i, a)
		}
		effs = h.judge(h.step(ok(a[0])), a[0], false, "")
		effs = append(effs, h.tick(0)...)
	}
	if j.State != JobFailed || !strings.Contains(j.Reason, "the checker rejected 2 results") {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	j2 := checkJob(54, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j2}), 10, 1))[0]
	effs = h.step(ok(a))
	h.step(Judged{Task: a.Msg.Spec.Task, Attempt: 1, Err: "checker x is not in this node's store"})
	if j2.State != JobFailed || !strings.Contains(j2.Reason, "the checker could not run") || h.m.convicted[a.Peer] {
		t.Fatalf("job %s (%s), convicted %v", j2.State, j2.Reason, h.m.convicted[a.Peer])
	}
}

// A restart between the stored outputs and the checker's verdict runs the
// checker again.
func TestRestoreRunsTheCheckerAgain(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	j := checkJob(55, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	if len(of[RunChecker](h.step(ok(a)))) != 1 {
		t.Fatal("no RunChecker")
	}
	saved := cloneTask(j.Tasks[0])
	r := &Job{ID: j.ID, Spec: j.Spec, State: j.State, Consumer: j.Consumer, Tasks: []*Task{&saved}}
	h2 := newHarness(t, Config{})
	effs := h2.step(Restore{Job: r})
	h2.judge(effs, a, true, "")
	if r.State != JobCompleted {
		t.Fatalf("restored job %s (%s)", r.State, r.Reason)
	}
}

// A provider's slot stays taken until the checker's verdict on its
// result: a liar that returns results fast cannot take more tasks than it
// has slots before its first rejection convicts it; an honest provider
// gets its next task once the checker accepted.
func TestCheckerHoldsTheSlotUntilItsVerdict(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("fast", 1, 100)
	j := checkJob(56, 3)
	effs := h.step(Submit{Job: j})
	as := of[Assign](h.bidAll(effs, 10, 1))
	if len(as) != 1 {
		t.Fatalf("assignments %+v", as)
	}
	effs = h.step(ok(as[0]))
	effs = append(effs, h.tick(time.Second)...)
	if more := of[Assign](append(effs, h.bidAll(effs, 10, 1)...)); len(more) != 0 || h.m.Inflight("fast") != 1 {
		t.Fatalf("a second task went to a provider whose result awaits the checker: %+v (inflight %d)", more, h.m.Inflight("fast"))
	}
	effs = h.judge(effs, as[0], true, "")
	if next := of[Assign](append(effs, h.bidAll(append(effs, h.tick(0)...), 10, 1)...)); len(next) != 1 || next[0].Peer != "fast" {
		t.Fatalf("after the verdict: %+v", next)
	}
	if h.m.Inflight("fast") != 1 {
		t.Fatalf("inflight %d with one task running", h.m.Inflight("fast"))
	}
}
