package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// This file holds what the market does beyond the single receipt:
// replicate:K and adaptive replication decide a task by the output root a
// strict majority of distinct providers returned (verify.Quorum), pay the
// winners only, and move reputation and trust.

func policyNote(v spec.Verification) string {
	switch v.Policy {
	case spec.VerifyReplicate:
		return fmt.Sprintf("every task runs on %d distinct providers and the output root a strict majority returns wins; the others are not paid", v.Replicas)
	case spec.VerifyAdaptive:
		return "a provider's results are replicated on a second provider until it has a run of valid ones for this program, then spot-checked at random; a wrong result resets its trust and re-checks its unchecked work"
	case spec.VerifyZK:
		return "every task returns a zk proof that is verified before it is accepted"
	case spec.VerifyCheck:
		return checkerNote
	}
	return "the provider's signed receipt must match the outputs"
}

// bound is the most replicas a task of j may run to reach a majority.
func (m *Market) bound(j *Job) int {
	switch j.policy.Policy {
	case spec.VerifyReplicate:
		return j.policy.Replicas + m.cfg.ExtraReplicas
	case spec.VerifyAdaptive:
		return 2 + m.cfg.ExtraReplicas
	}
	return 1
}

// adapt decides whether the result of attempt n of t, just assigned to
// peer, is replicated: always while peer is not trusted with the program,
// at random (a spot-check) once it is.
func (m *Market) adapt(now time.Time, j *Job, t *Task, peer string, n int) {
	tr := m.rep.Trust(peer, j.Spec.Program.CID)
	key := fmt.Sprintf("%s/%d/%d/%s", j.ID, t.Index, n, peer)
	t.Replicas = 1
	if !m.cfg.Adaptive.Replicate(tr, key) {
		return
	}
	t.Replicas = 2
	if req := m.cfg.Adaptive.Required(tr); tr.Run < req {
		m.logf(now, j, t.Index, "replicating on a second provider: %s has %d of the %d consecutive valid results it needs to be trusted with this program", shortPeer(peer), tr.Run, req)
	} else {
		m.logf(now, j, t.Index, "spot-check: a second provider replicates this task (%s is trusted, run %d)", shortPeer(peer), tr.Run)
	}
}

// votes returns t's results that count toward the quorum and the index of
// each one's attempt.
func votes(t *Task) ([]verify.Vote, []int) {
	var vs []verify.Vote
	var at []int
	for i, a := range t.Attempts {
		if a.vote() {
			vs = append(vs, verify.Vote{Provider: a.Provider, EVM: a.EVM, Net: a.Net, Root: a.root()})
			at = append(at, i)
		}
	}
	return vs, at
}

// decide judges t by its results so far: accept an output root a strict
// majority holds, fail the task when no majority is possible within the
// bound, or ask for more replicas. It reports whether t ended.
func (m *Market) decide(now time.Time, j *Job, t *Task) bool {
	if t.Known != "" {
		return m.judgeKnown(now, j, t) // the consumer's own run decides
	}
	if t.Checking {
		return false // the consumer's own run will decide
	}
	m.dropConvicted(now, j, t)
	vs, at := votes(t)
	if len(vs) == 0 {
		return false
	}
	if m.settleSplit(now, j, t, vs, at) {
		return false
	}
	if j.policy.Policy == spec.VerifyAdaptive && t.replicas() == 1 && len(vs) == 1 {
		// Trust is judged again on arrival: a provider caught lying since
		// it was assigned the task gets its result replicated.
		if tr := m.rep.Trust(vs[0].Provider, j.Spec.Program.CID); tr.Run < m.cfg.Adaptive.Required(tr) {
			t.Replicas = 2
			m.logf(now, j, t.Index, "replicating on a second provider: %s lost the trust it had when it was assigned the task", shortPeer(vs[0].Provider))
		}
	}
	d := verify.Quorum(vs, t.replicas())
	if d.Accepted {
		m.accept(now, j, t, d, at, "")
		return true
	}
	if b := m.bound(j); d.Want > b {
		m.failTask(now, j, t, fmt.Sprintf("no output root won a strict majority of distinct providers (%s); gave up after %d replicas, the most %s allows", verify.Tally(vs), max(t.replicas(), d.Counted), j.policy))
		return true
	}
	if d.Want > t.replicas() {
		m.logf(now, j, t.Index, "results disagree (%s): asking %d more providers", verify.Tally(vs), d.Want-t.replicas())
		t.Replicas = d.Want
		m.touch(now, j, t)
	}
	live := len(t.LiveAttempts()) > 0
	if j.policy.Policy == spec.VerifyAdaptive && !live && !m.couldReplicate(now, j, t) {
		if solo := verify.Quorum(vs, 1); solo.Accepted && len(solo.Losers) == 0 {
			m.accept(now, j, t, solo, at, "no other eligible provider is known to replicate it")
			return true
		}
	}
	if st := t.progress(); st != t.State && !live {
		t.State, t.waitingSince = st, now
		t.Reason = fmt.Sprintf("waiting for %d more provider(s) to replicate the result (%s so far)", t.wants(), verify.Tally(vs))
		m.touch(now, j, t)
	}
	return false
}

