package market

import (
	"container/heap"
	"fmt"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Attempts: who may take a task, assigning it, and an attempt's life from
// progress to its verdict, retry or failure.

func failedOn(t *Task, peer string) bool {
	for _, a := range t.Attempts {
		if a.Provider == peer && a.State == attemptFailed {
			return true
		}
	}
	return false
}

// excluded reports whether peer (bidding with address evm) may not take
// an attempt of t: it failed the task, or it holds the task already or
// shares a peer id, EVM address or network with a provider that does, so
// replicas come from distinct providers.
func (m *Market) excluded(t *Task, peer, evm string) bool {
	if len(t.Attempts) == 0 {
		return false
	}
	return m.excludedBy(t, peer, evm, m.offers[peer])
}

// excludedBy is excluded for peer's cached offer o (nil: none).
func (m *Market) excludedBy(t *Task, peer, evm string, o *offer) bool {
	if failedOn(t, peer) {
		return true
	}
	oevm := ""
	if o != nil {
		oevm = o.EVM
	}
	net, netKnown := "", false
	for _, a := range t.Attempts {
		if !a.holds() {
			continue
		}
		if a.Provider == peer {
			return true
		}
		if a.Funder != "" && a.Funder == m.funders[peer] {
			return true
		}
		if a.Net != "" {
			if !netKnown {
				net, netKnown = m.nets[peer], true
			}
			if net != "" && a.Net == net {
				return true
			}
		}
		for _, e := range []string{evm, oevm} {
			if e != "" && strings.EqualFold(a.EVM, e) {
				return true
			}
		}
	}
	return false
}

// excludedAll reports whether offer o may take none of tasks.
func (m *Market) excludedAll(tasks []*Task, o *offer) bool {
	for _, t := range tasks {
		if !m.excludedBy(t, o.Peer, o.EVM, o) {
			return false
		}
	}
	return true
}

func (m *Market) assign(now time.Time, j *Job, t *Task, peer string, b wire.Bid) {
	n := len(t.Attempts) + 1
	deadline := now.Add(time.Duration(j.Spec.Timeout) + m.cfg.ResultGrace)
	t.Attempts = append(t.Attempts, Attempt{N: n, Provider: peer, EVM: b.EVM, Price: b.Price, State: attemptAssigned, Started: now, Deadline: deadline, Net: m.nets[peer], Funder: m.funders[peer]})
	state := TaskAssigned
	if t.State == TaskRunning || t.State == TaskVerifying {
		state = t.State // another replica is further along
	}
	t.State, t.Reason, t.Provider, t.ProviderEVM, t.Price = state, fmt.Sprintf("assigned to %s at %s DECO (attempt %d)", shortPeer(peer), b.Price, n), peer, b.EVM, b.Price
	m.inflight[peer]++
	m.slotsChanged(peer)
	heap.Push(&m.deadlines, dueAt{at: deadline, job: j, task: t.Index, n: n})
	m.touch(now, j, t)
	if j.State == JobPending {
		j.State, j.Reason = JobRunning, "tasks are running"
		m.touch(now, j, nil)
	}
	m.logf(now, j, t.Index, "assigned to %s (attempt %d, price %s)", shortPeer(peer), n, b.Price)
	if j.policy.Policy == spec.VerifyAdaptive && t.replicas() < 2 {
		m.adapt(now, j, t, peer, n)
	}
	// Under a quorum the voucher waits for other results: the provider
	// must not hold this consumer's next tasks until it comes.
	quorum := j.policy.Policy == spec.VerifyReplicate || j.policy.Policy == spec.VerifyAdaptive
	spec := m.taskSpec(j, t.Index, n)
	if c := t.Checkpoint; c != nil && t.replicas() < 2 {
		// Replicas start fresh: one provider's state must not decide what
		// the others compute.
		spec.Resume = c.Root
		t.Attempts[n-1].Resume, t.Attempts[n-1].From = c.Root, c.Permille
		if k := c.Attempt; k >= 1 && k < n && t.Attempts[k-1].From < c.Permille {
			t.Attempts[k-1].Segment = c.Permille - t.Attempts[k-1].From
		}
		m.logf(now, j, t.Index, "attempt %d resumes from checkpoint %s (%d.%d%% done by attempt %d)", n, c.Root.Short(), c.Permille/10, c.Permille%10, c.Attempt)
	}
	beat, missed := j.Spec.LeaseOf()
	m.emit(Assign{Peer: peer, EVM: b.EVM, Msg: wire.Assign{Spec: spec, Price: b.Price, Consumer: m.cfg.Consumer, Quorum: quorum},
		Lease: time.Duration(missed) * beat})
}

// checkpointed keeps an attempt's verified checkpoint as the task's
// latest, unless the task is replicated or it is older than the one kept.
func (m *Market) checkpointed(now time.Time, e Checkpointed) {
	j, t, _ := m.attemptOf(e.Task, e.Attempt)
	if j == nil || t.replicas() >= 2 {
		return
	}
	if c := t.Checkpoint; c != nil && c.Attempt == e.Attempt && c.Seq >= e.Checkpoint.Seq {
		return
	}
	t.Checkpoint = &e.Checkpoint
	m.touch(now, j, t)
}

// TaskSpec returns what a provider receives for task i of j on attempt n.
func (m *Market) taskSpec(j *Job, i, n int) wire.TaskSpec {
	kind := wire.KindWasm
	if j.policy.Policy == spec.VerifyZK {
		kind = wire.KindZK // the program is a proving key: the task is a proof
	}
	return wire.TaskSpec{
		Task: wire.TaskID{Job: j.ID, Index: i}, Count: j.Spec.Tasks.Count, Attempt: n,
		Program: j.Spec.Program.CID, ProgramSize: j.Spec.Program.Size,
		Args: j.Spec.ArgsFor(i), Env: j.Spec.EnvFor(i), Inputs: j.Spec.InputsFor(i),
		MemoryLimit: uint64(j.Spec.Resources.Memory), TimeoutMs: time.Duration(j.Spec.Timeout).Milliseconds(),
		MaxOutput: int64(j.Spec.MaxOutput), Kind: kind, HeartbeatMs: heartbeatMs(j.Spec),
		CheckpointEveryMs: j.Spec.CheckpointEvery().Milliseconds(), CheckpointMax: j.Spec.CheckpointSize(),
	}
}

// heartbeatMs is the heartbeat interval a task names: 0 for the default,
// so specs of jobs that set none stay as they were.
func heartbeatMs(s spec.Job) int64 {
	if beat, _ := s.LeaseOf(); beat != spec.DefaultHeartbeat {
		return beat.Milliseconds()
	}
	return 0
}

// attemptOf finds the live attempt an event refers to.
func (m *Market) attemptOf(id wire.TaskID, n int) (*Job, *Task, *Attempt) {
	j, t, a := m.attemptAt(id, n)
	if a == nil || !a.Live() {
		return nil, nil, nil
	}
	return j, t, a
}

func (m *Market) progress(now time.Time, e Progress) {
	j, t, a := m.attemptOf(e.Task, e.Attempt)
	if j == nil {
		return
	}
	for _, out := range []struct {
		stream string
		b      []byte
	}{{"stdout", e.Stdout}, {"stderr", e.Stderr}} {
		if len(out.b) > 0 {
			m.ready.Logs = append(m.ready.Logs, Log{Job: j.ID, Index: t.Index, At: now, Text: string(out.b), Stream: out.stream, Attempt: a.N})
		}
	}
	if e.Permille > 0 && e.Permille <= 1000 && e.Permille != a.Permille {
		a.Permille = e.Permille
		m.touch(now, j, t)
	}
	switch e.State {
	case "running":
		if a.State == attemptAssigned {
			a.State, t.Reason = attemptRunning, "running on "+shortPeer(a.Provider)
			t.State = t.progress()
		}
	case "verifying":
		a.State, t.Reason = attemptVerifying, "checking the receipt and outputs from "+shortPeer(a.Provider)
		t.State = t.progress()
	default:
		return
	}
	if e.Message != "" {
		t.Reason += ": " + e.Message
	}
	m.touch(now, j, t)
}

func (m *Market) outcome(now time.Time, e Outcome) {
	j, t, a := m.attemptOf(e.Task, e.Attempt)
	if j == nil {
		return
	}
	v := e.Verdict
	if v.Evidence != nil {
		m.emit(Fraud{Peer: a.Provider, Task: e.Task, Evidence: *v.Evidence})
		m.logf(now, j, t.Index, "provable fraud by %s: %s", shortPeer(a.Provider), v.Evidence.Kind)
		v.OK, v.ProgramFault = false, false
		if v.Reason == "" {
			v.Reason = "the provider's " + string(v.Evidence.Kind) + " is provable fraud"
		}
	}
	if v.Receipt != nil {
		a.Receipt, a.Signature = v.Receipt, v.Signature
		m.equivocation(now, j, t, a)
	}
	lied := m.falseTimeLimit(now, j, t, a, &v)
	if v.Unreachable && !v.OK {
		if _, gone := m.unreachable[a.Provider]; !gone {
			m.unreachable[a.Provider] = now
			m.retaint(a.Provider)
			m.logf(now, j, t.Index, "%s is unreachable: no work for it until it is heard from again", shortPeer(a.Provider))
		}
	}
	single := t.replicas() == 1 && j.policy.Policy != spec.VerifyAdaptive && t.Known == ""
	obs := sched.Observation{Peer: a.Provider, Program: j.Spec.Program.CID, OK: v.OK, ProviderFault: !v.OK && !v.ProgramFault, Duration: v.Duration, Benchmark: v.Benchmark}
	if o, ok := m.offers[a.Provider]; ok && obs.Benchmark == 0 {
		obs.Benchmark = o.Benchmark
	}
	if single || !v.OK {
		// Under replication an OK result is observed once the quorum has
		// judged it.
		m.sched.Observe(obs)
	}
	switch {
	case v.Evidence != nil:
		m.rep.Observe(now, a.Provider, j.Spec.Program.CID, verify.Invalid)
		m.markTaint(a.Provider)
	case !v.OK && !v.ProgramFault && !lied:
		m.rep.Observe(now, a.Provider, "", verify.Fault)
	}
	res := &Result{ExitCode: v.ExitCode, Outputs: v.Outputs, Stdout: v.Stdout, Stderr: v.Stderr, DurationMs: v.Duration.Milliseconds(), Compiled: v.Compiled,
		LogsTruncated: v.LogsTruncated}
	if v.OK && !single {
		// Every result votes with its manifest's root, even an empty one.
		a.State, a.Ended, a.OutputRoot, a.Result, a.Withheld = attemptSubmitted, now, v.Outputs.Root(), res, v.Withheld
		a.Reason = "receipt and outputs check out; waiting for the quorum"
		m.release(a.Provider)
		m.touch(now, j, t) // saved: a restart keeps the result
		m.logf(now, j, t.Index, "result from %s in %s: output root %s", shortPeer(a.Provider), v.Duration.Round(time.Millisecond), a.OutputRoot.Short())
		j.nextRound = now
		m.decide(now, j, t)
		return
	}
	if paidFailure(j, v) && !single {
		m.voteFailure(now, j, t, a, v, res)
		return
	}
	if v.OK || v.ProgramFault {
		// The program ran to a verdict: record what it produced.
		m.record(t, a, res, v.Receipt, v.Signature)
		t.OutputRoot = outputRoot(v)
	}
	if v.OK {
		a.State, a.Ended, a.OutputRoot, a.Reason = attemptVerified, now, t.OutputRoot, "receipt verified"
		if v.Withheld {
			a.Withheld, a.Result = true, res // Fetch takes the blobs to store from it
		}
		t.State, t.Reason = TaskVerified, fmt.Sprintf("verified: receipt signed by %s matches outputs %s", shortAddr(a.EVM), t.OutputRoot.Short())
		m.holdForChecker(j, a) // or release the slot
		m.touch(now, j, t)
		m.logf(now, j, t.Index, "verified on %s in %s (output root %s)", shortPeer(a.Provider), v.Duration.Round(time.Millisecond), t.OutputRoot.Short())
		// No quorum: the provider queues this consumer's next tasks until
		// the voucher comes and calls it a debtor after PayGrace
		// (provider/debts.go), so pay does not wait for a local check,
		// which may take as long as the task; a mismatch still convicts
		// the provider and strikes the paid result.
		m.sampleCheck(now, j, t, t.OutputRoot, a.N)
		m.pay(j, t, a)
		m.runChecker(now, j, t, a) // check policy, outputs here already
		m.paySegments(now, j, t)
		// A backup attempt still running lost the race.
		m.drop(now, j, t, attemptCancelled, "another attempt of the task was verified first")
		// Reputation only: a result nobody checked earns no adaptive trust.
		m.rep.Observe(now, a.Provider, "", verify.Unchecked)
		j.nextRound = now
		m.settle(now, j)
		return
	}
	if v.ProgramFault {
		m.failAlone(now, j, t, a, v)
		j.nextRound = now
		return
	}
	m.failAttempt(now, j, t, a, true, v.Reason)
	if v.Evidence != nil {
		m.recheck(now, a.Provider, fmt.Sprintf("%s was caught cheating (%s)", shortPeer(a.Provider), v.Evidence.Kind))
	}
}

// outputRoot is the output root a verdict stands for ("" when the program
// produced neither outputs nor a receipt).
func outputRoot(v Verdict) wire.CID {
	if len(v.Outputs.Entries) == 0 && v.Receipt == nil {
		return ""
	}
	return v.Outputs.Root()
}

// record makes res (from attempt a) the task's result.
func (m *Market) record(t *Task, a *Attempt, res *Result, r *wire.Receipt, sig []byte) {
	t.ExitCode, t.Outputs, t.Stdout, t.Stderr = res.ExitCode, res.Outputs, res.Stdout, res.Stderr
	t.LogsTruncated = res.LogsTruncated
	t.Receipt, t.Signature, t.DurationMs, t.Compiled = r, sig, res.DurationMs, res.Compiled
	t.OutputRoot = a.OutputRoot
	t.Provider, t.ProviderEVM, t.Price = a.Provider, a.EVM, a.Price
}

// pay emits Pay for an accepted attempt, once.
func (m *Market) pay(j *Job, t *Task, a *Attempt) {
	if a.Paid || a.Unpaid != "" {
		return
	}
	a.Paid = true
	m.emit(Pay{Peer: a.Provider, EVM: a.EVM, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Price: a.Price})
	m.fetch(j, t, a)
}

// paySegments pays each earlier attempt of t, verified from a run that
// resumed from its checkpoint, the share of its price its segment of the
// work is (Attempt.Segment): a provider that died late is paid for what
// it delivered. The voucher reaches it when it is back (vouchers are
// cumulative); it releases no bytes, since there are none to fetch.
func (m *Market) paySegments(now time.Time, j *Job, t *Task) {
	for i := range t.Attempts {
		a := &t.Attempts[i]
		if a.Segment <= 0 || a.Paid || a.Unpaid != "" || a.State == attemptVerified {
			continue
		}
		seg := wire.Amount(min(a.Segment, 1000))
		share := a.Price/1000*seg + a.Price%1000*seg/1000 // no overflow
		if share == 0 {
			continue
		}
		a.Paid = true
		a.Reason += fmt.Sprintf("; paid %s of the %s DECO price for the %d.%d%% of the task the next attempt resumed from", share, a.Price, a.Segment/10, a.Segment%10)
		m.emit(Pay{Peer: a.Provider, EVM: a.EVM, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Price: share})
		m.touch(now, j, t)
		m.logf(now, j, t.Index, "attempt %d on %s paid %s for its segment (%d.%d%%)", a.N, shortPeer(a.Provider), share, a.Segment/10, a.Segment%10)
	}
}

// attemptAt finds attempt n (1-based) of task id, live or ended, or nils
// when an event names a job, task or attempt this market does not hold.
func (m *Market) attemptAt(id wire.TaskID, n int) (*Job, *Task, *Attempt) {
	j := m.jobs[id.Job]
	if j == nil || id.Index < 0 || id.Index >= len(j.Tasks) {
		return nil, nil, nil
	}
	t := j.Tasks[id.Index]
	if n < 1 || n > len(t.Attempts) {
		return nil, nil, nil
	}
	return j, t, &t.Attempts[n-1]
}

// unpaid records that the Pay for an attempt was not carried out, so the
// job shows it unpaid rather than paid.
func (m *Market) unpaid(now time.Time, e Unpaid) {
	j, t, a := m.attemptAt(e.Task, e.Attempt)
	if a == nil || !a.Paid {
		return
	}
	a.Paid, a.Unpaid = false, e.Reason
	a.Reason += "; not paid: " + e.Reason
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "result from %s accepted but not paid: %s", shortPeer(a.Provider), e.Reason)
	if a.Withheld && a.State == attemptVerified {
		m.lost(now, j, t, a, false, fmt.Sprintf("this node did not pay %s (%s), so it keeps the outputs", shortPeer(a.Provider), e.Reason))
	}
}

