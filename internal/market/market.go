package market

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Config tunes the market. The zero value of a field takes the default
// named in its comment.
type Config struct {
	Consumer         string        // consumer's EVM address, sent in bid requests
	AuctionWindow    time.Duration // how long a round waits for bids (300ms)
	MaxBidders       int           // providers asked per round (16)
	MaxAttempts      int           // attempts per task before it fails (4)
	ResultGrace      time.Duration // time beyond the task's timeout for transfers and compiling (60s)
	RetryBackoff     time.Duration // wait before another round when tasks are left (500ms)
	PlacementTimeout time.Duration // a task that finds no provider for this long fails (10m)
	MaxRoundTasks    int           // tasks auctioned per round (1024)
	BidValidity      time.Duration // how long a bid keeps placing the job's further tasks (10s)
	// MinReliability: a provider caught returning wrong results is not
	// asked for bids while its reputation (verify.Reputation.Reliability)
	// is below this (0.2; negative = never excluded).
	MinReliability float64
	// ExtraReplicas is how many replicas beyond the policy's K (2 for
	// adaptive) a task may add to break a tie before it fails (3).
	ExtraReplicas int
	Adaptive      verify.AdaptiveConfig   // adaptive replication; set Adaptive.Seed secretly
	Reputation    verify.ReputationConfig // how outcomes weigh
	// Secret keys the draws of replicas and local checks. Keep it secret,
	// as Adaptive.Seed: a provider that knows it can tell which tasks it
	// will replicate (Adaptive.Seed mixed with a constant when zero).
	Secret uint64
	// LocalCheck is the share of accepted results of WASM jobs the
	// consumer re-executes itself (CheckLocal) when the job's spec does not
	// say (spec.Checks.Local). The driver must answer every CheckLocal with
	// a Checked, so it is 0 (off) unless the driver sets it; 0.02 is the
	// documented default for drivers that run WASM (the node, the simulator).
	LocalCheck float64
	// KnownAnswers is the share of locally checked tasks re-sent to another
	// provider as known-answer tasks when the job's spec does not say
	// (spec.Checks.Known) (0.5; negative = none).
	KnownAnswers float64
	// OwedWait: a result accepted without a replica is paid when its job
	// ends, unless its provider's latest results are unchecked too; then
	// it is paid this long after the job ends, unless a re-check strikes
	// it first (5m; keep it well inside the escrow's deadline).
	OwedWait time.Duration
}

// ErrBadConfig reports an invalid Config.
var ErrBadConfig = errors.New("bad market config")

// Validate checks c after defaults.
func (c Config) Validate() error {
	c = c.withDefaults()
	if c.AuctionWindow < 0 || c.ResultGrace < 0 || c.RetryBackoff < 0 || c.PlacementTimeout < 0 || c.MaxBidders < 0 || c.MaxAttempts < 0 || c.ExtraReplicas < 0 {
		return fmt.Errorf("%w: negative value", ErrBadConfig)
	}
	if err := c.Adaptive.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadConfig, err)
	}
	return nil
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.AuctionWindow, 300*time.Millisecond)
	def(&c.ResultGrace, 60*time.Second)
	def(&c.RetryBackoff, 500*time.Millisecond)
	def(&c.PlacementTimeout, 10*time.Minute)
	if c.MaxBidders == 0 {
		c.MaxBidders = 16
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = 4
	}
	if c.BidValidity == 0 {
		c.BidValidity = 10 * time.Second
	}
	if c.MaxRoundTasks == 0 {
		c.MaxRoundTasks = 1024
	}
	if c.ExtraReplicas == 0 {
		c.ExtraReplicas = 3
	}
	if c.MinReliability == 0 {
		c.MinReliability = 0.2
	}
	c.Adaptive = c.Adaptive.WithDefaults()
	if c.Secret == 0 {
		c.Secret = c.Adaptive.Seed ^ 0x5ec2e7c0ffee
	}
	if c.KnownAnswers == 0 {
		c.KnownAnswers = 0.5
	}
	def(&c.OwedWait, 5*time.Minute)
	return c
}

