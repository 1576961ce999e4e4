package market

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// closingHarness is a market whose trusted providers are never
// spot-checked (their results are accepted unchecked and held), with no
// local checks unless a job asks, and no standing bids, so a test places
// every task by answering the bid requests of the providers it names.
func closingHarness(t *testing.T, trusted ...string) *harness {
	h := newHarness(t, Config{BidValidity: time.Nanosecond, LocalCheck: -1, KnownAnswers: -1,
		Adaptive: verify.AdaptiveConfig{Threshold: 2, Check: -1, MinCheck: -1}})
	for _, p := range trusted {
		for range 10 {
			h.m.rep.Observe(h.now, p, wire.CIDOf([]byte("prog")), verify.Validated)
		}
	}
	return h
}

// bidFrom answers the bid requests in effs, and those the answers bring:
// peers accept, each with slots free, the others decline. It returns the
// effects of the answers.
func (h *harness) bidFrom(effs []Effect, slots int, peers ...string) []Effect {
	var out []Effect
	for len(effs) > 0 {
		var next []Effect
		for _, r := range of[RequestBid](effs) {
			next = append(next, h.step(BidIn{Job: r.Req.Job, Peer: r.Peer, Bid: wire.Bid{Job: r.Req.Job, Round: r.Req.Round,
				Accept: slices.Contains(peers, r.Peer), Price: 10, Slots: slots, EVM: evmOf(r.Peer)}})...)
		}
		out = append(out, next...)
		effs = next
	}
	return out
}

// place opens rounds (ticks) until peer is assigned a task of j, and
// returns the assignment; no other job's task is placed meanwhile.
func (h *harness) place(j *Job, peer string) Assign {
	h.t.Helper()
	for range 100 {
		effs := h.tick(500 * time.Millisecond)
		for len(effs) > 0 {
			var next []Effect
			for _, r := range of[RequestBid](effs) {
				next = append(next, h.step(BidIn{Job: r.Req.Job, Peer: r.Peer, Bid: wire.Bid{Job: r.Req.Job, Round: r.Req.Round,
					Accept: r.Peer == peer && r.Req.Job == j.ID, Price: 10, Slots: 1, EVM: evmOf(r.Peer)}})...)
			}
			for _, a := range of[Assign](next) {
				if a.Msg.Spec.Task.Job == j.ID && a.Peer == peer {
					return a
				}
			}
			effs = next
		}
	}
	h.t.Fatalf("%s got no task of job %s", peer, j.ID.Short())
	return Assign{}
}

// answer steps a result of a, declining the bid requests it brings (an
// open round would hold the job's next tasks).
func (h *harness) answer(a Assign, content string) []Effect {
	effs := h.step(result(a, content))
	return append(effs, h.bidFrom(effs, 1)...)
}

// closingChecked returns the tasks of j whose accepted result runs again:
// the closing checks.
func closingChecked(j *Job) []int {
	var out []int
	for _, t := range j.Tasks {
		if !t.State.Terminal() && slices.ContainsFunc(t.Attempts, func(a Attempt) bool { return a.State == attemptVerified }) {
			out = append(out, t.Index)
		}
	}
	return out
}

func paidFor(effs []Effect, peer string, job wire.JobID) []int {
	var out []int
	for _, p := range of[Pay](effs) {
		if p.Peer == peer && p.Task.Job == job {
			out = append(out, p.Task.Index)
		}
	}
	slices.Sort(out)
	return out
}

// A held result is paid without a closing check of its own when a later
// result of its provider, in another job of the same program, was
// confirmed: a provider that turned to lying would have lied there too.
func TestHeldResultReleasedByALaterCheckInAnotherJob(t *testing.T) {
	h := closingHarness(t, "P", "R")
	for _, p := range []string{"P", "Q", "R"} {
		h.offer(p, 1, 100)
	}
	j1 := policyJob(60, 3, spec.VerifyAdaptive)
	h.bidFrom(h.step(Submit{Job: j1}), 1)
	for range 2 {
		a := h.place(j1, "P")
		h.answer(a, "ok"+a.Msg.Spec.Task.String())
	}
	if got := paidFor(h.effs, "P", j1.ID); len(got) != 0 {
		t.Fatalf("P paid for %v before job 1 ended: trusted results are held", got)
	}

	// Job 2: the consumer runs P's result itself, and it agrees.
	j2 := localJob(61, 1, spec.VerifyAdaptive, 1)
	h.bidFrom(h.step(Submit{Job: j2}), 1)
	a := h.place(j2, "P")
	c := of[CheckLocal](h.answer(a, "ok"))
	if len(c) != 1 {
		t.Fatalf("%d local checks of job 2, want 1", len(c))
	}
	h.step(Checked{Task: c[0].Spec.Task, Claimed: c[0].Root, Root: c[0].Root})

	// Job 1's last task: untrusted Q, replicated by trusted R.
	q := h.place(j1, "Q")
	r := h.place(j1, "R")
	h.answer(q, "last")
	h.answer(r, "last")
	if j1.State != JobCompleted {
		t.Fatalf("job 1 %s (%s): nothing is left to check", j1.State, j1.Reason)
	}
	if got := closingChecked(j1); len(got) != 0 {
		t.Fatalf("closing checks on job 1's tasks %v: P's later result was confirmed", got)
	}
	h.tick(6 * time.Minute) // outputs held here already are paid after OwedWait
	if got := paidFor(h.effs, "P", j1.ID); len(got) != 2 {
		t.Fatalf("P paid for job 1's tasks %v, want both held results", got)
	}
}

