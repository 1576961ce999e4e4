package mc

import (
	"container/heap"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pricing"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Strategy is how a provider treats its results.
type Strategy string

// Strategies.
const (
	Honest          Strategy = "honest"
	AlwaysWrong     Strategy = "always-wrong"
	SometimesWrong  Strategy = "sometimes-wrong"
	WrongAfterTrust Strategy = "wrong-after-trust"
)

// Strategies are the cheating strategies, dealt to cheaters in turn.
var Strategies = []Strategy{AlwaysWrong, SometimesWrong, WrongAfterTrust}

// Config is one experiment. The zero value of a field takes the default
// named in its comment.
type Config struct {
	Policy     string  // verification policy as in a job spec (adaptive)
	Tasks      int     // tasks in all (10000)
	Jobs       int     // the tasks are split into this many jobs, submitted together (10)
	Providers  int     // (100)
	Cheaters   float64 // share of providers that cheat (0.10); negative = none
	Slots      int     // concurrent tasks per provider (2)
	WrongRate  float64 // how often a sometimes-wrong cheater lies (0.3)
	TrustBuild int     // honest results a wrong-after-trust cheater returns before lying, and again after each rejection (20)
	Collude    bool    // cheaters agree on one wrong output root per task
	Scheduler  string  // a sched.Policies name (weighted)
	// Adaptive tunes adaptive replication (the market's defaults if zero).
	// Its Seed is set from Seed.
	Adaptive verify.AdaptiveConfig
	Seed     uint64        // (1)
	TaskTime time.Duration // mean execution time (1s); each run varies ±50%
	Horizon  time.Duration // virtual time after which the run stops (24h)
}

// ErrBadConfig reports an impossible experiment.
var ErrBadConfig = errors.New("bad Monte Carlo config")

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	if c.Policy == "" {
		c.Policy = spec.VerifyAdaptive
	}
	def(&c.Tasks, 10000)
	def(&c.Jobs, 10)
	def(&c.Providers, 100)
	def(&c.Slots, 2)
	def(&c.TrustBuild, 20)
	if c.Cheaters == 0 {
		c.Cheaters = 0.10
	}
	c.Cheaters = max(c.Cheaters, 0)
	if c.WrongRate == 0 {
		c.WrongRate = 0.3
	}
	if c.Scheduler == "" {
		c.Scheduler = "weighted"
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.TaskTime == 0 {
		c.TaskTime = time.Second
	}
	if c.Horizon == 0 {
		c.Horizon = 24 * time.Hour
	}
	c.Adaptive.Seed = c.Seed ^ 0xadab7
	return c
}

// Validate checks c after defaults.
func (c Config) Validate() error {
	c = c.withDefaults()
	if _, err := spec.ParseVerification(c.Policy); err != nil {
		return fmt.Errorf("%w: policy: %w", ErrBadConfig, err)
	}
	switch {
	case c.Tasks < 1 || c.Jobs < 1 || c.Jobs > c.Tasks || c.Tasks/c.Jobs > spec.MaxTasks:
		return fmt.Errorf("%w: %d tasks in %d jobs", ErrBadConfig, c.Tasks, c.Jobs)
	case c.Providers < 1 || c.Slots < 1:
		return fmt.Errorf("%w: %d providers with %d slots", ErrBadConfig, c.Providers, c.Slots)
	case c.Cheaters > 1 || c.WrongRate < 0 || c.WrongRate > 1:
		return fmt.Errorf("%w: shares must be within [0,1]", ErrBadConfig)
	}
	if _, err := sched.NewPolicy(c.Scheduler, 1); err != nil {
		return fmt.Errorf("%w: %w", ErrBadConfig, err)
	}
	return c.Adaptive.Validate()
}

// Result is what one run measured.
type Result struct {
	Policy   string `json:"policy"`
	Tasks    int    `json:"tasks"`
	Verified int    `json:"verified"`
	Failed   int    `json:"failed"`
	// WrongAccepted counts verified tasks whose accepted output root is
	// wrong when the run ends; WrongRate is WrongAccepted / Tasks.
	WrongAccepted int     `json:"wrong_accepted"`
	WrongRate     float64 `json:"wrong_rate"`
	// Executions counts attempts started (every Assign, including replicas
	// and re-checks); Replicas is Executions / Tasks.
	Executions int     `json:"executions"`
	Replicas   float64 `json:"replicas_per_task"`
	// Lies counts wrong results returned; WrongPaid those paid for.
	Lies      int `json:"lies"`
	WrongPaid int `json:"wrong_paid"`
	Rejected  int `json:"rejected"` // results that lost a quorum before payment
	// ByStrategy splits tasks run and wrong results accepted by the
	// strategy of the provider whose result was accepted.
	ByStrategy map[Strategy]StrategyResult `json:"by_strategy"`
	Makespan   time.Duration               `json:"makespan"`
	Unfinished int                         `json:"unfinished"` // tasks not terminal at the horizon
}

// StrategyResult is a strategy's share of a run.
type StrategyResult struct {
	Providers     int `json:"providers"`
	Executions    int `json:"executions"`
	Lies          int `json:"lies"`
	WrongAccepted int `json:"wrong_accepted"`
}

// Policies are the policies `deco bench verify` compares by default.
var Policies = []string{"adaptive", "replicate:2", "replicate:3"}

// Compare runs cfg once per policy (cfg.Policy is ignored).
func Compare(cfg Config, policies ...string) ([]Result, error) {
	out := make([]Result, 0, len(policies))
	for _, p := range policies {
		c := cfg
		c.Policy = p
		r, err := Run(c)
		if err != nil {
			return out, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// WriteTable writes results as an aligned table.
func WriteTable(w io.Writer, rs []Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "policy\ttasks\twrong accepted\twrong rate\treplicas/task\tlies\twrong paid\tfailed\tmakespan\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f%%\t%.3f\t%d\t%d\t%d\t%s\t\n", r.Policy, r.Tasks, r.WrongAccepted, 100*r.WrongRate, r.Replicas, r.Lies, r.WrongPaid, r.Failed, r.Makespan.Round(time.Second))
	}
	return tw.Flush()
}

// provider is one simulated provider.
type provider struct {
	peer     string
	evm      string
	strategy Strategy
	honest   int               // wrong-after-trust: honest results left before lying
	m        *provcore.Machine // its bids and slots, as on a real node
}

type evKind int

const (
	evTick evKind = iota
	evBid
	evDone
)

type event struct {
	at   time.Duration
	seq  int
	kind evKind
	bid  *market.RequestBid
	run  *run
}

type run struct {
	a       market.Assign
	prov    *provider
	aborted bool
	lie     bool
}

type queue []event

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, k int) bool {
	if q[i].at != q[k].at {
		return q[i].at < q[k].at
	}
	return q[i].seq < q[k].seq
}
func (q queue) Swap(i, k int) { q[i], q[k] = q[k], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(event)) }
func (q *queue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

type engine struct {
	cfg    Config
	m      *market.Market
	rng    *rand.Rand
	epoch  time.Time
	now    time.Duration
	q      queue
	seq    int
	byPeer map[string]*provider
	runs   map[string]*run // "task#attempt"
	res    Result
	lied   map[string]bool // "task#attempt" of wrong results
}

const tick = 100 * time.Millisecond

// consumer is the experiment's consumer, as providers see it.
const consumer = "12D3KooWmcConsumer"

// Run runs one experiment.
func Run(cfg Config) (Result, error) {
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	cfg = cfg.withDefaults()
	s, _ := sched.NewPolicy(cfg.Scheduler, cfg.Seed)
	e := &engine{
		cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x6d63)), epoch: time.Unix(1_700_000_000, 0).UTC(),
		byPeer: map[string]*provider{}, runs: map[string]*run{}, lied: map[string]bool{},
		res: Result{Policy: cfg.Policy, Tasks: cfg.Tasks, ByStrategy: map[Strategy]StrategyResult{}},
	}
	e.m = market.New(market.Config{Consumer: "0x00000000000000000000000000000000000000c0", Adaptive: cfg.Adaptive}, s)
	e.providers()
	jobs := e.submit()
	e.push(event{at: tick, kind: evTick})
	for e.q.Len() > 0 && !e.done(jobs) {
		ev := heap.Pop(&e.q).(event)
		if ev.at > cfg.Horizon {
			break
		}
		e.now = ev.at
		switch ev.kind {
		case evTick:
			e.perform(e.m.Tick(e.at()))
			e.push(event{at: e.now + tick, kind: evTick})
		case evBid:
			e.answer(*ev.bid)
		case evDone:
			e.finish(ev.run)
		}
	}
	e.tally(jobs)
	return e.res, nil
}