// Market is the consumer's state machine. It is not safe for concurrent use.
type Market struct {
	cfg      Config
	sched    sched.Scheduler
	watch    sched.OfferWatcher // sched, when it learns from offers
	offers   map[string]*offer
	list     []*offer // every cached offer
	hot      []hot    // their filtered fields, in the same order
	free     []*offer // the cached offers with free slots
	jobs     map[wire.JobID]*Job
	inflight map[string]int // live attempts per provider
	// freed holds providers that freed a slot since the last drive.
	freed   map[string]bool
	ready   Ready // what the current Step or Tick asks for so far
	dirty   map[wire.JobID]map[int]bool
	header  map[wire.JobID]bool
	backlog int // tasks waiting for a provider; -1 = not counted since the last event
	rep     *verify.Reputation
	nets    map[string]string // peer -> network key, from OfferSeen
	funders map[string]string // peer -> stake funder, from OfferSeen
	// convicted: providers proven to lie (a result that differs from the
	// consumer's own run); they get no more work from this market.
	convicted map[string]bool
	// unreachable: providers whose link failed, since when; cleared by
	// their next offer, and ignored after UnreachableFor (Verdict.Unreachable).
	unreachable map[string]time.Time
	owed        []owed // held payments due later (see Config.OwedWait)
	// taint: providers ever caught with an invalid result, the only ones
	// Suspect may be true for (see initTaint).
	taint     map[string]bool
	taintInit bool
	// closers: jobs whose held pay waits for closing checks (closingChecks).
	closers map[wire.JobID]bool
	// risked: per provider, the last held result paid although no
	// confirmation covered it (closingChecks).
	risked     map[string]time.Time
	order      []*Job // live jobs (see ordered)
	orderDirty bool
	deadlines  deadlines

	all []sched.Candidate // pool.All's list, rewritten by every round
}

// New returns a Market using s to rank bidders.
func New(cfg Config, s sched.Scheduler) *Market {
	m := &Market{
		cfg: cfg.withDefaults(), sched: s,
		offers: map[string]*offer{}, taint: map[string]bool{}, jobs: map[wire.JobID]*Job{}, inflight: map[string]int{}, freed: map[string]bool{},
		dirty: map[wire.JobID]map[int]bool{}, header: map[wire.JobID]bool{},
		rep: verify.NewReputation(cfg.Reputation), nets: map[string]string{}, funders: map[string]string{}, convicted: map[string]bool{}, closers: map[wire.JobID]bool{}, unreachable: map[string]time.Time{},
	}
	m.watch, _ = s.(sched.OfferWatcher)
	return m
}

// Reputation returns the market's live reputation records: outcomes per
// provider and trust per (provider, program). The driver may persist it
// with json.Marshal and load it with json.Unmarshal before feeding events,
// always from the goroutine that calls Step and Tick.
func (m *Market) Reputation() *verify.Reputation { return m.rep }

// Trust returns peer's adaptive-replication trust for program.
func (m *Market) Trust(peer string, program wire.CID) verify.Trust { return m.rep.Trust(peer, program) }

// Job returns the job with id (nil if unknown). Callers must not modify it.
func (m *Market) Job(id wire.JobID) *Job { return m.jobs[id] }

// Jobs returns every job, newest first. Callers must not modify them.
func (m *Market) Jobs() []*Job {
	out := make([]*Job, 0, len(m.jobs))
	for _, j := range m.jobs {
		out = append(out, j)
	}
	sort.Slice(out, func(i, k int) bool {
		if !out[i].CreatedAt.Equal(out[k].CreatedAt) {
			return out[i].CreatedAt.After(out[k].CreatedAt)
		}
		return out[i].ID < out[k].ID
	})
	return out
}

// Offers returns the unexpired offers in the cache, by peer.
func (m *Market) Offers() []wire.Offer {
	out := make([]wire.Offer, 0, len(m.offers))
	for _, o := range m.offers {
		out = append(out, o.Offer)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Peer < out[k].Peer })
	return out
}

// Inflight returns how many live attempts this consumer has on peer.
func (m *Market) Inflight(peer string) int { return m.inflight[peer] }

// Step applies one event at time now and returns what the driver must
// persist and then do (see Ready).
func (m *Market) Step(now time.Time, ev Event) Ready {
	m.backlog = -1
	m.initTaint(now)
	switch e := ev.(type) {
	case Submit:
		m.submit(now, e.Job, false)
		for _, s := range e.Stages {
			m.submit(now, s, false)
		}
	case Restore:
		m.submit(now, e.Job, true)
	case OfferSeen:
		// The scheduler sees every offer first, so it knows providers
		// before they bid and its model learns from their offer features.
		if m.watch != nil {
			m.watch.SeeOffer(e.Offer, e.Latency)
		}
		m.putOffer(e.Offer, e.Latency)
		if _, gone := m.unreachable[e.Offer.Peer]; gone {
			delete(m.unreachable, e.Offer.Peer)
			m.retaint(e.Offer.Peer) // heard from again: it may work
		}
		if e.Net != "" {
			m.nets[e.Offer.Peer] = e.Net
		} else {
			delete(m.nets, e.Offer.Peer)
		}
		if e.Funder != "" {
			m.funders[e.Offer.Peer] = e.Funder
		} else {
			delete(m.funders, e.Offer.Peer)
		}
	case BidIn:
		m.bidIn(now, e)
	case BidFailed:
		m.bidFailed(now, e)
	case Progress:
		m.progress(now, e)
	case Checkpointed:
		m.checkpointed(now, e)
	case Outcome:
		m.outcome(now, e)
	case Cancel:
		m.cancel(now, e)
	case FraudProven:
		m.fraudProven(now, e)
	case Unpaid:
		m.unpaid(now, e)
	case Stored:
		m.stored(now, e)
	case Checked:
		m.checked(now, e)
	case Judged:
		m.judged(now, e)
	}
	m.drive(now)
	return m.flush()
}

