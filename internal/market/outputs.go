package market

import (
	"fmt"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Outputs after payment: the fair exchange's last step. A result judged
// on its signed root (Verdict.Withheld) is paid first and fetched after;
// a task counts as done only once its outputs are stored here, and a
// provider paid for outputs it does not serve is blamed and the task
// taken from another replica with the same root, or run again.

// fetch emits Fetch for a's withheld outputs; it follows a's Pay.
func (m *Market) fetch(j *Job, t *Task, a *Attempt) {
	if !a.Withheld || m.feeds(j) {
		return
	}
	f := Fetch{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, MaxOutput: int64(j.Spec.MaxOutput)}
	if r := a.Result; r != nil {
		f.Outputs, f.Stdout, f.Stderr = r.Outputs, r.Stdout, r.Stderr
	} else {
		f.Outputs, f.Stdout, f.Stderr = t.Outputs, t.Stdout, t.Stderr
	}
	m.emit(f)
}

// refetch asks again for the outputs of paid attempts that were not
// stored before a restart.
func (m *Market) refetch(j *Job) {
	for _, t := range j.Tasks {
		for i := range t.Attempts {
			if a := &t.Attempts[i]; a.State == attemptVerified && a.Paid && a.Withheld {
				m.fetch(j, t, a)
			}
		}
	}
}

// awaitingOutputs reports whether a verified task of j has no accepted
// result stored here yet.
func (m *Market) awaitingOutputs(j *Job) bool {
	if m.feeds(j) {
		return false // a later stage's providers fetch them, not this node
	}
	for _, t := range j.Tasks {
		if t.State == TaskVerified && !t.stored() {
			return true
		}
	}
	return false
}

// stored reports whether one of t's accepted results is stored here (a
// task accepted before fair exchange has no withheld attempt: stored).
func (t *Task) stored() bool {
	accepted := false
	for i := range t.Attempts {
		if a := &t.Attempts[i]; a.State == attemptVerified {
			accepted = true
			if !a.Withheld {
				return true
			}
		}
	}
	return !accepted
}

func (m *Market) stored(now time.Time, e Stored) {
	j, t, a := m.attemptAt(e.Task, e.Attempt)
	if a == nil {
		return
	}
	if a.State != attemptVerified || !a.Withheld {
		return // already stored, or no longer wanted (re-run, unpaid)
	}
	if e.Err != "" {
		m.lost(now, j, t, a, true, fmt.Sprintf("%s was paid but its outputs could not be fetched: %s", shortPeer(a.Provider), e.Err))
		return
	}
	first := !t.stored()
	a.Withheld = false
	if first && t.State == TaskVerified && a.Result != nil && t.Provider != a.Provider {
		// The task shows the logs of the replica whose blobs came first.
		m.record(t, a, a.Result, a.Receipt, a.Signature)
	}
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "outputs stored (from %s)", shortPeer(a.Provider))
	m.runChecker(now, j, t, a)
	m.settle(now, j)
}

// lost ends accepted attempt a whose outputs this node cannot get: blamed
// when its provider was paid and did not serve them. Another accepted
// attempt with the same root stored or on its way serves instead;
// otherwise the task runs again.
func (m *Market) lost(now time.Time, j *Job, t *Task, a *Attempt, blame bool, reason string) {
	a.State, a.Reason = attemptFailed, a.Reason+"; "+reason
	m.endJudging(a)
	if !blame {
		a.State = attemptInterrupted
	}
	a.Withheld = false
	if blame {
		m.rep.Observe(now, a.Provider, "", verify.Fault)
		m.sched.Observe(sched.Observation{Peer: a.Provider, Program: j.Spec.Program.CID, ProviderFault: true})
	}
	m.logf(now, j, t.Index, "attempt %d on %s: %s", a.N, shortPeer(a.Provider), reason)
	for i := range t.Attempts {
		o := &t.Attempts[i]
		if o.State != attemptVerified || (o.Withheld && !o.Paid) {
			continue
		}
		if !o.Withheld && o.Result != nil && t.State == TaskVerified {
			m.record(t, o, o.Result, o.Receipt, o.Signature)
		}
		m.touch(now, j, t)
		if !o.Withheld {
			m.settle(now, j)
		}
		return // stored, or a paid replica with the same root is fetching
	}
	if t.State != TaskVerified {
		m.touch(now, j, t)
		return // a re-check holds the task open; it decides
	}
	if n := t.failures(); n >= m.cfg.MaxAttempts {
		m.failTask(now, j, t, fmt.Sprintf("gave up after %d attempts; last: %s", n, reason))
		return
	}
	t.State, t.Reason, t.Provider, t.ProviderEVM, t.OutputRoot, t.waitingSince = TaskRetrying, "re-running the task: "+reason, "", "", "", now
	t.Quorum = 0
	j.nextRound = now
	m.touch(now, j, t)
}