// settleSplit hands a task whose results disagree to the consumer's own
// run when the job allows local checks, and reports whether it did. Honest
// providers agree on a deterministic program's root, so a split means
// someone lied, and a majority may be colluders outvoting an honest
// provider: a vote would pay them, the consumer's run convicts them. It
// also saves the extra replicas a vote would need.
func (m *Market) settleSplit(now time.Time, j *Job, t *Task, vs []verify.Vote, at []int) bool {
	if t.NoLocal || m.localRate(j) <= 0 || !split(vs) {
		return false
	}
	first := &t.Attempts[at[0]]
	t.Reason = fmt.Sprintf("results disagree (%s): the consumer runs the task itself to settle it", verify.Tally(vs))
	m.checkLocal(now, j, t, first.N, first.root(), t.Reason)
	m.touch(now, j, t)
	return true
}

// dropConvicted rejects the results of t that providers convicted of
// lying since their assignment returned: they do not vote.
func (m *Market) dropConvicted(now time.Time, j *Job, t *Task) {
	for i := range t.Attempts {
		a := &t.Attempts[i]
		if a.State != attemptSubmitted || !m.convicted[a.Provider] {
			continue
		}
		a.State, a.Reason = attemptRejected, "its provider was convicted of lying after it was assigned the task"
		m.emit(Reject{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Reason: a.Reason})
		m.touch(now, j, t)
	}
}

// split reports whether vs hold more than one output root.
func split(vs []verify.Vote) bool {
	for _, v := range vs[1:] {
		if v.Root != vs[0].Root {
			return true
		}
	}
	return false
}

// couldReplicate reports whether some known provider may take another
// replica of t (busy or not).
func (m *Market) couldReplicate(now time.Time, j *Job, t *Task) bool {
	need := j.Spec.Resources
	for _, o := range m.offers {
		if o.Ask <= j.Spec.Price.Max && !m.suspect(o.Peer, now) && o.Resources.Memory >= uint64(need.Memory) && o.Resources.Cores >= need.CPU &&
			len(o.Resources.GPUs) >= need.GPU && hasLabels(o.Labels, j.Spec.Labels) && !m.excluded(t, o.Peer, j.standing[o.Peer].bid.EVM) {
			return true
		}
	}
	return false
}