func (e *engine) at() time.Time { return e.epoch.Add(e.now) }

func (e *engine) push(ev event) {
	e.seq++
	ev.seq = e.seq
	heap.Push(&e.q, ev)
}

func (e *engine) step(ev market.Event) { e.perform(e.m.Step(e.at(), ev)) }

// Every simulated provider has these resources and asks a flat price.
var resources = wire.Resources{Cores: 8, Memory: 16 << 30}

const price wire.Amount = 1000

// providers deals strategies: the first share of a shuffled population
// cheats, strategies in turn.
func (e *engine) providers() {
	n := e.cfg.Providers
	cheaters := int(float64(n)*e.cfg.Cheaters + 0.5)
	order := e.rng.Perm(n)
	for i := 0; i < n; i++ {
		p := &provider{peer: fmt.Sprintf("12D3KooWmc%04d", i), evm: fmt.Sprintf("0x%040x", 0x1000+i), strategy: Honest}
		p.m = provcore.New(provcore.Config{EVM: p.evm, Slots: e.cfg.Slots, Resources: resources, ETA: e.cfg.TaskTime,
			Pricing: pricing.Params{Base: price, Floor: price, Ceiling: price}})
		if k := order[i]; k < cheaters {
			p.strategy = Strategies[k%len(Strategies)]
			p.honest = e.cfg.TrustBuild
		}
		sr := e.res.ByStrategy[p.strategy]
		sr.Providers++
		e.res.ByStrategy[p.strategy] = sr
		e.byPeer[p.peer] = p
		e.step(market.OfferSeen{
			Offer: wire.Offer{Peer: p.peer, EVM: p.evm, Slots: e.cfg.Slots, FreeSlots: p.m.Free(), Benchmark: 100, Ask: p.m.Ask(e.at()), Runtime: "mc",
				Resources: resources, ExpiresMs: e.epoch.Add(e.cfg.Horizon + time.Hour).UnixMilli()},
			Latency: 10 * time.Millisecond, Net: fmt.Sprintf("198.18.%d.0/24", i%256+i/256),
		})
	}
}

