package market

import (
	"container/heap"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
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
	return c
}

// Market is the consumer's state machine. It is not safe for concurrent use.
type Market struct {
	cfg      Config
	sched    sched.Scheduler
	offers   map[string]*offer
	list     []*offer // every cached offer
	hot      []hot    // their filtered fields, in the same order
	free     []*offer // the cached offers with free slots
	jobs     map[wire.JobID]*Job
	inflight map[string]int // live attempts per provider
	effs     []Effect
	dirty    map[wire.JobID]map[int]bool
	header   map[wire.JobID]bool
	backlog  int // tasks waiting for a provider; -1 = not counted since the last event
	rep      *verify.Reputation
	nets     map[string]string // peer -> network key, from OfferSeen
	// taint: providers ever caught with an invalid result, the only ones
	// Suspect may be true for (see initTaint).
	taint      map[string]bool
	taintInit  bool
	order      []*Job // live jobs (see ordered)
	orderDirty bool
	deadlines  deadlines

	all []sched.Candidate // pool.All's list, rewritten by every round
}

// New returns a Market using s to rank bidders.
func New(cfg Config, s sched.Scheduler) *Market {
	return &Market{
		cfg: cfg.withDefaults(), sched: s,
		offers: map[string]*offer{}, taint: map[string]bool{}, jobs: map[wire.JobID]*Job{}, inflight: map[string]int{},
		dirty: map[wire.JobID]map[int]bool{}, header: map[wire.JobID]bool{},
		rep: verify.NewReputation(cfg.Reputation), nets: map[string]string{},
	}
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

// Step applies one event at time now and returns the effects to perform.
func (m *Market) Step(now time.Time, ev Event) []Effect {
	m.backlog = -1
	m.initTaint(now)
	switch e := ev.(type) {
	case Submit:
		m.submit(now, e.Job, false)
	case Restore:
		m.submit(now, e.Job, true)
	case OfferSeen:
		m.putOffer(e.Offer, e.Latency)
		if e.Net != "" {
			m.nets[e.Offer.Peer] = e.Net
		} else {
			delete(m.nets, e.Offer.Peer)
		}
	case BidIn:
		m.bidIn(now, e)
	case BidFailed:
		m.bidFailed(now, e)
	case Progress:
		m.progress(now, e)
	case Outcome:
		m.outcome(now, e)
	case Cancel:
		m.cancel(now, e)
	case FraudProven:
		m.fraudProven(now, e)
	}
	m.drive(now)
	return m.flush()
}

// Tick advances time: closes auctions, times out attempts, expires offers,
// starts rounds.
func (m *Market) Tick(now time.Time) []Effect {
	m.backlog = -1
	m.initTaint(now)
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

func (m *Market) emit(e Effect) { m.effs = append(m.effs, e) }

func (m *Market) logf(now time.Time, j *Job, index int, f string, a ...any) {
	m.emit(Log{Job: j.ID, Index: index, At: now, Text: fmt.Sprintf(f, a...)})
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

func (m *Market) flush() []Effect {
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
		m.effs = append(m.effs, s)
	}
	clear(m.header)
	clear(m.dirty)
	out := m.effs
	m.effs = nil
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
	}
}

func (m *Market) sortedJobs() []*Job {
	out := make([]*Job, 0, len(m.jobs))
	for _, j := range m.jobs {
		if !j.State.Terminal() {
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

// drive starts auction rounds for jobs with pending tasks, highest
// priority first; a job gains a priority level per minute it has waited
// (aging), so none starves.
func (m *Market) drive(now time.Time) {
	for _, j := range m.ordered() {
		// The cheapest tests first: this loop runs at every event.
		if j.round != nil || now.Before(j.nextRound) || j.State.Terminal() {
			continue
		}
		if j.quietGen == j.gen+1 {
			if !now.Before(j.nextSpec) {
				m.speculate(now, j)
			}
			continue
		}
		pending := m.pendingOf(now, j)
		if len(pending) == 0 {
			// Nothing to place until one of its tasks changes.
			j.quietGen = j.gen + 1
			m.speculate(now, j)
			continue
		}
		pending = m.placeOnStanding(now, j, pending)
		if len(pending) > 0 {
			m.openRound(now, j, pending)
		}
	}
}

// speculatePeriod is how often a job with nothing to place may be looked
// at for tasks to back up.
const speculatePeriod = 5 * time.Second

// speculate asks a Speculator scheduler which of j's running tasks to
// back up, when no task of this consumer waits for a provider (backups
// never take a slot a waiting task could have), and opens a round for
// them. Only single-result jobs (the receipt policy) are backed up: the
// first verified result ends the task.
func (m *Market) speculate(now time.Time, j *Job) {
	sp, ok := m.sched.(sched.Speculator)
	if !ok || j.policy.Policy != spec.VerifyReceipt || j.round != nil || now.Before(j.nextSpec) {
		return
	}
	j.nextSpec = now.Add(speculatePeriod)
	r := m.round(now, j, 0)
	if m.backlog > 0 {
		return
	}
	var running []sched.Running
	for _, t := range j.Tasks {
		if a := backupOf(t); a != nil {
			running = append(running, sched.Running{Task: t.Index, Peer: a.Provider, Started: a.Started})
		}
	}
	if len(running) == 0 {
		return
	}
	var tasks []int
	for _, k := range sp.Speculate(r, running) {
		if k >= 0 && k < len(running) {
			tasks = append(tasks, running[k].Task)
		}
	}
	if len(tasks) == 0 {
		return
	}
	sort.Ints(tasks)
	tasks = slices.Compact(tasks)
	j.backingUp = true
	m.openRound(now, j, tasks)
	j.backingUp = false
	if j.round != nil {
		j.round.backup = true
		m.logf(now, j, -1, "backing up %d running tasks on other providers (round %d): the first verified result wins", len(j.round.tasks), j.round.n)
	}
}

// backupOf returns t's only attempt when t may get a backup: a
// single-result task running on one provider with no result yet.
func backupOf(t *Task) *Attempt {
	if t.State.Terminal() || t.replicas() > 1 {
		return nil
	}
	var live *Attempt
	for i := range t.Attempts {
		a := &t.Attempts[i]
		switch {
		case a.Live():
			if live != nil {
				return nil
			}
			live = a
		case a.vote():
			return nil
		}
	}
	return live
}

// pendingOf returns the tasks of j to place now (at most MaxRoundTasks),
// failing those that waited longer than PlacementTimeout. The list is kept
// until one of j's tasks changes, or one of them may time out: a job the
// scheduler holds is driven every RetryBackoff, and walking its tasks each
// time would cost more than the rounds.
func (m *Market) pendingOf(now time.Time, j *Job) []int {
	pm := &j.pend
	if pm.gen == j.gen+1 && !now.Before(pm.at) && now.Sub(pm.oldest) <= m.cfg.PlacementTimeout {
		return append([]int(nil), pm.tasks...)
	}
	var pending []int
	oldest, memo := now, true
	for _, t := range j.Tasks {
		if t.wants() > 0 {
			if t.replicas() > 1 && len(t.LiveAttempts()) == 0 {
				memo = false // decide may accept it without a replica
				if m.decide(now, j, t) {
					continue // accepted without a replica: nobody can replicate it
				}
			}
			if now.Sub(t.waitingSince) > m.cfg.PlacementTimeout {
				reason := fmt.Sprintf("no provider took the task within %s: %s", m.cfg.PlacementTimeout, t.Reason)
				if !m.keepAccepted(now, j, t, reason) {
					m.failTask(now, j, t, reason)
				}
				continue
			}
			pending = append(pending, t.Index)
			if t.waitingSince.Before(oldest) {
				oldest = t.waitingSince
			}
			if len(pending) == m.cfg.MaxRoundTasks {
				break
			}
		}
	}
	if memo && len(pending) > 0 {
		*pm = pendMemo{gen: j.gen + 1, at: now, oldest: oldest, tasks: append(pm.tasks[:0], pending...)}
	} else {
		pm.gen = 0
	}
	return pending
}

// pendMemo is a job's pending tasks as pendingOf last found them: valid
// while the job's gen is gen−1.
type pendMemo struct {
	gen        uint64
	at, oldest time.Time
	tasks      []int
}

// candidates filters the offer cache by the job's requirements and says
// why the others were left out.
//
// An offer that may take none of the round's tasks (replicas whose other
// holders it is, or shares an EVM address or network with) is left out
// too, so the scheduler never shortlists a provider that cannot be used.
func (m *Market) candidates(now time.Time, j *Job, tasks []int) ([]*offer, string) {
	// Only tasks with attempts exclude anyone.
	var replicas []*Task
	for _, i := range tasks {
		if t := j.Tasks[i]; len(t.Attempts) > 0 {
			replicas = append(replicas, t)
		}
	}
	if len(replicas) < len(tasks) {
		replicas = nil // a fresh task may go to anyone
	}
	pl := &pool{m: m, j: j, now: now, replicas: replicas}
	var out []*offer
	held := false
	switch s := m.sched.(type) {
	case sched.PoolPlanner:
		// The scheduler looks up whom it would ask among the eligible.
		picked := s.ShortlistPool(m.round(now, j, len(tasks)), pl, m.cfg.MaxBidders)
		out = m.picked(picked)
		held = len(picked) == 0
	case sched.Planner:
		// The scheduler chooses whom to ask among every eligible provider.
		el := pl.All()
		picked := s.Shortlist(m.round(now, j, len(tasks)), el, m.cfg.MaxBidders)
		held = len(el) > 0 && len(picked) == 0
		out = m.picked(picked)
	default:
		for _, o := range m.free {
			if pl.eligible(o) {
				out = append(out, o)
			}
		}
		sort.Slice(out, func(i, k int) bool {
			fi, fk := m.freeSlots(out[i]), m.freeSlots(out[k])
			if fi != fk {
				return fi > fk
			}
			return out[i].Peer < out[k].Peer
		})
		if len(out) > m.cfg.MaxBidders {
			out = out[:m.cfg.MaxBidders]
		}
	}
	if len(out) > 0 {
		return out, "" // the reason is only for rounds that ask nobody
	}
	// Rounds that ask nobody repeat every RetryBackoff while the scheduler
	// holds a job: explaining each would scan every offer each time, so the
	// explanation is kept for a while unless the offer set changed size.
	w := &j.why
	if w.text == "" || w.held != held || w.offers != len(m.list) || now.Sub(w.at) >= whyRefresh || now.Before(w.at) {
		*w = whyMemo{text: m.whyNone(now, j, nil, held), held: held, offers: len(m.list), at: now}
	}
	return nil, w.text
}

// whyRefresh is how long the explanation of a job's empty rounds is kept
// (see candidates).
const whyRefresh = 5 * time.Second

// whyMemo is a job's last explanation of an empty round, for the same held
// flag and number of cached offers.
type whyMemo struct {
	text   string
	held   bool
	offers int
	at     time.Time
}

// picked returns the offers of the providers a Planner shortlisted.
func (m *Market) picked(picked []sched.Candidate) []*offer {
	var out []*offer
	for _, c := range picked {
		if o, ok := m.offers[c.Peer]; ok && len(out) < m.cfg.MaxBidders {
			out = append(out, o)
		}
	}
	return out
}

// whyNone says why a round of j asks nobody: it scans every cached offer
// and counts why each is left out. held: the scheduler held the tasks
// (reported only if some provider was eligible).
func (m *Market) whyNone(now time.Time, j *Job, replicas []*Task, held bool) string {
	var dear, small, busy, labels, suspect, holders, eligible int
	need := j.Spec.Resources
	labelled := len(j.Spec.Labels) > 0
	for i := range m.hot {
		switch o := &m.hot[i]; {
		case o.ask > j.Spec.Price.Max:
			dear++
		case o.taint && m.suspect(m.list[i].Peer, now):
			suspect++
		case o.memory < uint64(need.Memory) || o.cores < need.CPU || o.gpus < need.GPU:
			small++
		case labelled && !hasLabels(m.list[i].Labels, j.Spec.Labels):
			labels++
		case o.busy:
			busy++
		case replicas != nil && m.excludedAll(replicas, m.list[i]):
			holders++
		default:
			eligible++
		}
	}
	held = held && eligible > 0
	var why []string
	if held {
		why = append(why, "the scheduler holds the tasks for faster providers than the free ones")
	}
	if len(m.offers) == 0 {
		why = append(why, "no provider offers seen yet (is any provider connected? see `deco providers`)")
	}
	if dear > 0 {
		why = append(why, fmt.Sprintf("%d ask more than the max price %s", dear, j.Spec.Price.Max))
	}
	if small > 0 {
		why = append(why, fmt.Sprintf("%d lack the resources (cpu %d, memory %s, gpu %d)", small, need.CPU, need.Memory, need.GPU))
	}
	if labels > 0 {
		why = append(why, fmt.Sprintf("%d lack the labels", labels))
	}
	if busy > 0 {
		why = append(why, fmt.Sprintf("%d are busy with this node's tasks", busy))
	}
	if suspect > 0 {
		why = append(why, fmt.Sprintf("%d were caught returning wrong results", suspect))
	}
	if holders > 0 {
		why = append(why, fmt.Sprintf("%d already hold or failed these tasks, or share an EVM address or network with their holders", holders))
	}
	return strings.Join(why, "; ")
}

// replicateReason is the reason of a task waiting for a provider that may
// replicate it.
func replicateReason(j *Job) string {
	return fmt.Sprintf("waiting for another provider to replicate the task (%s): the free ones already hold or failed it, or share its providers' EVM address or network", j.policy)
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

// suspect reports whether peer is kept from work for cheating.
func (m *Market) suspect(peer string, now time.Time) bool {
	return m.cfg.MinReliability > 0 && m.rep.Suspect(peer, now, m.cfg.MinReliability)
}

func hasLabels(have, want map[string]string) bool {
	if len(want) == 0 {
		return true
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func (m *Market) openRound(now time.Time, j *Job, tasks []int) {
	cands, why := m.candidates(now, j, tasks)
	if len(cands) == 0 {
		reason := "waiting for a provider: " + why
		for _, i := range tasks {
			t := j.Tasks[i]
			r := reason
			if len(t.Attempts) > 0 && t.replicas() > 1 {
				r = replicateReason(j)
			}
			// A task running elsewhere keeps its reason while it waits for
			// more replicas.
			if t.Reason != r && len(t.LiveAttempts()) == 0 {
				t.Reason = r
				m.touch(now, j, t)
			}
		}
		if j.Reason != reason && j.State == JobPending {
			j.Reason = reason
			m.touch(now, j, nil)
			m.logf(now, j, -1, "%s", reason)
		}
		j.nextRound = now.Add(m.cfg.RetryBackoff)
		return
	}
	// Auction only as many replicas as the candidates have free slots, so a
	// big job does not churn its whole backlog through every round.
	free := 0
	for _, o := range cands {
		free += m.freeSlots(o)
	}
	placeable := tasks[:0:0]
	for _, i := range tasks {
		t := j.Tasks[i]
		ok := false
		for _, o := range cands {
			if !m.excluded(t, o.Peer, o.EVM) {
				ok = true
				break
			}
		}
		switch {
		case ok:
			placeable = append(placeable, i)
		case t.replicas() > 1:
			reason := replicateReason(j)
			if t.Reason != reason && len(t.LiveAttempts()) == 0 {
				t.Reason = reason
				m.touch(now, j, t)
			}
		}
	}
	tasks = placeable
	if len(tasks) == 0 {
		j.nextRound = now.Add(m.cfg.RetryBackoff)
		return
	}
	// Each task takes as many slots as it wants replicas.
	for k, i := range tasks {
		free -= j.Tasks[i].wants()
		if free < 0 {
			tasks = tasks[:max(k, 1)]
			break
		}
	}
	j.Rounds++
	r := &round{n: j.Rounds, tasks: tasks, asked: map[string]bool{}, replied: map[string]bool{}, bids: map[string]wire.Bid{}, closeAt: now.Add(m.cfg.AuctionWindow)}
	j.round = r
	for _, i := range tasks {
		t := j.Tasks[i]
		if len(t.LiveAttempts()) > 0 {
			continue // running replicas keep their state while more are sought
		}
		t.State, t.Reason = TaskBidding, fmt.Sprintf("auction round %d: asked %d providers", r.n, len(cands))
		m.touch(now, j, t)
	}
	m.touch(now, j, nil)
	for _, o := range cands {
		r.asked[o.Peer] = true
		m.emit(RequestBid{Peer: o.Peer, Req: wire.BidRequest{
			Job: j.ID, Round: r.n, Tasks: tasks, Program: j.Spec.Program.CID, ProgramSz: j.Spec.Program.Size,
			Need:      wire.Resources{Cores: j.Spec.Resources.CPU, Memory: uint64(j.Spec.Resources.Memory), Disk: uint64(j.Spec.Resources.Disk), GPU: j.Spec.Resources.GPU},
			TimeoutMs: time.Duration(j.Spec.Timeout).Milliseconds(), MaxPrice: j.Spec.Price.Max, Consumer: m.cfg.Consumer,
		}})
	}
}

func (m *Market) bidIn(now time.Time, e BidIn) {
	j := m.jobs[e.Job]
	if j == nil || j.round == nil || j.round.n != e.Bid.Round || !j.round.asked[e.Peer] || j.round.replied[e.Peer] {
		return // late, unsolicited or duplicate
	}
	r := j.round
	r.replied[e.Peer] = true
	if e.Bid.Accept && e.Bid.Price <= j.Spec.Price.Max && e.Bid.Slots > 0 {
		r.bids[e.Peer] = e.Bid
	}
	if len(r.replied) == len(r.asked) {
		m.closeRound(now, j)
	}
}

func (m *Market) bidFailed(now time.Time, e BidFailed) {
	j := m.jobs[e.Job]
	if j == nil || j.round == nil || j.round.n != e.Round || !j.round.asked[e.Peer] || j.round.replied[e.Peer] {
		return
	}
	j.round.replied[e.Peer] = true
	m.logf(now, j, -1, "bid request to %s failed: %s", shortPeer(e.Peer), e.Err)
	if len(j.round.replied) == len(j.round.asked) {
		m.closeRound(now, j)
	}
}

func (m *Market) closeRound(now time.Time, j *Job) {
	r := j.round
	j.round = nil
	var cands []sched.Candidate
	for p, b := range r.bids {
		o, ok := m.offers[p]
		if !ok || o.taint && m.suspect(p, now) {
			continue // offer expired meanwhile, or caught cheating
		}
		slots := min(b.Slots, o.Slots-m.inflight[p])
		cands = append(cands, sched.Candidate{Peer: p, Price: b.Price, Slots: slots, Benchmark: o.Benchmark, Latency: o.latency, ETA: time.Duration(b.ETAMs) * time.Millisecond})
	}
	sort.Slice(cands, func(i, k int) bool { return cands[i].Peer < cands[k].Peer })
	j.backingUp = r.backup
	ranked := m.rank(now, j, len(r.tasks), cands)
	j.backingUp = false
	var open []int
	for _, i := range r.tasks {
		if t := j.Tasks[i]; t.wants() > 0 || r.backup && backupOf(t) != nil {
			open = append(open, i)
		}
	}
	placed := m.place(now, j, open, ranked, func(p string) wire.Bid { return r.bids[p] })
	for _, i := range open {
		t := j.Tasks[i]
		if t.State != TaskBidding {
			continue
		}
		t.State = TaskPending
		if len(t.Attempts) > 0 {
			t.State = t.progress()
		}
		t.Reason = fmt.Sprintf("round %d: %d of %d asked providers bid; none free for this task, trying again", r.n, len(r.bids), len(r.asked))
		m.touch(now, j, t)
	}
	if placed == 0 {
		j.nextRound = now.Add(m.cfg.RetryBackoff)
	}
	if j.standing == nil {
		j.standing = map[string]standingBid{}
	}
	for p, b := range r.bids {
		j.standing[p] = standingBid{bid: b, expires: now.Add(m.cfg.BidValidity)}
	}
	m.logf(now, j, -1, "auction round %d closed: %d/%d providers bid, %d tasks placed", r.n, len(r.bids), len(r.asked), placed)
}

// place assigns tasks to ranked bidders: one attempt per task per pass,
// and further passes for tasks that want more replicas, each on a bidder
// that does not hold the task yet. A bidder never gets more than its Slots.
// It returns the number of attempts started.
func (m *Market) place(now time.Time, j *Job, tasks []int, ranked []sched.Ranked, bid func(peer string) wire.Bid) int {
	left := append([]sched.Ranked(nil), ranked...)
	n := 0
	for len(tasks) > 0 {
		placed := sched.Assign(tasks, left, func(task int, peer string) bool { return m.excluded(j.Tasks[task], peer, bid(peer).EVM) })
		if len(placed) == 0 {
			break
		}
		used := map[string]int{}
		var more []int
		for _, i := range tasks {
			p, ok := placed[i]
			if !ok {
				continue
			}
			m.assign(now, j, j.Tasks[i], p, bid(p))
			used[p]++
			n++
			if j.Tasks[i].wants() > 0 {
				more = append(more, i)
			}
		}
		for k := range left {
			left[k].Slots -= used[left[k].Peer]
		}
		tasks = more
	}
	return n
}

// placeOnStanding gives pending tasks to providers whose earlier bids for
// this job are still valid and who have free slots, best ranked first, and
// returns the tasks left over.
func (m *Market) placeOnStanding(now time.Time, j *Job, pending []int) []int {
	if len(j.standing) == 0 || len(pending) == 0 {
		return pending
	}
	var cands []sched.Candidate
	for p, sb := range j.standing {
		o, ok := m.offers[p]
		if !ok || now.After(sb.expires) || o.taint && m.suspect(p, now) {
			delete(j.standing, p)
			continue
		}
		if free := o.Slots - m.inflight[p]; free > 0 {
			cands = append(cands, sched.Candidate{Peer: p, Price: sb.bid.Price, Slots: free, Benchmark: o.Benchmark, Latency: o.latency})
		}
	}
	if len(cands) == 0 {
		return pending
	}
	sort.Slice(cands, func(i, k int) bool { return cands[i].Peer < cands[k].Peer })
	ranked := m.rank(now, j, len(pending), cands)
	m.place(now, j, pending, ranked, func(p string) wire.Bid { return j.standing[p].bid })
	left := pending[:0:0]
	for _, i := range pending {
		if j.Tasks[i].wants() > 0 {
			left = append(left, i)
		}
	}
	return left
}

// rank asks the scheduler to rank bidders for n tasks of j: with the
// round's context when it is a Planner.
func (m *Market) rank(now time.Time, j *Job, n int, cands []sched.Candidate) []sched.Ranked {
	if p, ok := m.sched.(sched.Planner); ok {
		return p.Plan(m.round(now, j, n), cands)
	}
	return m.sched.Rank(sched.Request{MaxPrice: j.Spec.Price.Max, Preference: j.Spec.Preference, Program: j.Spec.Program.CID}, cands)
}

// round is what a Planner knows about placing n tasks of j now.
func (m *Market) round(now time.Time, j *Job, n int) sched.Round {
	if m.backlog < 0 {
		m.backlog = 0
		// m.order, not ordered(): drive may be walking it, and ordered
		// compacts it in place.
		for _, jj := range m.order {
			if jj != nil && !jj.State.Terminal() {
				m.backlog += m.waiting(jj)
			}
		}
	}
	return sched.Round{
		Request: sched.Request{MaxPrice: j.Spec.Price.Max, Preference: j.Spec.Preference, Program: j.Spec.Program.CID},
		Now:     now, Tasks: n, Timeout: time.Duration(j.Spec.Timeout), Priority: j.Spec.Priority, Backlog: max(m.backlog, n),
		Backup: j.backingUp,
	}
}

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

func (m *Market) assign(now time.Time, j *Job, t *Task, peer string, b wire.Bid) {
	n := len(t.Attempts) + 1
	deadline := now.Add(time.Duration(j.Spec.Timeout) + m.cfg.ResultGrace)
	t.Attempts = append(t.Attempts, Attempt{N: n, Provider: peer, EVM: b.EVM, Price: b.Price, State: attemptAssigned, Started: now, Deadline: deadline, Net: m.nets[peer]})
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
	m.emit(Assign{Peer: peer, EVM: b.EVM, Msg: wire.Assign{Spec: m.taskSpec(j, t.Index, n), Price: b.Price, Consumer: m.cfg.Consumer}})
}

// TaskSpec returns what a provider receives for task i of j on attempt n.
func (m *Market) taskSpec(j *Job, i, n int) wire.TaskSpec {
	return wire.TaskSpec{
		Task: wire.TaskID{Job: j.ID, Index: i}, Count: j.Spec.Tasks.Count, Attempt: n,
		Program: j.Spec.Program.CID, ProgramSize: j.Spec.Program.Size,
		Args: j.Spec.ArgsFor(i), Env: j.Spec.EnvFor(i), Inputs: j.Spec.InputsFor(i),
		MemoryLimit: uint64(j.Spec.Resources.Memory), TimeoutMs: time.Duration(j.Spec.Timeout).Milliseconds(),
		MaxOutput: int64(j.Spec.MaxOutput),
	}
}

// attemptOf finds the live attempt an event refers to.
func (m *Market) attemptOf(id wire.TaskID, n int) (*Job, *Task, *Attempt) {
	j := m.jobs[id.Job]
	if j == nil || id.Index < 0 || id.Index >= len(j.Tasks) {
		return nil, nil, nil
	}
	t := j.Tasks[id.Index]
	if n < 1 || n > len(t.Attempts) || !t.Attempts[n-1].Live() {
		return nil, nil, nil
	}
	return j, t, &t.Attempts[n-1]
}

func (m *Market) progress(now time.Time, e Progress) {
	j, t, a := m.attemptOf(e.Task, e.Attempt)
	if j == nil {
		return
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
	single := t.replicas() == 1 && j.policy.Policy != spec.VerifyAdaptive
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
	case !v.OK && !v.ProgramFault:
		m.rep.Observe(now, a.Provider, "", verify.Fault)
	}
	res := &Result{ExitCode: v.ExitCode, Outputs: v.Outputs, Stdout: v.Stdout, Stderr: v.Stderr, DurationMs: v.Duration.Milliseconds(), Compiled: v.Compiled}
	if v.OK && !single {
		// Every result votes with its manifest's root, even an empty one.
		a.State, a.Ended, a.OutputRoot, a.Result = attemptSubmitted, now, v.Outputs.Root(), res
		a.Reason = "receipt and outputs check out; waiting for the quorum"
		m.release(a.Provider)
		m.touch(now, j, t) // saved: a restart keeps the result
		m.logf(now, j, t.Index, "result from %s in %s: output root %s", shortPeer(a.Provider), v.Duration.Round(time.Millisecond), a.OutputRoot.Short())
		j.nextRound = now
		m.decide(now, j, t)
		return
	}
	if v.OK || v.ProgramFault {
		// The program ran to a verdict: record what it produced.
		m.record(t, a, res, v.Receipt, v.Signature)
		t.OutputRoot = outputRoot(v)
	}
	if v.OK {
		a.State, a.Ended, a.OutputRoot, a.Reason = attemptVerified, now, t.OutputRoot, "receipt verified"
		t.State, t.Reason = TaskVerified, fmt.Sprintf("verified: receipt signed by %s matches outputs %s", shortAddr(a.EVM), t.OutputRoot.Short())
		m.release(a.Provider)
		m.touch(now, j, t)
		m.logf(now, j, t.Index, "verified on %s in %s (output root %s)", shortPeer(a.Provider), v.Duration.Round(time.Millisecond), t.OutputRoot.Short())
		m.pay(j, t, a)
		// A backup attempt still running lost the race.
		m.drop(now, j, t, attemptCancelled, "another attempt of the task was verified first")
		// Reputation only: a result nobody checked earns no adaptive trust.
		m.rep.Observe(now, a.Provider, "", verify.Unchecked)
		j.nextRound = now
		m.settle(now, j)
		return
	}
	if v.ProgramFault {
		a.State, a.Ended, a.Reason = attemptFailed, now, v.Reason
		m.release(a.Provider)
		m.failTask(now, j, t, v.Reason)
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
	t.Receipt, t.Signature, t.DurationMs, t.Compiled = r, sig, res.DurationMs, res.Compiled
	t.OutputRoot = a.OutputRoot
	t.Provider, t.ProviderEVM, t.Price = a.Provider, a.EVM, a.Price
}

// pay emits Pay for an accepted attempt, once.
func (m *Market) pay(j *Job, t *Task, a *Attempt) {
	if a.Paid {
		return
	}
	a.Paid = true
	m.emit(Pay{Peer: a.Provider, EVM: a.EVM, Task: wire.TaskID{Job: j.ID, Index: t.Index}, Attempt: a.N, Price: a.Price})
}

func (m *Market) release(peer string) {
	if m.inflight[peer] > 0 {
		m.inflight[peer]--
	}
	if m.inflight[peer] == 0 {
		delete(m.inflight, peer)
	}
	m.slotsChanged(peer)
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

// settle moves the job to a terminal state once every task is terminal.
func (m *Market) settle(now time.Time, j *Job) {
	if j.State.Terminal() {
		return
	}
	var failed []int
	firstReason := ""
	for _, t := range j.Tasks {
		if !t.State.Terminal() {
			return
		}
		if t.State == TaskFailed {
			if firstReason == "" {
				firstReason = t.Reason
			}
			failed = append(failed, t.Index)
		}
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
	m.emit(Finished{Job: j.ID, State: j.State})
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
	m.emit(Finished{Job: j.ID, State: JobCancelled})
}

func shortPeer(p string) string {
	if len(p) > 12 {
		return p[:4] + "…" + p[len(p)-6:]
	}
	return p
}

func shortAddr(a string) string {
	if len(a) > 10 {
		return a[:6] + "…" + a[len(a)-4:]
	}
	return a
}
