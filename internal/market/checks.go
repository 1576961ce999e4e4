package market

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// This file holds what the consumer checks itself, so that providers who
// agree on a wrong root (colluders, Sybils of one operator) cannot win a
// quorum unseen:
//   - replicas are drawn with the consumer's secret (replicaDraw), so a
//     provider cannot predict or steer who replicates whom;
//   - a secret sample of accepted results is re-executed by the consumer
//     (CheckLocal); a result that differs from the consumer's own run is a
//     proven lie: its provider is convicted and every result it had
//     accepted in running jobs is struck and verified again;
//   - some locally checked tasks are sent again to another provider as if
//     new (known-answer tasks): the consumer knows the answer, so a wrong
//     one convicts whoever returns it, with no partner to outvote it.

// held reports whether a result or a live attempt of t exists elsewhere:
// the next attempt is a replica.
func (t *Task) held() bool {
	for i := range t.Attempts {
		if t.Attempts[i].holds() {
			return true
		}
	}
	return false
}

// replicaDraw keys sched.AssignReplicas with the market's secret: a
// provider that knows the job id and its own peer id cannot compute it.
func (m *Market) replicaDraw(j *Job) func(task int, peer string) float64 {
	return func(task int, peer string) float64 {
		return verify.Uniform(m.cfg.Secret, fmt.Sprintf("replica/%s/%d/%d/%s", j.ID, task, len(j.Tasks[task].Attempts)+1, peer))
	}
}

// rate is a check's share for j: the spec's when set, else the default;
// none for zk jobs, whose tasks the consumer does not run, nor for check
// jobs, whose checker judges every result.
func rate(j *Job, set *float64, def float64) float64 {
	if j.policy.Policy == spec.VerifyZK || j.policy.Policy == spec.VerifyCheck {
		return 0
	}
	if set != nil {
		return *set
	}
	return max(def, 0)
}

func (m *Market) localRate(j *Job) float64 {
	var r *float64
	if c := j.Spec.Checks; c != nil {
		r = c.Local
	}
	return rate(j, r, m.cfg.LocalCheck)
}

func (m *Market) knownRate(j *Job) float64 {
	var r *float64
	if c := j.Spec.Checks; c != nil {
		r = c.Known
	}
	return rate(j, r, m.cfg.KnownAnswers)
}

// sampleCheck decides, in secret, whether the result just accepted for t
// (the winner's attempt n) is re-executed by the consumer, and asks the
// driver to if so. It reports whether the winners' pay waits for the
// check. A task whose answer is known already is not checked again.
func (m *Market) sampleCheck(now time.Time, j *Job, t *Task, root wire.CID, n int) bool {
	if t.Known != "" || t.Checking {
		return false
	}
	r := m.localRate(j)
	if r <= 0 || verify.Uniform(m.cfg.Secret, fmt.Sprintf("check/%s/%d/%d", j.ID, t.Index, n)) >= r {
		return false
	}
	m.checkLocal(now, j, t, n, root, fmt.Sprintf("local check: the consumer re-runs this task itself to compare with output root %s (a random %.1f%% of results are)", root.Short(), 100*r))
	return true
}

// checkLocal asks the driver to run attempt n of t on the consumer
// (CheckLocal), to compare with root; why is logged.
func (m *Market) checkLocal(now time.Time, j *Job, t *Task, n int, root wire.CID, why string) {
	t.Checking = true
	m.emit(CheckLocal{Spec: m.taskSpec(j, t.Index, n), Root: root})
	m.logf(now, j, t.Index, "%s", why)
}

// checked applies the consumer's own run of a task.
func (m *Market) checked(now time.Time, e Checked) {
	j := m.jobs[e.Task.Job]
	if j == nil || e.Task.Index < 0 || e.Task.Index >= len(j.Tasks) || !j.Tasks[e.Task.Index].Checking {
		return
	}
	t := j.Tasks[e.Task.Index]
	t.Checking = false
	m.touch(now, j, t)
	if !t.State.Terminal() {
		// The check settles split results (settleSplit).
		if e.Err != "" {
			t.NoLocal = true
			m.logf(now, j, t.Index, "local check could not run (%s): more providers settle the split results", e.Err)
		} else {
			t.Known = e.Root
			m.logf(now, j, t.Index, "local check: the consumer's own run gave output root %s; it settles the split results", e.Root.Short())
		}
		m.decide(now, j, t)
		m.settle(now, j)
		return
	}
	switch {
	case e.Err != "":
		m.logf(now, j, t.Index, "local check could not run (%s): keeping the accepted result", e.Err)
	case e.Root == e.Claimed:
		t.Known = e.Root
		m.logf(now, j, t.Index, "local check: the consumer's own run agrees with output root %s", e.Root.Short())
	default:
		t.Known = e.Root
		m.logf(now, j, t.Index, "local check: the consumer's own run gave output root %s, not %s: every provider that returned %s lied", e.Root.Short(), e.Claimed.Short(), e.Claimed.Short())
		m.judgeKnown(now, j, t)
	}
	if t.State == TaskVerified {
		m.payAccepted(j, t)
		if t.Known != "" && m.knownRate(j) > 0 && verify.Uniform(m.cfg.Secret, fmt.Sprintf("known/%s/%d", j.ID, t.Index)) < m.knownRate(j) {
			m.askKnown(now, j, t)
		}
	}
	m.settle(now, j)
}

