package sched

import (
	"errors"
	"fmt"
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
}

// NewLearned returns an empty learned scheduler.
func NewLearned(cfg LearnedConfig) *Learned {
	cfg = cfg.withDefaults()
	return &Learned{cfg: cfg, model: NewModel(cfg.Model), seed: cfg.Seed, roundRows: map[wire.CID][]int32{}, heldSince: map[wire.CID]time.Time{}}
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

// refresh recomputes row i from the model.
func (l *Learned) refresh(i int32) {
	w := &l.ros.rows[i]
	if w.m == nil {
		w.m = l.model.peers[w.peer]
	}
	l.fill(w)
	l.ros.sign(i)
}

// fill computes a row's decision values from the model.
func (l *Learned) fill(w *prow) {
	sp := l.model.speedOf(w.m, w.bench)
	w.mu, w.sd = sp.Mean, math.Sqrt(sp.Var)
	w.a, w.b = l.cfg.PriorOK, l.cfg.PriorFailed
	w.carbon = 0
	if w.m != nil {
		w.a, w.b, w.carbon = w.a+w.m.OK, w.b+w.m.Failed, w.m.Carbon
	}
	rel := math.Max(w.a/(w.a+w.b), minRel)
	w.odds = (1 - rel) / rel
	w.dref, w.h, w.oc = 0, 0, w.odds
	if w.m != nil && w.m.Observed > 0 && w.m.RunTime > 0 {
		w.dref = w.m.RunTime / float64(w.m.Observed)
		w.h, w.oc = -math.Log(rel)/w.dref, 0
	}
	w.cautHi = w.mu - l.cfg.Caution*w.sd - math.Log1p(l.cfg.RiskAversion*w.oc)
	z := 0.0
	if l.cfg.Explore > 0 {
		z = l.cfg.Explore * zClip
	}
	w.invMean = math.Exp(-w.mu)
	w.invOpt = math.Exp(-(w.mu + z*w.sd))
}

// relFor turns a provider's chance of success per typical attempt into the
// chance for a run of d seconds (failures as a hazard), floored at minRel.
func relFor(rel, d, dref float64) float64 {
	if dref > 0 && rel < 1 {
		rel = math.Exp(d / dref * math.Log(rel)) // rel^(d/dref), cheaper than math.Pow
	}
	return math.Max(rel, minRel)
}

// minRel floors a reliability, so no provider's expected failures are
// infinite; maxOdds are the odds it implies.
const (
	minRel  = 0.02
	maxOdds = (1 - minRel) / minRel
)

// rowFor returns c's row: the roster's, or one made from the model for a
// provider whose offer was never seen.
func (l *Learned) rowFor(c Candidate, tmp *prow) *prow {
	if i := l.ros.row(c.Peer); i >= 0 {
		return &l.ros.rows[i]
	}
	*tmp = prow{peer: c.Peer, bench: c.Benchmark, lat: c.Latency, m: l.model.peers[c.Peer]}
	l.fill(tmp)
	return tmp
}

// scored is a candidate's terms before normalization.
type scored struct {
	i         int
	row       int32   // roster row (−1: none)
	d         float64 // sampled run time, seconds
	mu, sd    float64 // log-speed posterior
	a, b      float64 // Beta posterior
	dref      float64 // the provider's mean run, s (see prow)
	cautHi    float64
	t, p, e   float64 // expected time (s), price, emissions
	rel       float64
	score     float64
	wanted    bool // fits bigger waiting tasks (see ceiling)
	tooSlow   bool
	straggler bool
}

// evaluate computes a candidate's terms from its row. sample draws from the
// posteriors (Thompson sampling; the speed draw is clipped at zClip
// standard deviations); otherwise means are used.
func (l *Learned) evaluate(w *prow, c Candidate, work Gauss, sample, betaSample bool) scored {
	s := w.mu
	var dr draw
	if sample && l.cfg.Explore > 0 {
		dr = drawFor(l.seed, l.decision, c.Peer)
		s += l.cfg.Explore * w.sd * math.Max(-zClip, math.Min(zClip, dr.norm()))
	}
	rel := w.a / (w.a + w.b)
	if sample && betaSample && l.cfg.Explore > 0 {
		rel = dr.beta(w.a, w.b)
	}
	d := math.Exp(work.Mean - s)
	rel = relFor(math.Max(rel, minRel), d, w.dref)
	fail := (1 - rel) / rel // expected failed attempts before a success
	t := c.Latency.Seconds() + d + fail*(d+l.cfg.FailureCost.Seconds())
	carbon := c.Carbon
	if carbon <= 0 {
		carbon = w.carbon
	}
	if carbon <= 0 {
		carbon = math.Max(l.carbon, 1)
	}
	// Energy is ∝ run time per slot, so emissions ∝ intensity × run time,
	// failed runs included.
	e := carbon * d * (1 + fail)
	return scored{row: -1, d: d, t: t, p: float64(c.Price), e: e, rel: rel, a: w.a, b: w.b, mu: w.mu, sd: w.sd, dref: w.dref, cautHi: w.cautHi}
}

// cautious is the straggler rule's view of a scored candidate: a low
// quantile of its log speed, slowed by the expected cost of failures (a
// flaky provider is a slow one at the end). The rule does not gamble.
func (l *Learned) cautious(s scored, work Gauss) float64 {
	dMean := math.Exp(work.Mean - s.mu)
	rel := relFor(math.Max(s.a/(s.a+s.b), minRel), dMean, s.dref)
	return s.mu - l.cfg.Caution*s.sd - math.Log1p(l.cfg.RiskAversion*(1-rel)/rel*(1+l.cfg.FailureCost.Seconds()/dMean))
}

// weightsOf splits the preference into time, price and carbon weights;
// time already folds in latency and risk. They follow WeightsFor, except
// that green lets emissions dominate: the straggler rule, not the score,
// is what protects the makespan.
func weightsOf(pref string) (wt, wp, we float64) {
	if pref == "green" {
		return 0.15, 0.05, 0.8
	}
	w := WeightsFor(pref)
	return w.Time + w.Risk + w.Latency, w.Price, w.Energy
}

// norms are the population means the score terms are divided by: the
// means over the known providers (at the last index rebuild) of their
// expected time, price and emissions for a task of work W, so that a
// provider's score does not depend on who else is free.
type norms struct {
	lat, inv1, bf, carbonInv1, ask float64
	ok                             bool
}

func (n norms) of(work float64) (t, p, e float64) {
	return n.lat + work*n.inv1 + n.bf, n.ask, work * n.carbonInv1
}

// finish scores ss: each term divided by its population mean, or, without
// one, by its mean among ss.
func (l *Learned) finish(ss []scored, pref string, work float64) {
	wt, wp, we := weightsOf(pref)
	tn, pn, en := l.idx.norms.of(work)
	if !l.idx.norms.ok || tn <= 0 || pn <= 0 || en <= 0 {
		var st, sp, se float64
		for _, s := range ss {
			st, sp, se = st+s.t, sp+s.p, se+s.e
		}
		n := float64(len(ss))
		tn, pn, en = st/n, sp/n, se/n
	}
	for i := range ss {
		s := &ss[i]
		s.score = wt*ratio(s.t, tn) + wp*ratio(s.p, pn) + we*ratio(s.e, en)
	}
}

func ratio(v, m float64) float64 {
	if m <= 0 {
		return 0
	}
	return v / m
}

// waitFactor is how many best-run lengths held tasks may wait: one for
// speed (never worse than twice the best choice), GreenWait for green jobs,
// whose owners trade completion time for emissions.
func (l *Learned) waitFactor(r Round) float64 {
	if r.Preference == "green" {
		return l.cfg.GreenWait
	}
	return 1
}

// released reports whether the program's held tasks were released (see
// heldSince); the release lasts until a round of it places tasks.
func (l *Learned) released(r Round) bool {
	since, ok := l.heldSince[r.Program]
	return ok && since.IsZero()
}

// rules are a round's placement rules (see Learned).
type rules struct {
	work     Gauss
	w        float64 // e^work.Mean
	cut      float64 // straggler cut: cautious log speed below which (− Slack) a provider is too slow; −Inf: none
	bn, ceil float64 // tasks of bigger programs waiting; cautious log speed from which a provider fits them
	maxRun   float64 // longest mean run the time limit allows, seconds (+Inf: none)
	released bool
	deadline time.Time
	now      time.Time
	slack    float64
}

func (l *Learned) rulesFor(r Round) rules {
	l.maybeRebuild(r.Now)
	l.model.SeeProgram(r.Program, r.Timeout)
	work := l.model.Work(r.Program)
	sd := math.Sqrt(work.Var)
	ru := rules{work: work, w: math.Exp(work.Mean), cut: l.threshold(r, work.Mean+l.cfg.Caution*sd), ceil: math.Inf(1),
		maxRun: math.Inf(1), released: l.released(r), deadline: r.Deadline, now: r.Now, slack: l.cfg.Slack}
	if ru.released {
		ru.cut = math.Inf(-1)
	}
	if r.Timeout > 0 {
		ru.maxRun = l.cfg.DeadlineMargin * r.Timeout.Seconds()
	}
	ru.bn, ru.ceil = l.ceiling(r, work.Mean, sd)
	return ru
}

// dropWanted leaves to bigger waiting tasks the candidates they fit: all of
// them when those tasks could take all of them, else the fastest
// (cautiously) covering bn slots. It reports whether it dropped all.
func dropWanted(ss []scored, slots func(i int) int, bn float64) ([]scored, bool) {
	f := 0
	var wanted []int
	for k, s := range ss {
		if s.wanted {
			f += slots(s.i)
			wanted = append(wanted, k)
		}
	}
	if f == 0 {
		return ss, false
	}
	all := float64(f) <= bn
	if !all {
		sort.Slice(wanted, func(a, b int) bool {
			x, y := ss[wanted[a]], ss[wanted[b]]
			if x.cautHi != y.cautHi {
				return x.cautHi > y.cautHi
			}
			return x.i < y.i
		})
		acc := 0
		for n, k := range wanted {
			if float64(acc) >= bn {
				for _, k := range wanted[n:] {
					ss[k].wanted = false // not needed by bigger tasks
				}
				break
			}
			acc += slots(ss[k].i)
		}
	}
	kept := ss[:0]
	for _, s := range ss {
		if !s.wanted {
			kept = append(kept, s)
		}
	}
	return kept, all
}

// unreserve ends the reservations of program's open round.
func (l *Learned) unreserve(program wire.CID) {
	for _, i := range l.roundRows[program] {
		l.ros.rows[i].res = reservation{}
	}
	delete(l.roundRows, program)
}

// reservedRows counts the rows reserved at now, and forgets the rounds
// whose reservations all expired (a round that never closed).
func (l *Learned) reservedRows(now time.Time) int {
	n := 0
	for p, rows := range l.roundRows {
		live := 0
		for _, i := range rows {
			if res := l.ros.rows[i].res; res.slots > 0 && (now.IsZero() || now.Before(res.until)) {
				live++
			}
		}
		if live == 0 {
			delete(l.roundRows, p)
		}
		n += live
	}
	return n
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
		s.straggler = !math.IsInf(ru.cut, -1) && l.cautious(s, l.idx.ref) < ru.cut-ru.slack
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
	}
	return out
}