// A provider that turned to lying after earning trust is still caught
// before it is paid: with no later result confirmed, its latest held
// result runs again, disagrees, and the consumer's run of the split
// convicts it; its lie is never paid.
func TestTurnedLiarCaughtByTheClosingCheck(t *testing.T) {
	h := closingHarness(t, "P", "R")
	for _, p := range []string{"P", "R"} {
		h.offer(p, 1, 100)
	}
	j := localJob(62, 2, spec.VerifyAdaptive, 1e-9) // splits go to the consumer's run
	h.bidFrom(h.step(Submit{Job: j}), 1)
	as := []Assign{h.place(j, "P")}
	h.answer(as[0], "good0")
	as = append(as, h.place(j, "P"))
	h.answer(as[1], "lie") // P turned
	if j.State.Terminal() || !slices.Equal(closingChecked(j), []int{as[1].Msg.Spec.Task.Index}) {
		t.Fatalf("job %s, closing checks on %v: P's latest held result must run again", j.State, closingChecked(j))
	}
	r := h.place(j, "R")
	c := of[CheckLocal](h.answer(r, "good1"))
	if len(c) != 1 {
		t.Fatalf("%d local checks: the split goes to the consumer's run", len(c))
	}
	h.step(Checked{Task: c[0].Spec.Task, Claimed: c[0].Root, Root: manifest("good1").Root()})
	if !h.m.convicted["P"] {
		t.Fatal("the turned liar is not convicted")
	}
	if got := paidFor(h.effs, "P", j.ID); len(got) != 0 {
		t.Fatalf("P paid for %v: nothing of a convicted provider's held results is paid", got)
	}
}

// One closing check serves two jobs: as job 1 ends, P's latest unpaid
// result is in job 2, still running; it runs again, job 1 waits for it,
// and when job 2 ends its result is confirmed already.
func TestOneClosingCheckServesTwoJobs(t *testing.T) {
	h := closingHarness(t, "P", "R")
	for _, p := range []string{"P", "Q", "R"} {
		h.offer(p, 1, 100)
	}
	j1 := policyJob(63, 2, spec.VerifyAdaptive)
	j2 := policyJob(64, 2, spec.VerifyAdaptive)
	h.bidFrom(h.step(Submit{Job: j1}), 1)
	h.bidFrom(h.step(Submit{Job: j2}), 1)
	a1 := h.place(j1, "P")
	h.answer(a1, "j1")
	a2 := h.place(j2, "P")
	h.answer(a2, "j2")
	// Job 1's other task: untrusted Q, replicated by R; job 1 ends.
	h.answer(h.place(j1, "Q"), "q1")
	h.answer(h.place(j1, "R"), "q1")
	if j1.State.Terminal() || len(closingChecked(j1)) != 0 || !slices.Equal(closingChecked(j2), []int{a2.Msg.Spec.Task.Index}) {
		t.Fatalf("job 1 %s, closing checks: job 1 %v, job 2 %v; want job 2's task %d, job 1 waiting",
			j1.State, closingChecked(j1), closingChecked(j2), a2.Msg.Spec.Task.Index)
	}
	h.answer(h.place(j2, "R"), "j2")
	h.tick(6 * time.Minute) // outputs held here already are paid after OwedWait
	if j1.State != JobCompleted || len(paidFor(h.effs, "P", j1.ID)) != 1 || len(paidFor(h.effs, "P", j2.ID)) != 1 {
		t.Fatalf("job 1 %s (%s); P paid job 1 %v, job 2 %v", j1.State, j1.Reason, paidFor(h.effs, "P", j1.ID), paidFor(h.effs, "P", j2.ID))
	}
	// Job 2's other task ends it: no second check.
	h.answer(h.place(j2, "Q"), "q2")
	h.answer(h.place(j2, "R"), "q2")
	n := 0
	for _, t := range j2.Tasks {
		n += len(t.Attempts)
	}
	if j2.State != JobCompleted || n != 4 {
		t.Fatalf("job 2 %s (%s) with %d attempts, want 4: P's check and Q's replica", j2.State, j2.Reason, n)
	}
}