// Tick advances time: closes auctions, times out attempts, expires offers,
// starts rounds. It returns what the driver must persist and then do.
func (m *Market) Tick(now time.Time) Ready {
	m.backlog = -1
	m.initTaint(now)
	m.payOwed(now)
	m.expireOffers(now)
	due := m.overdue(now)
	for _, j := range m.sortedJobs() {
		if j.State.Terminal() {
			continue
		}
		for _, d := range due[j] {
			t := j.Tasks[d.task]
			// An earlier timeout may have ended the task.
			if a := &t.Attempts[d.n-1]; a.Live() {
				m.emit(Abort{Peer: a.Provider, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N})
				m.failAttempt(now, j, t, a, true, fmt.Sprintf("provider %s did not return a result by its deadline (task timeout %s + %s grace)",
					shortPeer(a.Provider), time.Duration(j.Spec.Timeout), m.cfg.ResultGrace))
				m.sched.Observe(sched.Observation{Peer: a.Provider, ProviderFault: true})
				m.rep.Observe(now, a.Provider, "", verify.Fault)
			}
		}
		if r := j.round; r != nil && !now.Before(r.closeAt) {
			m.closeRound(now, j)
		}
	}
	m.drive(now)
	return m.flush()
}

func (m *Market) emit(a Action) { m.ready.Actions = append(m.ready.Actions, a) }

func (m *Market) logf(now time.Time, j *Job, index int, f string, a ...any) {
	m.ready.Logs = append(m.ready.Logs, Log{Job: j.ID, Index: index, At: now, Text: fmt.Sprintf(f, a...)})
}

// finished announces that j reached a terminal state.
func (m *Market) finished(j *Job) {
	m.ready.Finished = append(m.ready.Finished, Finished{Job: j.ID, State: j.State})
}

func (m *Market) touch(now time.Time, j *Job, t *Task) {
	j.gen++ // invalidates what drive and round cached about j
	if j.State.Terminal() {
		m.orderDirty = true
	}
	j.UpdatedAt = now
	m.header[j.ID] = true
	if t != nil {
		t.UpdatedAt = now
		d := m.dirty[j.ID]
		if d == nil {
			d = map[int]bool{}
			m.dirty[j.ID] = d
		}
		d[t.Index] = true
	}
}

// flush adds a Save of every job and task touched since the last flush to
// the Ready and hands it over.
func (m *Market) flush() Ready {
	ids := make([]string, 0, len(m.header))
	for id := range m.header {
		ids = append(ids, string(id))
	}
	sort.Strings(ids)
	for _, id := range ids {
		j := m.jobs[wire.JobID(id)]
		if j == nil {
			continue
		}
		s := Save{Job: *j}
		s.Job.Tasks = nil
		idx := make([]int, 0, len(m.dirty[j.ID]))
		for i := range m.dirty[j.ID] {
			idx = append(idx, i)
		}
		sort.Ints(idx)
		for _, i := range idx {
			s.Tasks = append(s.Tasks, cloneTask(j.Tasks[i]))
		}
		m.ready.Saves = append(m.ready.Saves, s)
	}
	clear(m.header)
	clear(m.dirty)
	out := m.ready
	m.ready = Ready{}
	return out
}

func cloneTask(t *Task) Task {
	c := *t
	c.Attempts = append([]Attempt(nil), t.Attempts...)
	c.Outputs.Entries = append([]wire.Entry(nil), t.Outputs.Entries...)
	for i := range c.Attempts {
		if r := c.Attempts[i].Result; r != nil {
			cr := *r
			cr.Outputs.Entries = append([]wire.Entry(nil), r.Outputs.Entries...)
			c.Attempts[i].Result = &cr
		}
	}
	return c
}

