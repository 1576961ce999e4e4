package market

import (
	"fmt"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// This file holds what the market does with a failure of the program's
// own making (time limit, memory limit, output limit, invalid module,
// non-zero exit): the provider did the work, so the failure is paid a
// share of the bid (pricing.FailurePay). A failure is judged like a
// result: under replicate:K and adaptive it is a vote (its failureKey
// stands where an output root would), paid only once a strict majority
// of distinct providers reports the same failure; a failure that loses
// the quorum is treated like a wrong result. Under adaptive every
// failure is confirmed by a second provider, trusted or not: a trusted
// cheater would otherwise fail tasks and be paid for work it never did.
// Proof jobs pay on chain for proofs only, so their failures earn nothing.

// failureKey names a program failure for the quorum: replicas agree on
// a failure when they report the same kind and, for a non-zero exit, the
// same exit code. It has spaces, so it is never an output root.
func failureKey(v Verdict) string {
	if v.Failure == "" {
		return fmt.Sprintf("exit %d", v.ExitCode)
	}
	return strings.ReplaceAll(v.Failure, "_", " ")
}

// root is what the attempt votes for: its failure, or its output root.
func (a *Attempt) root() wire.CID {
	if a.Failure != "" {
		return wire.CID(a.Failure)
	}
	return a.OutputRoot
}

// paidFailure reports whether v is a program failure that earns a share
// of the price in j (see pricing.FailureShare): such a failure is judged
// by the quorum and paid; any other program fault fails the task unpaid
// at once, as it always did.
func paidFailure(j *Job, v Verdict) bool {
	return v.ProgramFault && j.policy.Policy != spec.VerifyZK && pricing.FailureShare(v.Failure, v.ExitCode) > 0
}

// falseTimeLimit turns a time limit reported before the job's timeout
// could have passed since the assignment into the provider's fault: the
// provider claims work it cannot have done. Its provider is told it will
// not be paid (Reject), loses trust like a provider caught returning a
// wrong result, and the task goes elsewhere. It reports whether it did.
func (m *Market) falseTimeLimit(now time.Time, j *Job, t *Task, a *Attempt, v *Verdict) bool {
	limit := time.Duration(j.Spec.Timeout)
	ran := now.Sub(a.Started)
	if !v.ProgramFault || v.Failure != wire.FailTimeLimit || ran >= limit {
		return false
	}
	v.ProgramFault, v.Failure = false, ""
	v.Reason = fmt.Sprintf("provider %s claimed the %s time limit only %s after the assignment: a time limit it cannot have reached; not paid", shortPeer(a.Provider), limit, ran.Round(time.Millisecond))
	m.emit(Reject{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Reason: v.Reason})
	m.rep.Observe(now, a.Provider, j.Spec.Program.CID, verify.Invalid)
	m.markTaint(a.Provider)
	return true
}

// waitingNote ends the reason of a failure waiting for the quorum.
const waitingNote = "; waiting for the quorum to confirm the failure"

// voteFailure makes a's paid failure v a vote of t's quorum and decides
// t. Under adaptive a second provider confirms it.
func (m *Market) voteFailure(now time.Time, j *Job, t *Task, a *Attempt, v Verdict, res *Result) {
	a.State, a.Ended, a.Result = attemptSubmitted, now, res
	a.Failure, a.OutputRoot = failureKey(v), outputRoot(v)
	a.FailurePay = pricing.FailurePay(a.Price, v.Failure, v.ExitCode)
	a.Reason = v.Reason + waitingNote
	m.release(a.Provider)
	if j.policy.Policy == spec.VerifyAdaptive && t.replicas() < 2 {
		t.Replicas = 2
		m.logf(now, j, t.Index, "confirming the failure (%s) on a second provider before the task fails and anyone is paid", a.Failure)
	}
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "failure from %s after %s: %s", shortPeer(a.Provider), v.Duration.Round(time.Millisecond), a.Failure)
	j.nextRound = now
	m.decide(now, j, t)
}

