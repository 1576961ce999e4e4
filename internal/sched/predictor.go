package sched

import (
	"math"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// The runtime model works in log space: the log duration of a task of
// program g on provider p is
//
//	log d = w_g − s_p + ε,  ε ~ N(0, noise)
//
// where w_g is the program's log work (in benchmark units) and s_p the
// provider's log speed. Both are Gaussian posteriors updated online by a
// Kalman step per observed execution: the residual is split between the
// program and the provider in proportion to their variances, so a new
// program takes its work from its first run and a known program teaches
// the provider's speed. An unseen provider's prior comes from a global
// linear model of offer features (log benchmark, log cores, log memory),
// fitted by recursive least squares on the speeds implied by every
// observation; it starts out trusting the declared benchmark, so
// over-declaring providers look fast only until they are observed.
//
// An unseen program's prior comes the same way from what its job declares:
// a linear model of log work on the log of the task time limit (users size
// time limits to their tasks), fitted on every program whose work became
// known, with the residual variance as the prior's. Until three programs
// were fitted (a cold start) it assumes a task takes a quarter of its time
// limit on a provider of the mean declared benchmark, give or take a
// factor e; for a job without a time limit the prior is the spread of the
// programs seen so far.

// ModelConfig tunes the runtime model. Zero fields take the defaults named.
type ModelConfig struct {
	NoiseVar   float64 // initial observation noise variance, log space (0.02)
	PriorVar   float64 // variance of an unseen provider's log speed around the global model (0.5)
	DriftVar   float64 // variance added to a provider's log speed per observation, so it keeps adapting (0.0005)
	Forgetting float64 // RLS forgetting factor of the global model (0.999)
}

func (c ModelConfig) withDefaults() ModelConfig {
	if c.NoiseVar == 0 {
		c.NoiseVar = 0.02
	}
	if c.PriorVar == 0 {
		c.PriorVar = 0.5
	}
	if c.DriftVar == 0 {
		c.DriftVar = 0.0005
	}
	if c.Forgetting == 0 {
		c.Forgetting = 0.999
	}
	return c
}

// nFeat is the number of offer features of the global model.
const nFeat = 4

// features maps offer features to the global model's inputs.
func features(bench float64, cores int, memory uint64) [nFeat]float64 {
	return [nFeat]float64{1, math.Log(math.Max(bench, 1e-9)), math.Log1p(float64(max(cores, 0))), math.Log1p(float64(memory) / (1 << 30))}
}

// Gauss is a Gaussian posterior of a log quantity.
type Gauss struct {
	Mean float64 `json:"mean"`
	Var  float64 `json:"var"`
}

// ProviderModel is what the model knows about one provider.
type ProviderModel struct {
	Speed    Gauss   `json:"speed"`    // log speed, benchmark units per second
	Observed int     `json:"observed"` // successful executions seen
	OK       float64 `json:"ok"`       // Beta posterior counts (without the prior)
	Failed   float64 `json:"failed"`
	// RunTime is the total duration of its successful runs, seconds: the
	// mean attempt length its Beta posterior of success refers to.
	RunTime float64 `json:"run_time_s,omitempty"`
	// Offer features last seen.
	Benchmark float64 `json:"benchmark"`
	Cores     int     `json:"cores,omitempty"`
	Memory    uint64  `json:"memory,omitempty"`
	Slots     int     `json:"slots,omitempty"`
	Carbon    float64 `json:"carbon,omitempty"`
	Stake     float64 `json:"stake,omitempty"`
	ExpiresMs int64   `json:"expires_ms,omitempty"`
	LatencyNs int64   `json:"latency_ns,omitempty"`
	init      bool
}

// ProgramModel is what the model knows about one program.
type ProgramModel struct {
	Work     Gauss `json:"work"` // log work, benchmark units × seconds
	Observed int   `json:"observed"`
	// LogTimeout is the log of its jobs' task time limit in seconds, a
	// feature of the work prior (0 = none declared).
	LogTimeout float64 `json:"log_timeout,omitempty"`
	Fitted     bool    `json:"fitted,omitempty"` // a training sample of the work prior already
}

// WorkModel is the linear model of a program's log work on the log of
// its task time limit: log work ≈ Beta[0] + Beta[1]·log timeout.
type WorkModel struct {
	Beta     [2]float64    `json:"beta"`
	P        [2][2]float64 `json:"p"`
	ResidVar float64       `json:"resid_var"`
	N        int           `json:"n"`
}

// workModelMin is how many fitted programs the work model needs before it
// is trusted as a prior.
const workModelMin = 3

// GlobalModel is the linear model of log speed on offer features.
type GlobalModel struct {
	Beta     [nFeat]float64        `json:"beta"`
	P        [nFeat][nFeat]float64 `json:"p"`
	ResidVar float64               `json:"resid_var"` // variance of log speed around the model
	N        int                   `json:"n"`
}

// Model is the online runtime predictor. It is deterministic and does no
// I/O; it is not safe for concurrent use.
type Model struct {
	cfg      ModelConfig
	peers    map[string]*ProviderModel
	progs    map[wire.CID]*ProgramModel
	global   GlobalModel
	noise    float64
	workMean Gauss // running mean and variance of programs' log work, the prior of an unseen program
	nProgs   int
	// logBench is the mean log benchmark of the offers seen (nBench of
	// them), the speed scale of a cold start's work prior.
	logBench float64
	nBench   int
	workFit  WorkModel
}

// NewModel returns an empty model.
func NewModel(cfg ModelConfig) *Model {
	cfg = cfg.withDefaults()
	m := &Model{cfg: cfg, peers: map[string]*ProviderModel{}, progs: map[wire.CID]*ProgramModel{}, noise: cfg.NoiseVar}
	m.global.Beta[1] = 1 // trust the declared benchmark until shown otherwise
	for i := range nFeat {
		m.global.P[i][i] = 1
	}
	m.global.P[1][1] = 0.05 // a prior belief that speed scales with benchmark
	m.global.ResidVar = cfg.PriorVar
	m.workMean = Gauss{Mean: 0, Var: 4}
	m.workFit = newWorkModel()
	return m
}

func newWorkModel() WorkModel {
	// Work proportional to the time limit, at an unknown scale.
	return WorkModel{Beta: [2]float64{0, 1}, P: [2][2]float64{{100, 0}, {0, 0.1}}, ResidVar: 1}
}

// prior is the global model's log speed for features x.
func (m *Model) prior(x [nFeat]float64) Gauss {
	mu := 0.0
	for i := range nFeat {
		mu += m.global.Beta[i] * x[i]
	}
	return Gauss{Mean: mu, Var: m.global.ResidVar}
}

// peer returns the state of peer, creating it (without a speed posterior) if needed.
func (m *Model) peer(peer string) *ProviderModel {
	p, ok := m.peers[peer]
	if !ok {
		p = &ProviderModel{}
		m.peers[peer] = p
	}
	return p
}

// speedOf returns the log-speed posterior of p, or the global prior for
// its features when it was never observed.
func (m *Model) speedOf(p *ProviderModel, bench float64) Gauss {
	if p != nil && p.init {
		return p.Speed
	}
	if p != nil {
		if bench <= 0 {
			bench = p.Benchmark
		}
		return m.prior(features(bench, p.Cores, p.Memory))
	}
	return m.prior(features(bench, 0, 0))
}

// Speed returns the log-speed posterior of peer, given the benchmark it
// declares now (used when it was never observed).
func (m *Model) Speed(peer string, bench float64) Gauss {
	return m.speedOf(m.peers[peer], bench)
}

// Work returns the log-work posterior of program, or the prior of an unseen one.
func (m *Model) Work(program wire.CID) Gauss {
	g, ok := m.progs[program]
	if ok && g.Observed > 0 {
		return g.Work
	}
	lt := 0.0
	if ok {
		lt = g.LogTimeout
	}
	return m.workPrior(lt)
}

// workPrior is the prior log work of an unseen program whose jobs declare a
// time limit of e^logTimeout seconds (0: none).
func (m *Model) workPrior(logTimeout float64) Gauss {
	f := &m.workFit
	if logTimeout != 0 && f.N >= workModelMin {
		x := [2]float64{1, logTimeout}
		mu, v := 0.0, f.ResidVar
		for i := range 2 {
			mu += f.Beta[i] * x[i]
			for j := range 2 {
				v += x[i] * f.P[i][j] * x[j] * f.ResidVar
			}
		}
		return Gauss{Mean: mu, Var: math.Max(v, 0.01) + m.noise}
	}
	if logTimeout != 0 && m.nBench > 0 {
		// A cold start (see above).
		return Gauss{Mean: logTimeout - math.Log(4) + m.logBench, Var: 1 + m.noise}
	}
	return Gauss{Mean: m.workMean.Mean, Var: m.workMean.Var + m.noise}
}

// SeeProgram records what a job declares about its program: its task time
// limit (0 = none), a feature of the work prior while the program is
// unseen.
func (m *Model) SeeProgram(program wire.CID, timeout time.Duration) {
	if timeout <= 0 {
		return
	}
	g, ok := m.progs[program]
	if !ok {
		g = &ProgramModel{}
		m.progs[program] = g
	}
	if g.LogTimeout == 0 {
		g.LogTimeout = math.Log(math.Max(timeout.Seconds(), 1e-3))
	}
}

// Predict returns the predicted (median) duration of a task of program on
// peer, and the standard deviation of its log.
func (m *Model) Predict(peer string, program wire.CID, bench float64) (time.Duration, float64) {
	s, w := m.Speed(peer, bench), m.Work(program)
	d := math.Exp(w.Mean - s.Mean)
	return time.Duration(math.Min(d, 1e9) * float64(time.Second)), math.Sqrt(w.Var + s.Var + m.noise)
}

// Reliability returns the Beta posterior mean of peer's success rate under
// the prior Beta(a0, b0).
func (m *Model) Reliability(peer string, a0, b0 float64) float64 {
	p := m.peers[peer]
	if p == nil {
		return a0 / (a0 + b0)
	}
	return (a0 + p.OK) / (a0 + b0 + p.OK + p.Failed)
}

// SeeOffer records an offer's features.
func (m *Model) SeeOffer(o wire.Offer, latency time.Duration) {
	if _, seen := m.peers[o.Peer]; !seen && o.Benchmark > 0 {
		m.nBench++
		m.logBench += (math.Log(o.Benchmark) - m.logBench) / float64(m.nBench)
	}
	p := m.peer(o.Peer)
	p.Benchmark, p.Cores, p.Memory, p.Slots, p.ExpiresMs, p.LatencyNs = o.Benchmark, o.Resources.Cores, o.Resources.Memory, o.Slots, o.ExpiresMs, int64(latency)
	p.Carbon = labelFloat(o.Labels, LabelCarbon)
	p.Stake = labelFloat(o.Labels, LabelStake)
}

// Observe updates the model with one outcome. It returns the provider's
// state after the update.
func (m *Model) Observe(o Observation) *ProviderModel {
	p := m.peer(o.Peer)
	switch {
	case o.OK:
		p.OK++
	case o.ProviderFault:
		p.Failed++
	}
	if o.Benchmark > 0 {
		p.Benchmark = o.Benchmark
	}
	if !o.OK || o.Duration <= 0 {
		return p
	}
	p.RunTime += o.Duration.Seconds()
	x := features(p.Benchmark, p.Cores, p.Memory)
	if !p.init {
		p.Speed, p.init = m.prior(x), true
	}
	y := math.Log(math.Max(o.Duration.Seconds(), 1e-6))
	g, known := m.progs[o.Program]
	first := !known || g.Observed == 0
	if first {
		if known && g.LogTimeout != 0 && m.workFit.N >= workModelMin {
			// A prior from the job's time limit: the first run updates it
			// like any other (below).
			g.Work = m.workPrior(g.LogTimeout)
		} else {
			// The first run of a program tells its work, not the provider's speed.
			if !known {
				g = &ProgramModel{}
				m.progs[o.Program] = g
			}
			g.Work, g.Observed = Gauss{Mean: y + p.Speed.Mean, Var: p.Speed.Var + m.noise}, 1
			m.addProgramPrior(g.Work.Mean)
			p.Observed++
			return p
		}
	}
	kalman(&g.Work, &p.Speed, y, m.noise)
	if first {
		m.addProgramPrior(g.Work.Mean)
	}
	// Track the observation noise from standardized residuals.
	r := y - (g.Work.Mean - p.Speed.Mean)
	m.noise = math.Max(0.002, 0.99*m.noise+0.01*r*r)
	p.Speed.Var += m.cfg.DriftVar
	p.Observed++
	g.Observed++
	if g.Work.Var < 0.1 {
		// The program's work is well known: this run implies the provider's
		// log speed, a training sample for the global model.
		m.fitGlobal(x, g.Work.Mean-y)
	}
	if !g.Fitted && g.LogTimeout != 0 && g.Observed >= 3 && g.Work.Var < 0.05 {
		// ... and its work is a training sample for the work prior.
		g.Fitted = true
		m.fitWork(g.LogTimeout, g.Work.Mean)
	}
	return p
}

// fitWork is one recursive-least-squares step of the work prior.
func (m *Model) fitWork(logTimeout, w float64) {
	f := &m.workFit
	x := [2]float64{1, logTimeout}
	var px [2]float64
	for i := range 2 {
		for j := range 2 {
			px[i] += f.P[i][j] * x[j]
		}
	}
	den := 1.0
	for i := range 2 {
		den += x[i] * px[i]
	}
	e := w - (f.Beta[0] + f.Beta[1]*logTimeout)
	for i := range 2 {
		f.Beta[i] += px[i] / den * e
	}
	for i := range 2 {
		for j := range 2 {
			f.P[i][j] -= px[i] * px[j] / den
		}
	}
	f.N++
	// The residual variance of a new program around the fit, from its
	// prediction errors before each update (floored: programs differ).
	a := math.Max(0.05, 1/float64(f.N))
	if f.N == 1 {
		f.ResidVar = 1
	} else {
		f.ResidVar = math.Max(0.01, (1-a)*f.ResidVar+a*e*e/den)
	}
}

// kalman updates the work w and speed s posteriors with the observed log
// duration y = w − s + ε.
func kalman(w, s *Gauss, y, noise float64) {
	S := w.Var + s.Var + noise
	r := y - (w.Mean - s.Mean)
	kw, ks := w.Var/S, s.Var/S
	w.Mean += kw * r
	s.Mean -= ks * r
	w.Var -= kw * w.Var
	s.Var -= ks * s.Var
	w.Var = math.Max(w.Var, 1e-6)
	s.Var = math.Max(s.Var, 1e-6)
}

func (m *Model) addProgramPrior(w float64) {
	m.nProgs++
	n := float64(m.nProgs)
	if m.nProgs == 1 {
		m.workMean = Gauss{Mean: w, Var: 4}
		return
	}
	d := w - m.workMean.Mean
	m.workMean.Mean += d / n
	// Shrink toward the sample variance, floored so a new program stays uncertain.
	m.workMean.Var = math.Max(0.25, m.workMean.Var+(d*d-m.workMean.Var)/n)
}

// fitGlobal is one recursive-least-squares step with forgetting.
func (m *Model) fitGlobal(x [nFeat]float64, t float64) {
	g := &m.global
	lam := m.cfg.Forgetting
	var px [nFeat]float64
	for i := range nFeat {
		for j := range nFeat {
			px[i] += g.P[i][j] * x[j]
		}
	}
	den := lam
	for i := range nFeat {
		den += x[i] * px[i]
	}
	pred := 0.0
	for i := range nFeat {
		pred += g.Beta[i] * x[i]
	}
	e := t - pred
	for i := range nFeat {
		g.Beta[i] += px[i] / den * e
	}
	for i := range nFeat {
		for j := range nFeat {
			g.P[i][j] = (g.P[i][j] - px[i]*px[j]/den) / lam
		}
	}
	g.N++
	a := math.Max(0.01, 1/float64(g.N))
	g.ResidVar = math.Max(0.01, (1-a)*g.ResidVar+a*e*e)
}

// ModelState is the model as JSON-able data, for persistence.
type ModelState struct {
	Version   int                       `json:"version"`
	Providers map[string]ProviderModel  `json:"providers"`
	Programs  map[wire.CID]ProgramModel `json:"programs"`
	Global    GlobalModel               `json:"global"`
	Noise     float64                   `json:"noise"`
	WorkPrior Gauss                     `json:"work_prior"`
	NPrograms int                       `json:"n_programs"`
	WorkModel *WorkModel                `json:"work_model,omitempty"`
}

// modelVersion is the ModelState layout version.
const modelVersion = 1

// Snapshot returns a deep copy of the model's state.
func (m *Model) Snapshot() ModelState {
	s := ModelState{Version: modelVersion, Providers: make(map[string]ProviderModel, len(m.peers)),
		Programs: make(map[wire.CID]ProgramModel, len(m.progs)), Global: m.global, Noise: m.noise,
		WorkPrior: m.workMean, NPrograms: m.nProgs}
	if m.workFit.N > 0 {
		f := m.workFit
		s.WorkModel = &f
	}
	for k, v := range m.peers {
		c := *v
		if !v.init {
			c.Speed = Gauss{} // no posterior yet
		}
		s.Providers[k] = c
	}
	for k, v := range m.progs {
		s.Programs[k] = *v
	}
	return s
}

// Restore replaces the model's state with s (from Snapshot). A provider
// whose speed variance is zero has no posterior yet.
func (m *Model) Restore(s ModelState) {
	m.peers = make(map[string]*ProviderModel, len(s.Providers))
	for k, v := range s.Providers {
		v.init = v.Speed.Var > 0
		m.peers[k] = &v
	}
	m.progs = make(map[wire.CID]*ProgramModel, len(s.Programs))
	for k, v := range s.Programs {
		m.progs[k] = &v
	}
	if s.Global.P[0][0] != 0 {
		m.global = s.Global
	}
	if s.Noise > 0 {
		m.noise = s.Noise
	}
	if s.WorkPrior.Var > 0 {
		m.workMean, m.nProgs = s.WorkPrior, s.NPrograms
	}
	m.workFit = newWorkModel()
	if s.WorkModel != nil {
		m.workFit = *s.WorkModel
	}
}
