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
	// Slack loosens the straggler rule: a provider is used while the tasks
	// waiting could not all finish sooner on faster ones, within this
	// factor (0.15).
	Slack float64
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
	// GreenSlack widens the straggler rule for green jobs (1.5), so slower
	// clean providers stay usable while the slowest still do not set the end.
	GreenSlack float64
	// MaxEvaluate bounds the providers Shortlist scores (1024): above it,
	// it scores a pseudo-random subset of that size (the power of d
	// choices), so its cost stays flat however large the network.
	MaxEvaluate int
	Model       ModelConfig
}

func (c LearnedConfig) withDefaults() LearnedConfig {
	if c.PriorOK == 0 {
		c.PriorOK = 2
	}
	if c.PriorFailed == 0 {
		c.PriorFailed = 0.25
	}
	if c.FailureCost == 0 {
		c.FailureCost = 60 * time.Second
	}
	if c.Slack == 0 {
		c.Slack = 0.15
	}
	if c.Explore == 0 {
		c.Explore = 1
	}
	if c.GreenFactor == 0 {
		c.GreenFactor = 2
	}
	if c.GreenWait == 0 {
		c.GreenWait = 1
	}
	if c.MaxEvaluate == 0 {
		c.MaxEvaluate = 1024
	}
	if c.GreenSlack == 0 {
		c.GreenSlack = 1.5
	}
	if c.DeadlineMargin == 0 {
		c.DeadlineMargin = 0.8
	}
	return c
}

// Learned is the scheduler that learns from history: it predicts each
// provider's run time with the online Model, its reliability from a Beta
// posterior, and ranks by the expected time to a verified result, price and
// carbon, weighted by the job's preference. Thompson sampling (a draw from
// each posterior instead of its mean) gives newcomers work in proportion to
// the chance that they are good. As a Planner it also chooses whom to ask
// for bids among all eligible providers, skips providers that would miss the
// task's time limit, and holds tasks back from providers so slow that the
// backlog would finish sooner on faster ones (the stragglers that set a
// batch's makespan).
//
// Learned implements Scheduler, Planner, OfferWatcher and Predictor; it is
// deterministic for a seed and the sequence of calls, and not safe for
// concurrent use.
type Learned struct {
	cfg      LearnedConfig
	model    *Model
	seed     uint64
	decision uint64 // decisions taken, a component of every random draw
	idx      capIndex
	inflight float64 // attempts placed and not yet observed (estimate)
	avgWork  float64 // moving average of the work per task of the rounds seen (benchmark units × s)
	carbon   float64 // mean carbon intensity of offers seen (for unknowns)
	nCarbon  int
	scratch  []scored
	// Slots asked for by rounds still open, so concurrent rounds of
	// different jobs do not all ask the same best providers and then find
	// them taken (herding).
	reserved   map[string]reservation
	roundPeers map[wire.CID][]string
	// heldSince is when the straggler rule started holding a program's
	// tasks. Waiting is capped like a ski rental: once the tasks have waited
	// as long as the best free provider would take to run one, they go to
	// it (so holding never costs more than twice the best choice).
	heldSince map[wire.CID]time.Time
}

type reservation struct {
	slots int
	until time.Time
}

// NewLearned returns an empty learned scheduler.
func NewLearned(cfg LearnedConfig) *Learned {
	cfg = cfg.withDefaults()
	return &Learned{cfg: cfg, model: NewModel(cfg.Model), seed: cfg.Seed, reserved: map[string]reservation{}, roundPeers: map[wire.CID][]string{}, heldSince: map[wire.CID]time.Time{}}
}

// Model returns the runtime model (read it, do not keep it across Restore).
func (l *Learned) Model() *Model { return l.model }

// SeeOffer records an offer's features and carbon intensity.
func (l *Learned) SeeOffer(o wire.Offer, latency time.Duration) {
	prev, had := l.model.peers[o.Peer]
	var prevSlots int
	if had {
		prevSlots = prev.Slots
	}
	l.model.SeeOffer(o, latency)
	if c := labelFloat(o.Labels, LabelCarbon); c > 0 {
		l.nCarbon++
		l.carbon += (c - l.carbon) / float64(min(l.nCarbon, 1000))
	}
	if !had || prevSlots != o.Slots {
		l.idx.dirty++
	}
}