// accept makes d's root t's result: winners are paid and gain trust,
// losers lose it (their unchecked work elsewhere is re-checked), replicas
// still in flight are stopped. note explains a single unreplicated result.
func (m *Market) accept(now time.Time, j *Job, t *Task, d verify.Decision, at []int, note string) {
	if t.Attempts[at[d.Winners[0]]].Failure != "" {
		m.failAgreed(now, j, t, d, at) // the program's failure won
		return
	}
	prog := j.Spec.Program.CID
	quorum := len(d.Winners)
	check := m.sampleCheck(now, j, t, d.Root, t.Attempts[at[d.Winners[0]]].N) // pay waits for it
	strangers := m.strangers(j, t, d, at)
	vouched := m.vouchers(j, t, d, at)
	for k, w := range d.Winners {
		a := &t.Attempts[at[w]]
		a.Vouched = a.Vouched || vouched[k]
		if a.State != attemptSubmitted {
			a.Unchecked = a.Unchecked && quorum == 1 // a re-check confirmed it
			if !a.Unchecked && !a.Strangers && !check {
				m.pay(j, t, a) // held until now (see holdPay)
			}
			continue
		}
		a.State, a.Strangers = attemptVerified, strangers
		a.Reason = fmt.Sprintf("agrees with %d of %d providers", quorum, max(t.replicas(), d.Counted))
		if quorum == 1 {
			a.Reason, a.Unchecked = "receipt verified; accepted without a replica", true
			m.rep.Observe(now, a.Provider, prog, verify.Unchecked)
		} else {
			m.rep.Observe(now, a.Provider, prog, verify.Validated)
		}
		m.observe(j, a, true)
		if holdPay(j, a) {
			a.Reason += "; paid when the job ends unless a re-check rejects it"
			if a.Strangers {
				a.Reason += " (none of the providers that agree is trusted with this program yet)"
			}
		} else if check {
			a.Reason += "; paid once the consumer's own run of the task agrees"
		} else {
			m.pay(j, t, a)
		}
	}
	id := wire.TaskID{Job: j.ID, Index: t.Index}
	var cheats []string
	for _, l := range d.Losers {
		a := &t.Attempts[at[l]]
		was := a.State
		a.State = attemptRejected
		a.Reason = fmt.Sprintf("output root %s lost to %s (%s)", a.root().Short(), d.Root.Short(), verify.Tally(votesOnly(t, at)))
		if was == attemptSubmitted {
			m.emit(Reject{Peer: a.Provider, Task: id, Attempt: a.N, Reason: a.Reason})
		} else if a.Paid {
			a.Reason += "; it had been accepted unchecked and paid"
		} else {
			a.Reason += "; it had been accepted unchecked and is not paid"
		}
		m.logf(now, j, t.Index, "result from %s rejected: %s", shortPeer(a.Provider), a.Reason)
		m.rep.Observe(now, a.Provider, prog, verify.Invalid)
		m.markTaint(a.Provider)
		m.observe(j, a, false)
		cheats = append(cheats, a.Provider)
	}
	m.drop(now, j, t, attemptCancelled, "not needed: a majority agreed on the output root")
	win := &t.Attempts[at[d.Winners[0]]]
	if win.Result != nil {
		m.record(t, win, win.Result, win.Receipt, win.Signature)
	}
	t.State, t.Quorum = TaskVerified, quorum
	switch {
	case quorum > 1:
		t.Reason = fmt.Sprintf("verified: %d of %d providers agree on output root %s", quorum, max(t.replicas(), d.Counted), d.Root.Short())
	case note != "":
		t.Reason = fmt.Sprintf("verified without a replica (%s): receipt signed by %s matches outputs %s", note, shortAddr(win.EVM), d.Root.Short())
	default:
		t.Reason = fmt.Sprintf("verified: receipt signed by %s matches outputs %s (not replicated: %s is trusted with this program, run %d)",
			shortAddr(win.EVM), d.Root.Short(), shortPeer(win.Provider), m.rep.Trust(win.Provider, prog).Run)
	}
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "%s", t.Reason)
	j.nextRound = now
	for _, p := range cheats {
		why := fmt.Sprintf("%s returned a wrong result for task %d of job %s", shortPeer(p), t.Index, j.ID.Short())
		m.recheck(now, p, why)
		if m.suspect(p, now) {
			// Its wrong results outweigh its good ones: its quorum wins
			// may be a partner's lies too.
			m.strikeAll(now, p, why)
		} else {
			m.strikeTainted(now, p, why)
		}
	}
	m.settle(now, j)
}