// payAccepted pays t's accepted results whose pay waited for a check.
func (m *Market) payAccepted(j *Job, t *Task) {
	for i := range t.Attempts {
		a := &t.Attempts[i]
		if a.Strangers && t.Known != "" && a.root() == t.Known {
			a.Strangers = false // the consumer's own run agrees
		}
		if a.State == attemptVerified && !holdPay(j, a) {
			m.pay(j, t, a)
		}
	}
}

// askKnown re-sends verified task t, whose answer the consumer knows, to
// one more provider as if it were new. The task is reopened for one
// replica; judgeKnown decides it when the result comes back.
func (m *Market) askKnown(now time.Time, j *Job, t *Task) {
	vs, _ := votes(t)
	t.Replicas, t.State, t.waitingSince = len(vs)+1, TaskSubmitted, now
	t.Reason = "known-answer check: the task runs once more on another provider; the consumer knows its output root"
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "%s", t.Reason)
	j.nextRound = now
}

// judgeKnown decides t by the root the consumer's own run gave: every
// result with another root is a proven lie and convicts its provider; a
// result with the known root is accepted. It reports whether t ended.
func (m *Market) judgeKnown(now time.Time, j *Job, t *Task) bool {
	var liars []string
	for i := range t.Attempts {
		a := &t.Attempts[i]
		if !a.vote() || a.OutputRoot == "" || a.OutputRoot == t.Known {
			continue
		}
		if a.State == attemptSubmitted {
			m.emit(Reject{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Reason: "output root differs from the consumer's own run"})
		}
		a.State, a.Reason = attemptRejected, fmt.Sprintf("output root %s differs from %s, the consumer's own run: a proven lie", a.OutputRoot.Short(), t.Known.Short())
		if a.Paid {
			a.State = attemptStruck
		}
		liars = append(liars, a.Provider)
	}
	// Convicted before t is decided: deciding it may end the job, which
	// pays held results, and a liar's must be struck by then.
	for _, p := range liars {
		m.convict(now, p, fmt.Sprintf("%s returned a result for task %d of job %s that differs from the consumer's own run", shortPeer(p), t.Index, j.ID.Short()))
	}
	vs, at := votes(t)
	var win []int
	for i, v := range vs {
		if v.Root == t.Known {
			win = append(win, i)
		}
	}
	ended := false
	if len(win) > 0 {
		if t.State == TaskVerified {
			// The accepted result stands; a known-answer re-run that agrees
			// is accepted with it.
			t.State = TaskSubmitted
		}
		m.accept(now, j, t, verify.Decision{Accepted: true, Root: t.Known, Winners: win}, at, "its output root is the one the consumer's own run gave")
		ended = true
	} else if len(liars) > 0 {
		// Every result in hand lied: the task runs again.
		m.drop(now, j, t, attemptCancelled, "a result of this task was proven wrong")
		t.Replicas, t.State, t.waitingSince = 1, TaskRetrying, now
		t.Reason = "re-running: the accepted result was proven wrong by the consumer's own run"
		m.touch(now, j, t)
		j.nextRound = now
	}
	return ended
}

// convict records that peer lied, provably: it gets no more work from
// this market, loses its trust, and each result it had accepted in a
// running job is struck and the task verified again without it.
func (m *Market) convict(now time.Time, peer, why string) {
	if m.convicted[peer] {
		return
	}
	m.convicted[peer] = true
	m.rep.Observe(now, peer, "", verify.Invalid)
	m.markTaint(peer)
	m.sched.Observe(sched.Observation{Peer: peer, ProviderFault: true})
	for _, j := range m.recheckable() {
		m.rep.Observe(now, peer, j.Spec.Program.CID, verify.Invalid)
	}
	m.strikeAll(now, peer, why)
}

// strikeAll strikes peer's accepted results in every job a re-check may
// reopen: for a convicted provider, and for one whose wrong results made
// it suspect, since a quorum it won may have been won with a partner.
func (m *Market) strikeAll(now time.Time, peer, why string) {
	for _, j := range m.recheckable() {
		for _, t := range j.Tasks {
			m.strike(now, j, t, peer, why)
		}
	}
}