// Observe learns from one outcome.
func (l *Learned) Observe(o Observation) {
	l.inflight = math.Max(0, l.inflight-1)
	p := l.model.Observe(o)
	if p.init {
		l.idx.dirty++
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

// scored is a candidate's terms before normalization.
type scored struct {
	i         int
	logSpeed  float64 // sampled
	d         float64 // sampled run time, seconds
	a, b      float64 // Beta posterior
	sp        Gauss   // speed posterior
	t, p, e   float64 // expected time (s), price, emissions
	rel       float64
	score     float64
	tooSlow   bool
	straggler bool
}

// evaluate computes a candidate's terms. sample draws from the posteriors
// (Thompson sampling); otherwise means are used.
func (l *Learned) evaluate(c Candidate, work Gauss, sample, betaSample bool) scored {
	p := l.model.peers[c.Peer]
	sp := l.model.speedOf(p, c.Benchmark)
	s := sp.Mean
	var dr draw
	if sample && l.cfg.Explore > 0 {
		dr = drawFor(l.seed, l.decision, c.Peer)
		s += l.cfg.Explore * math.Sqrt(sp.Var) * dr.norm()
	}
	a, b := l.cfg.PriorOK, l.cfg.PriorFailed
	if p != nil {
		a, b = a+p.OK, b+p.Failed
	}
	rel := a / (a + b)
	if sample && betaSample && l.cfg.Explore > 0 {
		rel = dr.beta(a, b)
	}
	rel = math.Max(rel, 0.02)
	d := math.Exp(work.Mean - s)
	fail := (1 - rel) / rel // expected failed attempts before a success
	t := c.Latency.Seconds() + d + fail*(d+l.cfg.FailureCost.Seconds())
	carbon := c.Carbon
	if carbon <= 0 && p != nil {
		carbon = p.Carbon
	}
	if carbon <= 0 {
		carbon = math.Max(l.carbon, 1)
	}
	// Energy is ∝ run time per slot, so emissions ∝ intensity × run time,
	// failed runs included.
	e := carbon * d * (1 + fail)
	return scored{logSpeed: s, d: d, t: t, p: float64(c.Price), e: e, rel: rel, a: a, b: b, sp: sp}
}

// cautious is the straggler rule's view of a scored candidate: a low
// quantile of its log speed, slowed by the expected cost of failures (a
// flaky provider is a slow one at the end). The rule does not gamble.
func (l *Learned) cautious(s scored, work Gauss) float64 {
	rel := s.a / (s.a + s.b)
	dMean := math.Exp(work.Mean - s.sp.Mean)
	return s.sp.Mean - math.Sqrt(s.sp.Var) - math.Log1p((1-rel)/rel*(1+l.cfg.FailureCost.Seconds()/dMean))
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

// finish normalizes terms by their means among the candidates and scores.
func finish(ss []scored, pref string) {
	wt, wp, we := weightsOf(pref)
	var st, sp, se float64
	for _, s := range ss {
		st += s.t
		sp += s.p
		se += s.e
	}
	n := float64(len(ss))
	norm := func(v, sum float64) float64 {
		if sum <= 0 {
			return 0
		}
		return v / (sum / n)
	}
	for i := range ss {
		s := &ss[i]
		s.score = wt*norm(s.t, st) + wp*norm(s.p, sp) + we*norm(s.e, se)
	}
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

// Plan implements Planner.
func (l *Learned) Plan(r Round, bids []Candidate) []Ranked {
	l.decision++
	for _, p := range l.roundPeers[r.Program] {
		delete(l.reserved, p)
	}
	delete(l.roundPeers, r.Program)
	work := l.model.Work(r.Program)
	cut := l.threshold(r, work.Mean+math.Sqrt(work.Var))
	if l.released(r) {
		cut = math.Inf(-1)
	}
	ss := l.scratch[:0]
	for i, c := range bids {
		if c.Price > r.MaxPrice || c.Slots <= 0 {
			continue
		}
		s := l.evaluate(c, work, true, true)
		s.i = i
		if r.Timeout > 0 {
			mean := l.model.speedOf(l.model.peers[c.Peer], c.Benchmark).Mean
			s.tooSlow = math.Exp(work.Mean-mean) > l.cfg.DeadlineMargin*r.Timeout.Seconds()
		}
		if !r.Deadline.IsZero() && r.Now.Add(time.Duration(s.t*float64(time.Second))).After(r.Deadline) {
			s.tooSlow = true
		}
		s.straggler = !math.IsInf(cut, -1) && l.cautious(s, work) < cut-l.cfg.Slack
		if s.tooSlow || s.straggler {
			continue
		}
		ss = append(ss, s)
	}
	l.scratch = ss[:0]
	if len(ss) == 0 {
		return nil
	}
	finish(ss, r.Preference)
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
	if r.Tasks > 0 {
		l.inflight += float64(min(r.Tasks, slots))
	}
	if len(out) > 0 && l.released(r) {
		delete(l.heldSince, r.Program)
	}
	return out
}

// Shortlist implements Planner: Thompson-sampled scores over every
// eligible provider, best first, enough of them to cover the round's tasks
// with a margin, at most k.
func (l *Learned) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	if k <= 0 || len(eligible) == 0 {
		return nil
	}
	l.decision++
	work := l.model.Work(r.Program)
	cut := l.threshold(r, work.Mean+math.Sqrt(work.Var))
	if l.released(r) {
		cut = math.Inf(-1)
	}
	best := math.Inf(1) // shortest predicted run among the eligible
	ss := l.scratch[:0]
	// Above MaxEvaluate, score a subset picked by a hash of the peer and
	// the decision: the same for any order the candidates come in.
	sub, salt, limit := len(eligible) > l.cfg.MaxEvaluate, l.seed^(l.decision*0x9e3779b97f4a7c15), uint64(0)
	if sub {
		limit = uint64(float64(l.cfg.MaxEvaluate) / float64(len(eligible)) * (1 << 63) * 2)
	}
	for i, c := range eligible {
		if c.Price > r.MaxPrice || c.Slots <= 0 {
			continue
		}
		if sub && mix64(hashString(c.Peer)^salt) >= limit {
			continue
		}
		if len(l.reserved) > 0 {
			if res, ok := l.reserved[c.Peer]; ok && (r.Now.IsZero() || r.Now.Before(res.until)) && c.Slots <= res.slots {
				continue // its free slots are spoken for by another open round
			}
		}
		s := l.evaluate(c, work, true, false)
		best = math.Min(best, s.d)
		if !math.IsInf(cut, -1) && l.cautious(s, work) < cut-l.cfg.Slack {
			continue
		}
		if r.Timeout > 0 && s.d > l.cfg.DeadlineMargin*r.Timeout.Seconds() {
			continue
		}
		s.i = i
		ss = append(ss, s)
	}
	if r.Preference == "green" && !l.released(r) {
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
		if !l.released(r) && !r.Now.IsZero() && !math.IsInf(best, 1) && (!math.IsInf(cut, -1) || r.Preference == "green") {
			since, ok := l.heldSince[r.Program]
			if !ok {
				l.heldSince[r.Program] = r.Now
			} else if wait := best * l.waitFactor(r); r.Now.Sub(since).Seconds() >= wait {
				l.heldSince[r.Program] = time.Time{} // released: see released
				return l.Shortlist(r, eligible, k)
			}
		}
		return nil
	}
	if since, ok := l.heldSince[r.Program]; ok && !since.IsZero() {
		delete(l.heldSince, r.Program)
	}
	finish(ss, r.Preference)
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
		if r.Tasks > 0 && !r.Now.IsZero() {
			n := min(c.Slots, max(left, 1))
			left -= n
			if res, ok := l.reserved[c.Peer]; ok && r.Now.Before(res.until) {
				n += res.slots
			}
			l.reserved[c.Peer] = reservation{slots: n, until: r.Now.Add(5 * time.Second)}
			l.roundPeers[r.Program] = append(l.roundPeers[r.Program], c.Peer)
		}
	}
	return out
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

// capIndex is the known providers' capacity sorted by predicted speed, for
// the straggler rule.
type capIndex struct {
	dirty   int
	logs    []float64 // log speeds, descending
	cum     []float64 // cumulative slots × speed
	builtAt time.Time
	built   bool
}

// threshold returns the log speed below which a provider is a straggler
// for a task of log work w in round r. With B tasks left (the backlog plus
// half the attempts in flight, as remaining work) of mean work W̄, the
// faster providers' capacity C(≥s) finishes them in about B·W̄/C(≥s); a
// provider of speed s is worth using only if its run, e^w/s, ends within
// that horizon (times 1+slack): C(≥s)/s ≤ (1+slack)·B·W̄/e^w. Big tasks so
// go to fast providers and small ones fill the slow ones, as in the
// fluid schedule that the clairvoyant bound describes.
func (l *Learned) threshold(r Round, w float64) float64 {
	if r.Backlog <= 0 || l.model.nProgs == 0 {
		return math.Inf(-1) // no load known, or no idea yet of any work
	}
	work := math.Exp(w)
	if l.avgWork == 0 {
		l.avgWork = work
	}
	l.avgWork += 0.05 * (work - l.avgWork)
	x := &l.idx
	if !x.built || x.dirty > len(x.logs)/32 || (!r.Now.IsZero() && r.Now.Sub(x.builtAt) > 30*time.Second) {
		l.rebuild(r.Now)
	}
	if len(x.logs) == 0 {
		return math.Inf(-1)
	}
	b := (float64(r.Backlog) + l.inflight/2) * (1 + l.cfg.Slack) * l.avgWork / work
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

func (l *Learned) rebuild(now time.Time) {
	x := &l.idx
	type e struct {
		peer  string
		ls    float64
		slots int
	}
	es := make([]e, 0, len(l.model.peers))
	for peer, p := range l.model.peers {
		if p.Slots <= 0 || (!now.IsZero() && p.ExpiresMs != 0 && now.UnixMilli() > p.ExpiresMs) {
			continue
		}
		es = append(es, e{peer, l.model.speedOf(p, p.Benchmark).Mean, p.Slots})
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].ls != es[j].ls {
			return es[i].ls > es[j].ls
		}
		return es[i].peer < es[j].peer
	})
	x.logs, x.cum = x.logs[:0], x.cum[:0]
	c := 0.0
	for _, v := range es {
		c += float64(v.slots) * math.Exp(v.ls)
		x.logs = append(x.logs, v.ls)
		x.cum = append(x.cum, c)
	}
	x.dirty, x.builtAt, x.built = 0, now, true
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
	l.idx = capIndex{}
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