// A quorum of strangers (no provider in it trusted with the program) is
// paid only when its job ends; one with a trusted provider at once.
func TestStrangersQuorumPaidAtJobEnd(t *testing.T) {
	h := closingHarness(t, "T")
	for _, p := range []string{"A", "B", "T"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(65, 3, "replicate:2")
	h.bidFrom(h.step(Submit{Job: j}), 1)
	a, b := h.place(j, "A"), h.place(j, "B")
	if a.Msg.Spec.Task != b.Msg.Spec.Task {
		t.Fatalf("A and B got tasks %s and %s, want replicas of one", a.Msg.Spec.Task, b.Msg.Spec.Task)
	}
	h.answer(a, "same")
	h.answer(b, "same")
	first := a.Msg.Spec.Task.Index
	if tk := j.Tasks[first]; tk.State != TaskVerified || len(of[Pay](h.effs)) != 0 || !strings.Contains(tk.Attempts[0].Reason, "trusted") {
		t.Fatalf("task %s, pays %d, reason %q: a quorum of strangers is accepted and paid at the job's end", tk.State, len(of[Pay](h.effs)), tk.Attempts[0].Reason)
	}
	a, tr := h.place(j, "A"), h.place(j, "T")
	h.answer(a, "other")
	if got := paidPeers(h.answer(tr, "other")); !slices.Equal(got, []string{"A", "T"}) {
		t.Fatalf("paid %v when a trusted provider agrees, want A and T at once", got)
	}
	if len(paidFor(h.effs, "B", j.ID)) != 0 {
		t.Fatal("B paid before the job ended")
	}
	a, tr = h.place(j, "A"), h.place(j, "T")
	h.answer(a, "third")
	h.answer(tr, "third")
	if j.State != JobCompleted || !slices.Equal(paidFor(h.effs, "B", j.ID), []int{first}) || len(paidFor(h.effs, "A", j.ID)) != 3 {
		t.Fatalf("job %s: the strangers' quorum is paid when the job ends (B %v, A %v)", j.State, paidFor(h.effs, "B", j.ID), paidFor(h.effs, "A", j.ID))
	}
}

// Two colluding strangers agree on a wrong root; before their job ends
// one of them meets an honest provider, the split goes to the consumer's
// run and convicts it, and the quorum it won is struck unpaid.
func TestStrangersCaughtBeforeTheyArePaid(t *testing.T) {
	h := closingHarness(t, "T", "U")
	for _, p := range []string{"A", "B", "T", "U"} {
		h.offer(p, 1, 100)
	}
	j := localJob(66, 2, "replicate:2", 1e-9) // splits go to the consumer's run
	h.bidFrom(h.step(Submit{Job: j}), 1)
	a, b := h.place(j, "A"), h.place(j, "B")
	h.answer(a, "lie")
	h.answer(b, "lie")
	a, tr := h.place(j, "A"), h.place(j, "T")
	h.answer(a, "lie2")
	c := of[CheckLocal](h.answer(tr, "good2"))
	if len(c) != 1 {
		t.Fatalf("%d local checks, want the split settled by the consumer's run", len(c))
	}
	h.step(Checked{Task: c[0].Spec.Task, Claimed: c[0].Root, Root: manifest("good2").Root()})
	if !h.m.convicted["A"] {
		t.Fatal("A is not convicted")
	}
	for _, p := range of[Pay](h.effs) {
		if p.Peer == "A" || p.Peer == "B" {
			t.Fatalf("%s paid for task %d: the strangers' quorum must be struck before the job ends", p.Peer, p.Task.Index)
		}
	}
	if first := j.Tasks[b.Msg.Spec.Task.Index]; first.State == TaskVerified {
		t.Fatalf("task %d still verified (%s) after A was convicted", first.Index, first.Reason)
	}
}

// A one-task job of a trusted provider ends without a closing check (it
// is paid on trust), or every one-task job would run twice.
func TestOneTaskJobNeedsNoClosingCheck(t *testing.T) {
	h := closingHarness(t, "P", "R")
	for _, p := range []string{"P", "R"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(66, 1, spec.VerifyAdaptive)
	h.bidFrom(h.step(Submit{Job: j}), 1)
	h.answer(h.place(j, "P"), "one")
	h.tick(6 * time.Minute)
	if j.State != JobCompleted || len(j.Tasks[0].Attempts) != 1 || len(closingChecked(j)) != 0 || len(paidFor(h.effs, "P", j.ID)) != 1 {
		t.Fatalf("job %s (%s), %d attempts, closing checks %v, P paid %v; want completed on one attempt, paid",
			j.State, j.Reason, len(j.Tasks[0].Attempts), closingChecked(j), paidFor(h.effs, "P", j.ID))
	}
}
