package sched

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// LearnedConfig tunes the learned scheduler. Zero fields take the defaults named.
type LearnedConfig struct {
	// Seed seeds the Thompson sampler. The core reads no entropy of its own:
	// the node passes a random seed, the simulator the scenario's.
	Seed uint64
	// PriorOK and PriorFailed are the Beta prior of a provider's success
	// rate (2 and 0.25: a newcomer is trusted enough to be tried).
	PriorOK, PriorFailed float64
	// FailureCost is the time a failed attempt costs beyond running the
	// task again: noticing the failure and placing the task anew (60s).
	FailureCost time.Duration
	// Slack loosens the straggler rule, in log speed: a provider is used
	// when its cautious speed is within Slack of the slowest speed whose
	// run still ends within the backlog's horizon (0.05).
	Slack float64
	// Caution is how many standard deviations of the speed and work
	// posteriors the straggler rule assumes against a provider (1).
	Caution float64
	// RiskAversion scales the expected cost of failures in the straggler
	// rule (3): a failure near the end of a batch delays its makespan by a
	// detection and a rerun, whatever the odds, so the rule weighs it more
	// than its expectation.
	RiskAversion float64
	// HoldFloor: a provider whose mean run of the task is shorter than
	// this is never a straggler (500ms, the market's retry period). A held
	// task waits at least a round of the market, so holding it for a
	// faster provider cannot pay when the free one finishes sooner than
	// that: twenty one-task jobs on three providers once waited a second
	// for the one the model knew best while the other two idled.
	HoldFloor time.Duration
	// Explore scales the posterior spread of the Thompson samples (1; a
	// negative value turns sampling off and ranks by posterior means).
	Explore float64
	// DeadlineMargin is the fraction of the task timeout a predicted run
	// may use before a provider is skipped as too slow (0.8).
	DeadlineMargin float64
	// GreenFactor: a green job's tasks skip providers whose predicted
	// emissions exceed this multiple of the cleanest free provider's (2).
	GreenFactor float64
	// GreenWait is how many best-run lengths a green job's tasks may wait
	// for a clean provider (1).
	GreenWait float64
	// GreenSlack widens the straggler rule's horizon for green jobs (1.5),
	// so slower clean providers stay usable while the slowest still do not
	// set the end.
	GreenSlack float64
	// Preselect: Shortlist screens every eligible provider with an
	// optimistic bound on its score (its speed Thompson-sampled at most
	// zClip standard deviations up) and samples only the Preselect × k most
	// promising (2); a negative value samples every one, the exhaustive
	// reference the benchmark compares with.
	Preselect int
	// Screen: with more eligible providers than this, Shortlist screens a
	// pseudo-random sample of about Sample of them (a new one every
	// decision) and the elite, the EliteSize fastest, cheapest and cleanest
	// known providers each (1024, 256 (at most Screen), 64), so a
	// decision's cost stays flat however large the network; a negative
	// Screen screens every one.
	Screen    int
	Sample    int
	EliteSize int
	Model     ModelConfig
}

func (c LearnedConfig) withDefaults() LearnedConfig {
	def := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		}
	}
	def(&c.PriorOK, 2)
	def(&c.PriorFailed, 0.25)
	if c.FailureCost == 0 {
		c.FailureCost = 60 * time.Second
	}
	if c.HoldFloor == 0 {
		c.HoldFloor = 500 * time.Millisecond
	}
	def(&c.Slack, 0.05)
	def(&c.Caution, 1)
	def(&c.RiskAversion, 3)
	def(&c.Explore, 1)
	def(&c.DeadlineMargin, 0.8)
	def(&c.GreenFactor, 2)
	def(&c.GreenWait, 1)
	def(&c.GreenSlack, 1.5)
	if c.Preselect == 0 {
		c.Preselect = 2
	}
	if c.Screen == 0 {
		c.Screen = 1024
	}
	if c.EliteSize == 0 {
		c.EliteSize = 64
	}
	if c.Sample == 0 {
		c.Sample = 256
	}
	if c.Screen > 0 {
		c.Sample = min(c.Sample, c.Screen)
	}
	return c
}