// holdPay reports whether a's payment waits for the end of its job: an
// adaptive job's result accepted without a replica (its provider was
// trusted, or nobody could replicate it) is paid only once the job ends
// without a re-check rejecting it, so a trusted provider caught cheating
// later in the job is not paid for the wrong results it slipped through;
// so is a result that won a quorum of strangers (see strangers).
func holdPay(j *Job, a *Attempt) bool {
	return a.Strangers || (a.Unchecked && j.policy.Policy == spec.VerifyAdaptive)
}

// strangers reports whether d, a quorum of several providers for t,
// rests on providers none of which is trusted with the program and on no
// run of the consumer's own. Such a quorum is the one colluding
// identities can win among themselves: they agree on a wrong root when
// drawn as each other's replicas, and nothing else has judged them yet.
// Its pay waits for the job's end (holdPay), by when one of them has
// usually met an honest replica, lost, and been convicted by the
// consumer's run of the split, which strikes the quorum unpaid. It costs
// no replica, only the wait.
func (m *Market) strangers(j *Job, t *Task, d verify.Decision, at []int) bool {
	if len(d.Winners) < 2 || (t.Known != "" && d.Root == t.Known) {
		return false
	}
	for _, w := range d.Winners {
		tr := m.rep.Trust(t.Attempts[at[w]].Provider, j.Spec.Program.CID)
		if tr.Run >= m.cfg.Adaptive.Required(tr) {
			return false
		}
	}
	return true
}

// vouchers reports, for each winner of d, whether its result was
// confirmed independently of its provider: by the consumer's own run, or
// by another winner trusted with the program. A stranger agreeing may be
// its provider's Sybil.
func (m *Market) vouchers(j *Job, t *Task, d verify.Decision, at []int) []bool {
	out := make([]bool, len(d.Winners))
	known := t.Known != "" && d.Root == t.Known
	for k := range d.Winners {
		out[k] = known
		for i, w := range d.Winners {
			if i == k || out[k] {
				continue
			}
			tr := m.rep.Trust(t.Attempts[at[w]].Provider, j.Spec.Program.CID)
			out[k] = tr.Run >= m.cfg.Adaptive.Required(tr)
		}
	}
	return out
}