// failAlone ends t as failed by the program on a's failure v, which no
// replica needs to confirm (receipt policy, proof jobs), paying a its
// share if the failure earns one.
func (m *Market) failAlone(now time.Time, j *Job, t *Task, a *Attempt, v Verdict) {
	a.State, a.Ended, a.Reason = attemptFailed, now, v.Reason
	m.release(a.Provider)
	if paidFailure(j, v) {
		a.Failure = failureKey(v)
		a.FailurePay = pricing.FailurePay(a.Price, v.Failure, v.ExitCode)
		a.Reason += fmt.Sprintf("; paid %s of the %s DECO price for the work", a.FailurePay, a.Price)
		m.payFailure(j, t, a)
	}
	m.failTask(now, j, t, v.Reason)
}

// payFailure emits Pay for a's accepted failure, once: its share of the
// price.
func (m *Market) payFailure(j *Job, t *Task, a *Attempt) {
	if a.Paid || a.Unpaid != "" {
		return
	}
	a.Paid = true
	m.emit(Pay{Peer: a.Provider, EVM: a.EVM, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Price: a.FailurePay})
}

// trusted reports whether peer has the run of valid results adaptive
// replication asks before it stops replicating peer's results of j's
// program.
func (m *Market) trusted(j *Job, peer string) bool {
	tr := m.rep.Trust(peer, j.Spec.Program.CID)
	return tr.Run >= m.cfg.Adaptive.Required(tr)
}

// failAgreed ends t as failed by the program because d's root, a
// failure, won the quorum: its voters are paid their share, the others
// (results and other failures) are rejected like wrong results.
func (m *Market) failAgreed(now time.Time, j *Job, t *Task, d verify.Decision, at []int) {
	quorum, of := len(d.Winners), max(t.replicas(), d.Counted)
	win := &t.Attempts[at[d.Winners[0]]]
	reason := strings.TrimSuffix(win.Reason, waitingNote)
	if quorum > 1 {
		reason += fmt.Sprintf(" (confirmed by %d of %d providers)", quorum, of)
	}
	id := wire.TaskID{Job: j.ID, Index: t.Index}
	for _, w := range d.Winners {
		a := &t.Attempts[at[w]]
		a.State = attemptFailed
		base := strings.TrimSuffix(a.Reason, waitingNote)
		if quorum == 1 && !m.trusted(j, a.Provider) {
			// Nobody could confirm it: the task ends, but an untrusted
			// provider is not paid for a failure on its word alone.
			a.Reason = base + "; not paid: no other provider could confirm the failure and this provider is not yet trusted with the program"
			m.emit(Reject{Peer: a.Provider, Task: id, Attempt: a.N, Reason: a.Reason})
			continue
		}
		a.Reason = fmt.Sprintf("%s; %d of %d providers report it; paid %s of the %s DECO price for the work", base, quorum, of, a.FailurePay, a.Price)
		m.payFailure(j, t, a)
	}
	var cheats []string
	for _, l := range d.Losers {
		a := &t.Attempts[at[l]]
		was := a.State
		a.State = attemptRejected
		a.Reason = fmt.Sprintf("reported %s where %d of %d providers report %s", a.root().Short(), quorum, of, d.Root)
		if was == attemptSubmitted {
			m.emit(Reject{Peer: a.Provider, Task: id, Attempt: a.N, Reason: a.Reason})
		} else if a.Paid {
			a.Reason += "; it had been accepted unchecked and paid"
		}
		m.logf(now, j, t.Index, "result from %s rejected: %s", shortPeer(a.Provider), a.Reason)
		m.rep.Observe(now, a.Provider, j.Spec.Program.CID, verify.Invalid)
		m.markTaint(a.Provider)
		m.observe(j, a, false)
		cheats = append(cheats, a.Provider)
	}
	if win.Result != nil {
		m.record(t, win, win.Result, win.Receipt, win.Signature)
	}
	m.failTask(now, j, t, reason)
	for _, p := range cheats {
		m.recheck(now, p, fmt.Sprintf("%s's report for task %d of job %s lost to the program failure other providers agree on", shortPeer(p), t.Index, j.ID.Short()))
	}
}
