package market

import (
	"fmt"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// The check policy (spec.VerifyCheck): each task runs once, its result is
// paid and fetched as under receipt (the voucher goes out before the
// bytes: fair exchange, docs/economics.md), and once its outputs are
// stored here the consumer runs the job's checker on them (RunChecker).
// The task is done only when the checker has accepted them. A rejection is
// a wrong result: its provider is convicted (no more work from this
// market, trust and reputation lost), the paid attempt is struck and the
// task runs again elsewhere, up to MaxAttempts rejections.

// Checker verdicts on an attempt (Attempt.Checker).
const (
	CheckerAccepted = "accepted"
	// CheckerRejected prefixes the checker's reason.
	CheckerRejected = "rejected: "
	// CheckerNotRun prefixes why the checker could not run.
	CheckerNotRun = "not run: "
)

// RunChecker asks the driver to run the job's checker program on an
// accepted attempt's outputs, which are stored on this node, and to step
// back exactly one Judged. The checker runs with Spec's args, env and
// limits, Spec's inputs at /inputs and Outputs at /outputs.
type RunChecker struct {
	Task    wire.TaskID
	Attempt int
	Spec    wire.TaskSpec // the task as its provider ran it
	Checker wire.CID
	Outputs wire.Manifest
}

// Judged is the checker's verdict on a RunChecker: OK accepts the result;
// otherwise Reason (the checker's stderr, or the limit it hit) rejects it,
// unless Err says the checker could not run at all (its module missing or
// invalid, the node stopping), which concludes nothing about the result.
type Judged struct {
	Task    wire.TaskID
	Attempt int
	OK      bool
	Reason  string
	Err     string
}

func (Judged) event()      {}
func (RunChecker) effect() {}
func (RunChecker) action() {}

// holdForChecker keeps the slot of a's provider taken, under check, until
// the checker's verdict on a (endJudging), and releases it at once under
// other policies. So a provider holds at most one unjudged result per slot
// this consumer gives it: a liar is paid for at most that many lies before
// the first rejection convicts it, however fast it returns them.
func (m *Market) holdForChecker(j *Job, a *Attempt) {
	if j.policy.Policy == spec.VerifyCheck && j.Spec.Checker != nil {
		a.judging = true
		return
	}
	m.release(a.Provider)
}

// endJudging frees the slot a held for the checker, if it did, and
// reports whether it did.
func (m *Market) endJudging(a *Attempt) bool {
	if !a.judging {
		return false
	}
	a.judging = false
	m.release(a.Provider)
	return true
}

// checkerPending reports whether t's accepted result still waits for the
// checker's verdict (its outputs being fetched, or the checker running).
func checkerPending(j *Job, t *Task) bool {
	if j.policy.Policy != spec.VerifyCheck || t.State != TaskVerified {
		return false
	}
	for i := range t.Attempts {
		if a := &t.Attempts[i]; a.State == attemptVerified && a.Checker == "" {
			return true
		}
	}
	return false
}

// runChecker asks the driver to judge accepted attempt a of t once its
// outputs are stored here; other policies and judged attempts are left.
func (m *Market) runChecker(now time.Time, j *Job, t *Task, a *Attempt) {
	if j.policy.Policy != spec.VerifyCheck || j.Spec.Checker == nil || a.State != attemptVerified || a.Withheld || a.Checker != "" {
		return
	}
	outs := t.Outputs
	if a.Result != nil {
		outs = a.Result.Outputs
	}
	m.emit(RunChecker{Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Spec: m.taskSpec(j, t.Index, a.N), Checker: j.Spec.Checker.CID, Outputs: outs})
	m.logf(now, j, t.Index, "the checker %s runs on the result from %s (output root %s)", j.Spec.Checker.CID.Short(), shortPeer(a.Provider), a.OutputRoot.Short())
}

// restoreCheckers asks again for the verdicts a restart interrupted.
func (m *Market) restoreCheckers(now time.Time, j *Job) {
	for _, t := range j.Tasks {
		for i := range t.Attempts {
			m.runChecker(now, j, t, &t.Attempts[i])
		}
	}
}

// judged applies the checker's verdict on an accepted attempt.
func (m *Market) judged(now time.Time, e Judged) {
	j, t, a := m.attemptAt(e.Task, e.Attempt)
	if a == nil {
		return
	}
	if m.endJudging(a) {
		j.nextRound = now // the freed slot may take the job's next task
	}
	if a.State != attemptVerified || a.Checker != "" {
		return // judged already, or no longer accepted
	}
	m.touch(now, j, t)
	switch {
	case e.Err != "":
		a.Checker = CheckerNotRun + e.Err
		a.Reason += "; the checker could not run: " + e.Err
		m.logf(now, j, t.Index, "the checker could not run on the result from %s: %s", shortPeer(a.Provider), e.Err)
		if !j.State.Terminal() {
			m.failTask(now, j, t, fmt.Sprintf("the checker could not run (%s), so the result from %s stays unjudged; fix the checker and submit the job again", e.Err, shortPeer(a.Provider)))
		}
	case e.OK:
		a.Checker = CheckerAccepted
		a.Reason += "; accepted by the checker"
		t.Reason = fmt.Sprintf("verified: the checker accepted outputs %s from %s", a.OutputRoot.Short(), shortPeer(a.Provider))
		m.rep.Observe(now, a.Provider, j.Spec.Program.CID, verify.Validated)
		m.logf(now, j, t.Index, "the checker accepted the result from %s", shortPeer(a.Provider))
		m.settle(now, j)
	default:
		m.checkerRejected(now, j, t, a, e.Reason)
	}
}

// checkerRejected convicts the provider of a result the checker rejected
// and runs the task again elsewhere, or fails it after MaxAttempts
// rejections (a checker that rejects everything fails the job, rather than
// convicting every provider the consumer knows).
func (m *Market) checkerRejected(now time.Time, j *Job, t *Task, a *Attempt, reason string) {
	if reason == "" {
		reason = "the checker rejected it without saying why"
	}
	a.Checker = CheckerRejected + reason
	a.State, a.Reason = attemptRejected, "rejected by the checker: "+reason
	if a.Paid {
		// The voucher went out before the bytes (fair exchange): what the
		// lie earned is one task's price, and conviction.
		a.State, a.Reason = attemptStruck, a.Reason+"; it had been paid, as the outputs come only after the voucher"
	}
	m.logf(now, j, t.Index, "the checker rejected the result from %s: %s", shortPeer(a.Provider), reason)
	why := fmt.Sprintf("%s returned a result for task %d of job %s that the job's checker rejected", shortPeer(a.Provider), t.Index, j.ID.Short())
	defer m.convict(now, a.Provider, why)
	if j.State.Terminal() {
		return // cancelled: nothing runs again
	}
	n := 0
	for i := range t.Attempts {
		if strings.HasPrefix(t.Attempts[i].Checker, CheckerRejected) {
			n++
		}
	}
	if n >= m.cfg.MaxAttempts {
		m.failTask(now, j, t, fmt.Sprintf("the checker rejected %d results; last, from %s: %s", n, shortPeer(a.Provider), reason))
		return
	}
	t.State, t.Replicas, t.waitingSince = TaskRetrying, 1, now
	t.Provider, t.ProviderEVM, t.OutputRoot, t.Quorum = "", "", "", 0
	t.Reason = fmt.Sprintf("re-running on another provider: the checker rejected the result from %s: %s", shortPeer(a.Provider), reason)
	m.touch(now, j, t)
	j.nextRound = now
}

// checkerNote explains the check policy in the job's log.
const checkerNote = "every task runs once; the consumer runs the job's checker on each result and accepts it only if the checker exits 0 (a rejected result convicts its provider)"