// closingChecks spot-checks, as an adaptive job ends, the held results of
// each provider that no confirmation covers, and reports whether the job
// must wait for checks before its held results are paid. Held pay is the
// last chance to catch a lie before it is paid: once paid, a lie found
// later is struck but stays paid.
//
// A held result is covered when it, or one of the provider's next results
// for the program (in the order they were assigned, in any job of this
// market; as many as gap allows), was confirmed by another provider or by
// the consumer's own run, or is being checked. That covers a provider
// that turned to lying after earning trust (it lies on every result from
// then on, so a later result that passed means this one was honest too),
// and keeps a confirmed result in every gap for one that lies on a share
// of its results. Checks made anywhere (spot-checks, replicas it ran,
// known answers, the closing checks of other jobs) count, so concurrent
// jobs of one program share them. For an uncovered result, the latest
// still unpaid result within its gap runs again on another provider; it
// may belong to another running job, which it then covers too, and this
// job waits for it.
func (m *Market) closingChecks(now time.Time, j *Job) bool {
	if j.policy.Policy != spec.VerifyAdaptive {
		return false
	}
	if m.awaiting(j) {
		return true
	}
	if len(j.Tasks) == 1 {
		// A job of one task is paid on trust (its spot-check and the
		// consumer's local checks): a closing check would run every
		// one-task job twice, as its check costs about providers / tasks
		// per job in replicas.
		return false
	}
	prog := j.Spec.Program.CID
	var peers []string
	seen := map[string]bool{}
	for _, t := range j.Tasks {
		for i := range t.Attempts {
			if a := &t.Attempts[i]; heldResult(t, a) && !j.closing[a.Provider] && !seen[a.Provider] {
				seen[a.Provider] = true
				peers = append(peers, a.Provider)
			}
		}
	}
	if len(peers) == 0 {
		return false
	}
	if j.closing == nil {
		j.closing = map[string]bool{}
	}
	hist := m.histories(prog, seen)
	for _, p := range peers {
		j.closing[p] = true
		ms := hist[p]
		per := m.gap(p, prog)
		var open []int
		for i, x := range ms {
			if x.j != j || !heldResult(x.t, x.a) {
				continue
			}
			window := ms.after(i, per)
			if c := slices.IndexFunc(window, func(y mark) bool { return y.confirmed || y.pending }); c >= 0 {
				if y := window[c]; y.pending {
					j.await = append(j.await, y.t)
				}
				continue
			}
			open = append(open, i)
		}
		drawn := map[*Attempt]bool{}
		for _, i := range open {
			window := ms.after(i, per)
			if slices.ContainsFunc(window, func(y mark) bool { return drawn[y.a] }) {
				continue // covered by a check drawn for an earlier one
			}
			var can []int
			for k, y := range window {
				if y.checkable(now, m) {
					can = append(can, k)
				}
			}
			if len(can) == 0 {
				continue // nothing left to check it by: paid unchecked
			}
			// The latest covers the most: every uncovered result up to
			// Threshold before it. Which one it is turns on which of the
			// provider's results were accepted unchecked, which it cannot
			// tell (spot-checks and replicas are drawn in secret).
			y := window[can[len(can)-1]]
			drawn[y.a] = true
			j.await = append(j.await, y.t)
			m.replicateAgain(now, y.j, y.t, fmt.Sprintf("closing spot-check: %s's results went unchecked and none of the ones that followed was confirmed, so this one runs again on another provider before they are paid", shortPeer(p)))
		}
	}
	return m.awaiting(j)
}

// gap is how many results of peer may follow one of its held results
// before a confirmed one must: the interval between spot-checks (1 / the
// spot-check probability) its trust would give it if only its confirmed
// results counted, not those accepted unchecked; at least Threshold and
// at most twice it, so a provider that lies on a share of its results is
// paid at most that many results per check it passes, however long its
// run (a sometimes-wrong provider lucky with its first checks was paid 31
// lies in 10,000 tasks with no cap).
func (m *Market) gap(peer string, prog wire.CID) int {
	c := m.cfg.Adaptive
	n := c.Threshold
	tr := m.rep.Trust(peer, prog)
	tr.Run = min(tr.Run, tr.Valid)
	if p := c.Probability(tr); p > 0 {
		n = max(n, min(int(math.Ceil(1/p)), 2*c.Threshold))
	}
	return max(n, 1)
}

// heldResult reports whether a is a result of t accepted unchecked whose
// pay waits for the job's end (see holdPay).
func heldResult(t *Task, a *Attempt) bool {
	return t.State == TaskVerified && t.Known == "" && a.State == attemptVerified && a.Unchecked && !a.Paid
}

// awaiting reports whether a check j's closing relies on is still
// running, and forgets the ones that ended.
func (m *Market) awaiting(j *Job) bool {
	j.await = slices.DeleteFunc(j.await, func(t *Task) bool { return t.State.Terminal() })
	if len(j.await) > 0 {
		m.closers[j.ID] = true
		return true
	}
	delete(m.closers, j.ID)
	return false
}

// wake settles the jobs whose closing waited for checks that ended.
func (m *Market) wake(now time.Time) {
	if len(m.closers) == 0 {
		return
	}
	ids := make([]wire.JobID, 0, len(m.closers))
	for id := range m.closers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if j := m.jobs[id]; j == nil || j.State.Terminal() {
			delete(m.closers, id)
		} else if !m.awaiting(j) {
			m.settle(now, j)
		}
	}
}

// history is, per provider, its results for one program in the order
// they were assigned.
type history map[string]marks