func (m *Market) release(peer string) {
	if m.inflight[peer] > 0 {
		m.inflight[peer]--
	}
	if m.inflight[peer] == 0 {
		delete(m.inflight, peer)
	}
	m.slotsChanged(peer)
	m.freed[peer] = true // drive offers the slot to jobs waiting for one
}

// failAttempt ends live attempt a through the provider's fault and
// retries the task elsewhere, or fails it after MaxAttempts attempts
// without a result.
//
// blame says whether the provider is at fault; an attempt cut short by
// something else (the consumer restarting) is "interrupted" and does not
// keep the task off that provider.
func (m *Market) failAttempt(now time.Time, j *Job, t *Task, a *Attempt, blame bool, reason string) {
	if a == nil || !a.Live() {
		return
	}
	a.State, a.Ended, a.Reason = attemptFailed, now, reason
	if !blame {
		a.State = attemptInterrupted
	}
	m.release(a.Provider)
	m.logf(now, j, t.Index, "attempt %d on %s failed: %s", a.N, shortPeer(a.Provider), reason)
	j.nextRound = now
	if n := t.failures(); n >= m.cfg.MaxAttempts {
		if m.keepAccepted(now, j, t, fmt.Sprintf("the re-check gave up after %d attempts; last: %s", n, reason)) {
			return
		}
		m.failTask(now, j, t, fmt.Sprintf("gave up after %d attempts; last: %s", n, reason))
		return
	}
	if t.replicas() > 1 || len(t.LiveAttempts()) > 0 {
		t.State, t.Reason, t.waitingSince = t.progress(), "replacing a replica on another provider after: "+reason, now
		m.touch(now, j, t)
		return
	}
	t.State, t.Reason, t.Provider, t.ProviderEVM, t.waitingSince = TaskRetrying, "retrying on another provider after: "+reason, "", "", now
	m.touch(now, j, t)
}

// failTask ends t as failed, stopping its other replicas unpaid.
func (m *Market) failTask(now time.Time, j *Job, t *Task, reason string) {
	m.drop(now, j, t, attemptCancelled, "the task failed: "+reason)
	t.State, t.Reason = TaskFailed, reason
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "task failed: %s", reason)
	m.settle(now, j)
}

// drop ends t's live attempts (Abort) and its results still waiting for
// a quorum (Reject) as state, unpaid.
func (m *Market) drop(now time.Time, j *Job, t *Task, state, reason string) {
	id := wire.TaskID{Job: j.ID, Index: t.Index}
	for i := range t.Attempts {
		a := &t.Attempts[i]
		switch {
		case a.Live():
			a.State, a.Ended, a.Reason = state, now, reason
			m.release(a.Provider)
			m.emit(Abort{Peer: a.Provider, Task: id, Attempt: a.N})
		case a.State == attemptSubmitted:
			a.State, a.Reason = state, reason
			m.emit(Reject{Peer: a.Provider, Task: id, Attempt: a.N, Reason: reason})
		}
	}
}