func (e *engine) submit() []*market.Job {
	var jobs []*market.Job
	per := e.cfg.Tasks / e.cfg.Jobs
	for k := 0; k < e.cfg.Jobs; k++ {
		n := per
		if k == e.cfg.Jobs-1 {
			n = e.cfg.Tasks - per*(e.cfg.Jobs-1)
		}
		s := spec.Job{Name: fmt.Sprintf("mc-%d", k), Program: spec.Program{CID: wire.CIDOf([]byte("mc program")), Size: 1}, Tasks: spec.Tasks{Count: n},
			Timeout: spec.Duration(10 * e.cfg.TaskTime), Verification: e.cfg.Policy}
		s.Defaults()
		var id [16]byte
		id[0], id[1], id[15] = byte(k>>8), byte(k), 0x4d
		j := &market.Job{ID: wire.NewJobID(id), Spec: s, Consumer: "0x00000000000000000000000000000000000000c0"}
		jobs = append(jobs, j)
		e.step(market.Submit{Job: j})
	}
	return jobs
}

func (e *engine) done(jobs []*market.Job) bool {
	for _, j := range jobs {
		if !j.State.Terminal() {
			return false
		}
	}
	return true
}

func key(t wire.TaskID, attempt int) string { return fmt.Sprintf("%s#%d", t, attempt) }

// perform carries out the market's actions; nothing here is durable, so
// the Ready's persistence part is skipped.
func (e *engine) perform(rd market.Ready) {
	for _, ef := range rd.Actions {
		switch ef := ef.(type) {
		case market.RequestBid:
			e.push(event{at: e.now + 10*time.Millisecond, kind: evBid, bid: &ef})
		case market.Assign:
			e.start(ef)
		case market.Abort:
			if r := e.runs[key(ef.Task, ef.Attempt)]; r != nil && !r.aborted {
				// Stopped at once: its slot is free when the abort lands.
				r.aborted = true
				k := provcore.Key{Task: ef.Task, Attempt: ef.Attempt}
				r.prov.m.Step(e.at(), provcore.Cancelled{Key: k})
				r.prov.m.Step(e.at(), provcore.ExecutionFinished{Key: k})
			}
		case market.Pay:
			if e.lied[key(ef.Task, ef.Attempt)] {
				e.res.WrongPaid++
			}
		case market.Reject:
			e.res.Rejected++
			if p := e.byPeer[ef.Peer]; p != nil && p.strategy == WrongAfterTrust && e.lied[key(ef.Task, ef.Attempt)] {
				p.honest = e.cfg.TrustBuild // caught: behave again to rebuild trust
			}
		}
	}
}