type marks []mark

// after returns the result at i and the next n assigned after it (one
// assigned at the same instant may have run first).
func (ms marks) after(i, n int) marks {
	out := marks{ms[i]}
	for k := i + 1; k < len(ms) && len(out) <= n; k++ {
		if ms[k].at.After(ms[i].at) {
			out = append(out, ms[k])
		}
	}
	return out
}

type mark struct {
	at        time.Time
	j         *Job
	t         *Task
	a         *Attempt
	confirmed bool // by another provider or the consumer's own run
	pending   bool // being checked again
}

// checkable reports whether x may be run again on another provider as a
// closing check: accepted unchecked, unpaid, in a running job.
func (x mark) checkable(now time.Time, m *Market) bool {
	return heldResult(x.t, x.a) && !x.t.Checking && (!x.j.State.Terminal()) && m.couldReplicate(now, x.j, x.t)
}

// histories collects the results of peers for prog across this market's
// jobs.
func (m *Market) histories(prog wire.CID, peers map[string]bool) history {
	h := history{}
	for _, j := range m.jobs {
		if j.Spec.Program.CID != prog {
			continue
		}
		for _, t := range j.Tasks {
			for i := range t.Attempts {
				a := &t.Attempts[i]
				if !peers[a.Provider] || !(a.vote() || a.Live() || a.State == attemptRejected || a.State == attemptStruck) {
					continue
				}
				x := mark{at: a.Started, j: j, t: t, a: a}
				x.confirmed = a.State == attemptVerified && (a.Vouched || (t.Known != "" && a.root() == t.Known))
				// Being checked: an unchecked result run again elsewhere, or a
				// result another provider's will be compared with.
				x.pending = !t.State.Terminal() && ((a.State == attemptVerified && a.Unchecked) || ((a.Live() || a.State == attemptSubmitted) && t.replicas() > 1))
				h[a.Provider] = append(h[a.Provider], x)
			}
		}
	}
	for _, ms := range h {
		slices.SortFunc(ms, func(a, b mark) int {
			if c := a.at.Compare(b.at); c != 0 {
				return c
			}
			if c := strings.Compare(string(a.j.ID), string(b.j.ID)); c != 0 {
				return c
			}
			if a.t.Index != b.t.Index {
				return a.t.Index - b.t.Index
			}
			return a.a.N - b.a.N
		})
	}
	return h
}

// payHeld pays every accepted result of j whose payment was held (see
// holdPay); the driver calls it when j ends, whatever its end.
func (m *Market) payHeld(now time.Time, j *Job) {
	for _, t := range j.Tasks {
		if t.State != TaskVerified {
			continue
		}
		for i := range t.Attempts {
			if a := &t.Attempts[i]; a.State == attemptVerified && !a.Paid {
				// Pay may wait for a re-check only if the consumer holds the
				// outputs already: withheld ones come after the voucher, and
				// the job ends only once they are stored.
				if a.Unchecked && !a.Withheld && m.rep.Trust(a.Provider, j.Spec.Program.CID).Unchecked > 0 {
					m.owe(now, j, t, a) // its provider's latest results are unchecked too
					continue
				}
				m.pay(j, t, a)
				m.touch(now, j, t) // the driver saves the task with its attempt paid
			}
		}
	}
}

// votesOnly is t's votes (for a tally in a reason).
func votesOnly(t *Task, at []int) []verify.Vote {
	out := make([]verify.Vote, len(at))
	for i, k := range at {
		a := t.Attempts[k]
		out[i] = verify.Vote{Provider: a.Provider, EVM: a.EVM, Net: a.Net, Root: a.root()}
	}
	return out
}

// observe tells the scheduler how a replicated result was judged.
func (m *Market) observe(j *Job, a *Attempt, ok bool) {
	o := sched.Observation{Peer: a.Provider, Program: j.Spec.Program.CID, OK: ok, ProviderFault: !ok}
	if ok && a.Result != nil {
		o.Duration = time.Duration(a.Result.DurationMs) * time.Millisecond
	}
	if off, found := m.offers[a.Provider]; found {
		o.Benchmark = off.Benchmark
	}
	m.sched.Observe(o)
}