func (m *Market) submit(now time.Time, j *Job, restored bool) {
	if _, dup := m.jobs[j.ID]; dup || j == nil {
		return
	}
	m.jobs[j.ID] = j
	m.order = append(m.order, j)
	m.orderDirty = true
	j.policy = j.Spec.Policy()
	if !restored {
		j.State, j.Reason = JobPending, "waiting for provider bids"
		j.CreatedAt, j.UpdatedAt = now, now
		if m.holdStage(now, j) {
			return
		}
		j.Tasks = make([]*Task, j.Spec.Tasks.Count)
		for i := range j.Tasks {
			j.Tasks[i] = &Task{Index: i, State: TaskPending, Reason: "waiting for provider bids", waitingSince: now, UpdatedAt: now, Replicas: j.policy.Replicas}
			m.touch(now, j, j.Tasks[i])
		}
		m.touch(now, j, nil)
		m.logf(now, j, -1, "job submitted: %d tasks, max price %s DECO per task", len(j.Tasks), j.Spec.Price.Max)
		if j.policy.Policy != spec.VerifyReceipt {
			m.logf(now, j, -1, "verification %s: %s", j.policy, policyNote(j.policy))
		}
		return
	}
	for _, t := range j.Tasks {
		t.waitingSince = now
		for _, a := range t.LiveAttempts() {
			if a.Live() {
				m.failAttempt(now, j, t, a, false, "the consumer node restarted while this attempt was in flight")
			}
		}
		if t.State == TaskBidding {
			t.State = TaskPending
			if t.replicas() > 1 {
				t.State = t.progress()
			}
			m.touch(now, j, t)
		}
	}
	if !j.State.Terminal() {
		m.logf(now, j, -1, "job restored after restart")
		m.refetch(j)
		m.restoreCheckers(now, j)
	}
}

func (m *Market) sortedJobs() []*Job {
	return m.jobsBy(func(j *Job) bool { return !j.State.Terminal() })
}

// jobsBy returns the jobs keep accepts, oldest first (ties by id).
func (m *Market) jobsBy(keep func(*Job) bool) []*Job {
	out := make([]*Job, 0, len(m.jobs))
	for _, j := range m.jobs {
		if keep(j) {
			out = append(out, j)
		}
	}
	sort.Slice(out, func(i, k int) bool {
		if !out[i].CreatedAt.Equal(out[k].CreatedAt) {
			return out[i].CreatedAt.Before(out[k].CreatedAt)
		}
		return out[i].ID < out[k].ID
	})
	return out
}

// settle moves the job to a terminal state once every task is terminal.
func (m *Market) settle(now time.Time, j *Job) {
	defer m.wake(now)
	if j.State.Terminal() {
		return
	}
	var failed []int
	firstReason := ""
	for _, t := range j.Tasks {
		if !t.State.Terminal() || t.Checking || checkerPending(j, t) {
			return // a local check or the checker may still reopen the task
		}
		if t.State == TaskFailed {
			if firstReason == "" {
				firstReason = t.Reason
			}
			failed = append(failed, t.Index)
		}
	}
	if m.closingChecks(now, j) {
		return // the replicas settle it again
	}
	m.payHeld(now, j) // held payments release their outputs too
	if m.awaitingOutputs(j) {
		return // Stored settles it again
	}
	j.EndedAt = now
	if len(failed) == 0 {
		j.State, j.Reason = JobCompleted, fmt.Sprintf("all %d tasks verified", len(j.Tasks))
	} else {
		j.State, j.Reason = JobFailed, fmt.Sprintf("%d of %d tasks failed; task %d: %s", len(failed), len(j.Tasks), failed[0], firstReason)
	}
	m.payHeld(now, j)
	m.touch(now, j, nil)
	m.logf(now, j, -1, "job %s: %s", j.State, j.Reason)
	m.finished(j)
	m.stageEnded(now, j)
}

func (m *Market) cancel(now time.Time, e Cancel) {
	j := m.jobs[e.Job]
	if j == nil || j.State.Terminal() {
		return
	}
	reason := e.Reason
	if reason == "" {
		reason = "cancelled by the user"
	}
	j.round = nil
	for _, t := range j.Tasks {
		if t.State.Terminal() {
			continue
		}
		m.drop(now, j, t, attemptCancelled, reason)
		t.State, t.Reason = TaskCancelled, reason
		m.touch(now, j, t)
	}
	j.State, j.Reason, j.EndedAt = JobCancelled, reason, now
	m.payHeld(now, j)
	m.touch(now, j, nil)
	m.logf(now, j, -1, "job cancelled: %s", reason)
	m.finished(j)
	m.stageEnded(now, j)
	m.wake(now) // other jobs' closing may have waited for its tasks
}
