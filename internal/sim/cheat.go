package sim

import (
	"sort"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// Strategy is how a provider treats its results. It is the simulator's one
// model of cheating, for `deco sim` and for the verification Monte Carlo.
type Strategy string

// Strategies.
const (
	Honest          Strategy = "honest"
	AlwaysWrong     Strategy = "always-wrong"
	SometimesWrong  Strategy = "sometimes-wrong"   // lies on Population.CheatRate of its attempts
	WrongAfterTrust Strategy = "wrong-after-trust" // honest for Population.TrustBuild attempts, then lies until caught
)

// CheatStrategies are the cheating strategies, in the order the
// verification Monte Carlo deals them.
var CheatStrategies = []Strategy{AlwaysWrong, SometimesWrong, WrongAfterTrust}

func strategyNames(ss []Strategy) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// dealStrategies makes the round(Cheaters × n) providers with the lowest
// draws cheaters, dealing pp.Strategies in turn in draw order; the others
// stay honest. Dealing a fixed count rather than a coin per provider keeps
// the share of cheaters the one asked for, even in small populations.
func dealStrategies(provs []*provider, draws []float64, pp Population) {
	n := int(float64(len(provs))*pp.Cheaters + 0.5)
	for _, p := range provs {
		p.strategy = Honest
	}
	if n == 0 || len(pp.Strategies) == 0 {
		return
	}
	order := make([]int, len(provs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return draws[order[a]] < draws[order[b]] })
	for k, i := range order[:n] {
		provs[i].strategy = pp.Strategies[k%len(pp.Strategies)]
		provs[i].trust = pp.TrustBuild
	}
}

// lies decides, when an attempt reaches p, whether p returns a wrong result
// for it; d is the attempt's own random stream.
func (e *engine) lies(p *provider, d *splitmix) bool {
	switch p.strategy {
	case AlwaysWrong:
		return true
	case SometimesWrong:
		return d.float() < e.sc.Providers.CheatRate
	case WrongAfterTrust:
		if p.trust > 0 {
			p.trust--
			return false
		}
		return true
	}
	return false
}

// caught resets a wrong-after-trust cheater whose lie was caught: it
// behaves again to rebuild its trust.
func (e *engine) caught(p *provider) {
	if p.strategy == WrongAfterTrust {
		p.trust = e.sc.Providers.TrustBuild
	}
}

// honestRoot is the content of task t's right output; a lie's differs.
func honestRoot(t wire.TaskID) wire.CID { return wire.CIDOf([]byte("honest/" + t.String())) }

// wrongRoot is the content of p's lie about t: its own, or the one all
// cheaters agree on when they collude.
func (e *engine) wrongRoot(p *provider, t wire.TaskID) wire.CID {
	if e.sc.Providers.Collude {
		return wire.CIDOf([]byte("wrong/" + t.String()))
	}
	return wire.CIDOf([]byte("wrong/" + p.peer + "/" + t.String()))
}

func outputs(c wire.CID) wire.Manifest {
	return wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "out", Size: 1, CID: c}}}
}

// verdictCounts are what the engine counts for verification, by the
// strategy of the provider concerned.
type verdictCounts struct {
	executions int // attempts a provider started
	lies       int // wrong results returned
	wrongPaid  int // of them, paid for
	rejected   int // results that lost a quorum before payment
	checks     int // tasks the consumer re-ran itself
	by         map[Strategy]*StrategyResult
}

func (c *verdictCounts) of(s Strategy) *StrategyResult {
	if c.by == nil {
		c.by = map[Strategy]*StrategyResult{}
	}
	r := c.by[s]
	if r == nil {
		r = &StrategyResult{}
		c.by[s] = r
	}
	return r
}

// started counts an attempt p took into a slot.
func (e *engine) started(p *provider) {
	e.verdicts.executions++
	e.verdicts.of(p.strategy).Executions++
}

// lied counts a wrong result p returned.
func (e *engine) lied(p *provider) {
	e.verdicts.lies++
	e.verdicts.of(p.strategy).Lies++
}

func (e *engine) runOf(t wire.TaskID, attempt int) *run {
	j := e.byJob[t.Job]
	if j == nil {
		return nil
	}
	return e.runs[runKey{j.idx, t.Index, attempt}]
}

// paid counts a payment for a wrong result.
func (e *engine) paid(x market.Pay) {
	if r := e.runOf(x.Task, x.Attempt); r != nil && r.wrong {
		e.verdicts.wrongPaid++
		e.verdicts.of(r.prov.strategy).WrongPaid++
	}
}

// checkLocally runs a task on the consumer, as the node does with its own
// executor: its run takes the workload's median time and gives the honest
// root.
func (e *engine) checkLocally(x market.CheckLocal) {
	e.verdicts.checks++
	id := x.Spec.Task
	chk := &market.Checked{Task: id, Claimed: x.Root, Root: outputs(honestRoot(id)).Root()}
	e.push(event{at: e.now + time.Duration(e.sc.Workload.WorkMedian), kind: evChecked, chk: chk})
}

// rejected counts a result the market turned down after it checked out
// (it lost a quorum); a lie caught so is a cheater caught.
func (e *engine) rejected(x market.Reject) {
	e.verdicts.rejected++
	if r := e.runOf(x.Task, x.Attempt); r != nil && r.wrong {
		e.caught(r.prov)
	}
}

// tallyWrong counts, from the market's records, the verified tasks whose
// accepted output is wrong, by the strategy of the provider it was
// accepted from.
func (e *engine) tallyWrong() {
	e.badAccepted = 0
	for _, jp := range e.jobs {
		j := e.m.Job(jp.id)
		if j == nil {
			continue
		}
		for _, t := range j.Tasks {
			if t.State != market.TaskVerified || t.OutputRoot == outputs(honestRoot(wire.TaskID{Job: j.ID, Index: t.Index})).Root() {
				continue
			}
			e.badAccepted++
			if p := e.byPeer[t.Provider]; p != nil {
				e.verdicts.of(p.strategy).WrongAccepted++
			}
		}
	}
}
