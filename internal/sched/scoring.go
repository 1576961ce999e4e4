package sched

import (
	"math"
	"sort"
)

// Scoring: a candidate's expected time to a verified result, price and
// emissions from its posteriors, and the score that weighs them.

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