// strike removes peer's accepted results for t from the quorum; if the
// rest no longer carry the accepted root, t is verified again.
func (m *Market) strike(now time.Time, j *Job, t *Task, peer, why string) {
	if t.State != TaskVerified && t.State != TaskSubmitted {
		return
	}
	if j.policy.Policy == spec.VerifyCheck {
		return // the checker judges each result on its own
	}
	struck := false
	for i := range t.Attempts {
		a := &t.Attempts[i]
		if a.Provider != peer || !a.vote() {
			continue
		}
		if a.State == attemptSubmitted {
			m.emit(Reject{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Reason: "its provider was convicted of lying"})
		}
		a.State, a.Reason, struck = attemptRejected, "struck: "+why, true
		if a.Paid {
			a.State, a.Reason = attemptStruck, "struck after it was paid: "+why
		}
	}
	if !struck {
		return
	}
	m.touch(now, j, t) // saved before its Reject is sent
	if t.State != TaskVerified {
		return
	}
	vs, _ := votes(t)
	if d := verify.Quorum(vs, t.replicas()); d.Accepted && d.Root == t.OutputRoot {
		return // the other providers still carry the accepted root
	}
	if t.Known != "" && t.OutputRoot == t.Known {
		return // the consumer's own run confirmed it
	}
	m.reopen(now, j)
	if len(vs) == 0 {
		t.Replicas = 1
	}
	t.State, t.waitingSince = TaskSubmitted, now
	if len(vs) == 0 {
		t.State = TaskRetrying
	}
	t.Reason = "re-checking: " + why + "; its accepted result for this task is verified again without it"
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "%s", t.Reason)
	j.nextRound = now
}

// recheckable returns the jobs whose accepted results a re-check may
// reopen, oldest first: the running ones and those that ended completed or
// failed (a lie found after its job ended is still replaced; cancelled
// jobs are left alone).
func (m *Market) recheckable() []*Job {
	return m.jobsBy(func(j *Job) bool { return j.State != JobCancelled })
}

// reopen makes an ended job j run again because a re-check reopened one of
// its tasks; it ends (and is announced Finished) again once the task is
// decided.
func (m *Market) reopen(now time.Time, j *Job) {
	if !j.State.Terminal() {
		return
	}
	j.State, j.Reason, j.EndedAt = JobRunning, "re-checking results accepted from a provider caught lying", time.Time{}
	if !slices.Contains(m.order, j) {
		m.order = append(m.order, j) // ordered may have dropped it when it ended
	}
	m.orderDirty = true
	m.touch(now, j, nil)
	m.logf(now, j, -1, "job reopened: %s", j.Reason)
}

// owed is a held payment that falls due at a time.
type owed struct {
	due  time.Time
	job  wire.JobID
	task int
	n    int
}

// owe defers the pay of a, accepted unchecked in a job that just ended,
// by Config.OwedWait: its provider's latest results are unchecked too, so
// a lie among them may still be caught by the provider's next check and
// struck before it is paid.
func (m *Market) owe(now time.Time, j *Job, t *Task, a *Attempt) {
	for _, o := range m.owed {
		if o.job == j.ID && o.task == t.Index && o.n == a.N {
			return
		}
	}
	m.owed = append(m.owed, owed{due: now.Add(m.cfg.OwedWait), job: j.ID, task: t.Index, n: a.N})
	if !strings.Contains(a.Reason, "paid by ") {
		a.Reason += fmt.Sprintf("; paid by %s unless a re-check strikes it (its provider's latest results are unchecked)", now.Add(m.cfg.OwedWait).UTC().Format(time.TimeOnly))
	}
	m.touch(now, j, t)
}

// payOwed pays the owed results that fell due and still stand.
func (m *Market) payOwed(now time.Time) {
	keep := m.owed[:0]
	for _, o := range m.owed {
		if now.Before(o.due) {
			keep = append(keep, o)
			continue
		}
		j := m.jobs[o.job]
		if j == nil || o.task >= len(j.Tasks) || o.n > len(j.Tasks[o.task].Attempts) {
			continue
		}
		t := j.Tasks[o.task]
		if a := &t.Attempts[o.n-1]; a.State == attemptVerified && !a.Paid {
			m.pay(j, t, a)
			m.touch(now, j, t)
		}
	}
	m.owed = keep
}

// OwedDue is when the last payment the market holds falls due (zero if
// none): a driver that stops once every job ended (the simulator) ticks
// the market to it first, so what it owes is paid.
func (m *Market) OwedDue() time.Time {
	var last time.Time
	for _, o := range m.owed {
		if o.due.After(last) {
			last = o.due
		}
	}
	return last
}

// strikeTainted strikes peer's accepted results that another winner of
// the quorum, too, was caught returning a wrong result at some point:
// honest providers lose a quorum only to colluders, so a quorum won by
// two tainted providers is the mark of a colluding pair; it is verified
// again without peer.
func (m *Market) strikeTainted(now time.Time, peer, why string) {
	for _, j := range m.recheckable() {
		for _, t := range j.Tasks {
			if t.State != TaskVerified {
				continue
			}
			mine, clean := false, true
			for i := range t.Attempts {
				if a := &t.Attempts[i]; a.State == attemptVerified {
					mine = mine || a.Provider == peer
					clean = clean && (a.Provider == peer || !m.taint[a.Provider])
				}
			}
			if mine && !clean {
				m.strike(now, j, t, peer, why)
			}
		}
	}
}