// recheck reopens every task of a running job whose accepted result peer
// returned without a replica: each runs again on another provider and a
// majority decides it. It returns the number of tasks reopened.
func (m *Market) recheck(now time.Time, peer, why string) int {
	n := 0
	for _, j := range m.recheckable() {
		for _, t := range j.Tasks {
			if t.State != TaskVerified {
				continue
			}
			for i := range t.Attempts {
				a := &t.Attempts[i]
				if a.Provider != peer || a.State != attemptVerified || !a.Unchecked {
					continue
				}
				m.reopen(now, j)
				m.replicateAgain(now, j, t, "re-checking: "+why+"; its unchecked result for this task runs again on another provider")
				n++
				break
			}
		}
	}
	return n
}

// replicateAgain sends verified task t to one more provider, its accepted
// result kept as a vote; reason says why.
func (m *Market) replicateAgain(now time.Time, j *Job, t *Task, reason string) {
	t.Replicas, t.State, t.waitingSince = 2, TaskSubmitted, now
	t.Reason = reason
	m.touch(now, j, t)
	m.logf(now, j, t.Index, "%s", t.Reason)
	j.nextRound = now
}

// keepAccepted ends a re-check that cannot finish by keeping the result
// accepted before it. It reports whether t had one.
func (m *Market) keepAccepted(now time.Time, j *Job, t *Task, reason string) bool {
	for i := range t.Attempts {
		if a := &t.Attempts[i]; a.State == attemptVerified {
			m.drop(now, j, t, attemptCancelled, reason)
			if a.Result != nil {
				m.record(t, a, a.Result, a.Receipt, a.Signature)
			}
			t.State, t.Reason = TaskVerified, "verified without a re-check ("+reason+"): keeping the result accepted before"
			m.touch(now, j, t)
			m.logf(now, j, t.Index, "%s", t.Reason)
			m.settle(now, j)
			return true
		}
	}
	return false
}

// equivocation looks for another receipt the provider of a signed for t
// with a different output root: provable fraud.
func (m *Market) equivocation(now time.Time, j *Job, t *Task, a *Attempt) {
	for i := range t.Attempts {
		b := &t.Attempts[i]
		if b == a || b.Receipt == nil || !verify.Conflicting(*b.Receipt, *a.Receipt) {
			continue
		}
		m.emit(Fraud{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Evidence: verify.Equivocation(*b.Receipt, b.Signature, *a.Receipt, a.Signature)})
		m.logf(now, j, t.Index, "provable fraud: %s signed receipts for this task with output roots %s and %s", shortAddr(a.Receipt.Provider), b.Receipt.OutputRoot.Short(), a.Receipt.OutputRoot.Short())
		m.rep.Observe(now, a.Provider, j.Spec.Program.CID, verify.Invalid)
		m.markTaint(a.Provider)
		m.sched.Observe(sched.Observation{Peer: a.Provider, Program: j.Spec.Program.CID, ProviderFault: true})
		m.recheck(now, a.Provider, fmt.Sprintf("%s signed two different results for task %d of job %s", shortPeer(a.Provider), t.Index, j.ID.Short()))
		return
	}
}

// fraudProven applies checked evidence that arrived from outside.
func (m *Market) fraudProven(now time.Time, e FraudProven) {
	var prog wire.CID
	if e.Evidence.A != nil {
		prog = e.Evidence.A.Program
	}
	m.rep.Observe(now, e.Peer, prog, verify.Invalid)
	m.markTaint(e.Peer)
	m.sched.Observe(sched.Observation{Peer: e.Peer, Program: prog, ProviderFault: true})
	m.recheck(now, e.Peer, fmt.Sprintf("%s was proven to cheat (%s)", shortPeer(e.Peer), e.Evidence.Kind))
}