// answer is a provider's reply to a bid request, as its machine decides.
func (e *engine) answer(r market.RequestBid) {
	p := e.byPeer[r.Peer]
	rd := p.m.Step(e.at(), provcore.BidRequested{Peer: consumer, Req: r.Req})
	e.step(market.BidIn{Job: r.Req.Job, Peer: r.Peer, Bid: rd.Answers[0].Bid})
}

func (e *engine) start(a market.Assign) {
	p := e.byPeer[a.Peer]
	if rd := p.m.Step(e.at(), provcore.TaskAssigned{Session: 1, Peer: consumer, Assign: a.Msg}); len(rd.Runs) == 0 {
		// Refused (more than it bid, or a duplicate): the attempt fails as
		// the provider's fault.
		why := "a duplicate assignment"
		if len(rd.Sends) > 0 {
			why = rd.Sends[0].Result.Message
		}
		e.step(market.Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: market.Verdict{Reason: "provider refused the task: " + why}})
		return
	}
	r := &run{a: a, prov: p}
	e.runs[key(a.Msg.Spec.Task, a.Msg.Spec.Attempt)] = r
	e.res.Executions++
	sr := e.res.ByStrategy[p.strategy]
	sr.Executions++
	e.res.ByStrategy[p.strategy] = sr
	d := time.Duration(float64(e.cfg.TaskTime) * (0.5 + e.rng.Float64()))
	e.push(event{at: e.now + d, kind: evDone, run: r})
}

// lie decides whether p returns a wrong result now.
func (e *engine) lie(p *provider) bool {
	switch p.strategy {
	case AlwaysWrong:
		return true
	case SometimesWrong:
		return e.rng.Float64() < e.cfg.WrongRate
	case WrongAfterTrust:
		if p.honest > 0 {
			p.honest--
			return false
		}
		return true
	}
	return false
}

func honestRoot(t wire.TaskID) wire.CID { return wire.CIDOf([]byte("honest/" + t.String())) }

func outputs(c wire.CID) wire.Manifest {
	return wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "out", Size: 1, CID: c}}}
}

func (e *engine) finish(r *run) {
	if r.aborted {
		return
	}
	r.prov.m.Step(e.at(), provcore.ExecutionFinished{Key: provcore.Key{Task: r.a.Msg.Spec.Task, Attempt: r.a.Msg.Spec.Attempt}})
	t, n := r.a.Msg.Spec.Task, r.a.Msg.Spec.Attempt
	content := honestRoot(t)
	if r.lie = e.lie(r.prov); r.lie {
		e.res.Lies++
		sr := e.res.ByStrategy[r.prov.strategy]
		sr.Lies++
		e.res.ByStrategy[r.prov.strategy] = sr
		e.lied[key(t, n)] = true
		content = wire.CIDOf([]byte(fmt.Sprintf("wrong/%s/%s", r.prov.peer, t)))
		if e.cfg.Collude {
			content = wire.CIDOf([]byte("wrong/" + t.String()))
		}
	}
	e.step(market.Outcome{Task: t, Attempt: n, Verdict: market.Verdict{OK: true, Outputs: outputs(content), Duration: e.cfg.TaskTime, Benchmark: 100}})
}

func (e *engine) tally(jobs []*market.Job) {
	var end time.Time
	for _, j := range jobs {
		if j.EndedAt.After(end) {
			end = j.EndedAt
		}
		for _, t := range j.Tasks {
			switch t.State {
			case market.TaskVerified:
				e.res.Verified++
				id := wire.TaskID{Job: j.ID, Index: t.Index}
				if t.OutputRoot != outputs(honestRoot(id)).Root() {
					e.res.WrongAccepted++
					if p := e.byPeer[t.Provider]; p != nil {
						sr := e.res.ByStrategy[p.strategy]
						sr.WrongAccepted++
						e.res.ByStrategy[p.strategy] = sr
					}
				}
			case market.TaskFailed, market.TaskCancelled:
				e.res.Failed++
			default:
				e.res.Unfinished++
			}
		}
	}
	if !end.IsZero() {
		e.res.Makespan = end.Sub(e.epoch)
	}
	e.res.WrongRate = float64(e.res.WrongAccepted) / float64(e.res.Tasks)
	e.res.Replicas = float64(e.res.Executions) / float64(e.res.Tasks)
}

// String summarises r on one line.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d/%d wrong accepted (%.3f%%), %.3f replicas/task, %d lies, %d failed", r.Policy, r.WrongAccepted, r.Tasks, 100*r.WrongRate, r.Replicas, r.Lies, r.Failed)
	return b.String()
}