// cand is an eligible provider that passed the screening: its optimistic
// score, its row, its index in eligible.
type cand struct {
	lb     float32
	row    int32
	i      int32
	wanted bool
}

// candLess orders screened candidates; ties go to the lower row, a
// property of the provider, so the order the market lists them in never
// matters.
func candLess(a, b cand) bool {
	if a.lb != b.lb {
		return a.lb < b.lb
	}
	return a.row < b.row
}

// keep adds c to h, a max-heap of the best m candidates by candLess.
func keep(h []cand, c cand, m int) []cand {
	if len(h) == m {
		if !candLess(c, h[0]) {
			return h
		}
		h[0] = c
		for i := 0; ; {
			l, r, big := 2*i+1, 2*i+2, i
			if l < len(h) && candLess(h[big], h[l]) {
				big = l
			}
			if r < len(h) && candLess(h[big], h[r]) {
				big = r
			}
			if big == i {
				return h
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	h = append(h, c)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !candLess(h[p], h[i]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

// Shortlist implements Planner: every eligible provider is screened by an
// optimistic bound on its score (one table lookup and a few multiplies
// each), the most promising are scored with Thompson samples, and the best
// are returned, enough of them to cover the round's tasks with a margin, at
// most k. A provider whose offer the scheduler never saw is always scored.
func (l *Learned) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	if k <= 0 || len(eligible) == 0 {
		return nil
	}
	l.decision++
	return l.shortlist(r, eligible, k, nil)
}

// ShortlistPool implements PoolPlanner: with many more eligible providers
// than Screen it looks up only a sample and the elite, as Shortlist would
// screen, from the providers whose offers it saw, instead of receiving
// every eligible one; otherwise it is Shortlist(r, pool.All(), k). The
// sample is a window of its roster at a pseudo-random place, so a decision
// costs about Sample·(known/eligible) + 3·EliteSize lookups whatever the
// network's size.
// An eligible provider whose offer it never saw is found only through All:
// drivers show it every offer they give the market (OfferWatcher).
func (l *Learned) ShortlistPool(r Round, pool Pool, k int) []Candidate {
	n := pool.Len()
	if k <= 0 || n == 0 {
		return nil
	}
	if l.cfg.Screen > 0 && n > l.cfg.Screen && l.cfg.EliteSize > 0 {
		l.maybeRebuild(r.Now)
	}
	// A sample of the roster holds about Sample·rows/n providers to look
	// up by peer id; listing the pool costs n steps several times cheaper
	// (a dense scan): list when that is less.
	rows := len(l.ros.rows)
	window := l.cfg.Sample * rows / max(n, 1)
	if l.cfg.Screen <= 0 || n <= l.cfg.Screen || l.cfg.EliteSize <= 0 || len(l.idx.elite.rows) == 0 ||
		n <= 6*(window+len(l.idx.elite.rows)) || window >= rows {
		el := pool.All()
		if len(el) == 0 {
			return nil
		}
		l.decision++
		return l.shortlist(r, el, k, nil)
	}
	l.decision++
	salt, _ := l.sampling(n)
	el, rowsOf := l.poolEl[:0], l.poolRows[:0]
	hinted, _ := pool.(HintedPool)
	look := func(i int32) {
		w := &l.ros.rows[i]
		var c Candidate
		var ok bool
		if hinted != nil {
			c, ok = hinted.LookupHint(w.peer, &w.hint)
		} else {
			c, ok = pool.Lookup(w.peer)
		}
		if ok {
			el, rowsOf = append(el, c), append(rowsOf, i)
		}
	}
	// The elite (distinct rows), then the sample's rows outside it.
	for _, i := range l.idx.elite.rows {
		look(i)
	}
	ps := poolSample{pop: n, rows: rowsOf, elite: len(el)}
	// The sample: a window of the roster at a random place (rows are in
	// the order offers were first seen, which says nothing of a
	// provider's merit), about Sample of the pool's providers.
	eliteSig := &l.idx.elite
	start := int(salt % uint64(rows))
	for k := range window {
		i := (start + k) % rows
		if !eliteSig.has(l.ros.sigs[i]) {
			look(int32(i))
		}
	}
	ps.rows = rowsOf
	l.poolEl, l.poolRows = el[:0], rowsOf[:0]
	if len(el) == 0 {
		return nil
	}
	return l.shortlist(r, el, k, &ps)
}

// poolSample describes a ShortlistPool's candidates: a sample of about pop
// eligible providers, found at these roster rows, the first elite of them
// the elite's.
type poolSample struct {
	pop   int
	rows  []int32
	elite int
}

// sampling returns the salt and limit of the decision's screening sample
// among pop eligible providers: those whose (signature ^ salt) >> 32 is
// below limit, about Sample of them.
func (l *Learned) sampling(pop int) (salt, limit uint64) {
	salt = mix64(l.seed ^ l.decision*0x9e3779b97f4a7c15)
	if l.cfg.Screen > 0 && pop > l.cfg.Screen {
		limit = uint64(float64(l.cfg.Sample) / float64(pop) * (1 << 32))
	}
	return salt, limit
}

// shortlist is Shortlist after the decision count moved; ps as in screen.
func (l *Learned) shortlist(r Round, eligible []Candidate, k int, ps *poolSample) []Candidate {
	ru := l.rulesFor(r)
	if r.Tasks > 0 && !r.Backup {
		l.load.update(r.Program, r.Tasks, ru.w, r.Now, r.Priority)
	}
	ss, best, ceiled := l.screen(r, ru, eligible, k, ps)
	if r.Preference == "green" && !ru.released {
		// Green waits for clean providers: it skips those emitting more than
		// GreenFactor times the cleanest free one (the ski-rental release
		// below bounds the wait).
		minE := math.Inf(1)
		for _, s := range ss {
			minE = math.Min(minE, s.e)
		}
		kept := ss[:0]
		for _, s := range ss {
			if s.e <= l.cfg.GreenFactor*minE {
				kept = append(kept, s)
			}
		}
		ss = kept
	}
	l.scratch = ss[:0]
	if len(ss) == 0 {
		if ceiled {
			return nil // bigger tasks go first
		}
		if !ru.released && !r.Now.IsZero() && !math.IsInf(best, 1) && (!math.IsInf(ru.cut, -1) || r.Preference == "green") {
			since, ok := l.heldSince[r.Program]
			if !ok {
				l.heldSince[r.Program] = r.Now
			} else if wait := best * l.waitFactor(r); r.Now.Sub(since).Seconds() >= wait {
				l.heldSince[r.Program] = time.Time{} // released: see released
				l.decision++
				return l.shortlist(r, eligible, k, ps)
			}
		}
		return nil
	}
	if since, ok := l.heldSince[r.Program]; ok && !since.IsZero() {
		delete(l.heldSince, r.Program)
	}
	l.finish(ss, r.Preference, ru.w)
	top := topK(ss, k, eligible)
	need := k
	if r.Tasks > 0 {
		// Ask enough providers to cover the tasks one and a half times over.
		want, slots := (3*r.Tasks+1)/2+1, 0
		for n, s := range top {
			slots += eligible[s.i].Slots
			if slots >= want {
				need = n + 1
				break
			}
		}
	}
	out := make([]Candidate, 0, min(need, len(top)))
	left := r.Tasks
	for _, s := range top[:min(need, len(top))] {
		c := eligible[s.i]
		out = append(out, c)
		if r.Tasks > 0 && !r.Now.IsZero() && s.row >= 0 {
			n := min(c.Slots, max(left, 1))
			left -= n
			res := &l.ros.rows[s.row].res
			if r.Now.Before(res.until) {
				n += res.slots
			}
			*res = reservation{slots: n, until: r.Now.Add(5 * time.Second)}
			l.roundRows[r.Program] = append(l.roundRows[r.Program], s.row)
		}
	}
	return out
}

// screen returns the eligible providers a round may use, scored with
// Thompson samples, the shortest cautious run among the usable ones (for
// the hold's ski rental) and whether the longest-first rule left them all
// to bigger tasks. It reads each candidate's row (above Screen candidates,
// a sample's and the elite's), drops stragglers and those too slow for the
// time limit, keeps the Preselect × k best by an optimistic bound on their
// score, and samples those.
//
// ps != nil says eligible is already a pool's sample (see ShortlistPool) out
// of about ps.pop eligible providers: each is screened, those outside the
// elite standing for ps.pop/Sample providers each.
func (l *Learned) screen(r Round, ru rules, eligible []Candidate, k int, ps *poolSample) (ss []scored, best float64, ceiled bool) {
	wt, wp, we := weightsOf(r.Preference)
	tn, pn, en := l.idx.norms.of(ru.w)
	if pn <= 0 {
		// No asks known: normalize prices by the candidates' mean (an
		// integer sum, the same in any order).
		var sum, n uint64
		for i := range eligible {
			if c := &eligible[i]; c.Price <= r.MaxPrice && c.Slots > 0 {
				sum, n = sum+uint64(c.Price), n+1
			}
		}
		if n > 0 {
			pn = float64(sum) / float64(n)
		}
	}
	bounded := l.idx.norms.ok && tn > 0 && pn > 0 && en > 0 && l.cfg.Preselect > 0
	// Keep the best m by the bound, more by as many as rows are reserved:
	// reservations are checked only on those kept.
	m := l.cfg.Preselect*k + l.reservedRows(r.Now)
	if !bounded {
		m = math.MaxInt
	}
	wt, wp, we = wt/tn, wp/pn, we/en
	wt32, wp32, we32 := float32(wt), float32(wp), float32(we)
	lat32 := float32(wt) * 1e-9 // per nanosecond of latency
	defCarbon := float32(math.Max(l.carbon, 1))
	straggle := float32(ru.cut - ru.slack)
	if math.IsInf(ru.cut, -1) {
		straggle = float32(math.Inf(-1))
	}
	ceil := float32(ru.ceil)
	w32, maxRun := float32(ru.w), float32(ru.maxRun)
	fc32 := float32(l.cfg.FailureCost.Seconds())
	var free int
	bestCaut := float32(math.Inf(-1))
	h, hw := l.pre[:0], l.preW[:0] // the best of all; of those bigger tasks do not want
	unknown := l.unknown[:0]
	var shared screenVals
	// Above Screen eligible providers, screen a sample and the elite; the
	// sample is drawn by a hash of the benchmark and the decision, so it is
	// the same whatever the candidates' order.
	sampled := l.cfg.Screen > 0 && len(eligible) > l.cfg.Screen
	pop := len(eligible)
	if ps != nil {
		sampled, pop = true, ps.pop
	}
	salt, limit := l.sampling(pop)
	weight := 1.0 // of a sampled provider in the counts below
	if sampled {
		weight = float64(pop) / float64(l.cfg.Sample)
	}
	el := &l.idx.elite
	var wanted64 float64
	wl := l.wl[:0] // the wanted: cautious speed (in lb), row, slots (in i)
	for i := range eligible {
		c := &eligible[i]
		if c.Price > r.MaxPrice || c.Slots <= 0 {
			continue
		}
		wgt := 1.0
		if ps != nil {
			// A pool's sample: its rows are known.
			if i >= ps.elite {
				wgt = weight
			}
			free += int(math.Round(wgt * float64(c.Slots)))
		} else {
			free += c.Slots
		}
		var row int32
		var sv *screenVals
		if ps != nil {
			row = ps.rows[i]
			sv = &l.ros.svs[row]
		} else {
			sig := benchSig(c.Benchmark)
			if sampled {
				inSample := (sig^salt)>>32 < limit
				if !inSample && !el.maybe(sig) {
					continue
				}
				if isElite := el.has(sig); !isElite && !inSample {
					continue
				} else if !isElite {
					wgt = weight
				}
			}
			sl := l.ros.findSig(sig)
			if sl == nil {
				unknown = append(unknown, int32(i))
				continue
			}
			row, sv = sl.row-1, &sl.screenVals
			if row < 0 { // a shared signature
				if row = l.ros.row(c.Peer); row < 0 {
					unknown = append(unknown, int32(i))
					continue
				}
				shared = l.ros.screenOf(row)
				sv = &shared
			}
		}
		wanted := ru.bn > 0 && sv.cautHi >= ceil
		if !wanted && sv.cautHi > bestCaut {
			bestCaut = sv.cautHi
		}
		if sv.cautHi < straggle || w32*sv.invMean > maxRun {
			continue
		}
		if wanted {
			wanted64 += wgt * float64(c.Slots)
			wl = append(wl, cand{lb: sv.cautHi, row: row, i: int32(c.Slots)})
		}
		var lb float32
		if bounded {
			carbon := sv.carbon
			if carbon <= 0 {
				carbon = defCarbon
			}
			d1 := w32 * sv.invOpt
			o := min(sv.oc+sv.h*d1, maxOdds) // odds of failing a run of d ≥ d1: at least this
			lb = lat32*float32(c.Latency) + wt32*(d1*(1+o)+o*fc32) + wp32*float32(c.Price) + we32*d1*(1+o)*carbon
		}
		e := cand{lb: lb, row: row, i: int32(i), wanted: wanted}
		if !bounded {
			h = append(h, e)
			continue
		}
		if len(h) < m || candLess(e, h[0]) {
			h = keep(h, e, m)
		}
		if !wanted && (len(hw) < m || candLess(e, hw[0])) {
			hw = keep(hw, e, m)
		}
	}
	l.saturated = r.Backlog > free
	best = math.Inf(1)
	if !math.IsInf(float64(bestCaut), -1) {
		best = ru.w * math.Exp(-float64(bestCaut))
	}
	// Bigger tasks take the providers they fit when they could take all of
	// them, else the fastest of them covering their tasks.
	ceiled = wanted64 > 0 && wanted64 <= ru.bn
	if !ceiled && ru.bn > 0 && len(wl) > 0 {
		sort.Slice(wl, func(a, b int) bool {
			if wl[a].lb != wl[b].lb {
				return wl[a].lb > wl[b].lb
			}
			return wl[a].row < wl[b].row
		})
		acc := 0.0
		for _, e := range wl {
			if acc >= ru.bn {
				break
			}
			l.ros.rows[e.row].skip = l.decision
			acc += float64(e.i) * weight
		}
	}
	l.wl = wl[:0]
	pick := h
	if ceiled {
		pick = hw
	}
	if bounded {
		sort.Slice(pick, func(a, b int) bool { return candLess(pick[a], pick[b]) })
	}
	l.pre, l.preW = h[:0], hw[:0]
	ss = l.scratch[:0]
	score := func(i int, row int32, w *prow) {
		c := eligible[i]
		s := l.evaluate(w, c, ru.work, true, false)
		s.i, s.row = i, row
		if !math.IsInf(ru.cut, -1) && l.cautious(s, l.idx.ref) < ru.cut-ru.slack {
			return
		}
		ss = append(ss, s)
	}
	var tmp prow
	n := 0
	for _, e := range pick {
		if bounded && n == l.cfg.Preselect*k {
			break
		}
		c := eligible[e.i]
		w := &l.ros.rows[e.row]
		if w.skip == l.decision {
			continue // left to bigger tasks
		}
		if w.peer != c.Peer {
			// The tag matched another provider's: use its own row.
			e.row = l.ros.row(c.Peer)
			w = l.rowFor(c, &tmp)
		}
		if e.row >= 0 {
			if res := l.ros.rows[e.row].res; res.slots > 0 && (r.Now.IsZero() || r.Now.Before(res.until)) && c.Slots <= res.slots {
				continue // its free slots are spoken for by another open round
			}
		}
		n++
		score(int(e.i), e.row, w)
	}
	for _, i := range unknown {
		c := eligible[i]
		w := l.rowFor(c, &tmp)
		wanted := ru.bn > 0 && w.cautHi >= ru.ceil
		if !wanted {
			best = math.Min(best, ru.w*math.Exp(-w.cautHi))
		}
		if ru.w*w.invMean > ru.maxRun || wanted && ceiled {
			continue
		}
		score(int(i), l.ros.row(c.Peer), w)
	}
	l.unknown = unknown[:0]
	return ss, best, ceiled
}

// topK returns the k best-scored entries, best first (ties by peer).
func topK(ss []scored, k int, cands []Candidate) []scored {
	less := func(a, b scored) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return cands[a.i].Peer < cands[b.i].Peer
	}
	top := make([]scored, 0, k+1)
	for _, s := range ss {
		if len(top) == k && !less(s, top[k-1]) {
			continue
		}
		j := sort.Search(len(top), func(j int) bool { return less(s, top[j]) })
		top = append(top, scored{})
		copy(top[j+1:], top[j:])
		top[j] = s
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// capIndex is the known providers' capacity sorted by cautious speed, for
// the straggler rule, and the population means the scores are normalized by.
type capIndex struct {
	elite elite
	dirty int
	logs  []float64 // cautious log speeds, descending
	// ref is the work the cautious speeds were judged at (the backlog's
	// mean work at the rebuild): the straggler rule judges every
	// candidate at the same work, so the cautiously fastest always passes
	// whatever the round's program.
	ref     Gauss
	cum     []float64 // cumulative slots × mean speed
	norms   norms
	builtAt time.Time
	built   bool
}

// ceiling returns, for a round of a program of log work w (sd its
// uncertainty), how many tasks of bigger programs wait (bn) and the
// cautious log speed at or above which a provider fits them (ceil; −Inf:
// any does). Longest tasks first (LPT) keeps the makespan short: while
// more tasks wait than there are free slots, the providers bigger tasks
// fit are theirs. Only bigger programs that arrived before this one or
// within lptWindow after it count, so a stream of big jobs never starves a
// small one.
func (l *Learned) ceiling(r Round, w, sd float64) (bn, ceil float64) {
	if r.Now.IsZero() || !l.saturated {
		return 0, math.Inf(1)
	}
	bn, wNext := l.load.bigger(r.Program, math.Exp(w), r.Priority, r.Now)
	if bn <= 0 {
		return 0, math.Inf(1)
	}
	return bn, l.threshold(r, math.Log(wNext)+l.cfg.Caution*sd)
}

// threshold returns the cautious log speed below which a provider is a
// straggler for a task of log work w in round r. With B tasks left (the
// backlog plus half the attempts in flight, as remaining work) of mean work
// W̄ (weighted by the programs' waiting tasks), the providers cautiously at
// least as fast as s, of capacity C(≥s), finish them in about B·W̄/C(≥s); a
// provider is worth using only if its cautious run, e^w/s, ends within that
// horizon: C(≥s)/s ≤ B·W̄/e^w. Big tasks so go to fast providers and small
// ones fill the slow ones, as in the fluid schedule that the clairvoyant
// bound describes. The cautiously fastest provider always passes.
func (l *Learned) threshold(r Round, w float64) float64 {
	if r.Backlog <= 0 || l.model.nProgs == 0 && r.Timeout <= 0 {
		return math.Inf(-1) // no load known, or no idea yet of any work
	}
	work := math.Exp(w)
	x := &l.idx
	l.maybeRebuild(r.Now)
	if len(x.logs) == 0 {
		return math.Inf(-1)
	}
	b := (float64(r.Backlog) + l.inflight/2) * l.load.mean(r.Now, work) / work
	if r.Preference == "green" {
		b *= l.cfg.GreenSlack // green trades some speed for clean power
	}
	ok := func(i int) bool { return x.cum[i]/math.Exp(x.logs[i]) <= b }
	// ok is true for a prefix of the fastest providers.
	n := sort.Search(len(x.logs), func(i int) bool { return !ok(i) })
	if n == len(x.logs) {
		return math.Inf(-1)
	}
	if n == 0 {
		return x.logs[0]
	}
	return x.logs[n-1]
}

// maybeRebuild rebuilds the index when many rows changed or it is old.
func (l *Learned) maybeRebuild(now time.Time) {
	x := &l.idx
	if !x.built || x.dirty > len(x.logs)/32 || (!now.IsZero() && now.Sub(x.builtAt) > 30*time.Second) {
		l.rebuild(now)
	}
}

// rebuild refreshes every row from the model and rebuilds the capacity
// index and the score norms.
func (l *Learned) rebuild(now time.Time) {
	x := &l.idx
	type e struct {
		row      int32
		ls, caut float64
		slots    int
	}
	es := make([]e, 0, len(l.ros.rows))
	// The failure-cost term needs a run length: the backlog's mean work.
	ref := Gauss{Mean: math.Log(l.load.mean(now, math.Exp(l.model.workMean.Mean)))}
	var n, lat, inv1, bf, cinv1, ask float64
	defCarbon := math.Max(l.carbon, 1)
	for i := range l.ros.rows {
		l.refresh(int32(i))
		w := &l.ros.rows[i]
		if w.slots <= 0 || (!now.IsZero() && w.exp != 0 && now.UnixMilli() > w.exp) {
			continue
		}
		s := scored{a: w.a, b: w.b, mu: w.mu, sd: w.sd, dref: w.dref}
		es = append(es, e{int32(i), w.mu, l.cautious(s, ref), w.slots})
		carbon := w.carbon
		if carbon <= 0 {
			carbon = defCarbon
		}
		f := w.invMean * (1 + w.odds)
		n++
		lat, inv1, bf, cinv1, ask = lat+w.lat.Seconds(), inv1+f, bf+w.odds*l.cfg.FailureCost.Seconds(), cinv1+carbon*f, ask+w.ask
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].caut != es[j].caut {
			return es[i].caut > es[j].caut
		}
		return es[i].row < es[j].row
	})
	x.logs, x.cum = x.logs[:0], x.cum[:0]
	c := 0.0
	for _, v := range es {
		c += float64(v.slots) * math.Exp(v.ls)
		x.logs = append(x.logs, v.caut)
		x.cum = append(x.cum, c)
	}
	x.elite = elite{rows: x.elite.rows[:0]}
	if k := l.cfg.EliteSize; k > 0 && len(es) > l.cfg.Screen && l.cfg.Screen > 0 {
		for _, v := range es[:min(k, len(es))] { // the fastest, cautiously
			if x.elite.add(benchSig(l.ros.rows[v.row].bench)) {
				x.elite.rows = append(x.elite.rows, v.row)
			}
		}
		by := func(key func(w *prow) float64) {
			sort.Slice(es, func(i, j int) bool {
				a, b := key(&l.ros.rows[es[i].row]), key(&l.ros.rows[es[j].row])
				if a != b {
					return a < b
				}
				return es[i].row < es[j].row
			})
			for _, v := range es[:min(k, len(es))] {
				if x.elite.add(benchSig(l.ros.rows[v.row].bench)) {
					x.elite.rows = append(x.elite.rows, v.row)
				}
			}
		}
		by(func(w *prow) float64 { return w.ask })
		by(func(w *prow) float64 {
			c := w.carbon
			if c <= 0 {
				c = defCarbon
			}
			return c * w.invMean * (1 + w.odds)
		})
	}
	x.norms = norms{}
	if n > 0 {
		x.norms = norms{lat: lat / n, inv1: inv1 / n, bf: bf / n, carbonInv1: cinv1 / n, ask: ask / n, ok: true}
	}
	x.ref = ref
	x.dirty, x.builtAt, x.built = 0, now, true
}

// backlogWork estimates the mean work of the tasks waiting for a provider:
// the mean of the programs' work weighted by their waiting tasks, as their
// latest Shortlist rounds reported them (Round.Tasks is a job's waiting
// count there) less what their rounds placed since. Programs not seen for a
// while no longer count.
type backlogWork struct {
	progs       map[wire.CID]*progLoad
	list        []*progLoad // progs' values, for a scan without map iteration
	sumN, sumNW float64
	swept       time.Time
}

type progLoad struct {
	prog        wire.CID
	n, w        float64
	seen, first time.Time
	prio        int
}

// backlogTTL is how long a program's waiting count counts without news.
const backlogTTL = 30 * time.Second

// lptWindow: a program is held back only for bigger ones that arrived
// before it or within this window after it. Longest first shortens a
// batch's makespan; in a stream of jobs it would only delay small ones, so
// it reorders only jobs that arrive together.
const lptWindow = 10 * time.Second

// update records that program has n tasks waiting, of work w each, at now.
func (b *backlogWork) update(program wire.CID, n int, w float64, now time.Time, prio int) {
	if b.progs == nil {
		b.progs = map[wire.CID]*progLoad{}
	}
	p, ok := b.progs[program]
	if !ok {
		p = &progLoad{prog: program, first: now}
		b.progs[program] = p
		b.list = append(b.list, p)
	}
	b.sumN -= p.n
	b.sumNW -= p.n * p.w
	p.n, p.w, p.seen, p.prio = float64(n), w, now, prio
	b.sumN += p.n
	b.sumNW += p.n * p.w
}

// placed records that n of program's waiting tasks were placed.
func (b *backlogWork) placed(program wire.CID, n int) {
	if p, ok := b.progs[program]; ok && n > 0 {
		d := math.Min(p.n, float64(n))
		p.n -= d
		b.sumN -= d
		b.sumNW -= d * p.w
	}
}

// bigger returns the tasks waiting of programs whose tasks are bigger than
// w (by a fifth), of at least priority prio, that arrived before program or
// within lptWindow after it, and the smallest work among them.
func (b *backlogWork) bigger(program wire.CID, w float64, prio int, now time.Time) (n, wNext float64) {
	me, ok := b.progs[program]
	if !ok {
		return 0, 0
	}
	wNext = math.Inf(1)
	for _, p := range b.list {
		if p.prog == program || p.n <= 0 || p.w <= 1.2*w || p.prio < prio || now.Sub(p.seen) > backlogTTL || p.first.Sub(me.first) > lptWindow {
			continue
		}
		n += p.n
		wNext = math.Min(wNext, p.w)
	}
	return n, wNext
}

// mean returns the weighted mean work, or fallback when nothing is known.
func (b *backlogWork) mean(now time.Time, fallback float64) float64 {
	if !now.IsZero() && now.Sub(b.swept) > backlogTTL/2 {
		b.swept = now
		b.sumN, b.sumNW = 0, 0
		// Sum in a fixed order: map order would make the sum's last bits,
		// and so decisions, differ between runs.
		keys := make([]wire.CID, 0, len(b.progs))
		for k, p := range b.progs {
			if now.Sub(p.seen) > backlogTTL {
				delete(b.progs, k)
				continue
			}
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		b.list = b.list[:0]
		for _, k := range keys {
			b.list = append(b.list, b.progs[k])
		}
		for _, k := range keys {
			p := b.progs[k]
			b.sumN += p.n
			b.sumNW += p.n * p.w
		}
	}
	if b.sumN < 1 {
		return fallback
	}
	return b.sumNW / b.sumN
}

// ProviderView is what the learned scheduler believes about a provider,
// for display (`deco providers -o json`).
type ProviderView struct {
	Peer           string  `json:"peer"`
	Declared       float64 `json:"declared_benchmark"`
	PredictedSpeed float64 `json:"predicted_speed"` // benchmark units; below Declared means it over-declares
	SpeedLogSD     float64 `json:"speed_log_sd"`
	Reliability    float64 `json:"reliability"`
	Observed       int     `json:"observed"`
	Failed         int     `json:"failed"`
}

// Providers returns every provider the scheduler knows, by peer id.
func (l *Learned) Providers() []ProviderView {
	out := make([]ProviderView, 0, len(l.model.peers))
	for peer, p := range l.model.peers {
		sp := l.model.speedOf(p, p.Benchmark)
		out = append(out, ProviderView{Peer: peer, Declared: p.Benchmark, PredictedSpeed: math.Exp(sp.Mean), SpeedLogSD: math.Sqrt(sp.Var),
			Reliability: l.model.Reliability(peer, l.cfg.PriorOK, l.cfg.PriorFailed), Observed: p.Observed, Failed: int(p.Failed)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Peer < out[j].Peer })
	return out
}

// LearnedState is the learned scheduler's persistent state, JSON-able.
type LearnedState struct {
	Version  int        `json:"version"`
	Model    ModelState `json:"model"`
	Inflight float64    `json:"inflight"`
}

// ErrBadState reports a persisted scheduler state this version cannot load.
var ErrBadState = errors.New("unsupported scheduler state")

// Snapshot returns the state to persist.
func (l *Learned) Snapshot() LearnedState {
	return LearnedState{Version: modelVersion, Model: l.model.Snapshot()}
}

// Restore loads a state saved by Snapshot. Attempts in flight are not
// restored: the market fails them on restart.
func (l *Learned) Restore(s LearnedState) error {
	if s.Version != modelVersion || (s.Model.Version != 0 && s.Model.Version != modelVersion) {
		return fmt.Errorf("%w: version %d, this node reads version %d (delete the saved model to start learning afresh)", ErrBadState, s.Version, modelVersion)
	}
	l.model.Restore(s.Model)
	// The roster follows the model: rebuilt from the offers it remembers,
	// in peer order.
	peers := make([]string, 0, len(l.model.peers))
	for p := range l.model.peers {
		peers = append(peers, p)
	}
	sort.Strings(peers)
	l.ros, l.idx, l.roundRows = roster{}, capIndex{}, map[wire.CID][]int32{}
	for _, peer := range peers {
		p := l.model.peers[peer]
		i := l.ros.upsert(peer, p.Benchmark)
		w := &l.ros.rows[i]
		w.m, w.slots, w.lat, w.exp = p, p.Slots, time.Duration(p.LatencyNs), p.ExpiresMs
		l.refresh(i)
	}
	return nil
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

// Speculate implements Speculator. A running attempt is backed up when a
// backup on one of the fastest providers would, judged cautiously, end
// well before it: its expected remaining time is its predicted run less
// the time it has run (or, once it overruns its prediction, the overrun
// again: a provider that is late is more likely to have crashed), plus its
// failure odds over that time times the cost of a failure. Green jobs are
// never backed up: a backup burns energy for speed.
func (l *Learned) Speculate(r Round, running []Running) []int {
	if r.Preference == "green" || len(running) == 0 || r.Now.IsZero() {
		return nil
	}
	l.maybeRebuild(r.Now)
	x := &l.idx
	if len(x.logs) == 0 {
		return nil
	}
	work := l.model.Work(r.Program)
	w := math.Exp(work.Mean)
	// The backups go to the fastest free providers: judge them by the
	// cautious speed of the len(running)-th fastest known one.
	backup := w * math.Exp(-x.logs[min(len(running), len(x.logs)-1)])
	fc := l.cfg.FailureCost.Seconds()
	var out []int
	var tmp prow
	for i, run := range running {
		row := l.rowFor(Candidate{Peer: run.Peer}, &tmp)
		d := math.Exp(work.Mean - row.mu)
		ran := r.Now.Sub(run.Started).Seconds()
		rem := math.Abs(d - ran)
		rel := relFor(math.Max(row.a/(row.a+row.b), minRel), rem, row.dref)
		expect := rem + (1-rel)/rel*(fc+backup)
		if expect > specMargin*backup {
			out = append(out, i)
		}
	}
	return out
}

// specMargin: a backup is started only if the running attempt is expected
// to take this many times longer than the backup's cautious run.
const specMargin = 1.5