// zClip bounds a Thompson draw of a speed, in standard deviations, so that
// the screening bound holds for every draw.
const zClip = 3

// Learned is the scheduler that learns from history: it predicts each
// provider's run time with the online Model, its reliability from a Beta
// posterior, and ranks by the expected time to a verified result, price and
// carbon, weighted by the job's preference. Thompson sampling (a draw from
// each posterior instead of its mean) gives newcomers work in proportion to
// the chance that they are good. As a Planner it also chooses whom to ask
// for bids among all eligible providers and keeps the makespan short:
//
//   - the straggler rule: a provider is used for a task only if its run,
//     judged cautiously (a low quantile of its speed, slowed by its
//     expected failures), ends within the horizon in which the providers at
//     least as fast would clear the backlog; so at the end of a batch the
//     last tasks wait for fast providers instead of running long on slow
//     ones, and big tasks skip slow providers earlier than small ones;
//   - longest tasks first: while more tasks wait than there are free slots,
//     a program's round leaves the providers that bigger waiting tasks fit
//     to them, so big tasks start early and small ones fill the end;
//   - a task's round skips providers that would miss its time limit.
//
// Learned implements Scheduler, Planner, OfferWatcher and Predictor; it is
// deterministic for a seed and the sequence of calls, and not safe for
// concurrent use.
type Learned struct {
	cfg      LearnedConfig
	model    *Model
	seed     uint64
	decision uint64 // decisions taken, a component of every random draw
	ros      roster
	idx      capIndex
	inflight float64 // attempts placed and not yet observed (estimate)
	load     backlogWork
	// saturated: more tasks waited than the free slots of the last
	// Shortlist's eligible providers, so some wait whatever the order.
	saturated bool
	carbon    float64 // mean carbon intensity of offers seen (for unknowns)
	nCarbon   int
	scratch   []scored
	pre, preW []cand
	poolEl    []Candidate
	poolRows  []int32
	wl        []cand
	unknown   []int32
	// Rows whose slots an open round of the program asked for, so that
	// concurrent rounds of different jobs do not all ask the same best
	// providers and then find them taken (herding).
	roundRows map[wire.CID][]int32
	// heldSince is when the straggler rule started holding a program's
	// tasks. Waiting is capped like a ski rental: once the tasks have waited
	// as long as the best free provider would take to run one, they go to
	// it (so holding never costs more than twice the best choice).
	heldSince map[wire.CID]time.Time
	// holdEnds is when a held program's tasks are released (HoldEnds).
	holdEnds map[wire.CID]time.Time
}

// NewLearned returns an empty learned scheduler.
func NewLearned(cfg LearnedConfig) *Learned {
	cfg = cfg.withDefaults()
	return &Learned{cfg: cfg, model: NewModel(cfg.Model), seed: cfg.Seed, roundRows: map[wire.CID][]int32{}, heldSince: map[wire.CID]time.Time{}, holdEnds: map[wire.CID]time.Time{}}
}

// Model returns the runtime model (read it, do not keep it across Restore).
func (l *Learned) Model() *Model { return l.model }

// SeeOffer records an offer's features and carbon intensity.
func (l *Learned) SeeOffer(o wire.Offer, latency time.Duration) {
	l.model.SeeOffer(o, latency)
	if c := labelFloat(o.Labels, LabelCarbon); c > 0 {
		l.nCarbon++
		l.carbon += (c - l.carbon) / float64(min(l.nCarbon, 1000))
	}
	n := len(l.ros.rows)
	i := l.ros.upsert(o.Peer, o.Benchmark)
	w := &l.ros.rows[i]
	if int(i) == n || w.slots != o.Slots {
		l.idx.dirty++
	}
	w.m, w.slots, w.ask, w.lat, w.exp = l.model.peers[o.Peer], o.Slots, float64(o.Ask), latency, o.ExpiresMs
	l.refresh(i)
}

// straggler reports whether the straggler rule keeps s from the round:
// its cautious speed is below the cut, and its mean run is long enough
// for a hold to pay (HoldFloor).
func (l *Learned) straggler(s scored, ru rules) bool {
	return !math.IsInf(ru.cut, -1) && s.d > l.cfg.HoldFloor.Seconds() && l.cautious(s, l.idx.ref) < ru.cut-ru.slack
}

// Observe learns from one outcome.
func (l *Learned) Observe(o Observation) {
	l.inflight = math.Max(0, l.inflight-1)
	init := l.model.peers[o.Peer] != nil && l.model.peers[o.Peer].init
	p := l.model.Observe(o)
	if p.init && !init {
		l.idx.dirty++
	}
	if i := l.ros.row(o.Peer); i >= 0 {
		l.refresh(i)
	}
}

// Predict implements Predictor.
func (l *Learned) Predict(peer string, program wire.CID) (time.Duration, float64) {
	return l.model.Predict(peer, program, 0)
}

// Rank implements Scheduler: Plan without knowledge of the round.
func (l *Learned) Rank(req Request, cands []Candidate) []Ranked {
	return l.Plan(Round{Request: req}, cands)
}

// Plan implements Planner.
func (l *Learned) Plan(r Round, bids []Candidate) []Ranked {
	l.decision++
	l.unreserve(r.Program)
	ru := l.rulesFor(r)
	ss := l.scratch[:0]
	var tmp prow
	for i, c := range bids {
		if c.Price > r.MaxPrice || c.Slots <= 0 {
			continue
		}
		w := l.rowFor(c, &tmp)
		s := l.evaluate(w, c, ru.work, true, true)
		s.i = i
		s.tooSlow = ru.w*w.invMean > ru.maxRun
		if !ru.deadline.IsZero() && ru.now.Add(time.Duration(s.t*float64(time.Second))).After(ru.deadline) {
			s.tooSlow = true
		}
		s.straggler = l.straggler(s, ru)
		s.wanted = ru.bn > 0 && w.cautHi >= ru.ceil
		if s.tooSlow || s.straggler {
			continue
		}
		ss = append(ss, s)
	}
	ss, _ = dropWanted(ss, func(i int) int { return bids[i].Slots }, ru.bn)
	l.scratch = ss[:0]
	if len(ss) == 0 {
		return nil
	}
	l.finish(ss, r.Preference, ru.w)
	sort.Slice(ss, func(i, k int) bool {
		if ss[i].score != ss[k].score {
			return ss[i].score < ss[k].score
		}
		return bids[ss[i].i].Peer < bids[ss[k].i].Peer
	})
	out := make([]Ranked, len(ss))
	slots := 0
	for k, s := range ss {
		out[k] = Ranked{Candidate: bids[s.i], Score: s.score, Reliability: s.rel}
		slots += bids[s.i].Slots
	}
	if r.Tasks > 0 && !r.Backup {
		l.inflight += float64(min(r.Tasks, slots))
		l.load.placed(r.Program, min(r.Tasks, slots))
	}
	if ru.released {
		delete(l.heldSince, r.Program)
		delete(l.holdEnds, r.Program)
	}
	return out
}

// labelFloat reads a numeric offer label (0 when absent or malformed).
func labelFloat(labels map[string]string, key string) float64 {
	v, ok := labels[key]
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0
	}
	return f
}

// HoldEnds is when the straggler rule releases program's held tasks, or
// the zero time if it holds none: a market asks again then rather than
// after its usual retry wait, which may be far longer than a short
// program's run.
func (l *Learned) HoldEnds(program wire.CID) time.Time { return l.holdEnds[program] }
